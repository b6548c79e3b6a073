"""Start-up of the command line beside Python's own (issue 19's target: `--version` and `search`
within `python -c "import sqlite3"` + 0.2 s), each the median of fresh processes in the same run.

    python -m benchmarks cli [--runs 9]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _median_s(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, cwd=REPO, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(runs: int = 9) -> dict:
    from db import open_library
    from desktop.demo import fill_with_demo

    with tempfile.TemporaryDirectory(prefix="pb-cli-") as tmp:
        library = Path(tmp) / "demo.db"
        with open_library(library) as lib:
            fill_with_demo(lib)
        python = [sys.executable]
        baseline = _median_s([*python, "-c", "import sqlite3"], runs)
        version = _median_s([*python, "-m", "desktop", "--version"], runs)
        search = _median_s([*python, "-m", "desktop", "search", "人才", "--library", str(library)], runs)
        docs = _median_s([*python, "-m", "desktop", "docs", "--library", str(library)], runs)
    return {
        "runs": runs,
        "python_import_sqlite3_s": round(baseline, 3),
        "version_s": round(version, 3),
        "search_s": round(search, 3),
        "docs_s": round(docs, 3),
        "target_s": round(baseline + 0.2, 3),
        "version_meets_target": version <= baseline + 0.2,
        "search_meets_target": search <= baseline + 0.2,
    }
