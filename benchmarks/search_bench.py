"""Search benchmark: build a synthetic library through the real db functions, then time
`search` (count + top 20 + snippets) against a LIKE scan, check recall against a substring
scan of every clause, check each first page against the plain SQL order (FTS5 rank joined to
every hit, newest document first), and time the filters (document, issuer, dates, tag, note).
"""

from __future__ import annotations

import json
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from benchmarks.corpus import documents
from db import add_documents, matching_clause_ids, open_library, search
from db.baseline import build_reference_index, checkpoint, clause_texts, like_scan
from db.query import plan_query as plan_of
from db.textnorm import norm

QUERIES = [
    # 1 character
    "税", "园", "网", "芯", "奖",
    # 2 characters (the common case)
    "人才", "游戏", "算力", "版号", "数字", "数据", "软件", "动漫", "出海", "融资",
    "补贴", "资金", "开源", "芯片", "标准", "园区", "孵化", "专利", "信创",
    # 3 characters
    "元宇宙", "区块链", "云计算", "大数据", "物联网", "产业园", "湖里区", "服务业",
    # 4+ characters
    "数字经济", "人工智能", "知识产权", "数字化转型", "中小企业", "工业互联网", "集成电路",
    "高质量发展", "软件和信息技术服务业",
    # several words, a phrase, an exclusion, OR
    "产业园区 建设", "人才 引进", "算力 基础设施", "游戏 出海", "数据 安全", "元宇宙 OR 区块链",
    "数字 -经济", '"数字 经济"', "5G",
    # unspaced, need the jieba re-split
    "游戏出海政策", "算力基础设施建设", "数字经济中小企业",
]  # fmt: skip
BATCH = 100  # documents per transaction while building
FILTER_QUERIES = ["数字", "标准", "人才 引进", "元宇宙"]
FILTERS = [
    {"document_ids": [5, 6, 7]},
    {"issuer": "厦门"},
    {"since": "2024"},
    {"since": "2020", "until": "2021", "issuer": "人民政府"},
    {"tag": "重点"},
    {"tag": "算力"},
    {"has_note": True},
    {"has_note": False},
    {"tag": "算力", "issuer": "厦门"},
]


def _reference_page(lib, query: str, limit: int = 20) -> list[int]:
    """The first page by the straightforward statement the fast path must agree with: FTS5's own
    bm25 (`rank`, reading its length table) on a plain index of the same bigrams (temp.ref_fts,
    built once per run), joined to every hit for the date."""
    plan = plan_of(query)
    if not plan.match or plan.verify:
        return []
    rows = lib.conn.execute(
        "SELECT f.rowid FROM ref_fts f JOIN clauses c ON c.id = f.rowid JOIN documents d ON d.id = c.document_id"
        " WHERE ref_fts MATCH ? ORDER BY f.rank, d.issued_date DESC, c.id LIMIT ?",
        (plan.match, limit),
    ).fetchall()
    return [r[0] for r in rows]


def _seed_work(lib, clauses: int) -> None:
    """Tags and notes on a deterministic sample of clauses, through the real db functions."""
    from db.notes import add_note
    from db.tags import tag_clauses

    rng = random.Random(7)
    ids = rng.sample(range(1, clauses + 1), min(clauses, 3000))
    tag_clauses(lib, ids[:2000], ["算力"])  # 1 % of a 200k library
    tag_clauses(lib, ids[1000:3000:10], ["重点"])
    for i in ids[2000:3000]:
        add_note(lib, i, "会上讨论")


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _timed(fn, repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def _summary(ms: list[float]) -> dict:
    return {"p50_ms": round(_pct(ms, 50), 2), "p95_ms": round(_pct(ms, 95), 2), "max_ms": round(max(ms), 2)}


def run(clauses: int, out: Path, workdir: Path | None = None) -> dict:
    workdir = workdir or Path(tempfile.mkdtemp(prefix="pb-bench-"))
    path = workdir / "bench.db"
    path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    with open_library(path) as lib:
        docs = documents(clauses)
        while batch := list(islice(docs, BATCH)):
            add_documents(lib, batch, optimize=False)
        t_insert = time.perf_counter() - t0
        add_documents(lib, [], optimize=True)
        checkpoint(lib)
        build = time.perf_counter() - t0
        size = path.stat().st_size
        texts = [(i, norm(t)) for i, t in clause_texts(lib)]
        build_reference_index(lib.conn)  # not timed: only to check the first pages
        search(lib, "预热")  # warm the page cache and load jieba outside the timings
        search(lib, "预热查询词语")
        rows, fts_ms, like_ms = [], [], []
        for q in QUERIES:
            ms, result = _timed(lambda q=q: search(lib, q, limit=20))
            words = list(result.words)
            # ground truth: substring scan with the query's own semantics (and re-split words)
            plan_query = q if not result.resplit else " ".join(words)
            got = set(matching_clause_ids(lib, plan_query))
            plan = plan_of(plan_query)
            truth = {i for i, t in texts if plan.accepts(t)}
            recall = len(got & truth) / len(truth) if truth else 1.0
            plain = [x for x in words if not x.startswith("-")]
            lms, like_ids = _timed(lambda w=plain: like_scan(lib, w))
            like_recall = len(set(like_ids) & truth) / len(truth) if truth else 1.0
            ref = _reference_page(lib, q) if not result.resplit else []
            order_exact = not ref or [h.clause_id for h in result.hits] == ref
            if "OR" in q.split() or " -" in q or q.startswith('"'):
                like_recall = None  # LIKE baseline only does AND of plain words
            fts_ms.append(ms)
            like_ms.append(lms)
            rows.append(
                {
                    "query": q,
                    "resplit": result.resplit,
                    "total": result.total,
                    "truth": len(truth),
                    "recall": round(recall, 4),
                    "total_exact": result.total == len(truth),
                    "order_exact": order_exact,
                    "search_ms": round(ms, 2),
                    "like_ms": round(lms, 2),
                    "like_recall": None if like_recall is None else round(like_recall, 4),
                }
            )
        _seed_work(lib, clauses)
        filtered, filtered_ms = [], []
        for q in FILTER_QUERIES:
            for f in FILTERS:
                ms, result = _timed(lambda q=q, f=f: search(lib, q, limit=20, **f))
                filtered_ms.append(ms)
                filtered.append({"query": q, "filters": f, "total": result.total, "search_ms": round(ms, 2)})
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "loadavg_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "clauses": clauses,
        "characters": sum(len(t) for _, t in texts),
        "build_s": round(build, 1),
        "insert_s": round(t_insert, 1),
        "file_mb": round(size / 1e6, 1),
        "queries": len(QUERIES),
        "recall_min": min(r["recall"] for r in rows),
        "totals_exact": all(r["total_exact"] for r in rows),
        "first_pages_exact": all(r["order_exact"] for r in rows),
        "search": _summary(fts_ms),
        "like": _summary(like_ms),
        "speedup_p50": round(_pct(like_ms, 50) / _pct(fts_ms, 50), 1),
        "filtered": _summary(filtered_ms),
        "per_query": rows,
        "per_filtered_query": filtered,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    path.unlink(missing_ok=True)
    return report
