"""Documents and their clauses: add (with duplicate and new-version detection), list, show,
edit metadata, remove. Every write is one transaction: on any exception nothing changes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

from db import fts, replaced_versions, versions
from db.errors import DocumentNotFoundError
from db.library import Library
from db.records import MISSING_CHECKED, ClauseRecord, DocumentInfo, ImportOutcome
from importers.model import Metadata, ParsedDocument

_META_TEXT = (
    "title",
    "doc_number",
    "issuer",
    "issued_date",
    "addressee",
    "cc",
    "category",
    "proposal_number",
)
_META_LIST = ("authors", "tags")
_DOC_SELECT = (
    "SELECT d.id, d.title, d.doc_number, d.issuer, d.issued_date, d.addressee, d.cc, d.category,"
    " d.proposal_number, d.authors, d.tags, d.source_name, d.sha256, d.format, d.imported_at, d.updated_at,"
    " (SELECT count(*) FROM clauses c WHERE c.document_id = d.id) FROM documents d"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_sha256(parsed: ParsedDocument) -> str:
    """Identity of a document built in memory (no source file): its metadata and clause tree."""
    payload = repr((parsed.metadata, [(c.path, c.label, c.text) for c in parsed.walk()]))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def add_document(lib: Library, parsed: ParsedDocument) -> ImportOutcome:
    """Store a parsed document: "duplicate" if the same file (sha256) is already there,
    "updated" if it is a new version of a stored document (same 文号, else same title),
    otherwise "imported"."""
    with lib.transaction():
        index = fts.IndexWriter(lib.conn)
        outcome = _add(lib.conn, index, parsed)
        index.flush()
        return outcome


def add_documents(lib: Library, docs: Iterable[ParsedDocument], optimize: bool = True) -> list[ImportOutcome]:
    """Bulk path: many documents in one transaction (all or nothing), then merge the index."""
    with lib.transaction():
        index = fts.IndexWriter(lib.conn)
        outcomes = [_add(lib.conn, index, parsed) for parsed in docs]
        index.flush()
    if optimize:
        with lib.transaction():
            fts.optimize(lib.conn)
    return outcomes


def _add(conn: sqlite3.Connection, index: fts.IndexWriter, parsed: ParsedDocument) -> ImportOutcome:
    sha = parsed.sha256 or content_sha256(parsed)
    row = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha,)).fetchone()
    if row:
        return ImportOutcome("duplicate", row[0], _count(conn, row[0]))
    flat = versions.flatten(parsed)
    same = _same_content(conn, parsed.metadata, [clause.text for clause, _ in flat])
    if same is not None:  # the same document in another format (or re-saved): one entry
        return ImportOutcome("duplicate", same, _count(conn, same))
    previous = _previous_version(conn, parsed.metadata, [clause.text for clause, _ in flat])
    now = _now()
    if previous is None:
        fields = {
            **_meta_columns(parsed.metadata),
            **_source_columns(parsed, sha),
            "imported_at": now,
            "updated_at": now,
        }
        cur = conn.execute(
            f"INSERT INTO documents ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
            tuple(fields.values()),
        )
        versions.insert_clauses(conn, index, cur.lastrowid, flat)
        return ImportOutcome("imported", cur.lastrowid, len(flat))
    return _replace(conn, index, previous, parsed, sha, flat)


def _replace(
    conn: sqlite3.Connection,
    index: fts.IndexWriter,
    previous: int,
    parsed: ParsedDocument,
    sha: str,
    flat: list,
    exact: bool = False,
) -> ImportOutcome:
    """Make stored document `previous` the new version `parsed`, keeping the replaced one."""
    replaced_versions.keep(conn, previous)
    # A new version: its metadata wins, but a field it lacks keeps the stored value (`exact`,
    # for a revert: every field is the stored version's, blanks included).
    fields = {k: v for k, v in _meta_columns(parsed.metadata).items() if exact or v not in ("", "[]")}
    fields.update(_source_columns(parsed, sha), updated_at=_now())
    conn.execute(
        f"UPDATE documents SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
        (*fields.values(), previous),
    )
    versions.replace_clauses(conn, index, previous, flat)
    return ImportOutcome("updated", previous, len(flat))


def replaced_versions_of(lib: Library, document_id: int) -> list[replaced_versions.ReplacedVersion]:
    """Earlier versions of a document that re-imports replaced, newest first."""
    get_document(lib, document_id)
    return replaced_versions.list_replaced(lib.conn, document_id)


def revert_version(lib: Library, version_id: int) -> ImportOutcome:
    """Bring back a replaced version; the current one is kept in its place, so this is undoable
    by reverting again. Work on clauses moves with matching text, as on any re-import."""
    with lib.transaction():
        loaded = replaced_versions.load(lib.conn, version_id)
        if loaded is None:
            raise DocumentNotFoundError(f"没有编号为 {version_id} 的旧版本。")
        document_id, parsed = loaded
        taken = lib.conn.execute(
            "SELECT id FROM documents WHERE sha256 = ? AND id != ?", (parsed.sha256, document_id)
        ).fetchone()
        sha = parsed.sha256 if parsed.sha256 and taken is None else content_sha256(parsed)
        index = fts.IndexWriter(lib.conn)
        outcome = _replace(lib.conn, index, document_id, parsed, sha, versions.flatten(parsed), exact=True)
        replaced_versions.forget(lib.conn, version_id)
        index.flush()
        return outcome


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _same_content(conn: sqlite3.Connection, meta: Metadata, texts: list[str]) -> int | None:
    """The stored document with the same normalised content: equal title, 文号, issuer and date, and
    the same clause text once whitespace is removed (a .docx, .pdf or .html of an imported .txt).
    Candidates are found by 文号, else by title, so the check reads a handful of documents at most."""
    if meta.doc_number:
        query, key = (
            "SELECT id, title, doc_number, issuer, issued_date FROM documents WHERE doc_number = ?",
            meta.doc_number,
        )
    elif meta.title:
        query, key = (
            "SELECT id, title, doc_number, issuer, issued_date FROM documents WHERE title = ?",
            meta.title,
        )
    else:
        return None
    wanted = tuple(_squeeze(v or "") for v in (meta.title, meta.doc_number, meta.issuer, meta.issued_date))
    body = "".join(_squeeze(t) for t in texts)
    for candidate, *stored_meta in conn.execute(query + " ORDER BY id LIMIT 20", (key,)).fetchall():
        if tuple(_squeeze(v or "") for v in stored_meta) != wanted:
            continue
        stored = conn.execute(
            "SELECT text FROM clauses WHERE document_id = ? ORDER BY position", (candidate,)
        ).fetchall()
        if "".join(_squeeze(r[0]) for r in stored) == body:
            return candidate
    return None


def _previous_version(conn: sqlite3.Connection, meta: Metadata, texts: list[str]) -> int | None:
    """The stored document this one is a new version of, on real evidence only: the same 文号;
    failing that, the same title (unless both carry different 文号, e.g. yearly notices) *and*
    substantially the same text. A title alone is no evidence: two unrelated files called
    附件1.txt get that title from their names, and a replacement would drop the first one's text."""
    if meta.doc_number:
        row = conn.execute(
            "SELECT id FROM documents WHERE doc_number = ? ORDER BY updated_at DESC, id DESC LIMIT 1",
            (meta.doc_number,),
        ).fetchone()
        if row:
            return row[0]
    if meta.title:
        rows = conn.execute(
            "SELECT id FROM documents WHERE title = ? AND (doc_number = '' OR ? = '')"
            " ORDER BY updated_at DESC, id DESC LIMIT 20",
            (meta.title, meta.doc_number),
        ).fetchall()
        for (candidate,) in rows:
            stored = [
                r[0] for r in conn.execute("SELECT text FROM clauses WHERE document_id = ?", (candidate,))
            ]
            if versions.shares_text(stored, texts):
                return candidate
    return None


