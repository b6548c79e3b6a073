"""python -m benchmarks <search|import|export|app|memory|all> [options]

    search   build a synthetic library, time search vs LIKE, recall vs a substring scan
    import   write the corpus as .txt files, import them (single process, process pool) vs jieba
    export   export briefs of 100 and 2,000 clauses to Word
    app      the real app: first window, first search result, keystroke-to-results, RSS
    autosave the real window typing, SIGKILLed: the oldest keystroke lost (target 300 ms)
    cli      start-up of --version, search and docs beside `python -c "import sqlite3"`
    memory   peak RSS of the real app process with a large library open
    notes    import-notes of 200,000 notes: time, peak RSS, an idempotent re-import
    all      all of the above at --sizes (default 10000,50000,200000), growth and targets

JSON goes under benchmarks/out/ (gitignored); the numbers are written up in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path


def _sizes(text: str) -> list[int]:
    sizes = sorted({int(s.replace("_", "")) for s in text.split(",") if s.strip()})
    if not sizes or sizes[0] <= 0:
        raise argparse.ArgumentTypeError("sizes are positive clause counts, e.g. 10000,50000,200000")
    return sizes


def _print(report: dict) -> None:
    summary = {k: v for k, v in report.items() if not k.startswith("per_")}
    print(json.dumps(summary, ensure_ascii=False, indent=1))


def _app(args: argparse.Namespace) -> dict:
    """Start-up on the demo library and on a large one, then typing/reading/RSS on the large one."""
    from benchmarks import app_bench, memory_bench
    from benchmarks.growth import run_app, write_json
    from db import open_library
    from desktop.demo import fill_with_demo

    with tempfile.TemporaryDirectory(prefix="pb-app-") as tmp:
        work = Path(tmp)
        with open_library(work / "demo.db") as lib:
            fill_with_demo(lib)
        demo = app_bench.startup(work / "demo.db", args.runs, memory_bench.app_env(work / "home"))
        library = args.library
        if library is None:
            library = work / "library.db"
            app_bench.build_library(library, args.clauses)
        report = run_app(library, work / "home", args.runs, memory_bench.READ_PUMP_S)
    report["startup_demo"] = demo
    write_json(args.out, report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="bench", required=True)

    p = sub.add_parser("search", help="build a synthetic library and time search vs LIKE")
    p.add_argument("--clauses", type=int, default=200_000)
    p.add_argument("--out", type=Path, default=Path("benchmarks/out/search.json"))
    p.add_argument("--workdir", type=Path, default=None, help="where to build the library (default: temp)")

    from benchmarks import export_bench, import_bench, memory_bench, notes_import_bench

    import_bench.add_arguments(sub.add_parser("import", help="import throughput vs jieba's cut"))
    export_bench.add_arguments(sub.add_parser("export", help="export briefs to Word"))
    memory_bench.add_arguments(sub.add_parser("memory", help="peak RSS of the app with a library open"))
    notes_import_bench.add_arguments(sub.add_parser("notes", help="import-notes of 200,000 notes"))

    p = sub.add_parser("app", help="first window, first result, keystroke-to-results, RSS")
    p.add_argument("--clauses", type=int, default=200_000, help="size of the library to build")
    p.add_argument("--library", type=Path, default=None, help="an existing library (default: build one)")
    p.add_argument("--runs", type=int, default=5, help="app starts per library (medians reported)")
    p.add_argument("--out", type=Path, default=Path("benchmarks/out/app.json"))

    p = sub.add_parser("autosave", help="SIGKILL the typing window: how old a lost keystroke can be")
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--out", type=Path, default=Path("benchmarks/out/autosave.json"))

    p = sub.add_parser("cli", help="command-line start-up beside Python's own")
    p.add_argument("--runs", type=int, default=9)
    p.add_argument("--out", type=Path, default=Path("benchmarks/out/cli.json"))

    p = sub.add_parser("all", help="every benchmark at several sizes, growth and targets")
    p.add_argument(
        "--sizes", type=_sizes, default=[10_000, 50_000, 200_000], help="comma-separated clause counts"
    )
    p.add_argument("--quick", action="store_true", help="one run each, small exports (for the smoke test)")
    p.add_argument("--out-dir", type=Path, default=Path("benchmarks/out/all"))
    p.add_argument("--workdir", type=Path, default=None, help="where to build libraries (default: temp)")

    args = parser.parse_args(argv)
    if args.bench == "search":
        from benchmarks.search_bench import run

        _print(run(args.clauses, args.out, args.workdir))
    elif args.bench == "import":
        _print(import_bench.run(args.clauses, args.out, args.workdir, jieba_chars=args.jieba_chars))
    elif args.bench == "export":
        _print(export_bench.run(sorted(set(args.sizes)), args.out, args.workdir, args.repeat))
    elif args.bench == "notes":
        _print(notes_import_bench.run(args.notes, args.clauses, args.out, args.workdir))
    elif args.bench == "memory":
        _print(memory_bench.main_with(args))
    elif args.bench == "app":
        _print(_app(args))
    elif args.bench == "cli":
        from benchmarks.cli_bench import run as run_cli
        from benchmarks.growth import write_json

        report = run_cli(args.runs)
        write_json(args.out, report)
        _print(report)
    elif args.bench == "autosave":
        from benchmarks.autosave_bench import run as run_autosave
        from benchmarks.growth import write_json

        report = run_autosave(args.kills)
        write_json(args.out, report)
        _print(report)
    else:
        from benchmarks.growth import render_summary, run_all

        report = run_all(args.sizes, args.out_dir, args.quick, args.workdir)
        print(render_summary(report))
        print(f"\nJSON: {args.out_dir / 'summary.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
