"""Keeping the bigram index (clause_fts, rowid = clauses.id) in step with the clauses table.

Call these inside the same transaction as the clause write. The table is contentless, so
removing a row on SQLite 3.40 means re-sending the bigrams it was indexed with ('delete'),
which is why unindex() needs the clause's text as it was stored.
"""

from __future__ import annotations

import sqlite3

from db.textnorm import bigrams


def index(conn: sqlite3.Connection, clause_id: int, text: str) -> None:
    conn.execute("INSERT INTO clause_fts(rowid, bg) VALUES (?, ?)", (clause_id, bigrams(text)))


def unindex(conn: sqlite3.Connection, clause_id: int, old_text: str) -> None:
    conn.execute(
        "INSERT INTO clause_fts(clause_fts, rowid, bg) VALUES ('delete', ?, ?)",
        (clause_id, bigrams(old_text)),
    )


def unindex_document(conn: sqlite3.Connection, document_id: int) -> None:
    rows = conn.execute("SELECT id, text FROM clauses WHERE document_id = ?", (document_id,)).fetchall()
    for clause_id, text in rows:
        unindex(conn, clause_id, text)


def optimize(conn: sqlite3.Connection) -> None:
    """Merge the index segments after a bulk load (seconds at 200k clauses; queries get faster)."""
    conn.execute("INSERT INTO clause_fts(clause_fts) VALUES ('optimize')")
