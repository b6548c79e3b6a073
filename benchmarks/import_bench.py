"""Import throughput of the whole pipeline, in characters per second, against jieba's raw `cut`.

    python -m benchmarks.import_bench [--clauses 200000] [--out benchmarks/out/import.json]

The synthetic corpus (benchmarks/corpus.py) is written out as real .txt files laid out like the
seed documents (issuer, 文号, title, addressee, 一、/（一）/1. numbering, signature and date; every
fifth file in GB18030), so every stage runs: read + decode -> clean -> metadata -> clause tree ->
db insert with the bigram FTS index, one transaction per file as the app does it.

- single: one process, the loop of `desktop.import_service.import_one` (import_file, then
  add_document), with the two halves timed separately;
- pool: `ProcessPoolExecutor` on every core parses (import_file), the parent inserts as results
  arrive (SQLite has one writer anyway);
- jieba: `db.segment.cut` (jieba accurate mode, HMM, the policy-terms dictionary: what the app
  would use) over the same decoded file texts, one process, dictionary load excluded.

jieba is not in the import path (the index is character bigrams), so the target is import
faster than jieba per core. jieba is slow (~0.5 M chars/s), so at large sizes it runs over an
evenly spread sample of the files (`--jieba-chars`, default 4 M characters): a rate, measured on
the same kind of text in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.corpus import documents
from importers.model import ParsedDocument

JIEBA_CHARS = 4_000_000
GB18030_EVERY = 5  # real offices still save GBK text; the decoder's plausibility check runs on these
_LEADING_LABEL = re.compile(r"^[一二三四五六七八九十]+、")
_CN = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..99 as Chinese numerals the way documents write them: 十, 十一, 二十三."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN[ones]
    return ("" if tens == 1 else _CN[tens]) + "十" + ("" if ones == 0 else _CN[ones])


def render(doc: ParsedDocument) -> str:
    """One synthetic document as an office would save it: letterhead, body, signature.

    Heading clauses of the corpus (一、…) start a new top-level section; other clauses
    alternate between （n） items and 1. sub-items, so the clause tree has three levels."""
    meta = doc.metadata
    year, month, day = (int(x) for x in meta.issued_date.split("-"))
    lines = [
        meta.issuer,
        meta.doc_number,
        f"{meta.issuer}关于印发{meta.title}的通知",
        "各有关单位：",
        f"为贯彻落实有关决策部署，现将《{meta.title}》印发给你们，请认真组织实施。",
    ]
    section = item = sub = 0
    for n, clause in enumerate(doc.clauses):
        text = clause.text
        if _LEADING_LABEL.match(text) or n == 0:
            section += 1
            item = sub = 0
            heading = _LEADING_LABEL.sub("", text) if _LEADING_LABEL.match(text) else "总体要求"
            lines.append(f"{cn_number(section)}、{heading}")
            if not _LEADING_LABEL.match(text):
                lines.append(f"（一）{text}")
                item = 1
            continue
        if item == 0 or n % 3 == 0:
            item += 1
            sub = 0
            lines.append(f"（{cn_number(item)}）{text}")
        else:
            sub += 1
            lines.append(f"{sub}. {text}")
    lines += [meta.issuer, f"{year}年{month}月{day}日", "（此件公开发布）"]
    # blank lines between paragraphs, as in the seeds (and as text copied from a PDF)
    return "\n\n".join(lines) + "\n"


def write_sources(clauses: int, folder: Path) -> tuple[list[Path], int]:
    """The corpus as .txt files in `folder`; returns the paths and their total characters."""
    folder.mkdir(parents=True, exist_ok=True)
    paths, chars = [], 0
    for i, doc in enumerate(documents(clauses), start=1):
        text = render(doc)
        path = folder / f"{i:06d}.txt"
        path.write_bytes(text.encode("gb18030" if i % GB18030_EVERY == 0 else "utf-8"))
        paths.append(path)
        chars += len(text)
    return paths, chars


def _read_text(path: Path) -> str:
    from importers.decode import decode_bytes

    return decode_bytes(path.read_bytes(), path.name)


def import_single(paths: list[Path], library: Path) -> dict:
    """The app's own import loop (import_service.import_one) with parse and insert timed apart."""
    from db import add_document, open_library
    from importers import import_file

    parse_s = insert_s = 0.0
    statuses: dict[str, int] = {}
    clause_count = 0
    started = time.perf_counter()
    with open_library(library) as lib:
        for path in paths:
            t0 = time.perf_counter()
            parsed = import_file(path)
            t1 = time.perf_counter()
            outcome = add_document(lib, parsed)
            insert_s += time.perf_counter() - t1
            parse_s += t1 - t0
            statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
            clause_count += outcome.clauses
    total = time.perf_counter() - started
    return {
        "seconds": round(total, 2),
        "parse_s": round(parse_s, 2),
        "insert_s": round(insert_s, 2),
        "statuses": statuses,
        "clauses": clause_count,
    }


