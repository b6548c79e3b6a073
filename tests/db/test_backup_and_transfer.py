"""Backups, restore, and moving notes between libraries."""

import json
import sqlite3

import pytest

from db import add_document, document_clauses, list_documents, open_library
from db.backup import auto_backup, backup_folder, backup_library, restore_library
from db.briefs import brief_from_tags, list_briefs
from db.errors import LibraryError, NotALibraryError
from db.notes import add_note, list_notes
from db.orphans import list_orphans
from db.tags import list_tags, tag_clauses
from db.transfer import export_notes, import_notes
from importers import import_file


def test_backup_is_a_working_library(seeded_library, tmp_path):
    target = backup_library(seeded_library, tmp_path / "copy.db")
    with open_library(target) as copy:
        assert len(list_documents(copy)) == 5
        assert copy.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_automatic_backups_are_daily_and_rotate(seeded_library):
    assert auto_backup(seeded_library) is not None
    assert auto_backup(seeded_library) is None  # once a day
    for _ in range(9):
        auto_backup(seeded_library, "bulk-import")
    assert len(list(backup_folder(seeded_library).glob("*.auto.db"))) == 7


def test_restore_replaces_the_library_and_keeps_a_safety_copy(seeded_library, tmp_path):
    doc = list_documents(seeded_library)[0]
    clause = document_clauses(seeded_library, doc.id)[1]
    add_note(seeded_library, clause.id, "备份前的批注")
    saved = backup_library(seeded_library, tmp_path / "saved.db")
    add_note(seeded_library, clause.id, "备份后的批注")
    path = seeded_library.path
    seeded_library.close()
    safety = restore_library(saved, path)
    with open_library(path) as lib:
        assert [n.text for n in list_notes(lib)] == ["备份前的批注"]
    with open_library(safety) as old:
        assert len(list_notes(old)) == 2


@pytest.mark.parametrize("content", [b"", b"not a database at all", None])
def test_restore_refuses_what_is_not_a_library(seeded_library, tmp_path, content):
    bad = tmp_path / "bad.db"
    if content is None:
        sqlite3.connect(bad).execute("CREATE TABLE t(x)").connection.commit()
    else:
        bad.write_bytes(content)
    path = seeded_library.path
    seeded_library.close()
    before = path.read_bytes()
    with pytest.raises((NotALibraryError, LibraryError)):
        restore_library(bad, path)
    assert path.read_bytes() == before


def make_work(lib):
    doc = next(d for d in list_documents(lib) if d.doc_number == "厦湖科工函〔2025〕13号")
    clauses = document_clauses(lib, doc.id)
    tag_clauses(lib, [c.id for c in clauses[1:4]], ["游戏出海"])
    add_note(lib, clauses[2].id, "会上强调", meeting="例会", span=(0, 2))
    brief_from_tags(lib, "游戏产业简报", ["游戏出海"])


def test_notes_move_to_another_library_once(seeded_library, tmp_path, seed):
    make_work(seeded_library)
    out = tmp_path / "notes.json"
    counts = export_notes(seeded_library, out)
    assert counts == {"tags": 1, "clause_tags": 3, "notes": 1, "briefs": 1}
    assert (
        json.loads(out.read_text(encoding="utf-8"))["notes"][0]["anchor"]["doc_number"]
        == "厦湖科工函〔2025〕13号"
    )

    with open_library(tmp_path / "other.db") as other:
        add_document(other, import_file(seed("000")))
        first = import_notes(other, out)
        second = import_notes(other, out)
        assert (
            first["notes"] == 1
            and first["clause_tags"] == 3
            and first["briefs"] == 1
            and first["orphans"] == 0
        )
        assert second == {"tags": 0, "clause_tags": 0, "notes": 0, "briefs": 0, "orphans": 0}
        assert [(t.name, t.clause_count) for t in list_tags(other)] == [("游戏出海", 3)]
        (note,) = list_notes(other)
        assert (note.text, note.meeting, note.span) == ("会上强调", "例会", (0, 2))
        assert len(list_briefs(other)) == 1


def test_notes_for_documents_not_in_the_library_become_orphans(seeded_library, tmp_path):
    make_work(seeded_library)
    out = tmp_path / "notes.json"
    export_notes(seeded_library, out)
    with open_library(tmp_path / "empty.db") as empty:
        result = import_notes(empty, out)
        assert result["orphans"] >= 1
        assert any(o.detail == "会上强调" for o in list_orphans(empty))


def test_import_refuses_a_foreign_file(library, tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(LibraryError):
        import_notes(library, bad)
    bad.write_bytes(b"\xff\xfe garbage")
    with pytest.raises(LibraryError):
        import_notes(library, bad)


def test_a_backup_onto_the_open_library_itself_is_refused_without_a_part_file(seeded_library):
    """It used to copy into library.db.part, then fail to rename it over the open file (the file
    guard refuses) and leave the .part behind."""
    with pytest.raises(LibraryError, match="正在使用的资料库本身"):
        backup_library(seeded_library, seeded_library.path)
    assert not list(seeded_library.path.parent.glob("*.part"))
    assert list_documents(seeded_library)
