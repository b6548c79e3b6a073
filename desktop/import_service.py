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

from db import Library, LibraryError, add_document, get_document
from db.file_guard import is_open_library
from desktop.folder_scan import scan_folder
from importers import DocumentError, import_file

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileResult:
    path: str
    status: str  # imported | duplicate | updated | error | skipped (a link out of the folder)
    document_id: int | None = None
    clauses: int = 0
    error: str = ""
    existing_title: str = ""  # for a duplicate: the entry it duplicates
    existing_source: str = ""

    def to_json(self) -> dict:
        out = {
            "path": self.path,
            "status": self.status,
            "document_id": self.document_id,
            "clauses": self.clauses,
            "error": self.error or None,
        }
        if self.status == "duplicate":
            out["duplicate_of"] = {
                "document_id": self.document_id,
                "title": self.existing_title,
                "source": self.existing_source,
            }
        return out

    def duplicate_note(self) -> str:
        """`与已有文件 12《标题》（来源 x.txt）相同`: which entry a duplicate is."""
        if self.status != "duplicate":
            return ""
        source = f"（来源 {self.existing_source}）" if self.existing_source else ""
        return f"与已有文件 {self.document_id}《{self.existing_title}》{source}相同"


ProgressCallback = Callable[[int, int, FileResult], None]


def collect_files(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[FileResult]]:
    """Files to import: given files as they are (even with an unsupported suffix, so the user
    hears why), folders walked recursively for supported suffixes, in a stable order; and a
    "skipped" result for each link that would lead out of a folder (desktop/folder_scan.py)."""
    found: list[Path] = []
    skipped: list[FileResult] = []
    for p in map(Path, paths):
        if p.is_dir():
            files, links = scan_folder(p)
            found.extend(files)
            skipped.extend(FileResult(str(link.path), "skipped", error=link.reason) for link in links)
        else:
            found.append(p)
    return found, skipped


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
    if outcome.status == "duplicate":
        existing = get_document(lib, outcome.document_id)
        return FileResult(
            str(path),
            "duplicate",
            outcome.document_id,
            outcome.clauses,
            "",
            existing.title,
            existing.source_name,
        )
    return FileResult(str(path), outcome.status, outcome.document_id, outcome.clauses)


def import_paths(
    lib: Library, paths: Iterable[str | os.PathLike], on_progress: ProgressCallback | None = None
) -> list[FileResult]:
    """Import every file under `paths`, one transaction per file; report progress per file."""
    files, skipped = collect_files(paths)
    total = len(files) + len(skipped)
    results: list[FileResult] = []
    for done, result in enumerate(skipped, start=1):
        results.append(result)
        if on_progress is not None:
            on_progress(done, total, result)
    for done, path in enumerate(files, start=len(skipped) + 1):
        result = import_one(lib, path)
        results.append(result)
        if on_progress is not None:
            on_progress(done, total, result)
    return results
