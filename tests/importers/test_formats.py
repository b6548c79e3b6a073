"""Format readers: the right text out of each file type, or a DocumentError the user can act on.

Fixtures are built at run time in tmp_path. Every failure case asserts a DocumentError
(never a stray third-party exception) whose message is in Chinese and says what happened.
"""

from __future__ import annotations

import io
import random
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

import importers
from importers import DocumentError, import_file
from importers.decode import decode_bytes
from importers.formats import docx as docx_reader
from importers.formats import html as html_reader
from importers.formats import markdown as md_reader
from importers.formats import pdf as pdf_reader
from importers.formats import txt as txt_reader
from tests.importers.docx_builder import (
    BULLETS,
    CIRCLED,
    LINKED_STYLE,
    POLICY_LIST,
    POLICY_LIST_FROM_FIVE,
    new_document,
    numbered,
    save,
    set_vertical_merge,
)

POLICY = (
    "厦门市工业和信息化局关于印发软件产业发展措施的通知\n"
    "\n"
    "各区人民政府，市直各委、办、局：\n"
    "一、总体要求\n"
    "（一）发展思路。立足厦门实际，抢抓数字经济发展新机遇。\n"
    "（二）总体目标。力争到2025年，产业规模突破3000亿元。\n"
    "二、重点任务\n"
    "1.实施重点领域研发，支持企业“揭榜挂帅”。\n"
)


def refused(exc_info: pytest.ExceptionInfo, *fragments: str) -> str:
    """The message of a DocumentError: Chinese, and mentioning every fragment."""
    message = str(exc_info.value)
    assert isinstance(exc_info.value, DocumentError)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    for fragment in fragments:
        assert fragment in message, message
    return message


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- decoding -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        POLICY.encode("utf-8"),
        b"\xef\xbb\xbf" + POLICY.encode("utf-8"),
        b"\xff\xfe" + POLICY.encode("utf-16-le"),
        b"\xfe\xff" + POLICY.encode("utf-16-be"),
        POLICY.encode("gb18030"),
        POLICY.encode("gbk"),
        POLICY.replace("厦门", "喆堃").encode("gb18030"),  # a few characters outside GB2312
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "gb18030", "gbk", "gb18030-rare-chars"],
)
def test_decode_accepts_known_encodings(encoded: bytes) -> None:
    text = decode_bytes(encoded, "a.txt")
    assert text.lstrip("\ufeff").startswith(POLICY.splitlines()[0][:4]) or "喆堃" in text
    assert "一、总体要求" in text


@pytest.mark.parametrize(
    "encoded",
    [
        "日本語のテキストです。これはテストです。東京都の天気は晴れです。".encode("shift_jis"),
        "日本語のテキストです。これはテストです。東京都の天気は晴れです。".encode("euc_jp"),
        "Café résumé naïve déjà vu, señor.".encode("cp1252"),
        "政府工作報告，推動經濟發展，加強數位轉型。".encode("big5"),
    ],
    ids=["shift-jis", "euc-jp", "cp1252", "big5"],
)
def test_decode_refuses_to_guess(encoded: bytes) -> None:
    with pytest.raises(DocumentError) as exc_info:
        decode_bytes(encoded, "a.txt")
    refused(exc_info, "无法确定文件编码", "UTF-8")


def test_decode_refuses_random_bytes_without_nul() -> None:
    rng = random.Random(7)
    data = bytes(rng.choice(range(1, 256)) for _ in range(4000))
    with pytest.raises(DocumentError) as exc_info:
        decode_bytes(data, "junk.txt")
    refused(exc_info)


def test_decode_refuses_binary_with_nul_bytes() -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    with pytest.raises(DocumentError) as exc_info:
        decode_bytes(data, "image.txt")
    refused(exc_info, "不是文本文件")


def test_decode_refuses_control_characters() -> None:
    data = ("正文" + "\x01\x02\x03\x04" * 50).encode("utf-8")
    with pytest.raises(DocumentError) as exc_info:
        decode_bytes(data, "a.txt")
    refused(exc_info, "不是文本文件")


