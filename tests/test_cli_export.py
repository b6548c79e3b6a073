"""`policybrief export` end to end: the file it writes, what it prints, how it fails."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from docx.enum.text import WD_COLOR_INDEX

from db import add_document, document_clauses, list_documents
from db.briefs import add_to_brief, create_brief, get_brief, set_note_override
from db.notes import add_note
from db.tags import tag_clauses
from desktop.cli import main
from exporters.assemble import DELETED_CLAUSE_NOTE
from exporters.docx_writer import CITATION_PREFIX, NOTE_LABEL
from exporters.outline import TABLE_NAME
from importers import import_file
from tests.exporters.reading import open_docx, quotes, styled

REPLY_13 = "厦湖科工函〔2025〕13号"


def clause(lib, fragment: str, path: str):
    doc = next(d for d in list_documents(lib) if fragment == d.doc_number or fragment in d.title)
    return next(c for c in document_clauses(lib, doc.id) if c.path == path)


@pytest.fixture
def work(seeded_library, tmp_path):
    """The seeded library with 算力 on three clauses and a note with a highlighted span."""
    lib = seeded_library
    picks = [
        clause(lib, "元宇宙", "二/（一）/1"),
        clause(lib, REPLY_13, "二/（一）/2"),
        clause(lib, "十四五", "三/（三）"),
    ]
    tag_clauses(lib, [c.id for c in picks], ["算力"])
    start = picks[1].text.index("闽宁双智算中心")
    add_note(lib, picks[1].id, "补贴标准待核实", meeting="专题会", span=(start, start + 7))
    return lib, str(tmp_path / "library.db"), picks


def export(capsys, lib_path: str, *argv: str):
    code = main(["export", *argv, "--library", lib_path, "--json"])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else None, captured.err


def test_export_by_tag_writes_every_clause_with_citation_notes_and_highlight(capsys, tmp_path, work):
    _, lib_path, picks = work
    out = tmp_path / "算力简报.docx"
    code, data, err = export(capsys, lib_path, str(out), "--tag", "算力", "--subtitle", "专题会")
    assert code == 0 and err == ""
    assert data == {"path": str(out.resolve()), "sections": 1, "clauses": 3, "notes": 1}
    document = open_docx(out)
    citations = styled(document, "PB Citation")
    # Newest document first: 13号 (2025-06-16), 元宇宙 (2022-07-06), 十四五 (2022-02).
    # A 文号 or issuer the document does not print is marked 待补 in the citation (issue 15).
    assert [c.split("》")[-1].split("，")[0] for c in citations] == [
        f"（{REPLY_13}）二（一）2",
        "（文号待补）二（一）1",
        "（文号待补）三（三）",
    ]
    assert (
        citations[1]
        == f"{CITATION_PREFIX}《抢抓元宇宙发展机遇，厦门市印发三年行动计划》（文号待补）二（一）1，发文机关待补，2022年7月6日"
    )
    (note,) = styled(document, "PB Note")
    assert note.startswith(NOTE_LABEL) and "补贴标准待核实" in note and "专题会" in note
    marked = [
        r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    assert marked == ["闽宁双智算中心"]
    assert styled(document, "PB Cover Subtitle") == ["专题会"]


def test_no_notes_table_and_cover_options(capsys, tmp_path, work):
    _, lib_path, picks = work
    out = tmp_path / "b.docx"
    code, data, _ = export(
        capsys,
        lib_path,
        str(out),
        "--clause",
        str(picks[2].id),
        str(picks[1].id),
        "--no-notes",
        "--table",
        "--title",
        "算力政策",
        "--prepared-by",
        "综合处",
        "--classification",
        "内部资料",
        "--date",
        "2025-07-08",
    )
    assert code == 0 and data["notes"] == 0 and data["clauses"] == 2
    document = open_docx(out)
    assert styled(document, "PB Note") == []
    assert "补贴标准待核实" not in "\n".join(p.text for p in document.paragraphs)
    assert any(TABLE_NAME in h for h in styled(document, "Heading 1"))
    assert styled(document, "PB Cover Title") == ["算力政策"]
    assert styled(document, "PB Classification") == ["内部资料"]
    assert styled(document, "PB Cover Meta") == ["综合处", "2025年7月8日"]
    assert styled(document, "PB Citation")[0].endswith("三（三），厦门市工业和信息化局，2022年2月")


def test_a_saved_brief_with_an_override_and_an_orphaned_entry(capsys, tmp_path, work, seed):
    lib, lib_path, picks = work
    parsed = import_file(seed("000"))
    dropped = clause(lib, REPLY_13, "三/（三）")
    made = create_brief(lib, "周例会简报", subtitle="第12次周例会")
    add_to_brief(lib, made.id, [picks[1].id, dropped.id])
    set_note_override(lib, get_brief(lib, made.id).sections[0].items[0].id, "统一口径")

    def without(c):
        return replace(c, children=tuple(without(k) for k in c.children if k.path != "三/（三）"))

    add_document(lib, replace(parsed, clauses=tuple(without(c) for c in parsed.clauses), sha256="v2"))

    out = tmp_path / "周例会"  # no suffix: .docx is added
    code, data, err = export(capsys, lib_path, str(out), "--brief", str(made.id))
    assert code == 0 and err == "", err
    assert data["path"].endswith("周例会.docx") and data["clauses"] == 2
    document = open_docx(tmp_path / "周例会.docx")
    notes = styled(document, "PB Note")
    assert notes[0] == NOTE_LABEL + "统一口径"  # the override, not the 专题会 note
    assert notes[1] == NOTE_LABEL + DELETED_CLAUSE_NOTE
    assert dropped.text.splitlines()[-1][-20:] in "\n".join(quotes(document))
    assert styled(document, "PB Cover Subtitle") == ["第12次周例会"]


def test_text_output_names_the_file_and_counts(capsys, tmp_path, work):
    _, lib_path, _ = work
    out = tmp_path / "a.docx"
    assert main(["export", str(out), "--tag", "算力", "--library", lib_path]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"已导出：{out.resolve()}", "1 个部分，3 条条文，1 条批注"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--brief", "999"], "没有编号为 999 的简报"),
        (["--tag", "算力", "不存在"], "没有这些标签：不存在"),
        (["--clause", "999999"], "没有编号为 999999 的条文"),
        ([], "请指定要导出的内容"),
        (["--tag", "算力", "--clause", "1"], "只能选一种"),
    ],
)
def test_bad_selections_exit_1_with_one_line_and_write_nothing(capsys, tmp_path, work, argv, message):
    _, lib_path, _ = work
    out = tmp_path / "out.docx"
    code, data, err = export(capsys, lib_path, str(out), *argv)
    assert code == 1 and data is None
    assert err.count("\n") == 1 and message in err and err.startswith("policybrief: ")
    assert not out.exists()


def test_an_empty_tag_exits_1(capsys, tmp_path, work):
    lib, lib_path, _ = work
    from db.tags import create_tag

    create_tag(lib, "空标签")
    out = tmp_path / "out.docx"
    code, _, err = export(capsys, lib_path, str(out), "--tag", "空标签")
    assert code == 1 and "没有条文" in err.splitlines()[-1] and not out.exists()


def test_a_missing_folder_exits_1_and_leaves_no_file(capsys, tmp_path, work):
    _, lib_path, _ = work
    out = tmp_path / "没有这个文件夹" / "b.docx"
    code, data, err = export(capsys, lib_path, str(out), "--tag", "算力")
    assert code == 1 and data is None
    assert err.count("\n") == 1 and "不存在" in err
    assert not out.parent.exists()
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("library.db")] == []


def test_a_failed_export_leaves_the_old_file_as_it_was(capsys, tmp_path, work):
    _, lib_path, _ = work
    out = tmp_path / "b.docx"
    out.write_bytes(b"old pack")
    code, _, _ = export(capsys, lib_path, str(out), "--tag", "不存在")
    assert code == 1 and out.read_bytes() == b"old pack"
    folder = tmp_path / "folder"
    folder.mkdir()
    code, _, err = export(capsys, lib_path, str(folder), "--tag", "算力")  # a folder, not a file
    assert code == 1 and "文件夹" in err and list(folder.iterdir()) == []
    assert not (tmp_path / "folder.docx").exists()


def test_only_docx_files(capsys, tmp_path, work):
    _, lib_path, _ = work
    code, _, err = export(capsys, lib_path, str(tmp_path / "b.pdf"), "--tag", "算力")
    assert code == 1 and ".docx" in err and not (tmp_path / "b.pdf").exists()


def test_bulletin_editor_note_imprint_and_file_properties(capsys, tmp_path, work):
    """Issue 16.8/16.9: a 简报 with its 报头, a 编者按, a 版记 with 报/发, the unit as author."""
    import datetime as dt
    import zipfile

    lib, lib_path, _ = work
    out = tmp_path / "简报.docx"
    code, data, err = export(
        capsys, lib_path, str(out), "--tag", "算力", "--prepared-by", "区科工局综合科",
        "--bulletin", "科技工作简报", "--bulletin-issue", "第3期", "--editor-note", "本期摘编算力政策。",
        "--imprint", "--report-to", "区政府办公室", "--distribute-to", "各街道", "--date", "2025-07-08",
    )  # fmt: skip
    assert code == 0, err
    document = open_docx(out)
    assert styled(document, "PB Masthead Name") == ["科技工作简报"]
    assert styled(document, "PB Masthead Line") == ["第3期"]
    assert styled(document, "PB Masthead Rule") == ["区科工局综合科\t2025年7月8日"]
    assert styled(document, "PB Editor Note") == ["编者按：本期摘编算力政策。"]
    assert styled(document, "PB Imprint") == ["报：区政府办公室", "发：各街道"]
    assert styled(document, "PB Imprint Last") == ["区科工局综合科\t2025年7月8日印发"]
    assert not styled(document, "PB Cover Title")  # a 简报 has a 报头, not a cover
    props = document.core_properties
    assert props.author == "区科工局综合科" and props.title == "算力相关条文"
    assert props.created.year == dt.date.today().year and props.revision == 1
    with zipfile.ZipFile(out) as z:
        app = z.read("docProps/app.xml").decode()
        core = z.read("docProps/core.xml").decode()
    assert "<Application>PolicyBrief</Application>" in app and "Macintosh" not in app
    assert "python-docx" not in core and "2013" not in core


def test_single_clause_has_no_cover_contents_or_appendix(capsys, tmp_path, work):
    lib, lib_path, picks = work
    out = tmp_path / "一条.docx"
    code, data, err = export(capsys, lib_path, str(out), "--clause", str(picks[1].id), "--single")
    assert code == 0 and data["clauses"] == 1, err
    document = open_docx(out)
    assert not styled(document, "PB Cover Title") and not styled(document, "PB TOC Title")
    assert document.tables == [] and len(document.sections) == 1
    assert styled(document, "PB Body Title") == ["政策条文摘编"]
    assert styled(document, "Heading 2") == ["1．完善数字基础设施，强化技术支撑能力"]
    assert "出处" in styled(document, "PB Citation")[0]
