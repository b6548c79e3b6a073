"""The briefing pack read back with python-docx: layout, fonts, fields, content and its order."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from exporters import gbt9704 as gb
from exporters.brief import Brief, BriefNote, BriefSection
from exporters.citation import cite
from exporters.docx_writer import CITATION_PREFIX, NOTE_LABEL, write_brief
from exporters.outline import item_title, section_title
from tests.exporters.conftest import make_item, one_item_brief
from tests.exporters.reading import (
    east_asian_font,
    field_chars,
    instructions,
    joined_texts,
    open_docx,
    quotes,
    styled,
    table_rows,
    tables_after,
    texts,
    toc_cached_entries,
)


def _write(tmp_path, brief, name="brief.docx"):
    return open_docx(write_brief(brief, tmp_path / name))


TOLERANCE = Mm(0.1)


def _close(a, b):
    return abs(int(a) - int(b)) <= TOLERANCE


def test_a4_page_and_gbt_margins_in_every_section(tmp_path, sample):
    document = _write(tmp_path, sample)
    assert len(document.sections) == 2  # unnumbered cover + contents, numbered body
    for section in document.sections:
        assert _close(section.page_width, Mm(210)) and _close(section.page_height, Mm(297))
        assert _close(section.top_margin, Mm(37)) and _close(section.bottom_margin, Mm(35))
        assert _close(section.left_margin, Mm(28)) and _close(section.right_margin, Mm(26))


def test_grid_constants_give_22_lines_of_28_characters():
    assert gb.LINE_PITCH.pt * 22 <= gb.TEXT_HEIGHT_MM * 72 / 25.4 < gb.LINE_PITCH.pt * 23
    pitch = gb.SIZE_BODY.pt + gb.CHAR_SPACING_TWENTIETHS / 20
    assert pitch * 28 <= gb.TEXT_WIDTH_MM * 72 / 25.4 < pitch * 29


def test_styles_carry_east_asian_fonts_sizes_and_exact_spacing(tmp_path, sample):
    styles = _write(tmp_path, sample).styles
    expected = {
        "Normal": "仿宋_GB2312",
        "Heading 1": "黑体",
        "Heading 2": "楷体_GB2312",
        "Heading 3": "仿宋_GB2312",
        "PB Cover Title": "方正小标宋简体",
        "PB Quote": "仿宋_GB2312",
        "PB Note": "楷体_GB2312",
        "PB Page Number": "宋体",
    }
    for name, font in expected.items():
        assert east_asian_font(styles[name]) == font, name
        fonts = styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name  # a theme font would win
    assert styles["PB Cover Title"].font.size == Pt(22)
    assert styles["Normal"].font.size == Pt(16)
    assert styles["PB Page Number"].font.size == Pt(14)
    assert styles["Heading 3"].font.bold is True
    assert styles["Normal"].paragraph_format.line_spacing == gb.LINE_PITCH
    assert styles["Normal"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    ind = styles["Normal"].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"


def test_font_table_names_windows_fallbacks(tmp_path, sample):
    path = write_brief(sample, tmp_path / "b.docx")
    import zipfile

    table = zipfile.ZipFile(path).read("word/fontTable.xml").decode("utf-8")
    for name, alt in gb.FONT_FALLBACKS.items():
        assert f'w:name="{name}"' in table and f'w:val="{alt}"' in table


def test_cover_has_classification_title_subtitle_date_and_preparer(tmp_path, sample):
    document = _write(tmp_path, sample)
    lines = texts(document)
    assert lines[0] == "内部资料"
    assert styled(document, "PB Cover Title") == [sample.title]
    assert styled(document, "PB Cover Subtitle") == [sample.subtitle]
    assert styled(document, "PB Cover Meta") == [sample.prepared_by, "2025年7月8日"]
    toc_title = next(p for p in document.paragraphs if p.text == "目　录")
    assert toc_title.paragraph_format.page_break_before


def test_toc_is_a_real_field_with_cached_entries_and_update_on_open(tmp_path, sample):
    document = _write(tmp_path, sample)
    body = document.element.body
    toc = [i for i in instructions(body) if i.startswith("TOC")]
    assert toc == ['TOC \\o "1-2" \\h \\z \\u']
    # Each cached entry ends in its page number (issue 16.5): no field update is needed.
    entries = [e.rstrip("0123456789") for e in toc_cached_entries(document)]
    assert all(e != raw for e, raw in zip(entries[1:], toc_cached_entries(document)[1:], strict=True))
    sections = [section_title(n + 1, s) for n, s in enumerate(sample.sections)]
    for title in sections:
        assert title in entries
    assert entries.index(sections[0]) < entries.index(sections[1])
    assert "附件1　来源文件一览" in entries
    assert document.settings.element.find(qn("w:updateFields")) is None
    # Cached entries link to bookmarks on the headings themselves.
    anchors = {h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))}
    marks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    assert anchors and anchors <= marks


def test_sections_and_clauses_are_headings_in_brief_order(tmp_path, sample):
    document = _write(tmp_path, sample)
    assert styled(document, "Heading 1")[:2] == [
        section_title(n + 1, s) for n, s in enumerate(sample.sections)
    ]
    # One 序号 sequence through the whole pack (issue 16.8).
    expected_items = [item_title(n, item) for n, item in enumerate(sample.items, start=1)]
    assert styled(document, "Heading 2") == expected_items


def test_every_clause_is_quoted_with_its_citation_in_order(tmp_path, sample):
    document = _write(tmp_path, sample)
    body = "\n".join(joined_texts(document))
    quoted = "\n".join(quotes(document))
    position = quoted_position = 0
    for item in sample.items:
        lines = item.text.split("\n")
        if lines[0] == f"{item.label} {item.heading}" and len(lines) > 1:
            lines = lines[1:]  # the label line: the pack's own 序号 heading stands above
        elif lines[0].startswith(item.label):
            lines[0] = lines[0][len(item.label) :].lstrip()
        for line in lines:
            found = quoted.find(line, quoted_position)
            assert found >= 0, line[:20]
            quoted_position = found + len(line)
        end = body.find(lines[-1][-6:], position)
        assert end >= 0, lines[-1]
        position = end
        citation = body.find(CITATION_PREFIX + cite(item), position)
        assert citation >= 0, cite(item)
        position = citation
    quoted_paragraphs = [p for p in document.paragraphs if p.style.name == "PB Quote"]
    assert quoted_paragraphs and all(p.style.paragraph_format.left_indent for p in quoted_paragraphs)
    assert document.styles["PB Quote"].element.pPr.find(qn("w:pBdr")) is not None


def test_highlights_are_yellow_runs(tmp_path, sample):
    document = _write(tmp_path, sample)
    marked = [
        run.text
        for p in document.paragraphs
        if p.style.name == "PB Quote"
        for run in p.runs
        if run.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    expected = [item.text[s:e] for item in sample.items for s, e in item.highlights]
    assert marked == expected


def test_notes_are_labelled_in_kaiti_with_meeting_and_time(tmp_path, sample):
    document = _write(tmp_path, sample)
    notes = [p for p in document.paragraphs if p.text.startswith(NOTE_LABEL)]
    assert len(notes) == sum(len(item.notes) for item in sample.items) == 4
    assert all(p.style.name == "PB Note" for p in notes)
    assert east_asian_font(document.styles["PB Note"]) != east_asian_font(document.styles["PB Quote"])
    assert document.styles["PB Note"].font.color.rgb != document.styles["PB Quote"].font.color.rgb
    first = notes[0].text
    assert "请区财政局测算" in first and "（会议：区政府第12次常务会议，2025年7月8日；" in first
    assert "记录时间：2025年7月3日 16:20）" in first
    assert "就“加大对原创游戏研发" in first  # the passage the note is about
    assert notes[0].runs[0].bold and notes[0].runs[0].text == NOTE_LABEL


def test_no_notes_anywhere_when_excluded(tmp_path, sample):
    from dataclasses import replace

    document = _write(tmp_path, replace(sample, include_notes=False, include_table=True))
    everything = "\n".join(texts(document))
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    for note in (n for item in sample.items for n in item.notes):
        assert note.text not in everything and note.text not in cells
    assert NOTE_LABEL not in everything
    assert "批注" not in table_rows(tables_after(document, "要点对照表"))[0]


def test_appendix_lists_each_source_once_in_first_seen_order(tmp_path, sample):
    document = _write(tmp_path, sample)
    sources = document.tables[0]
    assert [c.text for c in sources.rows[0].cells] == ["序号", "文件名称", "文号", "发文机关", "成文日期"]
    rows = [[c.text for c in row.cells] for row in sources.rows[1:]]
    assert [r[1] for r in rows] == [sample.items[0].source.title, sample.items[3].source.title]
    assert rows[0][2:] == ["厦湖科工函〔2025〕13号", "厦门市湖里区科技和工信局", "2025年6月16日"]
    assert sources.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # Rows may break across pages: a row taller than a page must not lose text (issue 16.6).
    trpr = sources.rows[1]._tr.trPr
    assert trpr is None or trpr.find(qn("w:cantSplit")) is None


def test_summary_table_has_a_row_per_clause_with_tags_and_notes(tmp_path, sample):
    document = _write(tmp_path, sample)
    rows = table_rows(tables_after(document, "要点对照表"))
    assert rows[0] == ["序号", "要点", "出处", "标签", "批注"]
    assert len(rows) == 1 + len(sample.items)
    first = rows[1]
    assert first[3] == "资金、出海" and "请区财政局测算" in first[4]
    # 要点: the heading and the clause's first sentence, not the heading alone (issue 16.9).
    assert (
        first[1]
        == "构建多层次政策支持体系，夯实产业发展基础：在政策支持方面，湖里区已构建较为完善的政策扶持体系。"
    )
    assert first[2] == cite(sample.items[0])


def test_appendix_and_table_are_optional(tmp_path):
    document = _write(tmp_path, one_item_brief(include_appendix=False, include_table=False))
    assert document.tables == []
    assert not any(t.startswith("附件") for t in texts(document))


def test_page_numbers_odd_right_even_left_restarting_at_one(tmp_path, sample):
    document = _write(tmp_path, sample)
    assert document.settings.odd_and_even_pages_header_footer
    cover, body = document.sections
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert cover._sectPr.find(qn("w:footerReference")) is None  # cover and contents carry no number
    for footer, align in (
        (body.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (body.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert paragraph.style.name == "PB Page Number"
        assert paragraph.text == "— 1 —"  # cached value of the PAGE field
        assert instructions(paragraph._p) == ["PAGE"]
        assert field_chars(paragraph._p) == ["begin", "separate", "end"]


def test_control_characters_emoji_and_rare_cjk(tmp_path):
    nasty = "控制\x00字\x01符\x0b\x0c\x1f\ud800\ufffe\uffff😀𠀀𪚥"
    item = make_item(
        1,
        text=nasty + "正文",
        heading="标题\x07😀",
        highlights=((len(nasty) - 3, len(nasty) + 2),),
        notes=(BriefNote("批注\x02𪚥", meeting="会\x03议"),),
        tags=("标\x04签",),
    )
    brief = Brief(
        "简报\x08😀𠀀", subtitle="副\x1e题", sections=(BriefSection("部分\x00", (item,)),), include_table=True
    )
    document = _write(tmp_path, brief)
    everything = "\n".join(texts(document))
    assert "控制字符😀𠀀𪚥正文" in everything
    assert "简报😀𠀀" in everything and "批注𪚥" in everything
    assert not any(ch in everything for ch in "\x00\x01\x0b\x0c\x1f\ufffe\uffff")
    marked = [
        r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    assert marked == ["😀𠀀𪚥正文"]


def test_very_long_clause(tmp_path):
    text = "长条款内容，" * 20_000
    document = _write(tmp_path, one_item_brief(sections=(BriefSection("长", (make_item(1, text=text),)),)))
    assert quotes(document) == [text]


def test_empty_brief_still_has_a_cover_and_a_toc_field(tmp_path):
    document = _write(tmp_path, Brief(""))
    assert styled(document, "PB Cover Title") == ["政策简报"]
    assert any(i.startswith("TOC") for i in instructions(document.element.body))


def test_two_thousand_clauses_are_all_written(tmp_path):
    """A large pack loses nothing (its speed is measured by `python -m benchmarks export`)."""
    items = tuple(
        make_item(
            n,
            text="在政策支持方面，湖里区已构建较为完善的政策扶持体系。" * 4,
            highlights=((2, 6),),
            notes=(BriefNote("批注", meeting="会议", created_at="2025-07-01T10:00:00"),),
            tags=("标签",),
        )
        for n in range(1, 2001)
    )
    brief = Brief(
        "大简报",
        sections=(BriefSection("一部分", items[:1000]), BriefSection("二部分", items[1000:])),
        include_table=True,
    )
    path = write_brief(brief, tmp_path / "big.docx")
    body = "\n".join(p.text for p in open_docx(path).paragraphs)
    assert body.count("在政策支持方面，湖里区已构建较为完善的政策扶持体系。" * 4) == 2000
    document = open_docx(path)
    assert len(styled(document, "Heading 2")) == 2000
    assert len(table_rows(tables_after(document, "要点对照表"))) == 2001
