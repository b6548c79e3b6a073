"""Every regex that runs on user text takes time linear in it (issue 14).

A backtracking regex can take quadratic or cubic time on a crafted line: 12,000 backticks in a
.md took 24 s and, in the window, held the GIL the whole time. So each compiled pattern in the
modules below is run (finditer and match) on 100 KB adversarial strings (tests/robustness/
regex_fuzz.py): the units attackers use (runs of one delimiter, opener after opener with no
closer, a long blank run before a character that fails the match) plus every character and
pair of characters the pattern itself names.

A linear pattern needs < 60 ms for one such string here; a quadratic one tens of seconds, a
cubic one hours. The bound is a kill: a timer in the child ends it after PER_STRING_SECONDS.

Patterns are found by walking the modules, and inline `re.sub(r"...")` calls are not allowed
in them (test below), so a new pattern cannot escape this test.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.robustness.isolated import REPO
from tests.robustness.regex_fuzz import module_patterns

# Modules whose patterns see text from imported files (or clause text derived from it).
AUDITED = (
    "importers.decode",
    "importers.cleanup",
    "importers.metadata",
    "importers.fieldlines",
    "importers.numbering",
    "importers.dates",
    "importers.clauses",
    "importers.formats.markdown",
    "importers.formats.txt",
    "importers.formats.html",
    "importers.formats.docx",
    "importers.formats.pdf",
    "db.textnorm",
    "db.snippet",
    "db.segment",
    "db.query",
    "db.intel.citations",
    "db.intel.targets",
    "db.intel.keywords",
)
PER_STRING_SECONDS = 3.0
PER_MODULE_SECONDS = 600.0  # only a safety net: the per-string timer fires first


def test_the_audit_finds_the_known_patterns():
    names = {f"{module}.{name}" for module in AUDITED for name, _ in module_patterns(module)}
    assert {
        "importers.cleanup._TOC_ENTRY",
        "importers.formats.markdown._STRONG",
        "importers.formats.html._TITLE_SEPARATOR",
        "db.intel.targets.QUANTITY",
    } <= names
    assert len(names) >= 50


_INLINE_CALL = re.compile(r"\bre\.(?:sub|subn|search|match|fullmatch|findall|finditer|split)\(")


def test_no_inline_regex_calls_escape_the_audit():
    """All patterns are module-level constants, so module_patterns() sees every one of them."""
    offenders = []
    for module_name in AUDITED:
        path = REPO / (module_name.replace(".", "/") + ".py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _INLINE_CALL.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not offenders, "compile these at module level:\n" + "\n".join(offenders)


def _run(*args: str) -> str:
    """ "" if every string of every pattern finished in time, else what went wrong."""
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.robustness.regex_fuzz",
                args[0],
                str(PER_STRING_SECONDS),
                *args[1:],
            ],
            capture_output=True,
            text=True,
            timeout=PER_MODULE_SECONDS,
            cwd=REPO,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        )
    except subprocess.TimeoutExpired:
        return f"{args[0]}: no answer within {PER_MODULE_SECONDS} s"
    last = (proc.stdout.strip().splitlines() or [""])[-1]
    if proc.returncode == -signal.SIGALRM:
        return f"{args[0]}: killed after {PER_STRING_SECONDS} s on pattern, string {last}"
    if proc.returncode != 0 or last != "ok":
        return f"{args[0]}: exit {proc.returncode}: {proc.stderr[-2000:]}"
    return ""


@pytest.mark.slow
def test_every_pattern_is_linear_on_100_kb_of_adversarial_text():
    """One child per module, two at a time (2 cores)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        problems = [problem for problem in pool.map(_run, AUDITED) if problem]
    assert not problems, "\n".join(problems)


def test_the_harness_kills_a_quadratic_pattern():
    """The old code-span regex (24 s on a 12 KB file) must not pass this bound."""
    problem = _run("-", r"(`+)(.+?)\1")
    assert "killed after" in problem, problem
