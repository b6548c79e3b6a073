import json
import sqlite3

import pytest

from desktop.cli import main

GOOD = """关于加快发展数字经济的若干措施

一、总体要求
加快推进数字经济产业园区建设，重点布局人工智能、元宇宙等新兴产业。
二、支持游戏出海
对符合条件的游戏企业出海发行给予奖励。
"""


@pytest.fixture
def lib_path(tmp_path, monkeypatch):
    monkeypatch.delenv("POLICYBRIEF_LIBRARY", raising=False)
    return str(tmp_path / "lib.db")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    return code, json.loads(out) if out.strip() else None, err


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "docs"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    (d / "sub" / "b.md").write_text(GOOD.replace("数字经济", "低空经济"), encoding="utf-8")
    (d / "sub" / "broken.docx").write_bytes(b"this is not a zip file")
    (d / "notes.xyz").write_text("ignored: unsupported suffix inside a folder", encoding="utf-8")
    return d


def test_import_folder_with_a_broken_file(capsys, lib_path, folder):
    code, data, err = run_json(capsys, "import", str(folder), "--library", lib_path)
    assert code == 1
    by_name = {r["path"].rsplit("/", 1)[-1]: r for r in data}
    assert set(by_name) == {"a.txt", "b.md", "broken.docx"}
    assert by_name["broken.docx"]["status"] == "error" and by_name["broken.docx"]["error"]
    assert by_name["a.txt"]["status"] == "imported" and by_name["a.txt"]["clauses"] > 0
    assert set(by_name["a.txt"]) == {"path", "status", "document_id", "clauses", "error"}
    code, docs, _ = run_json(capsys, "docs", "--library", lib_path)
    assert code == 0 and len(docs) == 2
    assert set(docs[0]) == {"id", "title", "doc_number", "issuer", "issued_date", "source", "clauses"}
    code, again, _ = run_json(capsys, "import", str(folder / "a.txt"), "--library", lib_path)
    assert code == 0 and again[0]["status"] == "duplicate"


def test_search_show_remove(capsys, lib_path, folder):
    run(capsys, "import", str(folder / "a.txt"), "--library", lib_path)
    code, hits, _ = run_json(capsys, "search", "元宇宙", "--library", lib_path)
    assert code == 0 and len(hits) == 1
    hit = hits[0]
    assert set(hit) == {
        "clause_id",
        "document_id",
        "title",
        "doc_number",
        "path",
        "snippet",
        "spans",
        "score",
    }
    s, e = hit["spans"][0]
    assert hit["snippet"][s:e] == "元宇宙"
    code, out, _ = run(capsys, "search", "元宇宙", "--library", lib_path)
    assert "【元宇宙】" in out
    code, shown, _ = run_json(capsys, "show", str(hit["document_id"]), "--library", lib_path)
    assert shown["document"]["id"] == hit["document_id"]
    assert any(c["id"] == hit["clause_id"] for c in shown["clauses"])
    assert set(shown["clauses"][0]) == {"id", "parent_id", "label", "path", "level", "heading", "text"}
    code, _, _ = run(capsys, "remove", str(hit["document_id"]), "--library", lib_path)
    assert code == 0
    code, hits, _ = run_json(capsys, "search", "元宇宙", "--library", lib_path)
    assert hits == []


def test_search_filters_and_malformed_queries(capsys, lib_path, folder):
    run(capsys, "import", str(folder), "--library", lib_path)
    code, hits, _ = run_json(capsys, "search", "经济", "--doc", "1", "--library", lib_path)
    assert code == 0 and {h["document_id"] for h in hits} == {1}
    code, hits, _ = run_json(capsys, "search", "经济", "--since", "2999", "--library", lib_path)
    assert hits == []
    for query in ['"', "(", "NEAR(", "AND", "-", "*", "x" * 10000]:
        code, hits, err = run_json(capsys, "search", query, "--library", lib_path)
        assert code == 0 and isinstance(hits, list) and not err


