"""Opening a library file: checks, backups, migrations, connection settings.

The Library owns the connection only; what you do with it lives in module functions
(db.documents, db.search) that take the Library first.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from contextlib import AbstractContextManager
from pathlib import Path

from sqlite_utils import Database

from db.errors import NotALibraryError, SchemaTooNewError
from db.migrations import MIGRATION_SET, MIGRATIONS, migration_names

log = logging.getLogger(__name__)
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


class Library(AbstractContextManager):
    """An open library file. Use as a context manager, or call close()."""

    def __init__(self, path: Path, db: Database):
        self.path = path
        self.db = db

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def transaction(self):
        """One atomic unit of work; nested calls become savepoints (sqlite-utils atomic())."""
        return self.db.atomic()

    def close(self) -> None:
        self.db.close()

    def __exit__(self, *exc) -> None:
        self.close()


def open_library(path: str | Path) -> Library:
    """Open (or create) the library at `path`, migrating it to this build's schema.

    Raises NotALibraryError for a file that is not a PolicyBrief library and SchemaTooNewError
    for one written by a newer build; in both cases the file is left byte-for-byte unchanged.
    Before migrating an existing library, a copy is saved beside it.
    """
    path = Path(path)
    existing = path.exists() and path.stat().st_size > 0
    applied = _inspect(path) if existing else []
    known = set(migration_names())
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise SchemaTooNewError(
            f"资料库“{path.name}”由更新版本的 PolicyBrief 创建（未知的结构版本：{', '.join(unknown)}），"
            "请升级本软件后再打开。文件未作任何修改。"
        )
    conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    db = Database(conn)
    pending = [name for name in migration_names() if name not in set(applied)]
    if pending and applied:
        backup = backup_copy(conn, path, pending[0])
        log.info("backed up %s to %s before migrating", path, backup)
    MIGRATIONS.apply(db)
    log.info("opened library %s (SQLite %s)", path, sqlite3.sqlite_version)
    return Library(path, db)


def _inspect(path: Path) -> list[str]:
    """Names of our migrations applied to an existing file, read without writing to it."""
    with open(path, "rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotALibraryError(
            f"“{path.name}”不是 PolicyBrief 资料库（不是 SQLite 数据库文件）。文件未作任何修改。"
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                return []  # an empty SQLite file: make it a library
            if MIGRATIONS.migrations_table not in tables:
                raise NotALibraryError(
                    f"“{path.name}”是 SQLite 数据库，但不是 PolicyBrief 资料库。文件未作任何修改。"
                )
            rows = conn.execute(
                f"SELECT name FROM {MIGRATIONS.migrations_table} WHERE migration_set = ? ORDER BY rowid",
                (MIGRATION_SET,),
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise NotALibraryError(
            f"无法读取“{path.name}”：文件已损坏或不是资料库（{exc}）。文件未作任何修改。"
        ) from exc
    if not rows:
        raise NotALibraryError(
            f"“{path.name}”是 SQLite 数据库，但不是 PolicyBrief 资料库。文件未作任何修改。"
        )
    return [r[0] for r in rows]


def backup_copy(conn: sqlite3.Connection, path: Path, migration: str) -> Path:
    """Copy the library aside with the SQLite backup API (consistent even mid-WAL)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-{migration}.{stamp}.db")
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target
