"""Crafted libraries (issue 14, item 1): a file with planted SQL is refused, unchanged.

Each crafted library is a real one changed with plain sqlite3 (tests/robustness/crafted.py).
The CLI runs in a child capped at 500 MB of address space and 10 s: the planted trigger that
loops forever must not get the chance to run, so the refusal comes at once.
"""

from __future__ import annotations

import pytest

from db import document_clauses, list_documents, open_library
from db.errors import UntrustedLibraryError
from db.notes import list_notes
from tests.robustness.conftest import make_small_library
from tests.robustness.crafted import PLANTS, digest, plant
from tests.robustness.isolated import run_cli


def _clause_id(path) -> int:
    with open_library(path) as lib:
        return document_clauses(lib, list_documents(lib)[0].id)[1].id


def _files(folder) -> set[str]:
    """Files under `folder`, less the -shm index and an empty -wal that any SQLite reader may
    leave (a read-only connection cannot remove them)."""
    return {
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if not p.name.endswith("-shm") and not (p.name.endswith("-wal") and p.stat().st_size == 0)
    }


def _assert_refused(outcome, *words: str) -> None:
    assert outcome.returncode == 1, (outcome.returncode, outcome.stdout, outcome.stderr)
    assert "Traceback" not in outcome.stderr
    (line,) = outcome.error_lines
    assert line.startswith("policybrief: ") and all(w in line for w in words), line


@pytest.mark.parametrize("attack", sorted(PLANTS))
def test_a_library_with_planted_sql_is_refused_and_left_unchanged(tmp_path, attack):
    path = make_small_library(tmp_path / "library.db")
    clause = _clause_id(path)
    plant(path, PLANTS[attack])
    before, files = digest(path), _files(tmp_path)
    for args in (
        ["note", str(clause), "同意：不得超过2025年目标"],
        ["import", "resources/demo"],
        ["remove", "1"],
        ["notes"],
    ):
        outcome = run_cli(*args, "--library", str(path))
        _assert_refused(outcome, "内部结构", "没有打开")
    assert digest(path) == before
    assert _files(tmp_path) == files, "nothing may be written beside it either"


@pytest.mark.parametrize("attack", sorted(PLANTS))
def test_restore_refuses_a_backup_with_planted_sql(tmp_path, attack):
    good = make_small_library(tmp_path / "library.db")
    (tmp_path / "shared").mkdir()
    crafted = plant(make_small_library(tmp_path / "shared" / "backup.db"), PLANTS[attack])
    before, crafted_before = digest(good), digest(crafted)
    outcome = run_cli("restore", str(crafted), "--library", str(good))
    _assert_refused(outcome, "内部结构")
    assert digest(good) == before and digest(crafted) == crafted_before
    with open_library(good) as lib:
        assert [n.text for n in list_notes(lib)] == ["第一条批注：会前已保存"]


def test_an_older_library_is_compared_with_the_schema_of_its_own_migration_level(tmp_path):
    """A library of the level before m005 upgrades as before; the same with a trigger is refused."""
    from tests.db.helpers import make_library_before_m004

    clean, crafted = tmp_path / "old.db", tmp_path / "old-crafted.db"
    for path in (clean, crafted):
        make_library_before_m004(path, ["不得超过2025年的目标。", "推进数字经济产业园区建设。"])
    plant(crafted, PLANTS["trigger_deletes_notes"])
    before = digest(crafted)
    with pytest.raises(UntrustedLibraryError) as caught:
        open_library(crafted)
    assert "触发器“tidy_notes”" in str(caught.value)
    assert digest(crafted) == before
    with open_library(clean) as lib:  # upgraded: m004 and m005 applied
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [d.title for d in list_documents(lib)] == ["旧资料库里的文件"]


def test_a_library_whose_only_content_is_a_view_is_not_made_into_a_library(tmp_path):
    """No tables but a view: not an empty file to initialise (the migration would trip on it)."""
    import sqlite3

    path = tmp_path / "view.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIEW notes AS SELECT 1 AS id")
    conn.close()
    before = digest(path)
    outcome = run_cli("notes", "--library", str(path))
    _assert_refused(outcome, "不是 PolicyBrief 资料库")
    assert digest(path) == before
