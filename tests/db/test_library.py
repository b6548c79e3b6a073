import sqlite3

import pytest

from db import NotALibraryError, SchemaTooNewError, add_document, list_documents, open_library, search
from db.migrations import MIGRATIONS
from tests.db.helpers import sample

INDEX_MIGRATION = "m002_clause_search_index"


def test_new_library_has_schema_and_pragmas(tmp_path):
    path = tmp_path / "lib.db"
    with open_library(path) as lib:
        assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert lib.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        tables = set(lib.db.table_names())
        assert {"documents", "clauses", "clause_fts", "_sqlite_migrations"} <= tables
    with open_library(path) as lib:  # reopening applies nothing and keeps data
        assert list_documents(lib) == []


def test_reopen_keeps_documents(tmp_path):
    path = tmp_path / "lib.db"
    with open_library(path) as lib:
        add_document(lib, sample())
    with open_library(path) as lib:
        assert len(list_documents(lib)) == 1
        assert search(lib, "元宇宙").total == 1


def test_not_sqlite_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"hello, this is not a database" * 10)
    before = path.read_bytes()
    with pytest.raises(NotALibraryError):
        open_library(path)
    assert path.read_bytes() == before


def test_other_sqlite_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE things(x)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NotALibraryError, match="不是 PolicyBrief 资料库"):
        open_library(path)
    assert path.read_bytes() == before


def test_truncated_sqlite_header_is_refused(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 50)
    with pytest.raises(NotALibraryError):
        open_library(path)


def test_empty_file_becomes_a_library(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with open_library(path) as lib:
        assert list_documents(lib) == []


def test_newer_schema_is_refused_and_file_unchanged(tmp_path):
    path = tmp_path / "lib.db"
    with open_library(path) as lib:
        add_document(lib, sample())
        lib.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('policybrief', 'm999_future', 'x')"
        )
        lib.conn.commit()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="m999_future"):
        open_library(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.before-*"))


def test_pending_migration_backs_up_first(tmp_path):
    from sqlite_utils import Database

    path = tmp_path / "lib.db"
    db = Database(path)
    MIGRATIONS.apply(db, stop_before=INDEX_MIGRATION)
    db["documents"].insert(
        {"title": "旧文件", "sha256": "abc", "imported_at": "2024", "updated_at": "2024"}, alter=False
    )
    db["clauses"].insert({"document_id": 1, "position": 0, "text": "旧条款里的数字经济"})
    db.close()
    with open_library(path) as lib:
        assert search(lib, "数字经济").total == 1  # the index migration indexed existing clauses
    backups = list(tmp_path.glob(f"lib.before-{INDEX_MIGRATION}.*.db"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT title FROM documents").fetchall() == [("旧文件",)]
    assert "clause_fts" not in {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    con.close()


def test_new_library_makes_no_backup(tmp_path):
    open_library(tmp_path / "lib.db").close()
    assert [p.name for p in tmp_path.iterdir() if "before" in p.name] == []
