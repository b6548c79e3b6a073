"""Backups of the library file with SQLite's backup API (consistent even while in use).

Automatic backups rotate in a `backups/` folder beside the library: at most one a day,
plus one before every migration and every bulk operation; the newest KEEP are kept.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from db.errors import LibraryError, NotALibraryError

KEEP = 7


def backup_folder(lib) -> Path:
    return Path(lib.path).parent / "backups"


def backup_library(lib, dest: str | Path | None = None) -> Path:
    """Write a consistent copy of the open library to `dest` (a file or folder), or to the backups folder."""
    if dest is None:
        folder = backup_folder(lib)
        target = folder / f"{Path(lib.path).stem}.{time.strftime('%Y%m%d-%H%M%S')}.manual.db"
    else:
        target = Path(dest)
        if target.is_dir():
            target = target / f"{Path(lib.path).stem}.{time.strftime('%Y%m%d-%H%M%S')}.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        out = sqlite3.connect(str(partial))
        try:
            lib.conn.backup(out)
        finally:
            out.close()
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise LibraryError(f"无法写入备份“{target}”：{exc.strerror or exc}") from exc
    return target


def _automatic(lib) -> list[Path]:
    return sorted(backup_folder(lib).glob(f"{Path(lib.path).stem}.*.auto.db"))


def auto_backup(lib, reason: str = "daily") -> Path | None:
    """Back up if due: `daily` at most once a day; any other reason (bulk import, migration) always."""
    if str(lib.path) == ":memory:":
        return None
    existing = _automatic(lib)
    today = time.strftime("%Y%m%d")
    if reason == "daily" and any(f".{today}-" in p.name for p in existing):
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")  # unique even for backups a moment apart
    target = backup_folder(lib) / f"{Path(lib.path).stem}.{stamp}.{reason}.auto.db"
    made = backup_library(lib, target)
    for old in _automatic(lib)[:-KEEP]:
        old.unlink(missing_ok=True)
    return made


def restore_library(source: str | Path, library_path: str | Path) -> Path | None:
    """Replace the library file with a backup. Refuses anything that is not a PolicyBrief library;
    the current file is first backed up beside it. Returns that safety copy's path (None if there
    was no library yet)."""
    from db.library import _inspect, open_library

    source, library_path = Path(source), Path(library_path)
    if not source.is_file():
        raise LibraryError(f"找不到备份文件：{source}")
    if not _inspect(source):  # raises NotALibraryError for anything that is not a library
        raise NotALibraryError(f"“{source.name}”是空的数据库，不是 PolicyBrief 资料库。")
    safety = None
    if library_path.exists():
        safety = library_path.with_name(
            f"{library_path.stem}.before-restore.{time.strftime('%Y%m%d-%H%M%S')}.db"
        )
        with open_library(library_path) as current:
            backup_library(current, safety)
    tmp = library_path.with_name(library_path.name + ".restoring")
    shutil.copyfile(source, tmp)
    for suffix in ("-wal", "-shm"):
        Path(str(library_path) + suffix).unlink(missing_ok=True)
    tmp.replace(library_path)
    return safety
