"""Quantitative targets from text and from the seed plans."""

import pytest

from db import DocumentNotFoundError
from db.intel import extract_targets, targets
from tests.intel.helpers import doc_id


def one(text: str):
    found = extract_targets(text)
    assert len(found) == 1, found
    return found[0]


def test_goal_with_deadline():
    t = one("到2025年，数字创意发展水平取得明显提升，力争数字创意产业规模突破300亿元。")
    assert (t.number, t.unit, t.year, t.deadline, t.kind) == (300, "亿元", 2025, "到2025年", "goal")
    assert t.text == "力争数字创意产业规模突破300亿元"


def test_spans_point_into_the_original_text():
    text = "到 2025 年，全市涉软企业营收规模突破 2000 亿元，力争达到 2200 亿元。"
    found = extract_targets(text)
    assert [(t.number, t.unit, t.year) for t in found] == [(2000, "亿元", 2025), (2200, "亿元", 2025)]
    assert text[slice(*found[0].value_span)] == "2000 亿元"
    assert text[slice(*found[1].span)] == "力争达到 2200 亿元"


@pytest.mark.parametrize(
    ("text", "number", "unit", "kind"),
    [
        ("对引才成效显著的企业给予最高30万元奖励", 30, "万元", "support"),
        ("对校企合作研发项目给予 20% 经费支持", 20, "%", "support"),
        ("年培训能力达2000人以上", 2000, "人", "level"),
        ("其中海外嘉宾占比超过80%", 80, "%", "level"),
        ("培育营收过亿企业超过 120 家", 120, "家", "level"),
        ("打造20万个标准机架规模的大数据产业园区", 20, "万个", "level"),
        ("比重达到６０％以上", 60, "%", "level"),
    ],
)
def test_kinds_and_units(text, number, unit, kind):
    t = one(text)
    assert (t.number, t.unit, t.kind) == (number, unit, kind)


@pytest.mark.parametrize(
    "text",
    [
        "惠及160人次，吸引53所境内外高校参与",  # figures that report, not commit
        "厦湖科工函〔2025〕13号",
        "2025年6月16日",
        "推进5G基站建设",
        "第一条 为了规范管理，制定本办法。",
    ],
)
def test_bare_figures_dates_and_numbers_are_not_targets(text):
    assert extract_targets(text) == []


def test_a_status_date_is_not_a_deadline():
    t = one("截至2020年底，厦门共拥有软件企业1325家，其中规上软件企业累计达到330余家。")
    assert (t.number, t.unit, t.year, t.deadline, t.kind) == (330, "家", None, "", "level")


def test_seed_004_goals(seeded_library):
    rows = targets(seeded_library, document_ids=[doc_id(seeded_library, "004")])
    found = {(r.target.number, r.target.unit, r.target.year) for r in rows}
    assert {
        (2000, "亿元", 2025),
        (2200, "亿元", 2025),
        (120, "家", 2025),
        (60, "%", 2025),
        (15, "%", 2025),
    } <= found
    by_number = {r.target.number: r for r in rows if r.target.year == 2025}
    assert by_number[120].target.kind == "goal" and "超过120家" in by_number[120].target.text
    assert by_number[120].title.startswith("厦门市软件和信息技术服务业")


def test_seed_001_goal_of_revenue_over_100_million(seeded_library):
    rows = targets(seeded_library, year=2024, document_ids=[doc_id(seeded_library, "001")])
    assert rows
    assert {(r.target.number, r.target.unit, r.target.year, r.target.kind) for r in rows} == {
        (1, "亿元", 2024, "goal")
    }
    assert all("营收上亿元" in r.target.text for r in rows)


def test_year_filter_and_clause_link(seeded_library):
    lib = seeded_library
    rows = targets(lib, year=2025)
    assert rows and all(r.target.year == 2025 for r in rows)
    assert {r.document_id for r in rows} >= {doc_id(lib, "003"), doc_id(lib, "004")}
    for r in rows:
        text = lib.conn.execute("SELECT text FROM clauses WHERE id = ?", (r.clause_id,)).fetchone()[0]
        assert text[slice(*r.target.span)].strip() == r.target.text


def test_unknown_document_raises(seeded_library):
    with pytest.raises(DocumentNotFoundError):
        targets(seeded_library, document_ids=[999])
