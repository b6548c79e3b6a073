"""Search benchmark: build a synthetic library through the real db functions, then time
`search` (count + top 20 + snippets) against a LIKE scan, and check recall against a
substring scan of every clause.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from benchmarks.corpus import documents
from db import add_documents, matching_clause_ids, open_library, search
from db.baseline import checkpoint, clause_texts, like_scan
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
                    "search_ms": round(ms, 2),
                    "like_ms": round(lms, 2),
                    "like_recall": None if like_recall is None else round(like_recall, 4),
                }
            )
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "clauses": clauses,
        "characters": sum(len(t) for _, t in texts),
        "build_s": round(build, 1),
        "insert_s": round(t_insert, 1),
        "file_mb": round(size / 1e6, 1),
        "queries": len(QUERIES),
        "recall_min": min(r["recall"] for r in rows),
        "totals_exact": all(r["total_exact"] for r in rows),
        "search": _summary(fts_ms),
        "like": _summary(like_ms),
        "speedup_p50": round(_pct(like_ms, 50) / _pct(fts_ms, 50), 1),
        "per_query": rows,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    path.unlink(missing_ok=True)
    return report
