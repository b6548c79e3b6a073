"""Clauses picked for an export, fetched in bulk: a 2,000-clause pack must not cost
2,000 round trips per kind of data (clause, notes, tags).

Read-only; the exporters call these, never SQL of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from db.errors import LibraryError
from db.notes import _SELECT as _NOTE_SELECT
from db.notes import _note
from db.work_records import Note

# SQLite's default limit on host parameters is 999 on older builds; stay well under it.
_CHUNK = 500


class ClauseNotFoundError(LibraryError):
    pass


@dataclass(frozen=True)
class SelectedClause:
    """A clause with the letterhead of its document, as a citation needs it."""

    id: int
    document_id: int
    position: int
    path: str
    label: str
    heading: str
    text: str
    title: str
    doc_number: str
    issuer: str
    issued_date: str


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def clauses_by_id(lib, clause_ids: Iterable[int]) -> dict[int, SelectedClause]:
    """The clauses that exist among `clause_ids`, by id (missing ids are simply absent)."""
    ids = list(dict.fromkeys(clause_ids))
    out: dict[int, SelectedClause] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = lib.conn.execute(
            "SELECT c.id, c.document_id, c.position, c.path, c.label, c.heading, c.text, d.title, "
            "d.doc_number, d.issuer, d.issued_date FROM clauses c JOIN documents d ON d.id = c.document_id "
            f"WHERE c.id IN ({marks})",
            chunk,
        ).fetchall()
        for row in rows:
            out[row[0]] = SelectedClause(*row)
    return out


def require_clauses(lib, clause_ids: Iterable[int]) -> list[SelectedClause]:
    """The clauses in the order given (first occurrence of a repeated id); raises
    ClauseNotFoundError naming every id that does not exist."""
    ids = list(dict.fromkeys(clause_ids))
    found = clauses_by_id(lib, ids)
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise ClauseNotFoundError(f"没有编号为 {'、'.join(missing)} 的条文。")
    return [found[i] for i in ids]


def tag_clause_ids(lib, tag_id: int) -> list[int]:
    """The live clauses carrying a tag: newest document first (undated last), then document
    order — the order db.briefs.brief_from_tags saves."""
    rows = lib.conn.execute(
        "SELECT c.id FROM clause_tags l JOIN clauses c ON c.id = l.clause_id "
        "JOIN documents d ON d.id = c.document_id WHERE l.tag_id = ? "
        "ORDER BY d.issued_date DESC, d.id, c.position",
        (tag_id,),
    ).fetchall()
    return list(dict.fromkeys(r[0] for r in rows))


def notes_by_clause(lib, clause_ids: Iterable[int]) -> dict[int, list[Note]]:
    """Every note on each clause, oldest first (as notes_for_clause orders them)."""
    ids = list(dict.fromkeys(clause_ids))
    out: dict[int, list[Note]] = {i: [] for i in ids}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = lib.conn.execute(
            _NOTE_SELECT + f" WHERE n.clause_id IN ({marks}) ORDER BY n.created_at, n.id", chunk
        ).fetchall()
        for row in rows:
            note = _note(row)
            out[note.clause_id].append(note)
    return out
