"""Writing a document's clause tree, and replacing it with a new version while keeping the
ids of clauses that did not change, so anything pointing at a clause id (notes, briefs)
survives a re-import. Matching order: same path and text, then same text, then same path.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict, deque

from db import fts
from importers.model import Clause, ParsedDocument

_COLUMNS = "parent_id, position, label, path, level, heading, kind, text"


def flatten(parsed: ParsedDocument) -> list[tuple[Clause, int | None]]:
    """Every clause in document order with the index of its parent in the same list."""
    out: list[tuple[Clause, int | None]] = []
    stack: list[tuple[Clause, int | None]] = [(c, None) for c in reversed(parsed.clauses)]
    while stack:  # iterative: a pathological tree cannot hit the recursion limit
        clause, parent = stack.pop()
        index = len(out)
        out.append((clause, parent))
        stack.extend((child, index) for child in reversed(clause.children))
    return out


def _values(clause: Clause, parent_id: int | None, position: int) -> tuple:
    return (
        parent_id,
        position,
        clause.label,
        clause.path,
        clause.level,
        clause.heading,
        clause.kind,
        clause.text,
    )


def insert_clauses(conn: sqlite3.Connection, document_id: int, flat: list[tuple[Clause, int | None]]) -> None:
    ids: list[int] = []
    for position, (clause, parent) in enumerate(flat):
        cur = conn.execute(
            f"INSERT INTO clauses (document_id, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (document_id, *_values(clause, None if parent is None else ids[parent], position)),
        )
        ids.append(cur.lastrowid)
        fts.index(conn, cur.lastrowid, clause.text)


def match_clauses(old: list[tuple[int, str, str]], new: list[Clause]) -> list[int | None]:
    """For each new clause, the id of the old clause (id, path, text) it continues, or None."""
    assigned: list[int | None] = [None] * len(new)
    used: set[int] = set()
    for key in (lambda path, text: (path, text), lambda path, text: text, lambda path, text: path):
        pool: dict = defaultdict(deque)
        for clause_id, path, text in old:
            if clause_id not in used:
                pool[key(path, text)].append(clause_id)
        for i, clause in enumerate(new):
            if assigned[i] is None and pool[key(clause.path, clause.text)]:
                assigned[i] = pool[key(clause.path, clause.text)].popleft()
                used.add(assigned[i])
    return assigned


def replace_clauses(
    conn: sqlite3.Connection, document_id: int, flat: list[tuple[Clause, int | None]]
) -> None:
    """Make the document's clauses equal `flat`, reusing matching ids. Call inside a transaction."""
    old = conn.execute(
        "SELECT id, path, text FROM clauses WHERE document_id = ? ORDER BY position", (document_id,)
    ).fetchall()
    old_text = {clause_id: text for clause_id, _, text in old}
    assigned = match_clauses(old, [clause for clause, _ in flat])
    kept = {i for i in assigned if i is not None}
    for clause_id, _, text in old:
        if clause_id not in kept:
            fts.unindex(conn, clause_id, text)
            conn.execute("DELETE FROM clauses WHERE id = ?", (clause_id,))
    ids: list[int] = []
    for position, ((clause, parent), clause_id) in enumerate(zip(flat, assigned, strict=True)):
        values = _values(clause, None if parent is None else ids[parent], position)
        if clause_id is None:
            cur = conn.execute(
                f"INSERT INTO clauses (document_id, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document_id, *values),
            )
            clause_id = cur.lastrowid
            fts.index(conn, clause_id, clause.text)
        else:
            conn.execute(
                "UPDATE clauses SET parent_id = ?, position = ?, label = ?, path = ?, level = ?, heading = ?,"
                " kind = ?, text = ? WHERE id = ?",
                (*values, clause_id),
            )
            if old_text[clause_id] != clause.text:
                fts.unindex(conn, clause_id, old_text[clause_id])
                fts.index(conn, clause_id, clause.text)
        ids.append(clause_id)
