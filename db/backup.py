"""Backups of the library file with SQLite's backup API (consistent even while in use).

Automatic backups rotate in a `backups/` folder beside the library: at most one a day,
plus one before every migration and every bulk operation; the newest KEEP are kept.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from db import file_guard, integrity
from db.errors import DamagedLibraryError, LibraryError, NotALibraryError
from db.library import storage_error

log = logging.getLogger(__name__)
KEEP = 7
MARGIN = 16 * 1024 * 1024  # bytes left free after an automatic backup, besides the library's size


def backup_folder(lib) -> Path:
    return Path(lib.path).parent / "backups"


def backup_library(lib, dest: str | Path | None = None) -> Path:
    """Write a consistent copy of the open library to `dest` (a file or folder), or to the backups
    folder. A failure (disk full, unwritable folder) is a LibraryError with one line for the user,
    and leaves no partial file behind."""
    if dest is None:
        folder = backup_folder(lib)
        target = folder / f"{Path(lib.path).stem}.{time.strftime('%Y%m%d-%H%M%S')}.manual.db"
    else:
        target = Path(dest)
        if target.is_dir():
            target = target / f"{Path(lib.path).stem}.{time.strftime('%Y%m%d-%H%M%S')}.db"
    if file_guard.is_open_library(target) or (target.exists() and os.path.samefile(target, lib.path)):
        raise LibraryError(f"“{target.name}”是正在使用的资料库本身，不能把备份写在它上面。请另选文件名。")
    partial = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        out = sqlite3.connect(str(partial))
        try:
            lib.conn.backup(out)
        finally:
            out.close()
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        _remove_partial(partial)
        if isinstance(exc, sqlite3.Error) and (getattr(exc, "sqlite_errorname", "") or "").startswith(
            "SQLITE_FULL"
        ):
            raise LibraryError(
                f"磁盘空间已满，无法写入备份“{target}”；资料库没有受影响。请清理磁盘空间后重试。"
            ) from exc
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise LibraryError(f"无法写入备份“{target}”：{detail}") from exc
    except BaseException:
        _remove_partial(partial)
        raise
    return target


def _remove_partial(partial: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(str(partial) + suffix).unlink(missing_ok=True)
        except OSError:
            pass


def _automatic(lib) -> list[Path]:
    return sorted(backup_folder(lib).glob(f"{Path(lib.path).stem}.*.auto.db"))


def library_size(lib) -> int:
    """Bytes a backup copy of the open library takes (its pages, WAL included)."""
    pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
    return pages * lib.conn.execute("PRAGMA page_size").fetchone()[0]


def room_for_backup(lib) -> tuple[bool, int, int]:
    """(enough room, bytes needed, bytes free): an automatic backup must leave at least the
    library's size again plus MARGIN free, so the import it precedes and the library's own growth
    still fit (six full copies once filled a 6 MB disk and failed the import they protected)."""
    folder = backup_folder(lib)
    probe = folder if folder.exists() else folder.parent
    free = shutil.disk_usage(probe).free
    size = library_size(lib)
    needed = 2 * size + MARGIN
    return free >= needed, needed, free


def auto_backup(
    lib, reason: str = "daily", warn: Callable[[str], None] | None = None, wait: bool = True
) -> Path | None:
    """Back up if due: `daily` at most once a day; any other reason (bulk import, migration) always.

    Never fails the operation it protects: when the disk is short of room, or the copy cannot be
    written, the backup is skipped and `warn` (default: the log) gets one line saying why. Each
    copy must pass quick_check before it counts among the KEEP kept ones (until then it is named
    `….auto.db.unchecked`), so a damaged copy never rotates a good backup out; a copy that fails
    means the library itself is damaged, which `warn` is told.

    With wait=False the check (~0.4 s for a 200,000-clause library) runs on a thread while the
    caller imports, instead of before; the process waits for it at exit (wait_for_checks()).
    Returns the backup's final path, or None if there is none (with wait=True: none that passed)."""
    if str(lib.path) == ":memory:":
        return None
    warn = warn or log.warning
    existing = _automatic(lib)
    today = time.strftime("%Y%m%d")
    if reason == "daily" and any(f".{today}-" in p.name for p in existing):
        return None
    try:
        enough, needed, free = room_for_backup(lib)
    except OSError as exc:
        warn(f"无法检查备份文件夹的剩余空间（{exc.strerror or exc}），这次没有自动备份。")
        return None
    if not enough:
        warn(
            f"磁盘剩余空间不足（剩 {free / 1e6:.1f} MB，自动备份需要约 {needed / 1e6:.1f} MB），"
            "这次没有自动备份；已有的备份保持不变。请清理磁盘空间。"
        )
        return None
    _remove_stale_unchecked(lib)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")  # unique even for backups a moment apart
    final = backup_folder(lib) / f"{Path(lib.path).stem}.{stamp}.{reason}.auto.db"
    try:
        made = backup_library(lib, final.with_name(final.name + UNCHECKED))
    except LibraryError as exc:
        warn(f"这次没有自动备份：{exc}")
        return None
    if wait:
        return final if _check_and_keep(Path(lib.path), made, final, warn) else None
    thread = threading.Thread(
        target=_check_and_keep, args=(Path(lib.path), made, final, warn), name="backup-check"
    )
    with _checks_lock:
        _checks.append(thread)
    thread.start()
    return final


