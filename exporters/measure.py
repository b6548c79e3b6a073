"""How many grid lines a paragraph can take at most: a pessimistic line breaker.

The body of a pack sits on GB/T 9704's fixed grid (every line 28.95 pt, 22 to a page), so
pagination comes down to counting lines. Word, WPS and LibreOffice break lines a little
differently, so this breaker is deliberately worse than all of them: Latin letters and
digits count 0.6 of a Chinese character (they are 0.5 in 仿宋 and Noto CJK), a line holds
half a character less than it really does, numbers and words never split, and the
line-start/line-end rules (禁则) keep punctuation with its neighbour. A text cut where this
breaker ends a line therefore never takes more lines in a real viewer: page breaks placed
from these counts hold in every viewer (docs/decisions/003, addendum for issue 16).
"""

from __future__ import annotations

import re
import unicodedata

# 行首禁则 / 行尾禁则: never first / never last on a line.
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…—%‰·.,;:?!)]}％：；，")
NO_LINE_END = set("（《「『【〔〈“‘([{")
LATIN_WIDTH = 0.6
SLACK = 0.5  # characters a line is assumed to lose to the viewer's rounding and spacing


def char_width(ch: str) -> float:
    code = ord(ch)
    if code < 0x80:
        return LATIN_WIDTH
    if 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFFEF or code >= 0x20000:
        return 1.0  # CJK, full-width forms and punctuation: the common case, without a table look-up
    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" else LATIN_WIDTH


_LATIN_BRACKET = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-_./%:+#@&]*[（(][^（()）\n]{0,30}[)）]")
_LATIN_WORD = re.compile(r"[0-9A-Za-z\-_./%:+#@&]+")


def _units(text: str) -> list[tuple[int, int]]:
    """Unbreakable stretches: a Latin word, or one character. LibreOffice never breaks a
    Latin word from the bracket after it, nor inside that bracket (CAE（计算机辅助工程）),
    so such a group is one unit too."""
    spans = [m.span() for m in _LATIN_BRACKET.finditer(text)]
    at = 0
    rest: list[tuple[int, int]] = []
    for start, end in spans:
        rest += [m.span() for m in _LATIN_WORD.finditer(text, at, start)]
        rest.append((start, end))
        at = end
    rest += [m.span() for m in _LATIN_WORD.finditer(text, at)]
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in rest:  # every other character is a unit of its own
        out.extend((i, i + 1) for i in range(pos, start))
        out.append((start, end))
        pos = end
    out.extend((i, i + 1) for i in range(pos, len(text)))
    return out


def _tokens(text: str) -> list[tuple[int, int, float]]:
    """(start, end, width): an unbreakable unit, punctuation glued to its neighbour."""
    out: list[list] = []
    glue_next = False
    for start, end in _units(text):
        first = text[start]
        width = char_width(first) if end == start + 1 else sum(char_width(c) for c in text[start:end])
        if out and (glue_next or first in NO_LINE_START):
            out[-1][1] = end
            out[-1][2] += width
        else:
            out.append([start, end, width])
        glue_next = text[end - 1] in NO_LINE_END
    return [(s, e, w) for s, e, w in out]


def line_starts(text: str, per_line: float, first_indent: float = 0.0) -> list[int]:
    """Offsets where each line begins when `text` is set `per_line` characters wide."""
    capacity = per_line - SLACK
    starts = [0]
    used = first_indent
    for start, end, width in _tokens(text):
        if width > capacity:  # a word longer than a line: the viewer breaks it anywhere
            for i in range(start, end):
                w = char_width(text[i])
                if used + w > capacity and i > starts[-1]:
                    starts.append(i)
                    used = 0.0
                used += w
        elif used + width > capacity and start > starts[-1]:
            starts.append(start)
            used = width
        else:
            used += width
    return starts


def count_lines(text: str, per_line: float, first_indent: float = 0.0) -> int:
    return len(line_starts(text, per_line, first_indent))
