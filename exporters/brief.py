"""The plain records a briefing pack is made of.

The docx writer takes these and nothing else: whoever assembles a Brief (from the
library, from a test, from the demo) owns the database side. All text is stored
as the user wrote it; cleaning for XML happens at write time.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BriefNote:
    """A note an officer attached to a clause, e.g. during a meeting.

    `meeting_date` and `created_at` are ISO strings (2025-07-01, 2025-07-01T10:30:00)
    or free text; `span` is an optional (start, end) range in the clause text the
    note is about.
    """

    text: str
    meeting: str = ""
    meeting_date: str = ""
    created_at: str = ""
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class SourceDoc:
    """The document a clause was taken from, as its letterhead and signature say."""

    title: str
    doc_number: str = ""  # 文号, e.g. 厦湖科工函〔2025〕13号
    issuer: str = ""
    issued_date: str = ""  # ISO (2025-06-16, 2022-02, 2022) or as printed


@dataclass(frozen=True)
class BriefItem:
    """One quoted clause.

    `path` is the clause's position in its source, labels joined by "/" (二/（一）/1);
    `highlights` are (start, end) offsets into `text`, in Python characters.
    """

    clause_id: int | str
    text: str
    path: str
    label: str
    heading: str
    source: SourceDoc
    notes: tuple[BriefNote, ...] = ()
    highlights: tuple[tuple[int, int], ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class BriefSection:
    """A group of clauses under one level-1 heading, in the order the officer chose."""

    title: str
    items: tuple[BriefItem, ...] = ()


@dataclass(frozen=True)
class Masthead:
    """The 报头 of a pack issued as a 简报: name in red, 期号, 编印单位 and date over a red rule."""

    name: str
    issue: str = ""  # 期号, e.g. 第3期
    unit: str = ""  # 编印单位
    date: str = ""


@dataclass(frozen=True)
class Imprint:
    """The 版记 at the end: optional 报/送/发 lines, then 印发机关 and 印发日期 between rules."""

    unit: str
    date: str = ""
    recipients: tuple[tuple[str, str], ...] = ()  # (报, 市政府办公室), (送, …), (发, …)


@dataclass(frozen=True)
class Brief:
    """A whole briefing pack: cover data, sections, and what to include.

    `single` prints the clauses alone: no cover, 目录 or appendix (one clause handed over).
    A `masthead` replaces the cover with a 简报's 报头.
    """

    title: str
    subtitle: str = ""  # usually the meeting the pack is for
    date: str = ""
    prepared_by: str = ""
    classification: str = ""  # 密级 or 内部资料; printed top-left of the cover
    sections: tuple[BriefSection, ...] = ()
    include_notes: bool = True
    include_appendix: bool = True
    include_table: bool = False
    editor_note: str = ""  # 编者按 / 编印说明, printed before the first section
    masthead: Masthead | None = None
    imprint: Imprint | None = None
    single: bool = False

    @property
    def items(self) -> tuple[BriefItem, ...]:
        """Every item of every section, in brief order."""
        return tuple(item for section in self.sections for item in section.items)
