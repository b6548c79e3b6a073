"""Library commands: import, docs, show, search, remove. Thin wrappers over db and the
import service; every command takes --library PATH (else $POLICYBRIEF_LIBRARY, else the
per-user default) and --json.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager

import db
from db.records import MISSING_MARK
from desktop import paths
from desktop.cli import PARSER_EXTENSIONS, UserError, command, emit

FIELD_NAMES = {"doc_number": "文号", "issuer": "发文机关", "issued_date": "日期"}


@contextmanager
def _library(args: argparse.Namespace):
    path = paths.library_path(args.library)
    if not args.library and path == paths.default_library_path():
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if db.pending_migrations(path):
            print(f"正在升级资料库“{path.name}”（升级前已自动备份）……", file=sys.stderr, flush=True)
        with db.open_library(path) as lib:
            yield lib
    except db.LibraryError as exc:
        raise UserError(str(exc)) from exc
    except Exception as exc:  # a damaged page met while reading, after today's check
        from db.integrity import damage_error

        mapped = damage_error(exc, path)
        if mapped is None:
            raise
        raise UserError(str(mapped)) from exc


def _warn(message: str) -> None:
    print(f"policybrief: 注意：{message}", file=sys.stderr, flush=True)


@command("import")
def cmd_import(args: argparse.Namespace) -> int:
    from db.backup import auto_backup
    from desktop.import_service import import_paths

    with _library(args) as lib:
        # A bulk operation: keep the state before it (skipped with a warning when the disk is short).
        auto_backup(lib, "import", warn=_warn, wait=False)  # checked while importing
        results = import_paths(lib, args.paths)
    if not results:
        raise UserError("没有找到可导入的文件。")
    lines = [
        f"{r.status:9} {r.path}"
        + (f"  → {r.duplicate_note()}" if r.status == "duplicate" else "")
        + (f"  → 文件 {r.document_id}，{r.clauses} 条" if r.document_id and r.status != "duplicate" else "")
        + ("" if r.document_id else f"  {r.error}")
        for r in results
    ]
    emit([r.to_json() for r in results], args.json, "\n".join(lines))
    return 1 if any(r.status == "error" for r in results) else 0


@command("docs")
def cmd_docs(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        docs = db.list_documents(lib, incomplete=args.incomplete)
    data = [
        {
            "id": d.id,
            "title": d.title,
            "doc_number": d.doc_number,
            "issuer": d.issuer,
            "issued_date": d.issued_date,
            "source": d.source_name,
            "clauses": d.clause_count,
        }
        for d in docs
    ]
    lines = [_doc_line(d) for d in docs]
    empty = "没有元数据不全的文件。" if args.incomplete else "资料库中还没有文件。"
    emit(data, args.json, "\n".join(lines) or empty)
    return 0


def _doc_line(d: db.DocumentInfo) -> str:
    """`   3  2019-01-27  国发〔2019〕5号  标题（12 条）`; a missing field reads 待补, and is listed."""
    missing = d.missing_fields
    line = (
        f"{d.id:>5}  {d.issued_date or '日期' + MISSING_MARK:10}  {d.doc_number or '文号' + MISSING_MARK}  "
        f"{d.title}（{d.clause_count} 条）"
    )
    return line + (f"  [待补：{'、'.join(FIELD_NAMES[f] for f in missing)}]" if missing else "")


@command("show")
def cmd_show(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        doc = db.get_document(lib, args.doc_id)
        clauses = db.document_clauses(lib, args.doc_id)
    document = {k: v for k, v in doc.__dict__.items() if k not in ("sha256",)}
    document["authors"], document["tags"] = list(doc.authors), list(doc.tags)
    data = {
        "document": document,
        "clauses": [
            {
                "id": c.id,
                "parent_id": c.parent_id,
                "label": c.label,
                "path": c.path,
                "level": c.level,
                "heading": c.heading,
                "text": c.text,
            }
            for c in clauses
        ],
    }
    shown = {f: getattr(doc, f) or MISSING_MARK for f in FIELD_NAMES}
    head = [
        doc.title,
        f"文号：{shown['doc_number']}  发文机关：{shown['issuer']}  日期：{shown['issued_date']}",
        "",
    ]
    body = ["  " * (c.level - 1) + f"[{c.id}] {c.text}" for c in clauses]
    emit(data, args.json, "\n".join(head + body))
    return 0


@command("search")
def cmd_search(args: argparse.Namespace) -> int:
    from db.snippet import mark

    db.configure_cache_dir(paths.jieba_cache_dir())
    with _library(args) as lib:
        result = db.search(
            lib,
            " ".join(args.query),
            limit=args.limit,
            document_ids=args.doc or None,
            issuer=args.issuer,
            since=args.since,
            until=args.until,
            tag=args.tag,
            has_note=True if args.has_note else None,
        )
    data = [
        {
            "clause_id": h.clause_id,
            "document_id": h.document_id,
            "title": h.title,
            "doc_number": h.doc_number,
            "path": h.path,
            "snippet": h.snippet,
            "spans": [list(s) for s in h.spans],
            "score": round(h.score, 4),
        }
        for h in result.hits
    ]
    lines = [
        f"共 {result.total} 条"
        + ("（已按词语拆分：" + " ".join(result.words) + "）" if result.resplit else "")
    ]
    for h in result.hits:
        lines.append(f"[{h.clause_id}] {h.title} {h.doc_number} {h.path}".rstrip())
        lines.append("    " + mark(h.snippet, h.spans).replace("\n", " "))
    emit(data, args.json, "\n".join(lines))
    return 0


@command("remove")
def cmd_remove(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        doc = db.get_document(lib, args.doc_id)
        db.remove_document(lib, args.doc_id)
    emit({"removed": doc.id, "title": doc.title}, args.json, f"已删除：[{doc.id}] {doc.title}")
    return 0


@command("versions")
def cmd_versions(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        kept = db.replaced_versions_of(lib, args.doc_id)
    data = [
        {
            "version_id": v.id,
            "replaced_at": v.replaced_at,
            "title": v.title,
            "doc_number": v.doc_number,
            "source": v.source_name,
            "clauses": v.clause_count,
        }
        for v in kept
    ]
    lines = [f"{v.id:>5}  {v.replaced_at}  {v.title}  {v.source_name}（{v.clause_count} 条）" for v in kept]
    emit(data, args.json, "\n".join(lines) or "这个文件没有被替换过的旧版本。")
    return 0


@command("revert")
def cmd_revert(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        outcome = db.revert_version(lib, args.version_id)
        doc = db.get_document(lib, outcome.document_id)
    emit(
        {"document_id": doc.id, "title": doc.title, "clauses": outcome.clauses},
        args.json,
        f"已恢复旧版本：[{doc.id}] {doc.title}（{outcome.clauses} 条）。被替换的当前版本已保留，可用 versions 查看。",
    )
    return 0


@command("rebuild-index")
def cmd_rebuild_index(args: argparse.Namespace) -> int:
    from db.integrity import rebuild_index

    with _library(args) as lib:
        count = rebuild_index(lib)
    emit({"indexed_clauses": count}, args.json, f"已重建搜索索引（{count} 条条文）。")
    return 0


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--library", metavar="PATH", help="library file (default: $POLICYBRIEF_LIBRARY or per-user)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import files or folders (recursively) into the library")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _common(p)
    p = sub.add_parser("docs", help="list the documents in the library")
    p.add_argument(
        "--incomplete",
        action="store_true",
        help="only documents whose 文号, issuer or date is missing (待补)",
    )
    _common(p)
    p = sub.add_parser("show", help="print one document and its clauses")
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    _common(p)
    p = sub.add_parser("search", help="full-text search over clauses")
    # Words typed without quotes (search 人才 引进) are the same query as "人才 引进".
    p.add_argument("query", nargs="+", help='words ANDed; "a phrase"; -word excludes; OR')
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--doc", type=int, action="append", metavar="ID", help="only this document (repeatable)")
    p.add_argument("--issuer", help="issuer contains this text")
    p.add_argument(
        "--since", metavar="DATE", help="issued on or after (ISO prefix: 2022, 2022-03, 2022-03-01)"
    )
    p.add_argument("--until", metavar="DATE", help="issued on or before (ISO prefix)")
    p.add_argument("--tag", metavar="T", help="only clauses carrying this tag (an unknown tag finds nothing)")
    p.add_argument("--has-note", action="store_true", help="only clauses with at least one note")
    _common(p)
    p = sub.add_parser("versions", help="earlier versions of a document that re-imports replaced")
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    _common(p)
    p = sub.add_parser("revert", help="bring back a replaced version (the current one is kept)")
    p.add_argument("version_id", type=int, metavar="VERSION_ID")
    _common(p)
    p = sub.add_parser("remove", help="remove a document and its clauses")
    p.add_argument("doc_id", type=int, metavar="DOC_ID")
    _common(p)
    _common(sub.add_parser("rebuild-index", help="make the search index again from the clauses"))


PARSER_EXTENSIONS.append(add_parsers)