def test_decode_names_bomless_utf16() -> None:
    with pytest.raises(DocumentError) as exc_info:
        decode_bytes("Policy text, ASCII heavy. 2025".encode("utf-16-le"), "a.txt")
    refused(exc_info, "UTF-16")


def test_decode_refuses_broken_utf16_with_bom() -> None:
    with pytest.raises(DocumentError) as exc_info:
        decode_bytes(b"\xff\xfe" + "正文".encode("utf-16-le") + b"\x00\xd8", "a.txt")  # lone surrogate
    refused(exc_info, "UTF-16")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_decode_20_mb_whole(tmp_path: Path, encoding: str) -> None:
    """20 MB decodes to every line (its speed: `python -m benchmarks import`, 78 M chars/s)."""
    line = "（一）发展思路。立足厦门实际，抢抓数字经济和元宇宙发展新机遇，打造数字化发展新体系。\n"
    data = (line * (20_000_000 // len(line.encode(encoding)))).encode(encoding)
    path = write(tmp_path, "big.txt", data)
    source = txt_reader.read(path)
    assert len(source.lines) == data.count(b"\n")
    assert source.lines[-1] == line.strip()


# --- plain text ---------------------------------------------------------------------------------


def test_txt_keeps_lines_and_blank_lines(tmp_path: Path) -> None:
    source = txt_reader.read(write(tmp_path, "a.txt", POLICY.replace("\n", "\r\n").encode("gbk")))
    assert source.format == "txt" and source.hard_wrapped and source.front_matter == {}
    assert source.lines == tuple(POLICY.splitlines())


def test_txt_through_import_file_gbk(tmp_path: Path) -> None:
    document = import_file(write(tmp_path, "通知.txt", POLICY.encode("gbk")))
    assert document.format == "txt"
    assert "一、" in [clause.label for clause in document.clauses]


@pytest.mark.parametrize(
    "data", [bytes(range(256)) * 40, b"PK\x03\x04" + b"\x00" * 500], ids=["binary", "zip-named-txt"]
)
def test_txt_binary_junk_through_import_file(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(DocumentError) as exc_info:
        import_file(write(tmp_path, "junk.txt", data))
    refused(exc_info, "不是文本文件")


def test_txt_shift_jis_through_import_file(tmp_path: Path) -> None:
    data = "これは日本語の文書です。政策の概要を説明します。".encode("shift_jis")
    with pytest.raises(DocumentError) as exc_info:
        import_file(write(tmp_path, "jp.txt", data))
    refused(exc_info, "无法确定文件编码")


def test_markdown_saved_as_txt_seed_001(seed) -> None:
    source = txt_reader.read(seed("001"))
    assert source.format == "txt"
    assert source.front_matter["title"] == "抢抓元宇宙发展机遇，厦门市印发三年行动计划"
    assert source.front_matter["date"] == "2022-07-06T21:57:40+08:00"
    assert source.front_matter["authors"] == ["浮尘"]
    assert source.front_matter["tags"] == ["元宇宙", "数字藏品", "NFT"]
    assert "weight" not in source.front_matter  # empty value
    body = "\n".join(source.lines)
    assert "title:" not in body and "---" not in body and "**" not in body
    assert source.lines[0] == "抢抓元宇宙发展机遇，厦门市印发三年行动计划"
    assert any(line.startswith("4. 通用性平台建设") for line in source.lines)
    assert "行动计划全文如下：" in source.lines


def test_plain_seed_000_unchanged(seed) -> None:
    path = seed("000")
    source = txt_reader.read(path)
    assert source.front_matter == {}
    assert source.lines == tuple(path.read_text(encoding="utf-8").splitlines())


# --- markdown -----------------------------------------------------------------------------------

MARKDOWN = """---
title: 关于推进数字经济发展的通知
date: 2024-03-01
tags: [数字经济, 2024]
empty:
---

# 关于推进数字经济发展的通知 #

各有关单位：**现将**有关事项*通知*如下，详见[附件](http://example.cn/a.pdf)。![图](a.png)
> 引用的说明
- 第一项要点
* 第二项要点
1. 第一条保留编号
\\4. 转义的编号
星号\\*不是强调\\*，<span style="x">标签</span>去掉，2 < 5 保留&amp;实体。

| 项目 | 金额（万元） |
|------|:----:|
| 研发 | 100 |
| 管道\\|符号 | |

结尾一行\x20\x20
下一行
"""


def test_markdown_front_matter_and_body() -> None:
    source = md_reader.parse_markdown(MARKDOWN)
    assert source.format == "md" and source.hard_wrapped
    assert source.front_matter == {
        "title": "关于推进数字经济发展的通知",
        "date": "2024-03-01",
        "tags": ["数字经济", "2024"],
    }
    text = [line for line in source.lines if line]
    assert text == [
        "关于推进数字经济发展的通知",
        "各有关单位：现将有关事项通知如下，详见附件。",
        "引用的说明",
        "第一项要点",
        "第二项要点",
        "1. 第一条保留编号",
        "4. 转义的编号",
        "星号*不是强调*，标签去掉，2 < 5 保留&实体。",
        "项目 金额（万元）",
        "研发 100",
        "管道|符号",
        "结尾一行",
        "下一行",
    ]


def test_markdown_blocks_are_separated_by_blank_lines() -> None:
    lines = md_reader.parse_markdown("# 标题\n- 甲\n- 乙\n正文第一行\n接着写\n").lines
    assert lines == ("标题", "", "甲", "", "乙", "正文第一行", "接着写")


def test_markdown_malformed_front_matter_is_ignored_not_body() -> None:
    source = md_reader.parse_markdown("---\ntitle: [未闭合\nauthor: x\n---\n正文。\n")
    assert source.front_matter == {}
    assert source.lines == ("正文。",)


def test_markdown_front_matter_aliases_are_refused() -> None:
    # Aliases are how a 12 KB "billion laughs" front matter expands to gigabytes (issue 14).
    with pytest.raises(DocumentError, match="别名"):
        md_reader.parse_markdown("---\ntitle: 标题\nbase: &b [甲, 乙]\ncopy: *b\n---\n正文。\n", name="a.md")


def test_markdown_front_matter_anchor_without_alias_is_fine() -> None:
    source = md_reader.parse_markdown("---\ntitle: &t 标题\n---\n正文。\n")
    assert source.front_matter == {"title": "标题"}


def test_markdown_oversized_or_deeply_nested_front_matter() -> None:
    with pytest.raises(DocumentError, match="超过 64 KB"):
        md_reader.parse_markdown("---\ntitle: " + "长" * 70_000 + "\n---\n正文。\n")
    nested = md_reader.parse_markdown("---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\n正文。\n")
    assert nested.front_matter == {} and nested.lines == ("正文。",)


def test_markdown_leading_rule_is_not_front_matter() -> None:
    source = md_reader.parse_markdown("---\n正文第一段。\n\n---\n正文第二段。\n")
    assert source.front_matter == {}
    assert [line for line in source.lines if line] == ["正文第一段。", "正文第二段。"]


def test_markdown_fenced_code_kept_verbatim() -> None:
    lines = md_reader.parse_markdown("```\n**不处理** [x](y)\n```\n").lines
    assert lines == ("**不处理** [x](y)",)


def test_txt_without_title_front_matter_stays_plain() -> None:
    assert not md_reader.looks_like_front_matter("---\nfoo: bar\n---\n正文\n")
    assert md_reader.looks_like_front_matter("\ufeff---\r\ntitle: 标题\r\n---\r\n正文\r\n")


def test_markdown_through_import_file(tmp_path: Path) -> None:
    document = import_file(write(tmp_path, "通知.md", MARKDOWN.encode("utf-8")))
    assert document.format == "md"
    assert document.metadata.title == "关于推进数字经济发展的通知"


# --- Word ---------------------------------------------------------------------------------------


def build_numbered_docx(path: Path) -> Path:
    document = new_document()
    document.add_heading("关于印发某某方案的通知", 1)
    document.add_paragraph("")  # empty paragraphs are skipped
    numbered(document, "总体要求", POLICY_LIST, 0)
    numbered(document, "发展思路", POLICY_LIST, 1)
    numbered(document, "实施重点领域研发", POLICY_LIST, 2)
    numbered(document, "细化任务", POLICY_LIST, 3)
    numbered(document, "推进平台建设", POLICY_LIST, 2)
    numbered(document, "总体目标", POLICY_LIST, 1)
    numbered(document, "重新从一开始", POLICY_LIST, 2)
    numbered(document, "重点任务", POLICY_LIST, 0)
    numbered(document, "基础研究", POLICY_LIST, 1)
    numbered(document, "无编号的要点", BULLETS, 0)
    document.add_paragraph("样式带编号", style=LINKED_STYLE)
    numbered(document, "另起一个列表", POLICY_LIST_FROM_FIVE, 0)
    numbered(document, "另起的第一项", POLICY_LIST_FROM_FIVE, 1)
    numbered(document, "圈码一", CIRCLED, 0)
    numbered(document, "圈码二", CIRCLED, 0)
    return save(document, path)


def test_docx_list_numbering_labels(tmp_path: Path) -> None:
    source = docx_reader.read(build_numbered_docx(tmp_path / "n.docx"))
    assert source.format == "docx" and not source.hard_wrapped
    assert source.lines == (
        "关于印发某某方案的通知",
        "一、总体要求",
        "（一）发展思路",
        "1.实施重点领域研发",
        "1.1 细化任务",
        "2.推进平台建设",
        "（二）总体目标",
        "1.重新从一开始",
        "二、重点任务",
        "（一）基础研究",
        "无编号的要点",
        "三、样式带编号",
        "五、另起一个列表",
        "（一）另起的第一项",
        "① 圈码一",
        "② 圈码二",
    )


def test_docx_numbering_through_import_file(tmp_path: Path) -> None:
    document = import_file(build_numbered_docx(tmp_path / "方案.docx"))
    labels = [clause.label for clause in document.walk()]
    assert labels[labels.index("一、") :][:3] == ["一、", "（一）", "1."]
    assert "二、" in labels and "三、" in labels


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (101, "一百零一"),
    ],
)
def test_chinese_counting(value: int, expected: str) -> None:
    assert docx_reader.format_number(value, "chineseCounting") == expected
    assert docx_reader.format_number(value, "chineseCountingThousand") == expected


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (3, "decimal", "3"),
        (3, "decimalEnclosedCircle", "③"),
        (12, "decimalFullWidth", "１２"),
        (2, "ideographTraditional", "乙"),
        (28, "upperLetter", "BB"),
        (2, "lowerLetter", "b"),
        (14, "upperRoman", "XIV"),
        (4, "lowerRoman", "iv"),
        (5, "bullet", "5"),  # bullets never reach format_number; harmless if they do
    ],
)
def test_number_formats(value: int, fmt: str, expected: str) -> None:
    assert docx_reader.format_number(value, fmt) == expected


