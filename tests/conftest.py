"""Shared fixtures. Qt runs offscreen; the seed corpus is optional (tests skip without it)."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(
            f"seed corpus not found at {SEEDS} (clone the repo beside ../shared to run acceptance tests)"
        )
    return SEEDS


@pytest.fixture(scope="session")
def seed(seeds_dir):
    """seed("000") -> Path of the seed file whose name starts with 000."""

    def find(prefix: str) -> Path:
        matches = sorted(seeds_dir.glob(prefix + "*"))
        if not matches:
            pytest.skip(f"seed {prefix} not found in {seeds_dir}")
        return matches[0]

    return find


@pytest.fixture
def library(tmp_path):
    """A fresh, empty, migrated library file."""
    from db import open_library

    lib = open_library(tmp_path / "library.db")
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory, seeds_dir):
    from db import add_document, open_library
    from importers import import_file

    path = tmp_path_factory.mktemp("template") / "seeded.db"
    with open_library(path) as lib:
        for f in sorted(seeds_dir.iterdir()):
            add_document(lib, import_file(f))
        lib.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def seeded_library(tmp_path, _seeded_template):
    """A library holding the five seed documents (built once, copied per test)."""
    import shutil

    from db import open_library

    path = tmp_path / "library.db"
    shutil.copyfile(_seeded_template, path)
    lib = open_library(path)
    yield lib
    lib.close()
