"""Property tests: the parser never raises on arbitrary text and never drops body text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from importers import DocumentError, SourceText, parse_source
from importers.clauses import build_tree
from importers.cleanup import clean_lines
from importers.metadata import extract_metadata

PIECES = st.sampled_from(
    [
        "一、",
        "（一）",
        "(二)",
        "1.",
        "2、",
        "（3）",
        "①",
        "第一章",
        "第二条",
        "专栏 4-1",
        "附件：",
        "目 录",
        "— 2 —",
        "。",
        "，",
        "：",
        "……",
        "\n",
        "\n\n",
        " ",
        "\u3000",
        "\x00",
        "\x0c",
        "数字经济",
        "算力",
        "2025年6月16日",
        "厦湖科工函〔2025〕11 号",
        "抄送：区政府办公室。",
        "翟健委员：",
        "---",
        "**",
        "12.5亿元",
        "A",
        "𠀀",
        "😀",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.booleans())
def test_parser_never_raises_unexpectedly(text, wrapped):
    try:
        doc = parse_source(SourceText(tuple(text.splitlines()), "txt", hard_wrapped=wrapped), "x.txt")
    except DocumentError:
        return
    for clause in doc.walk():
        assert clause.level >= 1 and clause.path


@settings(max_examples=300, deadline=None)
@given(TEXT, st.booleans())
def test_every_body_character_lands_in_a_clause(text, wrapped):
    lines = clean_lines(SourceText(tuple(text.splitlines()), "txt", hard_wrapped=wrapped))
    _, body = extract_metadata(lines)
    clauses = [c for top in build_tree(body) for c in top.walk()]
    assert "".join(c.text for c in clauses).replace("\n", "") == "".join(body).replace("\n", "")
