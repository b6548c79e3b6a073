"""The general patterns of real official documents (issue 15), each on a small made-up document: no rule
here may depend on a particular issuer, title or 文号, so the names are invented."""

from __future__ import annotations

import pytest

from importers import parse_source
from importers.model import SourceText


def parse(text: str, hard_wrapped: bool = True):
    doc = parse_source(SourceText(tuple(text.strip("\n").splitlines()), "txt", {}, hard_wrapped))
    return doc.metadata, [c.label for c in doc.clauses if c.label and c.kind == "item"]


NOTICE = """
某某省人民政府办公厅关于印发某某行动方案的通知
某政办发〔2021〕12号
各市人民政府，省政府各部门：
《某某行动方案》已经省政府同意，现印发给你们，请认真贯彻执行。
某某省人民政府办公厅
2021年3月5日
（此件公开发布）
某某行动方案
一、总体要求
按照《某某条例》（某政发〔2019〕3号）要求推进。
二、主要任务
做好各项工作。
某某省发展改革委
2021年2月1日
"""


def test_a_printed_notice_takes_its_own_signature_not_the_attachment_s() -> None:
    meta, top = parse(NOTICE)
    assert meta.title == "某某省人民政府办公厅关于印发某某行动方案的通知"
    assert meta.doc_number == "某政办发〔2021〕12号"  # not the cited 某政发〔2019〕3号
    assert (meta.issuer, meta.issued_date) == ("某某省人民政府办公厅", "2021-03-05")
    assert top == ["一、", "二、"]


def test_a_forwarding_notice_without_a_signature_names_the_forwarding_body() -> None:
    text = "某某市人民政府办公室转发市财政局关于某某办法的通知\n各区人民政府：\n现转发给你们。\n一、适用范围\n全市。\n"
    meta, _ = parse(text)
    assert meta.issuer == "某某市人民政府办公室"


@pytest.mark.parametrize(
    ("signature", "issuer"),
    [
        ("某某部\u3000某某委员会", "某某部、某某委员会"),
        ("某某局    某某厅", "某某局、某某厅"),
        ("某某部办公厅\n某某总局办公厅", "某某部办公厅、某某总局办公厅"),
    ],
)
def test_several_issuers_are_joined(signature: str, issuer: str) -> None:
    meta, _ = parse(f"关于某事的通知\n各单位：\n请遵照执行。\n{signature}\n2020年1月2日\n")
    assert meta.issuer == issuer


@pytest.mark.parametrize(
    ("date_line", "iso"),
    [
        ("二〇〇四年四月二十七日", "2004-04-27"),
        ("二○○五年七月八日", "2005-07-08"),
        ("二ОО六年十月十八日", "2006-10-18"),
        ("二零一九年十二月三十一日", "2019-12-31"),
        ("2018-12-07", "2018-12-07"),
        ("2014\n年8月12日", "2014-08-12"),
        ("2019年1月27日（此件公开发布）", "2019-01-27"),
    ],
)
def test_signature_dates(date_line: str, iso: str) -> None:
    text = f"关于某事的通知\n各单位：\n请遵照执行。\n某某市人民政府\n{date_line}\n（本文有删减）\n扫一扫在手机打开当前页\n"
    meta, _ = parse(text)
    assert (meta.issuer, meta.issued_date) == ("某某市人民政府", iso)


def test_an_order_signed_by_its_officer() -> None:
    text = """
某某市人民政府令
第12号
《某某市养犬管理办法》已经市政府常务会议通过，现予公布，自2020年5月1日起施行。
市长　王某某
2020年3月5日
某某市养犬管理办法
第一条　为了规范养犬行为，制定本办法。
第二条　本办法适用于本市。
"""
    meta, top = parse(text)
    assert meta.title == "某某市养犬管理办法"
    assert (meta.doc_number, meta.issuer, meta.issued_date) == (
        "某某市人民政府令第12号",
        "某某市人民政府",
        "2020-03-05",
    )
    assert top == ["第一条", "第二条"]


@pytest.mark.parametrize(
    "table",
    [
        "发文机关：\n某某部\n成文日期：\n2020年01月02日\n标　　题：\n某某部关于某事的通知\n发文字号：\n某发〔2020〕1号\n主 题 词：",
        "发文机关： 某某部 成文日期： 2020年01月02日\n标　　题： 某某部关于某事的通知\n发文字号： 某发〔2020〕1号",
        "---\n标题: 某某部关于某事的通知\n文号: 某发〔2020〕1号\n发布单位: 某某部\n---",
    ],
)
def test_metadata_tables_and_front_matter(table: str) -> None:
    text = f"{table}\n某某部关于\n某事的通知\n各单位：\n请遵照执行。\n某某部\n2020年1月2日\n"
    meta, _ = parse(text)
    assert meta.title == "某某部关于某事的通知"
    assert (meta.doc_number, meta.issuer, meta.issued_date) == ("某发〔2020〕1号", "某某部", "2020-01-02")


def test_markdown_marks_and_broken_entities() -> None:
    text = """
# 某某条例

2001年1月1日 某某令第1号发布

<!-- INFO END -->

## 第一章 总则

第一条 为了规范管理，制定本条例。

## 第二章 附则

第二条 本条例自公布之日起施行。&bsp;
"""
    meta, top = parse(text)
    assert meta.title == "某某条例"
    assert (meta.doc_number, meta.issuer, meta.issued_date) == ("", "", "")
    assert top == ["第一章", "第二章"]


def test_decimal_numbering_and_a_contents_list_without_page_numbers() -> None:
    text = """
某某应急预案
目　　录
1　总则
　　1.1　编制目的
2　组织机构
1　总则
1.1　编制目的
为了做好应急工作，制定本预案。
1.2　适用范围
本预案适用于全省。
2　组织机构
由省政府领导。
"""
    _, top = parse(text)
    assert top == ["1", "2"]


def test_a_number_with_a_unit_is_not_a_heading() -> None:
    _, top = parse("关于某事的通知\n一、任务\n全年新增\n3 家企业。\n二、保障\n落实。\n")
    assert top == ["一、", "二、"]
