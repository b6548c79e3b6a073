"""Clean-up of extracted text: broken lines, page numbers, TOCs, spacing, control characters."""

from importers import SourceText
from importers.cleanup import clean_lines, normalise_line
from importers.dates import parse_date
from importers.metadata import normalise_doc_number


def clean(text, hard_wrapped=True):
    return clean_lines(SourceText(tuple(text.splitlines()), "txt", hard_wrapped=hard_wrapped))


def test_pdf_wrapped_lines_are_rejoined_across_blank_lines_and_page_numbers():
    lines = [
        "当前，数字经济已成为推动经济高质量发展的核心引擎。党",
        "",
        "中央、国务院高度重视数字经济发展，先后出台政策文件，为中",
        "— 2 —",
        "小企业数字化转型指明方向。",
        "一、下一步计划",
    ]
    assert clean("\n".join(lines)) == [
        "当前，数字经济已成为推动经济高质量发展的核心引擎。党中央、国务院高度重视数字经济发展，先后出台政策文件，为中小企业数字化转型指明方向。",
        "一、下一步计划",
    ]


def test_page_number_styles_are_dropped():
    assert clean("正文。\n- 3 -\n— 12 —\n第 4 页\n继续。") == ["正文。", "继续。"]


def test_table_of_contents_is_skipped():
    text = "目 录\n一、发展回顾.....\t1\n（一）主要成就.....\t1\n二、面临形势.....\t5\n\n前 言\n软件是信息技术之魂。"
    assert clean(text) == ["前言", "软件是信息技术之魂。"]


def test_spaced_short_headings_are_folded():
    assert normalise_line("前 言") == "前言"
    assert normalise_line("结　语") == "结语"
    assert normalise_line("2025 年 6 月 16 日") == "2025年6月16日"


def test_control_characters_are_stripped():
    assert normalise_line("数字\x00经济\x07发展\u200b。") == "数字经济发展。"


def test_word_paragraphs_are_never_joined():
    assert clean("第一段没有句号\n第二段", hard_wrapped=False) == ["第一段没有句号", "第二段"]


def test_doc_numbers_are_normalised():
    assert normalise_doc_number("厦湖科工函〔2025〕11 号") == "厦湖科工函〔2025〕11号"
    assert normalise_doc_number("国办发[2018]123号") == "国办发〔2018〕123号"
    assert normalise_doc_number("国办发(2018)123号") == "国办发〔2018〕123号"
    assert normalise_doc_number("闽政〔2020〕第1号") == "闽政〔2020〕第1号"


def test_dates_in_arabic_and_chinese_numerals():
    assert parse_date("2025年6月16日") == "2025-06-16"
    assert parse_date("2025 年 6 月 16 日") == "2025-06-16"
    assert parse_date("二〇二二年二月") == "2022-02"
    assert parse_date("二〇〇四年四月二十七日") == "2004-04-27"
    assert parse_date("没有日期") == ""


def test_a_notice_addressed_to_several_units():
    from importers import parse_source

    text = "厦门市人民政府办公厅关于印发某某方案的通知\n厦府办〔2024〕8号\n各区人民政府，市直各委、办、局：\n现将方案印发给你们，请认真贯彻执行。\n一、总体要求\n"
    doc = parse_source(SourceText(tuple(text.splitlines()), "txt"), "x.txt")
    assert doc.metadata.title == "厦门市人民政府办公厅关于印发某某方案的通知"
    assert doc.metadata.addressee == "各区人民政府，市直各委、办、局"
    assert doc.metadata.doc_number == "厦府办〔2024〕8号"
