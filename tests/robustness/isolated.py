"""Run `import_file` on one file in a child process with a memory cap and a timeout.

A child, because the point is to prove the importer's limits: a reader that balloons past the
address-space cap, hangs, or dies in C code (lxml, zlib) must show up as a failed test, not take
the test runner down with it. The child prints one JSON line: status, message, time, peak RSS.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# ~1.5 GB of address space: far above what a real document needs (a 20 MB report peaks under
# 300 MB), far below what a decompression bomb would take.
MEMORY_LIMIT = 1536 * 1024 * 1024

_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time, traceback
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from importers import DocumentError, import_file
    started = time.perf_counter()
    result = {}
    try:
        doc = import_file(sys.argv[1])
        text = "\\n".join(c.text for c in doc.walk())
        result = {"status": "parsed", "clauses": sum(1 for _ in doc.walk()), "text": text[:200000]}
    except DocumentError as exc:
        result = {"status": "error", "message": str(exc)}
    except MemoryError:
        result = {"status": "memory", "message": traceback.format_exc()[-2000:]}
    except BaseException as exc:
        result = {"status": "crash", "message": traceback.format_exc()[-4000:]}
    result["seconds"] = round(time.perf_counter() - started, 3)
    # VmHWM is this process's own peak. ru_maxrss is not: Linux carries it across exec, so a
    # child of a 500 MB pytest process would report 500 MB whatever it did.
    try:
        with open("/proc/self/status") as status:
            peak_kb = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    except (OSError, StopIteration):
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["peak_rss_mb"] = round(peak_kb / 1024, 1)
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\\n")
    """
)


@dataclass(frozen=True)
class Outcome:
    status: str  # parsed | error | memory | crash | timeout | died
    message: str = ""
    text: str = ""
    clauses: int = 0
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    returncode: int | None = None


def run_import(path: Path, timeout: float, memory_limit: int = MEMORY_LIMIT) -> Outcome:
    """import_file(path) in a fresh interpreter capped at `memory_limit` bytes and `timeout` seconds."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONFAULTHANDLER": "1"}
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path), str(memory_limit)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=REPO,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return Outcome("timeout", f"no answer within {timeout} s")
    line = proc.stdout.strip().splitlines()[-1:] if proc.stdout.strip() else []
    if proc.returncode != 0 or not line:
        return Outcome("died", proc.stderr[-3000:], returncode=proc.returncode)
    data = json.loads(line[0])
    return Outcome(
        data["status"],
        data.get("message", ""),
        data.get("text", ""),
        data.get("clauses", 0),
        data["seconds"],
        data["peak_rss_mb"],
        proc.returncode,
    )


# The CLI needs ~50 MB (~150 MB importing documents); 500 MB is the bound for any input.
CLI_MEMORY_LIMIT = 500 * 1024 * 1024

_CLI_CHILD = textwrap.dedent(
    """
    import resource, sys
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from desktop.cli import main
    code = main(sys.argv[2:])
    with open("/proc/self/status") as status:
        peak_kb = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    sys.stderr.write(f"\\n@peak_rss_mb {peak_kb / 1024:.1f}\\n")
    sys.exit(code)
    """
)


@dataclass(frozen=True)
class CliOutcome:
    returncode: int | None  # None: no answer within the timeout (killed)
    stdout: str
    stderr: str  # without the child's own peak-RSS line
    peak_rss_mb: float

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def run_cli(*args: str, timeout: float = 10, memory_limit: int = CLI_MEMORY_LIMIT) -> CliOutcome:
    """`policybrief ARGS` in a fresh interpreter capped at `memory_limit` bytes of address space;
    killed after `timeout` seconds (returncode None)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONFAULTHANDLER": "1"}
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _CLI_CHILD, str(memory_limit), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=REPO,
            env=env,
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        err = exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr or ""
        return CliOutcome(None, out, err, 0.0)
    peak, kept = 0.0, []
    for line in proc.stderr.splitlines():
        if line.startswith("@peak_rss_mb "):
            peak = float(line.split()[1])
        else:
            kept.append(line)
    return CliOutcome(proc.returncode, proc.stdout, "\n".join(kept), peak)
