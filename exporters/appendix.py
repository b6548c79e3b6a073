"""The pack's appendices: the list of source documents and the 要点对照表.

Each appendix starts a page. Its table is cut into page-sized tables (the header row
repeated on each) from row heights counted on exact 18 pt lines, so the next appendix's
page number in the 目录 is known before the file is opened. A row taller than a page may
break across pages: no text is ever dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from exporters import gbt9704 as gb
from exporters.brief import Brief, BriefItem, SourceDoc
from exporters.citation import cite_source
from exporters.cn_format import format_date
from exporters.measure import count_lines
from exporters.ooxml import add_bookmark, append_run, styled_paragraph
from exporters.outline import Heading, attachments, short_heading
from exporters.paragraphs import quote_paragraphs
from exporters.xml_text import clean_xml_text

# Widths in mm, summing to the 156 mm text width; 序号 and 成文日期 fit on one line at 小四.
SOURCE_COLUMNS = (("序号", 14), ("文件名称", 56), ("文号", 32), ("发文机关", 26), ("成文日期", 28))
SUMMARY_COLUMNS = (("序号", 14), ("要点", 54), ("出处", 42), ("标签", 16), ("批注", 30))
CELL_MARGIN_PT = 5.4  # Table Grid: 0.19 cm left and right, none above and below
ROW_RULE_PT = 1.5  # the row's border and rounding, counted generously
KEY_POINT_CHARS = 60
_SENTENCE = re.compile(r"(?<=[。；！？])")


@dataclass
class AppendixPlan:
    heading: Heading
    key: int  # 0 source list, 1 要点对照表
    columns: tuple[tuple[str, float], ...]
    chunks: list[list[Sequence[str]]]  # rows of each page-sized table
    first_page: int
    pages: int


def unique_sources(brief: Brief) -> list[SourceDoc]:
    """Each source document once, in the order the pack first quotes it."""
    return list(dict.fromkeys(item.source for item in brief.items))


def source_rows(brief: Brief) -> list[tuple[str, ...]]:
    return [
        (str(n), s.title, s.doc_number, s.issuer, format_date(s.issued_date))
        for n, s in enumerate(unique_sources(brief), start=1)
    ]


def key_point(item: BriefItem) -> str:
    """The clause's heading and its first sentence: what a leader reads in the table."""
    head = short_heading(item)
    paragraphs = quote_paragraphs(item)
    body = paragraphs[0].text.strip() if paragraphs else ""
    if body.startswith(head):
        body = body[len(head) :].lstrip("。；：，、 ")
    sentence = next((s for s in _SENTENCE.split(body) if s.strip()), "").strip()
    if len(sentence) > KEY_POINT_CHARS:
        cut = sentence.rfind("，", 0, KEY_POINT_CHARS)
        sentence = sentence[: cut if cut > 10 else KEY_POINT_CHARS] + "……"
    return f"{head}：{sentence}" if sentence else head


def summary_rows(brief: Brief) -> list[tuple[str, ...]]:
    """One row per clause: its 序号 (as in the body), 要点, 出处, tags and notes."""
    rows = []
    for n, item in enumerate(brief.items, start=1):
        row = [str(n), key_point(item), cite_source(item.source, item.path, mark_missing=True)]
        row.append("、".join(t.strip() for t in item.tags if t.strip()))
        if brief.include_notes:
            row.append("\n".join(note.text.strip() for note in item.notes if note.text.strip()))
        rows.append(tuple(row))
    return rows


def summary_columns(include_notes: bool) -> tuple[tuple[str, float], ...]:
    if include_notes:
        return SUMMARY_COLUMNS
    columns = SUMMARY_COLUMNS[:4]
    spare = 156 - sum(width for _, width in columns)
    return (columns[0], (columns[1][0], columns[1][1] + spare), *columns[2:])


def row_height(values: Sequence[str], columns: Sequence[tuple[str, float]]) -> float:
    """An upper bound of a row's height in points."""
    tallest = 0
    for value, (_, width) in zip(values, columns, strict=True):
        per_line = gb.chars_per_line(gb.SIZE_TABLE.pt, width_pt=width * 72 / 25.4 - 2 * CELL_MARGIN_PT)
        lines = sum(count_lines(line, per_line) for line in clean_xml_text(value).split("\n"))
        tallest = max(tallest, lines)
    return tallest * gb.TABLE_LINE.pt + ROW_RULE_PT


