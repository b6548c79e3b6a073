"""Issue 16, part by part, without rendering: quotes, titles, 目录 entries, pagination, keeps."""

from __future__ import annotations

from docx.oxml.ns import qn

from exporters import gbt9704 as gb
from exporters.brief import Brief, BriefSection
from exporters.docx_writer import write_brief
from exporters.measure import count_lines
from exporters.outline import short_heading
from exporters.pagination import Block, Piece, paginate
from exporters.paragraphs import quote_paragraphs
from exporters.titles import balanced_lines, shorten
from tests.exporters.conftest import make_item
from tests.exporters.reading import open_docx

WRAPPED = (
    "（二）优化数字人才发展环境\n"
    "深入贯彻落实厦门市“群鹭兴厦”“双百计划”等重大人才\n"
    "工程，大力实施湖里区“鸿鹄引才”专项行动。\n"
    "积极筹措湖里区家庭式长租公寓房源。"
)


def test_a_quote_is_its_paragraphs_without_the_label_line():
    start = WRAPPED.index("人才\n工程") + 2
    item = make_item(
        1, text=WRAPPED, label="（二）", heading="优化数字人才发展环境", highlights=((start - 2, start + 3),)
    )
    paragraphs = quote_paragraphs(item)
    assert [p.text for p in paragraphs] == [
        "深入贯彻落实厦门市“群鹭兴厦”“双百计划”等重大人才工程，大力实施湖里区“鸿鹄引才”专项行动。",
        "积极筹措湖里区家庭式长租公寓房源。",
    ]
    marked = [piece for p in paragraphs for piece, on in p.pieces if on]
    assert "".join(marked) == "人才工程"  # offsets into the stored text still hold across the join


def test_a_run_in_heading_keeps_its_sentence_and_a_lone_heading_sentence_is_quoted():
    run_in = make_item(
        1, text="（一）强化政策支持。湖里区将加快出台措施。", label="（一）", heading="强化政策支持"
    )
    assert [p.text for p in quote_paragraphs(run_in)] == ["强化政策支持。湖里区将加快出台措施。"]
    alone = make_item(
        2, text="第六十三条 邮电部可以制定规章。", label="第六十三条", heading="邮电部可以制定规章"
    )
    assert [p.text for p in quote_paragraphs(alone)] == ["邮电部可以制定规章。"]


def test_numbered_lines_and_short_lines_are_never_joined():
    text = "总体要求如下：\n1. 第一项\n2. 第二项要做的事情很多很多很多很多很多很多很多\n附件：名单"
    item = make_item(1, text=text, label="", heading="")
    assert len(quote_paragraphs(item)) == 4


def test_titles_break_between_words_into_balanced_lines():
    title = "关于推动数字经济下中小企业高质量发展推动政策落地见效的若干措施的通知"
    lines = balanced_lines(title, 19)
    assert "".join(lines) == title and len(lines) == 2
    assert not any(line.endswith("落") for line in lines)  # 落地见效 stays whole
    assert abs(len(lines[0]) - len(lines[1])) <= 4


def test_short_entries_are_cut_at_a_word_without_ellipsis_or_open_book_marks():
    for text in (
        "关于《关于推动游戏产业转型升级，激发数字经济新动能的提案》的答复中的若干政策措施",
        "深入贯彻落实厦门市群鹭兴厦双百计划等重大人才工程大力实施鸿鹄引才专项行动",
    ):
        short = shorten(text, 20)
        assert text.startswith(short) and not short.endswith("……")
        assert short.count("《") == short.count("》")
    item = make_item(1, heading="深入贯彻落实厦门市群鹭兴厦双百计划等重大人才工程大力实施鸿鹄引才专项行动")
    assert not short_heading(item).endswith("……")


def _blocks(*specs):
    return [
        Block("PB Quote", [Piece("字" * chars)], 28, splittable=splittable) for chars, splittable in specs
    ]


def test_pagination_keeps_headings_with_text_and_citations_with_their_last_line():
    filler = Block("PB Quote", [Piece("字" * 27 * 20)], 28, splittable=True)  # 20 lines
    heading = Block("Heading 2", [Piece("标题")], 28, keep_next=2)
    quote = Block("PB Quote", [Piece("字" * 27 * 3)], 28, splittable=True, tail_with_next=True)
    citation = Block("PB Citation", [Piece("出" * 27 * 2)], 28)
    plan = paginate([filler, heading, quote, citation])
    pages = {f.block.style: f.page for f in plan.fragments if not f.continued}
    assert pages["Heading 2"] == 2  # two lines left on page 1: not enough for heading + 2 lines
    plan = paginate(
        [Block("PB Quote", [Piece("字" * 27 * 17)], 28, splittable=True), heading, quote, citation]
    )
    # Page 1: 17 + heading + 3 quote lines = 21; the citation's 2 would not fit: the last quote line moves.
    fragments = [(f.block.style, f.page, f.continued) for f in plan.fragments]
    assert ("PB Citation", 2, False) in fragments and ("PB Quote", 2, True) in fragments
    firsts = {}
    for fragment in plan.fragments:
        firsts.setdefault(fragment.page, fragment)
    assert all(f.page_break == (f.page > 1 and firsts[f.page] is f) for f in plan.fragments)


def test_line_counts_are_upper_bounds_of_a_28_character_line():
    assert count_lines("字" * 28, gb.chars_per_line(16)) == 2  # half a character of slack
    assert count_lines("字" * 27, gb.chars_per_line(16)) == 1
    assert count_lines("字" * 25 + "。”", gb.chars_per_line(16), 2.1) == 2  # 。” never opens a line


def test_keep_flags_in_the_file(tmp_path):
    brief = Brief(
        "小", sections=(BriefSection("部分", (make_item(1), make_item(2))),), include_appendix=False
    )
    document = open_docx(write_brief(brief, tmp_path / "k.docx"))
    styles = document.styles
    assert styles["Heading 1"].paragraph_format.keep_with_next
    assert styles["Heading 2"].paragraph_format.keep_with_next
    assert styles["PB Citation"].paragraph_format.keep_together
    before_citation = [
        p
        for n, p in enumerate(document.paragraphs[:-1])
        if document.paragraphs[n + 1].style.name == "PB Citation"
    ]
    assert before_citation and all(p._p.pPr.find(qn("w:keepNext")) is not None for p in before_citation)
    # The body is its own section starting a page; cover and 目录 before it.
    assert len(document.sections) == 2
