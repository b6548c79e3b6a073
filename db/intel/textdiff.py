"""Pure text helpers for comparing clauses: the comparable form of a text, its character
bigrams, a similarity score and a readable diff. No SQL.

Texts are compared in the search index's normalisation (NFKC + lower-case) with whitespace
dropped, because a PDF's hard line breaks (重大人才\\n工程) are not a difference an officer
cares about. Every offset handed out maps back to the original text.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from db.intel.records import DiffOp, Span, TextDiff
from db.textnorm import RUN, norm, norm_with_offsets

# Equal runs this short between two changes are folded into one change: a diff of Chinese
# text that keeps single shared characters (的, 和) reads as confetti.
MERGE_GAP = 1


def content(text: str) -> tuple[str, list[int]]:
    """The comparable form of `text` and, per character, its index in `text`."""
    normalised, origin = norm_with_offsets(text)
    keep = [i for i, ch in enumerate(normalised) if not ch.isspace()]
    return "".join(normalised[i] for i in keep), [origin[i] for i in keep]


def bigram_set(text: str) -> frozenset[str]:
    """Character bigrams inside runs of letters, digits and CJK (punctuation splits runs),
    the same units the search index stores, so candidates and scores agree."""
    compact = "".join(norm(text).split())  # content() without the offsets: this runs per candidate
    out: set[str] = set()
    for run in RUN.findall(compact):
        out.update(map(str.__add__, run, run[1:]))  # the 2-grams, without a Python-level loop
    return frozenset(out)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """2|A∩B| / (|A|+|B|): 1.0 for the same wording, about 0.1 for two unrelated policy clauses."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def similarity(a: str, b: str) -> float:
    return dice(bigram_set(a), bigram_set(b))


def _word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _raw_ops(sa: str, sb: str) -> list[list[int]]:
    matcher = SequenceMatcher(None, sa, sb, autojunk=False)
    ops: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if ops and i1 - ops[-1][1] <= MERGE_GAP:  # the equal gap is the same length on both sides
            ops[-1][1], ops[-1][3] = i2, j2
        else:
            ops.append([i1, i2, j1, j2])
    return ops


def _widen(ops: list[list[int]], sa: str, sb: str) -> list[list[int]]:
    """Grow each change to whole numbers and Latin words (2024 -> 2025, not 4 -> 5). The
    characters taken in come from the surrounding equal runs, identical on both sides."""
    out: list[list[int]] = []
    for k, (i1, i2, j1, j2) in enumerate(ops):
        floor = out[-1][1] if out else 0  # the equal run before this change starts here…
        ceiling = ops[k + 1][0] if k + 1 < len(ops) else len(sa)  # …and the one after ends here
        inner = (i1 < i2 and _word(sa[i1])) or (j1 < j2 and _word(sb[j1]))
        while inner and i1 > floor and _word(sa[i1 - 1]):
            i1, j1 = i1 - 1, j1 - 1
        inner = (i1 < i2 and _word(sa[i2 - 1])) or (j1 < j2 and _word(sb[j2 - 1]))
        while inner and i2 < ceiling and _word(sa[i2]):
            i2, j2 = i2 + 1, j2 + 1
        if out and i1 <= out[-1][1]:
            out[-1][1], out[-1][3] = max(out[-1][1], i2), max(out[-1][3], j2)
        else:
            out.append([i1, i2, j1, j2])
    return out


def _span(origin: list[int], start: int, end: int, length: int) -> Span:
    if start == end:  # an insertion point
        position = origin[start] if start < len(origin) else length
        return (position, position)
    return (origin[start], origin[end - 1] + 1)


def diff(a: str, b: str) -> TextDiff:
    """The changes that turn `a` into `b`, as spans of the original texts."""
    sa, oa = content(a)
    sb, ob = content(b)
    ops: list[DiffOp] = []
    for i1, i2, j1, j2 in _widen(_raw_ops(sa, sb), sa, sb):
        tag = "replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert"
        ops.append(DiffOp(tag, _span(oa, i1, i2, len(a)), _span(ob, j1, j2, len(b))))
    return TextDiff(
        tuple(ops),
        tuple(op.a for op in ops if op.a[0] < op.a[1]),
        tuple(op.b for op in ops if op.b[0] < op.b[1]),
    )


def same_content(a: str, b: str) -> bool:
    """Equal once normalised and whitespace is ignored (a re-wrapped copy is the same text)."""
    return content(a)[0] == content(b)[0]