def chunk_rows(rows, columns, first_room: float) -> tuple[list[list], int]:
    """Rows cut into tables that each fit one page; and how many pages they take."""
    page = gb.LINES_PER_PAGE * gb.LINE_PITCH.pt
    header = row_height([name for name, _ in columns], columns)
    chunks: list[list] = [[]]
    pages = 1
    room = first_room - header
    for row in rows:
        height = row_height(row, columns)
        if chunks[-1] and height > room:
            chunks.append([])
            pages += 1
            room = page - header - 2  # the 1 pt paragraph that carries the page break
        chunks[-1].append(row)
        room -= height
        if room < 0:  # a row taller than a page breaks; the next row starts a new page
            pages += math.ceil(-room / (page - header))
            room = -math.inf
    return chunks, pages


def plan_appendices(
    brief: Brief, by_position: dict[tuple[int, int], Heading], first_page: int
) -> list[AppendixPlan]:
    plans = []
    page = first_page
    heading_room = gb.LINES_PER_PAGE * gb.LINE_PITCH.pt - gb.LINE_PITCH.pt  # the heading's line
    for key, _ in attachments(brief):
        if key == 0:
            columns, rows = SOURCE_COLUMNS, source_rows(brief)
        else:
            columns, rows = summary_columns(brief.include_notes), summary_rows(brief)
        chunks, pages = chunk_rows(rows, columns, heading_room)
        plans.append(AppendixPlan(by_position[(-1, key)], key, columns, chunks, page, pages))
        page += pages
    return plans


def write_appendix(writer, document, plan: AppendixPlan, styles: dict) -> None:
    """The appendix heading on a new page, then its page-sized tables."""
    heading = writer.para(f"Heading {plan.heading.level}", plan.heading.text)
    heading.paragraph_format.page_break_before = True
    writer.bookmarks += 1
    add_bookmark(heading, writer.bookmarks, plan.heading.anchor)
    for n, rows in enumerate(plan.chunks):
        if n:
            writer.para("PB Table Break").paragraph_format.page_break_before = True
        add_table(document, plan.columns, rows, styles)


def add_table(document, columns, rows, styles: dict, may_split: bool = True):
    """A Table Grid table with a repeating header row; rows may break across pages.

    Rows are built as XML directly: python-docx's add_row and add_paragraph copy and
    re-order elements per cell, which dominated the time of a 2,000-clause pack."""
    table = document._body.add_table(0, len(columns), Mm(sum(width for _, width in columns)))
    table.style = styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, (_, width) in zip(table.columns, columns, strict=True):
        column.width = Mm(width)  # w:gridCol
    widths = [str(round(width * 1440 / 25.4)) for _, width in columns]
    text_style = styles["PB Table Text"].style_id
    tbl = table._tbl
    tbl.append(_row([title for title, _ in columns], widths, text_style, header=True))
    for values in rows:
        tbl.append(_row(values, widths, text_style, cant_split=not may_split))
    return table


def _row(values, widths: list[str], style_id: str, header: bool = False, cant_split: bool = False):
    tr = OxmlElement("w:tr")
    if header or cant_split:
        trpr = OxmlElement("w:trPr")
        # w:tblHeader: the column titles repeat at the top of each page the table runs onto.
        trpr.append(_on("w:cantSplit" if cant_split else "w:tblHeader"))
        tr.append(trpr)
    for value, width in zip(values, widths, strict=True):
        tc = OxmlElement("w:tc")
        tcpr = OxmlElement("w:tcPr")
        tcpr.append(OxmlElement("w:tcW", {qn("w:w"): width, qn("w:type"): "dxa"}))
        tc.append(tcpr)
        # One paragraph per line: a justified line ending in a w:br gets stretched.
        for line in clean_xml_text(value).split("\n"):
            p = styled_paragraph(style_id)
            append_run(p, line, bold=header)
            tc.append(p)
        tr.append(tc)
    return tr


def _repeat_as_header(row) -> None:
    """w:tblHeader: the column titles repeat at the top of each page the table runs onto."""
    row._tr.get_or_add_trPr().append(_on("w:tblHeader"))


def _on(tag: str):
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    return flag
