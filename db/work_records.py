"""Records of the officer's own work (tags, notes, briefs, orphans), as handed to callers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tag:
    id: int
    name: str
    color: str
    parent_id: int | None
    clause_count: int = 0


@dataclass(frozen=True)
class Note:
    id: int
    clause_id: int | None  # None: an orphan, its clause vanished in a re-import
    text: str
    meeting: str
    meeting_date: str
    span: tuple[int, int] | None  # highlighted [start, end) in the clause text
    created_at: str
    updated_at: str
    # Where the note sits, for lists and exports (empty for orphans: see anchor_*)
    document_id: int | None = None
    document_title: str = ""
    path: str = ""
    anchor_text: str = ""


@dataclass(frozen=True)
class BriefItem:
    id: int
    clause_id: int | None
    position: int
    note_override: str | None
    document_id: int | None
    document_title: str
    doc_number: str
    issuer: str
    issued_date: str
    path: str
    label: str
    heading: str
    text: str  # the clause text now, or the remembered text if the clause is gone


@dataclass(frozen=True)
class BriefSection:
    id: int
    title: str
    position: int
    items: tuple[BriefItem, ...]


@dataclass(frozen=True)
class Brief:
    id: int
    title: str
    subtitle: str
    created_at: str
    updated_at: str
    sections: tuple[BriefSection, ...] = ()

    @property
    def item_count(self) -> int:
        return sum(len(s.items) for s in self.sections)


@dataclass(frozen=True)
class Orphan:
    """A tag, note or brief entry whose clause could not be found after a re-import."""

    kind: str  # tag | note | brief_item
    id: int
    document_id: int | None
    document_title: str
    path: str
    clause_text: str  # the clause as it was when the work was attached
    detail: str  # the tag name, the note text, or the brief title
