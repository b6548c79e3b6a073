"""The body of a pack as measured blocks: title (single clause or 简报), 编者按, sections,
numbered clauses with their quotes, citations and notes, and the 附件说明."""

from __future__ import annotations

from exporters import gbt9704 as gb
from exporters.brief import Brief, BriefItem, BriefNote
from exporters.citation import cite
from exporters.cn_format import format_date
from exporters.outline import Heading, attachments
from exporters.pagination import Block, Piece
from exporters.paragraphs import quote_paragraphs
from exporters.titles import balanced_lines
from exporters.xml_text import clean_xml_text

NOTE_LABEL = "【批注】"
CITATION_PREFIX = "出处："
EDITOR_NOTE_LABEL = "编者按："
_NOTE_SPAN_CHARS = 20  # how much of the annotated passage a note repeats

_BODY = gb.SIZE_BODY.pt
PER_LINE = gb.chars_per_line(_BODY)
# The quote's grey rule is drawn in its left indent, so only the indent narrows the line.
QUOTE_PER_LINE = gb.chars_per_line(_BODY, _BODY)
CITATION_PER_LINE = gb.chars_per_line(gb.SIZE_SMALL.pt, _BODY)
NOTE_PER_LINE = gb.chars_per_line(_BODY, 2 * _BODY)
TITLE_PER_LINE = gb.chars_per_line(gb.SIZE_TITLE.pt)
INDENT = gb.FIRST_LINE_INDENT_CHARS + 0.1  # firstLineChars are font-size units, a touch wider


def body_blocks(brief: Brief, by_position: dict[tuple[int, int], Heading]) -> list[Block]:
    blocks: list[Block] = []
    if brief.single or brief.masthead is not None:
        blocks += title_blocks(brief)
    if brief.editor_note:
        blocks.append(editor_note_block(brief.editor_note))
        blocks.append(spacer())
    for s, section in enumerate(brief.sections):
        if s:
            blocks.append(spacer())
        blocks.append(heading_block(by_position[(s, -1)]))
        for i, item in enumerate(section.items):
            blocks += item_blocks(by_position[(s, i)], item, brief.include_notes)
    names = [name for _, name in attachments(brief)]
    if names:
        blocks.append(spacer())
        blocks += attachment_note_blocks(names)
    return blocks


def spacer(hold: bool = False) -> Block:
    """A blank line; unless `hold`, dropped when it would open a page."""
    return Block("PB Spacer", [], PER_LINE, space=not hold)


def title_blocks(brief: Brief) -> list[Block]:
    """The title in balanced lines of 小标宋 on the body's first page, then a blank line."""
    lines = balanced_lines(clean_xml_text(brief.title).strip() or "政策简报", TITLE_PER_LINE - 1)
    out = [Block("PB Body Title", [Piece(line)], TITLE_PER_LINE, keep_next=3) for line in lines]
    subtitle = clean_xml_text(brief.subtitle).strip()
    if subtitle:
        out.append(Block("PB Body Subtitle", [Piece(subtitle)], PER_LINE, keep_next=2))
    out.append(Block("PB Spacer", [], PER_LINE))
    return out


def editor_note_block(text: str) -> Block:
    pieces = [Piece(EDITOR_NOTE_LABEL, bold=True), Piece(clean_xml_text(text).strip())]
    return Block(
        "PB Editor Note", pieces, PER_LINE, INDENT, splittable=True, continued_style="PB Quote Continued"
    )


def heading_block(heading: Heading) -> Block:
    style = f"Heading {heading.level}"
    return Block(style, [Piece(heading.text)], PER_LINE, INDENT, keep_next=2, anchor=heading.anchor)


def item_blocks(heading: Heading, item: BriefItem, include_notes: bool) -> list[Block]:
    blocks = [heading_block(heading)]
    for paragraph in quote_paragraphs(item):
        pieces = [Piece(text, highlight=marked) for text, marked in paragraph.pieces]
        blocks.append(
            Block(
                "PB Quote",
                pieces,
                QUOTE_PER_LINE,
                INDENT,
                splittable=True,
                continued_style="PB Quote Continued",
            )
        )
    citation = cite(item)
    if citation:
        if len(blocks) > 1:
            blocks[-1].tail_with_next = True
        else:
            blocks[0].keep_next = 99  # heading and citation on one page
        blocks.append(
            Block("PB Citation", [Piece(CITATION_PREFIX + clean_xml_text(citation))], CITATION_PER_LINE)
        )
    if include_notes:
        for note in item.notes:
            blocks.append(note_block(note, item.text))
    return blocks


def note_block(note: BriefNote, clause_text: str) -> Block:
    """【批注】in red, the note in blue 楷体, then where and when it was made."""
    pieces = [Piece(NOTE_LABEL, bold=True, red=True)]
    about = _span_text(note, clause_text)
    if about:
        pieces.append(Piece(f"就“{about}”："))
    pieces.append(Piece(clean_xml_text(note.text.strip())))
    details = note_details(note)
    if details:
        pieces.append(Piece(f"（{details}）", small=True))
    return Block("PB Note", pieces, NOTE_PER_LINE, splittable=True, continued_style="PB Note Continued")


def attachment_note_blocks(names: list[str]) -> list[Block]:
    """GB/T 9704 §7.3.5: 附件：1．name, each further name aligned under the first."""
    if len(names) == 1:
        return [Block("PB Attachment", [Piece(f"附件：{names[0]}")], PER_LINE - 2)]
    out = []
    for n, name in enumerate(names, start=1):
        lead = "附件：" if n == 1 else "\u3000\u3000\u3000"
        out.append(Block("PB Attachment", [Piece(f"{lead}{n}．{name}")], PER_LINE - 2, keep_next=1))
    return out


def _span_text(note: BriefNote, clause_text: str) -> str:
    if not note.span:
        return ""
    start, end = note.span
    start, end = max(0, start), min(len(clause_text), end)
    excerpt = clean_xml_text(clause_text[start:end]).strip()
    if len(excerpt) > _NOTE_SPAN_CHARS:
        excerpt = excerpt[:_NOTE_SPAN_CHARS] + "……"
    return excerpt


def note_details(note: BriefNote) -> str:
    """会议：区政府第12次常务会议（2025年7月8日）；记录时间：2025年7月3日 16:20."""
    meeting = clean_xml_text(note.meeting).strip()
    day = clean_xml_text(format_date(note.meeting_date)).strip()
    parts = []
    if meeting:
        parts.append(f"会议：{meeting}" + (f"，{day}" if day else ""))
    elif day:
        parts.append(f"会议日期：{day}")
    if note.created_at.strip():
        parts.append("记录时间：" + clean_xml_text(format_date(note.created_at, with_time=True)))
    return "；".join(parts)
