"""Time exporting a briefing pack: library -> Brief (exporters.assemble) -> .docx (write_brief).

    python -m benchmarks.export_bench [--sizes 100 2000] [--out benchmarks/out/export.json]

Builds a synthetic library through the real db functions (benchmarks/corpus.py: seed
sentences recombined, 50 clauses per document), then puts the officer's usual work on it:
every clause tagged, a note on every third clause (a meeting, and a highlighted span on
half of them), and for each size a saved brief with one section per document. Each size
is exported as a saved brief and by clause ids (the largest also by tag); times are the
median of `--repeat` runs, each a fresh assemble + write over the same file. `cli_s` is one
`policybrief export --brief` in a new process, Python start-up and imports included.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import corpus
from db import add_documents, document_clauses, list_documents, open_library
from db.briefs import add_to_brief, create_brief
from db.notes import add_note
from db.tags import tag_clauses
from exporters.assemble import brief_from_clauses, brief_from_library, brief_from_tags, note_count
from exporters.docx_writer import write_brief

NOTE_EVERY = 3
TARGET_2000_S = 10.0


def _library(path: Path, clauses: int) -> list[tuple[str, list]]:
    """The synthetic library at `path`, worked on; returns (document title, clauses) in id order."""
    with open_library(path) as lib:
        add_documents(lib, corpus.documents(clauses))
        docs = sorted(list_documents(lib), key=lambda d: d.id)
        per_doc = [(d.title, document_clauses(lib, d.id)) for d in docs]
        every = [c for _, cs in per_doc for c in cs]
        tag_clauses(lib, [c.id for c in every], ["全部"])
        for n, c in enumerate(every):
            if n % NOTE_EVERY:
                continue
            span = (0, min(8, len(c.text))) if n % (2 * NOTE_EVERY) == 0 else None
            add_note(lib, c.id, f"第{n + 1}条批注：会后核实口径。", meeting="专题会", span=span)
    return per_doc


def _median_run(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _export(lib, make, target: Path, repeat: int) -> dict:
    assemble_s, brief = _median_run(lambda: make(lib), repeat)
    write_s, _ = _median_run(lambda: write_brief(brief, target), repeat)
    total_s, _ = _median_run(lambda: write_brief(make(lib), target), repeat)
    return {
        "assemble_s": round(assemble_s, 3),
        "write_s": round(write_s, 3),
        "total_s": round(total_s, 3),
        "sections": len(brief.sections),
        "clauses": len(brief.items),
        "notes": note_count(brief),
        "docx_bytes": target.stat().st_size,
    }


def _cli(library: Path, brief_id: int, target: Path) -> float:
    """`policybrief export --brief` in a fresh process, as the officer runs it (imports included)."""
    argv = ["export", str(target), "--brief", str(brief_id), "--library", str(library)]
    code = "import sys; from desktop.cli import main; sys.exit(main(sys.argv[1:]))"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *argv], check=True, capture_output=True)
    return round(time.perf_counter() - start, 3)


def run(sizes: list[int], out: Path, workdir: Path | None = None, repeat: int = 3) -> dict:
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        per_doc = _library(folder / "library.db", max(sizes))
        build_s = time.perf_counter() - started
        results = []
        with open_library(folder / "library.db") as lib:
            for size in sizes:
                picked: list[tuple[str, list]] = []
                left = size
                for title, clauses in per_doc:
                    if left <= 0:
                        break
                    picked.append((title, clauses[:left]))
                    left -= len(picked[-1][1])
                saved = create_brief(lib, f"{size} 条简报", subtitle="基准测试")
                for title, clauses in picked:
                    add_to_brief(lib, saved.id, [c.id for c in clauses], section=title)
                ids = [c.id for _, cs in picked for c in cs]
                target = folder / f"brief-{size}.docx"
                row = {"size": size}
                row["brief"] = _export(
                    lib, lambda lib, b=saved.id: brief_from_library(lib, b), target, repeat
                )
                row["clauses"] = _export(
                    lib, lambda lib, ids=ids: brief_from_clauses(lib, ids), target, repeat
                )
                if size == max(sizes):  # the tag is on every clause of the library
                    row["tag"] = _export(lib, lambda lib: brief_from_tags(lib, ["全部"]), target, repeat)
                row["cli_s"] = _cli(folder / "library.db", saved.id, target)
                results.append(row)
                print(f"{size:>6} clauses: {json.dumps(row['brief'], ensure_ascii=False)}", file=sys.stderr)
    report = {
        "machine": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
        },
        "library": {"clauses": max(sizes), "notes_every": NOTE_EVERY, "build_s": round(build_s, 1)},
        "repeat": repeat,
        "results": results,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "target": {"2000_clauses_total_s": TARGET_2000_S},
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Shared with benchmarks/__main__.py's `export` sub-command."""
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 2000], metavar="N")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--out", type=Path, default=Path("benchmarks/out/export.json"))
    p.add_argument("--workdir", type=Path, default=None, help="where to build the library (default: temp)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.export_bench", description=__doc__.split("\n")[0]
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    report = run(sorted(set(args.sizes)), args.out, args.workdir, args.repeat)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
