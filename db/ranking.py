"""Exact bm25 from an index that keeps no per-row lengths. Pure arithmetic and one tiny read.

FTS5's bm25 looks up every hit's length (its token count) in the `_docsize` table: a nested
statement per matching row, ~80 % of the cost of ranking a common word (docs/decisions/
002-bigram-fts-index.md, Addendum 2). Our index is built with
`columnsize=0`, so there is no such table and FTS5 takes every row's length as D = -1.
The length lives instead in the high bits of the index rowid (db/fts.py), and a column weight
puts it back exactly:

    bm25 term for one phrase with tf hits in a row of D tokens (k1 = 1.2, b = 0.75)
        idf * tf (k1 + 1) / (tf + k1 (1 - b + b D / avgdl))          -- what we want
    FTS5 with D = -1 and column weight w (it counts each hit as w)
        idf * w tf (k1 + 1) / (w tf + k1 (1 - b - b / avgdl))
    equal, for every tf and every phrase at once, when
        1 / w = (1 - b + b D / avgdl) / (1 - b - b / avgdl) = A + B D

so `bm25(clause_fts, 1.0 / (A + B * D))` is FTS5's own bm25, idf and all, with the lengths
it would have read (tests/db/test_ranking.py compares it with a `_docsize` index).
"""

from __future__ import annotations

import sqlite3

BM25_B = 0.75  # FTS5's bm25 constant b (k1 cancels out of the weight)
# For a library whose clauses average 3 tokens or fewer, 1 - b - b/avgdl <= 0 and no weight
# can reproduce the length term: every hit then counts as saturated (w huge), so bm25 is
# the sum of the idf of the phrases found and ties go to the newest document.
SATURATED = 1e9


def weight_terms(conn: sqlite3.Connection) -> tuple[float, float]:
    """(A, B) such that the column weight 1 / (A + B * tokens) gives exact bm25 (see above)."""
    rows, tokens = index_totals(conn)
    if rows <= 0:
        return 1.0, 0.0
    avgdl = tokens / rows  # FTS5 computes it the same way, in double
    base = 1 - BM25_B - BM25_B / avgdl
    if base <= 0:
        return 1 / SATURATED, 0.0
    return (1 - BM25_B) / base, (BM25_B / avgdl) / base


def index_totals(conn: sqlite3.Connection) -> tuple[int, int]:
    """(rows, tokens) of the index: FTS5's "averages" record, the figures bm25 itself uses.

    It is row 1 of clause_fts_data: varints for the row count, then each column's token total
    (FTS5 keeps it up to date on every insert and delete, with or without columnsize)."""
    row = conn.execute("SELECT block FROM clause_fts_data WHERE id = 1").fetchone()
    if row is None or not row[0]:
        return 0, 0
    values = _varints(bytes(row[0]))
    return (values[0], values[1]) if len(values) >= 2 else (0, 0)


def _varints(blob: bytes) -> list[int]:
    """SQLite's big-endian varints: 7 bits a byte while the high bit is set, 8 in the ninth."""
    values: list[int] = []
    i = 0
    while i < len(blob):
        value = 0
        for k in range(9):
            if i >= len(blob):
                return values  # a truncated record: keep what was complete
            byte = blob[i]
            i += 1
            if k == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values
