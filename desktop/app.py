"""Start the desktop app: the window first, heavy things after it is on screen.

policybrief                 the last library (or the per-user default)
policybrief --demo          the demo library (built from resources/demo on first use)
policybrief --library PATH  a given library file
policybrief --smoke         start, open the library, search once, quit (for CI and bundles)
"""

from __future__ import annotations

import argparse
import logging
import sys
import time

START = time.perf_counter()
log = logging.getLogger(__name__)


def gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policybrief",
        description="政策简报 PolicyBrief — without a command, opens the desktop window.",
        epilog="With a command (policybrief COMMAND --help for each), runs it on the command line instead.",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the demo library (built from the samples on first use)"
    )
    parser.add_argument(
        "--library",
        metavar="PATH",
        help="library file to open (else the last one, else the per-user library)",
    )
    parser.add_argument(
        "--smoke", action="store_true", help="start, open, search once and quit (exit 0 if all worked)"
    )
    parser.add_argument("--screenshot", metavar="PNG", help="with --smoke: save a picture of the window")
    return parser


def parse_gui_args(argv: list[str]) -> argparse.Namespace:
    args, _qt_args = gui_parser().parse_known_args(argv)
    return args


def install_translations(app) -> None:
    """Qt's own zh_CN strings, so standard dialogs and buttons are Chinese too (desktop/qt_chinese.py)."""
    from desktop import qt_chinese

    qt_chinese.install(app)


def choose_library(args, settings):
    from desktop import paths
    from desktop.demo import ensure_demo_library

    if args.demo:
        return ensure_demo_library()
    if args.library:
        return paths.library_path(args.library)
    last = settings.value("lastLibrary")
    return paths.library_path(last) if last else paths.library_path()


def warm_up() -> None:
    """Load jieba off the GUI thread, so the first unspaced query does not stall."""
    from db import configure_cache_dir
    from db.segment import cut
    from desktop import paths
    from desktop.tasks import run_in_background

    configure_cache_dir(paths.jieba_cache_dir())
    run_in_background(lambda: cut("数字经济"))


def freeze_long_lived_objects() -> None:
    """Move everything alive now (modules, Qt wrappers, the open library's records) out of the
    garbage collector's reach. A full collection holds the GIL, so the GUI thread waits for it
    whichever thread triggered it: a background analysis allocating 100,000 records made the
    collector walk every object in the process again, ~80-200 ms each time at 200k clauses."""
    import gc

    gc.collect()
    gc.freeze()


def run_gui(argv: list[str]) -> int:
    args = parse_gui_args(argv)
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop import APP_NAME, __version__
    from desktop.main_window import MainWindow
    from desktop.theme import apply_theme

    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_translations(app)
    apply_theme(app)
    from PySide6.QtGui import QIcon

    import resources

    app.setWindowIcon(QIcon(str(resources.path("icons/policybrief.png"))))
    settings = QSettings()
    window = MainWindow(settings)
    from desktop.shutdown import Shutdown

    Shutdown(app, save=window.save_pending_work, stop=window.close)
    window.show()
    app.processEvents()  # actually painted, not just scheduled
    shown_at = time.time()
    first_window = time.perf_counter() - START
    log.info("first window after %.3f s", first_window)
    outcome = {"ok": True}

    def open_library() -> None:
        path = choose_library(args, settings)
        path.parent.mkdir(parents=True, exist_ok=True)
        outcome["ok"] = window.open_library(path)
        warm_up()
        QTimer.singleShot(0, freeze_long_lived_objects)  # after the first paint of the library
        if args.smoke:
            QTimer.singleShot(0, smoke_test)

    def smoke_test() -> None:
        if window.upgrading:  # an older library is being upgraded in the background
            QTimer.singleShot(100, smoke_test)
            return
        window.search_box.setText("数字经济")
        window.search_panel.timer.stop()
        window.run_search()
        window.search_runner.wait(10000)
        app.processEvents()
        hits = window.search_panel.model.rowCount()
        print(
            f"smoke: first window {first_window:.3f}s, documents {window.library_panel.model.rowCount()}, "
            f"hits {hits}, shown_at {shown_at:.3f}, results_at {time.time():.3f}",
            flush=True,
        )
        if args.screenshot:
            window.grab().save(args.screenshot)
        outcome["ok"] = outcome["ok"] and (hits > 0 or window.library_panel.model.rowCount() == 0)
        window.close()
        app.quit()

    QTimer.singleShot(0, open_library)  # after the first paint
    app.exec()
    return 0 if outcome["ok"] else 1
