"""Reference points for measuring the index (benchmarks, tests): a plain LIKE scan and the
raw clause texts for a substring-scan ground truth. Not used by the app itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from db.library import Library
from db.textnorm import bigrams


def like_scan(lib: Library, words: list[str]) -> list[int]:
    """Ids of clauses whose text contains every word, by `text LIKE '%word%'` (a full scan).
    LIKE folds ASCII case only and knows nothing of full-width forms; that is the point."""
    if not words:
        return []
    escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
    where = " AND ".join("text LIKE ? ESCAPE '\\'" for _ in escaped)
    rows = lib.conn.execute(f"SELECT id FROM clauses WHERE {where}", [f"%{w}%" for w in escaped]).fetchall()
    return [r[0] for r in rows]


def clause_texts(lib: Library) -> Iterator[tuple[int, str]]:
    yield from lib.conn.execute("SELECT id, text FROM clauses ORDER BY id")


def checkpoint(lib: Library) -> None:
    """Fold the WAL into the main file so its size is the library's real size."""
    lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def build_reference_index(conn: sqlite3.Connection) -> None:
    """temp.ref_fts: a plain FTS5 index of the same bigrams (rowid = clause id, with FTS5's own
    length table), whose `rank` is bm25 computed the ordinary way, to check the library's."""
    conn.execute("DROP TABLE IF EXISTS temp.ref_fts")
    conn.execute("CREATE VIRTUAL TABLE temp.ref_fts USING fts5(bg, tokenize='unicode61 remove_diacritics 0')")
    rows = conn.execute("SELECT id, text FROM clauses")
    conn.executemany("INSERT INTO temp.ref_fts(rowid, bg) VALUES (?, ?)", ((i, bigrams(t)) for i, t in rows))
