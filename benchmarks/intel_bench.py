"""Policy-intelligence benchmark: `python -m benchmarks.intel_bench [--clauses 200000]`.

Builds a synthetic library (benchmarks/corpus.py, through the real db functions) unless
--library names one, then times similar_clauses on random clauses (p50/p95), checks its
recall against a brute-force scan of every clause, and times repeated_pairs for two
documents, targets and suggest_tags. JSON goes to benchmarks/out/intel.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from benchmarks.corpus import documents
from db import add_documents, open_library
from db.baseline import checkpoint, clause_texts
from db.intel import repeated_pairs, similar_clauses, suggest_tags, targets
from db.intel.textdiff import bigram_set, dice

LIMIT, MIN_SCORE = 10, 0.3


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _summary(ms: list[float]) -> dict:
    return {"p50_ms": round(_pct(ms, 50), 1), "p95_ms": round(_pct(ms, 95), 1), "max_ms": round(max(ms), 1)}


def _build(clauses: int, path: Path) -> float:
    path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    with open_library(path) as lib:
        docs = documents(clauses)
        while batch := list(islice(docs, 100)):
            add_documents(lib, batch, optimize=False)
        add_documents(lib, [], optimize=True)
        checkpoint(lib)
    return time.perf_counter() - t0


def _truth(lib, queries: list[int]) -> dict[int, list[float]]:
    """Brute force, one pass over every clause: the best LIMIT scores from other documents."""
    info = dict(lib.conn.execute("SELECT id, document_id FROM clauses").fetchall())
    texts = dict(
        lib.conn.execute(f"SELECT id, text FROM clauses WHERE id IN ({','.join(map(str, queries))})")
    )
    sets = {q: bigram_set(texts[q]) for q in queries}
    scores: dict[int, list[float]] = {q: [] for q in queries}
    for clause_id, text in clause_texts(lib):
        mine = bigram_set(text)
        for q in queries:
            if info[clause_id] != info[q]:
                score = dice(sets[q], mine)
                if score >= MIN_SCORE:
                    scores[q].append(score)
    return {q: sorted(s, reverse=True)[:LIMIT] for q, s in scores.items()}


def _recall(found: list[float], truth: list[float]) -> float:
    """Share of the true top scores matched, rank by rank (ties count as found)."""
    if not truth:
        return 1.0
    hits = sum(
        1 for k, best in enumerate(truth) if k < len(found) and found[k] >= best - 1e-4
    )  # found scores are rounded to 4 places
    return hits / len(truth)


def run(
    clauses: int, out: Path, workdir: Path | None, library: Path | None, queries: int, recall_queries: int
) -> dict:
    build_s = None
    if library is None:
        library = (workdir or Path(tempfile.mkdtemp(prefix="pb-intel-"))) / "bench.db"
        build_s = round(_build(clauses, library), 1)
    report: dict = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.system()}, Python {platform.python_version()}",
        "sqlite": sqlite3.sqlite_version,
        "build_s": build_s,
        "index_table_bytes": 0,  # candidates come from the existing bigram FTS index
    }
    with open_library(library) as lib:
        total = lib.conn.execute("SELECT count(*) FROM clauses").fetchone()[0]
        report["clauses"] = total
        rng = random.Random(9)
        ids = rng.sample(range(1, total + 1), queries)
        similar_clauses(lib, ids[0])  # warm the page cache outside the timings
        ms, found = [], {}
        for clause_id in ids:
            t0 = time.perf_counter()
            result = similar_clauses(lib, clause_id, limit=LIMIT, min_score=MIN_SCORE)
            ms.append((time.perf_counter() - t0) * 1000)
            found[clause_id] = [s.score for s in result]
        report["similar_clauses"] = {**_summary(ms), "queries": queries, "mean_results": round(
            sum(map(len, found.values())) / queries, 1)}  # fmt: skip
        sample = ids[:recall_queries]
        t0 = time.perf_counter()
        truth = _truth(lib, sample)
        recalls = [_recall(found[q], truth[q]) for q in sample]
        report["recall_at_10"] = {
            "mean": round(sum(recalls) / len(recalls), 3),
            "min": round(min(recalls), 3),
            "queries": len(sample),
            "brute_force_s": round(time.perf_counter() - t0, 1),
        }
        docs = [r[0] for r in lib.conn.execute("SELECT id FROM documents ORDER BY id LIMIT 2")]
        t0 = time.perf_counter()
        pairs = repeated_pairs(lib, docs)
        report["repeated_pairs_two_docs"] = {
            "ms": round((time.perf_counter() - t0) * 1000),
            "pairs": len(pairs),
        }
        doc_ids = [r[0] for r in lib.conn.execute("SELECT id FROM documents ORDER BY id LIMIT 100")]
        t0 = time.perf_counter()
        rows = targets(lib, document_ids=doc_ids)
        report["targets_100_docs"] = {"ms": round((time.perf_counter() - t0) * 1000), "targets": len(rows)}
        t0 = time.perf_counter()
        rows = targets(lib)
        report["targets_all"] = {"s": round(time.perf_counter() - t0, 1), "targets": len(rows)}
        suggest_tags(lib, ids[0])  # loads jieba (~0.5 s) outside the timings
        ms = []
        for clause_id in ids[:30]:
            t0 = time.perf_counter()
            suggest_tags(lib, clause_id)
            ms.append((time.perf_counter() - t0) * 1000)
        report["suggest_tags"] = _summary(ms)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.intel_bench")
    parser.add_argument("--clauses", type=int, default=200_000)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/intel.json"))
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where to build the library (default: temp)"
    )
    parser.add_argument(
        "--library", type=Path, default=None, help="time an existing library instead of building"
    )
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--recall-queries", type=int, default=30)
    args = parser.parse_args(argv)
    report = run(args.clauses, args.out, args.workdir, args.library, args.queries, args.recall_queries)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
