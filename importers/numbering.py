"""Clause numbering in Chinese official documents: which label a line starts with.

A *style* names a numbering family (`一、`, `（一）`, `1.`, `1、`, `（1）`, `①`, `第X章`...).
Levels are not fixed per style: documents disagree (seed 003 puts `1、` on top), so
clauses.py infers them from the order styles appear in. Half- and full-width
brackets are one style: `(4)` sits beside `（3）`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "零〇一二三四五六七八九十百千两"
_CN = f"[{CN_DIGITS}]{{1,5}}"
# A number followed by one of these is a quantity (3 家, 2.5 亿元, 10 月), never a heading number.
UNIT = "[年月日时分秒个万亿千百元家项次人名件条款岁倍所座台辆吨米%％]"

# Order matters: longer, more specific patterns first.
_STYLES: tuple[tuple[str, str], ...] = (
    ("chapter", rf"第\s*(?:{_CN}|\d{{1,3}})\s*章"),
    ("section", rf"第\s*(?:{_CN}|\d{{1,3}})\s*节"),
    ("article", rf"第\s*(?:{_CN}|\d{{1,3}})\s*条"),
    ("part", rf"第\s*(?:{_CN}|\d{{1,3}})\s*部分"),
    ("box", r"专栏\s*\d{1,2}(?:\s*[-－—–.]\s*\d{1,2})?"),
    ("attachment", r"附件\s*\d{0,2}(?=[：:\s]|$)[：:]?"),
    ("cn", rf"{_CN}\s*[、.．](?![\d])"),
    ("paren_cn", rf"[（(]\s*{_CN}\s*[）)]"),
    ("paren_num", r"[（(]\s*\d{1,3}\s*[）)]"),
    # decimal numbering of 预案 and standards: 1　总则 / 1.1　编制目的 / 2.1.1 (the blank is the punctuation)
    ("dec3", rf"\d{{1,2}}[.．]\d{{1,2}}[.．]\d{{1,2}}(?=[ \u3000])(?![ \u3000]{UNIT})"),
    ("dec2", rf"\d{{1,2}}[.．]\d{{1,2}}(?=[ \u3000])(?![ \u3000]{UNIT})"),
    ("num_dot", r"\d{1,3}\s*[.．](?![\d.．])"),
    ("num_comma", r"\d{1,3}\s*、"),
    ("num_half_paren", r"\d{1,3}\s*[）)]"),
    ("dec1", rf"\d{{1,2}}(?=[ \u3000][\u4e00-\u9fff])(?![ \u3000]{UNIT})"),
    ("circled", r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"),
)
_BLANKS = re.compile(r"\s+")
_LABEL = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _STYLES))


@dataclass(frozen=True)
class Label:
    style: str
    text: str  # the label as printed, without surrounding spaces: （一）
    rest: str  # what follows the label on the line


def match_label(line: str) -> Label | None:
    """The numbering label a line starts with, or None.

    `2.5亿元` is a number, not item 2; `一是` is an inline enumeration, not a label.
    """
    m = _LABEL.match(line)
    if not m:
        return None
    style = m.lastgroup or ""
    rest = line[m.end() :].lstrip(" \u3000\t")
    if not rest and style not in ("attachment", "box", "chapter", "section", "part"):
        return None  # a bare "1." line is a page number or debris, not an item
    if style == "num_half_paren" and rest[:1].isdigit():
        return None
    return Label(style, _BLANKS.sub("", m.group(0)), rest)


def path_part(label: str) -> str:
    """`（一）` -> `（一）`, `一、` -> `一`, `1.` -> `1`: what a citation path shows."""
    return label.rstrip("、.．：: ").replace("(", "（").replace(")", "）")
