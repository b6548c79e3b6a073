"""Robustness tests: hostile files, crash soak, faults, two instances, property tests.

Anything that takes more than a few seconds is marked `slow`. Slow tests still run by
default (the whole folder stays under ~90 s on a 2-core machine); `-m "not slow"` skips them.
"""

from __future__ import annotations

import shutil
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
