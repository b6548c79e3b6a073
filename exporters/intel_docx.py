"""Policy-intelligence results as Word tables in the briefing pack's GB/T 9704 look: a table
of quantitative targets, and a clause-by-clause comparison of two versions of a document
(deleted words struck through, added words underlined, as in a 对照表)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Mm

from db.intel.records import Comparison, Span, TargetRow
from exporters import gbt9704 as gb
from exporters import ooxml
from exporters.appendix import _on, _repeat_as_header, _table
from exporters.atomic import save_atomically
from exporters.brief import SourceDoc
from exporters.citation import cite_source
from exporters.docx_styles import setup_styles
from exporters.docx_writer import _number_pages, _page_setup
from exporters.xml_text import clean_xml_text

# Widths in mm, summing to the 156 mm text width.
TARGET_COLUMNS = (("序号", 14), ("年份", 16), ("目标表述", 58), ("数值", 22), ("类别", 14), ("出处", 32))
COMPARE_COLUMNS = (("条款", 24), ("原文", 66), ("新文", 66))
KIND_NAMES = {"goal": "目标", "support": "扶持标准", "level": "指标"}
STATUS_NAMES = {"same": "未变", "changed": "修改", "added": "新增", "removed": "删除"}


def _new_document(title: str):
    """A document with the pack's styles, page set-up and page numbers, headed by `title`."""
    document = Document()
    styles = setup_styles(document)
    ooxml.register_fonts(document, gb.FONT_FALLBACKS)
    ooxml.set_theme_language(document.settings)
    document.core_properties.title = clean_xml_text(title)
    document.core_properties.author = "PolicyBrief"
    section = document.sections[0]
    _page_setup(section)
    _number_pages(document, section, styles)
    heading = document.add_paragraph(clean_xml_text(title))
    heading._p.style = styles["PB TOC Title"].style_id
    return document, styles


def _number(value: float) -> str:
    return f"{value:g}"


def write_targets_docx(
    rows: Sequence[TargetRow], path: str | os.PathLike[str], title: str = "量化目标一览"
) -> Path:
    """One table row per target: year, the sentence, value and unit, kind, and the citation."""
    document, styles = _new_document(title)
    table_rows = [
        (
            str(n),
            str(row.target.year or ""),
            row.target.text,
            _number(row.target.number) + row.target.unit,
            KIND_NAMES.get(row.target.kind, row.target.kind),
            cite_source(SourceDoc(row.title, row.doc_number, "", row.issued_date), row.path),
        )
        for n, row in enumerate(rows, start=1)
    ]
    _table(document, TARGET_COLUMNS, table_rows, styles)
    target = Path(path)
    save_atomically(document, target)
    return target


def _segments(text: str, spans: Sequence[Span]) -> list[tuple[str, bool]]:
    """`text` cut into (piece, marked) at the given spans."""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(spans):
        if start > at:
            out.append((text[at:start], False))
        out.append((text[max(start, at) : end], True))
        at = max(at, end)
    if at < len(text):
        out.append((text[at:], False))
    return out


def _fill(cell, text: str, spans: Sequence[Span], mark: str, style_id: str) -> None:
    """Write `text` into `cell`, one paragraph per line, the spans struck or underlined."""
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style_id
    for piece, marked in _segments(text, spans):
        for n, line in enumerate(clean_xml_text(piece).split("\n")):
            if n:
                paragraph = cell.add_paragraph()
                paragraph._p.style = style_id
            if line:
                run = paragraph.add_run(line)
                if marked:
                    run.bold = True
                    if mark == "strike":
                        run.font.strike = True
                    else:
                        run.font.underline = True


def write_comparison_docx(
    comparison: Comparison,
    path: str | os.PathLike[str],
    title: str = "",
    changed_only: bool = False,
) -> Path:
    """A 对照表: 条款 | 原文 | 新文, deleted words struck through in 原文 and added words
    underlined in 新文 (both in bold, so the marks survive a black-and-white print)."""
    title = title or f"《{comparison.new_title or '新文'}》修改对照表"
    document, styles = _new_document(title)
    text_style = styles["PB Table Text"].style_id
    summary = "，".join(f"{name}{comparison.count(key)}条" for key, name in STATUS_NAMES.items())
    note = document.add_paragraph(f"原文：{comparison.old_title}；新文：{comparison.new_title}。{summary}。")
    note._p.style = text_style
    table = document.add_table(rows=1, cols=len(COMPARE_COLUMNS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, (_, width) in zip(table.columns, COMPARE_COLUMNS, strict=True):
        column.width = Mm(width)
    _repeat_as_header(table.rows[0])
    for cell, (name, width) in zip(table.rows[0].cells, COMPARE_COLUMNS, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0]._p.style = text_style
        cell.paragraphs[0].add_run(name).bold = True
    for row in comparison.rows:
        if changed_only and row.status == "same":
            continue
        tr = table.add_row()
        tr._tr.get_or_add_trPr().append(_on("w:cantSplit"))
        label, old_cell, new_cell = tr.cells
        place = row.new_path or row.old_path
        if row.old_path and row.new_path and row.old_path != row.new_path:
            place = f"{row.old_path} → {row.new_path}"
        _fill(label, f"{place}\n{STATUS_NAMES[row.status]}", [], "", text_style)
        _fill(old_cell, row.old_text, row.diff.a_spans, "strike", text_style)
        _fill(new_cell, row.new_text, row.diff.b_spans, "underline", text_style)
    target = Path(path)
    save_atomically(document, target)
    return target
