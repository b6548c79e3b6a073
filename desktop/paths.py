"""Where PolicyBrief keeps its files by default (per-user data and cache folders)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP = "PolicyBrief"
LIBRARY_ENV = "POLICYBRIEF_LIBRARY"


def default_library_path() -> Path:
    return Path(user_data_dir(APP, appauthor=False)) / "library.db"


def library_path(explicit: str | os.PathLike | None = None) -> Path:
    """The library to open: the explicit path, else $POLICYBRIEF_LIBRARY, else the default."""
    if explicit:
        return Path(explicit)
    if os.environ.get(LIBRARY_ENV):
        return Path(os.environ[LIBRARY_ENV])
    return default_library_path()


def jieba_cache_dir() -> Path:
    """jieba's prefix-dictionary cache (~9 MB): a cache folder, never the current directory."""
    return Path(user_cache_dir(APP, appauthor=False)) / "jieba"
