"""Reads the views ask for, run on a query runner's worker thread (never on the GUI thread).

Each takes the worker's own library connection first and returns a named record, so a late
answer can be matched to its request and a view never holds a sqlite row.
"""

from __future__ import annotations

from dataclasses import dataclass

import db
from db import briefs, intel, notes, orphans, segment, tags
from db.work_records import Brief, Note, Orphan, Tag


@dataclass(frozen=True)
class NotesOverview:
    meetings: list[tuple[str, str, int]]  # name, date, count
    notes: list[Note]


@dataclass(frozen=True)
class TaggedClause:
    clause_id: int
    document_id: int
    title: str
    path: str
    text: str


@dataclass(frozen=True)
class TagsOverview:
    tags: list[Tag]
    clauses: list[TaggedClause]  # of the tag asked about


@dataclass(frozen=True)
class BriefsOverview:
    briefs: list[Brief]
    brief: Brief | None  # the one asked about (or the first)


@dataclass(frozen=True)
class ClauseAnswer:
    """An insight about one clause; the id tells a view whether it is still wanted."""

    clause_id: int
    found: list


def notes_overview(lib: db.Library, meeting: str | None) -> NotesOverview:
    return NotesOverview(notes.meetings(lib), notes.list_notes(lib, meeting=meeting))


def tags_overview(lib: db.Library, tag_id: int | None) -> TagsOverview:
    found = tags.list_tags(lib)
    if tag_id is None or all(t.id != tag_id for t in found):
        return TagsOverview(found, [])
    rows = [TaggedClause(c, d, t, p, x) for c, d, t, p, x in tags.clauses_with_tag(lib, tag_id)]
    return TagsOverview(found, rows)


def briefs_overview(lib: db.Library, brief_id: int | None) -> BriefsOverview:
    found = briefs.list_briefs(lib)
    ids = [b.id for b in found]
    wanted = brief_id if brief_id in ids else (ids[0] if ids else None)
    return BriefsOverview(found, briefs.get_brief(lib, wanted) if wanted is not None else None)


def orphan_list(lib: db.Library) -> list[Orphan]:
    return orphans.list_orphans(lib)


def similar_to(lib: db.Library, clause_id: int) -> ClauseAnswer:
    try:
        return ClauseAnswer(clause_id, intel.similar_clauses(lib, clause_id, limit=10, min_score=0.35))
    except db.LibraryError:  # the clause went away in a re-import a moment ago
        return ClauseAnswer(clause_id, [])


def suggestions_for(lib: db.Library, clause_id: int) -> ClauseAnswer:
    """None until jieba is loaded, so nothing waits for it."""
    if not segment.is_loaded():
        return ClauseAnswer(clause_id, [])
    try:
        return ClauseAnswer(clause_id, intel.suggest_tags(lib, clause_id, limit=5))
    except db.LibraryError:
        return ClauseAnswer(clause_id, [])


def cited_by(lib: db.Library, clause_id: int) -> ClauseAnswer:
    try:
        return ClauseAnswer(clause_id, intel.cited_documents(lib, clause_id))
    except db.LibraryError:
        return ClauseAnswer(clause_id, [])


def compare(lib: db.Library, old_id: int, new_id: int):
    return intel.compare_documents(lib, old_id, new_id)
