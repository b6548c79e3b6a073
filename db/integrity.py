"""Noticing damage: SQLite's quick_check on open (once a day), the last good backup, and a
search index that can be rebuilt from the clauses.

`PRAGMA quick_check` reads every page of the file: ~0.4 s for a 200,000-clause library (260 MB)
in the page cache, more from a cold disk. Too slow for every CLI command, so a library is checked
on its first open of the day; the date of its last good check is kept in a small stamp file
beside it, `library.db-checked` (never in the library: the check must not write to a file it
has not vouched for). A damaged page met between checks still surfaces, as a DamagedLibraryError
from `Library.transaction()` or a SearchIndexDamagedError from `search`. Decision record: 007.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path

from db.errors import DamagedLibraryError, LibraryError, SearchIndexDamagedError

log = logging.getLogger(__name__)
CANDIDATES = 10  # backups tried, newest first, when looking for the last good one


def backups_dir(library_path: str | Path) -> Path:
    return Path(library_path).parent / "backups"


def _stamp(library_path: Path) -> Path:
    """`library.db-checked`, beside the -wal and -shm files (not in backups/: opening a library
    must not create a folder)."""
    return library_path.with_name(library_path.name + "-checked")


def _identity(library_path: Path) -> str:
    st = os.stat(library_path)
    return f"{st.st_dev}:{st.st_ino}"


def check_due(library_path: str | Path) -> bool:
    """True unless this file passed quick_check earlier today."""
    path = Path(library_path)
    try:
        day, identity = _stamp(path).read_text(encoding="utf-8").split()[:2]
        return day != time.strftime("%Y-%m-%d") or identity != _identity(path)
    except (OSError, ValueError):
        return True


def mark_checked(library_path: str | Path) -> None:
    path = Path(library_path)
    try:
        stamp = _stamp(path)
        stamp.write_text(f"{time.strftime('%Y-%m-%d')} {_identity(path)}\n", encoding="utf-8")
    except OSError as exc:  # a read-only folder: check again next time, that is all
        log.info("cannot record the check of %s: %s", path, exc)


def quick_check(path: str | Path) -> list[str]:
    """SQLite's quick_check of the file at `path`, read-only: [] if it is sound, else the
    problems found (at most 5)."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = [line for r in conn.execute("PRAGMA quick_check(5)") for line in str(r[0]).splitlines()]
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "").startswith(
            ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN")
        ):
            raise
        return [str(exc)]
    finally:
        conn.close()
    if rows == ["ok"]:
        return []
    # One line each, fit for a one-line message ("*** in database main ***" says nothing).
    return [" ".join(r.split())[:200] for r in rows if r.strip("* ") != "in database main"] or ["?"]


def verify(library_path: str | Path) -> None:
    """quick_check the existing library at `library_path` if due today; DamagedLibraryError if
    it fails (nothing written). The caller has already checked its schema."""
    path = Path(library_path)
    if not check_due(path):
        return
    try:
        problems = quick_check(path)
    except sqlite3.OperationalError as exc:  # locked by another program: check next time
        log.info("quick_check of %s skipped: %s", path, exc)
        return
    if problems:
        raise damaged(path, problems[0])
    mark_checked(path)


def damaged(library_path: Path, detail: str) -> DamagedLibraryError:
    backup = last_good_backup(library_path)
    name = library_path.name
    if backup is not None:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(backup.stat().st_mtime))
        offer = (
            f"最近一份完好的备份是“{backup}”（{when}），可以用它恢复："
            f'policybrief restore "{backup}" --library "{library_path}"'
            "（恢复前损坏的文件会改名保留）。"
        )
    else:
        offer = "没有找到完好的备份；请不要继续使用这个文件，把它交给技术人员挽救。"
    return DamagedLibraryError(
        f"资料库“{name}”已损坏（SQLite 完整性检查未通过：{detail}）。为免损坏扩大，没有打开也没有写入它。{offer}",
        backup,
    )


def backup_candidates(library_path: str | Path) -> list[Path]:
    """Backups of this library, newest first: the backups folder and the copies made before
    migrations (beside the library)."""
    path = Path(library_path)
    found = list(backups_dir(path).glob(f"{path.stem}.*.db"))
    found += path.parent.glob(f"{path.stem}.before-*.db")
    found = [p for p in found if p.is_file() and ".damaged." not in p.name]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def is_good_backup(path: Path) -> bool:
    """A PolicyBrief library this build can open (schema included) that passes quick_check."""
    from db.library import check_library_file

    try:
        return bool(check_library_file(path)) and not quick_check(path)
    except (LibraryError, sqlite3.Error):
        return False


def last_good_backup(library_path: str | Path) -> Path | None:
    for candidate in backup_candidates(library_path)[:CANDIDATES]:
        if is_good_backup(candidate):
            return candidate
    return None


# --- the search index ---------------------------------------------------------------------------


def index_damaged(library_name: str) -> SearchIndexDamagedError:
    return SearchIndexDamagedError(
        f"资料库“{library_name}”的搜索索引已损坏，暂时无法搜索（文件、条文和批注不受影响）。"
        f"请重建索引：policybrief rebuild-index --library 资料库文件（或在窗口中选择“重建搜索索引”）。"
    )


def is_corruption(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.DatabaseError) and (getattr(exc, "sqlite_errorname", "") or "").startswith(
        "SQLITE_CORRUPT"
    )


def damage_error(exc: BaseException, library_path: str | Path) -> LibraryError | None:
    """The user's version of a corruption error met while reading (between daily checks), or
    None for any other exception."""
    if not is_corruption(exc):
        return None
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_CORRUPT_VTAB":
        return index_damaged(Path(library_path).name)
    return damaged(Path(library_path), str(exc))


def rebuild_index(lib) -> int:
    """Make the search index again from the clauses, in one transaction; returns the number of
    clauses indexed. Works on an index damaged beyond reading: its rows are cleared with FTS5's
    'delete-all', or the table is dropped and made again with exactly this build's SQL."""
    from db.fts import IndexWriter, optimize
    from db.migrations import migration_names
    from db.schema import expected_rows

    create_sql = expected_rows(tuple(migration_names()))["clause_fts"][3]
    count = 0
    with lib.transaction():
        conn = lib.conn
        try:
            conn.execute("SAVEPOINT clear_index")
            conn.execute("INSERT INTO clause_fts(clause_fts) VALUES ('delete-all')")
            conn.execute("RELEASE clear_index")
        except sqlite3.DatabaseError:
            conn.execute("ROLLBACK TO clear_index")
            conn.execute("RELEASE clear_index")
            conn.execute("DROP TABLE clause_fts")
            conn.execute(create_sql)
        cursor = conn.execute("SELECT id, text FROM clauses ORDER BY id")
        while chunk := cursor.fetchmany(5000):
            writer = IndexWriter(conn)
            for clause_id, text in chunk:
                writer.index(clause_id, text)
            writer.flush()
            count += len(chunk)
        optimize(conn)
        conn.execute("INSERT INTO clause_fts(clause_fts) VALUES ('integrity-check')")
    return count
