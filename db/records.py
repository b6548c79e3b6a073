"""Frozen records the library hands to callers: never sqlite rows, never Qt objects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The fields a citation needs besides the title; a document without one is "metadata incomplete".
MISSING_CHECKED = ("doc_number", "issuer", "issued_date")
MISSING_MARK = "待补"


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    title: str
    doc_number: str
    issuer: str
    issued_date: str
    addressee: str
    cc: str
    category: str
    proposal_number: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    source_name: str
    sha256: str
    format: str
    imported_at: str
    updated_at: str
    clause_count: int

    @property
    def missing_fields(self) -> tuple[str, ...]:
        """Which of 文号, 发文机关 and 成文日期 the document lacks (shown as 待补, never as a blank)."""
        return tuple(name for name in MISSING_CHECKED if not getattr(self, name).strip())


@dataclass(frozen=True)
class ClauseRecord:
    id: int
    document_id: int
    parent_id: int | None
    position: int  # 0-based, document (depth-first) order
    label: str
    path: str
    level: int
    heading: str
    kind: str
    text: str


@dataclass(frozen=True)
class ImportOutcome:
    """What add_document did. `clauses` is the number of clauses the document now has."""

    status: Literal["imported", "duplicate", "updated"]
    document_id: int
    clauses: int


@dataclass(frozen=True)
class SearchHit:
    clause_id: int
    document_id: int
    title: str
    doc_number: str
    issuer: str
    issued_date: str
    path: str
    label: str
    heading: str
    text: str  # the whole original clause text
    snippet: str  # a window of `text` around the first match ("…" marks cut ends)
    spans: tuple[tuple[int, int], ...]  # [start, end) of each match, offsets into `snippet`
    score: float  # bm25 as SQLite reports it: lower (more negative) is better


@dataclass(frozen=True)
class SearchResult:
    total: int  # every matching clause, not just this page
    hits: tuple[SearchHit, ...]
    words: tuple[str, ...]  # the words searched for (after a jieba re-split, the pieces)
    resplit: bool = False  # True when an unspaced query found nothing and was re-split with jieba
