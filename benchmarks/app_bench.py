"""The desktop app's own speed: time to first window, time to first search result, and
keystroke-to-results while typing on a large library (the GUI's real search path).

    python -m benchmarks.app_bench [--clauses 200000] [--out benchmarks/out/app.json]

Times to first window are measured from just before the process is spawned, so they
include the Python interpreter's start-up, as a user double-clicking the icon sees it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

SMOKE = re.compile(r"first window ([\d.]+)s.*hits (\d+), shown_at ([\d.]+), results_at ([\d.]+)")


def build_library(path: Path, clauses: int) -> None:
    from benchmarks.corpus import documents
    from db import add_documents, open_library

    with open_library(path) as lib:
        docs = documents(clauses)
        while batch := list(islice(docs, 100)):
            add_documents(lib, batch, optimize=False)
        add_documents(lib, [], optimize=True)


def startup(library: Path, runs: int, env: dict) -> dict:
    """Spawn the real app (`--smoke`) several times; report the medians."""
    firsts, results, inside = [], [], []
    for _ in range(runs):
        t0 = time.time()
        out = subprocess.run(
            [sys.executable, "-m", "desktop", "--library", str(library), "--smoke"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        ).stdout
        m = SMOKE.search(out)
        if not m:
            raise RuntimeError(f"no smoke line in: {out!r}")
        inside.append(float(m[1]))
        firsts.append(float(m[3]) - t0)
        results.append(float(m[4]) - t0)
    return {
        "first_window_s": round(statistics.median(firsts), 3),
        "first_window_in_process_s": round(statistics.median(inside), 3),
        "first_search_result_s": round(statistics.median(results), 3),
        "runs": runs,
    }


def typing(library: Path, queries: list[str], char_interval_ms: int = 90) -> dict:
    """Type each query one character at a time (as an input method commits them) and time
    last keystroke -> results shown; also the longest the GUI thread was blocked."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(library.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.show()
    window.open_library(library)
    clock = QElapsedTimer()
    clock.start()
    gaps, last_tick = [0], [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last_tick[0])
        last_tick[0] = now

    heartbeat = QTimer(interval=5)
    heartbeat.timeout.connect(tick)
    heartbeat.start()
    latencies = []
    done = {"at": None}

    def shown(_result) -> None:
        done["at"] = clock.elapsed()

    window.search_runner.resultReady.connect(shown)
    for query in queries:
        window.search_box.clear()
        app.processEvents()
        done["at"] = None
        typed_at = 0
        for ch in query:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(window.search_box, event)
            typed_at = clock.elapsed()
            end = typed_at + char_interval_ms
            while clock.elapsed() < end:
                app.processEvents()
        while done["at"] is None or done["at"] < typed_at:
            app.processEvents()
            if clock.elapsed() - typed_at > 10000:
                break
        latencies.append(done["at"] - typed_at if done["at"] else 10000)
    heartbeat.stop()
    window.close()
    ordered = sorted(latencies)
    return {
        "queries": len(queries),
        "keystroke_to_results_p50_ms": ordered[len(ordered) // 2],
        "keystroke_to_results_p95_ms": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "keystroke_to_results_max_ms": ordered[-1],
        "debounce_ms": window.search_panel.timer.interval(),
        "gui_thread_longest_block_ms": max(gaps),
    }


def views(library: Path, timeout_s: float = 600) -> dict:
    """Open every view and run every 分析 action as an officer would (one after the other, each to
    its end); report the longest the GUI thread was blocked, and where (issue 17: <= 100 ms)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(library.with_suffix(".views.ini")), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.show()
    window.open_library(library)
    from desktop.app import freeze_long_lived_objects

    app.processEvents()
    freeze_long_lived_objects()  # as the app does after opening the library
    clock = QElapsedTimer()
    clock.start()
    state = {"last": clock.elapsed(), "step": "", "worst": {}}

    def tick() -> None:
        now = clock.elapsed()
        gap = now - state["last"]
        state["last"] = now
        worst = state["worst"]
        worst[state["step"]] = max(worst.get(state["step"], 0), gap)

    heartbeat = QTimer(interval=5)
    heartbeat.timeout.connect(tick)
    heartbeat.start()

    def step(name: str, action, done=lambda: True) -> None:
        state["step"], state["last"] = name, clock.elapsed()
        action()
        end = clock.elapsed() + timeout_s * 1000
        while not done() and clock.elapsed() < end:
            app.processEvents()
        settle = clock.elapsed() + 200  # answers still arriving (a list refilled, a repaint)
        while clock.elapsed() < settle:
            app.processEvents()

    left = window.left
    step("首次显示", lambda: None)  # the library was opened just before: its first paint
    step("文库", lambda: left.setCurrentWidget(window.library_panel))
    docs = window.library_panel.model.rows
    step(
        "打开文件",
        lambda: window.open_document(docs[0].id),
        lambda: window.document_view.detail.clause is not None,
    )
    detail = window.document_view.detail
    for page in (detail.similar, detail.cited, detail.targets):
        step(
            f"条文·{detail.tabs.tabText(detail.tabs.indexOf(page))}",
            lambda p=page: detail.tabs.setCurrentWidget(p),
        )
    for panel in (window.search_panel, window.tags_panel, window.notes_panel, window.orphans_panel):
        step(left.tabText(left.indexOf(panel)), lambda p=panel: left.setCurrentWidget(p))
    step("简报", lambda: window.center.setCurrentWidget(window.brief_builder))
    step("阅读", lambda: window.center.setCurrentWidget(window.reading))
    step("量化目标", window.act_targets.trigger, lambda: window.targets_dialog.model.rowCount() > 0)
    window.targets_dialog.close()
    step("版本比较", window.act_compare.trigger)
    step("版本比较·比较", window.compare_dialog.compare, lambda: window.compare_dialog.comparison is not None)
    window.compare_dialog.close()
    step("重复条文", window.act_repeats.trigger)
    step("重复条文·查找", window.repeats_dialog.compare, lambda: window.repeats_dialog.cancel is None)
    window.repeats_dialog.close()
    step("会议模式", window.act_meeting.trigger)
    step("退出会议模式", window.act_meeting.trigger)
    heartbeat.stop()
    window.close()
    worst = state["worst"]
    return {
        "gui_thread_longest_block_ms": max(worst.values()),
        "longest_block_in": max(worst, key=worst.get),
        "per_step_longest_block_ms": worst,
    }


QUERIES = [
    "算力",
    "人才",
    "园区",
    "数字经济",
    "游戏 出海",
    "元宇宙",
    "知识产权",
    "数据",
    "软件",
    "产业园区 建设",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.app_bench")
    parser.add_argument("--clauses", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/app.json"))
    parser.add_argument("--views-only", action="store_true", help="only open every view and 分析 action")
    parser.add_argument("--library", type=Path, help="with --views-only: an existing library to use")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pb-app-bench-"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(work),
        "XDG_DATA_HOME": str(work / "data"),
        "XDG_CONFIG_HOME": str(work / "config"),
        "XDG_CACHE_HOME": str(work / "cache"),
    }
    report: dict = {"clauses": args.clauses}
    if args.views_only:
        big = args.library or work / "big.db"
        if args.library is None:
            build_library(big, args.clauses)
        report["views_large"] = views(big)
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    small = work / "demo.db"
    from db import open_library
    from desktop.demo import fill_with_demo

    with open_library(small) as lib:
        fill_with_demo(lib)
    report["startup_demo"] = startup(small, args.runs, env)
    big = work / "big.db"
    t0 = time.perf_counter()
    build_library(big, args.clauses)
    report["build_s"] = round(time.perf_counter() - t0, 1)
    report["startup_large"] = startup(big, args.runs, env)
    report["typing_large"] = typing(big, QUERIES)
    report["views_large"] = views(big)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
