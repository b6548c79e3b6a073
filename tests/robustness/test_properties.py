"""Property tests (Hypothesis): whatever an officer types or pastes, nothing raises and nothing
is silently changed beyond the documented cleaning.

"Arbitrary" text here is any Unicode except lone surrogates (a Qt text box or the clipboard
cannot produce them, and SQLite cannot store them): CJK, emoji, combining marks, control
characters, NUL, RTL marks, full-width forms, query syntax.

What "round-trips exactly" means:
- a note's text is stored and read back unchanged, bar NUL (db.notes drops it);
- a tag's name is stored as db.tags.clean_name(input): NFC, control characters (Cc) removed,
  outer whitespace stripped; a name that cleans to nothing is refused with a LibraryError;
  and the input finds the stored tag again (its key is the same).
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db import LibraryError, document_clauses, list_documents, open_library, search
from db.notes import add_note, get_note, update_note
from db.tags import clean_name, find_tag, tag_clauses, tag_key, tags_of_clause
from exporters.brief import Brief, BriefItem, BriefNote, BriefSection, SourceDoc
from exporters.docx_writer import build_document
from exporters.xml_text import clean_xml_text
from tests.robustness.conftest import make_small_library

# No lone surrogates (category Cs); everything else, including Cc (NUL, tabs, escapes).
CHARS = st.characters(exclude_categories=("Cs",))
ANY_TEXT = st.text(CHARS, max_size=80)
# Text that looks like what officers search for and the query syntax, mixed with anything.
QUERY_TOKENS = st.sampled_from(
    ["算力", "数字 经济", '"游戏出海"', "-游戏", "OR", "AND", "NOT", "(", ")", "*", "^", ":", '"', "－", "｜"]
)
QUERIES = st.one_of(ANY_TEXT, st.lists(st.one_of(QUERY_TOKENS, ANY_TEXT), max_size=8).map(" ".join))
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    """One small library for all examples (examples only add rows; none depends on another)."""
    path = make_small_library(tmp_path_factory.mktemp("props") / "library.db")
    library = open_library(path)
    yield library
    library.close()


@pytest.fixture(scope="module")
def clause_id(lib) -> int:
    return document_clauses(lib, list_documents(lib)[0].id)[1].id


@SETTINGS
@given(query=QUERIES, tag=st.one_of(st.none(), ANY_TEXT), issuer=st.one_of(st.none(), ANY_TEXT))
def test_search_never_raises(lib, query, tag, issuer):
    result = search(lib, query, tag=tag, issuer=issuer, limit=5)
    assert result.total >= len(result.hits)
    for hit in result.hits:
        for start, end in hit.spans:
            assert 0 <= start <= end <= len(hit.snippet)


@SETTINGS
@given(since=ANY_TEXT, until=ANY_TEXT, offset=st.integers(-5, 50), limit=st.integers(-5, 50))
def test_search_filters_and_paging_never_raise(lib, since, until, offset, limit):
    search(lib, "数字", since=since, until=until, offset=offset, limit=limit)


@SETTINGS
@given(text=st.text(CHARS, max_size=2000))
def test_note_text_round_trips_exactly(lib, clause_id, text):
    note = add_note(lib, clause_id, text)
    assert get_note(lib, note.id).text == text.replace("\x00", "")
    edited = update_note(lib, note.id, text + "✍️")
    assert get_note(lib, edited.id).text == (text + "✍️").replace("\x00", "")


@SETTINGS
@given(name=st.text(CHARS, min_size=1, max_size=40))
def test_tag_names_round_trip_as_cleaned(lib, clause_id, name):
    try:
        expected = clean_name(name)
    except LibraryError:
        with pytest.raises(LibraryError):
            tag_clauses(lib, [clause_id], [name]) if name.strip() else _create(lib, name)
        return
    assert expected == expected.strip() and unicodedata.is_normalized("NFC", expected)
    assert not any(unicodedata.category(ch) == "Cc" for ch in expected)
    existing = find_tag(lib, name)
    tag_clauses(lib, [clause_id], [name])
    stored = find_tag(lib, name)
    assert stored is not None, f"{name!r} does not find the tag it created"
    assert tag_key(stored.name) == tag_key(name)
    if existing is None:
        assert stored.name == expected  # a new tag keeps exactly the cleaned name
    assert stored.id in {t.id for t in tags_of_clause(lib, clause_id)}


def _create(lib, name: str) -> None:
    from db.tags import create_tag

    create_tag(lib, name)


def _document_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


_BREAKS = re.compile(r"\r\n|\r|\n")


@settings(max_examples=40, deadline=None)
@given(
    clause=st.text(CHARS, min_size=1, max_size=300),
    note=ANY_TEXT,
    title=ANY_TEXT,
    heading=ANY_TEXT,
    doc_title=ANY_TEXT,
    tags=st.lists(ANY_TEXT, max_size=3),
    span=st.tuples(st.integers(-10, 400), st.integers(-10, 400)),
    table=st.booleans(),
)
def test_export_of_arbitrary_text_never_raises_and_opens(
    tmp_path_factory, clause, note, title, heading, doc_title, tags, span, table
):
    item = BriefItem(
        1,
        clause,
        "一/（一）",
        "（一）",
        heading,
        SourceDoc(doc_title, "厦湖科工函〔2025〕13号", "湖里区", "2025-06-16"),
        notes=(BriefNote(note, meeting=title, span=span),),
        highlights=(span,),
        tags=tuple(tags),
    )
    brief = Brief(title, subtitle=note, sections=(BriefSection(heading, (item,)),), include_table=table)
    data = io.BytesIO()
    build_document(brief).save(data)
    text = _document_text(data.getvalue())
    # The clause is all there, bar what XML cannot hold; line breaks may become paragraph or
    # line breaks, so compare line by line.
    for line in _BREAKS.split(clean_xml_text(clause)):
        assert line.strip() in text


def test_export_writes_to_disk_too(tmp_path: Path):
    """The property above builds in memory; this is the same path through write_brief."""
    from exporters.docx_writer import write_brief

    brief = Brief("😀\x00标题", sections=(BriefSection("\x07节", (_plain_item("条文\x0b内容🀄"),)),))
    target = write_brief(brief, tmp_path / "简报.docx")
    assert "条文内容🀄" in _document_text(target.read_bytes())


def _plain_item(text: str) -> BriefItem:
    return BriefItem(1, text, "一", "一、", "", SourceDoc("文件"))