def import_pool(paths: list[Path], library: Path, workers: int) -> dict:
    """Parsing in a process pool on every core; inserts in this process, in file order."""
    from db import add_document, open_library
    from importers import import_file

    statuses: dict[str, int] = {}
    clause_count = 0
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool, open_library(library) as lib:
        # chunks keep the per-task pickling overhead small against a ~10 ms parse per file
        for parsed in pool.map(import_file, paths, chunksize=8):
            outcome = add_document(lib, parsed)
            statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
            clause_count += outcome.clauses
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "workers": workers,
        "statuses": statuses,
        "clauses": clause_count,
    }


def jieba_cut(paths: list[Path], max_chars: int) -> dict:
    """db.segment.cut over the decoded texts of an evenly spread sample of `paths`."""
    from db.segment import cut

    cut("预热")  # dictionary load (~0.5 s) is start-up, not throughput
    texts = [_read_text(p) for p in paths]
    total = sum(map(len, texts))
    step = max(1, -(-total // max_chars))  # every step-th file, so the sample spans the corpus
    sample = texts[::step]
    chars = sum(map(len, sample))
    started = time.perf_counter()
    words = sum(len(cut(t)) for t in sample)
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "chars": chars,
        "files": len(sample),
        "words": words,
        "chars_per_s": round(chars / seconds),
    }


def run(
    clauses: int,
    out: Path,
    workdir: Path | None = None,
    keep_library: Path | None = None,
    jieba_chars: int = JIEBA_CHARS,
) -> dict:
    """Generate the files, import them twice (single process, then the pool), time jieba.
    `keep_library`: where to leave the single-process library (for the app and memory runs)."""
    work = Path(tempfile.mkdtemp(prefix="pb-import-", dir=workdir))
    try:
        t0 = time.perf_counter()
        paths, chars = write_sources(clauses, work / "sources")
        generate_s = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in paths)
        single = import_single(paths, work / "single.db")
        workers = os.cpu_count() or 1
        pool = import_pool(paths, work / "pool.db", workers)
        jieba = jieba_cut(paths, jieba_chars)
        if keep_library is not None:
            keep_library.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("", "-wal", "-shm"):  # a WAL left behind holds committed rows too
                keep_library.with_name(keep_library.name + suffix).unlink(missing_ok=True)
                source = work / f"single.db{suffix}"
                if source.exists():
                    shutil.move(source, keep_library.with_name(keep_library.name + suffix))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    single_rate = chars / single["seconds"]
    pool_rate = chars / pool["seconds"]
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "loadavg_1m": round(os.getloadavg()[0], 2),
        "corpus_clauses": clauses,
        "files": len(paths),
        "chars": chars,
        "bytes": size,
        "generate_s": round(generate_s, 1),
        "single": {**single, "chars_per_s": round(single_rate)},
        "pool": {**pool, "chars_per_s": round(pool_rate), "chars_per_s_per_core": round(pool_rate / workers)},
        "jieba": jieba,
        # the target: import per core vs jieba on one core (jieba is not in the import path)
        "single_vs_jieba": round(single_rate / jieba["chars_per_s"], 2),
        "pool_per_core_vs_jieba": round(pool_rate / workers / jieba["chars_per_s"], 2),
        "pool_speedup": round(pool_rate / single_rate, 2),
        "parse_chars_per_s": round(chars / single["parse_s"]) if single["parse_s"] else None,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Shared with benchmarks/__main__.py's `import` sub-command."""
    p.add_argument("--clauses", type=int, default=200_000)
    p.add_argument("--out", type=Path, default=Path("benchmarks/out/import.json"))
    p.add_argument(
        "--workdir", type=Path, default=None, help="where to write files and libraries (default: temp)"
    )
    p.add_argument("--jieba-chars", type=int, default=JIEBA_CHARS, help="characters of the sample jieba cuts")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.import_bench", description=__doc__.split("\n")[0]
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    report = run(args.clauses, args.out, args.workdir, jieba_chars=args.jieba_chars)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
