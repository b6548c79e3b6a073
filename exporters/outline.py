"""The headings of a briefing pack, numbered the official way (一、 then （一）).

Computed once, before writing, so the table of contents and the body use the same
text and bookmarks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exporters.brief import Brief, BriefItem, BriefSection
from exporters.citation import compact_path
from exporters.cn_format import chinese_numeral
from exporters.titles import shorten
from exporters.xml_text import clean_xml_text

_NUMBERED = re.compile(r"^\s*[一二三四五六七八九十百千]+、")
_PHRASE_END = re.compile(r"[。；;！？!?\n]")
MAX_TITLE_CHARS = 30

SOURCES_NAME = "来源文件一览"
TABLE_NAME = "要点对照表"


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = section or appendix, 2 = clause
    text: str
    anchor: str  # bookmark name the TOC links to


def section_title(number: int, section: BriefSection) -> str:
    title = clean_xml_text(section.title).strip() or "其他"
    if _NUMBERED.match(title):
        return title  # the officer numbered it already
    return f"{chinese_numeral(number)}、{title}"


def item_title(number: int, item: BriefItem) -> str:
    """The pack's 序号 (one sequence through the whole pack, so a meeting can say 第12条)
    and the clause's heading, or its first phrase when it has none: 12．优化数字人才发展环境.
    The source's own label (（二）) is printed only in the citation."""
    return f"{number}．{short_heading(item)}"


def short_heading(item: BriefItem) -> str:
    head = clean_xml_text(item.heading).strip()
    if not head:
        text = clean_xml_text(item.text).strip()
        label = item.label.strip()
        if label and text.startswith(label):
            text = text[len(label) :].lstrip()
        head = _PHRASE_END.split(text, maxsplit=1)[0].strip()
    if len(head) > MAX_TITLE_CHARS:
        head = shorten(head, MAX_TITLE_CHARS)  # at a word, never with …… or an open 《
    if not head:
        source = clean_xml_text(item.source.title).strip()
        head = ((f"《{source}》" if source else "") + compact_path(item.path)) or "（无标题条款）"
    return head


def plan_outline(brief: Brief) -> tuple[list[Heading], dict[tuple[int, int], Heading]]:
    """All headings in reading order, and each one by (section index, item index or -1)."""
    ordered: list[Heading] = []
    by_position: dict[tuple[int, int], Heading] = {}

    def add(level: int, text: str, key: tuple[int, int]) -> None:
        heading = Heading(level, text, f"_TocPB{len(ordered) + 1:05d}")
        ordered.append(heading)
        by_position[key] = heading

    number = 0
    for s, section in enumerate(brief.sections):
        add(1, section_title(s + 1, section), (s, -1))
        for i, item in enumerate(section.items):
            number += 1
            add(2, item_title(number, item), (s, i))
    for n, (key, name) in enumerate(attachments(brief), start=1):
        add(1, f"附件{n}　{name}" if len(attachments(brief)) > 1 else f"附件　{name}", (-1, key))
    return ordered, by_position


def attachments(brief: Brief) -> list[tuple[int, str]]:
    """(key, name) of each appendix in order: 0 the source list, 1 the 要点对照表."""
    out = []
    if brief.include_appendix and not brief.single:
        out.append((0, SOURCES_NAME))
    if brief.include_table and not brief.single:
        out.append((1, TABLE_NAME))
    return out
