"""The parts around the clauses: cover, 目录 (with page numbers), 报头 and 版记, as blocks."""

from __future__ import annotations

from exporters import gbt9704 as gb
from exporters.brief import Brief, Imprint, Masthead
from exporters.cn_format import format_date
from exporters.outline import Heading
from exporters.pagination import LINES_PER_PAGE, Block, Piece
from exporters.xml_text import clean_xml_text

TOC_TITLE = "目　录"
# A 目录 listing every clause may run to two pages; beyond that it lists the sections only.
TOC_MAX_PAGES = 2
_PAGE_NUMBER_ROOM = 3.5  # characters kept free for the dot leader and a page number
PER_LINE = gb.chars_per_line(gb.SIZE_BODY.pt)
SMALL_PER_LINE = gb.chars_per_line(gb.SIZE_SMALL.pt, 2 * gb.SIZE_SMALL.pt)
THICK = 8  # 1 pt: the 版记's first and last rules (GB/T 9704 §7.4.1: 0.35 mm)
THIN = 4  # 0.5 pt: its middle rules (0.25 mm)
RED_RULE = ("bottom", 18, "E60012")


def toc_entries(headings: list[Heading]) -> list[Heading]:
    """Every heading when they fit on TOC_MAX_PAGES pages, else the level-1 headings only."""
    if len(_toc_blocks(headings, {})) <= TOC_MAX_PAGES * LINES_PER_PAGE:
        return headings
    return [h for h in headings if h.level == 1]


def toc_blocks(headings: list[Heading], pages: dict[str, int]) -> list[Block]:
    """Title, a blank line, then one block per entry (its text, a tab, its page)."""
    return [
        Block("PB TOC Title", [Piece(TOC_TITLE)], PER_LINE, line_height=2),
        Block("PB Spacer", [], PER_LINE),
        *_toc_blocks(headings, pages),
    ]


def _toc_blocks(headings: list[Heading], pages: dict[str, int]) -> list[Block]:
    out = []
    for heading in headings:
        indent = 0 if heading.level == 1 else 2
        out.append(
            Block(
                f"toc {heading.level}",
                [Piece(heading.text)],
                PER_LINE - indent - _PAGE_NUMBER_ROOM,
                anchor=heading.anchor,
            )
        )
    return out


def masthead_blocks(brief: Brief, masthead: Masthead) -> list[Block]:
    """简报 name in red, 期号, then 编印单位 and date on either side above a red rule."""
    out = []
    if brief.classification.strip():
        out.append(
            Block("PB Classification", [Piece(clean_xml_text(brief.classification.strip()))], PER_LINE)
        )
    out.append(
        Block("PB Masthead Name", [Piece(clean_xml_text(masthead.name))], PER_LINE / 2.25, line_height=2)
    )
    if masthead.issue.strip():
        out.append(Block("PB Masthead Line", [Piece(clean_xml_text(masthead.issue.strip()))], PER_LINE))
    line = f"{clean_xml_text(masthead.unit).strip()}\t{format_date(masthead.date)}"
    out.append(Block("PB Masthead Rule", [Piece(line)], PER_LINE, borders=(RED_RULE,), reserve=1))
    out.append(Block("PB Spacer", [], PER_LINE))
    return out


def imprint_blocks(imprint: Imprint) -> list[Block]:
    """The 版记: 报/送/发 lines, then 印发机关 and 印发日期, between the standard's rules."""
    lines = [f"{label}：{clean_xml_text(text)}" for label, text in imprint.recipients]
    out = []
    for n, line in enumerate(lines):
        borders = [("top", THICK if n == 0 else THIN, "000000")]
        out.append(Block("PB Imprint", [Piece(line)], SMALL_PER_LINE, borders=tuple(borders)))
    date = format_date(imprint.date)
    last = f"{clean_xml_text(imprint.unit).strip()}\t{date}印发" if date else clean_xml_text(imprint.unit)
    top = ("top", THIN if lines else THICK, "000000")
    out.append(
        Block(
            "PB Imprint Last",
            [Piece(last)],
            SMALL_PER_LINE,
            borders=(top, ("bottom", THICK, "000000")),
            reserve=1,
        )
    )
    return out


def pad_to_bottom(used: int, blocks: list[Block]) -> list[Block]:
    """Blank lines that put `blocks` at the foot of the page (a new page if they do not fit)."""
    need = sum(b.lines for b in blocks)
    room = LINES_PER_PAGE - used
    if need > room:
        first = Block("PB Spacer", [], PER_LINE, starts_page=True)
        return [first] + [Block("PB Spacer", [], PER_LINE) for _ in range(LINES_PER_PAGE - need - 1)] + blocks
    return [Block("PB Spacer", [], PER_LINE) for _ in range(room - need)] + blocks
