"""`policybrief` / `python -m desktop`: the CLI when given a command, the GUI otherwise.

Global options may come before the command as well as after it (`policybrief --library X docs`).
A word that is not a command is an error, never a silent start of the GUI.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from desktop.cli_commands import COMMAND_MODULES, find_command

    if argv == ["--version"]:  # answered before anything heavy is imported
        from desktop import __version__

        print(f"PolicyBrief {__version__}")
        return 0
    found = find_command(argv)
    if found is not None:
        _index, word = found
        if word not in COMMAND_MODULES:
            known = "、".join(sorted(COMMAND_MODULES))
            print(f"policybrief: 没有“{word}”这个命令。可用的命令：{known}。", file=sys.stderr)
            return 2
        from desktop.cli import main as cli_main

        return cli_main(argv)
    if any(a in ("-h", "--help", "--version") for a in argv):
        from desktop.cli import main as cli_main

        if any(a in ("-h", "--help") for a in argv):
            from desktop.app import gui_parser

            gui_parser().print_help()  # the window's options: --library, --demo
            print("\ncommands:", flush=True)
        return cli_main(argv)
    from desktop.app import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
