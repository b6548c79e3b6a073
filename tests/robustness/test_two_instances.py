"""Two PolicyBrief instances on one library: both read and write, neither loses the other's notes.

Two processes (as two app windows would be) open the same file with open_library and write
notes, tags and brief entries as fast as they can, at the same time. WAL lets each read while
the other writes; busy_timeout makes a writer wait for the lock instead of failing; BEGIN
IMMEDIATE makes that wait happen at the start of a transaction, where it is safe.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from db import open_library
from db.notes import list_notes
from tests.robustness.isolated import REPO

WRITER = textwrap.dedent(
    """
    import json, sys, time
    from db import document_clauses, list_documents, open_library
    from db.briefs import add_to_brief, create_brief
    from db.notes import add_note, list_notes, update_note
    from db.tags import tag_clauses
    who, rounds = sys.argv[2], int(sys.argv[3])
    lib = open_library(sys.argv[1])
    clauses = [c.id for c in document_clauses(lib, list_documents(lib)[0].id)]
    brief = create_brief(lib, f"{who} 的简报")
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    saved, seen_other, errors = {}, 0, []
    for i in range(rounds):
        clause = clauses[i % len(clauses)]
        try:
            note = add_note(lib, clause, f"{who}-{i}")
            update_note(lib, note.id, f"{who}-{i}（改）")
            tag_clauses(lib, [clause], [f"{who}标签{i % 5}"])
            add_to_brief(lib, brief.id, [clause])
            saved[note.id] = f"{who}-{i}（改）"
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        if i % 10 == 0:
            seen_other = max(seen_other, sum(1 for n in list_notes(lib) if not n.text.startswith(who + "-")))
    print(json.dumps({"saved": saved, "errors": errors, "seen_other": seen_other}, ensure_ascii=False))
    """
)


def test_two_processes_write_to_one_library_without_losing_notes(small_library):
    rounds = 120
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(small_library), who, str(rounds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for who in ("甲", "乙")
    ]
    # A real barrier: neither starts writing until both have started up (imports take longer
    # than 120 rounds of writes, so otherwise one could finish before the other begins).
    for proc in procs:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-3000:]
        reports.append(json.loads(out))
    for report in reports:
        assert report["errors"] == [], report["errors"][:5]
        assert len(report["saved"]) == rounds
    # Reads see the other instance's committed notes while it runs (the fixture's note counts
    # as "other" too, so "more than one" is the proof). Only one side is asserted: SQLite's lock
    # is not fair, and the busy handler's growing sleeps can let one instance finish all its
    # rounds before the other's first write; what matters is that the waiting one never failed.
    assert max(report["seen_other"] for report in reports) > 1, [r["seen_other"] for r in reports]
    with open_library(small_library) as lib:
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        notes = {str(n.id): n.text for n in list_notes(lib)}
    for report in reports:
        assert notes.items() >= report["saved"].items()
    assert len(notes) == 2 * rounds + 1  # + the fixture's note
