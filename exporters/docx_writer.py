"""Brief -> .docx: a briefing pack laid out after GB/T 9704-2012.

Layout: a cover and the 目录 in an unnumbered first section; the body — the clauses
under one 序号 sequence, the 附件说明, the appendices and the 版记 — in a second section
numbered — 1 — from its first page, which is always a right-hand (odd) page. A 简报 (with
a 报头) and a single-clause export have no cover and no 目录: the body is the whole file.
The body is paginated before it is written (exporters.pagination), so the 目录 carries
page numbers that are right without updating a field.
"""

from __future__ import annotations

import os
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from exporters import gbt9704 as gb
from exporters import ooxml
from exporters.appendix import plan_appendices, write_appendix
from exporters.atomic import save_atomically
from exporters.body import CITATION_PREFIX, NOTE_LABEL, TITLE_PER_LINE, body_blocks, spacer
from exporters.brief import Brief
from exporters.cn_format import format_date
from exporters.docx_styles import NOTE_LABEL_COLOUR, setup_styles
from exporters.front_matter import imprint_blocks, masthead_blocks, pad_to_bottom, toc_blocks, toc_entries
from exporters.outline import plan_outline
from exporters.pagination import Block, Fragment, Plan, paginate
from exporters.properties import set_properties
from exporters.titles import balanced_lines
from exporters.xml_text import clean_xml_text

