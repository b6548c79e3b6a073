"""A full disk (issue 14, item 8): `import`, `import-notes` and `backup` give the one-line
message, leave no `.part` file, and an automatic backup that would not fit is skipped with a
warning instead of failing the import it protects. Real small tmpfs mounts (root only)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

import db.backup
from db import open_library
from db.backup import auto_backup, backup_folder
from db.notes import list_notes
from tests.robustness.conftest import DEMO, make_small_library, mounted
from tests.robustness.crafted import many_notes, notes_file
from tests.robustness.isolated import run_cli


def _fill(folder: Path, leave: int) -> Path:
    filler = folder / "filler.bin"
    free = shutil.disk_usage(folder).free
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(0, free - leave))
    return filler


def _leftovers(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*") if ".part" in p.name]


def _notes(path: Path) -> tuple[str, list[str]]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0], [
            r[0] for r in conn.execute("SELECT text FROM notes ORDER BY id")
        ]
    finally:
        conn.close()


def _no_traceback(outcome) -> None:
    assert outcome.returncode is not None, "no answer within the time limit"
    assert "Traceback" not in outcome.stderr, outcome.stderr
    for line in outcome.error_lines:
        assert line.startswith("policybrief: "), outcome.stderr


def test_import_skips_an_automatic_backup_that_would_not_fit_and_still_imports(tmp_path):
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=6m", "tmpfs") as disk:
        path = make_small_library(disk / "library.db")
        for _ in range(6):  # six imports once filled this disk with full copies
            outcome = run_cli("import", str(DEMO), "--json", "--library", str(path))
            _no_traceback(outcome)
            assert outcome.returncode == 0, outcome.stderr
            (warning,) = outcome.error_lines
            assert "注意：磁盘剩余空间不足" in warning and "没有自动备份" in warning
        assert not list(backup_folder_of(path).glob("*.db"))
        assert not _leftovers(disk)
        check, notes = _notes(path)
        assert check == "ok" and notes == ["第一条批注：会前已保存"]


def backup_folder_of(path: Path) -> Path:
    return path.parent / "backups"


def test_import_to_a_full_disk_reports_each_file_in_one_line(tmp_path):
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=4m", "tmpfs") as disk:
        path = make_small_library(disk / "library.db")
        _fill(disk, leave=64 * 1024)
        outcome = run_cli("import", str(DEMO), "--library", str(path))
        _no_traceback(outcome)
        assert outcome.returncode == 1
        assert any("磁盘空间已满" in line for line in outcome.error_lines + outcome.stdout.splitlines()), (
            outcome.stdout,
            outcome.stderr,
        )
        assert not _leftovers(disk)
        check, notes = _notes(path)
        assert check == "ok" and notes == ["第一条批注：会前已保存"]


def test_import_notes_to_a_full_disk_gives_one_line_and_changes_nothing(tmp_path):
    with open_library(make_small_library(tmp_path / "source.db")) as lib:
        from db import document_clauses, list_documents

        doc = list_documents(lib)[0]
        clause = document_clauses(lib, doc.id)[1]
    anchor = {"sha256": doc.sha256, "doc_number": doc.doc_number, "title": doc.title}
    crafted = notes_file(
        tmp_path / "notes.json", many_notes(5000, {**anchor, "path": clause.path, "text": clause.text})
    )
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=4m", "tmpfs") as disk:
        path = make_small_library(disk / "library.db")
        _fill(disk, leave=96 * 1024)
        outcome = run_cli("import-notes", str(crafted), "--library", str(path))
        _no_traceback(outcome)
        assert outcome.returncode == 1
        assert "磁盘空间已满" in outcome.error_lines[-1], outcome.stderr
        assert not _leftovers(disk)
        check, notes = _notes(path)
        assert check == "ok" and notes == ["第一条批注：会前已保存"]


@pytest.mark.parametrize("where", ["backups folder", "given file"])
def test_backup_to_a_full_disk_gives_one_line_and_leaves_no_part_file(tmp_path, where):
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=4m", "tmpfs") as disk:
        path = make_small_library(disk / "library.db")
        _fill(disk, leave=64 * 1024)
        dest = [] if where == "backups folder" else [str(disk / "copy.db")]
        outcome = run_cli("backup", *dest, "--library", str(path))
        _no_traceback(outcome)
        assert outcome.returncode == 1
        (line,) = outcome.error_lines
        assert "磁盘空间已满" in line and "资料库没有受影响" in line, line
        assert not _leftovers(disk) and not (disk / "copy.db").exists()
        check, notes = _notes(path)
        assert check == "ok" and notes == ["第一条批注：会前已保存"]


def test_an_automatic_backup_that_runs_out_of_room_halfway_is_a_warning(tmp_path, monkeypatch):
    """The free-space check passed (another program then took the space): the copy fails on a
    full disk; the import it precedes goes on, with a warning and no partial file."""
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=4m", "tmpfs") as disk:
        path = make_small_library(disk / "library.db")
        monkeypatch.setattr(db.backup, "room_for_backup", lambda lib: (True, 0, 0))
        warnings: list[str] = []
        with open_library(path) as lib:
            backup_folder(lib).mkdir(exist_ok=True)
            _fill(disk, leave=64 * 1024)
            assert auto_backup(lib, "import", warn=warnings.append) is None
            assert len(list_notes(lib)) == 1
        (warning,) = warnings
        assert "这次没有自动备份" in warning and "磁盘空间已满" in warning, warning
        assert not _leftovers(disk)


def test_the_cli_says_so_when_the_library_is_a_folder(tmp_path):
    folder = tmp_path / "资料"
    folder.mkdir()
    (folder / "keep.txt").write_text("不动", encoding="utf-8")
    good = make_small_library(tmp_path / "library.db")
    for args in (["docs"], ["note", "1", "x"], ["import", str(DEMO)], ["backup"], ["import-notes", "x.json"]):
        outcome = run_cli(*args, "--library", str(folder))
        _no_traceback(outcome)
        assert outcome.returncode == 1
        (line,) = outcome.error_lines
        assert "是一个文件夹，不是资料库文件" in line and str(folder / "library.db") in line, line
    outcome = run_cli("restore", str(good), "--library", str(folder))
    _no_traceback(outcome)
    assert outcome.returncode == 1 and "是一个文件夹" in outcome.error_lines[0]
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]
    assert json.loads(run_cli("docs", "--json", "--library", str(good)).stdout)
