"""Peak memory (RSS) of the real app process with a library open.

    python -m benchmarks.memory_bench --library BIG.db [--out benchmarks/out/memory.json]
    python -m benchmarks.memory_bench --clauses 200000      (builds the library first)

Three child processes, each measured on its own with os.wait4 in a small launcher process,
which returns that child's rusage (ru_maxrss = its peak resident set) — unlike
getrusage(RUSAGE_CHILDREN), which keeps the maximum of every child a process ever waited for
(the import benchmark's pool workers, say); see _LAUNCHER for why a launcher:

- empty:  `python -m desktop --library EMPTY --smoke`: the app with nothing in it (the floor);
- smoke:  `python -m desktop --library BIG --smoke`: start, open the library, search once, quit;
- typing: the real MainWindow on BIG while benchmarks.app_bench.typing types its ten queries
  keystroke by keystroke (so it also yields keystroke-to-results for the app benchmark), then
  five search hits opened in the reading view, each given time for its similar clauses, citations
  and tag suggestions (computed in the background); jieba is loaded first, as the app's warm_up
  does right after opening a library.

Qt runs offscreen (no display here), so window surfaces live in ordinary memory; on a desktop
the compositor's buffers are not counted in the process's RSS either.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

TARGET_RSS_MB = 400.0
SMOKE_HITS = re.compile(r"hits (\d+)")
READ_CLAUSES = 5
READ_PUMP_S = 1.5  # per clause: similar clauses and tag suggestions take up to ~0.4 s at 200k
_CHILD = "import sys; from benchmarks.memory_bench import typing_child; typing_child(sys.argv[1], float(sys.argv[2]))"


def app_env(home: Path) -> dict[str, str]:
    """A private HOME and XDG folders, so the app neither reads nor writes the user's settings
    (the last library, window geometry) and jieba's cache lands in a throwaway folder."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }


# A fresh, small interpreter starts the measured program and reports wait4's rusage of it.
# Why not wait4 from here: on Linux a child's ru_maxrss starts from the RSS of the process it
# was forked from (exec keeps the old high-water mark), and this process holds a 200k-clause
# corpus by then, so every child would "peak" at this process's size. The launcher is ~10 MB.
_LAUNCHER = """
import json, os, subprocess, sys, threading
proc = subprocess.Popen(sys.argv[3:])
killer = threading.Timer(float(sys.argv[2]), proc.kill)
killer.start()
_, status, usage = os.wait4(proc.pid, 0)
killer.cancel()
with open(sys.argv[1], "w") as fh:
    json.dump({"code": os.waitstatus_to_exitcode(status), "maxrss_kb": usage.ru_maxrss}, fh)
"""


def run_child(argv: list[str], env: dict[str, str], timeout: float = 300.0) -> dict:
    """Run argv to the end; its stdout, wall time and its own peak RSS in MB."""
    with tempfile.TemporaryDirectory(prefix="pb-rss-") as tmp:
        usage_file = Path(tmp) / "usage.json"
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(usage_file), str(timeout), *argv],
            capture_output=True,
            env=env,
            cwd=Path(__file__).resolve().parents[1],
            timeout=timeout + 30,
        )
        wall = time.perf_counter() - started
        usage = json.loads(usage_file.read_text()) if usage_file.exists() else {"code": proc.returncode}
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0 or usage["code"] != 0:
        raise RuntimeError(f"{argv[1:]} exited {usage['code']}: {stderr[-2000:]}")
    return {
        "stdout": proc.stdout.decode("utf-8", "replace"),
        "rss_mb": round(usage["maxrss_kb"] / 1024, 1),  # Linux reports kilobytes
        "wall_s": round(wall, 2),
    }


def smoke_rss(library: Path, env: dict[str, str]) -> dict:
    result = run_child([sys.executable, "-m", "desktop", "--library", str(library), "--smoke"], env)
    hits = SMOKE_HITS.search(result["stdout"])
    return {"rss_mb": result["rss_mb"], "wall_s": result["wall_s"], "hits": int(hits[1]) if hits else None}


