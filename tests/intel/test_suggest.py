"""Tag suggestions: the officer's own tags on similar clauses first, then keywords."""

import pytest

from db.intel import suggest_tags
from db.selection import ClauseNotFoundError
from db.tags import tag_clauses
from tests.intel.helpers import clause_id

TALENT = "深入贯彻落实厦门市“群鹭兴厦”“双百计划”等重大人才工程"


def test_a_tag_on_the_similar_clause_is_suggested_first(seeded_library):
    lib = seeded_library
    tag_clauses(lib, [clause_id(lib, "002", TALENT)], ["人才引育"])
    found = suggest_tags(lib, clause_id(lib, "000", TALENT))
    assert found[0].name == "人才引育" and found[0].source == "existing"
    assert found[0].score >= 0.6
    keywords = [s.name for s in found if s.source == "keyword"]
    assert keywords and "人才" in keywords


def test_a_tag_name_the_text_mentions_is_suggested(seeded_library):
    lib = seeded_library
    tag_clauses(lib, [clause_id(lib, "004", "突破2000亿元")], ["元宇宙"])  # any clause: the tag exists
    found = suggest_tags(lib, clause_id(lib, "001", "营收上亿元"), limit=5)
    assert ("元宇宙", "existing") in {(s.name, s.source) for s in found}


def test_tags_the_clause_already_has_are_not_suggested(seeded_library):
    lib = seeded_library
    mine = clause_id(lib, "000", TALENT)
    tag_clauses(lib, [clause_id(lib, "002", TALENT)], ["人才引育"])
    tag_clauses(lib, [mine], ["人才引育", "人才"])
    names = {s.name for s in suggest_tags(lib, mine, limit=10)}
    assert "人才引育" not in names and "人才" not in names


def test_keywords_are_policy_words_not_filler(seeded_library):
    lib = seeded_library
    found = suggest_tags(lib, clause_id(lib, "003", "突破300亿元"), limit=5)
    assert found[0].name == "数字创意"
    assert all(s.name not in {"推进", "发展", "加快", "超过"} for s in found)
    assert all(0 < s.score <= 1 for s in found)


def test_unknown_clause_raises(seeded_library):
    with pytest.raises(ClauseNotFoundError):
        suggest_tags(seeded_library, 999_999)
