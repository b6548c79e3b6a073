"""Tracing repeated clauses: the talent paragraph shared by seeds 000 and 002."""

import pytest

from db import add_document
from db.intel import repeated_pairs, similar_clauses
from db.selection import ClauseNotFoundError
from tests.db.helpers import clause, document
from tests.intel.helpers import clause_id, doc_id

TALENT = "深入贯彻落实厦门市“群鹭兴厦”“双百计划”等重大人才工程"


def test_the_shared_talent_paragraph_is_found_with_its_differences(seeded_library):
    lib = seeded_library
    mine = clause_id(lib, "000", TALENT)
    theirs = clause_id(lib, "002", TALENT)
    found = similar_clauses(lib, mine)
    assert found[0].clause_id == theirs
    top = found[0]
    assert top.score >= 0.6
    assert top.document_id == doc_id(lib, "002") and top.doc_number == "厦湖科工函〔2025〕11号"
    assert top.path == "三/（二）"
    # The headings differ (（三）构建游戏产业人才支撑体系 vs （二）优化数字人才发展环境); the body does not.
    b_marked = "".join(top.text[s:e] for s, e in top.diff.b_spans)
    assert "优化数字" in b_marked and "发展环境" in b_marked
    assert TALENT not in b_marked and "鸿鹄引才" not in b_marked
    me = lib.conn.execute("SELECT text FROM clauses WHERE id = ?", (mine,)).fetchone()[0]
    a_marked = "".join(me[s:e] for s, e in top.diff.a_spans)
    assert "构建游戏产业" in a_marked and "支撑体系" in a_marked


def test_results_come_from_other_documents_only_best_first(seeded_library):
    lib = seeded_library
    mine = clause_id(lib, "000", TALENT)
    found = similar_clauses(lib, mine, limit=10, min_score=0.0)
    assert all(s.document_id != doc_id(lib, "000") for s in found)
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert len(found) <= 10


def test_min_score_and_limit(seeded_library):
    lib = seeded_library
    mine = clause_id(lib, "000", TALENT)
    assert similar_clauses(lib, mine, min_score=0.99) == []
    assert len(similar_clauses(lib, mine, limit=1, min_score=0.0)) == 1


def test_an_unknown_clause_raises(seeded_library):
    with pytest.raises(ClauseNotFoundError):
        similar_clauses(seeded_library, 999_999)


def test_a_new_document_is_traced_as_soon_as_it_is_stored(library):
    text = "对引才成效显著的企业给予最高30万元奖励，惠及160人次，并成功推荐11名人才获评省级高层次人才。"
    add_document(library, document(clause("一", text), sha="a"))
    outcome = add_document(library, document(clause("一", "此外，" + text.replace("30", "50")), sha="b"))
    first = library.conn.execute("SELECT min(id) FROM clauses").fetchone()[0]
    found = similar_clauses(library, first)
    assert [s.document_id for s in found] == [outcome.document_id]
    assert found[0].score > 0.8


def test_repeated_pairs_between_two_documents(seeded_library):
    lib = seeded_library
    pairs = repeated_pairs(lib, [doc_id(lib, "000"), doc_id(lib, "002")])
    assert pairs, "the talent paragraph is repeated"
    top = pairs[0]
    assert {top.a.clause_id, top.b.clause_id} == {
        clause_id(lib, "000", TALENT),
        clause_id(lib, "002", TALENT),
    }
    assert top.a.document_id < top.b.document_id  # each pair once, in a stable order
    assert all(p.score >= 0.6 for p in pairs)
    assert len({(p.a.clause_id, p.b.clause_id) for p in pairs}) == len(pairs)


def test_repeated_pairs_of_the_whole_library_include_the_talent_paragraph(seeded_library):
    lib = seeded_library
    pairs = repeated_pairs(lib)
    ids = {clause_id(lib, "000", TALENT), clause_id(lib, "002", TALENT)}
    assert any({p.a.clause_id, p.b.clause_id} == ids for p in pairs)


def test_repeated_pairs_of_one_document_look_across_the_library(seeded_library):
    lib = seeded_library
    pairs = repeated_pairs(lib, [doc_id(lib, "002")])
    assert any(doc_id(lib, "000") in (p.a.document_id, p.b.document_id) for p in pairs)
