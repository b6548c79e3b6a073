"""`policybrief` / `python -m desktop`: the CLI when given a command, the GUI otherwise."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from desktop.cli import COMMANDS, load_extensions
    from desktop.cli import main as cli_main

    load_extensions()  # the library, work and export commands register themselves on import
    if argv and argv[0] in COMMANDS:
        return cli_main(argv)
    if argv and argv[0] in ("-h", "--help", "--version"):
        return cli_main(argv)
    from desktop.app import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
