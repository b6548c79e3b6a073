"""README stays true: every CLI command is documented, the Quick start has exactly two commands."""

import re
from pathlib import Path

from desktop.cli import COMMANDS, load_extensions

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme():
    load_extensions()
    missing = [name for name in COMMANDS if f"`{name} " not in README and f"`{name}`" not in README]
    assert not missing, f"README's Command line section lacks: {missing}"


def test_quick_start_has_two_commands_that_exist():
    block = README.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines() if line.strip()]
    assert commands == ["scripts/dev demo", "scripts/dev test"]
    assert (Path(__file__).resolve().parents[1] / "scripts" / "dev").exists()
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^scripts/dev test", ci, re.M), ".ci/run must run the README's test command"
