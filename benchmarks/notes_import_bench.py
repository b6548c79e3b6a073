"""`import-notes` of a large notes file: time and peak memory, then the re-import (must add nothing).

    python -m benchmarks notes [--notes 200000] [--clauses 20000] [--out benchmarks/out/notes.json]

A library of --clauses synthetic clauses (benchmarks/corpus.py); a notes file as export_notes
writes it, holding --notes notes on random clauses of that library (one in ten on a document the
library lacks, so it becomes an orphan), a tenth of them without a creation time (stamped on
import; a re-import must still recognise them). The import runs in a fresh child process, so
its peak RSS (VmHWM) is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = textwrap.dedent(
    """
    import json, sys, time
    from db import open_library
    from db.transfer import import_notes
    t0 = time.perf_counter()
    with open_library(sys.argv[1]) as lib:
        counts = import_notes(lib, sys.argv[2])
    seconds = time.perf_counter() - t0
    with open("/proc/self/status") as status:
        peak_kb = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mb": round(peak_kb / 1024, 1), "added": counts}))
    """
)


def build(library: Path, notes_file: Path, notes: int, clauses: int, seed: int = 7) -> dict:
    from benchmarks.corpus import documents
    from db import add_documents, open_library
    from db.backup import backup_folder

    rng = random.Random(seed)
    with open_library(library) as lib:
        docs = documents(clauses)
        while batch := list(islice(docs, 100)):
            add_documents(lib, batch, optimize=False)
        add_documents(lib, [], optimize=True)
        anchors = [
            {"sha256": sha, "doc_number": number, "title": title, "path": path, "text": text}
            for sha, number, title, path, text in lib.conn.execute(
                "SELECT d.sha256, d.doc_number, d.title, c.path, c.text FROM clauses c "
                "JOIN documents d ON d.id = c.document_id"
            )
        ]
        backups = backup_folder(lib)
    items = []
    for i in range(notes):
        anchor = dict(rng.choice(anchors))
        if i % 10 == 9:  # a document this library does not have
            anchor.update(sha256=f"missing-{i % 97}", doc_number="", title=f"别处的文件{i % 97}")
        note = {
            "text": f"第{i}条批注：会上同意推进，需在2025年底前完成。",
            "meeting": f"第{i % 50}次例会",
            "meeting_date": "2025-06-16",
            "span": [0, min(4, len(anchor["text"]))] if anchor["text"] and i % 3 == 0 else None,
            "anchor": anchor,
        }
        if i % 10 != 3:
            note["created_at"] = note["updated_at"] = f"2025-06-{1 + i % 28:02d}T09:00:00"
        items.append(note)
    data = {
        "format": "policybrief-notes",
        "version": 1,
        "tags": [],
        "clause_tags": [],
        "notes": items,
        "briefs": [],
    }
    notes_file.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    for old in backups.glob("*"):  # keep the timed import's own automatic backup comparable
        old.unlink()
    return {"library_clauses": len(anchors), "file_mb": round(notes_file.stat().st_size / 1e6, 1)}


def _import(library: Path, notes_file: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(library), str(notes_file)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(notes: int, clauses: int, out: Path, workdir: Path | None = None) -> dict:
    work = Path(workdir or tempfile.mkdtemp(prefix="pb-notes-"))
    library, notes_file = work / "library.db", work / "notes.json"
    library.unlink(missing_ok=True)
    t0 = time.perf_counter()
    report = {"notes": notes, **build(library, notes_file, notes, clauses)}
    report["build_s"] = round(time.perf_counter() - t0, 1)
    first = _import(library, notes_file)
    again = _import(library, notes_file)
    report.update(
        import_s=first["seconds"],
        import_peak_rss_mb=first["peak_rss_mb"],
        added=first["added"],
        reimport_s=again["seconds"],
        reimport_added=again["added"],
        loadavg_1m=round(os.getloadavg()[0], 2),
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return report


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--notes", type=int, default=200_000)
    p.add_argument("--clauses", type=int, default=20_000, help="size of the library the notes land in")
    p.add_argument("--out", type=Path, default=Path("benchmarks/out/notes.json"))
    p.add_argument("--workdir", type=Path, default=None, help="where to build (default: temp)")
