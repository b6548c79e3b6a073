#!/usr/bin/env python3
"""Crash soak: SIGKILL the PolicyBrief CLI at random points and prove nothing saved is lost.

Each round starts a child that runs CLI commands in a loop (`import`, `tag`, `note`, `brief new`
/ `brief add`, `export`) through desktop.cli.main, exactly as `policybrief` would, against one
library. The child prints `BEGIN <op> <n>` before a command and `OK <op> <n> <json>` after the
command returned, i.e. after its transaction committed (or its .docx was moved into place).
The parent picks an operation and a moment inside it (from the measured duration of that
operation), kills the child with SIGKILL there, and checks:

- the library opens, `PRAGMA integrity_check` is ok, foreign keys and the FTS index are sound;
- every operation reported OK is in the library (document with its clause count, tag on its
  clause, note with its exact text, brief, brief entry);
- an import cut short is all or nothing (if its document is there, all its clauses are);
- the export target is absent, the last reported export, or the export that was cut short,
  and always a complete .docx that python-docx opens — never half a file.

    python scripts/crash_soak.py                 # 100 kills, seed 1
    python scripts/crash_soak.py --rounds 20 --seed 7 --json

Exit status 0 when every round passed. Results: docs/robustness.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OPS = ("import", "tag", "note", "brief", "export")
# First guesses of how long each command takes (s); replaced by the measured median.
_DEFAULT_SECONDS = {"import": 0.15, "tag": 0.02, "note": 0.02, "brief": 0.02, "export": 0.15}

# A reply to a proposal with a unique 文号 and title per import, so every import is a new
# document (not a duplicate or a new version of an earlier one).
TEMPLATE = """厦门市湖里区科技和工信局
厦湖科工函〔{year}〕{serial}号
关于第{round}轮第{seq}号压力测试提案的答复
一、办理工作背景
近年来，湖里区数字经济产业取得一定成效，涌现出一批代表性企业。
二、措施与成效
（一）强化政策支持。出台专项扶持政策，对重点企业给予奖励。
（二）优化服务供给。建设公共服务平台，提供算力和测试服务。
（三）完善人才保障。引进高层次人才，落实住房和子女入学政策。
三、下一步推进计划
持续完善产业生态，推动产业高质量发展。
厦门市湖里区科技和工信局
2025年6月16日
"""

CHILD = textwrap.dedent(
    """
    import contextlib, io, json, random, sys
    from pathlib import Path
    from db import document_clauses, list_documents, open_library
    from desktop.cli import load_extensions, main as cli_main

    lib_path, out_path, files, seed, rnd, template = sys.argv[1:7]
    rng = random.Random(f"{seed}-{rnd}")
    load_extensions()
    # Warm up as a running app would be: otherwise the first export or import of a child spends
    # most of its time importing python-docx, and the kills would land there.
    import docx, exporters.assemble, exporters.docx_writer, importers.formats.txt  # noqa: E401,F401
    with open_library(lib_path) as lib:
        clauses = [c.id for d in list_documents(lib)[:2] for c in document_clauses(lib, d.id)]

    def cli(*args):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = cli_main([*args, "--library", lib_path, "--json"])
        if status != 0:
            print(f"FAIL {args} exit {status}", flush=True)
            sys.exit(3)
        return json.loads(out.getvalue())

    briefs = []
    ops = ("import", "tag", "note", "brief", "export")
    for seq in range(10_000):
        op = rng.choice(ops)
        clause = rng.choice(clauses)
        path = Path(files) / f"r{rnd}_{seq}.txt"
        if op == "import":  # the file to import is complete before the command begins
            path.write_text(
                template.format(year=2000 + int(rnd), serial=seq + 1, round=rnd, seq=seq), encoding="utf-8"
            )
        print(f"BEGIN {op} {seq}", flush=True)
        if op == "import":
            result = cli("import", str(path))[0]
            payload = {"file": str(path), "status": result["status"], "document_id": result["document_id"],
                       "clauses": result["clauses"]}
        elif op == "tag":
            name = f"压测{rnd}-{seq}"
            cli("tag", str(clause), name)
            payload = {"clause": clause, "tag": name}
        elif op == "note":
            text = f"第{rnd}轮第{seq}条批注：" + rng.choice(["会上确认", "需补充数据📊", "（待核实）", "算力\\t券"])
            note = cli("note", str(clause), text)
            payload = {"note": note["id"], "text": text}
        elif op == "brief":
            if not briefs or rng.random() < 0.3:
                title = f"第{rnd}轮简报{seq}"
                made = cli("brief", "new", title)
                briefs.append(made["id"])
                payload = {"brief": made["id"], "title": title}
            else:
                brief = rng.choice(briefs)
                cli("brief", "add", str(brief), str(clause), "--section", f"第{rnd}轮")
                payload = {"brief": brief, "clause": clause}
        else:
            title = f"导出{rnd}-{seq}"
            chosen = [str(c) for c in rng.sample(clauses, min(len(clauses), 40))]
            cli("export", out_path, "--clause", *chosen, "--title", title)
            payload = {"title": title}
        print(f"OK {op} {seq} " + json.dumps(payload, ensure_ascii=False), flush=True)
    """
)


@dataclass
class Soak:
    """Paths and what the rounds have learnt so far."""

    work: Path
    library: Path
    export: Path
    files: Path
    seed: int
    durations: dict[str, list[float]] = field(default_factory=lambda: {op: [] for op in OPS})
    last_export_title: str | None = None
    current_round: int = 0


@dataclass
class Round:
    number: int
    target: str
    interrupted: str  # the operation in progress when the kill landed ("" if between commands)
    reported: list[tuple[str, dict]]
    export_state: str  # absent | previous | new
    failures: list[str]
    seconds: float


def prepare(work: Path, seed: int) -> Soak:
    """A library with two demo documents, in `work`."""
    sys.path.insert(0, str(REPO))
    from db import add_document, open_library
    from importers import import_file

    work.mkdir(parents=True, exist_ok=True)
    soak = Soak(work, work / "library.db", work / "out" / "简报.docx", work / "incoming", seed)
    soak.export.parent.mkdir(exist_ok=True)
    soak.files.mkdir(exist_ok=True)
    demo = sorted((REPO / "resources" / "demo").glob("*.txt"))[:2]
    with open_library(soak.library) as lib:
        for path in demo:
            add_document(lib, import_file(path))
    return soak


def run_round(soak: Soak, number: int, rng: random.Random) -> Round:
    started = time.perf_counter()
    target = OPS[number % len(OPS)]  # every operation gets its share of kills
    nth = rng.randint(1, 3)
    measured = soak.durations[target]
    span = statistics.median(measured) if measured else _DEFAULT_SECONDS[target]
    # Half the kills anywhere in the command, half near its end, where the commit, the fsync
    # and the export's rename happen.
    delay = span * (rng.uniform(0, 1.1) if number % 2 else rng.uniform(0.7, 1.05))
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            str(soak.library),
            str(soak.export),
            str(soak.files),
            str(soak.seed),
            str(number),
            TEMPLATE,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdout is not None
    lines: list[tuple[float, str]] = []
    seen = 0
    for line in child.stdout:
        lines.append((time.perf_counter(), line.rstrip("\n")))
        if line.startswith(f"BEGIN {target} "):
            seen += 1
            if seen == nth:
                time.sleep(delay)
                break
        if line.startswith("FAIL"):
            break
    child.send_signal(signal.SIGKILL)
    rest, stderr = child.communicate()
    lines += [(time.perf_counter(), line) for line in rest.splitlines()]
    failures = [f"child failed: {text} {stderr[-500:]}" for _, text in lines if text.startswith("FAIL")]
    reported, begun, interrupted = _parse(lines, soak)
    failures += verify(soak, reported, interrupted, begun)
    export_state, export_failures = check_export(soak, reported, interrupted, begun)
    failures += export_failures
    return Round(
        number,
        target,
        interrupted[0] if interrupted else "",
        reported,
        export_state,
        failures,
        time.perf_counter() - started,
    )


def _parse(
    lines: list[tuple[float, str]], soak: Soak
) -> tuple[list[tuple[str, dict]], dict[int, tuple[str, float]], tuple[str, int] | None]:
    """Reported operations, begun operations by sequence number, and the one cut short."""
    begun: dict[int, tuple[str, float]] = {}
    reported: list[tuple[str, dict]] = []
    open_seq: int | None = None
    for stamp, text in lines:
        parts = text.split(" ", 3)
        if parts[0] == "BEGIN":
            begun[int(parts[2])] = (parts[1], stamp)
            open_seq = int(parts[2])
        elif parts[0] == "OK":
            seq = int(parts[2])
            reported.append((parts[1], {"seq": seq, **json.loads(parts[3])}))
            soak.durations[parts[1]].append(stamp - begun[seq][1])
            open_seq = None
    interrupted = (begun[open_seq][0], open_seq) if open_seq is not None else None
    return reported, begun, interrupted


def verify(
    soak: Soak,
    reported: list[tuple[str, dict]],
    interrupted: tuple[str, int] | None,
    begun: dict[int, tuple[str, float]],
) -> list[str]:
    """Everything reported saved is there; the library is sound; a cut-short import is whole or absent."""
    from db import document_clauses, get_document, list_documents, open_library
    from db.briefs import get_brief
    from db.notes import get_note
    from db.tags import tags_of_clause
    from importers import import_file

    failures = []
    try:
        lib = open_library(soak.library)
    except Exception as exc:
        return [f"library does not open: {type(exc).__name__}: {exc}"]
    with lib:
        conn = lib.conn
        if (check := conn.execute("PRAGMA integrity_check").fetchone()[0]) != "ok":
            failures.append(f"integrity_check: {check}")
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            failures.append("foreign_key_check found orphan rows")
        try:
            conn.execute("INSERT INTO clause_fts(clause_fts) VALUES ('integrity-check')")
        except Exception as exc:
            failures.append(f"FTS index integrity-check: {exc}")
        for op, data in reported:
            try:
                if op == "import":
                    if data["status"] != "imported":
                        failures.append(f"import {data['file']} was {data['status']}")
                    count = len(document_clauses(lib, data["document_id"]))
                    if count != data["clauses"]:
                        failures.append(
                            f"document {data['document_id']}: {count} of {data['clauses']} clauses"
                        )
                elif op == "tag":
                    if data["tag"] not in {t.name for t in tags_of_clause(lib, data["clause"])}:
                        failures.append(f"tag {data['tag']} missing from clause {data['clause']}")
                elif op == "note":
                    if get_note(lib, data["note"]).text != data["text"]:
                        failures.append(f"note {data['note']} text differs")
                elif op == "brief":
                    brief = get_brief(lib, data["brief"])
                    items = {item.clause_id for section in brief.sections for item in section.items}
                    if "clause" in data and data["clause"] not in items:
                        failures.append(f"brief {data['brief']} lost clause {data['clause']}")
            except Exception as exc:
                failures.append(f"{op} {data}: {type(exc).__name__}: {exc}")
        if interrupted and interrupted[0] == "import":
            path = soak.files / f"r{soak.current_round}_{interrupted[1]}.txt"
            if path.exists():
                parsed = import_file(path)
                expected = sum(1 for _ in parsed.walk())
                for doc in list_documents(lib):
                    if doc.title == parsed.metadata.title:
                        got = len(document_clauses(lib, get_document(lib, doc.id).id))
                        if got != expected:
                            failures.append(f"half an import: {got} of {expected} clauses of {path.name}")
    return failures


def check_export(
    soak: Soak,
    reported: list[tuple[str, dict]],
    interrupted: tuple[str, int] | None,
    begun: dict[int, tuple[str, float]],
) -> tuple[str, list[str]]:
    """The target is absent, the previous complete export or the new complete one."""
    import docx

    previous = soak.last_export_title
    for op, data in reported:
        if op == "export":
            previous = data["title"]
    cut_short = (
        f"导出{soak.current_round}-{interrupted[1]}" if interrupted and interrupted[0] == "export" else None
    )
    allowed = {previous, cut_short} - {None}
    soak.last_export_title = previous
    if not soak.export.exists():
        return "absent", ([f"export {previous} was reported but the file is gone"] if previous else [])
    try:
        title = docx.Document(str(soak.export)).core_properties.title
    except Exception as exc:
        return "broken", [f"export target is not a complete .docx: {type(exc).__name__}: {exc}"]
    if title not in allowed:
        return "unexpected", [f"export target holds {title!r}, expected one of {sorted(allowed)}"]
    if title == cut_short:
        soak.last_export_title = title  # the cut-short export had already been moved into place
        return "new", []
    return "previous", []


def soak_run(rounds: int, seed: int, work: Path, progress: bool = False) -> dict:
    soak = prepare(work, seed)
    rng = random.Random(seed)
    results: list[Round] = []
    started = time.perf_counter()
    for number in range(rounds):
        soak.current_round = number
        result = run_round(soak, number, rng)
        results.append(result)
        if progress:
            status = "ok" if not result.failures else "FAIL " + "; ".join(result.failures)
            print(
                f"round {number:3}: target {result.target:6} cut {result.interrupted or '-':6} "
                f"saved {len(result.reported):3} export {result.export_state:8} {status}",
                file=sys.stderr,
                flush=True,
            )
    leftovers = sorted(p.name for p in soak.export.parent.glob(".~*.tmp"))
    return {
        "rounds": rounds,
        "seed": seed,
        "kills": len(results),
        "seconds": round(time.perf_counter() - started, 1),
        "interrupted": dict(Counter(r.interrupted or "between" for r in results)),
        "saved_and_verified": dict(Counter(op for r in results for op, _ in r.reported)),
        "export_target_after_kill": dict(Counter(r.export_state for r in results)),
        "median_op_seconds": {op: round(statistics.median(d), 4) for op, d in soak.durations.items() if d},
        "export_temp_files_left": len(leftovers),
        "failures": [f"round {r.number}: {f}" for r in results for f in r.failures],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=100, help="number of kills (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="seed for what to kill and when")
    parser.add_argument("--work", type=Path, help="folder for the library (default: a temporary one)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="crash_soak_") as tmp:
        summary = soak_run(args.rounds, args.seed, args.work or Path(tmp), progress=not args.json)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        for key, value in summary.items():
            if key != "failures":
                print(f"{key}: {value}")
        print("failures:", len(summary["failures"]))
        for failure in summary["failures"]:
            print("  " + failure)
    return 0 if not summary["failures"] else 1


if __name__ == "__main__":
    sys.exit(main())