UNCHECKED = ".unchecked"
_checks: list[threading.Thread] = []
_checks_lock = threading.Lock()


def wait_for_checks() -> None:
    """Wait for the checks of backups made with wait=False (they also finish before the
    interpreter exits: the threads are not daemons)."""
    while True:
        with _checks_lock:
            if not _checks:
                return
            thread = _checks.pop()
        thread.join()


def _check_and_keep(library_path: Path, made: Path, final: Path, warn: Callable[[str], None]) -> bool:
    """quick_check the new copy; if sound, give it its final name and rotate the old ones out."""
    try:
        problems = integrity.quick_check(made)
    except sqlite3.Error as exc:
        problems = [str(exc)]
    if problems:
        made.unlink(missing_ok=True)
        warn(str(integrity.damaged(library_path, problems[0])))
        return False
    made.replace(final)
    folder = final.parent
    for old in sorted(folder.glob(f"{library_path.stem}.*.auto.db"))[:-KEEP]:
        old.unlink(missing_ok=True)
    return True


def _remove_stale_unchecked(lib) -> None:
    """Copies left unchecked by a process killed during the check (older than an hour)."""
    cutoff = time.time() - 3600
    for left in backup_folder(lib).glob(f"{Path(lib.path).stem}.*.auto.db{UNCHECKED}"):
        try:
            if left.stat().st_mtime < cutoff:
                left.unlink()
        except OSError:
            pass


def restore_library(source: str | Path, library_path: str | Path) -> Path | None:
    """Make the library at `library_path` hold the backup `source`. Refuses anything that is not a
    PolicyBrief library; the current content is first backed up beside it. Returns that safety
    copy's path (None if there was no library yet).

    The backup is copied *into* the library with SQLite's backup API, never by renaming a file
    over it: a window or another process may have the library open, and a file pulled from under
    its connection would swallow every later write (issue 13). The copy takes the write lock like
    any other writer, so those connections simply see the restored content at their next read."""
    from db.library import _refuse_folder, check_library_file, open_library

    source, library_path = Path(source), Path(library_path)
    _refuse_folder(library_path)  # else the folder itself would be "set aside" as damaged
    if not source.is_file():
        raise LibraryError(f"找不到备份文件：{source}")
    if library_path.exists() and os.path.samefile(source, library_path):
        raise LibraryError(f"“{source.name}”就是当前资料库本身，不能用它恢复自己。")
    if not check_library_file(source):  # raises for anything this build cannot open
        raise NotALibraryError(f"“{source.name}”是空的数据库，不是 PolicyBrief 资料库。")
    problems = integrity.quick_check(source)
    if problems:
        raise DamagedLibraryError(
            f"备份“{source.name}”已损坏（SQLite 完整性检查未通过：{problems[0]}），不能用它恢复。"
            "请换一份备份；当前资料库没有改动。"
        )
    safety = None
    had_library = library_path.exists() and library_path.stat().st_size > 0
    try:
        current = open_library(library_path)
    except NotALibraryError:
        # The file there is damaged (or was never a library): keep it aside, do not overwrite it.
        safety = _set_aside(library_path)
        current = open_library(library_path)
    with current:
        if had_library and safety is None:
            safety = library_path.with_name(
                f"{library_path.stem}.before-restore.{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.db"
            )
            backup_library(current, safety)
        _copy_into(source, current)
    # Reopening applies the migrations an older backup lacks (with their own backup first).
    open_library(library_path).close()
    return safety


def _set_aside(library_path: Path) -> Path:
    """Rename a file that cannot be opened as a library, with its -wal and -shm, out of the way."""
    aside = library_path.with_name(f"{library_path.stem}.damaged.{time.strftime('%Y%m%d-%H%M%S')}.db")
    for suffix in ("-wal", "-shm", ""):
        part = Path(str(library_path) + suffix)
        if part.exists():
            part.replace(Path(str(aside) + suffix))
    return aside


def _copy_into(source: Path, lib) -> None:
    """Replace the open library's content with `source`'s, page by page, in one transaction."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        src_page = src.execute("PRAGMA page_size").fetchone()[0]
        own_page = lib.conn.execute("PRAGMA page_size").fetchone()[0]
        if src_page != own_page:
            # A WAL database cannot change its page size, so such a copy would fail half-way.
            raise LibraryError(
                f"备份“{source.name}”的页面大小（{src_page}）与当前资料库（{own_page}）不同，无法直接恢复。"
                "请关闭所有 PolicyBrief 窗口后，把备份文件另存为新的资料库再打开。"
            )
        try:
            src.backup(lib.conn)
        except sqlite3.OperationalError as exc:
            mapped = storage_error(exc, lib.path)
            if mapped is None:
                raise
            raise mapped from exc
    finally:
        src.close()