def _meta_columns(meta: Metadata) -> dict:
    out = {name: getattr(meta, name) or "" for name in _META_TEXT}
    out.update({name: json.dumps(list(getattr(meta, name)), ensure_ascii=False) for name in _META_LIST})
    return out


def _source_columns(parsed: ParsedDocument, sha: str) -> dict:
    return {"source_name": parsed.source_name, "sha256": sha, "format": parsed.format}


def _count(conn: sqlite3.Connection, document_id: int) -> int:
    return conn.execute("SELECT count(*) FROM clauses WHERE document_id = ?", (document_id,)).fetchone()[0]


def _info(row: tuple) -> DocumentInfo:
    values = list(row)
    values[9], values[10] = tuple(json.loads(values[9])), tuple(json.loads(values[10]))
    return DocumentInfo(*values)


def list_documents(lib: Library, incomplete: bool = False) -> list[DocumentInfo]:
    """Every document, newest issued first (undated last), then by id; with `incomplete`, only
    those that lack a 文号, an issuer or a date (their metadata is 待补)."""
    where = " WHERE " + " OR ".join(f"trim(d.{name}) = ''" for name in MISSING_CHECKED) if incomplete else ""
    rows = lib.conn.execute(
        _DOC_SELECT + where + " ORDER BY d.issued_date = '', d.issued_date DESC, d.id"
    ).fetchall()
    return [_info(r) for r in rows]


def get_document(lib: Library, document_id: int) -> DocumentInfo:
    row = lib.conn.execute(_DOC_SELECT + " WHERE d.id = ?", (document_id,)).fetchone()
    if row is None:
        raise DocumentNotFoundError(f"没有编号为 {document_id} 的文件。")
    return _info(row)


def document_clauses(lib: Library, document_id: int) -> list[ClauseRecord]:
    """The document's clauses in document order (raises DocumentNotFoundError)."""
    get_document(lib, document_id)
    rows = lib.conn.execute(
        "SELECT id, document_id, parent_id, position, label, path, level, heading, kind, text"
        " FROM clauses WHERE document_id = ? ORDER BY position",
        (document_id,),
    ).fetchall()
    return [ClauseRecord(*r) for r in rows]


def remove_document(lib: Library, document_id: int) -> None:
    """Delete a document, its clauses and their index entries (raises DocumentNotFoundError)."""
    with lib.transaction():
        get_document(lib, document_id)
        fts.unindex_document(lib.conn, document_id)
        lib.conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))


def update_metadata(
    lib: Library, document_id: int, **changes: str | tuple[str, ...] | list[str]
) -> DocumentInfo:
    """Edit metadata fields (title, doc_number, issuer, issued_date, ..., authors, tags)."""
    unknown = set(changes) - set(_META_TEXT) - set(_META_LIST)
    if unknown:
        raise ValueError(f"unknown metadata fields: {', '.join(sorted(unknown))}")
    fields = {
        k: json.dumps(list(v), ensure_ascii=False) if k in _META_LIST else str(v) for k, v in changes.items()
    }
    fields["updated_at"] = _now()
    with lib.transaction():
        get_document(lib, document_id)
        lib.conn.execute(
            f"UPDATE documents SET {', '.join(f'{k} = ?' for k in fields)} WHERE id = ?",
            (*fields.values(), document_id),
        )
    return get_document(lib, document_id)
