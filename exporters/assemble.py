"""Library content -> exporters.brief.Brief, ready for docx_writer.write_brief.

Three ways to pick clauses: a saved brief (its sections and order), tags (one section per
tag), or a list of clause ids (one section). Each quoted clause carries its citation data,
the officer's notes on it (or the brief's note override), the noted spans as highlights
and its tags. A saved brief's entry whose clause vanished in a re-import is exported
with the text it had, and marked as such: an officer must never lose a clause silently.

Database access goes through db functions only (layer rule); the bulk look-ups live in
db.selection so a 2,000-clause pack costs a handful of queries.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from db import briefs as db_briefs
from db import selection
from db import tags as db_tags
from db.work_records import BriefItem as SavedItem
from db.work_records import Note
from exporters.brief import Brief, BriefItem, BriefNote, BriefSection, SourceDoc
from exporters.options import ExportOptions
from exporters.outline import short_heading

# Printed for a saved entry whose clause is gone; the heading mark shows even with notes off.
# The writer prints notes after the quote, hence 以上.
DELETED_CLAUSE_NOTE = "原条文已在文件新版本中删除，以上为加入简报时的原文。"
DELETED_DOCUMENT_NOTE = "原文件已从资料库中删除，以上为加入简报时的原文。"
DELETED_MARK = "【原条文已删除】"

DEFAULT_CLAUSES_TITLE = "政策条文摘编"
DEFAULT_CLAUSES_SECTION = "相关条文"


@dataclass(frozen=True)
class _Work:
    """The officer's work on the clauses being exported, fetched once for all of them."""

    notes: dict[int, list[Note]]
    tags: dict[int, tuple[str, ...]]

    @classmethod
    def load(cls, lib, clause_ids: Iterable[int], include_notes: bool) -> _Work:
        ids = list(dict.fromkeys(clause_ids))
        notes = selection.notes_by_clause(lib, ids) if include_notes else {}
        tags = {cid: tuple(t.name for t in found) for cid, found in db_tags.tags_of_clauses(lib, ids).items()}
        return cls(notes, tags)


def brief_from_library(
    lib,
    brief_id: int,
    options: ExportOptions | None = None,
    **changes,
) -> Brief:
    """A saved brief, sections and items in their saved order (raises BriefNotFoundError).

    Title and subtitle default to the saved brief's; date to today.
    """
    opts = ExportOptions.of(options, **changes)
    include_notes = opts.include_notes
    saved = db_briefs.get_brief(lib, brief_id)
    live = [i.clause_id for s in saved.sections for i in s.items if i.clause_id is not None]
    work = _Work.load(lib, live, include_notes)
    sections = [
        BriefSection(s.title, tuple(_saved_item(i, work, include_notes) for i in s.items))
        for s in saved.sections
    ]
    return _brief(sections, opts, title=saved.title, subtitle=saved.subtitle)


def brief_from_tags(
    lib,
    tag_names: Sequence[str],
    options: ExportOptions | None = None,
    **changes,
) -> Brief:
    """One section per tag (in the order given), its clauses newest document first, then in
    document order. Nothing is saved. Raises TagNotFoundError naming every unknown tag.

    A clause carrying two of the tags is quoted in both sections, as the saved
    db.briefs.brief_from_tags does; a tag with no clauses gives no section.
    """
    opts = ExportOptions.of(options, **changes)
    include_notes = opts.include_notes
    names = [n for n in tag_names if n.strip()]
    found = [db_tags.find_tag(lib, n) for n in names]
    missing = [n.strip() for n, t in zip(names, found, strict=True) if t is None]
    if missing:
        raise db_tags.TagNotFoundError(f"没有这些标签：{'、'.join(missing)}")
    tags = list({t.id: t for t in found}.values())  # 算力 and ＳＵＡＮＬＩ-style variants: one tag
    per_tag = [(t.name, selection.tag_clause_ids(lib, t.id)) for t in tags]
    clauses = selection.clauses_by_id(lib, [cid for _, ids in per_tag for cid in ids])
    work = _Work.load(lib, clauses, include_notes)
    sections = [
        BriefSection(name, tuple(_live_item(clauses[cid], work, include_notes) for cid in ids))
        for name, ids in per_tag
    ]
    return _brief(sections, opts, title="、".join(t.name for t in tags) + "相关条文")


def brief_from_clauses(
    lib,
    clause_ids: Sequence[int],
    options: ExportOptions | None = None,
    *,
    section_title: str = DEFAULT_CLAUSES_SECTION,
    **changes,
) -> Brief:
    """One section holding the clauses in the order given (a repeated id is quoted once).
    Raises ClauseNotFoundError naming every id that does not exist."""
    opts = ExportOptions.of(options, **changes)
    include_notes = opts.include_notes
    clauses = selection.require_clauses(lib, clause_ids)
    work = _Work.load(lib, (c.id for c in clauses), include_notes)
    items = tuple(_live_item(c, work, include_notes) for c in clauses)
    return _brief([BriefSection(section_title, items)], opts, title=DEFAULT_CLAUSES_TITLE)


