"""GB/T 9704-2012 (党政机关公文格式) as named numbers, plus the OOXML bits python-docx lacks.

Sizes follow the Chinese type scale: 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt, 小四 = 12 pt.
The standard asks for a 156 × 225 mm text area holding 22 lines of 28 characters.
"""

from __future__ import annotations

import math

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

# --- page ---------------------------------------------------------------------------------
PAGE_WIDTH = Mm(210)  # A4
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(37)  # 天头
MARGIN_BOTTOM = Mm(35)
MARGIN_LEFT = Mm(28)  # 订口
MARGIN_RIGHT = Mm(26)
TEXT_WIDTH_MM = 210 - 28 - 26  # 156
TEXT_HEIGHT_MM = 297 - 37 - 35  # 225
# The page number's 一字线 sits 7 mm below the text area; with a 14 pt line that puts the
# bottom of the footer about 25 mm above the paper's edge.
FOOTER_DISTANCE = Mm(25)
HEADER_DISTANCE = Mm(15)

# --- grid: 22 lines × 28 characters ------------------------------------------------------
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
_TWIPS_PER_MM = 1440 / 25.4
# Rounded down so 22 lines always fit: 225 mm / 22 = 579.8 twips -> 579 twips = 28.95 pt.
LINE_PITCH_TWIPS = int(TEXT_HEIGHT_MM * _TWIPS_PER_MM / LINES_PER_PAGE)
LINE_PITCH = Pt(LINE_PITCH_TWIPS / 20)
CHAR_PITCH_PT = TEXT_WIDTH_MM * 72 / 25.4 / CHARS_PER_LINE  # ≈ 15.79 pt, a 3号 character squeezed

# --- type sizes ------------------------------------------------------------------------------
SIZE_TITLE = Pt(22)  # 2号
SIZE_BODY = Pt(16)  # 3号
SIZE_PAGE_NUMBER = Pt(14)  # 4号
SIZE_SMALL = Pt(14)  # 4号: citations, note details
SIZE_TABLE = Pt(12)  # 小四: appendix tables
SIZE_MASTHEAD = Pt(36)  # 小初: the name in a 简报's 报头
TABLE_LINE = Pt(18)  # exact line height in tables

# 28 characters per line come from tightening 3号 text by this much (w:spacing, in 1/20 pt,
# rounded down so 28 always fit). A w:docGrid of type linesAndChars would do it in Word, but
# LibreOffice lays such a grid out with double-width cells.
CHAR_SPACING_TWENTIETHS = math.floor((CHAR_PITCH_PT - SIZE_BODY.pt) * 20)  # -5 = -0.25 pt

# --- fonts -----------------------------------------------------------------------------------
FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEADING_1 = "黑体"
FONT_HEADING_2 = "楷体_GB2312"
FONT_HEADING_3 = FONT_BODY  # in bold
FONT_NOTE = FONT_HEADING_2  # notes are set in 楷体 so they never read as quoted text
FONT_PAGE_NUMBER = "宋体"
# Windows since Vista ships 仿宋/楷体 rather than the GB2312 cuts; Word and LibreOffice use
# these w:altName entries of the font table when the named font is missing.
FONT_FALLBACKS = {
    FONT_TITLE: "SimSun",
    FONT_BODY: "FangSong",
    FONT_HEADING_1: "SimHei",
    FONT_HEADING_2: "KaiTi",
    FONT_PAGE_NUMBER: "SimSun",
}

FIRST_LINE_INDENT_CHARS = 2
TEXT_WIDTH_PT = TEXT_WIDTH_MM * 72 / 25.4
TEXT_HEIGHT_PT = TEXT_HEIGHT_MM * 72 / 25.4


def chars_per_line(size_pt: float, left_pt: float = 0.0, width_pt: float | None = None) -> float:
    """How many Chinese characters of `size_pt` (tightened like the body) fit on one line."""
    width = TEXT_WIDTH_PT if width_pt is None else width_pt
    return (width - left_pt) / (size_pt + CHAR_SPACING_TWENTIETHS / 20)


FIRST_LINE_INDENT = Pt(2 * SIZE_BODY.pt)  # for readers that ignore w:firstLineChars

PAGE_NUMBER_DASH = "—"  # 一字线: the number is printed as — 1 —


def set_east_asian_font(target, name: str) -> None:
    """Give a run, a style or a w:rPr the font `name` for every script.

    python-docx's `font.name` sets only w:ascii/w:hAnsi, so Chinese text would fall back
    to the theme font. Theme attributes win over explicit names, hence they are removed.
    """
    rpr = _rpr_of(target)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    # No w:hint="eastAsia": LibreOffice then treats digits as CJK and breaks 2025 across lines.
    fonts.attrib.pop(qn("w:hint"), None)


def _rpr_of(target):
    element = getattr(target, "element", None)
    if element is None:
        element = getattr(target, "_element", target)
    if element.tag == qn("w:rPr"):
        return element
    return element.get_or_add_rPr()


def set_first_line_chars(ppr, chars: float) -> None:
    """First-line indent in characters (w:firstLineChars), which Word and WPS honour at any size."""
    ind = ppr.get_or_add_ind()  # keeps schema order, which Word checks
    ind.set(qn("w:firstLineChars"), str(round(chars * 100)))
    ind.set(qn("w:firstLine"), str(round(chars * SIZE_BODY.pt * 20)))


def doc_grid(sectpr) -> None:
    """A 22-line grid, so Word's and WPS's page setup dialogs show 22 行 like a 公文 template."""
    grid = sectpr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sectpr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.attrib.pop(qn("w:charSpace"), None)


_AFTER_SPACING = [
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
]


def set_char_spacing(rpr, twentieths: int) -> None:
    """Character spacing (w:spacing in a w:rPr), at its schema position."""
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twentieths))
    rpr.insert_element_before(spacing, *_AFTER_SPACING)
