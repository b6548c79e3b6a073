"""The officer's own work from the command line: tags, notes, briefs, undo, orphans,
backups and moving notes between libraries. Thin wrappers over db.
"""

from __future__ import annotations

import argparse
import dataclasses

from db import backup, briefs, history, notes, orphans, tags, transfer
from desktop import paths
from desktop.cli import PARSER_EXTENSIONS, UserError, command, emit
from desktop.cli_library import _common, _library, _warn


def _tag_json(t) -> dict:
    return {"id": t.id, "name": t.name, "color": t.color, "parent_id": t.parent_id, "clauses": t.clause_count}


def _note_json(n) -> dict:
    data = dataclasses.asdict(n)
    data["span"] = list(n.span) if n.span else None
    return data


@command("tag")
def cmd_tag(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        added = tags.tag_clauses(lib, [args.clause_id], args.tags)
        now_on = tags.tags_of_clause(lib, args.clause_id)
    emit(
        {"added": added, "tags": [_tag_json(t) for t in now_on]},
        args.json,
        f"条文 {args.clause_id} 的标签：{'、'.join(t.name for t in now_on)}",
    )
    return 0


@command("untag")
def cmd_untag(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        removed = tags.untag_clauses(lib, [args.clause_id], args.tags)
        now_on = tags.tags_of_clause(lib, args.clause_id)
    emit(
        {"removed": removed, "tags": [_tag_json(t) for t in now_on]},
        args.json,
        f"已移除 {removed} 个；条文 {args.clause_id} 的标签：{'、'.join(t.name for t in now_on) or '无'}",
    )
    return 0


@command("tags")
def cmd_tags(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        found = tags.list_tags(lib)
    emit(
        [_tag_json(t) for t in found],
        args.json,
        "\n".join(f"{t.clause_count:>5}  {t.name}" for t in found) or "还没有标签。",
    )
    return 0


@command("note")
def cmd_note(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        note = notes.add_note(lib, args.clause_id, args.text, meeting=args.meeting or "")
    emit(_note_json(note), args.json, f"已保存批注 {note.id}")
    return 0


@command("notes")
def cmd_notes(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        found = notes.list_notes(lib, doc_id=args.doc, tag=args.tag, meeting=args.meeting)
    lines = [
        f"[{n.id}] {n.document_title} {n.path}"
        + (f"（{n.meeting}）" if n.meeting else "")
        + f"\n    {n.text}"
        for n in found
    ]
    emit([_note_json(n) for n in found], args.json, "\n".join(lines) or "没有批注。")
    return 0


def _brief_json(b) -> dict:
    return {
        "id": b.id,
        "title": b.title,
        "subtitle": b.subtitle,
        "updated_at": b.updated_at,
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "items": [
                    {"id": i.id, "clause_id": i.clause_id, "title": i.document_title, "path": i.path}
                    for i in s.items
                ],
            }
            for s in b.sections
        ],
    }


@command("brief")
def cmd_brief(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        if args.brief_command == "new":
            if args.from_tags:
                made = briefs.brief_from_tags(lib, args.title, args.from_tags)
            else:
                made = briefs.create_brief(lib, args.title)
        else:
            briefs.add_to_brief(lib, args.brief_id, [args.clause_id], section=args.section or "")
            made = briefs.get_brief(lib, args.brief_id)
    emit(_brief_json(made), args.json, f"简报 {made.id}“{made.title}”：{made.item_count} 条")
    return 0


@command("briefs")
def cmd_briefs(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        found = [briefs.get_brief(lib, b.id) for b in briefs.list_briefs(lib)]
    emit(
        [_brief_json(b) for b in found],
        args.json,
        "\n".join(f"{b.id:>4}  {b.title}（{b.item_count} 条）" for b in found) or "还没有简报。",
    )
    return 0


@command("undo")
def cmd_undo(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        label = history.redo(lib) if args.redo else history.undo(lib)
    emit(
        {"undone" if not args.redo else "redone": label},
        args.json,
        f"已{'重做' if args.redo else '撤销'}：{label}" if label else "没有可撤销的操作。",
    )
    return 0


@command("orphans")
def cmd_orphans(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        found = orphans.list_orphans(lib)
    lines = [
        f"{o.kind:10} {o.id:>5}  {o.document_title} {o.path}：{o.detail}\n    原文：{o.clause_text[:60]}"
        for o in found
    ]
    emit([dataclasses.asdict(o) for o in found], args.json, "\n".join(lines) or "没有待处理的内容。")
    return 0


@command("backup")
def cmd_backup(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        made = backup.backup_library(lib, args.dest)
    emit({"backup": str(made)}, args.json, f"已备份到 {made}")
    return 0


@command("restore")
def cmd_restore(args: argparse.Namespace) -> int:
    from db import LibraryError

    try:
        safety = backup.restore_library(args.source, paths.library_path(args.library))
    except LibraryError as exc:
        raise UserError(str(exc)) from exc
    emit(
        {"restored": args.source, "previous": str(safety) if safety else None},
        args.json,
        f"已恢复。原资料库另存为 {safety}" if safety else "已恢复。",
    )
    return 0


@command("export-notes")
def cmd_export_notes(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        counts = transfer.export_notes(lib, args.file)
    emit(counts, args.json, f"已导出：{counts}")
    return 0


@command("import-notes")
def cmd_import_notes(args: argparse.Namespace) -> int:
    with _library(args) as lib:
        counts = transfer.import_notes(lib, args.file, warn=_warn)
    emit(counts, args.json, f"已导入：{counts}")
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    for name, helptext in (("tag", "put tags on a clause"), ("untag", "take tags off a clause")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("clause_id", type=int)
        p.add_argument("tags", nargs="+", metavar="TAG")
        _common(p)
    _common(sub.add_parser("tags", help="list tags with the number of clauses"))
    p = sub.add_parser("note", help="add a note to a clause")
    p.add_argument("clause_id", type=int)
    p.add_argument("text")
    p.add_argument("--meeting", metavar="NAME")
    _common(p)
    p = sub.add_parser("notes", help="list notes")
    p.add_argument("--doc", type=int, metavar="ID")
    p.add_argument("--tag", metavar="T")
    p.add_argument("--meeting", metavar="NAME")
    _common(p)
    p = sub.add_parser("brief", help="create a brief or add a clause to one")
    bsub = p.add_subparsers(dest="brief_command", required=True)
    q = bsub.add_parser("new", help="a new brief, optionally one section per tag")
    q.add_argument("title")
    q.add_argument("--from-tags", nargs="+", metavar="T")
    _common(q)
    q = bsub.add_parser("add", help="add a clause to a brief")
    q.add_argument("brief_id", type=int)
    q.add_argument("clause_id", type=int)
    q.add_argument("--section", metavar="NAME")
    _common(q)
    _common(sub.add_parser("briefs", help="list briefs"))
    p = sub.add_parser("undo", help="undo the last tag, note or brief change")
    p.add_argument("--redo", action="store_true", help="redo the last undone change instead")
    _common(p)
    _common(sub.add_parser("orphans", help="tags, notes and brief entries whose clause is gone"))
    p = sub.add_parser("backup", help="back up the library (default: into its backups folder)")
    p.add_argument("dest", nargs="?", metavar="PATH")
    _common(p)
    p = sub.add_parser("restore", help="replace the library with a backup")
    p.add_argument("source", metavar="PATH")
    _common(p)
    for name, helptext in (
        ("export-notes", "write tags, notes and briefs to JSON"),
        ("import-notes", "read tags, notes and briefs from JSON"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("file", metavar="FILE.json")
        _common(p)


PARSER_EXTENSIONS.append(add_parsers)
