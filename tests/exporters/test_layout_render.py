"""Issue 16, rendered: LibreOffice lays the packs out and the PDF is checked page by page.

- the body's — 1 — is a right-hand (odd) page of the printed file;
- every 目录 entry's page number is the page its heading is printed on (no field update);
- no page begins with an 出处 line, and no page ends with a heading;
- a table loses no text (compared with the source clauses, character by character).
Skipped without soffice/pdftotext.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import replace

import pytest
from docx.oxml.ns import qn

from db import document_clauses, list_documents
from db.briefs import add_to_brief, create_brief
from exporters.assemble import brief_from_library
from exporters.brief import Brief, BriefSection
from exporters.docx_writer import write_brief
from exporters.outline import TABLE_NAME, plan_outline
from exporters.paragraphs import body_start
from exporters.sample import sample_brief
from tests.exporters.conftest import make_item
from tests.exporters.reading import open_docx, styled, toc_cached_entries
from tests.exporters.render import folio, lines_of, page_texts, soffice, squeeze, to_pdf

pytestmark = pytest.mark.skipif(
    soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler-utils not installed",
)


def render(tmp_path, brief, name):
    docx = write_brief(brief, tmp_path / f"{name}.docx")
    return open_docx(docx), page_texts(to_pdf(docx, tmp_path / "pdf"))


def toc_numbers(document) -> list[tuple[str, int]]:
    """(entry text, page number) of each cached 目录 entry: the link's text and the cached
    result of its PAGEREF field."""
    out = []
    for link in document.element.body.iter(qn("w:hyperlink")):
        texts = [t.text or "" for t in link.iter(qn("w:t"))]
        if len(texts) >= 2 and texts[-1].isdigit():
            out.append(("".join(texts[:-1]), int(texts[-1])))
    return out


def check_layout(document, pages: list[str]) -> None:
    numbered = [n for n, page in enumerate(pages, start=1) if folio(page) is not None]
    first_body = next(n for n in numbered if folio(pages[n - 1]) == 1)
    assert first_body % 2 == 1, f"— 1 — is printed on page {first_body} of the file, a left-hand page"
    # Each 目录 entry's number is the folio of the page its heading is printed on.
    body = {folio(page): squeeze(page) for page in pages if folio(page) is not None}
    for text, number in toc_numbers(document):
        assert squeeze(text) in body.get(number, ""), f"目录 says {text} is on page {number}"
    headings = {squeeze(h) for name in ("Heading 1", "Heading 2") for h in styled(document, name)}
    for page in pages:
        lines = lines_of(page)
        if folio(page) is None or not lines:
            continue
        assert not lines[0].startswith("出处"), f"page — {folio(page)} — begins with its citation"
        assert squeeze(lines[-1]) not in headings, f"page — {folio(page)} — ends with the heading {lines[-1]}"


def test_default_pack_body_on_a_right_hand_page_and_toc_numbers_as_printed(tmp_path):
    document, pages = render(tmp_path, sample_brief(), "sample")
    assert toc_numbers(document), "the 目录 carries page numbers"
    check_layout(document, pages)
    toc_page = next(p for p in pages if "目" in p and "录" in p and folio(p) is None)
    for text, number in toc_numbers(document):
        assert re.search(re.escape(squeeze(text)[:8]) + r".*?" + str(number), squeeze(toc_page)), text


def test_summary_table_loses_no_text_and_runs_over_pages(tmp_path):
    long_note = "需要逐条核实的事项。" * 40
    brief = sample_brief()
    first = brief.sections[0].items[0]
    notes = (replace(first.notes[0], text=long_note),)
    sections = (
        replace(brief.sections[0], items=(replace(first, notes=notes), *brief.sections[0].items[1:])),
    )
    document, pages = render(tmp_path, replace(brief, sections=sections + brief.sections[1:]), "table")
    check_layout(document, pages)
    printed = Counter(squeeze("".join(pages)))
    wanted = Counter(squeeze(long_note * 2))  # in the body and in the table
    assert not wanted - printed, "text missing from the printed pack"


def _long_brief(lib) -> Brief:
    made = create_brief(
        lib, "全部条文摘编：关于推动数字经济下中小企业高质量发展推动政策落地见效的若干条文汇编"
    )
    for doc in sorted(list_documents(lib), key=lambda d: d.id):
        add_to_brief(lib, made.id, [c.id for c in document_clauses(lib, doc.id)], section=doc.title)
    return brief_from_library(lib, made.id, table=True, prepared_by="区科工局综合科", date="2025-07-08")


def test_long_pack_from_the_seed_documents(tmp_path, seeded_library):
    brief = _long_brief(seeded_library)
    headings, _ = plan_outline(brief)
    document, pages = render(tmp_path, brief, "long")
    entries = toc_numbers(document)
    # Long: the 目录 lists the sections (and appendices) only, and fits on its pages.
    assert len(entries) == len(brief.sections) + 2 < len(headings)
    assert not any(e.endswith("……") for e, _ in entries)
    check_layout(document, pages)
    # The source's own labels are not repeated as the first quoted line (one numbering).
    printed = squeeze("".join(line for page in pages for line in lines_of(page)))  # without folios
    for item in brief.items:
        label = item.label.strip()
        if label and item.heading and "\n" in item.text:
            assert squeeze(f"{label}{item.heading}") not in printed or label in item.heading
    # Every clause's last words are printed; the 要点对照表 has one row per clause.
    for item in brief.items:
        tail = squeeze(item.text[body_start(item) :])[-12:] or squeeze(item.heading)[-12:]
        assert tail in printed, tail
    assert any(TABLE_NAME in line for page in pages for line in lines_of(page))


def test_compare_export_loses_no_text(tmp_path, seed):
    from db.intel import compare_parsed
    from exporters.intel_docx import write_comparison_docx
    from importers import import_file
    from tests.intel.test_compare import edited_copy

    compared = compare_parsed(import_file(seed("002")), import_file(edited_copy(seed("002"), tmp_path)))
    docx = write_comparison_docx(compared, tmp_path / "compare.docx")
    pages = page_texts(to_pdf(docx, tmp_path / "pdf"))
    printed = Counter(squeeze("".join(line for page in pages for line in lines_of(page))))
    wanted = Counter(squeeze("".join(row.old_text + row.new_text for row in compared.rows)))
    assert not wanted - printed, "text missing from the printed 对照表"
    assert len(pages) >= 2 and all(folio(page) == n for n, page in enumerate(pages, start=1))


def test_single_clause_and_bulletin(tmp_path):
    from exporters.brief import Imprint, Masthead

    one = Brief("一条条文", sections=(BriefSection("相关条文", (make_item(1),)),), single=True)
    document, pages = render(tmp_path, one, "single")
    assert len(pages) == 1 and folio(pages[0]) == 1
    assert not toc_cached_entries(document) and not document.tables
    bulletin = replace(
        sample_brief(),
        masthead=Masthead("科技工作简报", "第3期", "区科工局", "2025-07-08"),
        imprint=Imprint("区科工局", "2025-07-08", (("报", "区政府办公室"),)),
        include_appendix=False,
        include_table=False,
    )
    document, pages = render(tmp_path, bulletin, "bulletin")
    assert "科技工作简报" in pages[0] and folio(pages[0]) == 1
    last = lines_of(pages[-1])
    assert squeeze(last[-1]).endswith("2025年7月8日印发") and squeeze(last[-2]) == "报：区政府办公室"
    check_layout(document, pages)
