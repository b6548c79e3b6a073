"""The pack's appendices: the list of source documents and the 要点对照表."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from exporters.brief import Brief, SourceDoc
from exporters.citation import cite_source
from exporters.cn_format import format_date
from exporters.outline import short_heading
from exporters.xml_text import clean_xml_text

# Widths in mm, summing to the 156 mm text width; 序号 and 成文日期 fit on one line at 小四.
SOURCE_COLUMNS = (("序号", 14), ("文件名称", 56), ("文号", 32), ("发文机关", 26), ("成文日期", 28))
SUMMARY_COLUMNS = (("序号", 14), ("条款", 72), ("标签", 22), ("批注", 48))


def unique_sources(brief: Brief) -> list[SourceDoc]:
    """Each source document once, in the order the pack first quotes it."""
    return list(dict.fromkeys(item.source for item in brief.items))


def add_source_list(document, brief: Brief, styles: dict) -> None:
    sources = unique_sources(brief)
    rows = [
        (str(n), s.title, s.doc_number, s.issuer, format_date(s.issued_date))
        for n, s in enumerate(sources, start=1)
    ]
    _table(document, SOURCE_COLUMNS, rows, styles)


def add_summary_table(document, brief: Brief, styles: dict) -> None:
    """One row per clause: where it is from, its tags and (if notes are included) the notes."""
    columns = SUMMARY_COLUMNS if brief.include_notes else _widen(SUMMARY_COLUMNS[:3])
    rows = []
    for n, item in enumerate(brief.items, start=1):
        clause = f"{short_heading(item)}\n{cite_source(item.source, item.path, mark_missing=True)}"
        row = [str(n), clause, "、".join(t.strip() for t in item.tags if t.strip())]
        if brief.include_notes:
            row.append("\n".join(note.text.strip() for note in item.notes if note.text.strip()))
        rows.append(row)
    _table(document, columns, rows, styles)


def _widen(columns):
    """Without the notes column, its width goes to the clause column."""
    spare = 156 - sum(width for _, width in columns)
    return (columns[0], (columns[1][0], columns[1][1] + spare), *columns[2:])


def _table(document, columns, rows, styles: dict) -> None:
    table = document.add_table(rows=1, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, (_, width) in zip(table.columns, columns, strict=True):
        column.width = Mm(width)  # w:gridCol; rows added later copy it into each cell
    text_style = styles["PB Table Text"].style_id
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, (title, width) in zip(header.cells, columns, strict=True):
        cell.width = Mm(width)
        paragraph = cell.paragraphs[0]
        paragraph._p.style = text_style
        paragraph.add_run(title).bold = True
    for values in rows:
        row = table.add_row()
        # A clause's row stays on one page; a split row reads as two clauses.
        row._tr.get_or_add_trPr().append(_on("w:cantSplit"))
        for cell, value in zip(row.cells, values, strict=True):
            # One paragraph per line: a justified line ending in a w:br gets stretched.
            for n, line in enumerate(clean_xml_text(value).split("\n")):
                paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                # Set w:pStyle directly: Paragraph.style= rescans all styles each time.
                paragraph._p.style = text_style
                if line:
                    paragraph.add_run(line)


def _repeat_as_header(row) -> None:
    """w:tblHeader: the column titles repeat at the top of each page the table runs onto."""
    row._tr.get_or_add_trPr().append(_on("w:tblHeader"))


def _on(tag: str):
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    return flag
