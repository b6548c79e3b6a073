"""The desktop app and the command line on one library at once (issue 13, the desktop version).

The real window runs in a child process with its worker connections (search and insight
runners open their own). Meanwhile the CLI lists, tags and annotates the same library; the window
types more notes; then the window is closed, or SIGKILLed. Every write that returned, in either
process, must be on disk once, and the file must pass integrity_check.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from tests.robustness.conftest import make_small_library
from tests.robustness.isolated import REPO

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")

# Commands arrive on stdin; each is answered with one line once its write returned.
WINDOW = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings, QSocketNotifier
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from desktop.main_window import MainWindow
    window = MainWindow(QSettings(sys.argv[2], QSettings.Format.IniFormat))
    window.show()
    assert window.open_library(sys.argv[1])
    window.open_document(window.workspace.documents()[0].id)
    view = window.document_view
    clause = next(cid for cid, rec in view.model.records.items() if rec.label)
    view.select_clause(clause)
    print(clause, flush=True)

    def answer(text):
        sys.stdout.write(text + "\\n")
        sys.stdout.flush()

    def command():
        line = sys.stdin.readline()
        if not line:  # the test is gone: do not spin on a closed pipe
            notifier.setEnabled(False)
            app.quit()
            return
        verb, _, rest = line.strip().partition(" ")
        if verb == "note":  # typed into a new note editor; answered when the editor saved it
            editor = view.detail.new_note()
            editor.edit.insertPlainText(rest)
            answer("ok" if editor.flush() else "unsaved")
        elif verb == "tag":
            window.workspace.tag([clause], [rest])
            answer("ok")
        elif verb == "search":  # the search runner's worker connection opens (and stays open)
            window.search_box.setText(rest)
            window.run_search()
            window.search_runner.wait(10000)
            app.processEvents()
            answer(f"hits {window.search_panel.model.rowCount()}")
        elif verb == "close":
            window.close()
            app.quit()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    app.exec()
    """
)


def cli(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def children():
    """Every child started by a test, killed at teardown whatever the test's outcome."""
    started: list[subprocess.Popen] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("ending", ["close", "sigkill"])
def test_window_and_cli_together_lose_nothing(tmp_path, ending, children):
    library = make_small_library(tmp_path / "library.db")
    app, ask, clause = start_window(library, tmp_path / "settings.ini", children)
    assert app.stdin

    assert ask("note 窗口批注一") == "ok"
    assert ask("search 数字").startswith("hits")
    cli("docs", "--library", str(library))
    cli("tag", clause, "命令行标签", "--library", str(library))
    cli("note", clause, "命令行批注", "--library", str(library))
    assert ask("note 窗口批注二") == "ok"
    assert ask("tag 窗口标签") == "ok"
    cli("search", "数字", "--library", str(library))
    assert ask("search 经济").startswith("hits")
    assert ask("note 窗口批注三") == "ok"
    if ending == "close":
        app.stdin.write("close\n")
        app.stdin.flush()
        assert app.wait(60) == 0
    else:
        os.kill(app.pid, signal.SIGKILL)
        app.wait()

    conn = sqlite3.connect(library)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        notes = [r[0] for r in conn.execute("SELECT text FROM notes")]
        tags = [r[0] for r in conn.execute("SELECT name FROM tags")]
    finally:
        conn.close()
    for text in ("窗口批注一", "窗口批注二", "窗口批注三", "命令行批注"):
        assert notes.count(text) == 1, f"{text}: {notes}"
    assert {"命令行标签", "窗口标签"} <= set(tags)


def start_window(library, settings, children):
    """The WINDOW child on `library`, a function that sends it a command and returns its answer,
    and the clause it works on."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(settings.parent),
        "XDG_DATA_HOME": str(settings.parent),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(library), str(settings)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
        env=env,
    )
    children.append(proc)
    assert proc.stdin and proc.stdout
    stdin, stdout = proc.stdin, proc.stdout
    clause = stdout.readline().strip()

    def ask(command: str) -> str:
        stdin.write(command + "\n")
        stdin.flush()
        return stdout.readline().strip()

    return proc, ask, clause


def test_two_windows_on_one_library_both_write_safely(tmp_path, children):
    """The choice recorded in decision 006: a second window opens the same library read-write.
    The issue's case: a second window opened, used and closed while the first keeps writing."""
    library = make_small_library(tmp_path / "library.db")
    first, ask_first, _ = start_window(library, tmp_path / "first.ini", children)
    assert ask_first("note 第一个窗口的批注一") == "ok"
    second, ask_second, _ = start_window(library, tmp_path / "second.ini", children)
    assert ask_second("note 第二个窗口的批注") == "ok"
    assert ask_first("note 第一个窗口的批注二") == "ok"
    assert ask_second("search 数字").startswith("hits")
    second.stdin.write("close\n")
    second.stdin.flush()
    assert second.wait(60) == 0
    assert ask_first("note 第一个窗口的批注三") == "ok"
    assert ask_first("tag 第二个窗口关闭后") == "ok"
    os.kill(first.pid, signal.SIGKILL)  # and then the first one is not even closed properly
    first.wait()
    conn = sqlite3.connect(library)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        notes = [r[0] for r in conn.execute("SELECT text FROM notes")]
    finally:
        conn.close()
    for text in ("第一个窗口的批注一", "第二个窗口的批注", "第一个窗口的批注二", "第一个窗口的批注三"):
        assert notes.count(text) == 1, f"{text}: {notes}"
