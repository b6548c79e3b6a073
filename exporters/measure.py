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
_WORD = re.compile(r"[0-9A-Za-z\-_./%:+#@&]+|.", re.S)


def char_width(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" and not ch.isascii() else LATIN_WIDTH


_LATIN_BRACKET = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-_./%:+#@&]*[（(][^（()）\n]{0,30}[)）]")


def _units(text: str) -> list[tuple[int, int]]:
    """Unbreakable stretches: a Latin word, or one character. LibreOffice never breaks a
    Latin word from the bracket after it, nor inside that bracket (CAE（计算机辅助工程）),
    so such a group is one unit too."""
    out: list[tuple[int, int]] = []
    at = 0
    for match in _LATIN_BRACKET.finditer(text):
        out += [(m.start(), m.end()) for m in _WORD.finditer(text, at, match.start())]
        out.append(match.span())
        at = match.end()
    out += [(m.start(), m.end()) for m in _WORD.finditer(text, at)]
    return out


def _tokens(text: str) -> list[tuple[int, int, float]]:
    """(start, end, width): an unbreakable unit, punctuation glued to its neighbour."""
    raw = _units(text)
    out: list[list] = []
    glue_next = False
    for start, end in raw:
        piece = text[start:end]
        width = sum(char_width(c) for c in piece)
        if out and (glue_next or piece[0] in NO_LINE_START):
            out[-1][1] = end
            out[-1][2] += width
        else:
            out.append([start, end, width])
        glue_next = piece[-1] in NO_LINE_END
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
