"""Undo what extraction did to the text: broken lines, page numbers, a table of contents.

Input is a SourceText from a format reader; output is a list of whole paragraphs.
Nothing here decides what a paragraph *means* (metadata.py and clauses.py do).
"""

from __future__ import annotations

import re
import statistics
import unicodedata

from importers.fieldlines import is_field_line
from importers.model import SourceText
from importers.numbering import UNIT, match_label

# C0/C1 controls except tab and newline; also zero-width and BOM characters that PDFs leave behind.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ufffe\uffff]")
_PAGE_NUMBER = re.compile(
    r"^[-—－–‒―~\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—－–‒―~\s]*$"
)
# Linear on any line (issue 14): each leader or blank run is tried from its first character
# only (the lookbehinds), and the tail after it cannot be split two ways. The old form
# retried every suffix of a long run of dots or blanks: quadratic.
_TOC_ENTRY = re.compile(
    r"(?:(?<!\.)\.{3,}|(?<!…)…{2,}|(?<!·)·{3,}|(?<!－)－{3,}|(?<!-)-{4,}|(?<!_)_{4,})\s*+(?:\d{1,4}\s*)?$"
    r"|(?<!\s)(?:\s{2,}|\t)\d{1,4}$"
)
_SPACES = re.compile(r"[ \u3000]+")
_BLANK_RUN = re.compile(r"[ \t\u3000]{2,}")
_TOC_TITLE = re.compile(r"^目\s*录\x00?$")
# Marks a line that ends its paragraph whatever its width (a markdown heading); removed after re-joining.
HARD_END = "\x00"
_TOC_MAX = 300  # lines a table of contents without page numbers may take
# Entity names that mean a blank, as text when a page was saved or copied badly (&nbsp; &sp; &bsp;).
_BROKEN_SPACE_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|thinsp|bsp|sp|nbs|nsp);?|&#(?:160|12288|8194|8195);?")
# Markdown marks left in text copied from a markdown file: `## 第一章`, `> 编者按`, `<!-- INFO END -->`.
_MD_HEADING = re.compile(r"^#{1,6}[ \t\u3000]+")
_MD_QUOTE = re.compile(r"^>[ \t\u3000]?")
_MD_COMMENT = re.compile(r"^<!--[^<>]{0,200}-->$")
# A decimal heading number at the start of a line (1　总则, 2.1　组织机构): its blank is its punctuation.
_DECIMAL_LABEL = re.compile(rf"^(\d{{1,2}}(?:[.．]\d{{1,2}}){{0,3}})[ \u3000]+(?=[\u3400-\u9fff])(?!{UNIT})")
_BARE_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_HISTORY = re.compile(r"^[（(]?(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_HISTORY_END = ("发布", "公布", "通过", "批准", "施行", "修订", "修正", "会议")
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_SPACED_HEADING = re.compile(rf"^[{_CJK}](?:[ \u3000]+[{_CJK}]){{1,5}}$")
_CJK_ASCII_SPACE = re.compile(
    rf"(?<=[{_CJK}])[ \u3000](?=[0-9A-Za-z“《（])|(?<=[0-9A-Za-z%”》）])[ \u3000](?=[{_CJK}])"
)

# A paragraph ends here. Closing quotes and brackets may follow the stop.
_TERMINAL = "。；！？：!?;:…"
_CLOSERS = "”’」』）)》】"
# Document titles end in their genre; such a line is never wrapped into the next one.
TITLE_END = re.compile(
    r"(?:函|通知|方案|规划|意见|计划|办法|决定|报告|答复|批复|纲要|措施|细则|规定|条例|公告|通报|要点|指南|指引)"
    r"(?:[（(][^）)]{2,20}[）)])?$"
)
_BOX_OR_TITLE = re.compile(r"^(?:专栏|附件|目\s*录|前\s*言)")
# 联系电话：2878235, 承办单位领导：王海阳: a form field, never wrapped into the next line.
_FIELD = re.compile(rf"^[{_CJK}]{{0,8}}(?:领导|联系人|联系电话|电话|传真|邮编|地址|邮箱|经办人)[：:]")


def strip_controls(text: str) -> str:
    """Drop control characters (PDF debris) but keep tabs and newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    return _CONTROL.sub("", text)


def normalise_line(line: str) -> str:
    line = strip_controls(line).replace("\n", " ")
    if "&" in line:
        line = _BROKEN_SPACE_ENTITY.sub(" ", line)
    line = line.replace("\u00a0", " ").strip(" \u3000\t")
    if line and line[0] in "#><":
        heading = bool(_MD_HEADING.match(line))
        line = _unmark(line)
        if heading and line:
            return normalise_line(line) + HARD_END  # a heading is a paragraph of its own
    if _SPACED_HEADING.match(line):  # 前 言 -> 前言 (letter-spaced short headings)
        return _SPACES.sub("", line)
    label = ""
    if line[:1].isdigit() and (m := _DECIMAL_LABEL.match(line)):
        label, line = m[1] + " ", line[m.end() :]
    # PDF and Word auto-spacing put blanks between Chinese and digits (2025 年 6 月):
    # remove them so a search for 2025年 finds the clause.
    line = _CJK_ASCII_SPACE.sub("", line)
    return label + _BLANK_RUN.sub(" ", line)


def _unmark(line: str) -> str:
    """Drop the markdown marks of a heading, a quote or a comment line (text copied from a .md file)."""
    if _MD_COMMENT.match(line):
        return ""
    line = _MD_HEADING.sub("", line, count=1)
    line = _MD_QUOTE.sub("", line, count=1)
    return line.strip(" \u3000\t")


def ends_paragraph(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _toc_without_page_numbers(lines: list[str], start: int) -> int:
    """After a 目录 line at `start`: the index where the text proper starts, if the contents list its
    headings without page numbers (the body then begins by repeating the first entry); else start + 1."""
    first = next((i for i in range(start + 1, min(len(lines), start + 5)) if lines[i]), -1)
    if first < 0 or not match_label(lines[first]) or _TOC_ENTRY.search(lines[first]):
        return start + 1
    key = lines[first].replace(" ", "").rstrip(HARD_END)
    for i in range(first + 1, min(len(lines), first + _TOC_MAX)):
        line = lines[i]
        if line.replace(" ", "").rstrip(HARD_END) == key:
            return i
        if line and (display_width(line) > 80 or not match_label(line)):
            return start + 1  # a sentence or an unnumbered line: this is text, not a contents list
    return start + 1


def _drop_toc(lines: list[str]) -> list[str]:
    """Remove a table of contents: the 目录 line and the dot-leader/page-number lines after it."""
    out: list[str] = []
    in_toc = False
    skip_to = 0
    for index, line in enumerate(lines):
        if index < skip_to:
            continue
        if _TOC_TITLE.match(line):
            in_toc = True
            skip_to = _toc_without_page_numbers(lines, index)
            continue
        if len(line) < 80 and _TOC_ENTRY.search(line):
            continue  # a TOC entry anywhere (some TOCs have no 目录 title)
        if in_toc and not line:
            continue
        in_toc = False
        out.append(line)
    return out


def display_width(text: str) -> int:
    """Width in half-width cells: a Chinese character takes two, as on the printed page."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap_width(lines: list[str]) -> int:
    """The width of a full line, if the text was hard-wrapped at a fixed width; else 0.

    A PDF wraps most lines of a paragraph at the same width; a plain text file
    broken at random points (seed 000) has no such cluster.
    """
    widths = [display_width(x) for x in lines if not ends_paragraph(x) and not match_label(x)]
    widths = [w for w in widths if w >= 30]
    if len(widths) < 8:
        return 0
    mode = statistics.mode(w // 4 for w in widths)  # bucket: wraps differ by a glyph or two
    near = [w for w in widths if abs(w // 4 - mode) <= 1]
    return max(near) if len(near) >= 0.3 * len(widths) else 0


def _is_full_line(line: str, width: int) -> bool:
    """Does the line run to the right margin (so the sentence goes on below)?"""
    if width:
        return display_width(line) >= width * 0.85
    return display_width(line) >= 40  # 20 Chinese characters: titles and names are shorter


def _continues(buf: str, last_line: str, nxt: str, width: int) -> bool:
    """Should `nxt` be glued to the paragraph `buf` (whose last physical line is `last_line`)?"""
    if not buf or ends_paragraph(buf) or match_label(nxt) or _BOX_OR_TITLE.match(nxt):
        return False
    if buf.endswith(HARD_END) or nxt.endswith(HARD_END):
        return False
    if buf == last_line and _HISTORY.match(buf) and buf.endswith(_HISTORY_END):
        return False  # 1997年9月24日 …会议通过: a regulation's history line under its title
    if _BOX_OR_TITLE.match(buf) or nxt.startswith("——") or _FIELD.match(last_line):
        return False
    if buf == last_line and TITLE_END.search(buf) and display_width(buf) <= 100:
        return False
    if match_label(buf) and "。" not in buf and not (width and _is_full_line(last_line, width)):
        return False  # a numbered heading such as 1. 构建多层次政策支持体系，夯实产业发展基础
    if not _is_full_line(last_line, width):
        return False
    # 标题: / 发文字号： lines of front matter or a page's metadata table stand alone
    return not (is_field_line(nxt) or is_field_line(last_line) or nxt == "---" or buf == "---")


def _join(a: str, b: str) -> str:
    if a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum():
        return a + " " + b  # keep a space between two Latin words
    return a + b


def rejoin(lines: list[str]) -> list[str]:
    """Re-join lines that a PDF or a web page broke mid-sentence, across blank lines and page breaks."""
    width = _wrap_width([x for x in lines if x])
    paragraphs: list[str] = []
    buf = last = ""
    for line in lines:
        if not line:
            continue
        if _continues(buf, last, line, width):
            buf = _join(buf, line)
        else:
            if buf:
                paragraphs.append(buf)
            buf = line
        last = line
    if buf:
        paragraphs.append(buf)
    return paragraphs


def _join_split_years(lines: list[str]) -> list[str]:
    """`2014` / `年8月12日`: a year that extraction put on a line of its own belongs to the next line
    (blank lines between are dropped with it)."""
    out: list[str] = []
    year_at = -1  # index in `out` of a bare year still waiting for its 年
    for line in lines:
        if year_at >= 0 and line.startswith("年"):
            del out[year_at + 1 :]
            out[year_at] += line
            year_at = -1
            continue
        if line:
            year_at = len(out) if len(line) == 4 and _BARE_YEAR.match(line) else -1
        out.append(line)
    return out


def clean_lines(source: SourceText) -> list[str]:
    """Whole, tidy paragraphs in reading order."""
    lines = [normalise_line(unicodedata.normalize("NFC", x)) for x in source.lines]
    lines = _join_split_years(lines)
    lines = [x for x in lines if not _PAGE_NUMBER.match(x) or not x]
    lines = _drop_toc(lines)
    lines = rejoin(lines) if source.hard_wrapped else [x for x in lines if x]
    return [x.rstrip(HARD_END) for x in lines]
