"""Command-line conventions (issue 19): global options before or after the command, no silent
GUI, and start-up that loads only what the command uses."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import COMMANDS, load_extensions
from desktop.cli_commands import COMMAND_MODULES, EXTENSION_MODULES

ROOT = Path(__file__).resolve().parents[1]
DEMO = sorted((ROOT / "resources" / "demo").glob("*.txt"))


def policybrief(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,  # a hang (the GUI started by mistake) ends as a failure, not a stuck run
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )


def test_the_command_table_matches_what_the_modules_register():
    load_extensions()
    registered = {name: fn.__module__ for name, fn in COMMANDS.items()}
    assert registered == COMMAND_MODULES
    assert {importlib.import_module(m).__name__ for m in EXTENSION_MODULES} == set(EXTENSION_MODULES)


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "library.db"
    done = policybrief("import", *map(str, DEMO[:2]), "--library", str(path))
    assert done.returncode == 0, done.stderr
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["docs", "--library", "{lib}", "--json"],
        ["--library", "{lib}", "docs", "--json"],
        ["--library={lib}", "--json", "docs"],
        ["--json", "--library", "{lib}", "docs"],
    ],
    ids=["after", "before", "equals-before", "json-first"],
)
def test_global_options_work_before_and_after_the_command(library, argv):
    done = policybrief(*[a.format(lib=library) for a in argv])
    assert done.returncode == 0, done.stderr
    titles = [d["title"] for d in json.loads(done.stdout)]
    assert len(titles) == 2


def test_search_with_the_library_before_the_command(library):
    before = policybrief("--library", str(library), "search", "数字经济", "--json")
    after = policybrief("search", "数字经济", "--library", str(library), "--json")
    assert before.returncode == after.returncode == 0
    assert json.loads(before.stdout) == json.loads(after.stdout) and json.loads(before.stdout)


@pytest.mark.parametrize("argv", [["improt", "a.txt"], ["--library", "x.db", "serch", "人才"]])
def test_a_word_that_is_not_a_command_is_an_error_not_the_gui(argv, tmp_path):
    done = policybrief(*argv, env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)})
    assert done.returncode == 2
    assert "没有“" in done.stderr and "这个命令" in done.stderr
    assert not list(tmp_path.rglob("*.db")), "nothing was created"


HEAVY = ("PySide6", "docx", "pypdf", "lxml", "exporters", "yaml", "charset_normalizer")


@pytest.mark.parametrize(
    ("argv", "allowed"),
    [
        (["--version"], ()),
        (["search", "人才", "--library", "{lib}"], ()),
        (["docs", "--library", "{lib}"], ()),
    ],
)
def test_a_command_loads_only_what_it_uses(library, argv, allowed):
    probe = (
        "import sys, contextlib, io\n"
        "from desktop.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main({[a.format(lib=library) for a in argv]!r})\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
        "print(code, ','.join(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    code, _, heavy = done.stdout.strip().partition(" ")
    assert code == "0", done.stderr
    assert set(filter(None, heavy.split(","))) <= set(allowed), heavy


def test_search_words_typed_without_quotes_are_one_query(library):
    apart = policybrief("search", "人才", "引进", "--library", str(library), "--json")
    quoted = policybrief("search", "人才 引进", "--library", str(library), "--json")
    assert apart.returncode == quoted.returncode == 0, apart.stderr
    assert json.loads(apart.stdout) == json.loads(quoted.stdout)
