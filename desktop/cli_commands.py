"""Which module implements each `policybrief` command, known without importing any of them.

`policybrief --version` or `policybrief search …` should start in about the time Python itself
needs: so the entry point decides CLI or GUI from this table and then imports only the module of
the command given (python-docx, pypdf and the exporters load only for the commands that use them).
tests/test_cli_conventions.py keeps the table equal to what the modules register.
"""

from __future__ import annotations

COMMAND_MODULES: dict[str, str] = {
    "parse": "desktop.cli",
    **dict.fromkeys(
        ("import", "docs", "show", "search", "remove", "versions", "revert", "rebuild-index"),
        "desktop.cli_library",
    ),
    **dict.fromkeys(
        (
            "tag",
            "untag",
            "tags",
            "note",
            "notes",
            "brief",
            "briefs",
            "undo",
            "orphans",
            "backup",
            "restore",
            "export-notes",
            "import-notes",
        ),
        "desktop.cli_work",
    ),
    "export": "desktop.cli_export",
    **dict.fromkeys(
        ("similar", "repeats", "targets", "cites", "suggest-tags", "compare"), "desktop.cli_intel"
    ),
}
EXTENSION_MODULES = tuple(sorted(set(COMMAND_MODULES.values()) - {"desktop.cli"}))

# Options every command takes, which may also come before the command (`git -C`, `docker --host`).
GLOBAL_WITH_VALUE = ("--library",)
GLOBAL_FLAGS = ("--json",)
# The GUI's own options and Qt's that take a value: their value is not a command.
GUI_WITH_VALUE = (
    "--library",
    "--screenshot",
    "-platform",
    "-platformpluginpath",
    "-platformtheme",
    "-style",
    "-stylesheet",
    "-session",
    "-display",
    "-geometry",
    "-qwindowgeometry",
    "-qwindowtitle",
    "-qwindowicon",
    "-name",
    "-title",
    "-plugin",
)


def find_command(argv: list[str]) -> tuple[int, str] | None:
    """Index and name of the first word that is not an option or an option's value."""
    skip = False
    for index, token in enumerate(argv):
        if skip:
            skip = False
            continue
        if token == "--":
            return (index + 1, argv[index + 1]) if index + 1 < len(argv) else None
        if token.startswith("-"):
            skip = token in GUI_WITH_VALUE  # "--library=x" carries its value itself
            continue
        return index, token
    return None


def command_first(argv: list[str], index: int) -> list[str]:
    """The same arguments with the global options given before the command moved after it, where
    each command's own parser reads them: `--library X docs` → `docs --library X`."""
    before, command, after = argv[:index], argv[index], argv[index + 1 :]
    moved: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(before):
        token = before[i]
        if token in GLOBAL_WITH_VALUE and i + 1 < len(before):
            moved += [token, before[i + 1]]
            i += 2
            continue
        if token in GLOBAL_FLAGS or token.split("=", 1)[0] in GLOBAL_WITH_VALUE:
            moved.append(token)
        else:
            rest.append(token)
        i += 1
    return [*rest, command, *after, *moved]
