"""Killing the process mid-burst loses nothing that was reported saved."""

import os
import random
import signal
import subprocess
import sys
import textwrap

import pytest

from db import document_clauses, list_documents, open_library
from db.notes import list_notes

WRITER = textwrap.dedent(
    """
    import sys
    from db import open_library
    from db.notes import add_note, update_note
    from db.tags import tag_clauses
    lib = open_library(sys.argv[1])
    clause = int(sys.argv[2])
    i = 0
    while True:
        i += 1
        note = add_note(lib, clause, f"第{i}条批注", meeting="压力测试")
        update_note(lib, note.id, f"第{i}条批注（已修改）")
        tag_clauses(lib, [clause], [f"标签{i % 7}"])
        print(note.id, flush=True)  # reported saved only after the commit returned
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
@pytest.mark.parametrize("round_", range(5))
def test_sigkill_during_note_writes_loses_nothing_reported(seeded_library, round_):
    path = seeded_library.path
    doc = list_documents(seeded_library)[0]
    clause_id = document_clauses(seeded_library, doc.id)[1].id
    seeded_library.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(clause_id)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.getcwd(),
    )
    reported = []
    stop_after = random.Random(round_).randint(3, 60)
    for line in proc.stdout:
        reported.append(int(line))
        if len(reported) >= stop_after:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert reported, "the writer reported nothing"
    with open_library(path) as lib:
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        notes = {n.id: n.text for n in list_notes(lib)}
        for note_id in reported:
            assert notes[note_id].endswith("（已修改）")