def test_search_by_tag_and_note(capsys, lib_path, folder):
    run(capsys, "import", str(folder), "--library", lib_path)
    code, hits, _ = run_json(capsys, "search", "经济", "--library", lib_path)
    assert code == 0 and len(hits) >= 2
    tagged, noted = hits[0]["clause_id"], hits[1]["clause_id"]
    assert run(capsys, "tag", str(tagged), "重点", "--library", lib_path)[0] == 0
    assert run(capsys, "note", str(noted), "会上讨论", "--library", lib_path)[0] == 0
    code, hits, _ = run_json(capsys, "search", "经济", "--tag", " 重点 ", "--library", lib_path)
    assert code == 0 and [h["clause_id"] for h in hits] == [tagged]
    code, hits, err = run_json(capsys, "search", "经济", "--tag", "没有的标签", "--library", lib_path)
    assert code == 0 and hits == [] and not err
    code, hits, _ = run_json(capsys, "search", "经济", "--has-note", "--library", lib_path)
    assert code == 0 and [h["clause_id"] for h in hits] == [noted]
    code, hits, _ = run_json(capsys, "search", "经济", "--has-note", "--tag", "重点", "--library", lib_path)
    assert hits == []
    code, out, _ = run(capsys, "search", "经济", "--tag", "重点", "--library", lib_path)
    assert code == 0 and out.startswith("共 1 条")


@pytest.mark.parametrize("cmd", ["show", "remove"])
def test_unknown_document_id(capsys, lib_path, cmd):
    code, out, err = run(capsys, cmd, "999", "--library", lib_path)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "999" in err


def test_not_a_library_file(capsys, tmp_path):
    path = tmp_path / "x.db"
    path.write_text("not sqlite", encoding="utf-8")
    code, _, err = run(capsys, "docs", "--library", str(path))
    assert code == 1 and "不是" in err and "Traceback" not in err
    assert path.read_text(encoding="utf-8") == "not sqlite"


def test_newer_schema_file(capsys, lib_path):
    run(capsys, "docs", "--library", lib_path)
    con = sqlite3.connect(lib_path)
    con.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('policybrief', 'm999', 'x')"
    )
    con.commit()
    con.close()
    code, _, err = run(capsys, "docs", "--library", lib_path)
    assert code == 1 and "更新版本" in err


def test_library_from_environment(capsys, tmp_path, monkeypatch, folder):
    monkeypatch.setenv("POLICYBRIEF_LIBRARY", str(tmp_path / "env.db"))
    run(capsys, "import", str(folder / "a.txt"))
    assert (tmp_path / "env.db").exists()
    code, docs, _ = run_json(capsys, "docs")
    assert len(docs) == 1


def test_import_missing_file(capsys, lib_path, tmp_path):
    code, data, _ = run_json(capsys, "import", str(tmp_path / "nope.txt"), "--library", lib_path)
    assert code == 1 and data[0]["status"] == "error"


def test_import_progress_callback(tmp_path, folder):
    from db import open_library
    from desktop.import_service import import_paths

    seen = []
    with open_library(tmp_path / "p.db") as lib:
        results = import_paths(
            lib, [folder], on_progress=lambda done, total, r: seen.append((done, total, r.status))
        )
    assert [s[:2] for s in seen] == [(1, 3), (2, 3), (3, 3)]
    assert len(results) == 3


def test_default_paths_are_per_user():
    from desktop import paths

    assert paths.default_library_path().name == "library.db"
    assert "PolicyBrief" in str(paths.jieba_cache_dir())


def test_an_old_library_is_upgraded_and_the_command_says_so(capsys, tmp_path):
    from tests.db.helpers import make_library_before_m004

    path = tmp_path / "old.db"
    make_library_before_m004(path, ["推进算力基础设施建设。", "完善人才政策。"])
    code, hits, err = run_json(capsys, "search", "算力", "--library", str(path))
    assert code == 0 and [h["clause_id"] for h in hits] == [1]
    assert "正在升级资料库" in err and "备份" in err
    code, _, err = run_json(capsys, "search", "人才", "--library", str(path))
    assert code == 0 and err == ""  # upgraded once
