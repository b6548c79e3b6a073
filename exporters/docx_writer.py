"""Brief -> .docx: a briefing pack laid out after GB/T 9704-2012.

Layout: cover (密级, title, meeting, date, preparer) and table of contents in an
unnumbered first section; the quoted clauses, notes and appendices in a second section
whose pages are numbered — 1 — from its first page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from exporters import gbt9704 as gb
from exporters import ooxml
from exporters.appendix import add_source_list, add_summary_table
from exporters.atomic import save_atomically
from exporters.brief import Brief, BriefItem, BriefNote
from exporters.citation import cite
from exporters.cn_format import format_date
from exporters.docx_styles import NOTE_LABEL_COLOUR, setup_styles
from exporters.outline import Heading, plan_outline
from exporters.xml_text import clean_xml_text, split_highlights

NOTE_LABEL = "【批注】"
CITATION_PREFIX = "出处："
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NOTE_SPAN_CHARS = 20  # how much of the annotated passage a note repeats


def write_brief(brief: Brief, path: str | os.PathLike[str]) -> Path:
    """Write `brief` as a Word file at `path` and return the path.

    The old file at `path`, if any, is replaced only once the new one is complete.
    Raises ExportError (message in Chinese, for the user) when the file cannot be written.
    """
    target = Path(path)
    document = build_document(brief)
    save_atomically(document, target)
    return target


def build_document(brief: Brief):
    """The python-docx Document for `brief`, not yet saved."""
    document = Document()
    styles = setup_styles(document)
    ooxml.register_fonts(document, gb.FONT_FALLBACKS)
    ooxml.set_theme_language(document.settings)
    ooxml.request_field_update(document.settings)
    document.core_properties.title = clean_xml_text(brief.title)
    document.core_properties.author = clean_xml_text(brief.prepared_by) or "PolicyBrief"
    _page_setup(document.sections[0])

    headings, by_position = plan_outline(brief)
    writer = _Writer(document, styles)
    writer.cover(brief)
    writer.toc(headings)
    body = document.add_section(WD_SECTION.NEW_PAGE)
    _number_pages(document, body, styles)
    for s, section in enumerate(brief.sections):
        writer.heading(by_position[(s, -1)])
        for i, item in enumerate(section.items):
            writer.item(by_position[(s, i)], item, brief.include_notes)
    if brief.include_appendix:
        writer.heading(by_position[(-1, 0)], new_page=True)
        add_source_list(document, brief, styles)
    if brief.include_table:
        writer.heading(by_position[(-1, 1)], new_page=True)
        add_summary_table(document, brief, styles)
    return document


class _Writer:
    """Appends the pack's paragraphs; holds the styles and the bookmark counter."""

    def __init__(self, document, styles: dict) -> None:
        self.document = document
        self.styles = styles
        self.bookmarks = 0
        # The body's own w:sectPr stays its last child even after add_section().
        self._end = document.element.body.sectPr

    def para(self, style: str, text: str = ""):
        # python-docx's add_paragraph(style=...) rescans the body and the style list on
        # every call, which made a 2,000-clause pack take seconds; this is O(1).
        p = OxmlElement("w:p")
        p.style = self.styles[style].style_id
        self._end.addprevious(p)
        paragraph = Paragraph(p, self.document._body)
        if text:
            paragraph.add_run(clean_xml_text(text))
        return paragraph

    def cover(self, brief: Brief) -> None:
        self.para("PB Classification", brief.classification.strip())
        self.para("PB Cover Title", brief.title.strip() or "政策简报")
        if brief.subtitle.strip():
            self.para("PB Cover Subtitle", brief.subtitle.strip())
        meta = [line for line in (brief.prepared_by.strip(), format_date(brief.date)) if line]
        for n, line in enumerate(meta):
            paragraph = self.para("PB Cover Meta", line)
            if n == 0:
                # Pushes preparer and date to the lower third of the cover.
                paragraph.paragraph_format.space_before = Pt(200)

    def toc(self, headings: list[Heading]) -> None:
        """A real TOC field whose cached result already lists the headings.

        Word refreshes it on opening (w:updateFields, adding page numbers); LibreOffice
        and WPS show the cached entries as they are, so the list is never empty.
        """
        title = self.para("PB TOC Title", "目　录")
        title.paragraph_format.page_break_before = True
        if not headings:
            paragraph = self.para("toc 1")
            ooxml.begin_field(paragraph, ooxml.TOC_INSTRUCTION)
            paragraph.add_run("（本简报暂无内容）")
            ooxml.end_field(paragraph)
            return
        paragraph = None
        for n, heading in enumerate(headings):
            paragraph = self.para(f"toc {heading.level}")
            if n == 0:
                ooxml.begin_field(paragraph, ooxml.TOC_INSTRUCTION)
            ooxml.add_internal_link(paragraph, heading.anchor, heading.text)
        ooxml.end_field(paragraph)

    def heading(self, heading: Heading, new_page: bool = False) -> None:
        paragraph = self.para(f"Heading {heading.level}", heading.text)
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        self.bookmarks += 1
        ooxml.add_bookmark(paragraph, self.bookmarks, heading.anchor)

    def item(self, heading: Heading, item: BriefItem, include_notes: bool) -> None:
        self.heading(heading)
        self.quote(item)
        citation = cite(item)
        if citation:
            self.para("PB Citation", CITATION_PREFIX + citation)
        if include_notes:
            for note in item.notes:
                self.note(note, item.text)

    def quote(self, item: BriefItem) -> None:
        """The clause verbatim; each line of the source is its own indented paragraph."""
        paragraph, filled = self.para("PB Quote"), False
        for piece, marked in split_highlights(item.text, item.highlights):
            # Split after cutting, so highlight offsets still point into the original text.
            for n, line in enumerate(_LINE_BREAK.split(piece)):
                if n and filled:
                    paragraph, filled = self.para("PB Quote"), False
                if line:
                    run = paragraph.add_run(line)
                    filled = True
                    if marked:
                        run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def note(self, note: BriefNote, clause_text: str) -> None:
        """【批注】in red, the note in blue 楷体, then where and when it was made."""
        paragraph = self.para("PB Note")
        label = paragraph.add_run(NOTE_LABEL)
        label.bold = True
        label.font.color.rgb = NOTE_LABEL_COLOUR
        about = _span_text(note, clause_text)
        if about:
            paragraph.add_run(f"就“{about}”：")
        paragraph.add_run(clean_xml_text(note.text.strip()))
        details = _note_details(note)
        if details:
            run = paragraph.add_run(f"（{details}）")
            run.font.size = gb.SIZE_SMALL


