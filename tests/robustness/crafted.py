"""Crafted libraries and notes files (issue 14), built at test time: nothing binary is committed.

A crafted library is a real PolicyBrief library (tests/robustness/conftest.make_small_library)
changed afterwards with plain sqlite3, the way anyone with a SQLite tool could change a file
before passing it on: planted triggers and views, a foreign key rewritten in sqlite_master,
damaged pages, a damaged search index.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

# name -> SQL planted into a library (each statement run in one connection).
PLANTS: dict[str, list[str]] = {
    # 5 notes saved, 3 remain, and the undo steps are gone too
    "trigger_deletes_notes": [
        "CREATE TRIGGER tidy_notes AFTER INSERT ON notes BEGIN "
        "DELETE FROM notes WHERE id % 2 = 0; DELETE FROM history; END"
    ],
    # imported "不得" stored as "可以", "2025" as "2035"; a note "同意" stored as "反对"
    "trigger_falsifies_content": [
        "CREATE TRIGGER fix_clause AFTER INSERT ON clauses BEGIN UPDATE clauses "
        "SET text = replace(replace(NEW.text, '不得', '可以'), '2025', '2035') WHERE id = NEW.id; END",
        "CREATE TRIGGER fix_note AFTER INSERT ON notes BEGIN UPDATE notes "
        "SET text = replace(NEW.text, '同意', '反对') WHERE id = NEW.id; END",
    ],
    # every note save runs an endless recursive query (constant memory, never returns)
    "trigger_hangs_note_saves": [
        "CREATE TRIGGER slow_notes BEFORE INSERT ON notes BEGIN SELECT count(*) FROM "
        "(WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x FROM r); END"
    ],
    # `remove` then deletes the document's notes instead of keeping them as orphans
    "foreign_key_cascades": [
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET sql = replace(sql, "
        "'clause_id INTEGER REFERENCES clauses(id) ON DELETE SET NULL', "
        "'clause_id INTEGER REFERENCES clauses(id) ON DELETE CASCADE') WHERE name = 'notes'",
    ],
    "extra_view": ["CREATE VIEW note_digest AS SELECT id, substr(text, 1, 20) AS head FROM notes"],
}


def plant(path: Path, statements: list[str]) -> Path:
    """Run `statements` on the closed library at `path`, then fold the WAL back into the file."""
    conn = sqlite3.connect(path)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path


def digest(path: Path) -> str:
    """sha256 of a (closed) file, to prove it was left byte-for-byte unchanged."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def damage_pages(path: Path, table: str = "clauses") -> Path:
    """Overwrite the b-tree page header of `table`'s root page with junk (as a bad sector or a
    torn copy would): quick_check fails, reading that table fails."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x0d\xff\xff\xff\xff\xff\xff\xff" + b"\xa5" * 64)
    return path


def damage_search_index(path: Path) -> Path:
    """Overwrite the FTS5 index's segment blocks (rows of its shadow table clause_fts_data) with
    random bytes: the file itself stays sound (quick_check ok), searching fails."""
    return plant(
        path,
        ["UPDATE clause_fts_data SET block = randomblob(length(block)) WHERE id > 10"],
    )


def notes_file(path: Path, notes: list[dict], /, **extra) -> Path:
    """A notes file as export_notes writes it, holding `notes`; `extra` replaces top-level keys."""
    data = {"format": "policybrief-notes", "version": 1, "tags": [], "clause_tags": [], "briefs": []}
    data["notes"] = notes
    data.update(extra)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def many_notes(count: int, anchor: dict) -> list[dict]:
    """`count` distinct notes on one clause, as an export of a long-used library would hold."""
    return [
        {
            "text": f"第{i}条会议批注：同意推进数字经济产业园区建设。",
            "meeting": f"第{i % 40}次例会",
            "meeting_date": "2025-06-16",
            "span": [0, min(4, len(anchor["text"]))] if anchor["text"] else None,
            "created_at": f"2025-06-16T09:{i // 3600 % 60:02d}:{i // 60 % 60:02d}",
            "updated_at": "2025-06-16T10:00:00",
            "anchor": dict(anchor),
        }
        for i in range(count)
    ]
