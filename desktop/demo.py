"""The demo library: the sample documents in resources/demo, imported once into the data folder."""

from __future__ import annotations

from pathlib import Path

import resources
from db import Library, list_documents, open_library
from desktop import paths
from desktop.import_service import FileResult, import_paths


def demo_documents() -> Path:
    return resources.path("demo")


def demo_library_path() -> Path:
    return paths.default_library_path().with_name("demo-library.db")


def fill_with_demo(lib: Library) -> list[FileResult]:
    """Import the sample documents into `lib` (already present ones are reported as duplicates)."""
    return import_paths(lib, [demo_documents()])


def ensure_demo_library(path: Path | None = None) -> Path:
    """Create the demo library if it does not exist yet; return its path."""
    path = path or demo_library_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_library(path) as lib:
        if not list_documents(lib):
            fill_with_demo(lib)
    return path
