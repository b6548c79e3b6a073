"""Crafted notes files for `import-notes` (issue 14, item 7): every field is checked as add_note
checks it, a bad file imports nothing, a big file imports in bounded time and memory, and a
re-import adds nothing, also for notes and briefs that carry no creation time."""

from __future__ import annotations

import json

import pytest

from db import document_clauses, list_documents, open_library
from db.briefs import list_briefs
from db.notes import list_notes
from db.transfer import export_notes, import_notes
from tests.robustness.conftest import make_small_library
from tests.robustness.crafted import digest, many_notes, notes_file
from tests.robustness.isolated import run_cli


@pytest.fixture
def library(tmp_path):
    return make_small_library(tmp_path / "library.db")


def _anchor(path) -> dict:
    with open_library(path) as lib:
        doc = list_documents(lib)[0]
        clause = document_clauses(lib, doc.id)[1]
        return {
            "sha256": doc.sha256,
            "doc_number": doc.doc_number,
            "title": doc.title,
            "path": clause.path,
            "text": clause.text,
        }


def _note(where: dict, /, **changes) -> dict:
    note = {
        "text": "会上同意",
        "meeting": "例会",
        "meeting_date": "2025-06-16",
        "span": [0, 2],
        "created_at": "2025-06-16T09:00:00",
        "updated_at": "2025-06-16T09:00:00",
        "anchor": where,
    }
    note.update(changes)
    return {k: v for k, v in note.items() if v is not ...}


BAD_NOTES = {
    "span past the clause": {"span": [0, 1_000_000]},
    "empty span": {"span": [2, 2]},
    "negative span": {"span": [-1, 2]},
    "reversed span": {"span": [3, 1]},
    "span of strings": {"span": ["0", "2"]},
    "span of booleans": {"span": [False, True]},
    "span of one number": {"span": [1]},
    "span as an object": {"span": {"start": 0, "end": 2}},
    "text a number": {"text": 12345},
    "no text": {"text": ...},
    "no anchor": {"anchor": ...},
    "anchor a string": {"anchor": "第一条"},
    "anchor text a list": {"anchor": {"text": ["推进"]}},
    "meeting an object": {"meeting": {"name": "例会"}},
    "creation time not a time": {"created_at": "yesterday'); DROP TABLE notes; --"},
}
BAD_FILES = {
    "notes an object": {"notes": {"a": 1}},
    "tag name only control characters": {"tags": [{"name": "\t\x01 "}]},
    "tag colour not a colour": {"tags": [{"name": "算力", "color": "red;background:url(x)"}]},
    "tag link without a tag": {"clause_tags": [{"anchor": {}}]},
    "brief title a number": {"briefs": [{"title": 7, "sections": []}]},
    "brief item not an object": {"briefs": [{"title": "简报", "sections": [{"title": "一", "items": [3]}]}]},
    "newer format version": {"version": 99},
}


@pytest.mark.parametrize("case", sorted(BAD_NOTES) + sorted(BAD_FILES))
def test_a_crafted_notes_file_is_refused_whole_and_changes_nothing(library, tmp_path, case):
    anchor = _anchor(library)
    good = _note(anchor, text="同一文件里的正常批注")
    if case in BAD_NOTES:
        crafted = notes_file(tmp_path / "crafted.json", [good, _note(anchor, **BAD_NOTES[case])])
    else:
        crafted = notes_file(tmp_path / "crafted.json", [good], **BAD_FILES[case])
    before = digest(library)
    backups = sorted(p.name for p in (tmp_path / "backups").glob("*"))
    outcome = run_cli("import-notes", str(crafted), "--library", str(library))
    assert outcome.returncode == 1 and "Traceback" not in outcome.stderr, outcome.stderr
    (line,) = outcome.error_lines
    assert line.startswith("policybrief: ") and ("批注文件有误" in line or "无法读取" in line), line
    assert "没有导入任何内容" in line or "无法读取" in line
    assert digest(library) == before
    assert sorted(p.name for p in (tmp_path / "backups").glob("*")) == backups  # not even a backup


def test_a_span_placed_on_a_clause_whose_text_changed_is_dropped_not_misplaced(library, tmp_path):
    """Matched by path only (the clause was reworded): the note lands there without its span."""
    anchor = _anchor(library)
    reworded = {**anchor, "text": "这是改写之前的条文文字，比现在的条文长得多得多得多得多得多得多得多。"}
    crafted = notes_file(tmp_path / "n.json", [_note(reworded, span=[10, 14])])
    with open_library(library) as lib:
        assert import_notes(lib, crafted)["notes"] == 1
        (placed,) = [n for n in list_notes(lib) if n.text == "会上同意"]
        assert placed.clause_id is not None and placed.span is None


def test_notes_and_briefs_without_a_creation_time_are_imported_once(library, tmp_path):
    anchor = _anchor(library)
    crafted = notes_file(
        tmp_path / "n.json",
        [
            _note(anchor, created_at=..., updated_at=...),
            _note({**anchor, "sha256": "x", "title": "别处"}, text="别处的批注", created_at=...),
        ],
        briefs=[{"title": "无时间的简报", "sections": [{"title": "一", "items": [{"anchor": anchor}]}]}],
    )
    with open_library(library) as lib:
        first = import_notes(lib, crafted)
        second = import_notes(lib, crafted)
        third = import_notes(lib, crafted)
        assert (first["notes"], first["briefs"]) == (2, 1)
        assert second == third == {"tags": 0, "clause_tags": 0, "notes": 0, "briefs": 0, "orphans": 0}
        assert sum(n.text == "会上同意" for n in list_notes(lib)) == 1
        assert [b.title for b in list_briefs(lib)] == ["无时间的简报"]


def test_an_export_round_trips_exactly_once(library, tmp_path):
    """The checks accept everything export_notes writes."""
    out = tmp_path / "out.json"
    with open_library(library) as lib:
        export_notes(lib, out)
    with open_library(tmp_path / "other.db") as other:
        assert import_notes(other, out)["notes"] == 1
        assert import_notes(other, out)["notes"] == 0


def test_fifty_thousand_notes_import_within_bounds_and_once(library, tmp_path):
    """A quarter of the 200,000 of benchmarks/notes_import_bench.py (docs/benchmarks.md), in a
    500 MB / 10 s child; the re-import adds nothing."""
    crafted = notes_file(tmp_path / "many.json", many_notes(50_000, _anchor(library)))
    first = run_cli("import-notes", str(crafted), "--json", "--library", str(library))
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["notes"] == 50_000
    assert first.peak_rss_mb < 500
    again = run_cli("import-notes", str(crafted), "--json", "--library", str(library))
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["notes"] == 0