__all__ = ["CITATION_PREFIX", "NOTE_LABEL", "build_document", "write_brief"]


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
    set_properties(document, brief.title, brief.prepared_by)
    _page_setup(document.sections[0])

    headings, by_position = plan_outline(brief)
    blocks = body_blocks(brief, by_position)
    if brief.masthead is not None:
        blocks = masthead_blocks(brief, brief.masthead) + blocks
    body = paginate(blocks)
    appendices = plan_appendices(brief, by_position, first_page=body.pages + 1)
    pages = {f.block.anchor: f.page for f in body.fragments if f.block.anchor}
    pages.update({a.heading.anchor: a.first_page for a in appendices})

    writer = _Writer(document, styles)
    if not brief.single and brief.masthead is None:
        writer.cover(brief)
        entries = toc_entries(headings)
        if len(entries) < len(headings):
            writer.toc_instruction = ooxml.TOC_SECTIONS_ONLY
        toc = paginate(toc_blocks(entries, pages))
        writer.toc(toc, pages)
        # add_section() leaves the 目录 section's properties in one more empty paragraph.
        toc_pages = paginate(toc_blocks(entries, pages) + [spacer(hold=True)]).pages
        if toc_pages % 2 == 0:
            # Cover + an even number of 目录 pages: a blank page, so — 1 — is a right-hand page.
            writer.para("PB Spacer").paragraph_format.page_break_before = True
        section = document.add_section(WD_SECTION.NEW_PAGE)
    else:
        section = document.sections[0]
    _number_pages(document, section, styles)
    writer.blocks(body, pages)
    # How much of the last page a table fills is not counted: None after an appendix.
    last_used = None if appendices else body.used
    for appendix in appendices:
        write_appendix(writer, document, appendix, styles)
    if brief.imprint is not None:
        # The 版记 sits at the foot of the last page; after a table, whose end is not
        # counted, on a page of its own.
        used = last_used if last_used is not None else gb.LINES_PER_PAGE
        tail = pad_to_bottom(used, imprint_blocks(brief.imprint))
        if last_used is None:
            writer.blocks(paginate(tail), pages, first_break=True)
        else:
            writer.blocks(paginate(tail, first_page_used=used), pages)
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
        p = ooxml.styled_paragraph(self.styles[style].style_id)
        self._end.addprevious(p)
        paragraph = Paragraph(p, self.document._body)
        if text:
            paragraph.add_run(clean_xml_text(text))
        return paragraph

    def cover(self, brief: Brief) -> None:
        self.para("PB Classification", brief.classification.strip())
        title = self.para("PB Cover Title")
        lines = balanced_lines(clean_xml_text(brief.title).strip() or "政策简报", TITLE_PER_LINE - 1)
        for n, line in enumerate(lines):
            if n:
                title.add_run().add_break(WD_BREAK.LINE)
            title.add_run(line)
        if brief.subtitle.strip():
            self.para("PB Cover Subtitle", brief.subtitle.strip())
        meta = [line for line in (brief.prepared_by.strip(), format_date(brief.date)) if line]
        for n, line in enumerate(meta):
            paragraph = self.para("PB Cover Meta", line)
            if n == 0:
                # Pushes preparer and date to the lower third of the cover.
                paragraph.paragraph_format.space_before = Pt(200)

    def blocks(self, plan: Plan, pages: dict[str, int], first_break: bool = False) -> list:
        written = []
        for n, fragment in enumerate(plan.fragments):
            paragraph = self._fragment(fragment, pages)
            if (n == 0 and first_break) or fragment.page_break:
                ooxml.set_ppr_child(paragraph._p.get_or_add_pPr(), OxmlElement("w:pageBreakBefore"))
            written.append(paragraph)
        return written

    def toc(self, plan: Plan, pages: dict[str, int]) -> None:
        """A real TOC field whose cached result lists the entries with their page numbers.

        LibreOffice, WPS and Word's protected view show the cached result as it is; the
        numbers are the planned pages, so they are right without an update.
        """
        written = self.blocks(plan, pages, first_break=True)
        entries = [
            p for p, f in zip(written, plan.fragments, strict=True) if f.block.style.startswith("toc ")
        ]
        if not entries:
            paragraph = self.para("toc 1")
            ooxml.begin_field(paragraph, ooxml.TOC_INSTRUCTION)
            paragraph.add_run("（本简报暂无内容）")
            ooxml.end_field(paragraph)
            return
        first, last = entries[0], entries[-1]
        first._p.remove(first._p.find(qn("w:hyperlink")))
        ooxml.begin_field(first, self.toc_instruction)
        block = next(f.block for f in plan.fragments if f.block.style.startswith("toc "))
        ooxml.add_toc_link(first, block.anchor, block.text, pages.get(block.anchor, 1))
        ooxml.end_field(last)

    toc_instruction = ooxml.TOC_INSTRUCTION

    def _fragment(self, fragment: Fragment, pages: dict[str, int]):
        block = fragment.block
        style = block.continued_style if fragment.continued and block.continued_style else block.style
        paragraph = self.para(style)
        if block.style.startswith("toc "):
            self._toc_entry(paragraph, block, pages)
            return paragraph
        at = 0
        for piece in block.pieces:
            offset = at
            at += len(piece.text)
            start, end = max(fragment.start, offset), min(fragment.end, at)
            if start < end:
                ooxml.append_run(
                    paragraph._p,
                    piece.text[start - offset : end - offset],
                    bold=piece.bold,
                    colour=str(NOTE_LABEL_COLOUR) if piece.red else "",
                    half_points=int(gb.SIZE_SMALL.pt * 2) if piece.small else 0,
                    highlight="yellow" if piece.highlight else "",
                )
        ppr = None
        if block.tail_with_next and fragment.end == len(block.text):
            ppr = paragraph._p.get_or_add_pPr()
            ooxml.set_ppr_child(ppr, OxmlElement("w:keepNext"))
        if block.borders:
            ppr = ppr if ppr is not None else paragraph._p.get_or_add_pPr()
            ooxml.set_ppr_child(ppr, ooxml.borders(block.borders))
        if block.anchor and not fragment.continued:
            self.bookmarks += 1
            ooxml.add_bookmark(paragraph, self.bookmarks, block.anchor)
        return paragraph

    def _toc_entry(self, paragraph, block: Block, pages: dict[str, int]) -> None:
        ooxml.add_toc_link(paragraph, block.anchor, block.text, pages.get(block.anchor, 1))


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
