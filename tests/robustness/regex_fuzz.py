"""Adversarial strings for regex patterns, and the child that runs a module's patterns on them.

Run as `python -m tests.robustness.regex_fuzz MODULE SECONDS` (every compiled pattern of MODULE)
or `python -m tests.robustness.regex_fuzz - SECONDS SOURCE` (one pattern given by its source).
Before each string the child arms a timer whose default action (SIGALRM, no handler) ends the
process, even inside the C regex engine: the bound is a kill, not a timing assertion. It prints
each string's number first, so the parent can say which one killed it.
"""

from __future__ import annotations

import importlib
import itertools
import re
import signal
import sys

try:
    from re import _parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

SIZE = 100_000

# The shapes of known attacks, each repeated to 100 KB.
UNITS = (
    "`", "``a", "*", "*a ", "**a ", "_", "__a ", "~~a ", "[", "[a](", "![a](", "![", "[^", "<!--",
    "<http:a", "<p", "<b ", "<meta ", "<a ", "《", "《《a》", "(", "（一", " ", "\t", " \t", "　", ".", "…",
    "·", "－", "-", "- ", "|", "| -", "#", "# ", "=", ">", "\\", "1", "1,", "1.", "2025", "第", "第 ",
    "一", "中", "a", "函（", "抄送：", "title: ", "%1",
)  # fmt: skip
# A tail that makes every attempt fail at the very end (past anchors and closers): the worst case.
TAILS = ("\x01",)


def _literals(pattern: re.Pattern) -> list[str]:
    """The characters a pattern names (literals and range ends), delimiters first."""
    chars: set[str] = set()

    def walk(items) -> None:
        for op, arg in items:
            if op is sre_parse.LITERAL:
                chars.add(chr(arg))
            elif op is sre_parse.IN:
                for inner_op, inner in arg:
                    if inner_op is sre_parse.LITERAL:
                        chars.add(chr(inner))
                    elif inner_op is sre_parse.RANGE:
                        chars.update((chr(inner[0]), chr(inner[1])))
            elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
                walk(arg[2])
            elif op in (sre_parse.SUBPATTERN, sre_parse.ATOMIC_GROUP):
                walk(arg[-1])
            elif op is sre_parse.BRANCH:
                for branch in arg[1]:
                    walk(branch)
            elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
                walk(arg[1])

    source = pattern.pattern.decode("latin-1") if isinstance(pattern.pattern, bytes) else pattern.pattern
    walk(sre_parse.parse(source, pattern.flags & ~re.LOCALE))
    if isinstance(pattern.pattern, bytes):
        chars = {c for c in chars if ord(c) < 0x80}
    return sorted(chars, key=lambda c: (c.isalnum(), c))


def adversarial_strings(pattern: re.Pattern) -> list[str]:
    """100 KB strings built from the attack units and from the pattern's own characters."""
    delimiters = [c for c in _literals(pattern) if not c.isalnum()][:5]
    own = delimiters + [" ", "a"]
    pairs = ["".join(pair) for pair in itertools.permutations(own, 2)]
    units = dict.fromkeys([*UNITS, *own, *pairs])
    strings = [unit * (SIZE // len(unit)) + tail for unit in units for tail in TAILS]
    # A lone opener before a long run of something else (a heading mark, then blanks).
    strings += [pair[0] + pair[1] * SIZE + "\x01" for pair in pairs]
    return strings


def module_patterns(module_name: str) -> list[tuple[str, re.Pattern]]:
    """(name, pattern) of every compiled pattern defined at the top level of a module."""
    module = importlib.import_module(module_name)
    return [(name, value) for name, value in sorted(vars(module).items()) if isinstance(value, re.Pattern)]


def run(patterns: list[tuple[str, re.Pattern]], seconds: float) -> None:
    for name, pattern in patterns:
        for number, text in enumerate(adversarial_strings(pattern)):
            print(name, number, repr(text[:16] + "…" + text[-4:]), flush=True)
            subject = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
            signal.setitimer(signal.ITIMER_REAL, seconds)
            for _ in pattern.finditer(subject):
                pass
            pattern.match(subject)
            signal.setitimer(signal.ITIMER_REAL, 0)
    print("ok", flush=True)


if __name__ == "__main__":
    target, limit = sys.argv[1], float(sys.argv[2])
    if target == "-":
        run([("source", re.compile(sys.argv[3]))], limit)
    else:
        run(module_patterns(target), limit)
