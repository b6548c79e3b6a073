"""python -m benchmarks search [--clauses 200000] [--out benchmarks/out/search.json]"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    sub = parser.add_subparsers(dest="bench", required=True)
    p = sub.add_parser("search", help="build a synthetic library and time search vs LIKE")
    p.add_argument("--clauses", type=int, default=200_000)
    p.add_argument("--out", type=Path, default=Path("benchmarks/out/search.json"))
    p.add_argument("--workdir", type=Path, default=None, help="where to build the library (default: temp)")
    args = parser.parse_args(argv)
    from benchmarks.search_bench import run

    report = run(args.clauses, args.out, args.workdir)
    summary = {k: v for k, v in report.items() if not k.startswith("per_")}
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
