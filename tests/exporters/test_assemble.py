"""Library content -> Brief -> .docx, read back with python-docx (seeded library)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from docx.enum.text import WD_COLOR_INDEX

from db import add_document, document_clauses, list_documents, remove_document
from db.briefs import BriefNotFoundError, add_to_brief, create_brief, get_brief, move_item, set_note_override
from db.notes import add_note
from db.selection import ClauseNotFoundError
from db.tags import TagNotFoundError, create_tag, tag_clauses
from exporters.assemble import (
    DELETED_CLAUSE_NOTE,
    DELETED_DOCUMENT_NOTE,
    DELETED_MARK,
    brief_from_clauses,
    brief_from_library,
    brief_from_tags,
    note_count,
)
from exporters.citation import cite
from exporters.docx_writer import CITATION_PREFIX, NOTE_LABEL, write_brief
from exporters.outline import TABLE_NAME
from importers import import_file
from tests.exporters.reading import open_docx, quotes, styled, table_rows, tables_after

REPLY_13 = "厦湖科工函〔2025〕13号"
REPLY_11 = "厦湖科工函〔2025〕11号"


def doc_id(lib, fragment: str) -> int:
    """A seeded document by 文号 or a piece of its title."""
    return next(d.id for d in list_documents(lib) if fragment == d.doc_number or fragment in d.title)


def clause(lib, fragment: str, path: str):
    return next(c for c in document_clauses(lib, doc_id(lib, fragment)) if c.path == path)


def write(tmp_path, brief, name="brief.docx"):
    return open_docx(write_brief(brief, tmp_path / name))


def highlighted(document) -> list[str]:
    return [
        run.text
        for p in document.paragraphs
        if p.style.name == "PB Quote"
        for run in p.runs
        if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]


@pytest.fixture
def compute(seeded_library):
    """算力 on four clauses of four documents, tagged out of order; newest document first is:
    13号 (2025-06-16), 元宇宙 (2022-07-06), 十四五 (2022-02), 汕尾 (undated)."""
    lib = seeded_library
    picks = [
        clause(lib, "汕尾", "3/（一）/2"),
        clause(lib, "十四五", "三/（三）"),
        clause(lib, REPLY_13, "二/（一）/2"),
        clause(lib, "元宇宙", "二/（一）/1"),
        clause(lib, REPLY_13, "二/（一）/1"),
    ]
    tag_clauses(lib, [c.id for c in picks], ["算力"])
    return [picks[2], picks[4], picks[3], picks[1], picks[0]]


def test_a_tag_brief_quotes_every_clause_with_its_citation_newest_document_first(
    tmp_path, seeded_library, compute
):
    brief = brief_from_tags(seeded_library, ["算力"])
    assert [s.title for s in brief.sections] == ["算力"]
    # Newest document first; inside 13号, document order (二/（一）/1 before 二/（一）/2).
    expected = [compute[1], compute[0], compute[2], compute[3], compute[4]]
    assert [i.clause_id for i in brief.items] == [c.id for c in expected]
    assert brief.title == "算力相关条文" and brief.date == dt.date.today().isoformat()

    document = write(tmp_path, brief)
    citations = styled(document, "PB Citation")
    assert citations == [CITATION_PREFIX + cite(item) for item in brief.items]
    assert citations[0].startswith(f"{CITATION_PREFIX}《关于〈关于推动游戏产业")
    assert f"》（{REPLY_13}）二（一）1，厦门市湖里区科技和工信局，2025年6月16日" in citations[0]
    # seed 003 prints no 文号, issuer or date: the citation says so (issue 15), never a silent blank
    assert citations[4] == (
        f"{CITATION_PREFIX}《汕尾市培育数字创意战略性新兴产业集群实施方案》（文号待补）3（一）2，发文机关待补，日期待补"
    )
    quoted = "\n".join(quotes(document))
    positions = [quoted.index(c.text.splitlines()[-1][-20:]) for c in expected]
    assert positions == sorted(positions)
    today = dt.date.today()
    assert styled(document, "PB Cover Meta") == [f"{today.year}年{today.month}月{today.day}日"]


def test_one_section_per_tag_in_the_order_given_and_a_clause_may_be_in_both(seeded_library, compute):
    lib = seeded_library
    talent = clause(lib, REPLY_11, "三/（二）")
    tag_clauses(lib, [talent.id, compute[0].id], ["人才"])
    brief = brief_from_tags(lib, ["人才", "算力", "人才"], title="专题")
    assert [s.title for s in brief.sections] == ["人才", "算力"]
    # 13号 and 11号 share a date; the one imported first comes first.
    assert [i.clause_id for i in brief.sections[0].items] == [compute[0].id, talent.id]
    assert compute[0].id in [i.clause_id for i in brief.sections[1].items]
    assert brief.title == "专题"
    assert set(brief.items[0].tags) == {"算力", "人才"} and brief.items[1].tags == ("人才",)


def test_unknown_tags_are_named_and_an_empty_tag_gives_no_section(seeded_library, compute):
    with pytest.raises(TagNotFoundError, match="不存在.*也没有"):
        brief_from_tags(seeded_library, ["算力", "不存在", "也没有"])
    create_tag(seeded_library, "空标签")
    brief = brief_from_tags(seeded_library, ["空标签", "算力"])
    assert [s.title for s in brief.sections] == ["算力"]


def test_notes_are_printed_with_their_meeting_and_spans_become_highlighted_runs(
    tmp_path, seeded_library, compute
):
    lib = seeded_library
    target = compute[0]  # 2. 完善数字基础设施……
    start = target.text.index("闽宁双智算中心")
    add_note(
        lib, target.id, "算力补贴要核实", meeting="专题会", meeting_date="2025-07-01", span=(start, start + 7)
    )
    add_note(lib, target.id, "第二条批注")
    add_note(lib, target.id, "   ", span=(0, 2))  # blank: a bare highlight, no 【批注】
    brief = brief_from_clauses(lib, [target.id])
    (item,) = brief.items
    assert [n.text for n in item.notes] == ["算力补贴要核实", "第二条批注"]
    assert item.highlights == ((0, 2), (start, start + 7))
    assert note_count(brief) == 2

    document = write(tmp_path, brief)
    notes = styled(document, "PB Note")
    assert len(notes) == 2 and all(n.startswith(NOTE_LABEL) for n in notes)
    # Meeting, its date and the time of writing read as separate parts (issue 16.9).
    assert "就“闽宁双智算中心”：算力补贴要核实（会议：专题会，2025年7月1日；记录时间：" in notes[0]
    assert "第二条批注" in notes[1]
    # (0, 2) marks the clause's own label "2.", which the quote leaves out (one numbering).
    assert target.text[0:2] == "2." and highlighted(document) == ["闽宁双智算中心"]


def test_without_notes_there_are_no_notes_and_no_highlights(tmp_path, seeded_library, compute):
    lib = seeded_library
    add_note(lib, compute[0].id, "不应出现", meeting="专题会", span=(0, 4))
    brief = brief_from_tags(lib, ["算力"], include_notes=False)
    assert not brief.include_notes and note_count(brief) == 0
    assert all(not i.notes and not i.highlights for i in brief.items)
    document = write(tmp_path, brief)
    assert styled(document, "PB Note") == [] and highlighted(document) == []
    assert "不应出现" not in "\n".join(p.text for p in document.paragraphs)


def test_a_saved_brief_keeps_its_sections_order_and_title(tmp_path, seeded_library, compute):
    lib = seeded_library
    made = create_brief(lib, "周例会简报", subtitle="第12次周例会")
    add_to_brief(lib, made.id, [compute[3].id, compute[0].id], section="重点")
    add_to_brief(lib, made.id, [compute[4].id], section="其他")
    first = get_brief(lib, made.id).sections[0]
    move_item(lib, first.items[1].id, first.id, 0)  # the officer dragged 13号 to the top

    brief = brief_from_library(lib, made.id, prepared_by="综合处", classification="内部资料")
    assert (brief.title, brief.subtitle) == ("周例会简报", "第12次周例会")
    assert [s.title for s in brief.sections] == ["重点", "其他"]
    assert [i.clause_id for i in brief.items] == [compute[0].id, compute[3].id, compute[4].id]
    document = write(tmp_path, brief)
    assert styled(document, "PB Cover Subtitle") == ["第12次周例会"]
    assert styled(document, "PB Classification") == ["内部资料"]
    assert styled(document, "Heading 1")[:2] == ["一、重点", "二、其他"]

    retitled = brief_from_library(lib, made.id, title="新标题", subtitle="", date="2025-07-08")
    assert (retitled.title, retitled.subtitle, retitled.date) == ("新标题", "", "2025-07-08")
    with pytest.raises(BriefNotFoundError):
        brief_from_library(lib, 9999)


def test_a_note_override_replaces_the_notes(tmp_path, seeded_library, compute):
    lib = seeded_library
    target = compute[0]
    add_note(lib, target.id, "原来的批注", meeting="专题会", span=(0, 2))
    made = create_brief(lib, "简报")
    add_to_brief(lib, made.id, [target.id, compute[1].id])
    first, second = get_brief(lib, made.id).sections[0].items
    set_note_override(lib, first.id, "会上统一口径：暂不表态")
    add_note(lib, compute[1].id, "另一条")
    set_note_override(lib, second.id, "")  # empty override: print no note at all

    brief = brief_from_library(lib, made.id)
    assert [n.text for n in brief.items[0].notes] == ["会上统一口径：暂不表态"]
    assert brief.items[0].highlights == ((0, 2),)  # the marked passage stays marked
    assert brief.items[1].notes == ()
    notes = styled(write(tmp_path, brief), "PB Note")
    assert notes == [NOTE_LABEL + "会上统一口径：暂不表态"]


def test_an_entry_whose_clause_was_deleted_in_a_new_version_is_still_exported(tmp_path, seeded_library, seed):
    lib = seeded_library
    parsed = import_file(seed("000"))
    dropped = clause(lib, parsed.metadata.doc_number, "三/（三）")
    kept = clause(lib, parsed.metadata.doc_number, "三/（一）")
    made = create_brief(lib, "简报")
    add_to_brief(lib, made.id, [kept.id, dropped.id])
    set_note_override(lib, get_brief(lib, made.id).sections[0].items[1].id, "人才住房问题")

    def without(c):
        return replace(c, children=tuple(without(k) for k in c.children if k.path != "三/（三）"))

    corrected = replace(parsed, clauses=tuple(without(c) for c in parsed.clauses), sha256="corrected")
    assert add_document(lib, corrected).status == "updated"

    brief = brief_from_library(lib, made.id)
    assert len(brief.items) == 2
    orphan = brief.items[1]
    assert orphan.text == dropped.text and orphan.path == "三/（三）"
    # The library forgets the heading with the clause; the text's first phrase stands in.
    assert orphan.heading == DELETED_MARK + dropped.heading
    assert [n.text for n in orphan.notes] == [DELETED_CLAUSE_NOTE, "人才住房问题"]
    assert orphan.source.doc_number == parsed.metadata.doc_number

    document = write(tmp_path, brief)
    assert dropped.text.splitlines()[-1][-20:] in "\n".join(quotes(document))
    assert any(h.startswith("2．" + DELETED_MARK) for h in styled(document, "Heading 2"))
    assert styled(document, "PB Citation")[1].endswith(
        f"（{parsed.metadata.doc_number}）三（三），厦门市湖里区科技和工信局，2025年6月16日"
    )
    # Notes off: the heading mark still says the clause is gone.
    quiet = brief_from_library(lib, made.id, include_notes=False)
    assert quiet.items[1].heading.startswith(DELETED_MARK) and quiet.items[1].notes == ()


def test_an_entry_whose_document_was_removed_says_so(seeded_library, compute):
    lib = seeded_library
    made = create_brief(lib, "简报")
    add_to_brief(lib, made.id, [compute[4].id])  # 汕尾
    remove_document(lib, compute[4].document_id)
    (item,) = brief_from_library(lib, made.id).items
    assert item.text == compute[4].text and item.notes[0].text == DELETED_DOCUMENT_NOTE
    assert item.heading == DELETED_MARK + "承接动漫影视制作"  # not 2.承接…: the label is dropped


def test_clauses_in_the_given_order_once_each_and_unknown_ids_named(seeded_library, compute):
    lib = seeded_library
    ids = [compute[3].id, compute[0].id, compute[3].id]
    brief = brief_from_clauses(lib, ids, subtitle="会议")
    assert [i.clause_id for i in brief.items] == [compute[3].id, compute[0].id]
    assert len(brief.sections) == 1 and brief.subtitle == "会议"
    with pytest.raises(ClauseNotFoundError, match="99999、88888"):
        brief_from_clauses(lib, [compute[0].id, 99999, 88888])


def test_the_table_option_adds_the_summary_table_with_tags_and_notes(tmp_path, seeded_library, compute):
    lib = seeded_library
    add_note(lib, compute[0].id, "表中批注")
    plain = write(tmp_path, brief_from_tags(lib, ["算力"]), "plain.docx")
    assert not any(TABLE_NAME in h for h in styled(plain, "Heading 1"))
    assert len(plain.tables) == 1  # the list of source documents

    document = write(tmp_path, brief_from_tags(lib, ["算力"], table=True), "table.docx")
    assert any(TABLE_NAME in h for h in styled(document, "Heading 1"))
    rows = table_rows(tables_after(document, TABLE_NAME))
    assert rows[0] == ["序号", "要点", "出处", "标签", "批注"]
    assert len(rows) == 1 + len(compute)
    row = next(r for r in rows if "表中批注" in r[4])
    assert row[3] == "算力"


def test_no_appendix_leaves_out_the_source_list(tmp_path, seeded_library, compute):
    document = write(tmp_path, brief_from_tags(seeded_library, ["算力"], appendix=False))
    assert document.tables == [] and not any(h.startswith("附件") for h in styled(document, "Heading 1"))
