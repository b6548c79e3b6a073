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


UPGRADER = textwrap.dedent(
    """
    import sys, threading
    from db import fts, open_library
    # Say when the upgrade has written its first chunk of the new index (mid-transaction), then
    # wait to be killed: the test kills on that event, not after a guessed delay.
    flush = fts.IndexWriter.flush
    def announced(self):
        flush(self)
        print("indexing", flush=True)
        threading.Event().wait(60)
    fts.IndexWriter.flush = announced
    print("opening", flush=True)
    open_library(sys.argv[1]).close()
    print("done", flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_sigkill_during_the_index_upgrade_leaves_a_library_that_upgrades_on_the_next_open(tmp_path):
    """Migration m004 rebuilds the whole search index in one transaction: killed halfway, the
    file must still be the old library, and the next open must finish the job."""
    from db import pending_migrations, search
    from db.ranking import index_totals
    from tests.db.helpers import make_library_before_m004
    from tests.db.test_ranking import assert_scores_match, totals_by_hand

    rng = random.Random(9)
    words = ["算力", "人才", "园区", "数字经济", "推进", "建设", "完善", "政策"]
    # 25,000 clauses: five chunks of the index rebuild, so the kill lands inside the transaction
    texts = ["，".join(rng.choice(words) for _ in range(rng.randint(3, 40))) + "。" for _ in range(25000)]
    path = tmp_path / "old.db"
    make_library_before_m004(path, texts)
    proc = subprocess.Popen([sys.executable, "-c", UPGRADER, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "opening"
    assert proc.stdout.readline().strip() == "indexing"  # inside the upgrade's transaction
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # Killed mid-upgrade: rolled back, so the index upgrade (and what follows it) is still to do.
    assert pending_migrations(path)[0] == "m004_index_lengths_in_rowids"
    with open_library(path) as lib:
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert index_totals(lib.conn) == totals_by_hand(lib.conn)
        assert search(lib, "园区").total == sum("园区" in t for t in texts)
        assert assert_scores_match(lib, ["数字经济", "人才 园区"]) > 100
