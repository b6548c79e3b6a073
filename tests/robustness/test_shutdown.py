"""However the app is stopped, nothing typed is lost (issue 13).

The real app (desktop.app.run_gui, offscreen) runs in a child process. A note is typed into the
real note editor with its autosave timer pushed out of reach, so only the shutdown path can
save it; then the app gets a real signal (or quits, or is asked to commit data by the session
manager and then SIGKILLed). The note must be in the library afterwards, exactly as typed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from tests.robustness.conftest import make_small_library, notes_on_disk
from tests.robustness.isolated import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

CHILD = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])
    from desktop.app import run_gui
    from desktop.main_window import MainWindow
    library, text, ending = sys.argv[1], sys.argv[2], sys.argv[3]

    def window():
        found = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        return found[0] if found and found[0].workspace.lib is not None and not found[0].upgrading else None

    def type_when_open():
        w = window()
        if w is None:  # the library opens after the first paint
            QTimer.singleShot(20, type_when_open)
            return
        w.open_document(w.workspace.documents()[0].id)
        view = w.document_view
        view.select_clause(next(cid for cid, rec in view.model.records.items() if rec.label))
        editor = view.detail.new_note()
        editor.timer.setInterval(3_600_000)  # autosave out of reach: only the shutdown path saves
        editor.edit.insertPlainText(text)
        if ending == "quit":
            app.quit()
        print("typed", flush=True)

    QTimer.singleShot(0, type_when_open)
    sys.exit(run_gui(["--library", library]))
    """
)


@pytest.mark.parametrize("ending", ["SIGTERM", "SIGINT", "SIGHUP", "quit"])
def test_a_note_typed_just_before_the_app_is_stopped_is_saved(tmp_path, ending):
    library = make_small_library(tmp_path / "library.db")
    text = f"散会前最后一句（{ending}）"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(library), text, ending],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "typed", proc.stderr.read() if proc.stderr else ""
        if ending.startswith("SIG"):
            os.kill(proc.pid, getattr(signal, ending))
        assert proc.wait(timeout=90) == 0, proc.stderr.read() if proc.stderr else ""
    finally:
        if proc.poll() is None:  # a failed test must not leave a window running
            proc.kill()
            proc.wait()
    assert notes_on_disk(library).count(text) == 1


def test_logout_asks_the_app_to_save(qapp):
    """A logout cannot be staged here (no XSMP session manager under Xvfb; Windows sends
    WM_ENDSESSION), and a QSessionManager cannot be built to emit the signal by hand: so check
    that the app listens to the request Qt turns both into, and that what it runs saves."""
    from desktop.shutdown import Shutdown

    saved = []
    before = qapp.receivers("2commitDataRequest(QSessionManager&)")
    shutdown = Shutdown(qapp, save=lambda: saved.append(True), stop=lambda: None)
    try:
        assert qapp.receivers("2commitDataRequest(QSessionManager&)") == before + 1
        shutdown._save_quietly()
        assert saved == [True]
    finally:
        shutdown.restore()
