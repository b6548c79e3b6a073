"""Writing a document's clause tree, and replacing it with a new version while keeping the
ids of clauses that did not change, so anything pointing at a clause id (notes, briefs)
survives a re-import. Matching order: see match_clauses.
"""

from __future__ import annotations

import difflib
import sqlite3
from collections import defaultdict, deque
from collections.abc import Sequence
from typing import Protocol

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


def insert_clauses(
    conn: sqlite3.Connection, index: fts.IndexWriter, document_id: int, flat: list[tuple[Clause, int | None]]
) -> None:
    ids: list[int] = []
    for position, (clause, parent) in enumerate(flat):
        cur = conn.execute(
            f"INSERT INTO clauses (document_id, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (document_id, *_values(clause, None if parent is None else ids[parent], position)),
        )
        ids.append(cur.lastrowid)
        index.index(cur.lastrowid, clause.text)


SHINGLE = 4  # characters; unrelated policy texts share at most ~25 % of these, versions far more
SHARED_TEXT = 0.5


def shares_text(old: list[str], new: list[str]) -> bool:
    """Whether two clause lists are substantially the same text: at least half of the smaller
    one's 4-character shingles occur in the other. Measured on the real corpus: unrelated
    documents share at most 24 % (median 2 %)."""
    a, b = _shingles(old), _shingles(new)
    if not a or not b:
        return False
    return len(a & b) >= SHARED_TEXT * min(len(a), len(b))


def _shingles(texts: list[str]) -> set[str]:
    text = "".join("".join(t.split()) for t in texts)
    if len(text) <= SHINGLE:
        return {text} if text else set()
    return {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


SAME_PATH_SIMILARITY = 0.5  # same place, lightly edited: the work moves with it
MOVED_SIMILARITY = 0.85  # renumbered and edited: only a near-identical text follows


def similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SAME_PATH_SIMILARITY or matcher.quick_ratio() < SAME_PATH_SIMILARITY:
        return 0.0
    return matcher.ratio()


class ClauseLike(Protocol):
    """What matching needs of a clause: a parsed Clause, a stored one, or compare's side."""

    @property
    def path(self) -> str: ...

    @property
    def text(self) -> str: ...


def match_clauses(old: list[tuple[int, str, str]], new: Sequence[ClauseLike]) -> list[int | None]:
    """For each new clause, the id of the old clause (id, path, text) it continues, or None.

    Order: same path and text; same text; same path with similar text; similar text
    anywhere (a renumbered, lightly edited item). A clause whose text changed beyond
    recognition is not matched, so the work on it becomes an orphan the officer reviews
    instead of silently landing on different words.
    """
    assigned: list[int | None] = [None] * len(new)
    used: set[int] = set()
    for key in (lambda path, text: (path, text), lambda path, text: text):
        pool: dict = defaultdict(deque)
        for clause_id, path, text in old:
            if clause_id not in used:
                pool[key(path, text)].append(clause_id)
        for i, clause in enumerate(new):
            if assigned[i] is None and pool[key(clause.path, clause.text)]:
                assigned[i] = pool[key(clause.path, clause.text)].popleft()
                used.add(assigned[i])
    by_path: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for clause_id, path, text in old:
        if clause_id not in used:
            by_path[path].append((clause_id, text))
    for i, clause in enumerate(new):
        if assigned[i] is None:
            for clause_id, text in by_path.get(clause.path, []):
                if clause_id not in used and similarity(text, clause.text) >= SAME_PATH_SIMILARITY:
                    assigned[i] = clause_id
                    used.add(clause_id)
                    break
    left = [(clause_id, text) for clause_id, _, text in old if clause_id not in used]
    if left and len(left) * assigned.count(None) <= 250_000:  # bounded: a rewrite is not worth minutes
        for i, clause in enumerate(new):
            if assigned[i] is None:
                best = max(
                    ((similarity(t, clause.text), cid) for cid, t in left if cid not in used), default=(0, 0)
                )
                if best[0] >= MOVED_SIMILARITY:
                    assigned[i] = best[1]
                    used.add(best[1])
    return assigned


def replace_clauses(
    conn: sqlite3.Connection, index: fts.IndexWriter, document_id: int, flat: list[tuple[Clause, int | None]]
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
            index.unindex(clause_id, text)
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
            index.index(clause_id, clause.text)
        else:
            conn.execute(
                "UPDATE clauses SET parent_id = ?, position = ?, label = ?, path = ?, level = ?, heading = ?,"
                " kind = ?, text = ? WHERE id = ?",
                (*values, clause_id),
            )
            if old_text[clause_id] != clause.text:
                index.unindex(clause_id, old_text[clause_id])
                index.index(clause_id, clause.text)
        ids.append(clause_id)
