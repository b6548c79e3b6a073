"""Notes (with meetings and highlighted spans) and briefs (sections, order, overrides)."""

import pytest

from db import document_clauses, list_documents
from db.briefs import (
    add_to_brief,
    brief_from_tags,
    create_brief,
    delete_brief,
    get_brief,
    list_briefs,
    move_item,
    move_section,
    remove_item,
    set_note_override,
)
from db.errors import LibraryError
from db.notes import add_note, delete_note, list_notes, meetings, notes_for_clause, update_note
from db.tags import tag_clauses


@pytest.fixture
def clauses(seeded_library):
    doc = list_documents(seeded_library)[0]
    return document_clauses(seeded_library, doc.id)


def test_a_note_is_stored_with_its_times_and_meeting(seeded_library, clauses):
    note = add_note(seeded_library, clauses[1].id, "请核实补贴比例", meeting="11月专题会")
    assert note.meeting == "11月专题会" and note.meeting_date
    assert note.created_at == note.updated_at
    assert notes_for_clause(seeded_library, clauses[1].id)[0].text == "请核实补贴比例"


def test_many_notes_per_clause_in_order(seeded_library, clauses):
    for text in ("一", "二", "三"):
        add_note(seeded_library, clauses[1].id, text)
    assert [n.text for n in notes_for_clause(seeded_library, clauses[1].id)] == ["一", "二", "三"]


def test_a_note_on_a_highlighted_span(seeded_library, clauses):
    clause = clauses[2]
    note = add_note(seeded_library, clause.id, "关键表述", span=(2, 6))
    assert note.span == (2, 6)
    with pytest.raises(LibraryError):
        add_note(seeded_library, clause.id, "越界", span=(0, len(clause.text) + 5))


def test_note_text_round_trips_exactly(seeded_library, clauses):
    text = "多行\n批注 😀 'quote' \"双引号\" ; DROP TABLE notes; -- \\ %_ 𠀀"
    note = add_note(seeded_library, clauses[1].id, text)
    assert update_note(seeded_library, note.id, text + "！").text == text + "！"


def test_notes_filtered_by_document_tag_and_meeting(seeded_library, clauses):
    add_note(seeded_library, clauses[1].id, "甲", meeting="周一例会")
    add_note(seeded_library, clauses[2].id, "乙", meeting="周二调研")
    tag_clauses(seeded_library, [clauses[2].id], ["人才"])
    assert [n.text for n in list_notes(seeded_library, meeting="周一例会")] == ["甲"]
    assert [n.text for n in list_notes(seeded_library, tag="人才")] == ["乙"]
    assert len(list_notes(seeded_library, doc_id=clauses[0].document_id)) == 2
    assert {m[0] for m in meetings(seeded_library)} == {"周一例会", "周二调研"}


def test_delete_note(seeded_library, clauses):
    note = add_note(seeded_library, clauses[1].id, "删掉我")
    delete_note(seeded_library, note.id)
    assert notes_for_clause(seeded_library, clauses[1].id) == []


def test_brief_from_tags_has_a_section_per_tag(seeded_library, clauses):
    tag_clauses(seeded_library, [c.id for c in clauses[1:4]], ["人才"])
    tag_clauses(seeded_library, [clauses[5].id], ["算力"])
    brief = brief_from_tags(seeded_library, "人才与算力", ["人才", "算力"])
    assert [s.title for s in brief.sections] == ["人才", "算力"]
    assert [i.clause_id for i in brief.sections[0].items] == [c.id for c in clauses[1:4]]
    item = brief.sections[1].items[0]
    assert item.document_title and item.path == clauses[5].path and item.text == clauses[5].text


def test_brief_from_unknown_tag_is_refused(seeded_library):
    with pytest.raises(LibraryError):
        brief_from_tags(seeded_library, "x", ["不存在"])
    assert list_briefs(seeded_library) == []


def test_editing_a_brief(seeded_library, clauses):
    brief = create_brief(seeded_library, "专题简报")
    first = add_to_brief(
        seeded_library, brief.id, [clauses[1].id, clauses[2].id, clauses[3].id], section="政策"
    )
    second = add_to_brief(seeded_library, brief.id, [clauses[4].id], section="成效")
    add_to_brief(seeded_library, brief.id, [clauses[1].id], section="政策")  # duplicate: skipped
    items = get_brief(seeded_library, brief.id).sections[0].items
    assert len(items) == 3
    move_item(seeded_library, items[2].id, first, 0)
    assert [i.clause_id for i in get_brief(seeded_library, brief.id).sections[0].items] == [
        clauses[3].id,
        clauses[1].id,
        clauses[2].id,
    ]
    move_item(seeded_library, items[0].id, second, 1)
    sections = get_brief(seeded_library, brief.id).sections
    assert [i.clause_id for i in sections[1].items] == [clauses[4].id, clauses[1].id]
    move_section(seeded_library, second, 0)
    assert [s.title for s in get_brief(seeded_library, brief.id).sections] == ["成效", "政策"]
    set_note_override(seeded_library, items[1].id, "本条只讲要点")
    remove_item(seeded_library, items[2].id)
    brief = get_brief(seeded_library, brief.id)
    assert brief.item_count == 3
    assert any(i.note_override == "本条只讲要点" for s in brief.sections for i in s.items)
    delete_brief(seeded_library, brief.id)
    assert list_briefs(seeded_library) == []