def today() -> str:
    """Today as ISO; the writer prints it 2026年11月23日 (exporters.cn_format.format_date)."""
    return _dt.date.today().isoformat()


def note_count(brief: Brief) -> int:
    """How many 【批注】 paragraphs the writer will print for `brief`."""
    return sum(len(item.notes) for item in brief.items) if brief.include_notes else 0


def _brief(sections: list[BriefSection], opts: ExportOptions, *, title: str, subtitle: str = "") -> Brief:
    """The Brief for `sections`; the options' title and subtitle win over the defaults given."""
    date = today() if opts.date is None else opts.date
    return Brief(
        title=title if opts.title is None else opts.title,
        subtitle=subtitle if opts.subtitle is None else opts.subtitle,
        date=date,
        prepared_by=opts.prepared_by,
        classification=opts.classification,
        # A heading with nothing under it reads as a mistake in a printed pack.
        sections=tuple(s for s in sections if s.items),
        include_notes=opts.include_notes,
        include_appendix=opts.appendix and not opts.single,
        include_table=opts.table and not opts.single,
        editor_note=opts.editor_note.strip(),
        masthead=opts.masthead(date),
        imprint=opts.imprint_block(date),
        single=opts.single,
    )


def _live_item(clause: selection.SelectedClause, work: _Work, include_notes: bool) -> BriefItem:
    source = SourceDoc(clause.title, clause.doc_number, clause.issuer, clause.issued_date)
    notes = work.notes.get(clause.id, [])
    return BriefItem(
        clause_id=clause.id,
        text=clause.text,
        path=clause.path,
        label=clause.label,
        heading=clause.heading,
        source=source,
        notes=_brief_notes(notes) if include_notes else (),
        highlights=_highlights(notes, clause.text) if include_notes else (),
        tags=work.tags.get(clause.id, ()),
    )


def _saved_item(item: SavedItem, work: _Work, include_notes: bool) -> BriefItem:
    source = SourceDoc(item.document_title, item.doc_number, item.issuer, item.issued_date)
    if item.clause_id is None:
        return _orphan_item(item, source, include_notes)
    notes = work.notes.get(item.clause_id, [])
    printed = _brief_notes(notes) if item.note_override is None else _override(item.note_override)
    return BriefItem(
        clause_id=item.clause_id,
        text=item.text,
        path=item.path,
        label=item.label,
        heading=item.heading,
        source=source,
        notes=printed if include_notes else (),
        # The override replaces the notes' prose; the passages they marked stay marked.
        highlights=_highlights(notes, item.text) if include_notes else (),
        tags=work.tags.get(item.clause_id, ()),
    )


def _orphan_item(item: SavedItem, source: SourceDoc, include_notes: bool) -> BriefItem:
    """The remembered text, flagged in the heading (always printed) and by a note."""
    label = item.label or _leading_label(item.text, item.path)
    bare = BriefItem(
        clause_id=f"deleted-{item.id}",
        text=item.text,
        path=item.path,
        label=label,
        heading="",
        source=source,
    )
    # Without a document title the whole document was removed, not just this clause.
    marker = DELETED_CLAUSE_NOTE if item.document_title else DELETED_DOCUMENT_NOTE
    notes = (BriefNote(marker),) + (_override(item.note_override) if item.note_override is not None else ())
    return BriefItem(
        clause_id=bare.clause_id,
        text=item.text,
        path=item.path,
        label=label,
        heading=DELETED_MARK + short_heading(bare),
        source=source,
        notes=notes if include_notes else (),
    )


def _leading_label(text: str, path: str) -> str:
    """The label an orphan's text starts with ("2." for path 3/（一）/2), so its heading reads
    承接动漫影视制作 like a live clause's; the library keeps no label once the clause is gone."""
    last = path.rsplit("/", 1)[-1].strip()
    match = re.match(re.escape(last) + r"[、.．]?", text) if last else None
    return match.group(0) if match else ""


def _override(text: str) -> tuple[BriefNote, ...]:
    # An empty override is the officer saying "print no note under this clause".
    return (BriefNote(text),) if text.strip() else ()


def _brief_notes(notes: list[Note]) -> tuple[BriefNote, ...]:
    # A note with no text is a bare highlight: it marks the clause but prints no 【批注】.
    return tuple(
        BriefNote(n.text, n.meeting, n.meeting_date, n.created_at, n.span) for n in notes if n.text.strip()
    )


def _highlights(notes: list[Note], text: str) -> tuple[tuple[int, int], ...]:
    """Note spans that still fit the clause (a re-import may have shortened it), in text order."""
    spans = {(max(0, s), min(len(text), e)) for n in notes if n.span for s, e in [n.span]}
    return tuple(sorted((s, e) for s, e in spans if e > s))
