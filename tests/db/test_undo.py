"""Undo and redo of tags, notes and briefs, including deletions."""

import pytest

from db import document_clauses, list_documents
from db.briefs import add_to_brief, create_brief, delete_brief, get_brief, list_briefs
from db.history import peek, redo, undo
from db.notes import add_note, delete_note, notes_for_clause, update_note
from db.tags import delete_tag, find_tag, list_tags, merge_tags, tag_clauses, tags_of_clause, untag_clauses


@pytest.fixture
def clause_ids(seeded_library):
    doc = list_documents(seeded_library)[0]
    return [c.id for c in document_clauses(seeded_library, doc.id)]


def test_undo_a_tag_removal(seeded_library, clause_ids):
    tag_clauses(seeded_library, clause_ids[:1], ["人才"])
    untag_clauses(seeded_library, clause_ids[:1], ["人才"])
    assert peek(seeded_library) == "移除标签“人才”"
    assert undo(seeded_library) == "移除标签“人才”"
    assert [t.name for t in tags_of_clause(seeded_library, clause_ids[0])] == ["人才"]
    assert redo(seeded_library) == "移除标签“人才”"
    assert tags_of_clause(seeded_library, clause_ids[0]) == []


def test_undo_a_deleted_tag_restores_every_link(seeded_library, clause_ids):
    tag_clauses(seeded_library, clause_ids[:5], ["算力"])
    delete_tag(seeded_library, find_tag(seeded_library, "算力").id)
    undo(seeded_library)
    assert find_tag(seeded_library, "算力").clause_count == 5


def test_undo_a_merge(seeded_library, clause_ids):
    tag_clauses(seeded_library, clause_ids[:2], ["甲"])
    tag_clauses(seeded_library, clause_ids[1:3], ["乙"])
    merge_tags(seeded_library, find_tag(seeded_library, "乙").id, find_tag(seeded_library, "甲").id)
    undo(seeded_library)
    assert {t.name: t.clause_count for t in list_tags(seeded_library)} == {"甲": 2, "乙": 2}


def test_undo_a_deleted_note_brings_it_back_whole(seeded_library, clause_ids):
    note = add_note(seeded_library, clause_ids[1], "会上提到的要点", meeting="专题会", span=(0, 2))
    delete_note(seeded_library, note.id)
    undo(seeded_library)
    (back,) = notes_for_clause(seeded_library, clause_ids[1])
    assert (back.id, back.text, back.meeting, back.span, back.created_at) == (
        note.id,
        note.text,
        note.meeting,
        note.span,
        note.created_at,
    )


def test_typing_in_a_note_is_one_undo_step(seeded_library, clause_ids):
    note = add_note(seeded_library, clause_ids[1], "")
    for i in range(1, 6):
        update_note(seeded_library, note.id, "批注内容"[:i])
    undo(seeded_library)
    assert notes_for_clause(seeded_library, clause_ids[1])[0].text == ""
    undo(seeded_library)
    assert notes_for_clause(seeded_library, clause_ids[1]) == []


def test_undo_a_deleted_brief(seeded_library, clause_ids):
    brief = create_brief(seeded_library, "简报")
    add_to_brief(seeded_library, brief.id, clause_ids[:3], section="政策")
    delete_brief(seeded_library, brief.id)
    undo(seeded_library)
    assert get_brief(seeded_library, brief.id).item_count == 3


def test_a_new_change_clears_redo(seeded_library, clause_ids):
    tag_clauses(seeded_library, clause_ids[:1], ["甲"])
    undo(seeded_library)
    tag_clauses(seeded_library, clause_ids[:1], ["乙"])
    assert redo(seeded_library) is None


def test_nothing_to_undo(library):
    assert undo(library) is None and redo(library) is None and peek(library) is None


def test_many_undos_walk_back_in_order(seeded_library, clause_ids):
    for name in ("一", "二", "三"):
        tag_clauses(seeded_library, clause_ids[:1], [name])
    assert [undo(seeded_library) for _ in range(3)] == ["添加标签“三”", "添加标签“二”", "添加标签“一”"]
    assert list_briefs(seeded_library) == []
