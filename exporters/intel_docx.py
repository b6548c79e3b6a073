"""Policy-intelligence results as Word tables in the briefing pack's GB/T 9704 look: a table
of quantitative targets, and a clause-by-clause comparison of two versions of a document
(deleted words struck through, added words underlined, as in a 对照表)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from db.intel.records import Comparison, Span, TargetRow
from exporters import gbt9704 as gb
from exporters import ooxml
from exporters.appendix import _repeat_as_header, add_table
from exporters.atomic import save_atomically
from exporters.brief import SourceDoc
from exporters.citation import book_title, cite_source, compact_path
from exporters.cn_format import format_date
from exporters.docx_styles import setup_styles
from exporters.docx_writer import _number_pages, _page_setup
from exporters.properties import set_properties
from exporters.titles import balanced_lines
from exporters.xml_text import clean_xml_text

# Widths in mm, summing to the 156 mm text width. The clause's place has a column of its own,
# wide enough that 二（三）4 is never broken as 二（三 / ）4.
TARGET_COLUMNS = (
    ("序号", 11),
    ("年份", 13),
    ("目标表述", 48),
    ("数值", 20),
    ("类别", 12),
    ("出处", 28),
    ("条款", 24),
)
# Landscape: the page turned, so the text is 225 mm wide; two text columns side by side.
LANDSCAPE_TEXT_MM = 297 - 37 - 35
COMPARE_COLUMNS = (("条款", 29), ("原文", 98), ("新文", 98))
KIND_NAMES = {"goal": "目标", "support": "扶持标准", "level": "指标"}
STATUS_NAMES = {"same": "未变", "changed": "修改", "added": "新增", "removed": "删除"}
LEGEND = (
    "说明：“原文”栏中加粗并加删除线的文字为新文删去的内容，“新文”栏中加粗并加下划线的文字为新文"
    "增加的内容；“条款”栏注明条款在文件中的位置（原位置与新位置不同时两者都写）和"
    "未变、修改、新增、删除四种情况。"
)


def _new_document(title: str, landscape: bool = False):
    """A document with the pack's styles, page set-up and page numbers, headed by `title`."""
    document = Document()
    styles = setup_styles(document)
    ooxml.register_fonts(document, gb.FONT_FALLBACKS)
    ooxml.set_theme_language(document.settings)
    set_properties(document, title, "")
    section = document.sections[0]
    _page_setup(section)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = gb.PAGE_HEIGHT, gb.PAGE_WIDTH
        # The portrait margins turned with the page: 订口 and 天头 keep their sizes.
        section.left_margin, section.right_margin = gb.MARGIN_TOP, gb.MARGIN_BOTTOM
        section.top_margin, section.bottom_margin = gb.MARGIN_RIGHT, gb.MARGIN_LEFT
    _number_pages(document, section, styles)
    width = LANDSCAPE_TEXT_MM if landscape else gb.TEXT_WIDTH_MM
    per_line = gb.chars_per_line(gb.SIZE_TITLE.pt, width_pt=width * 72 / 25.4) - 1
    heading = document.add_paragraph()
    heading._p.style = styles["PB TOC Title"].style_id
    # A title of two lines reads as one: 2号 on 36 pt lines, not the 目录 title's two grid lines.
    heading.paragraph_format.line_spacing = Pt(36)
    heading.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    heading.paragraph_format.space_after = Pt(12)
    snap = OxmlElement("w:snapToGrid", {qn("w:val"): "0"})  # off the grid, or it takes two grid lines
    ooxml.set_ppr_child(heading._p.get_or_add_pPr(), snap)
    for n, line in enumerate(balanced_lines(clean_xml_text(title), per_line)):
        if n:
            heading.add_run().add_break(WD_BREAK.LINE)
        heading.add_run(line)
    return document, styles


def _number(value: float) -> str:
    return f"{value:g}"


def unique_targets(rows: Sequence[TargetRow]) -> list[TargetRow]:
    """Each target once: the same sentence of the same clause found twice is one row."""
    seen: set[tuple] = set()
    out = []
    for row in rows:
        t = row.target
        key = (row.title, row.path, t.text, t.number, t.unit, t.year)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def write_targets_docx(
    rows: Sequence[TargetRow], path: str | os.PathLike[str], title: str = "量化目标一览"
) -> Path:
    """One table row per target: year, the sentence, value and unit, kind, source and place."""
    document, styles = _new_document(title)
    table_rows = [
        (
            str(n),
            str(row.target.year or ""),
            row.target.text,
            _number(row.target.number) + row.target.unit,
            KIND_NAMES.get(row.target.kind, row.target.kind),
            cite_source(SourceDoc(row.title, row.doc_number, "", row.issued_date)),
            compact_path(row.path),
        )
        for n, row in enumerate(unique_targets(rows), start=1)
    ]
    add_table(document, TARGET_COLUMNS, table_rows, styles)
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


def place(old_path: str, new_path: str) -> str:
    """Where the clause is, as a citation writes it: 3（三）11, or 原3（三）11 → 新3（四）2."""
    old, new = compact_path(old_path), compact_path(new_path)
    if old and new and old != new:
        return f"原{old}\n→ 新{new}"
    return new or old


def version_line(name: str, title: str, doc_number: str, date: str) -> str:
    parts = [book_title(title) or "（无标题）"]
    if doc_number.strip():
        parts.append(f"（{doc_number.strip()}）")
    when = format_date(date)
    return f"{name}：{''.join(parts)}" + (f"，{when}" if when else "，日期不详")


def write_comparison_docx(
    comparison: Comparison,
    path: str | os.PathLike[str],
    title: str = "",
    changed_only: bool = False,
) -> Path:
    """A 对照表 on landscape pages: 条款 | 原文 | 新文, deleted words struck through in 原文
    and added words underlined in 新文 (both in bold, so the marks survive a black-and-white
    print), the two versions with their dates, and a legend of the marks."""
    title = title or f"《{comparison.new_title or '新文'}》修改对照表"
    document, styles = _new_document(title, landscape=True)
    text_style = styles["PB Table Text"].style_id
    summary = "，".join(f"{name}{comparison.count(key)}条" for key, name in STATUS_NAMES.items())
    lines = [
        version_line("原文", comparison.old_title, comparison.old_doc_number, comparison.old_date),
        version_line("新文", comparison.new_title, comparison.new_doc_number, comparison.new_date),
        f"共对照{len(comparison.rows)}条：{summary}。" + ("下表只列出有变化的条款。" if changed_only else ""),
        LEGEND,
    ]
    for line in lines:
        note = document.add_paragraph(clean_xml_text(line))
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
        # Rows may break across pages: a clause longer than a page must not lose its end.
        label, old_cell, new_cell = table.add_row().cells
        _fill(label, f"{place(row.old_path, row.new_path)}\n{STATUS_NAMES[row.status]}", [], "", text_style)
        _fill(old_cell, row.old_text, row.diff.a_spans, "strike", text_style)
        _fill(new_cell, row.new_text, row.diff.b_spans, "underline", text_style)
    target = Path(path)
    save_atomically(document, target)
    return target
