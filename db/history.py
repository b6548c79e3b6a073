"""Undo and redo for the officer's own work: tags, notes and briefs.

Every change is made through a `Change`, which writes rows and, in the same
transaction, records the operations that would reverse it. Undo replays them
(recording the reverse again, for redo). Nothing of the user's is ever deleted
without its inverse being stored first, so even a deleted note can come back.

    with change(lib, "添加标签") as ch:
        ch.insert("clause_tags", {...})
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timedelta

from db.errors import LibraryError

# Only these tables may be touched by replayed operations (the JSON comes from our own DB,
# but a table name is never taken on trust).
UNDOABLE_TABLES = frozenset({"tags", "clause_tags", "notes", "briefs", "brief_sections", "brief_items"})
KEEP = 200  # undo steps kept
COALESCE_SECONDS = 120  # typing in one note within this window is one undo step


def now() -> str:
    return datetime.now().isoformat(timespec="seconds")


class Change:
    """Collects the inverse of each write made through it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.inverse: list[dict] = []
        self._known: dict[str, set[str]] = {}

    def _columns(self, table: str) -> set[str]:
        if table not in UNDOABLE_TABLES:
            raise LibraryError(f"internal: table {table} is not undoable")
        cols = self._known.get(table)
        if cols is None:  # once per change: an import of 200,000 notes is one change
            cols = self._known[table] = {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
        return cols

    def _row(self, table: str, row_id: int) -> dict | None:
        cur = self.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        values = cur.fetchone()
        if values is None:
            return None
        return dict(zip([d[0] for d in cur.description], values, strict=True))

    def insert(self, table: str, row: dict) -> int:
        cols = self._columns(table)
        row = {k: v for k, v in row.items() if k in cols}
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = self.conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values()))
        row_id = int(cur.lastrowid or row.get("id") or 0)
        self.inverse.append({"a": "delete", "t": table, "id": row_id})
        return row_id

    def update(self, table: str, row_id: int, values: dict) -> None:
        cols = self._columns(table)
        values = {k: v for k, v in values.items() if k in cols and k != "id"}
        old = self._row(table, row_id)
        if old is None or not values:
            return
        sets = ", ".join(f"{k} = ?" for k in values)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*values.values(), row_id))
        self.inverse.append({"a": "update", "t": table, "id": row_id, "values": {k: old[k] for k in values}})

    def delete(self, table: str, row_id: int) -> None:
        self._columns(table)
        old = self._row(table, row_id)
        if old is None:
            return
        self.conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self.inverse.append({"a": "insert", "t": table, "row": old})

    def apply(self, op: dict) -> None:
        if op["a"] == "insert":
            self.insert(op["t"], op["row"])
        elif op["a"] == "update":
            self.update(op["t"], op["id"], op["values"])
        elif op["a"] == "delete":
            self.delete(op["t"], op["id"])


def _push(conn: sqlite3.Connection, stack: str, label: str, ops: list[dict], key: str | None) -> None:
    if not ops:
        return
    conn.execute(
        "INSERT INTO history (stack, label, ops, coalesce_key, created_at) VALUES (?, ?, ?, ?, ?)",
        (stack, label, json.dumps(ops, ensure_ascii=False), key, now()),
    )
    conn.execute(
        "DELETE FROM history WHERE stack = ? AND id NOT IN "
        "(SELECT id FROM history WHERE stack = ? ORDER BY id DESC LIMIT ?)",
        (stack, stack, KEEP),
    )


def _coalesces(conn: sqlite3.Connection, key: str | None) -> bool:
    """Is the newest undo step an edit of the same thing, moments ago? Then keep only it:
    its inverse already restores the state before the first keystroke."""
    if not key:
        return False
    top = conn.execute(
        "SELECT coalesce_key, created_at FROM history WHERE stack = 'undo' ORDER BY id DESC LIMIT 1"
    )
    row = top.fetchone()
    if not row or row[0] != key:
        return False
    return datetime.fromisoformat(row[1]) >= datetime.now() - timedelta(seconds=COALESCE_SECONDS)


@contextmanager
def change(lib, label: str, coalesce_key: str | None = None):
    """One undoable user action, in one transaction."""
    with lib.transaction():
        ch = Change(lib.conn)
        yield ch
        if ch.inverse:
            lib.conn.execute("DELETE FROM history WHERE stack = 'redo'")
            if not _coalesces(lib.conn, coalesce_key):
                _push(lib.conn, "undo", label, list(reversed(ch.inverse)), coalesce_key)


def _replay(lib, source: str, target: str) -> str | None:
    with lib.transaction():
        row = lib.conn.execute(
            "SELECT id, label, ops FROM history WHERE stack = ? ORDER BY id DESC LIMIT 1", (source,)
        ).fetchone()
        if row is None:
            return None
        ch = Change(lib.conn)
        try:
            for op in json.loads(row[2]):
                ch.apply(op)
        except sqlite3.IntegrityError as exc:
            # e.g. the clause a tag pointed at was removed by a re-import since
            raise LibraryError(f"无法撤销“{row[1]}”：相关条文已不存在（{exc}）。") from exc
        lib.conn.execute("DELETE FROM history WHERE id = ?", (row[0],))
        _push(lib.conn, target, row[1], list(reversed(ch.inverse)), None)
        return row[1]


def undo(lib) -> str | None:
    """Reverse the newest change; returns its label, or None if there is nothing to undo."""
    return _replay(lib, "undo", "redo")


def redo(lib) -> str | None:
    """Re-apply the newest undone change; returns its label, or None."""
    return _replay(lib, "redo", "undo")


def peek(lib, stack: str = "undo") -> str | None:
    """Label of what undo (or redo) would do next, for menus: 撤销“添加标签”."""
    row = lib.conn.execute(
        "SELECT label FROM history WHERE stack = ? ORDER BY id DESC LIMIT 1", (stack,)
    ).fetchone()
    return row[0] if row else None
