"""The clause tree from plain text: numbering styles, levels, boxes, preamble."""

from importers import SourceText, parse_source
from importers.numbering import match_label


def parse(text, hard_wrapped=True):
    return parse_source(SourceText(tuple(text.splitlines()), "txt", hard_wrapped=hard_wrapped), "测试.txt")


def test_levels_follow_the_order_styles_first_appear():
    doc = parse("一、总则\n（一）目标\n正文。\n1. 第一项。\n2. 第二项。\n（二）原则\n二、任务\n（一）甲\n")
    assert [c.path for c in doc.walk()] == [
        "一",
        "一/（一）",
        "一/（一）/1",
        "一/（一）/2",
        "一/（二）",
        "二",
        "二/（一）",
    ]
    assert [c.level for c in doc.walk()] == [1, 2, 3, 3, 2, 1, 2]


def test_unnumbered_paragraphs_belong_to_the_item_above():
    doc = parse("一、总则\n第一段。\n第二段。\n二、任务\n")
    assert doc.clauses[0].text == "一、总则\n第一段。\n第二段。"


def test_inline_enumerations_stay_in_their_paragraph():
    doc = parse("一、措施\n一是加强领导；二是完善政策；三是强化保障。\n")
    assert len(list(doc.walk())) == 1
    assert "二是完善政策" in doc.clauses[0].text


def test_law_style_chapters_and_articles():
    doc = parse(
        "第一章 总则\n第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全市。\n第二章 附则\n第三条 本办法自发布之日起施行。\n"
    )
    assert [c.path for c in doc.walk()] == [
        "第一章",
        "第一章/第一条",
        "第一章/第二条",
        "第二章",
        "第二章/第三条",
    ]


def test_circled_numbers_and_attachments():
    doc = parse("一、任务\n（1）甲\n①细项一。\n②细项二。\n附件：重点项目清单\n1. 项目一。\n")
    paths = [c.path for c in doc.walk()]
    assert "一/（1）/①" in paths and "一/（1）/②" in paths
    attachment = doc.clauses[-1]
    assert attachment.kind == "attachment" and attachment.level == 1
    assert [c.label for c in attachment.children] == ["1."]


def test_text_before_the_first_item_is_a_preamble():
    doc = parse("为贯彻落实有关部署，制定本方案。\n一、总体要求\n")
    assert doc.clauses[0].kind == "preamble"
    assert doc.clauses[0].text.startswith("为贯彻落实")


def test_decimal_numbers_are_not_labels():
    assert match_label("2.5亿元的投资") is None
    assert match_label("2024年营收") is None
    assert match_label("1.") is None
    assert match_label("１．实施重点领域研发") is not None or match_label("1．实施重点领域研发") is not None


def test_headings_are_short_titles():
    doc = parse("一、总体要求\n（一）加强组织保障。市工信局牵头协调各区。\n")
    assert doc.clauses[0].heading == "总体要求"
    assert doc.clauses[0].children[0].heading == "加强组织保障"


def test_every_character_of_the_body_lands_in_a_clause():
    body = "一、总则\n这是第一段文字，内容较长需要保留。\n（一）子项\n子项正文。\n二、其他\n结尾。"
    doc = parse(body)
    joined = "".join(c.text for c in doc.walk()).replace("\n", "")
    assert joined == body.replace("\n", "")
