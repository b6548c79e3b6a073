"""Frozen records of the policy-intelligence functions (db.intel): what the CLI, the GUI and
the Word exporters receive. Offsets are [start, end) into the clause's original text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Span = tuple[int, int]


@dataclass(frozen=True)
class DiffOp:
    """One difference: `a` and `b` are spans of the two texts; an insert has an empty `a`
    span (a position), a delete an empty `b` span."""

    tag: Literal["replace", "delete", "insert"]
    a: Span
    b: Span


@dataclass(frozen=True)
class TextDiff:
    """What differs between text a (the clause asked about, or the old version) and text b."""

    ops: tuple[DiffOp, ...]
    a_spans: tuple[Span, ...]  # non-empty spans of a that b does not have (strike these)
    b_spans: tuple[Span, ...]  # non-empty spans of b that a does not have (underline these)


@dataclass(frozen=True)
class SimilarClause:
    clause_id: int
    document_id: int
    title: str
    doc_number: str
    path: str
    score: float  # 0..1: Dice coefficient of the two clauses' character-bigram sets
    diff: TextDiff  # a = the clause asked about, b = this clause
    text: str  # this clause's text (diff.b_spans point into it)


@dataclass(frozen=True)
class ClauseRef:
    clause_id: int
    document_id: int
    title: str
    doc_number: str
    path: str
    text: str


@dataclass(frozen=True)
class RepeatedPair:
    a: ClauseRef  # the clause of the lower document id (then lower clause id)
    b: ClauseRef
    score: float
    diff: TextDiff


@dataclass(frozen=True)
class Target:
    """A quantified commitment or standard found in a text.

    `text` is the phrase around it (between punctuation), `span` its place in the source;
    `value_span` is where the number and unit are. kind: "goal" (a deadline or 力争/争取…),
    "support" (a subsidy or award standard: 最高30万元, 给予20%补助), "level" (a threshold
    stated without a deadline: 年培训能力达2000人以上)."""

    text: str
    number: float
    unit: str
    year: int | None  # the deadline year (到2025年 -> 2025)
    deadline: str  # the deadline as written (到2025年), "" if none
    kind: Literal["goal", "support", "level"]
    span: Span
    value_span: Span
    cue: str = ""  # the word that makes it a target: 突破, 以上, 最高 …


@dataclass(frozen=True)
class TargetRow:
    clause_id: int
    document_id: int
    title: str
    doc_number: str
    issued_date: str
    path: str
    target: Target


@dataclass(frozen=True)
class Citation:
    title: str  # as cited, without 《》
    in_library: bool
    document_id: int | None
    clause_ids: tuple[int, ...]  # the clauses that cite it (empty for a parsed, unstored text)


@dataclass(frozen=True)
class Suggestion:
    name: str
    score: float  # 0..1, higher first
    source: Literal["existing", "keyword"]


@dataclass(frozen=True)
class ComparisonRow:
    status: Literal["same", "changed", "added", "removed"]
    old_path: str
    new_path: str
    old_text: str
    new_text: str
    old_clause_id: int | None  # None for a removed/added side, or for a parsed (unstored) file
    new_clause_id: int | None
    score: float  # similarity of old and new (1.0 when the same, 0.0 when added/removed)
    diff: TextDiff  # a = old_text, b = new_text


@dataclass(frozen=True)
class Comparison:
    old_title: str
    new_title: str
    rows: tuple[ComparisonRow, ...]
    old_date: str = ""  # ISO issue dates of the two versions, "" when unknown
    new_date: str = ""
    old_doc_number: str = ""
    new_doc_number: str = ""

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)
