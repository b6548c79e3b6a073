"""Keeping the bigram index (clause_fts) in step with the clauses table.

An index row's rowid is `tokens << 40 | clause id`: the clause id in the low 40 bits and the
number of index tokens in the row (its length for bm25) above them. The index is built with
`columnsize=0`, so FTS5 keeps no length table of its own, and ranking reads each hit's length
from its rowid for free (db/ranking.py). SQL reads the id through CLAUSE_ID, never `f.rowid`.

Changes go through an IndexWriter, flushed inside the same transaction as the clause writes.
The table is contentless, so removing a row on SQLite 3.40 means re-sending the bigrams it was
indexed with ('delete'), which is why unindex() needs the clause's text as it was stored (its
length comes with it).
"""

from __future__ import annotations

import sqlite3

from db.textnorm import bigrams

ID_BITS = 40  # clause ids below 2**40; tokens use the next 23 bits of the signed 64-bit rowid
ID_MASK = (1 << ID_BITS) - 1
MAX_TOKENS = (1 << (63 - ID_BITS)) - 1
CLAUSE_ID = f"(f.rowid & {ID_MASK})"  # the clause id of index row `f`, in SQL
TOKENS = f"(f.rowid >> {ID_BITS})"  # its length in tokens


def index_row(clause_id: int, text: str) -> tuple[int, str]:
    """(rowid, indexed text) of a clause's index row."""
    if not 0 < clause_id <= ID_MASK:
        raise ValueError(f"clause id {clause_id} does not fit the index rowid")
    bg = bigrams(text)
    tokens = bg.count(" ") + 1 if bg else 0
    return min(tokens, MAX_TOKENS) << ID_BITS | clause_id, bg


class IndexWriter:
    """The index changes of one transaction, written when it ends in ascending rowid order.

    FTS5 turns its pending data into a new on-disk segment whenever a rowid comes lower than
    the last one written. With the length in the rowid's high bits, writing clauses in document
    order would make about one segment per clause (imports 2-3x slower, decision 002); sorted,
    a transaction makes one, as before. A clause indexed and then unindexed within the same
    transaction never reaches the index.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._inserts: dict[int, tuple[int, str]] = {}
        self._deletes: dict[int, tuple[int, str]] = {}

    def index(self, clause_id: int, text: str) -> None:
        self._inserts[clause_id] = index_row(clause_id, text)

    def unindex(self, clause_id: int, old_text: str) -> None:
        """Remove what `old_text` put in the index (the table is contentless: see above)."""
        if self._inserts.pop(clause_id, None) is None:
            self._deletes[clause_id] = index_row(clause_id, old_text)

    def flush(self) -> None:
        """Write what was collected; call before the transaction commits."""
        if self._deletes:
            self.conn.executemany(
                "INSERT INTO clause_fts(clause_fts, rowid, bg) VALUES ('delete', ?, ?)",
                sorted(self._deletes.values()),
            )
        if self._inserts:
            self.conn.executemany(
                "INSERT INTO clause_fts(rowid, bg) VALUES (?, ?)", sorted(self._inserts.values())
            )
        self._deletes.clear()
        self._inserts.clear()


def unindex_document(conn: sqlite3.Connection, document_id: int) -> None:
    writer = IndexWriter(conn)
    for clause_id, text in conn.execute("SELECT id, text FROM clauses WHERE document_id = ?", (document_id,)):
        writer.unindex(clause_id, text)
    writer.flush()


def optimize(conn: sqlite3.Connection) -> None:
    """Merge the index segments after a bulk load (seconds at 200k clauses; queries get faster)."""
    conn.execute("INSERT INTO clause_fts(clause_fts) VALUES ('optimize')")
