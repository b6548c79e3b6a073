"""Page breaks of the pack's body, computed on GB/T 9704's fixed grid of 22 lines a page.

Every body paragraph sits on the 28.95 pt grid, so a page is 22 lines and a paragraph's
height is its line count (exporters.measure gives an upper bound). The planner walks the
blocks, keeps a heading with the first lines after it, a citation whole and with the last
line before it, and splits a long paragraph at a line boundary when it reaches the foot of
a page; every page then begins with an explicit page break. Because the counts are upper
bounds, what is planned for a page always fits on it, so the page numbers written into the
目录 are the pages a viewer shows without updating a field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from exporters import gbt9704 as gb
from exporters.measure import line_starts

LINES_PER_PAGE = gb.LINES_PER_PAGE
ORPHAN_LINES = 2  # at least this many lines of a paragraph start a page's last paragraph


@dataclass
class Piece:
    text: str
    highlight: bool = False
    bold: bool = False
    red: bool = False
    small: bool = False


@dataclass
class Block:
    """One paragraph to be, measured: its style, its text in pieces, how it may be placed."""

    style: str
    pieces: list[Piece]
    per_line: float  # characters a line holds
    first_indent: float = 0.0  # characters of first-line indent
    line_height: int = 1  # grid lines per text line (the 报头's name takes two)
    keep_next: int = 0  # lines of what follows that must share this block's page (headings)
    splittable: bool = False
    tail_with_next: bool = False  # its last line stays with the next block (before a citation)
    anchor: str = ""  # bookmark name (a heading the 目录 links to)
    space: bool = False  # a blank line, dropped at the top of a page
    continued_style: str = ""  # the style of the part carried onto the next page
    starts_page: bool = False  # this block begins a new page whatever room is left
    borders: tuple[tuple[str, int, str], ...] = ()  # (side, width in 1/8 pt, colour)
    reserve: int = 0  # lines kept free after it: a rule adds a few points to a grid line

    @cached_property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def starts(self) -> list[int]:
        return self._starts

    @cached_property
    def _starts(self) -> list[int]:
        return line_starts(self.text, self.per_line, self.first_indent)

    @cached_property
    def lines(self) -> int:
        return len(self._starts) * self.line_height + self.reserve


@dataclass
class Fragment:
    """A block, or the part of it from `start` to `end`, as it is written."""

    block: Block
    start: int
    end: int
    page: int  # 1-based page of the body
    page_break: bool  # begins its page
    continued: bool  # the second or later part of a split block


@dataclass
class Plan:
    fragments: list[Fragment] = field(default_factory=list)
    pages: int = 0
    used: int = 0  # lines used on the last page

    def page_of(self, anchor: str) -> int:
        for fragment in self.fragments:
            if fragment.block.anchor == anchor:
                return fragment.page
        raise KeyError(anchor)


def _lead(blocks: list[Block], i: int) -> int:
    """Lines of blocks[i] (and what it keeps with) that must fit where it starts."""
    if i >= len(blocks):
        return 0
    block = blocks[i]
    lines = block.lines
    if block.keep_next:
        following = _lead(blocks, i + 1)
        if i + 1 < len(blocks) and not blocks[i + 1].keep_next:
            following = min(following, block.keep_next)  # a heading chain is kept whole
        return min(LINES_PER_PAGE, lines + following)
    if block.splittable and lines > ORPHAN_LINES:
        return ORPHAN_LINES
    if block.tail_with_next:
        return min(LINES_PER_PAGE, lines + (blocks[i + 1].lines if i + 1 < len(blocks) else 0))
    return min(LINES_PER_PAGE, lines)


def paginate(blocks: list[Block], first_page_used: int = 0) -> Plan:
    plan = Plan(pages=1, used=first_page_used)

    def new_page() -> None:
        plan.pages += 1
        plan.used = 0

    def emit(block: Block, start: int, end: int, continued: bool, lines: int) -> None:
        page_break = plan.used == 0 and plan.pages > 1
        plan.fragments.append(Fragment(block, start, end, plan.pages, page_break, continued))
        plan.used += lines

    for i, block in enumerate(blocks):
        room = LINES_PER_PAGE - plan.used
        if block.space:
            if plan.used and room > 1:
                emit(block, 0, 0, False, 1)
            continue
        if block.starts_page and plan.used:
            new_page()
            room = LINES_PER_PAGE
        if _lead(blocks, i) > room and plan.used:
            new_page()
            room = LINES_PER_PAGE
        text = block.text
        starts = block.starts()
        height = block.line_height
        following = blocks[i + 1].lines if block.tail_with_next and i + 1 < len(blocks) else 0
        first, continued = 0, False
        while True:
            left = len(starts) - first + (block.reserve if block.reserve and first == 0 else 0)
            room = LINES_PER_PAGE - plan.used
            fits = left * height <= room
            strands_next = bool(following) and left * height + following > room
            if fits and plan.used == 0 and not (strands_next and block.splittable and left > 1):
                emit(block, starts[first], len(text), continued, left * height)
                break
            if fits and not strands_next:
                emit(block, starts[first], len(text), continued, left * height)
                break
            if not block.splittable or room < height:
                if plan.used == 0:  # taller than a page and unsplittable: let it run on
                    emit(block, starts[first], len(text), continued, min(left * height, LINES_PER_PAGE))
                    break
                new_page()
                continue
            # Split: as many lines as fit here, one fewer if the next block needs the last line.
            take = min(left - 1, room // height) if fits else room // height
            if take < 1 or (not continued and take < min(ORPHAN_LINES, left)):
                new_page()
                continue
            cut = starts[first + take]
            emit(block, starts[first], cut, continued, take * height)
            first += take
            continued = True
            new_page()
    return plan
