from exporters.xml_text import clean_xml_text, split_highlights


def test_illegal_characters_are_dropped_legal_ones_kept():
    raw = "a\x00b\x08c\x0bd\x0ce\x1ff\ud800g\ufffeh\uffffi\tj\nk\rl😀𠀀𪚥"
    assert clean_xml_text(raw) == "abcdefghi\tj\nk\rl😀𠀀𪚥"


def test_highlights_cut_before_cleaning_so_offsets_hold():
    text = "前\x00言重点后"
    assert split_highlights(text, ((3, 5),)) == [("前言", False), ("重点", True), ("后", False)]


def test_highlights_clipped_merged_and_bad_spans_ignored():
    text = "0123456789"
    spans = ((8, 20), (-5, 2), (1, 3), (5, 5), (7, 6))
    assert split_highlights(text, spans) == [("012", True), ("34567", False), ("89", True)]
