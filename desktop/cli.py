"""The command line: a thin front end over the same core functions the GUI calls.

Every command prints UTF-8; with --json it prints JSON (ensure_ascii=False). A
user-facing error prints one line on stderr and exits 1, never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable

from importers.errors import DocumentError

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Handler] = {}


def command(name: str):
    """Register a sub-command handler; its parser is configured in build_parser()."""

    def register(fn: Handler) -> Handler:
        COMMANDS[name] = fn
        return fn

    return register


class UserError(Exception):
    """Something the user can fix; printed as one line, exit 1."""


def emit(data, as_json: bool, text: str | None = None) -> None:
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(
            (text if text is not None else json.dumps(data, ensure_ascii=False, indent=1)) + "\n"
        )


def clause_to_json(clause) -> dict:
    return {
        "label": clause.label,
        "path": clause.path,
        "level": clause.level,
        "heading": clause.heading,
        "kind": clause.kind,
        "text": clause.text,
        "children": [clause_to_json(c) for c in clause.children],
    }


def _outline(clauses, depth: int = 0) -> list[str]:
    lines = []
    for c in clauses:
        title = c.heading or c.text[:40]
        lines.append("  " * depth + f"{c.label} {title}".strip())
        lines.extend(_outline(c.children, depth + 1))
    return lines


@command("parse")
def cmd_parse(args: argparse.Namespace) -> int:
    from importers import import_file

    doc = import_file(args.file)
    data = {"metadata": dataclasses.asdict(doc.metadata), "clauses": [clause_to_json(c) for c in doc.clauses]}
    meta = doc.metadata
    head = [
        f"{meta.title}",
        f"文号：{meta.doc_number}  发文机关：{meta.issuer}  日期：{meta.issued_date}",
        "",
    ]
    emit(data, args.json, "\n".join(head + _outline(doc.clauses)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from desktop import __version__

    parser = argparse.ArgumentParser(
        prog="policybrief",
        description="政策简报 PolicyBrief",
        epilog=(
            "--library PATH and --json may also come before the command (policybrief --library X docs). "
            "Without a command the desktop app opens: policybrief [--library PATH | --demo]."
        ),
    )
    parser.add_argument("--version", action="version", version=f"PolicyBrief {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="read one file and print its metadata and clause tree")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")

    for extend in PARSER_EXTENSIONS:
        extend(sub)
    return parser


# Other modules add their sub-parsers here (library commands, export...), keeping this file small.
PARSER_EXTENSIONS: list[Callable[[argparse._SubParsersAction], None]] = []


def load_extensions(names: tuple[str, ...] | None = None) -> None:
    """Import the command modules (all by default): each registers its commands and parsers."""
    import importlib

    from desktop.cli_commands import EXTENSION_MODULES

    for name in EXTENSION_MODULES if names is None else names:
        if name == __name__:
            continue
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def main(argv: list[str] | None = None) -> int:
    from desktop.cli_commands import COMMAND_MODULES, command_first, find_command

    argv = list(sys.argv[1:] if argv is None else argv)
    found = find_command(argv)
    if found is not None:
        argv = command_first(argv, found[0])
    # Only the given command's module is imported (start-up time); help needs them all.
    module = COMMAND_MODULES.get(found[1]) if found else None
    load_extensions((module,) if module else None)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (DocumentError, UserError) as exc:
        print(f"policybrief: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
