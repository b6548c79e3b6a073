"""SIGKILL the desktop app while the officer types notes and tags clauses: nothing the window
reported saved is lost, and the library stays sound."""

import os
import random
import signal
import subprocess
import sys
import textwrap

import pytest

from db import document_clauses, list_documents, open_library
from db.notes import list_notes
from db.tags import tags_of_clause

# The real window and note editor: text goes into the editor, its autosave writes it.
APP = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from desktop.main_window import MainWindow
    window = MainWindow(QSettings(sys.argv[2], QSettings.Format.IniFormat))
    window.show()
    window.open_library(sys.argv[1])
    view = window.document_view
    ids = [cid for cid, rec in view.model.records.items() if rec.label]
    state = {"n": 0}

    def next_note():
        state["n"] += 1
        n = state["n"]
        clause = ids[n % len(ids)]
        view.select_clause(clause)
        editor = view.detail.new_note()
        editor.timer.setInterval(5)  # the real autosave path, just quicker than a typist
        editor.saved.connect(lambda note_id, n=n, c=clause: saved(note_id, n, c))
        editor.edit.insertPlainText(f"会上第{n}条要点：请核实")

    def saved(note_id, n, clause):
        window.workspace.tag([clause], [f"会议{n % 5}"])
        print(f"{note_id} {clause} {n}", flush=True)  # reported only after both writes returned
        QTimer.singleShot(0, next_note)

    QTimer.singleShot(0, next_note)
    app.exec()
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
@pytest.mark.parametrize("round_", range(3))
def test_killing_the_app_mid_typing_loses_nothing_reported(seeded_library, tmp_path, round_):
    path = seeded_library.path
    doc = list_documents(seeded_library)[0]
    known = {c.id for c in document_clauses(seeded_library, doc.id)}
    seeded_library.close()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", APP, str(path), str(tmp_path / "settings.ini")],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    reported = []
    stop_after = random.Random(round_).randint(5, 40)
    for line in proc.stdout:
        reported.append(tuple(int(x) for x in line.split()))
        if len(reported) >= stop_after:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(reported) >= stop_after, "the app stopped reporting before it was killed"
    with open_library(path) as lib:
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        notes = {n.id: n for n in list_notes(lib)}
        for note_id, clause_id, n in reported:
            assert clause_id in known
            assert notes[note_id].text == f"会上第{n}条要点：请核实"
            assert f"会议{n % 5}" in [t.name for t in tags_of_clause(lib, clause_id)]
