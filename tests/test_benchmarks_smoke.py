"""`python -m benchmarks all` end to end on a tiny library, so the benchmark code cannot rot.

The numbers are not checked (a 2,000-clause library on a busy CI machine says nothing about
the targets); the shape of the JSON is, because docs/benchmarks.md is written from it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PER_SIZE_KEYS = {
    "import": {
        "files",
        "chars",
        "library_clauses",
        "single_s",
        "single_chars_per_s",
        "single_parse_s",
        "single_insert_s",
        "pool_s",
        "pool_workers",
        "pool_chars_per_s",
        "pool_chars_per_s_per_core",
        "jieba_chars_per_s",
        "jieba_sample_chars",
        "single_vs_jieba",
        "pool_per_core_vs_jieba",
        "loadavg_1m",
    },
    "search": {
        "build_s",
        "file_mb",
        "queries",
        "recall_min",
        "totals_exact",
        "p50_ms",
        "p95_ms",
        "max_ms",
        "like_p50_ms",
        "like_p95_ms",
        "speedup_p50",
        "loadavg_1m",
    },
    "app": {
        "library_mb",
        "first_window_s",
        "first_window_in_process_s",
        "first_search_result_s",
        "runs",
        "keystroke_p50_ms",
        "keystroke_p95_ms",
        "keystroke_max_ms",
        "debounce_ms",
        "gui_block_max_ms",
        "loadavg_1m",
    },
    "memory": {"empty_rss_mb", "smoke_rss_mb", "typing_rss_mb", "peak_rss_mb"},
}
TOP_KEYS = {
    "date",
    "machine",
    "loadavg_start",
    "loadavg_end",
    "sizes",
    "quick",
    "per_size",
    "export",
    "startup_demo",
    "growth",
    "targets",
    "targets_at",
    "all_pass",
    "wall_s",
}
MACHINE_KEYS = {"cpu", "cpus", "memory_gb", "platform", "python", "sqlite", "pyside6"}
# the files each part writes, named by size, for anyone who wants the raw numbers
FILES = ["import-2000.json", "search-2000.json", "app-2000.json", "memory-2000.json", "export.json"]


@pytest.fixture(scope="module")
def summary(tmp_path_factory) -> tuple[dict, Path, float, str]:
    out = tmp_path_factory.mktemp("bench-out")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "all", "--sizes", "2000", "--quick", "--out-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    seconds = time.perf_counter() - started
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads((out / "summary.json").read_text(encoding="utf-8")), out, seconds, proc.stdout


def test_summary_has_every_key(summary):
    report, out, _, _ = summary
    assert report.keys() >= TOP_KEYS, TOP_KEYS - report.keys()
    assert report["machine"].keys() >= MACHINE_KEYS
    assert report["sizes"] == [2000] and report["quick"] is True
    (size,) = report["per_size"]
    for section, keys in PER_SIZE_KEYS.items():
        assert keys <= size[section].keys(), (section, keys - size[section].keys())
    for name in FILES:
        assert (out / name).is_file(), name


def test_every_figure_is_measured(summary):
    report, _, _, _ = summary
    (size,) = report["per_size"]
    for section, keys in PER_SIZE_KEYS.items():
        for key in keys:
            assert size[section][key] is not None, f"{section}.{key}"
    assert size["import"]["library_clauses"] >= 2000  # every file imported, none a duplicate
    assert size["search"]["recall_min"] == 1.0
    assert size["memory"]["peak_rss_mb"] > 50  # a real Qt process, not this test's own rusage
    assert len(report["export"]["results"]) == 2
    assert {"first_window_s", "first_search_result_s"} <= report["startup_demo"].keys()


def test_targets_and_growth_are_listed(summary):
    report, _, _, stdout = summary
    assert len(report["targets"]) == 7
    for target in report["targets"]:
        assert {"target", "measured", "pass"} <= target.keys()
    rows = report["growth"]["rows"]
    assert rows and all({"figure", "values", "ratio"} <= r.keys() for r in rows)
    assert "Targets at 2,000 clauses" in stdout and "Growth" in stdout
