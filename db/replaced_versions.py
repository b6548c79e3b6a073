"""Versions a re-import replaced: kept, listed, and revertible.

A re-import that counts as a new version replaces the stored clause tree (db/versions.py moves
the officer's work to the matching clauses). Before it does, the replaced version's metadata and
clauses are kept here, so a replacement that was wrong can be reverted and no text is ever gone.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from importers.model import Clause, Metadata, ParsedDocument

KEEP_PER_DOCUMENT = 10  # bounded growth: the oldest snapshots beyond this go


@dataclass(frozen=True)
class ReplacedVersion:
    id: int
    document_id: int
    replaced_at: str
    title: str
    doc_number: str
    source_name: str
    clause_count: int


_META_FIELDS = tuple(Metadata.__dataclass_fields__)
_CLAUSE_COLUMNS = "parent_id, id, label, path, level, heading, kind, text"


def keep(conn: sqlite3.Connection, document_id: int) -> None:
    """Store the document's current version before it is replaced. Call inside the transaction."""
    columns = ", ".join(_META_FIELDS)
    row = conn.execute(
        f"SELECT {columns}, source_name, format, sha256 FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    meta = dict(zip(_META_FIELDS, row[: len(_META_FIELDS)], strict=True))
    for name in ("authors", "tags"):
        meta[name] = json.loads(meta[name] or "[]")
    rows = conn.execute(
        f"SELECT {_CLAUSE_COLUMNS} FROM clauses WHERE document_id = ? ORDER BY position", (document_id,)
    ).fetchall()
    index_of = {r[1]: i for i, r in enumerate(rows)}
    clauses = [[index_of.get(parent), *rest] for parent, _id, *rest in rows]
    source_name, fmt, sha = row[len(_META_FIELDS) :]
    conn.execute(
        "INSERT INTO document_versions (document_id, replaced_at, source_name, format, sha256, metadata, clauses)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            document_id,
            datetime.now(UTC).isoformat(timespec="seconds"),
            source_name,
            fmt,
            sha,
            json.dumps(meta, ensure_ascii=False),
            json.dumps(clauses, ensure_ascii=False),
        ),
    )
    conn.execute(
        "DELETE FROM document_versions WHERE document_id = ? AND id NOT IN"
        " (SELECT id FROM document_versions WHERE document_id = ? ORDER BY id DESC LIMIT ?)",
        (document_id, document_id, KEEP_PER_DOCUMENT),
    )


def list_replaced(conn: sqlite3.Connection, document_id: int) -> list[ReplacedVersion]:
    rows = conn.execute(
        "SELECT id, document_id, replaced_at, metadata, source_name, clauses FROM document_versions"
        " WHERE document_id = ? ORDER BY id DESC",
        (document_id,),
    ).fetchall()
    out = []
    for vid, doc_id, replaced_at, meta, source_name, clauses in rows:
        fields = json.loads(meta)
        out.append(
            ReplacedVersion(
                vid,
                doc_id,
                replaced_at,
                fields.get("title", ""),
                fields.get("doc_number", ""),
                source_name,
                len(json.loads(clauses)),
            )
        )
    return out


def load(conn: sqlite3.Connection, version_id: int) -> tuple[int, ParsedDocument] | None:
    """The stored version as a ParsedDocument, with the id of the document it belongs to."""
    row = conn.execute(
        "SELECT document_id, metadata, clauses, source_name, format, sha256 FROM document_versions WHERE id = ?",
        (version_id,),
    ).fetchone()
    if row is None:
        return None
    document_id, meta, clauses, source_name, fmt, sha = row
    fields: dict[str, Any] = json.loads(meta)
    values: dict[str, Any] = {
        k: (tuple(v) if k in ("authors", "tags") else v) for k, v in fields.items() if k in _META_FIELDS
    }
    metadata = Metadata(**values)
    return document_id, ParsedDocument(metadata, _tree(json.loads(clauses)), source_name, fmt, sha)


def forget(conn: sqlite3.Connection, version_id: int) -> None:
    conn.execute("DELETE FROM document_versions WHERE id = ?", (version_id,))


def _tree(flat: list[list[Any]]) -> tuple[Clause, ...]:
    """Rebuild the nested clauses from (parent index, label, path, level, heading, kind, text) rows,
    parents always before their children (document order)."""
    children: list[list[int]] = [[] for _ in flat]
    roots = []
    for i, (parent, *_rest) in enumerate(flat):
        if parent is None or not 0 <= parent < i:
            roots.append(i)
        else:
            children[parent].append(i)
    built: dict[int, Clause] = {}
    for i in reversed(range(len(flat))):  # children come after parents: build bottom-up
        _parent, label, path, level, heading, kind, text = flat[i]
        built[i] = Clause(label, path, level, heading, text, kind, tuple(built[c] for c in children[i]))
    return tuple(built[i] for i in roots)
