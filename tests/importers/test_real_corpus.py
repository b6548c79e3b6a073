"""The real-document corpus (tests/corpus/real): truth.json is well formed and every truth string is in its text.

These tests check the *data*, not the importer. How well the importer reads these documents is
measured by `python -m tests.importers.corpus_report` (results in docs/corpus-report.md).
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "real"
DOCS = CORPUS / "docs"
REQUIRED = {
    "id": str,
    "file": str,
    "source": str,
    "genre": str,
    "level": str,
    "top_headings": list,
    "notes": str,
}
NULLABLE = {"title": str, "year": int, "doc_number": str, "issuer": str, "issued_date": str}
OPTIONAL = {"html_file": str, "original_file": str, "head_meta": list}


def load_truth() -> list[dict]:
    return json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))


TRUTH = load_truth()


def squeeze(text: str) -> str:
    """Drop every kind of whitespace (titles and names are often broken over lines or spaced out)."""
    return re.sub(r"[\s\u3000\xa0]+", "", text)


def brackets(text: str) -> str:
    """The one normalisation the truth applies to 文号: square brackets become 〔〕."""
    return text.replace("[", "〔").replace("［", "〔").replace("]", "〕").replace("］", "〕")


def html_text(raw: str) -> str:
    raw = re.sub(r"(?s)<!--.*?-->", "", raw)
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", raw)
    raw = re.sub(r"(?i)<br\s*/?>|</(p|div|li|tr|td|h\d|table)>", "\n", raw)
    return html.unescape(re.sub(r"<[^>]+>", "", raw))


def texts(entry: dict) -> dict[str, str]:
    out = {entry["file"]: (DOCS / entry["file"]).read_text(encoding="utf-8")}
    if entry.get("html_file"):
        out[entry["html_file"]] = html_text((DOCS / entry["html_file"]).read_text(encoding="utf-8"))
    return out


def test_ids_are_unique_and_numbered():
    ids = [e["id"] for e in TRUTH]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"\d{3}", i) for i in ids)
    assert len(TRUTH) >= 60


@pytest.mark.parametrize("entry", TRUTH, ids=lambda e: e["id"])
def test_entry_is_well_formed(entry):
    for key, kind in REQUIRED.items():
        assert isinstance(entry.get(key), kind), key
    for key, kind in NULLABLE.items():
        assert key in entry, key
        assert entry[key] is None or isinstance(entry[key], kind), key
    for key in set(entry) - set(REQUIRED) - set(NULLABLE):
        assert key in OPTIONAL, f"unknown field {key}"
        assert isinstance(entry[key], OPTIONAL[key]), key
    assert all(isinstance(h, str) and h for h in entry["top_headings"])
    if entry["title"] is not None:
        assert entry["title"].strip() == entry["title"] and entry["title"]
    for key in ("file", "html_file", "original_file"):
        if entry.get(key):
            assert entry[key].startswith(entry["id"] + "."), key
            assert (DOCS / entry[key]).is_file(), entry[key]
    if entry["issued_date"] is not None:
        assert date.fromisoformat(entry["issued_date"]).isoformat() == entry["issued_date"]
        assert entry["year"] == int(entry["issued_date"][:4])
    if entry["doc_number"] is not None:
        assert "[" not in entry["doc_number"] and "]" not in entry["doc_number"]
        assert entry["doc_number"] == entry["doc_number"].strip()
    if entry["issuer"] is not None:
        assert entry["issuer"] == entry["issuer"].strip() and "  " not in entry["issuer"]


@pytest.mark.parametrize("entry", TRUTH, ids=lambda e: e["id"])
def test_truth_strings_occur_in_the_text(entry):
    for name, text in texts(entry).items():
        flat = squeeze(text)
        if entry["title"]:
            assert squeeze(entry["title"]) in flat, f"title not in {name}"
        if entry["doc_number"]:
            assert squeeze(entry["doc_number"]) in brackets(flat), f"文号 not in {name}"
        if entry["issuer"]:
            for part in entry["issuer"].split("、"):
                assert squeeze(part) in flat, f"issuer part {part!r} not in {name}"


@pytest.mark.parametrize("entry", TRUTH, ids=lambda e: e["id"])
def test_top_headings_occur_in_order_at_line_starts(entry):
    for name, text in texts(entry).items():
        pos = 0
        for label in entry["top_headings"]:
            found = re.compile(r"(?m)^[\s#*\u3000\xa0]*" + re.escape(label)).search(text, pos)
            assert found, f"{label!r} not found in order in {name} (after offset {pos})"
            pos = found.end()


@pytest.mark.parametrize(
    "entry", [e for e in TRUTH if e.get("original_file", "").endswith(".md")], ids=lambda e: e["id"]
)
def test_markdown_originals_are_the_text(entry):
    assert (DOCS / entry["original_file"]).read_bytes() == (DOCS / entry["file"]).read_bytes()


def test_readme_names_every_document():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for entry in TRUTH:
        assert f"| {entry['id']} |" in readme, entry["id"]