def typing_child(library: str, pump_s: float = READ_PUMP_S) -> None:
    """Runs in the measured child: type, then read. Prints one `TYPING {json}` line."""
    from db.segment import cut

    cut("数字经济")  # what desktop.app.warm_up does in the background after opening a library
    from benchmarks.app_bench import QUERIES, typing

    result = typing(Path(library), QUERIES)
    result["clauses_read"] = read_clauses(Path(library), pump_s)
    print("TYPING " + json.dumps(result), flush=True)


def read_clauses(library: Path, pump_s: float = READ_PUMP_S) -> int:
    """Open a few search hits in the reading view and let the background insights finish."""
    from PySide6.QtCore import QElapsedTimer, QSettings
    from PySide6.QtWidgets import QApplication

    from db import open_library, search
    from desktop.main_window import MainWindow

    with open_library(library) as lib:
        hits = search(lib, "数字经济", limit=READ_CLAUSES).hits
    app = QApplication.instance() or QApplication([])
    window = MainWindow(QSettings(str(library.with_suffix(".ini")), QSettings.Format.IniFormat))
    window.show()
    window.open_library(library)
    clock = QElapsedTimer()
    for hit in hits:
        window.open_clause(hit.document_id, hit.clause_id)
        clock.start()
        while clock.elapsed() < pump_s * 1000:
            app.processEvents()
    window.close()
    app.processEvents()
    return len(hits)


def typing_rss(library: Path, env: dict[str, str], pump_s: float = READ_PUMP_S) -> dict:
    """The app's MainWindow while typing searches: peak RSS, and app_bench.typing's latencies."""
    result = run_child([sys.executable, "-c", _CHILD, str(library), str(pump_s)], env)
    line = next(ln for ln in result["stdout"].splitlines() if ln.startswith("TYPING "))
    return {
        "rss_mb": result["rss_mb"],
        "wall_s": result["wall_s"],
        "typing": json.loads(line[len("TYPING ") :]),
    }


def clause_count(library: Path) -> int:
    from db import open_library
    from db.baseline import clause_texts

    with open_library(library) as lib:
        return sum(1 for _ in clause_texts(lib))


def run(
    library: Path, out: Path | None = None, home: Path | None = None, pump_s: float = READ_PUMP_S
) -> dict:
    home = home or Path(tempfile.mkdtemp(prefix="pb-mem-"))
    env = app_env(home)
    empty = smoke_rss(home / "empty.db", env)
    smoke = smoke_rss(library, env)
    typed = typing_rss(library, env, pump_s)
    peak = max(smoke["rss_mb"], typed["rss_mb"])
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "loadavg_1m": round(os.getloadavg()[0], 2),
        "library": str(library),
        "library_clauses": clause_count(library),
        "library_mb": round(library.stat().st_size / 1e6, 1),
        "empty_rss_mb": empty["rss_mb"],
        "smoke": smoke,
        "typing": typed,
        "peak_rss_mb": peak,
        "target_rss_mb": TARGET_RSS_MB,
        "pass": peak < TARGET_RSS_MB,
    }
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Shared with benchmarks/__main__.py's `memory` sub-command."""
    p.add_argument("--library", type=Path, default=None, help="an existing library (default: build one)")
    p.add_argument("--clauses", type=int, default=200_000, help="size of the library to build")
    p.add_argument("--out", type=Path, default=Path("benchmarks/out/memory.json"))


def main_with(args: argparse.Namespace) -> dict:
    if args.library is not None:
        return run(args.library, args.out)
    from benchmarks.app_bench import build_library

    with tempfile.TemporaryDirectory(prefix="pb-mem-") as tmp:
        library = Path(tmp) / "library.db"
        build_library(library, args.clauses)
        return run(library, args.out, Path(tmp) / "home")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.memory_bench", description=__doc__.split("\n")[0]
    )
    add_arguments(parser)
    print(json.dumps(main_with(parser.parse_args(argv)), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
