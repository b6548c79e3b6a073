"""Opening a library file: checks, backups, migrations, connection settings.

The Library owns the connection only; what you do with it lives in module functions
(db.documents, db.search) that take the Library first.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from sqlite_utils import Database

from db import file_guard, integrity
from db.errors import LibraryError, NotALibraryError, SchemaTooNewError, StorageError, UntrustedLibraryError
from db.migrations import MIGRATION_SET, MIGRATIONS, migration_names
from db.schema import differences

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 5000


class Library(AbstractContextManager):
    """An open library file. Use as a context manager, or call close()."""

    def __init__(self, path: Path, db: Database):
        self.path = path
        self.db = db
        self._closed = False
        # While this connection is open, nothing else in the process may open the file
        # outside SQLite: that would drop SQLite's locks (db/file_guard.py).
        file_guard.register(path)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic unit of work; nested calls become savepoints (sqlite-utils atomic()).

        The outermost call takes the write lock at once (BEGIN IMMEDIATE): a deferred
        transaction that reads first and writes after another PolicyBrief committed fails
        at once with SQLITE_BUSY, busy_timeout or not, whereas waiting for the lock at BEGIN
        is exactly what busy_timeout covers. Storage failures (locked, read-only, disk full)
        become StorageError with a message for the user; the transaction is rolled back.
        """
        try:
            if self.conn.in_transaction:
                with self.db.atomic():
                    yield self.db
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.rollback()
                raise
        except sqlite3.DatabaseError as exc:
            mapped = storage_error(exc, self.path)
            if mapped is None:
                raise
            raise mapped from exc

    @contextmanager
    def waiting_at_most(self, ms: int) -> Iterator[None]:
        """Wait at most `ms` for another writer's lock in this block (then StorageError "busy"),
        instead of BUSY_TIMEOUT_MS: an autosave on the GUI thread must not freeze the window
        while another process imports; it retries later instead."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(ms)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self.db.close()
        finally:
            file_guard.unregister(self.path)

    def __exit__(self, *exc) -> None:
        self.close()


def open_library(path: str | Path, verify: bool = True) -> Library:
    """Open (or create) the library at `path`, migrating it to this build's schema.

    Raises NotALibraryError for a file that is not a PolicyBrief library, UntrustedLibraryError
    for one whose schema is not exactly what this build's migrations make (planted triggers,
    views, changed tables: db/schema.py), DamagedLibraryError for one failing quick_check (run
    on the first open of the day unless `verify` is False: db/integrity.py) and SchemaTooNewError
    for one written by a newer build; in all these cases the file is left byte-for-byte
    unchanged. Before migrating an existing library, a copy is saved beside it.
    """
    path = Path(path)
    _refuse_folder(path)
    existing = path.exists() and path.stat().st_size > 0
    applied = check_library_file(path) if existing else []
    if existing and applied and verify:
        integrity.verify(path)
    conn = None
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = Database(conn)
        pending = _pending(applied)
        if pending and applied:
            backup = backup_copy(conn, path, pending[0])
            log.info("backed up %s to %s before migrating", path, backup)
        MIGRATIONS.apply(db)
    except sqlite3.OperationalError as exc:
        if conn is not None:
            conn.close()
        mapped = storage_error(exc, path)
        if mapped is None:
            raise
        raise mapped from exc
    log.info("opened library %s (SQLite %s)", path, sqlite3.sqlite_version)
    return Library(path, db)


def check_library_file(path: Path) -> list[str]:
    """The migrations applied to the existing library file at `path`, after checking, without
    writing to it, that this build can open it: NotALibraryError or SchemaTooNewError if not."""
    _refuse_folder(path)
    applied = _inspect(path)
    known = set(migration_names())
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise SchemaTooNewError(
            f"资料库“{path.name}”由更新版本的 PolicyBrief 创建（未知的结构版本：{', '.join(unknown)}），"
            "请升级本软件后再打开。文件未作任何修改。"
        )
    return applied


def pending_migrations(path: str | Path) -> list[str]:
    """The migrations opening `path` would apply to an existing library, read without writing
    ([] for a new, empty or current file). Some rebuild the search index, which takes 1-2
    seconds per 10,000 clauses: front ends say so, and the desktop runs it off the GUI thread.
    Raises LibraryError subclasses like open_library for files that are not libraries."""
    path = Path(path)
    _refuse_folder(path)
    if not (path.exists() and path.stat().st_size > 0):
        return []
    applied = _inspect(path)
    return _pending(applied) if applied else []


def _pending(applied: list[str]) -> list[str]:
    done = set(applied)
    return [name for name in migration_names() if name not in done]


def _refuse_folder(path: Path) -> None:
    if path.is_dir():
        raise NotALibraryError(
            f"“{path}”是一个文件夹，不是资料库文件。请指定资料库文件本身，例如“{path / 'library.db'}”。"
        )


def storage_error(exc: sqlite3.Error, path: Path) -> LibraryError | None:
    """The user's version of a storage failure or of a damaged file, or None for other errors
    (bugs stay visible)."""
    code = getattr(exc, "sqlite_errorname", "") or ""
    name = Path(path).name
    if code == "SQLITE_CORRUPT_VTAB":
        return integrity.index_damaged(name)
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return integrity.damaged(Path(path), str(exc))
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StorageError(
            f"资料库“{name}”正被另一个程序占用（可能是另一个 PolicyBrief 窗口正在保存），这次修改没有保存。"
            "请稍后重试。",
            "busy",
        )
    if code.startswith("SQLITE_FULL"):
        return StorageError(
            f"磁盘空间已满，无法写入资料库“{name}”，这次修改没有保存；已保存的内容不受影响。"
            "请清理磁盘空间后重试。",
            "full",
        )
    if code.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
        # CANTOPEN: a WAL library needs its -wal and -shm files beside it, so a read-only
        # folder fails at open rather than at the first write.
        return StorageError(
            f"资料库“{name}”是只读的（文件或所在文件夹不允许写入），无法保存修改。"
            "请把资料库复制到可写的文件夹（例如“文档”）后再打开。",
            "readonly",
        )
    if code.startswith("SQLITE_IOERR"):
        return StorageError(
            f"读写资料库“{name}”时发生磁盘错误，这次修改没有保存。请检查磁盘或移动存储设备后重试。",
            "io",
        )
    return None


def _inspect(path: Path) -> list[str]:
    """Names of our migrations applied to an existing file, read without writing to it.

    Read through SQLite only, never with open(): another connection of this process may hold
    the file's locks, and closing a plain descriptor of it would drop them (db/file_guard.py)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            entries = dict(conn.execute("SELECT name, type FROM sqlite_master").fetchall())
            if not entries:
                return []  # an empty SQLite file: make it a library
            if entries.get(MIGRATIONS.migrations_table) != "table":
                raise NotALibraryError(
                    f"“{path.name}”是 SQLite 数据库，但不是 PolicyBrief 资料库。文件未作任何修改。"
                )
            rows = conn.execute(
                f"SELECT name FROM {MIGRATIONS.migrations_table} WHERE migration_set = ? ORDER BY rowid",
                (MIGRATION_SET,),
            ).fetchall()
            if rows and not set(r[0] for r in rows) - set(migration_names()):
                # Unknown migrations are a newer build's (SchemaTooNewError, below); anything
                # else must be exactly the schema our migrations make (db/schema.py).
                _refuse_planted(path, differences(conn, [r[0] for r in rows]))
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise NotALibraryError(
                f"“{path.name}”不是 PolicyBrief 资料库（不是 SQLite 数据库文件）。文件未作任何修改。"
            ) from exc
        # A locked or unreadable file is not a damaged one: say what is really wrong.
        mapped = storage_error(exc, path) if isinstance(exc, sqlite3.OperationalError) else None
        if mapped is not None:
            raise mapped from exc
        raise NotALibraryError(
            f"无法读取“{path.name}”：文件已损坏或不是资料库（{exc}）。文件未作任何修改。"
        ) from exc
    if not rows:
        raise NotALibraryError(
            f"“{path.name}”是 SQLite 数据库，但不是 PolicyBrief 资料库。文件未作任何修改。"
        )
    return [r[0] for r in rows]


def _refuse_planted(path: Path, found: list[str]) -> None:
    if not found:
        return
    shown = "；".join(found[:4]) + (f"；等 {len(found)} 处" if len(found) > 4 else "")
    raise UntrustedLibraryError(
        f"资料库“{path.name}”的内部结构与 PolicyBrief 不符（{shown}），可能被其他程序改动过，"
        "或是特意构造的文件；打开它可能让其中的指令改动或删除内容。为安全起见没有打开，文件未作任何修改。"
        "请改用原来的资料库或一份可信的备份。"
    )


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
