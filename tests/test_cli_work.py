"""The work commands end to end through the CLI, as a script would use them."""

import json

import pytest

from desktop.cli import main


@pytest.fixture
def lib_path(tmp_path, seeds_dir, capsys):
    path = tmp_path / "lib.db"
    assert main(["import", str(seeds_dir), "--library", str(path), "--json"]) == 0
    capsys.readouterr()
    return str(path)


def run(capsys, *argv):
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


def first_clause(capsys, lib_path):
    _, docs = run(capsys, "docs", "--library", lib_path)
    _, shown = run(capsys, "show", str(docs[0]["id"]), "--library", lib_path)
    return shown["clauses"][1]["id"]


def test_tag_note_brief_undo_round_trip(capsys, lib_path):
    cid = first_clause(capsys, lib_path)
    code, data = run(capsys, "tag", str(cid), "人才", "🚀重点", "--library", lib_path)
    assert code == 0 and [t["name"] for t in data["tags"]] == ["人才", "🚀重点"]
    _, tags = run(capsys, "tags", "--library", lib_path)
    assert {t["name"]: t["clauses"] for t in tags} == {"人才": 1, "🚀重点": 1}
    _, note = run(capsys, "note", str(cid), "会上要点", "--meeting", "周例会", "--library", lib_path)
    assert note["meeting"] == "周例会"
    _, notes = run(capsys, "notes", "--meeting", "周例会", "--library", lib_path)
    assert [n["text"] for n in notes] == ["会上要点"]
    _, brief = run(capsys, "brief", "new", "人才简报", "--from-tags", "人才", "--library", lib_path)
    assert brief["sections"][0]["items"][0]["clause_id"] == cid
    _, added = run(
        capsys, "brief", "add", str(brief["id"]), str(cid + 1), "--section", "补充", "--library", lib_path
    )
    assert [s["title"] for s in added["sections"]] == ["人才", "补充"]
    _, briefs = run(capsys, "briefs", "--library", lib_path)
    assert len(briefs) == 1
    _, undone = run(capsys, "undo", "--library", lib_path)
    assert undone == {"undone": "加入简报"}
    _, untagged = run(capsys, "untag", str(cid), "人才", "--library", lib_path)
    assert untagged["removed"] == 1
    _, orphans = run(capsys, "orphans", "--library", lib_path)
    assert orphans == []


def test_backup_restore_and_notes_transfer(capsys, lib_path, tmp_path):
    cid = first_clause(capsys, lib_path)
    run(capsys, "note", str(cid), "要保留的批注", "--library", lib_path)
    code, made = run(capsys, "backup", str(tmp_path / "b.db"), "--library", lib_path)
    assert code == 0
    code, counts = run(capsys, "export-notes", str(tmp_path / "n.json"), "--library", lib_path)
    assert counts["notes"] == 1
    code, _ = run(capsys, "restore", made["backup"], "--library", lib_path)
    assert code == 0
    code, again = run(capsys, "import-notes", str(tmp_path / "n.json"), "--library", lib_path)
    assert again["notes"] == 0  # already there: nothing duplicated


def test_errors_are_one_line_and_exit_1(capsys, lib_path, tmp_path):
    assert main(["tag", "99999999", "人才", "--library", lib_path]) == 1
    assert main(["restore", str(tmp_path / "missing.db"), "--library", lib_path]) == 1
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"junk")
    assert main(["restore", str(junk), "--library", lib_path]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 3 and "Traceback" not in err
