"""Never trust a library file's schema: compare it with the one this build would have made.

A library comes from a colleague's laptop or a shared drive. SQLite runs whatever the file's
schema says: a trigger planted in it deletes notes, rewrites imported text ("不得" → "可以"),
or loops on every save; a changed foreign key makes `remove` delete notes instead of orphaning
them; a view shadows nothing but is still code. So before anything writes to a file (open,
restore), its `sqlite_master` rows -- every table, index, trigger and view with its SQL -- must
be exactly those of a reference library built in memory by this build's own migrations, applied
up to the same point as the file's (an older library is compared with the schema of its own
migration level, then upgraded). Anything else is refused and the file is left untouched.

Compared exactly, SQL text included (no whitespace folding: moving a newline can move a column
into a comment). One allowance: the bookkeeping table `_sqlite_migrations` and its index are
written by sqlite-utils, whose SQL text may change between its versions, so for those two the
columns and indexed columns are compared instead of the text. Decision record: 007.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache

from sqlite_utils import Database

from db.migrations import MIGRATIONS, migration_names

Row = tuple[str, str, str, str | None]  # type, name, tbl_name, sql

_BOOKKEEPING = MIGRATIONS.migrations_table
_SCHEMA_SQL = "SELECT type, name, tbl_name, sql FROM sqlite_master"


def schema_rows(conn: sqlite3.Connection) -> dict[str, Row]:
    """The file's schema as {name: (type, name, tbl_name, sql)}, with the bookkeeping table's
    rows replaced by a description of their structure (see the module docstring)."""
    rows: dict[str, Row] = {}
    for kind, name, table, sql in conn.execute(_SCHEMA_SQL):
        if table == _BOOKKEEPING and kind in ("table", "index"):
            sql = _structure(conn, kind, name)
        rows[name] = (kind, name, table, sql)
    return rows


def _structure(conn: sqlite3.Connection, kind: str, name: str) -> str:
    quoted = '"' + name.replace('"', '""') + '"'
    if kind == "table":
        info = conn.execute(f"PRAGMA table_xinfo({quoted})").fetchall()
        return "columns " + repr([tuple(r[1:]) for r in info])
    info = conn.execute(f"PRAGMA index_xinfo({quoted})").fetchall()
    unique = conn.execute(
        f"SELECT [unique] FROM pragma_index_list({_literal(_BOOKKEEPING)}) WHERE name = ?", (name,)
    ).fetchone()
    return f"index unique={unique[0] if unique else None} " + repr([tuple(r[1:]) for r in info])


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@lru_cache(maxsize=8)
def expected_rows(applied: tuple[str, ...]) -> dict[str, Row] | None:
    """The schema this build makes with exactly `applied` migrations, or None if `applied` is not
    a prefix of this build's migrations (no build of ours ever wrote such a file)."""
    names = migration_names()
    if list(applied) != names[: len(applied)]:
        return None
    conn = sqlite3.connect(":memory:")
    try:
        db = Database(conn)
        if len(applied) < len(names):
            MIGRATIONS.apply(db, stop_before=names[len(applied)])
        else:
            MIGRATIONS.apply(db)
        return schema_rows(conn)
    finally:
        conn.close()


def differences(conn: sqlite3.Connection, applied: list[str]) -> list[str]:
    """What in the file's schema differs from this build's at the file's migration level, in
    words fit for the user ([] when it is exactly as expected)."""
    expected = expected_rows(tuple(applied))
    if expected is None:
        return ["结构版本记录不是本软件按顺序写入的（" + "、".join(applied) + "）"]
    actual = schema_rows(conn)
    kinds = {"table": "表", "index": "索引", "trigger": "触发器", "view": "视图"}
    found = []
    for name, row in actual.items():
        label = f"{kinds.get(row[0], row[0])}“{name}”"
        if name not in expected:
            found.append(f"多出了{label}")
        elif row != expected[name]:
            found.append(f"{label}的定义被改动过")
    for name, row in expected.items():
        if name not in actual:
            found.append(f"缺少{kinds.get(row[0], row[0])}“{name}”")
    return found
