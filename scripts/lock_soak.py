#!/usr/bin/env python3
"""Cross-process soak: three processes write to one library while the parent SIGKILLs them.

Issue 13 lost notes when a second connection or process touched the library. This soak runs the
shapes that caused it, all at once, against one file:

- two app-like writers: each keeps one long-lived connection (the window's), opens and closes
  extra connections between writes (the worker threads'), reads through them, and writes notes,
  note edits, tags and brief entries;
- one CLI-like writer: each write is a whole `policybrief` command (its own connection, opened
  and closed), run through desktop.cli.main as the command line runs it.

Every writer prints `OK <kind> <json>` after the call returned, i.e. after its transaction
committed. The parent SIGKILLs a random writer at a random moment and starts it again, for the
given time. At the end it checks, with a fresh connection: integrity_check is ok; every
acknowledged note is there exactly once with its last acknowledged text; every acknowledged tag
is on its clause; every acknowledged brief entry is in its brief; no note text occurs twice.

    python scripts/lock_soak.py                       # 180 s, seed 1
    python scripts/lock_soak.py --seconds 30 --json   # the short run the tests use

Exit status 0 when everything checked out. Results: docs/robustness.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

WRITER = textwrap.dedent(
    """
    import contextlib, io, json, random, sys
    from db import open_library
    from db.briefs import add_to_brief, create_brief
    from db.notes import add_note, update_note
    from db.tags import tag_clauses
    from desktop.cli import load_extensions, main as cli_main

    path, kind, name, seed = sys.argv[1:5]
    rng = random.Random(seed)
    load_extensions()

    def ok(what, **payload):
        print("OK " + what + " " + json.dumps(payload, ensure_ascii=False), flush=True)

    def cli(*args):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = cli_main([*args, "--library", path, "--json"])
        if status != 0:
            print(f"FAIL {args} {status}", flush=True)
            sys.exit(3)
        return json.loads(out.getvalue())

    with open_library(path) as probe:
        clauses = [r[0] for r in probe.conn.execute("SELECT id FROM clauses ORDER BY id LIMIT 40")]
    lib = open_library(path) if kind == "app" else None  # the window's long-lived connection
    brief = None
    for seq in range(1_000_000):
        clause = rng.choice(clauses)
        op = rng.choice(("note", "note", "edit", "tag", "brief", "worker"))
        unique = f"{name}-{seed}-{seq}"
        if kind == "app":
            if op == "worker":  # a worker thread's connection: opened, read, closed
                with open_library(path) as worker:
                    worker.conn.execute("SELECT count(*) FROM notes").fetchone()
                continue
            if op in ("note", "edit"):
                note = add_note(lib, clause, "批注" + unique)
                ok("note", id=note.id, text=note.text)
                if op == "edit":
                    note = update_note(lib, note.id, "批注" + unique + "（改）")
                    ok("note", id=note.id, text=note.text)
            elif op == "tag":
                tag_clauses(lib, [clause], ["标签" + unique])
                ok("tag", clause=clause, tag="标签" + unique)
            else:
                if brief is None:
                    brief = create_brief(lib, "简报" + unique).id
                add_to_brief(lib, brief, [clause], section="压测")
                ok("brief", brief=brief, clause=clause)
        else:
            if op in ("note", "edit", "worker"):
                note = cli("note", str(clause), "批注" + unique)
                ok("note", id=note["id"], text="批注" + unique)
            elif op == "tag":
                cli("tag", str(clause), "标签" + unique)
                ok("tag", clause=clause, tag="标签" + unique)
            else:
                if brief is None:
                    brief = cli("brief", "new", "简报" + unique)["id"]
                cli("brief", "add", str(brief), str(clause), "--section", "压测")
                ok("brief", brief=brief, clause=clause)
    """
)


@dataclass
class Writer:
    name: str
    kind: str  # app | cli
    proc: subprocess.Popen | None = None
    starts: int = 0
    lines: list[str] = field(default_factory=list)
    readers: list[threading.Thread] = field(default_factory=list)


NEWS = threading.Condition()  # notified whenever any writer acknowledges something


def start(writer: Writer, library: Path, seed: int) -> None:
    writer.starts += 1
    writer.proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(library), writer.kind, writer.name, f"{seed}.{writer.starts}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
    )
    proc = writer.proc

    def read() -> None:  # a thread per child: the parent never blocks on one writer
        assert proc.stdout is not None
        for line in proc.stdout:
            with NEWS:
                writer.lines.append(line.rstrip("\n"))
                NEWS.notify_all()
        with NEWS:
            NEWS.notify_all()  # the writer ended

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    writer.readers.append(reader)


def make_library(path: Path) -> None:
    from db import add_document, open_library
    from importers import import_file

    with open_library(path) as lib:
        for file in sorted((REPO / "resources" / "demo").glob("*.txt")):
            add_document(lib, import_file(file))


def check(library: Path, writers: list[Writer]) -> dict:
    notes: dict[int, str] = {}
    tags: set[tuple[int, str]] = set()
    entries: set[tuple[int, int]] = set()
    failures = [line for w in writers for line in w.lines if line.startswith("FAIL")]
    for w in writers:
        for line in w.lines:
            if not line.startswith("OK "):
                continue
            _, what, payload = line.split(" ", 2)
            data = json.loads(payload)
            if what == "note":
                notes[data["id"]] = data["text"]  # the last acknowledged text wins
            elif what == "tag":
                tags.add((data["clause"], data["tag"]))
            else:
                entries.add((data["brief"], data["clause"]))
    conn = sqlite3.connect(library)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        stored = dict(conn.execute("SELECT id, text FROM notes"))
        texts = Counter(stored.values())
        stored_tags = set(
            conn.execute("SELECT ct.clause_id, t.name FROM clause_tags ct JOIN tags t ON t.id = ct.tag_id")
        )
        stored_entries = set(
            conn.execute(
                "SELECT s.brief_id, i.clause_id FROM brief_items i JOIN brief_sections s ON s.id = i.section_id"
            )
        )
    finally:
        conn.close()
    # An edit that committed but was killed before it was acknowledged is not a loss: the note then
    # holds the acknowledged text plus the edit's mark.
    lost_notes = [
        {"id": i, "acknowledged": text, "stored": stored.get(i)}
        for i, text in notes.items()
        if stored.get(i) not in (text, text + "（改）")
    ]
    return {
        "integrity": integrity,
        "acknowledged": {"notes": len(notes), "tags": len(tags), "brief_entries": len(entries)},
        "stored_notes": len(stored),
        "lost_notes": lost_notes,
        "lost_tags": sorted(tags - stored_tags),
        "lost_brief_entries": sorted(entries - stored_entries),
        "duplicated_texts": sorted(t for t, n in texts.items() if n > 1),
        "writer_failures": failures,
    }


def run(seconds: float, seed: int, work: Path) -> dict:
    library = work / "soak.db"
    make_library(library)
    writers = [Writer("app1", "app"), Writer("cli", "cli"), Writer("app2", "app")]
    rng = random.Random(seed)
    for w in writers:
        start(w, library, seed)
    kills = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        # A random moment: wait for a random number of new acknowledgements from everyone.
        seen = sum(len(w.lines) for w in writers)
        want = seen + rng.randint(1, 30)
        with NEWS:
            NEWS.wait_for(
                lambda want=want: (
                    sum(len(w.lines) for w in writers) >= want
                    or any(w.proc and w.proc.poll() is not None for w in writers)  # died on its own
                    or time.monotonic() >= deadline
                ),
                timeout=max(0.0, deadline - time.monotonic()),
            )
        victim = rng.choice(writers)
        if victim.proc and victim.proc.poll() is None:
            os.kill(victim.proc.pid, signal.SIGKILL)
            victim.proc.wait()
            kills += 1
        start(victim, library, seed)
    for w in writers:
        if w.proc and w.proc.poll() is None:
            os.kill(w.proc.pid, signal.SIGKILL)
            w.proc.wait()
    for w in writers:
        for reader in w.readers:  # every acknowledgement printed before a kill is counted
            reader.join()
    result = check(library, writers)
    result.update(seconds=seconds, seed=seed, kills=kills, starts={w.name: w.starts for w in writers})
    result["ok"] = (
        result["integrity"] == "ok"
        and not result["lost_notes"]
        and not result["lost_tags"]
        and not result["lost_brief_entries"]
        and not result["duplicated_texts"]
        and not result["writer_failures"]
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args.seconds, args.seed, Path(tmp))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        a = result["acknowledged"]
        print(
            f"{result['seconds']:.0f} s, {result['kills']} SIGKILLs: acknowledged {a['notes']} notes, "
            f"{a['tags']} tags, {a['brief_entries']} brief entries; lost {len(result['lost_notes'])} / "
            f"{len(result['lost_tags'])} / {len(result['lost_brief_entries'])}; duplicated "
            f"{len(result['duplicated_texts'])}; integrity {result['integrity']}: "
            + ("ok" if result["ok"] else "FAILED")
        )
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
