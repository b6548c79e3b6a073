"""Measure the importer on the real-document corpus (tests/corpus/real), format by format.

    python -m tests.importers.corpus_report [--formats txt,html,docx,pdf,orig] [--ids 001,026] [--out FILE]

Every document is parsed with `importers.import_file` in its own format(s) and in formats made with LibreOffice:

* txt  — `NNN.txt` as stored;
* html — the saved page `NNN.html` where there is one, else made from `NNN.txt`;
* docx — made from `NNN.html` where there is one (it keeps centred lines and tables), else from `NNN.txt`;
* pdf — made from `NNN.txt` (LibreOffice clips the saved pages' long table cells at a page end, which would cut the text);
* orig — the document as published where that is another file (`original_file`: `.md` copies, an original `.pdf`).

Title, 文号, issuer, 落款 date and the top-level clause labels are compared with `truth.json`. The only normalisation
is whitespace (removed before comparing). A field the truth has as null must come back empty. The result is a markdown
report: accuracy per field per format, then every miss (document, format, field, expected, got).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from importers import DocumentError, import_file

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus" / "real"
DOCS = CORPUS / "docs"
FORMATS = ("txt", "html", "docx", "pdf", "orig")
FIELDS = ("title", "doc_number", "issuer", "issued_date", "top_headings")
FIELD_NAMES = {
    "title": "title",
    "doc_number": "文号",
    "issuer": "issuer",
    "issued_date": "date",
    "top_headings": "top headings",
}
TXT_FILTER = "Text (encoded):UTF8,LF,,,"
HTML_FILTER = "HTML (StarWriter)"
TARGETS = {"docx": "docx:MS Word 2007 XML", "pdf": "pdf:writer_pdf_Export", "html": "html:HTML (StarWriter)"}


def squeeze(value: str | None) -> str:
    return re.sub(r"[\s\u3000\xa0]+", "", value or "")


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        sys.exit("LibreOffice (soffice) is not installed; run with --formats txt,html,orig or install it.")
    return exe


def convert(sources: list[Path], target: str, out_dir: Path, profile: Path) -> None:
    """Convert files with one LibreOffice run per input filter; a private profile avoids clashing with other users."""
    out_dir.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[Path]] = defaultdict(list)
    for src in sources:
        groups[HTML_FILTER if src.suffix == ".html" else TXT_FILTER].append(src)
    for in_filter, files in groups.items():
        cmd = [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            f"--infilter={in_filter}",
            "--convert-to",
            TARGETS[target],
            "--outdir",
            str(out_dir),
            *map(str, files),
        ]
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)


def expected(entry: dict) -> dict:
    return {field: entry[field] for field in FIELDS}


def observed(path: Path) -> tuple[dict, str]:
    """The five measured fields as the importer reads them, or an error message."""
    try:
        doc = import_file(path)
    except DocumentError as exc:
        return {}, str(exc)
    meta = doc.metadata
    labels = [c.label for c in doc.clauses if c.label and c.kind == "item"]
    return {
        "title": meta.title or None,
        "doc_number": meta.doc_number or None,
        "issuer": meta.issuer or None,
        "issued_date": meta.issued_date or None,
        "top_headings": labels,
    }, ""


def same(field: str, want, got) -> bool:
    if field == "top_headings":
        return [squeeze(x) for x in want] == [squeeze(x) for x in (got or [])]
    if field == "issued_date":
        return (want or None) == (got or None)
    return squeeze(want) == squeeze(got)


def kind_of_miss(field: str, want, got) -> str:
    if not want and got:
        return "spurious (truth has none)"
    if want and not got:
        return "missing"
    return "wrong"


def show(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        text = " ".join(value) if value else "[]"
        return text if len(text) <= 80 else text[:77] + "…"
    text = str(value).replace("|", "\\|").replace("\n", "⏎")
    return text if len(text) <= 80 else text[:77] + "…"


def build_inputs(entries: list[dict], formats: list[str], work: Path) -> dict[tuple[str, str], Path]:
    """(id, format) -> file to import; runs LibreOffice for the made formats."""
    inputs: dict[tuple[str, str], Path] = {}
    profile = work / "lo-profile"
    for entry in entries:
        if "txt" in formats:
            inputs[entry["id"], "txt"] = DOCS / entry["file"]
        if "html" in formats and entry.get("html_file"):
            inputs[entry["id"], "html"] = DOCS / entry["html_file"]
        if "orig" in formats and entry.get("original_file"):
            inputs[entry["id"], "orig"] = DOCS / entry["original_file"]
    for target in ("docx", "pdf", "html"):
        if target not in formats:
            continue
        todo = [e for e in entries if not (target == "html" and e.get("html_file"))]
        sources = []
        for entry in todo:
            src = DOCS / (
                entry.get("html_file") if target == "docx" and entry.get("html_file") else entry["file"]
            )
            # copy under the id alone so the converted file is NNN.<target>
            staged = work / "src" / f"{entry['id']}{src.suffix}"
            staged.parent.mkdir(exist_ok=True)
            shutil.copyfile(src, staged)
            sources.append(staged)
        out_dir = work / target
        convert(sources, target, out_dir, profile)
        for entry in todo:
            made = out_dir / f"{entry['id']}.{target}"
            inputs[entry["id"], target] = made
    return inputs


def measure(entries: list[dict], formats: list[str]) -> dict:
    with tempfile.TemporaryDirectory(prefix="corpus-report-") as tmp:
        work = Path(tmp)
        started = time.monotonic()
        inputs = build_inputs(entries, formats, work)
        converted_s = time.monotonic() - started
        results = []
        for entry in entries:
            want = expected(entry)
            for fmt in formats:
                path = inputs.get((entry["id"], fmt))
                if path is None:
                    continue
                if not path.is_file():
                    got, error = {}, f"LibreOffice made no {fmt} file"
                else:
                    got, error = observed(path)
                results.append({"id": entry["id"], "format": fmt, "want": want, "got": got, "error": error})
        return {
            "results": results,
            "convert_seconds": converted_s,
            "parse_seconds": time.monotonic() - started - converted_s,
        }


def lo_version() -> str:
    exe = shutil.which("soffice")
    if not exe:
        return "not installed"
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.splitlines()[0] if out else "unknown"


def git_head() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def report(run: dict, formats: list[str], entries: list[dict]) -> str:
    results = run["results"]
    by_format: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        by_format[r["format"]].append(r)
    misses = []
    n_html = sum(1 for e in entries if e.get("html_file"))
    n_md = sum(1 for e in entries if e.get("original_file", "").endswith(".md"))
    n_pdf = sum(1 for e in entries if e.get("original_file", "").endswith(".pdf"))
    lines = [
        "# Real-document corpus: importer accuracy",
        "",
        f"Run `python -m tests.importers.corpus_report` on {time.strftime('%Y-%m-%d')} at commit {git_head()}, "
        f"{len(entries)} documents from `tests/corpus/real/truth.json`; LibreOffice: {lo_version()}. "
        f"Conversions took {run['convert_seconds']:.0f} s, parsing {run['parse_seconds']:.0f} s.",
        "",
        f"Formats: **txt** = `NNN.txt` as stored; **html** = the saved page where there is one ({n_html} documents), else made from the "
        ".txt by LibreOffice; **docx** = made by LibreOffice from the saved page where there is one, else from the .txt; "
        "**pdf** = made by LibreOffice from the .txt (its conversion of the saved pages clips long table cells at a page end); "
        f"**orig** = the document as published where that is another file ({n_md} markdown copies, {n_pdf} original PDF). "
        "A field is right when it equals the truth after removing whitespace; a field the truth has as null must come back empty; "
        "top headings are the labels of the top-level numbered clauses (kind `item`) in order. Import errors count as misses on every field. "
        "Files are named by id (`NNN.*`), so the importer's fall-back of using the file name as the title never helps here. "
        "The markdown copies' other formats are made from the markdown text (front matter and `#` markers included).",
        "",
        "## Accuracy per field and format",
        "",
        "| format | docs | " + " | ".join(FIELD_NAMES[f] for f in FIELDS) + " | all five right |",
        "|---|---|" + "---|" * (len(FIELDS) + 1),
    ]
    totals = Counter()
    for fmt in formats:
        rows = by_format.get(fmt, [])
        if not rows:
            continue
        right = Counter()
        all_right = 0
        for r in rows:
            ok_all = True
            for field in FIELDS:
                got = r["got"].get(field) if not r["error"] else None
                ok = not r["error"] and same(field, r["want"][field], got)
                right[field] += ok
                ok_all &= ok
                if not ok:
                    misses.append((r, field, got))
            all_right += ok_all
        n = len(rows)
        totals["docs"] += n
        totals["all"] += all_right
        for f in FIELDS:
            totals[f] += right[f]
        cells = [f"{right[f] / n:.0%} ({right[f]}/{n})" for f in FIELDS]
        lines.append(f"| {fmt} | {n} | " + " | ".join(cells) + f" | {all_right / n:.0%} ({all_right}/{n}) |")
    n = totals["docs"] or 1
    lines.append(
        "| **all** | "
        + str(totals["docs"])
        + " | "
        + " | ".join(f"{totals[f] / n:.0%}" for f in FIELDS)
        + f" | {totals['all'] / n:.0%} |"
    )

    # format invariance: the same five values in every format a document was measured in
    per_doc: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        per_doc[r["id"]].append(r)
    invariant = 0
    for rows in per_doc.values():
        keys = {
            json.dumps(
                [squeeze(str(r["got"].get(f))) if f != "top_headings" else r["got"].get(f) for f in FIELDS],
                ensure_ascii=False,
            )
            if not r["error"]
            else "error"
            for r in rows
        }
        invariant += len(keys) == 1
    lines += [
        "",
        f"Format invariance: {invariant} of {len(per_doc)} documents give the same five values in every measured format.",
        "",
        "## Misses by kind",
        "",
        "| field | missing | wrong | spurious (truth has none) | import error |",
        "|---|---|---|---|---|",
    ]
    kinds = Counter()
    for r, field, got in misses:
        kinds[field, "import error" if r["error"] else kind_of_miss(field, r["want"][field], got)] += 1
    for f in FIELDS:
        lines.append(
            f"| {FIELD_NAMES[f]} | {kinds[f, 'missing']} | {kinds[f, 'wrong']} | "
            f"{kinds[f, 'spurious (truth has none)']} | {kinds[f, 'import error']} |"
        )
    lines += [
        "",
        f"## Every miss ({len(misses)})",
        "",
        "| doc | format | field | expected | got |",
        "|---|---|---|---|---|",
    ]
    for r, field, got in sorted(
        misses, key=lambda m: (m[0]["id"], FORMATS.index(m[0]["format"]), FIELDS.index(m[1]))
    ):
        shown = "ERROR: " + r["error"] if r["error"] else show(got)
        lines.append(
            f"| {r['id']} | {r['format']} | {FIELD_NAMES[field]} | {show(r['want'][field])} | {shown} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated: " + ",".join(FORMATS))
    parser.add_argument("--ids", default="", help="comma-separated document ids (default: all)")
    parser.add_argument("--out", help="also write the markdown report to this file")
    args = parser.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    unknown = set(formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown format(s): {', '.join(sorted(unknown))}")
    entries = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    if args.ids:
        wanted = {i.strip() for i in args.ids.split(",")}
        entries = [e for e in entries if e["id"] in wanted]
    os.environ.setdefault("SAL_USE_VCLPLUGIN", "svp")
    text = report(measure(entries, formats), formats, entries)
    sys.stdout.write(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
