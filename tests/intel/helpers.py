"""Finding seed documents and clauses by what they say, not by ids that depend on import order."""

from __future__ import annotations


def doc_id(lib, seed_prefix: str) -> int:
    row = lib.conn.execute(
        "SELECT id FROM documents WHERE source_name LIKE ? ORDER BY id", (f"{seed_prefix}%",)
    ).fetchone()
    assert row, f"seed {seed_prefix} is not in the library"
    return row[0]


def clause_id(lib, seed_prefix: str, words: str) -> int:
    row = lib.conn.execute(
        "SELECT id FROM clauses WHERE document_id = ? AND instr(replace(text, char(10), ''), ?) > 0"
        " ORDER BY position",
        (doc_id(lib, seed_prefix), words),
    ).fetchone()
    assert row, f"no clause of seed {seed_prefix} contains {words}"
    return row[0]
