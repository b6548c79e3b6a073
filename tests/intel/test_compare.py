"""Comparing two versions of seed 002 clause by clause, in the library and as files."""

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from db import DocumentNotFoundError, add_document
from db.intel import compare_documents, compare_parsed
from exporters.intel_docx import write_comparison_docx
from importers import import_file
from importers.model import Metadata, ParsedDocument

REWORDED = ("加快培育面向重点行业和区域的特色型工业互联", "加快打造面向重点行业和区域的特色型工业互联")
DROPPED = "（三）针对优化数字经济时代中小企业人力资源管理的有效"
ADDED = "（三）强化数据安全保障\n支持重点企业开展数据安全评估，提升数据安全防护能力。\n\n"


def edited_copy(seed_file: Path, folder: Path) -> Path:
    text = seed_file.read_text(encoding="utf-8")
    assert REWORDED[0] in text and DROPPED in text
    head, tail = text.split(DROPPED, 1)
    body_end = tail.index("三、下一步推进计划")
    text = head + tail[body_end:]  # the whole 二（三） clause is removed
    text = text.replace(REWORDED[0], REWORDED[1])
    text = text.replace("区政府分管领导", ADDED + "区政府分管领导", 1)
    out = folder / "002-edited.txt"
    out.write_text(text, encoding="utf-8")
    return out


@pytest.fixture
def versions(seed, tmp_path):
    old = import_file(seed("002"))
    new = import_file(edited_copy(seed("002"), tmp_path))
    return old, new


def test_compare_parsed_reports_added_removed_changed(versions):
    old, new = versions
    result = compare_parsed(old, new)
    by_status = {
        s: [r for r in result.rows if r.status == s] for s in ("same", "changed", "added", "removed")
    }
    assert [r.old_path for r in by_status["removed"]] == ["二/（三）"]
    assert by_status["removed"][0].old_text.startswith(DROPPED)
    assert [r.new_text.split("\n")[0] for r in by_status["added"]] == ["（三）强化数据安全保障"]
    changed = by_status["changed"]
    assert len(changed) == 1 and changed[0].old_path == changed[0].new_path == "三/（一）"
    row = changed[0]
    assert [row.old_text[s:e] for s, e in row.diff.a_spans] == ["培育"]
    assert [row.new_text[s:e] for s, e in row.diff.b_spans] == ["打造"]
    assert 0.9 < row.score < 1.0
    assert len(by_status["same"]) == len(list(old.walk())) - 2
    assert result.old_title == result.new_title == old.metadata.title


def test_rows_follow_document_order_with_removed_clauses_in_place(versions):
    old, new = versions
    rows = compare_parsed(old, new).rows
    paths = [r.new_path or r.old_path for r in rows]
    assert paths.index("二/（三）") == paths.index("二/（二）") + 1


def test_removed_and_added_rows_mark_their_whole_text(versions):
    rows = compare_parsed(*versions).rows
    removed = next(r for r in rows if r.status == "removed")
    added = next(r for r in rows if r.status == "added")
    assert removed.diff.a_spans == ((0, len(removed.old_text)),)
    assert added.diff.b_spans == ((0, len(added.new_text)),)


def test_compare_documents_in_the_library_gives_clause_ids(seeded_library, versions, seed):
    lib = seeded_library
    _, new = versions
    stored = ParsedDocument(Metadata(title="002 修改稿"), new.clauses, "002-edited.txt", "txt", "edited")
    new_id = add_document(lib, stored).document_id
    old_id = lib.conn.execute("SELECT id FROM documents WHERE source_name LIKE '002%'").fetchone()[0]
    result = compare_documents(lib, old_id, new_id)
    assert result.count("removed") == 1 and result.count("added") == 1 and result.count("changed") == 1
    for row in result.rows:
        if row.status != "added":
            assert row.old_clause_id is not None
        if row.status != "removed":
            assert row.new_clause_id is not None
    assert result.new_title == "002 修改稿"


def test_compare_documents_unknown_id(seeded_library):
    with pytest.raises(DocumentNotFoundError):
        compare_documents(seeded_library, 1, 999)


def test_word_table_strikes_deletions_and_underlines_additions(versions, tmp_path):
    out = write_comparison_docx(compare_parsed(*versions), tmp_path / "对照表.docx", changed_only=True)
    document = docx.Document(str(out))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["条款", "原文", "新文"]
    assert len(table.rows) == 1 + 3  # changed, removed, added
    struck = [r.text for row in table.rows for p in row.cells[1].paragraphs for r in p.runs if r.font.strike]
    underlined = [
        r.text for row in table.rows for p in row.cells[2].paragraphs for r in p.runs if r.font.underline
    ]
    assert "培育" in struck and "打造" in underlined
    assert any(DROPPED in s for s in struck)
    notes = "\n".join(p.text for p in document.paragraphs)
    assert "删除1条" in notes
    # Issue 16.9: the versions with their dates, a legend for the marks, no raw paths.
    assert "原文：《" in notes and "新文：《" in notes and "说明：" in notes and "删除线" in notes
    assert all("/" not in row.cells[0].text for row in table.rows)
    # Issue 16.6: two text columns side by side on landscape pages; rows may break.
    section = document.sections[0]
    assert section.page_width > section.page_height
    assert round(section.left_margin.mm) == 37 and round(section.top_margin.mm) == 26
    assert all(r._tr.trPr is None or r._tr.trPr.find(qn("w:cantSplit")) is None for r in table.rows)
