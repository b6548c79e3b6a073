"""Tags on clauses: names, colours, groups, rename, merge, delete, counts."""

import pytest

from db import document_clauses, list_documents
from db.errors import LibraryError
from db.tags import (
    TagExistsError,
    create_tag,
    delete_tag,
    find_tag,
    list_tags,
    merge_tags,
    most_used_tags,
    rename_tag,
    set_tag_parent,
    tag_clauses,
    tags_of_clause,
    untag_clauses,
)


@pytest.fixture
def clauses(seeded_library):
    doc = list_documents(seeded_library)[0]
    return [c.id for c in document_clauses(seeded_library, doc.id)]


def test_tagging_clauses_creates_tags_and_counts_them(seeded_library, clauses):
    assert tag_clauses(seeded_library, clauses[:3], ["人才", "算力"]) == 6
    counts = {t.name: t.clause_count for t in list_tags(seeded_library)}
    assert counts == {"人才": 3, "算力": 3}
    assert [t.name for t in tags_of_clause(seeded_library, clauses[0])] == ["人才", "算力"]


def test_tagging_twice_adds_nothing(seeded_library, clauses):
    tag_clauses(seeded_library, clauses[:2], ["人才"])
    assert tag_clauses(seeded_library, clauses[:2], ["人才"]) == 0


def test_names_are_trimmed_and_unique_regardless_of_case_and_width(seeded_library, clauses):
    tag_clauses(seeded_library, clauses[:1], ["  AI  "])
    tag_clauses(seeded_library, clauses[1:2], ["ai", "ＡＩ"])
    tags = list_tags(seeded_library)
    assert [(t.name, t.clause_count) for t in tags] == [("AI", 2)]
    with pytest.raises(TagExistsError):
        create_tag(seeded_library, "Ai")


@pytest.mark.parametrize(
    "name",
    ["长" * 200, "🚀 重点😀", "引号\"'“”", "'; DROP TABLE tags; --", "100% _x_ [a] %", "数字\\经济"],
)
def test_unusual_names_round_trip_exactly(seeded_library, clauses, name):
    tag_clauses(seeded_library, clauses[:1], [name])
    assert [t.name for t in tags_of_clause(seeded_library, clauses[0])] == [name]
    assert find_tag(seeded_library, name).name == name


def test_empty_and_control_only_names_are_refused(seeded_library):
    for bad in ("", "   ", "\x00\x07"):
        with pytest.raises(LibraryError):
            create_tag(seeded_library, bad)


def test_untag_removes_the_link_but_keeps_the_tag(seeded_library, clauses):
    tag_clauses(seeded_library, clauses[:2], ["园区"])
    assert untag_clauses(seeded_library, clauses[:1], ["园区"]) == 1
    assert find_tag(seeded_library, "园区").clause_count == 1


def test_rename_refuses_an_existing_name(seeded_library, clauses):
    tag_clauses(seeded_library, clauses[:1], ["人才", "人才政策"])
    tag = find_tag(seeded_library, "人才")
    with pytest.raises(TagExistsError):
        rename_tag(seeded_library, tag.id, "人才政策")
    assert rename_tag(seeded_library, tag.id, "人才引进").name == "人才引进"


def test_merge_moves_clauses_without_duplicates(seeded_library, clauses):
    tag_clauses(seeded_library, clauses[:3], ["数字经济"])
    tag_clauses(seeded_library, clauses[2:5], ["数经"])
    source, target = find_tag(seeded_library, "数经"), find_tag(seeded_library, "数字经济")
    assert merge_tags(seeded_library, source.id, target.id) == 2
    assert find_tag(seeded_library, "数经") is None
    assert find_tag(seeded_library, "数字经济").clause_count == 5


def test_delete_reports_how_many_clauses_it_touched(seeded_library, clauses):
    tag_clauses(seeded_library, clauses[:4], ["临时"])
    assert delete_tag(seeded_library, find_tag(seeded_library, "临时").id) == 4
    assert tags_of_clause(seeded_library, clauses[0]) == []


def test_groups_and_most_used(seeded_library, clauses):
    tag_clauses(seeded_library, clauses[:3], ["人才"])
    tag_clauses(seeded_library, clauses[:1], ["产业"])
    group = create_tag(seeded_library, "重点领域")
    set_tag_parent(seeded_library, find_tag(seeded_library, "人才").id, group.id)
    assert find_tag(seeded_library, "人才").parent_id == group.id
    assert [t.name for t in most_used_tags(seeded_library, 2)] == ["人才", "产业"]
    delete_tag(seeded_library, group.id)
    assert find_tag(seeded_library, "人才").parent_id is None


def test_tagging_an_unknown_clause_changes_nothing(seeded_library):
    with pytest.raises(LibraryError):
        tag_clauses(seeded_library, [999999], ["人才"])
    assert list_tags(seeded_library) == []


def test_clauses_with_a_tag_in_document_order(seeded_library, clauses):
    from db.tags import clauses_with_tag

    tag_clauses(seeded_library, [clauses[3], clauses[1]], ["人才"])
    rows = clauses_with_tag(seeded_library, find_tag(seeded_library, "人才").id)
    assert [r[0] for r in rows] == [clauses[1], clauses[3]]
    assert all(r[2] and r[3] for r in rows)