def test_docx_tables_in_body_order_with_merged_cells(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("表格之前")
    table = document.add_table(rows=3, cols=3)
    for col, text in enumerate(["序号", "任务", "责任单位"]):
        table.cell(0, col).text = text
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "研发攻关"
    table.cell(2, 0).text = "2"
    table.cell(2, 1).text = "平台建设"
    merged = table.cell(1, 2).merge(table.cell(2, 2))  # vertical merge: one cell, two rows
    merged.text = "市科技局"
    wide = document.add_table(rows=1, cols=3)
    wide.cell(0, 0).merge(wide.cell(0, 2)).text = "横向合并的说明"  # gridSpan: no repetition
    document.add_paragraph("表格之后")
    source = docx_reader.read(save(document, tmp_path / "t.docx"))
    assert source.lines == (
        "表格之前",
        "序号 任务 责任单位",
        "1 研发攻关 市科技局",
        "2 平台建设",
        "横向合并的说明",
        "表格之后",
    )


def test_docx_explicit_vertical_merge_markup(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "甲", "合并内容"
    table.cell(1, 0).text, table.cell(1, 1).text = "乙", "合并内容"  # some writers repeat the text
    set_vertical_merge(table.cell(0, 1), "restart")
    set_vertical_merge(table.cell(1, 1), None)
    source = docx_reader.read(save(document, tmp_path / "v.docx"))
    assert source.lines == ("甲 合并内容", "乙")


def test_docx_hyperlink_and_line_break_text(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("厦湖科工函〔2025〕11号")
    paragraph.add_run().add_break()
    paragraph.add_run("答复类别：A类")
    source = docx_reader.read(save(document, tmp_path / "b.docx"))
    assert source.lines == ("厦湖科工函〔2025〕11号", "答复类别：A类")


def test_docx_core_properties(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("正文")
    plain = docx_reader.read(save(document, tmp_path / "plain.docx"))
    assert plain.front_matter == {}  # python-docx's template title/author/date are not the document's

    document.core_properties.title = "厦门市元宇宙产业发展三年行动计划"
    document.core_properties.author = "市工信局"
    titled = docx_reader.read(save(document, tmp_path / "titled.docx"))
    assert titled.front_matter["title"] == "厦门市元宇宙产业发展三年行动计划"
    assert len(titled.front_matter["date"]) == 10

    document.core_properties.title = "Microsoft Word - 文档1.doc"
    assert "title" not in docx_reader.read(save(document, tmp_path / "placeholder.docx")).front_matter


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("正文内容")
    document.save(buffer)
    return buffer.getvalue()


def test_docx_truncated(tmp_path: Path) -> None:
    data = docx_bytes()
    with pytest.raises(DocumentError) as exc_info:
        import_file(write(tmp_path, "cut.docx", data[: len(data) // 2]))
    refused(exc_info, "Word 文件已损坏或不是 .docx 格式")


def test_docx_not_a_zip(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as exc_info:
        import_file(write(tmp_path, "text.docx", "这其实是文本".encode()))
    refused(exc_info, "Word 文件已损坏或不是 .docx 格式")


def test_docx_plain_zip(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(DocumentError) as exc_info:
        import_file(write(tmp_path, "archive.docx", buffer.getvalue()))
    refused(exc_info, "不是 Word 文档")


def test_docx_old_binary_doc(tmp_path: Path) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000
    with pytest.raises(DocumentError) as exc_info:
        import_file(write(tmp_path, "old.docx", data))
    refused(exc_info, ".doc", "另存为")


def test_docx_broken_xml(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            archive.writestr(info, data[:50] if info.filename == "word/document.xml" else data)
    with pytest.raises(DocumentError) as exc_info:
        import_file(write(tmp_path, "badxml.docx", buffer.getvalue()))
    refused(exc_info, "Word 文件已损坏")


def test_docx_zip_bomb_refused_by_declared_size(tmp_path: Path) -> None:
    data = bytearray(docx_bytes())
    # Rewrite word/document.xml's uncompressed size in the central directory to 4 GB - 1.
    name = b"word/document.xml"
    entry = data.find(b"PK\x01\x02")  # first central directory entry
    while entry != -1:
        name_length = struct.unpack_from("<H", data, entry + 28)[0]
        if data[entry + 46 : entry + 46 + name_length] == name:
            struct.pack_into("<I", data, entry + 24, 0xFFFFFFFE)
            break
        entry = data.find(b"PK\x01\x02", entry + 4)
    assert entry != -1
    with pytest.raises(DocumentError) as exc_info:
        import_file(write(tmp_path, "bomb.docx", bytes(data)))
    refused(exc_info, "解压后大小异常")


# --- PDF ----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def text_pdf(tmp_path_factory) -> Path:
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) not installed: cannot make a text PDF")
    folder = tmp_path_factory.mktemp("pdf")
    source = folder / "policy.txt"
    source.write_text(POLICY, encoding="utf-8")
    profile = folder / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=False,
        capture_output=True,
        timeout=180,
    )
    pdf = folder / "policy.pdf"
    if not pdf.exists():
        pytest.skip("LibreOffice could not convert the fixture to PDF")
    return pdf


def test_pdf_text_layer(text_pdf: Path) -> None:
    source = pdf_reader.read(text_pdf)
    assert source.format == "pdf" and source.hard_wrapped
    lines = [line.strip() for line in source.lines if line.strip()]
    assert lines[0] == "厦门市工业和信息化局关于印发软件产业发展措施的通知"
    assert "一、总体要求" in lines and "二、重点任务" in lines


def test_pdf_through_import_file(text_pdf: Path, tmp_path: Path) -> None:
    document = import_file(text_pdf)
    assert document.format == "pdf"
    assert "一、" in [clause.label for clause in document.clauses]


def test_pdf_encrypted_with_empty_user_password_opens(text_pdf: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=text_pdf)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "restricted.pdf"
    writer.write(path)
    assert "一、总体要求" in [line.strip() for line in pdf_reader.read(path).lines]


def test_pdf_encrypted_refused(text_pdf: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=text_pdf)
    writer.encrypt("pw", algorithm="RC4-128")
    path = tmp_path / "secret.pdf"
    writer.write(path)
    with pytest.raises(DocumentError) as exc_info:
        import_file(path)
    refused(exc_info, "PDF 已加密")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    path = tmp_path / "scan.pdf"
    writer.write(path)
    with pytest.raises(DocumentError) as exc_info:
        import_file(path)
    refused(exc_info, pdf_reader.NO_TEXT_LAYER, "OCR")
    assert "this PDF has no text layer (scanned image); OCR is not supported" in str(exc_info.value)


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n" + bytes(range(256)) * 8, b"%PDF-1.4\n1 0 obj << /Type /Catalog", "不是PDF".encode() * 50],
    ids=["junk-after-header", "truncated", "not-a-pdf"],
)
def test_pdf_broken(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(DocumentError) as exc_info:
        import_file(write(tmp_path, "broken.pdf", data))
    refused(exc_info, "PDF")


def test_pdf_truncated_real_file(text_pdf: Path, tmp_path: Path) -> None:
    data = text_pdf.read_bytes()
    with pytest.raises(DocumentError) as exc_info:
        import_file(write(tmp_path, "cut.pdf", data[: len(data) // 3]))
    refused(exc_info)


# --- HTML ---------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于印发软件产业发展措施的通知_政策文件_厦门市人民政府</title>
<style>.x {{ color: red }}</style><script>var tip = "脚本里的字";</script></head>
<body><form id="form1">
<div class="header"><h1>厦门市人民政府</h1><ul id="topnav"><li>首页</li><li>政务公开</li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政策文件</div>
<div class="sidebar"><p>相关链接</p></div>
<div class="article">
  <div class="article-header"><h1>关于印发软件产业发展措施的通知</h1>
    <table><tr><td>发文字号：</td><td>厦工信〔2025〕1号</td></tr></table></div>
  <div class="TRS_Editor">
    <p>各区人民政府，市直各委、办、局：</p>
    <p>&nbsp;&nbsp;一、总体要求<br>（一）发展思路。立足厦门实际。</p>
    <div>二、重点任务</div>
    <ul><li>要点一</li><li>要点二</li></ul>
    {extra}
  </div>
  <div class="bdshare share">分享到：微信 微博</div>
</div>
<div id="footer">版权所有：厦门市人民政府办公厅</div>
</form></body></html>
"""


def test_html_gb2312_page(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", PAGE.format(extra="<p>堃喆等GBK字。</p>").encode("gb18030"))
    source = html_reader.read(path)
    assert source.format == "html" and not source.hard_wrapped
    assert source.front_matter == {"title": "关于印发软件产业发展措施的通知"}
    assert source.lines == (
        "关于印发软件产业发展措施的通知",
        "发文字号： 厦工信〔2025〕1号",
        "各区人民政府，市直各委、办、局：",
        "一、总体要求",
        "（一）发展思路。立足厦门实际。",
        "二、重点任务",
        "要点一",
        "要点二",
        "堃喆等GBK字。",
    )


def test_html_through_import_file(tmp_path: Path) -> None:
    path = write(tmp_path, "page.htm", PAGE.format(extra="").encode("gb18030"))
    document = import_file(path)
    assert document.format == "html"
    assert document.metadata.title == "关于印发软件产业发展措施的通知"
    assert "一、" in [clause.label for clause in document.walk()]


def test_html_wrong_declared_charset_falls_back(tmp_path: Path) -> None:
    page = PAGE.format(extra="").replace("charset=gb2312", "charset=utf-8")
    source = html_reader.read(write(tmp_path, "lying.html", page.encode("gbk")))
    assert "一、总体要求" in source.lines


def test_html_without_container_drops_chrome(tmp_path: Path) -> None:
    page = (
        "<html><head><title>某某办法 - 中国政府网</title></head><body>"
        "<nav>导航 首页</nav><div class='menu'>菜单</div>"
        "<p>第一条 为了规范管理，制定本办法。</p><p>第二条 本办法自发布之日起施行。</p>"
        "<table><tr><th>项目</th><td>金额</td></tr></table>"
        "<footer>网站地图</footer></body></html>"
    )
    source = html_reader.read(write(tmp_path, "p.html", page.encode("utf-8")))
    assert source.lines == (
        "第一条 为了规范管理，制定本办法。",
        "第二条 本办法自发布之日起施行。",
        "项目 金额",
    )
    assert source.front_matter == {"title": "某某办法"}


def test_html_site_name_title_is_ignored(tmp_path: Path) -> None:
    page = "<html><head><title>厦门市人民政府</title></head><body><p>正文内容。</p></body></html>"
    assert html_reader.read(write(tmp_path, "p.html", page.encode())).front_matter == {}


def test_html_deeply_nested(tmp_path: Path) -> None:
    depth = 100_000
    page = (
        "<html><body><p>前言部分。</p>"
        + "<div>" * depth
        + "深层正文。"
        + "</div>" * depth
        + "<p>后记部分。</p></body></html>"
    )
    source = html_reader.read(write(tmp_path, "deep.html", page.encode("utf-8")))
    assert source.lines == ("前言部分。", "深层正文。", "后记部分。")


@pytest.mark.parametrize(
    "data", [b"   \n  ", b"\x00\x01\x02" * 100, b"<html><body><script>x</script></body></html>"]
)
def test_html_unreadable(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(DocumentError) as exc_info:
        import_file(write(tmp_path, "bad.html", data))
    refused(exc_info)


def test_every_supported_suffix_has_a_reader() -> None:
    for suffix in importers.SUPPORTED_SUFFIXES:
        assert callable(importers._reader(suffix))


@pytest.mark.parametrize(
    "fmt", ["upperLetter", "lowerRoman", "decimal", "chineseCounting", "ideographDigital"]
)
@pytest.mark.parametrize("value", [docx_reader.MAX_COUNTER + 1, 4_000_000_000, 10**12, -(10**12)])
def test_counters_beyond_words_range_draw_no_label(value: int, fmt: str) -> None:
    # A crafted w:start of 4e9 once built 154-million-letter labels (issue 14).
    assert docx_reader.format_number(value, fmt) == ""


def test_every_label_is_short() -> None:
    for fmt in ("upperLetter", "upperRoman", "chineseLegalSimplified", "decimalFullWidth"):
        for value in range(0, docx_reader.MAX_COUNTER + 1, 97):
            assert len(docx_reader.format_number(value, fmt)) <= 1300, (fmt, value)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("用`代码`表示", "用代码表示"),
        ("两个``a`b``反引号", "两个a`b反引号"),
        ("未闭合`的反引号", "未闭合`的反引号"),
        ("代码：" + "`" * 12_000 + "。", "代码：" + "`" * 12_000 + "。"),
        ("**加粗**与*强调*和~~删除~~", "加粗与强调和删除"),
        ("[链接](http://a.b/c)与![图](x.png)<!-- 注释 -->完", "链接与完"),
        ("## 标题 ##", "标题"),
        ("# C# 语言", "C# 语言"),
    ],
)
def test_markdown_inline_markup_is_removed_in_linear_time(line: str, expected: str) -> None:
    assert "\n".join(md_reader.parse_markdown(line).lines) == expected


@pytest.mark.parametrize("declared", ["utf-16", "UTF-16LE", "utf-16be", "utf-32", "utf-7"])
def test_html_declaring_an_ascii_incompatible_charset_is_read_as_what_it_is(
    tmp_path: Path, declared: str
) -> None:
    # The declaration was readable as ASCII, so it cannot be true (issue 14): read the bytes.
    page = f"<html><head><meta charset='{declared}'></head><body><p>一、强化政策支持。</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode() + b" " * (len(page.encode()) % 2))
    assert html_reader.read(path).lines == ("一、强化政策支持。",)
    path.write_bytes(page.encode("gb18030"))
    assert html_reader.read(path).lines == ("一、强化政策支持。",)
