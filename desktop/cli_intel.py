"""Policy-intelligence commands: similar, repeats, targets, cites, suggest-tags, compare.
Thin wrappers over db.intel (and exporters.intel_docx for --docx); every command takes
--library PATH and --json, and a bad id is one line on stderr with exit 1.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from db import intel
from desktop import paths
from desktop.cli import PARSER_EXTENSIONS, UserError, command, emit
from desktop.cli_export import _target
from desktop.cli_library import _common, _library
from exporters.errors import ExportError


def _diff_json(d: intel.TextDiff) -> dict:
    return {"a_spans": [list(s) for s in d.a_spans], "b_spans": [list(s) for s in d.b_spans]}


def _marked(text: str, spans) -> str:
    """The text with each differing span in 【】, for the plain-text output."""
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], "【", text[start:end], "】"]
        at = end
    return ("".join(out) + text[at:]).replace("\n", " ")


@command("similar")
def cmd_similar(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        found = intel.similar_clauses(lib, args.clause_id, limit=args.limit, min_score=args.min_score)
    data = [
        {
            "clause_id": s.clause_id,
            "document_id": s.document_id,
            "title": s.title,
            "doc_number": s.doc_number,
            "path": s.path,
            "score": s.score,
            "text": s.text,
            "diff": _diff_json(s.diff),
        }
        for s in found
    ]
    lines = [f"[{s.clause_id}] {s.score:.2f}  {s.title} {s.doc_number} {s.path}".rstrip() for s in found]
    lines = [
        x
        for s, line in zip(found, lines, strict=True)
        for x in (line, "    " + _marked(s.text, s.diff.b_spans))
    ]
    emit(data, args.json, "\n".join(lines) or "其他文件中没有相近的条文。")
    return 0


def _ref_json(ref: intel.ClauseRef) -> dict:
    return {"clause_id": ref.clause_id, "document_id": ref.document_id, "title": ref.title, "path": ref.path}


@command("repeats")
def cmd_repeats(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        pairs = intel.repeated_pairs(lib, args.doc or None, min_score=args.min_score)
    data = [
        {"a": _ref_json(p.a), "b": _ref_json(p.b), "score": p.score, "diff": _diff_json(p.diff)}
        for p in pairs
    ]
    lines = [
        f"{p.score:.2f}  [{p.a.clause_id}] {p.a.title} {p.a.path}  ⇄  [{p.b.clause_id}] {p.b.title} {p.b.path}"
        for p in pairs
    ]
    emit(data, args.json, "\n".join(lines) or "没有发现重复的条文。")
    return 0


def _write(fn, *a) -> str:
    try:
        return str(fn(*a).resolve())
    except ExportError as exc:
        raise UserError(str(exc)) from exc


@command("targets")
def cmd_targets(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        rows = intel.targets(lib, year=args.year, document_ids=args.doc or None)
    written = None
    if args.docx:
        from exporters.intel_docx import write_targets_docx

        written = _write(write_targets_docx, rows, _target(args.docx))
    data = [
        {
            "clause_id": r.clause_id,
            "document_id": r.document_id,
            "title": r.title,
            "path": r.path,
            "text": r.target.text,
            "number": r.target.number,
            "unit": r.target.unit,
            "year": r.target.year,
            "deadline": r.target.deadline,
            "kind": r.target.kind,
            "span": list(r.target.span),
        }
        for r in rows
    ]
    lines = [
        f"[{r.clause_id}] {r.target.year or '----'}  {r.target.number:g}{r.target.unit}  {r.target.text}"
        for r in rows
    ]
    if written:
        lines.append(f"已导出：{written}")
    emit({"targets": data, "docx": written}, args.json, "\n".join(lines) or "没有找到量化目标。")
    return 0


@command("cites")
def cmd_cites(args: argparse.Namespace) -> int:
    if (args.clause_id is None) == (args.doc is None):
        raise UserError("请指定一个条文编号，或用 --doc 指定一个文件（二选一）。")
    with _library(args) as lib:
        found = intel.cited_documents(lib, args.clause_id, document_id=args.doc)
    data = [
        {
            "title": c.title,
            "in_library": c.in_library,
            "document_id": c.document_id,
            "clause_ids": list(c.clause_ids),
        }
        for c in found
    ]
    lines = [
        f"{'已收录 [' + str(c.document_id) + ']' if c.in_library else '未收录'}  《{c.title}》" for c in found
    ]
    emit(data, args.json, "\n".join(lines) or "没有引用其他文件。")
    return 0


@command("suggest-tags")
def cmd_suggest_tags(args: argparse.Namespace) -> int:
    import db

    db.configure_cache_dir(paths.jieba_cache_dir())
    with _library(args) as lib:
        found = intel.suggest_tags(lib, args.clause_id, limit=args.limit)
    data = [{"name": s.name, "score": s.score, "source": s.source} for s in found]
    names = {"existing": "已有标签", "keyword": "关键词"}
    lines = [f"{s.name}  {s.score:.2f}  {names[s.source]}" for s in found]
    emit(data, args.json, "\n".join(lines) or "没有可建议的标签。")
    return 0


def _comparison(args: argparse.Namespace) -> intel.Comparison:
    if all(x.isdigit() and not Path(x).is_file() for x in (args.old, args.new)):
        with _library(args) as lib:
            return intel.compare_documents(lib, int(args.old), int(args.new))
    missing = [x for x in (args.old, args.new) if not Path(x).is_file()]
    if missing:
        raise UserError(f"请给出两个文件编号或两个文件路径：“{missing[0]}”不是文件。")
    from importers import import_file

    return intel.compare_parsed(import_file(args.old), import_file(args.new))


@command("compare")
def cmd_compare(args: argparse.Namespace) -> int:
    comparison = _comparison(args)
    written = None
    if args.docx:
        from exporters.intel_docx import write_comparison_docx

        written = _write(write_comparison_docx, comparison, _target(args.docx), "", args.changed_only)
    rows = [r for r in comparison.rows if not (args.changed_only and r.status == "same")]
    data = {
        "old_title": comparison.old_title,
        "new_title": comparison.new_title,
        "counts": {k: comparison.count(k) for k in ("same", "changed", "added", "removed")},
        "rows": [
            {
                "status": r.status,
                "old_path": r.old_path,
                "new_path": r.new_path,
                "old_clause_id": r.old_clause_id,
                "new_clause_id": r.new_clause_id,
                "score": r.score,
                "old_text": r.old_text,
                "new_text": r.new_text,
                "diff": _diff_json(r.diff),
            }
            for r in rows
        ],
        "docx": written,
    }
    names = {"same": "未变", "changed": "修改", "added": "新增", "removed": "删除"}
    lines = ["，".join(f"{names[k]} {v} 条" for k, v in data["counts"].items())]
    for r in rows:
        lines.append(f"{names[r.status]}  {r.new_path or r.old_path}")
        if r.status in ("changed", "removed"):
            lines.append("    原：" + _marked(r.old_text, r.diff.a_spans))
        if r.status in ("changed", "added"):
            lines.append("    新：" + _marked(r.new_text, r.diff.b_spans))
    if written:
        lines.append(f"已导出：{written}")
    emit(data, args.json, "\n".join(lines))
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("similar", help="clauses in other documents that say nearly the same")
    p.add_argument("clause_id", type=int, metavar="CLAUSE_ID")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--min-score", type=float, default=0.3, metavar="S", help="0..1 (default 0.3)")
    _common(p)
    p = sub.add_parser("repeats", help="pairs of near-identical clauses across documents")
    p.add_argument("--doc", type=int, action="append", metavar="ID", help="only these documents (repeatable)")
    p.add_argument("--min-score", type=float, default=0.6, metavar="S", help="0..1 (default 0.6)")
    _common(p)
    p = sub.add_parser("targets", help="quantitative targets (到2025年…突破300亿元)")
    p.add_argument("--year", type=int, metavar="Y", help="only targets with this deadline year")
    p.add_argument("--doc", type=int, action="append", metavar="ID", help="only these documents (repeatable)")
    p.add_argument("--docx", metavar="OUT.docx", help="also write the table to a Word file")
    _common(p)
    p = sub.add_parser("cites", help="documents cited by 《title》, in the library or missing")
    p.add_argument("clause_id", type=int, nargs="?", metavar="CLAUSE_ID")
    p.add_argument("--doc", type=int, metavar="ID", help="every clause of this document")
    _common(p)
    p = sub.add_parser("suggest-tags", help="tags for a clause: your tags on similar clauses, then keywords")
    p.add_argument("clause_id", type=int, metavar="CLAUSE_ID")
    p.add_argument("--limit", type=int, default=5)
    _common(p)
    p = sub.add_parser("compare", help="compare two versions clause by clause (document ids or files)")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.add_argument("--docx", metavar="OUT.docx", help="also write a 对照表 to a Word file")
    p.add_argument("--changed-only", action="store_true", help="leave out unchanged clauses")
    _common(p)


PARSER_EXTENSIONS.append(add_parsers)
