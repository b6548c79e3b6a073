"""Make arbitrary text safe to put in an OOXML document.

XML 1.0 forbids most C0 control characters, lone UTF-16 surrogates and the
non-characters U+FFFE/U+FFFF. Text pasted from PDFs and old Word files carries
them, and lxml refuses to serialise them, so they are dropped at write time.
"""

from __future__ import annotations

import re

# Tab (\x09), line feed (\x0a) and carriage return (\x0d) are legal and kept.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_xml_text(text: str) -> str:
    """Return `text` without the characters XML 1.0 cannot hold."""
    return _ILLEGAL.sub("", text)


def split_highlights(text: str, spans: tuple[tuple[int, int], ...]) -> list[tuple[str, bool]]:
    """Cut `text` into (piece, highlighted) runs, cleaned for XML.

    Offsets refer to the raw text, so cleaning happens after cutting; spans out of
    range are clipped, empty or reversed ones ignored, overlapping ones merged.
    """
    n = len(text)
    ranges = sorted((max(0, s), min(n, e)) for s, e in spans if min(n, e) > max(0, s))
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for start, end in merged:
        if start > pos:
            pieces.append((text[pos:start], False))
        pieces.append((text[start:end], True))
        pos = end
    if pos < n:
        pieces.append((text[pos:], False))
    cleaned = [(clean_xml_text(piece), marked) for piece, marked in pieces]
    return [(piece, marked) for piece, marked in cleaned if piece]
