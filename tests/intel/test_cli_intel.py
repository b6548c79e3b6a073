"""The intelligence commands: JSON shapes, text output, --docx, and one-line errors."""

import json

import docx
import pytest

from db.backup import backup_library
from desktop.cli import main
from tests.intel.helpers import clause_id, doc_id

TALENT = "深入贯彻落实厦门市“群鹭兴厦”“双百计划”等重大人才工程"


@pytest.fixture
def lib_path(seeded_library, tmp_path):
    """A copy of the seeded library the CLI opens by path (the fixture keeps its own connection).
    Made with SQLite's backup API: a file copy of an open library would drop its locks."""
    return str(backup_library(seeded_library, tmp_path / "cli.db"))


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_similar(capsys, lib_path, seeded_library):
    mine = clause_id(seeded_library, "000", TALENT)
    data = run_json(capsys, "similar", mine, "--library", lib_path)
    top = data[0]
    assert set(top) == {"clause_id", "document_id", "title", "doc_number", "path", "score", "text", "diff"}
    assert top["clause_id"] == clause_id(seeded_library, "002", TALENT) and top["score"] >= 0.6
    assert set(top["diff"]) == {"a_spans", "b_spans"} and all(len(s) == 2 for s in top["diff"]["b_spans"])
    code, out, _ = run(capsys, "similar", mine, "--library", lib_path)
    assert code == 0 and "【" in out and "厦湖科工函〔2025〕11号" in out


def test_repeats(capsys, lib_path, seeded_library):
    data = run_json(
        capsys, "repeats", "--doc", doc_id(seeded_library, "000"), "--doc", doc_id(seeded_library, "002"),
        "--library", lib_path,
    )  # fmt: skip
    assert data and set(data[0]) == {"a", "b", "score", "diff"}
    assert set(data[0]["a"]) == {"clause_id", "document_id", "title", "path"}


def test_targets_json_and_docx(capsys, lib_path, seeded_library, tmp_path):
    out = tmp_path / "目标"
    data = run_json(capsys, "targets", "--year", 2025, "--docx", out, "--library", lib_path)
    assert set(data) == {"targets", "docx"} and data["docx"].endswith("目标.docx")
    row = next(t for t in data["targets"] if t["number"] == 2000)
    assert (row["unit"], row["year"], row["kind"], row["deadline"]) == ("亿元", 2025, "goal", "到2025年")
    assert row["document_id"] == doc_id(seeded_library, "004")
    document = docx.Document(data["docx"])
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "年份",
        "目标表述",
        "数值",
        "类别",
        "出处",
        "条款",
    ]
    # Issue 16.9: each target once, and the clause's place in a column of its own, never "（一" / "）4".
    distinct = {
        (t["title"], t["path"], t["text"], t["number"], t["unit"], t["year"]) for t in data["targets"]
    }
    assert len(table.rows) == 1 + len(distinct)
    cells = [tuple(c.text for c in row.cells[1:]) for row in table.rows[1:]]
    assert len(cells) == len(set(cells))
    assert all("/" not in row.cells[6].text for row in table.rows)
    assert any(row.cells[3].text == "2000亿元" for row in table.rows)
    assert document.paragraphs[0].text == "量化目标一览"


def test_targets_without_docx_has_null_docx(capsys, lib_path):
    data = run_json(capsys, "targets", "--library", lib_path)
    assert data["docx"] is None and data["targets"]


def test_cites(capsys, lib_path, seeded_library):
    data = run_json(capsys, "cites", "--doc", doc_id(seeded_library, "000"), "--library", lib_path)
    assert set(data[0]) == {"title", "in_library", "document_id", "clause_ids"}
    assert "湖里区支持企业培育研发创新能力的若干措施" in [c["title"] for c in data]
    code, out, _ = run(
        capsys, "cites", clause_id(seeded_library, "000", "湖里区支持企业培育"), "--library", lib_path
    )
    assert code == 0 and "未收录  《湖里区支持企业培育研发创新能力的若干措施》" in out


def test_suggest_tags(capsys, lib_path, seeded_library):
    data = run_json(capsys, "suggest-tags", clause_id(seeded_library, "000", TALENT), "--library", lib_path)
    assert data and set(data[0]) == {"name", "score", "source"}
    assert {d["source"] for d in data} <= {"existing", "keyword"}


def test_compare_ids_and_files(capsys, lib_path, seeded_library, seed, tmp_path):
    a, b = doc_id(seeded_library, "000"), doc_id(seeded_library, "002")
    data = run_json(capsys, "compare", a, b, "--changed-only", "--library", lib_path)
    assert set(data) == {"old_title", "new_title", "counts", "rows", "docx"}
    assert all(r["status"] != "same" for r in data["rows"])
    same = run_json(
        capsys, "compare", seed("002"), seed("002"), "--docx", tmp_path / "c.docx", "--library", lib_path
    )
    assert same["counts"]["changed"] == same["counts"]["added"] == same["counts"]["removed"] == 0
    assert (tmp_path / "c.docx").is_file()


@pytest.mark.parametrize(
    "argv",
    [
        ["similar", "999999"],
        ["suggest-tags", "999999"],
        ["cites", "999999"],
        ["cites"],
        ["cites", "--doc", "999"],
        ["repeats", "--doc", "999"],
        ["targets", "--doc", "999"],
        ["compare", "1", "999"],
        ["compare", "1", "no-such-file.txt"],
        ["targets", "--docx", "out.pdf"],
    ],
)
def test_bad_input_is_one_line_on_stderr(capsys, lib_path, argv):
    code, out, err = run(capsys, *argv, "--library", lib_path)
    assert code == 1 and out == ""
    assert err.startswith("policybrief: ") and err.count("\n") == 1