def _span_text(note: BriefNote, clause_text: str) -> str:
    if not note.span:
        return ""
    start, end = note.span
    start, end = max(0, start), min(len(clause_text), end)
    excerpt = clean_xml_text(clause_text[start:end]).strip()
    if len(excerpt) > _NOTE_SPAN_CHARS:
        excerpt = excerpt[:_NOTE_SPAN_CHARS] + "……"
    return excerpt


def _note_details(note: BriefNote) -> str:
    meeting = "".join(clean_xml_text(part).strip() for part in (note.meeting, format_date(note.meeting_date)))
    parts = [meeting] if meeting else []
    if note.created_at.strip():
        parts.append("记于" + clean_xml_text(format_date(note.created_at, with_time=True)))
    return "；".join(parts)


def _page_setup(section) -> None:
    section.page_width, section.page_height = gb.PAGE_WIDTH, gb.PAGE_HEIGHT
    section.top_margin, section.bottom_margin = gb.MARGIN_TOP, gb.MARGIN_BOTTOM
    section.left_margin, section.right_margin = gb.MARGIN_LEFT, gb.MARGIN_RIGHT
    section.header_distance, section.footer_distance = gb.HEADER_DISTANCE, gb.FOOTER_DISTANCE
    gb.doc_grid(section._sectPr)


def _number_pages(document, section, styles: dict) -> None:
    """— 1 — in 4号 宋体, restarting at 1: odd pages right, even pages left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    start = OxmlElement("w:pgNumType")
    start.set(qn("w:start"), "1")
    sectpr = section._sectPr
    for old in sectpr.findall(qn("w:pgNumType")):
        sectpr.remove(old)
    sectpr.insert_element_before(
        start,
        "w:cols",
        "w:formProt",
        "w:vAlign",
        "w:noEndnote",
        "w:titlePg",
        "w:textDirection",
        "w:bidi",
        "w:rtlGutter",
        "w:docGrid",
        "w:printerSettings",
        "w:sectPrChange",
    )
    indent = Pt(gb.SIZE_PAGE_NUMBER.pt)
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = styles["PB Page Number"]
        paragraph.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = indent
        else:
            paragraph.paragraph_format.left_indent = indent
        paragraph.add_run(f"{gb.PAGE_NUMBER_DASH} ")
        ooxml.add_page_field(paragraph)
        paragraph.add_run(f" {gb.PAGE_NUMBER_DASH}")
