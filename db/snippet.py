"""Snippets of the ORIGINAL clause text with match spans, found in Python (no SQL).

The index holds bigrams, not text, so FTS5 cannot highlight; matching here on the raw text
with the same normalisation as the index is exact and costs well under 0.1 ms per hit.
"""

from __future__ import annotations

from db.textnorm import norm, norm_with_offsets

ELLIPSIS = "…"


def match_spans(text: str, words: tuple[str, ...] | list[str]) -> list[tuple[int, int]]:
    """Merged [start, end) spans of every occurrence of any word, as offsets into `text`."""
    needles = {norm(w) for w in words} - {""}
    if not needles or not text:
        return []
    normalised, origin = norm_with_offsets(text)
    found: list[tuple[int, int]] = []
    for needle in needles:
        start = normalised.find(needle)
        while start != -1:
            end = start + len(needle)
            found.append((origin[start], origin[end - 1] + 1))
            start = normalised.find(needle, start + 1)
    found.sort()
    merged: list[tuple[int, int]] = []
    for s, e in found:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def make_snippet(
    text: str, words: tuple[str, ...] | list[str], width: int = 100, before: int = 24
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A ~`width`-character window around the first match and the match spans inside it.

    "…" marks a cut end; spans are offsets into the returned snippet. A match cut by the
    window edge is clipped to the visible part.
    """
    spans = match_spans(text, words)
    first = spans[0][0] if spans else 0
    start = max(0, first - before)
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))  # near the end: show a full window anyway
    lead = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    shift = len(lead) - start
    visible = tuple((max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start)
    return lead + text[start:end] + tail, visible


def mark(snippet: str, spans: tuple[tuple[int, int], ...], pre: str = "【", post: str = "】") -> str:
    """The snippet with each span wrapped in markers, for plain-text output."""
    out, last = [], 0
    for s, e in spans:
        out.append(snippet[last:s] + pre + snippet[s:e] + post)
        last = e
    out.append(snippet[last:])
    return "".join(out)
