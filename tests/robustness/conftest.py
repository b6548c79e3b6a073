"""Robustness tests: hostile files, crash soak, faults, two instances, property tests.

Anything that takes more than a few seconds is marked `slow`. Slow tests still run by
default (the whole folder stays under ~90 s on a 2-core machine); `-m "not slow"` skips them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.robustness import hostile


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes more than a few seconds (run by default)")


@pytest.fixture(scope="session")
def hostile_files(tmp_path_factory) -> list[hostile.Hostile]:
    """Every hostile file except the 100 MB one, built once per session (~3 s)."""
    return hostile.build_all(tmp_path_factory.mktemp("hostile"), include_huge=False)


@pytest.fixture(scope="session")
def big_folder(tmp_path_factory) -> Path:
    """A folder for the 100 MB file, or a skip when the disk is nearly full."""
    folder = tmp_path_factory.mktemp("huge")
    free = shutil.disk_usage(folder).free
    if free < 1 << 30:
        pytest.skip(f"needs 1 GB of free disk for the 100 MB file; {free >> 20} MB free in {folder}")
    return folder


DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


@pytest.fixture
def small_library(tmp_path) -> Path:
    """A closed library file holding one demo document and one note, its WAL checkpointed.

    Built from resources/demo (always present), so the fault tests need no seed corpus."""
    return make_small_library(tmp_path / "library.db")


def make_small_library(path: Path) -> Path:
    from db import add_document, document_clauses, open_library
    from db.notes import add_note
    from importers import import_file

    with open_library(path) as lib:
        doc = add_document(lib, import_file(sorted(DEMO.glob("*.txt"))[0]))
        clause = document_clauses(lib, doc.document_id)[1]
        add_note(lib, clause.id, "第一条批注：会前已保存")
        lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def notes_on_disk(path: Path) -> list[str]:
    """What a fresh connection finds in the file, as the officer's next start would; the file
    must pass integrity_check."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [r[0] for r in conn.execute("SELECT text FROM notes ORDER BY id")]
    finally:
        conn.close()


def _run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(cmd), capture_output=True, text=True)


@contextmanager
def mounted(target: Path, *options: str) -> Iterator[Path]:
    """`mount OPTIONS target` for the duration of the block (root only), else skip with the reason."""
    if os.geteuid() != 0:
        pytest.skip("needs root to mount (tmpfs / read-only bind mount)")
    target.mkdir(parents=True, exist_ok=True)
    done = _run("mount", *options, str(target))
    if done.returncode != 0:
        pytest.skip(f"cannot mount here ({' '.join(options)}): {done.stderr.strip()}")
    try:
        yield target
    finally:
        # Lazy unmount: an open handle left by a failed assertion must not leak the mount.
        _run("umount", "-l", str(target))
