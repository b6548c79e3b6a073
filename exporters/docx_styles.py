"""The Word styles of a briefing pack, set to GB/T 9704 fonts and sizes.

Content gets its look only through these named styles (never per-run fonts), so an
officer can restyle the pack in Word, and 2,000 clauses do not mean 2,000 font blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from exporters import gbt9704 as gb
from exporters.ooxml import set_ppr_child

BLACK = RGBColor(0, 0, 0)
NOTE_COLOUR = RGBColor(0x1F, 0x3A, 0x93)  # dark blue: a reader's hand, not the source text
NOTE_LABEL_COLOUR = RGBColor(0xC0, 0x00, 0x00)  # the red of hand-written 批注
CITATION_COLOUR = RGBColor(0x40, 0x40, 0x40)
QUOTE_BORDER_COLOUR = "A6A6A6"
MASTHEAD_RED = RGBColor(0xE6, 0x00, 0x12)


@dataclass(frozen=True)
class Look:
    """How one paragraph style looks; None leaves the base style's value."""

    font: str = gb.FONT_BODY
    size: Pt = gb.SIZE_BODY
    bold: bool | None = None
    colour: RGBColor | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    first_line_chars: float | None = gb.FIRST_LINE_INDENT_CHARS
    left: Pt | None = None
    line: Pt | None = gb.LINE_PITCH  # exact line height; None = single spacing
    before: Pt = Pt(0)
    after: Pt = Pt(0)
    keep_next: bool = False
    keep_lines: bool = False
    tab_leader: bool = False  # a right tab with dots at the text's right edge (目录 entries)
    tab_right: int | None = None  # a plain right tab at this position (EMU)
    grid: bool = True  # snap to the document grid
    base: str = "Normal"


# Style name -> look. Heading 1/2/3 and "toc 1/2" keep Word's built-in names so the TOC
# field and Word's navigation pane find them.
LOOKS: dict[str, Look] = {
    "Heading 1": Look(font=gb.FONT_HEADING_1, bold=False, colour=BLACK, keep_next=True),
    "Heading 2": Look(font=gb.FONT_HEADING_2, bold=False, colour=BLACK, keep_next=True),
    "Heading 3": Look(font=gb.FONT_HEADING_3, bold=True, colour=BLACK, keep_next=True),
    "PB Classification": Look(font=gb.FONT_HEADING_1, first_line_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT),
    "PB Cover Title": Look(
        font=gb.FONT_TITLE,
        size=gb.SIZE_TITLE,
        first_line_chars=0,
        line=Pt(40),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        before=Pt(150),
        after=Pt(30),
    ),
    "PB Cover Subtitle": Look(font=gb.FONT_HEADING_2, first_line_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER),
    "PB Cover Meta": Look(first_line_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER),
    "PB TOC Title": Look(
        font=gb.FONT_TITLE,
        size=gb.SIZE_TITLE,
        first_line_chars=0,
        line=Pt(2 * gb.LINE_PITCH.pt),
        align=WD_ALIGN_PARAGRAPH.CENTER,
    ),
    # Every body style sits on the 28.95 pt grid with no space before or after: a page is
    # exactly 22 lines, which is what lets exporters.pagination place page breaks.
    "toc 1": Look(font=gb.FONT_HEADING_1, first_line_chars=0, tab_leader=True),
    "toc 2": Look(first_line_chars=0, left=Pt(2 * gb.SIZE_BODY.pt), tab_leader=True),
    "PB Quote": Look(left=Pt(gb.SIZE_BODY.pt)),
    "PB Quote Continued": Look(left=Pt(gb.SIZE_BODY.pt), first_line_chars=0, base="PB Quote"),
    "PB Citation": Look(
        size=gb.SIZE_SMALL,
        colour=CITATION_COLOUR,
        first_line_chars=0,
        left=Pt(gb.SIZE_BODY.pt),
        keep_lines=True,
    ),
    "PB Note": Look(
        font=gb.FONT_NOTE,
        colour=NOTE_COLOUR,
        first_line_chars=0,
        left=Pt(2 * gb.SIZE_BODY.pt),
    ),
    "PB Note Continued": Look(
        font=gb.FONT_NOTE,
        colour=NOTE_COLOUR,
        first_line_chars=0,
        left=Pt(2 * gb.SIZE_BODY.pt),
        base="PB Note",
    ),
    "PB Editor Note": Look(font=gb.FONT_HEADING_2),
    "PB Body Title": Look(
        font=gb.FONT_TITLE, size=gb.SIZE_TITLE, first_line_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER
    ),
    "PB Body Subtitle": Look(font=gb.FONT_HEADING_2, first_line_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER),
    "PB Attachment": Look(first_line_chars=0, left=Pt(2 * gb.SIZE_BODY.pt)),
    "PB Masthead Name": Look(
        font=gb.FONT_TITLE,
        size=gb.SIZE_MASTHEAD,
        colour=MASTHEAD_RED,
        first_line_chars=0,
        line=Pt(2 * gb.LINE_PITCH.pt),
        align=WD_ALIGN_PARAGRAPH.CENTER,
    ),
    "PB Masthead Line": Look(first_line_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER),
    "PB Masthead Rule": Look(
        first_line_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT, tab_right=Mm(gb.TEXT_WIDTH_MM)
    ),
    # 版记: 4号, one character in from either side (GB/T 9704 §7.4.2-7.4.3).
    "PB Imprint": Look(
        size=gb.SIZE_SMALL,
        first_line_chars=0,
        left=Pt(gb.SIZE_SMALL.pt),
        keep_lines=True,
        keep_next=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    ),
    "PB Imprint Last": Look(
        size=gb.SIZE_SMALL,
        first_line_chars=0,
        left=Pt(gb.SIZE_SMALL.pt),
        keep_lines=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        tab_right=Mm(gb.TEXT_WIDTH_MM) - Pt(2 * gb.SIZE_SMALL.pt),
    ),
    "PB Spacer": Look(first_line_chars=0),
    "PB Table Break": Look(size=Pt(1), first_line_chars=0, line=Pt(1)),
    # Exact 18 pt lines (not single spacing, whose height depends on the font's ascent), so a
    # row's height is known before the file is opened.
    "PB Table Text": Look(
        size=gb.SIZE_TABLE, first_line_chars=0, line=gb.TABLE_LINE, align=WD_ALIGN_PARAGRAPH.LEFT, grid=False
    ),
    "PB Page Number": Look(
        font=gb.FONT_PAGE_NUMBER, size=gb.SIZE_PAGE_NUMBER, first_line_chars=0, line=None, base="Footer"
    ),
}


