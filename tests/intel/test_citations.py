"""Documents cited by title: in the library or missing."""

import pytest

from db import DocumentNotFoundError, add_document
from db.intel import cited_documents, cited_titles
from db.selection import ClauseNotFoundError
from tests.db.helpers import clause, document
from tests.intel.helpers import clause_id, doc_id

MEASURES = "湖里区支持企业培育研发创新能力的若干措施"


def test_titles_in_order_without_duplicates_and_without_non_documents():
    text = "出台的《湖里区支持企业培育研发创新能力的若干措施》《湖里区支持企业培育研发创新能力的若干措施》，培育了《动物迷城》等作品。"
    assert cited_titles(text) == [MEASURES]


def test_a_plan_with_its_period_is_a_document():
    assert cited_titles("印发《厦门市元宇宙产业发展三年行动计划（2022—2024年）》。") == [
        "厦门市元宇宙产业发展三年行动计划（2022—2024年）"
    ]


def test_seed_000_cites_measures_that_are_missing(seeded_library):
    lib = seeded_library
    found = cited_documents(lib, clause_id(lib, "000", MEASURES))
    titles = [c.title for c in found]
    assert titles[:2] == [MEASURES, "湖里区促进制造业及软件业倍增发展若干措施"]
    assert not any(c.in_library for c in found)
    assert all(c.document_id is None for c in found)


def test_a_cited_title_is_present_once_a_document_with_that_title_is_imported(seeded_library):
    lib = seeded_library
    outcome = add_document(
        lib,
        document(clause("一", "为支持企业培育研发创新能力，制定本措施。"), sha="m", title=f"《{MEASURES}》"),
    )
    found = {c.title: c for c in cited_documents(lib, document_id=doc_id(lib, "000"))}
    assert found[MEASURES].in_library and found[MEASURES].document_id == outcome.document_id
    assert not found["湖里区促进制造业及软件业倍增发展若干措施"].in_library
    # both clauses of seed 000 that cite 《湖里区推动科技创新和产业创新深度融合的若干措施》 are listed
    assert len(found["湖里区推动科技创新和产业创新深度融合的若干措施"].clause_ids) == 2


def test_title_matching_ignores_width_spaces_and_dashes(library):
    add_document(
        library,
        document(clause("一", "正文"), sha="p", title="厦门市元宇宙产业发展三年行动计划（2022-2024年）"),
    )
    citing = add_document(
        library,
        document(clause("一", "联合印发《厦门市元宇宙产业发展三年行动计划(2022—2024 年)》。"), sha="q"),
    )
    found = cited_documents(library, document_id=citing.document_id)
    assert [c.in_library for c in found] == [True]


def test_bad_ids_raise(seeded_library):
    with pytest.raises(ClauseNotFoundError):
        cited_documents(seeded_library, 999_999)
    with pytest.raises(DocumentNotFoundError):
        cited_documents(seeded_library, document_id=999)
    with pytest.raises(ValueError):
        cited_documents(seeded_library)
