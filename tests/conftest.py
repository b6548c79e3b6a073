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
