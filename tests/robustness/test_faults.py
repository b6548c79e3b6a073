"""Storage faults: a locked library, a read-only library, a full disk.

Each must give a LibraryError whose message tells the officer what happened and what to do
(never a raw sqlite3 error), leave the file uncorrupted, and lose no note that was saved.
Real faults, not mocks: another process holding `BEGIN EXCLUSIVE`, a read-only bind mount, an
immutable file (chattr +i: chmod does not stop root), a 2 MB tmpfs. Mount-based tests need
root and skip with the reason otherwise.
"""

from __future__ import annotations

import gc
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import db.library
from db import LibraryError, document_clauses, list_documents, open_library
from db.briefs import create_brief
from db.notes import add_note, list_notes
from db.tags import tag_clauses
from exporters.brief import Brief, BriefItem, BriefSection, SourceDoc
from exporters.docx_writer import write_brief
from exporters.errors import ExportError
from tests.robustness.conftest import make_small_library, mounted
from tests.robustness.isolated import REPO
from tests.robustness.locks import exclusive_lock


def _state(path: Path) -> tuple[str, dict[int, str]]:
    with open_library(path) as lib:
        check = lib.conn.execute("PRAGMA integrity_check").fetchone()[0]
        return check, {n.id: n.text for n in list_notes(lib)}


def _first_clause(lib) -> int:
    return document_clauses(lib, list_documents(lib)[0].id)[1].id


def _assert_clear(exc: BaseException, *words: str) -> None:
    assert isinstance(exc, LibraryError), f"raw {type(exc).__name__}: {exc}"
    assert not isinstance(exc, sqlite3.Error), "the sqlite3 error must not leak through"
    assert any(w in str(exc) for w in words), str(exc)


# --- locked ---------------------------------------------------------------------------------------


def test_a_locked_library_refuses_writes_clearly_and_loses_nothing(small_library, monkeypatch):
    monkeypatch.setattr(db.library, "BUSY_TIMEOUT_MS", 200)  # the app waits 5 s; the test need not
    _, before = _state(small_library)
    with exclusive_lock(small_library):
        # Opening still works: in WAL mode readers are never blocked by a writer.
        with open_library(small_library) as lib:
            clause = _first_clause(lib)
            assert list_notes(lib)  # reading works while locked
            for write in (
                lambda: add_note(lib, clause, "锁定期间的批注"),
                lambda: tag_clauses(lib, [clause], ["锁定"]),
                lambda: create_brief(lib, "锁定期间的简报"),
            ):
                with pytest.raises(Exception) as caught:
                    write()
                _assert_clear(caught.value, "占用")
        check, during = _state(small_library)
        assert check == "ok" and during == before  # the holder's uncommitted change is invisible
    with open_library(small_library) as lib:
        saved = add_note(lib, _first_clause(lib), "解锁后的批注")
    check, after = _state(small_library)
    assert check == "ok"
    assert after == {**before, saved.id: "解锁后的批注"}


@pytest.mark.slow
def test_the_cli_reports_a_locked_library_in_one_line(small_library):
    """~5 s: the CLI waits its full busy timeout before giving up."""
    with open_library(small_library) as lib:
        clause = _first_clause(lib)
    with exclusive_lock(small_library):
        proc = _cli("note", str(clause), "命令行批注", "--library", str(small_library))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("policybrief: ") and "占用" in lines[0], proc.stderr


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


# --- read-only ------------------------------------------------------------------------------------


def test_a_library_on_a_read_only_mount_gives_a_clear_error(tmp_path):
    source = tmp_path / "rw"
    source.mkdir()
    make_small_library(source / "library.db")
    _, before = _state(source / "library.db")
    with mounted(tmp_path / "ro", "-o", "bind,ro", str(source)) as ro:
        try:
            lib = open_library(ro / "library.db")
        except Exception as exc:  # refusing to open is fine, if it says why
            _assert_clear(exc, "只读", "无法写入")
        else:
            with lib, pytest.raises(Exception) as caught:
                add_note(lib, _first_clause(lib), "只读时的批注")
            _assert_clear(caught.value, "只读", "无法写入")
    check, after = _state(source / "library.db")
    assert check == "ok" and after == before


def _chattr(flag: str, path: Path) -> bool:
    return shutil.which("chattr") is not None and (
        subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0
    )


def test_an_immutable_library_file_refuses_writes_clearly(small_library):
    """chattr +i: the file cannot be written even by root (SQLite then opens it read-only)."""
    _, before = _state(small_library)
    if not _chattr("+i", small_library):
        pytest.skip("chattr +i is not available on this file system")
    try:
        try:
            lib = open_library(small_library)
        except Exception as exc:
            _assert_clear(exc, "只读", "无法写入")
        else:
            with lib:
                clause = _first_clause(lib)
                for write in (
                    lambda: add_note(lib, clause, "不可写时的批注"),
                    lambda: tag_clauses(lib, [clause], ["不可写"]),
                ):
                    with pytest.raises(Exception) as caught:
                        write()
                    _assert_clear(caught.value, "只读", "无法写入")
    finally:
        _chattr("-i", small_library)
    check, after = _state(small_library)
    assert check == "ok" and after == before


# --- disk full ------------------------------------------------------------------------------------


def _fill(folder: Path, leave: int) -> Path:
    """Take all but `leave` bytes of the file system's free space."""
    filler = folder / "filler.bin"
    free = shutil.disk_usage(folder).free
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(0, free - leave))
    return filler


def test_a_full_disk_refuses_the_note_clearly_and_keeps_every_saved_one(tmp_path):
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=2m", "tmpfs") as disk:
        path = make_small_library(disk / "library.db")
        filler = _fill(disk, leave=192 * 1024)  # the -shm file alone takes 32 KB
        saved: dict[int, str] = {}
        with open_library(path) as lib:
            clause = _first_clause(lib)
            with pytest.raises(Exception) as caught:
                for i in range(200):
                    text = f"第{i}条会议批注：" + "数字经济" * 1000  # ~12 KB of UTF-8
                    saved[add_note(lib, clause, text).id] = text
            _assert_clear(caught.value, "磁盘")
            assert saved, "the disk filled before a single note fitted: leave more room"
            # The failed note left nothing behind, and the connection still reads.
            assert {n.id: n.text for n in list_notes(lib)}.items() >= saved.items()
        check, notes = _state(path)
        assert check == "ok"
        assert notes.items() >= saved.items() and len(notes) == len(saved) + 1  # + the fixture's note
        filler.unlink()
        with open_library(path) as lib:
            add_note(lib, _first_clause(lib), "清理空间后的批注")


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_an_export_to_a_full_disk_keeps_the_old_file(tmp_path):
    brief = Brief(
        "磁盘已满测试",
        sections=(
            BriefSection(
                "一、测试",
                (BriefItem(1, "推动数字经济发展。" * 2000, "一", "一、", "", SourceDoc("测试文件")),),
            ),
        ),
    )
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=2m", "tmpfs") as disk:
        target = disk / "简报.docx"
        target.write_bytes(b"PK\x03\x04 old complete file")  # an earlier pack (a zip)
        _fill(disk, leave=4 * 1024)
        with pytest.raises(ExportError) as caught:
            write_brief(brief, target)
        assert "无法保存" in str(caught.value)
        assert target.read_bytes() == b"PK\x03\x04 old complete file"
        assert {p.name for p in disk.iterdir()} == {"filler.bin", "简报.docx"}, "temporary file left"
    # python-docx used to leave a ZipFile open on the failed file; its finaliser then raised
    # at a random later moment (and once broke pytest's own assertion rewriting).
    gc.collect()
