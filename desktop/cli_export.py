"""`policybrief export OUT.docx`: a saved brief, tags or clauses as a Word briefing pack.

The pack is built in memory and saved atomically by exporters.docx_writer, so a failed
export leaves either the old file or nothing at OUT.docx, never half a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from db import tags as db_tags
from desktop.cli import PARSER_EXTENSIONS, UserError, command, emit
from desktop.cli_library import _common, _library
from exporters.assemble import brief_from_clauses, brief_from_library, brief_from_tags, note_count
from exporters.docx_writer import write_brief
from exporters.errors import ExportError
from exporters.options import ExportOptions


def _target(out: str) -> Path:
    path = Path(out).expanduser()
    if path.is_dir():
        return path  # write_brief refuses it with a message that says why
    if not path.suffix:
        return path.with_name(path.name + ".docx")  # 简报 -> 简报.docx, as Word's save dialog would
    if path.suffix.lower() != ".docx":
        raise UserError(f"只能导出为 Word 文件（.docx）：“{out}”。请把文件名改为以 .docx 结尾。")
    return path


def export_options(args: argparse.Namespace) -> ExportOptions:
    """The command line's choices as the one shape the exporters take."""
    return ExportOptions(
        include_notes=not args.no_notes,
        table=args.table,
        appendix=not args.no_appendix,
        title=args.title,
        subtitle=args.subtitle,
        prepared_by=args.prepared_by,
        classification=args.classification,
        date=args.date,
        editor_note=args.editor_note,
        bulletin=args.bulletin,
        bulletin_issue=args.bulletin_issue,
        imprint=args.imprint,
        printed_by=args.printed_by,
        report_to=args.report_to,
        send_to=args.send_to,
        distribute_to=args.distribute_to,
        single=args.single,
    )


@command("export")
def cmd_export(args: argparse.Namespace) -> int:
    chosen = [args.brief is not None, bool(args.tag), bool(args.clause)]
    if sum(chosen) != 1:
        raise UserError("请指定要导出的内容，且只能选一种：--brief ID、--tag 标签… 或 --clause 条文编号…。")
    target = _target(args.out)
    options = export_options(args)
    with _library(args) as lib:
        if args.brief is not None:
            brief = brief_from_library(lib, args.brief, options)
        elif args.tag:
            brief = brief_from_tags(lib, args.tag, options)
            # brief_from_tags leaves out a tag with no clauses; say so rather than go quiet.
            found = (db_tags.find_tag(lib, name) for name in args.tag)
            empty = list(dict.fromkeys(t.name for t in found if t and not t.clause_count))
        else:
            brief = brief_from_clauses(lib, args.clause, options)
    if not brief.items:
        raise UserError("所选内容中没有条文，未导出。")
    if args.tag:
        for name in empty:
            print(f"policybrief: 标签“{name}”下没有条文，已略过。", file=sys.stderr)
    try:
        written = write_brief(brief, target)
    except ExportError as exc:
        raise UserError(str(exc)) from exc
    counts = {
        "path": str(written.resolve()),
        "sections": len(brief.sections),
        "clauses": len(brief.items),
        "notes": note_count(brief),
    }
    text = (
        f"已导出：{counts['path']}\n"
        f"{counts['sections']} 个部分，{counts['clauses']} 条条文，{counts['notes']} 条批注"
    )
    emit(counts, args.json, text)
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write a brief, tags or clauses as a Word briefing pack (.docx)")
    p.add_argument("out", metavar="OUT.docx")
    # Checked in cmd_export rather than by an argparse group: a missing or doubled choice is
    # then one line on stderr and exit 1, like every other user error.
    what = p.add_argument_group("what to export (exactly one)")
    what.add_argument("--brief", type=int, metavar="ID", help="a saved brief, in its saved order")
    what.add_argument(
        "--tag", nargs="+", action="extend", metavar="T", help="one section per tag (repeatable)"
    )
    what.add_argument(
        "--clause",
        nargs="+",
        action="extend",
        type=int,
        metavar="ID",
        help="these clauses, in this order (repeatable)",
    )
    p.add_argument("--title", help="cover title (default: the brief's title)")
    p.add_argument("--subtitle", help="cover subtitle, e.g. the meeting (default: the brief's subtitle)")
    p.add_argument("--date", help="cover date, ISO or as printed (default: today)")
    p.add_argument("--prepared-by", default="", metavar="NAME", help="preparer on the cover")
    p.add_argument(
        "--classification", default="", metavar="TEXT", help="e.g. 内部资料, top left of the cover"
    )
    p.add_argument("--no-notes", action="store_true", help="leave out notes and highlights")
    p.add_argument("--table", action="store_true", help="add the 要点对照表 appendix")
    p.add_argument("--no-appendix", action="store_true", help="leave out the list of source documents")
    p.add_argument("--editor-note", default="", metavar="TEXT", help="a 编者按 before the first section")
    p.add_argument("--bulletin", default="", metavar="NAME", help="issue as a 简报 with this 报头 (no cover)")
    p.add_argument("--bulletin-issue", default="", metavar="期号", help="the 报头's 期号, e.g. 第3期")
    p.add_argument("--imprint", action="store_true", help="end with a 版记 (印发机关 and 印发日期)")
    p.add_argument(
        "--printed-by", default="", metavar="UNIT", help="印发机关 in the 版记 (default: --prepared-by)"
    )
    p.add_argument("--report-to", default="", metavar="TEXT", help="报： line of the 版记")
    p.add_argument("--send-to", default="", metavar="TEXT", help="送： line of the 版记")
    p.add_argument("--distribute-to", default="", metavar="TEXT", help="发： line of the 版记")
    p.add_argument("--single", action="store_true", help="the clauses alone: no cover, 目录 or appendix")
    _common(p)


PARSER_EXTENSIONS.append(add_parsers)
