"""Importing files and folders into a library: the loop shared by the CLI and the GUI.

Qt-free. One bad file never stops the run: it becomes an "error" result and the rest go on.
The GUI runs import_paths() off the GUI thread and passes on_progress to update a bar.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from db import Library, LibraryError, add_document
from db.file_guard import is_open_library
from importers import SUPPORTED_SUFFIXES, DocumentError, import_file

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileResult:
    path: str
    status: str  # imported | duplicate | updated | error
    document_id: int | None = None
    clauses: int = 0
    error: str = ""

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "status": self.status,
            "document_id": self.document_id,
            "clauses": self.clauses,
            "error": self.error or None,
        }


ProgressCallback = Callable[[int, int, FileResult], None]


def collect_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files to import: given files as they are (even with an unsupported suffix, so the user
    hears why), folders walked recursively for supported suffixes, in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(
                sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES)
            )
        else:
            found.append(p)
    return found


def import_one(lib: Library, path: Path) -> FileResult:
    if is_open_library(path):
        # Reading it as a document would drop SQLite's locks on it (db/file_guard.py).
        return FileResult(
            str(path), "error", error=f"跳过“{path.name}”：这是正在使用的 PolicyBrief 资料库，不是文档。"
        )
    try:
        outcome = add_document(lib, import_file(path))
    except (DocumentError, LibraryError) as exc:
        return FileResult(str(path), "error", error=str(exc))
    except Exception as exc:  # a reader bug must not abort the other files
        log.exception("import of %s failed", path)
        return FileResult(str(path), "error", error=f"无法导入 {path.name}：{type(exc).__name__}: {exc}")
    return FileResult(str(path), outcome.status, outcome.document_id, outcome.clauses)


def import_paths(
    lib: Library, paths: Iterable[str | os.PathLike], on_progress: ProgressCallback | None = None
) -> list[FileResult]:
    """Import every file under `paths`, one transaction per file; report progress per file."""
    files = collect_files(paths)
    results: list[FileResult] = []
    for done, path in enumerate(files, start=1):
        result = import_one(lib, path)
        results.append(result)
        if on_progress is not None:
            on_progress(done, len(files), result)
    return results