def setup_styles(document) -> dict[str, object]:
    """Apply GB/T defaults and create the pack's styles; returns them by name for fast use."""
    _set_defaults(document)
    styles = document.styles
    out: dict[str, object] = {}
    for name, look in LOOKS.items():
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles[look.base]
            style.quick_style = True
        _apply(style, look)
        out[name] = style
    _quote_border(out["PB Quote"])
    out["Normal"] = styles["Normal"]
    out["Table Grid"] = styles["Table Grid"]
    return out


def _set_defaults(document) -> None:
    normal = document.styles["Normal"]
    # docDefaults carry theme fonts (Calibri/MS Mincho); Normal's explicit fonts override them.
    _apply(normal, Look(align=WD_ALIGN_PARAGRAPH.JUSTIFY))
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    # zh-CN makes viewers choose simplified-Chinese glyphs and Chinese line breaking.
    lang.set(qn("w:val"), "en-US")  # Latin text and digits; zh-CN here lets LibreOffice split 2025
    lang.set(qn("w:eastAsia"), "zh-CN")
    gb.set_char_spacing(rpr, gb.CHAR_SPACING_TWENTIETHS)
    ppr = normal.element.get_or_add_pPr()
    # No extra space between Chinese and Latin text: line widths stay countable (measure.py).
    set_ppr_child(ppr, _off("w:autoSpaceDE"))
    set_ppr_child(ppr, _off("w:autoSpaceDN"))


def _apply(style, look: Look) -> None:
    gb.set_east_asian_font(style, look.font)
    font = style.font
    font.size = look.size
    if look.bold is not None:
        font.bold = look.bold
    if look.colour is not None:
        font.color.rgb = look.colour
    pf = style.paragraph_format
    if look.align is not None:
        pf.alignment = look.align
    pf.space_before = look.before
    pf.space_after = look.after
    if look.line is None:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        # Off the 28.95 pt grid, or Word would give every small line a full grid line.
        ppr = style.element.get_or_add_pPr()
        set_ppr_child(ppr, _off("w:snapToGrid"))
    else:
        pf.line_spacing = look.line
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if look.left is not None:
        pf.left_indent = look.left
    if look.first_line_chars is not None:
        if look.first_line_chars:
            gb.set_first_line_chars(style.element.get_or_add_pPr(), look.first_line_chars)
        else:
            pf.first_line_indent = Pt(0)
    if look.keep_next:
        pf.keep_with_next = True
    if look.keep_lines:
        pf.keep_together = True
    if not look.grid and look.line is not None:
        set_ppr_child(style.element.get_or_add_pPr(), _off("w:snapToGrid"))
    if look.tab_right is not None:
        pf.tab_stops.add_tab_stop(look.tab_right, WD_TAB_ALIGNMENT.RIGHT)
    if look.tab_leader:
        pf.tab_stops.add_tab_stop(Mm(gb.TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _off(tag: str):
    element = OxmlElement(tag)
    element.set(qn("w:val"), "0")
    return element


def _quote_border(style) -> None:
    """A grey rule left of quoted text, the way a quotation is set apart in print."""
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for attr, value in (
        ("w:val", "single"),
        ("w:sz", "18"),
        ("w:space", "8"),
        ("w:color", QUOTE_BORDER_COLOUR),
    ):
        left.set(qn(attr), value)
    borders.append(left)
    set_ppr_child(ppr, borders)
