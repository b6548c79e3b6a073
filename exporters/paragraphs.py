"""A quoted clause as its paragraphs: without its own label, with hard line breaks re-joined.

The library keeps a clause's text as the importer found it: the first line is often the
clause's label and heading (（二）优化数字人才发展环境), and a file wrapped at a fixed width
may still carry a break inside a sentence (…等重大人 / 才工程). The pack numbers clauses
itself (one 序号 sequence) and names the source's label in the citation, so the label line
is left out of the quote; a line that stops mid-sentence is joined to the next one.
Highlight offsets still refer to the stored text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from exporters.brief import BriefItem
from exporters.xml_text import split_highlights

_TERMINAL = "。；！？：!?;:…"
_CLOSERS = "”’」』）)》】"
_LABEL_SEPARATORS = "、.．,，:： \t\u3000"
# A line starting like this begins a paragraph of its own, whatever the line before ended with.
_STARTS_BLOCK = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十百零〇\d]{1,4}[)）、.．]"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条部分]"
    r"|[①-⑳]|[一二三四五六七八九十]是|专栏|附件|#|<!--|——)"
)
_LINE = re.compile(r"[^\r\n]*")
_TEXT_LINE = re.compile(r"[^\r\n]+")
_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\r?\n|\r[ \t\u3000]*\r")
_MIN_WRAPPED_WIDTH = 40  # half-width cells: a line shorter than 20 characters was not wrapped


@dataclass(frozen=True)
class QuoteParagraph:
    pieces: tuple[tuple[str, bool], ...]  # (text, highlighted), cleaned for XML

    @property
    def text(self) -> str:
        return "".join(piece for piece, _ in self.pieces)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def ends_paragraph(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def body_start(item: BriefItem) -> int:
    """Where the quote begins: after the clause's own label, and after a heading line."""
    text = item.text
    pos = len(text) - len(text.lstrip())
    label = item.label.strip()
    if label and text.startswith(label, pos):
        pos += len(label)
        while pos < len(text) and text[pos] in _LABEL_SEPARATORS:
            pos += 1
    heading = item.heading.strip()
    if heading and text.startswith(heading, pos):
        end_of_line = _LINE.match(text, pos).end()
        rest_of_line = text[pos + len(heading) : end_of_line]
        if not rest_of_line.strip(" \t\u3000：:"):
            # The first line was only the heading, which the pack prints above the quote.
            return end_of_line if text[end_of_line:].strip() else len(text)
    return pos


def _continues(line: str, nxt: str) -> bool:
    if ends_paragraph(line) or _STARTS_BLOCK.match(nxt.lstrip()):
        return False
    return display_width(line.strip()) >= _MIN_WRAPPED_WIDTH and not _STARTS_BLOCK.match(line.lstrip()[:2])


def quote_paragraphs(item: BriefItem) -> list[QuoteParagraph]:
    """The clause's paragraphs, each with its highlighted pieces; blank lines end paragraphs."""
    text = item.text
    groups: list[list[tuple[int, int]]] = []
    previous = ""
    last_end = body_start(item)
    for match in _TEXT_LINE.finditer(text, last_end):
        start, end = match.span()
        line = text[start:end]
        if _BLANK_LINE.search(text, last_end, start):
            previous = ""  # a blank line always ends a paragraph
        last_end = end
        if not line.strip():
            previous = ""
            continue
        # Leading blanks of a source line are layout, not text.
        start += len(line) - len(line.lstrip(" \t\u3000"))
        line = text[start:end]
        if previous and groups and _continues(previous, line):
            groups[-1].append((start, end))
        else:
            groups.append([(start, end)])
        previous = line
    out = []
    for ranges in groups:
        pieces: list[tuple[str, bool]] = []
        for start, end in ranges:
            spans = tuple((s - start, e - start) for s, e in item.highlights)
            line_pieces = split_highlights(text[start:end].rstrip(" \t\u3000"), spans)
            if pieces and line_pieces and _latin_pair(pieces[-1][0], line_pieces[0][0]):
                pieces.append((" ", False))
            pieces.extend(line_pieces)
        if pieces:
            out.append(QuoteParagraph(tuple(pieces)))
    return out


def _latin_pair(a: str, b: str) -> bool:
    return a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum()
