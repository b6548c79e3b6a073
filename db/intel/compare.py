"""Two versions of a document compared clause by clause (征求意见稿 vs 正式稿, a plan and its
successor): which clauses were added, removed, changed (with the differing words) or kept.

Clauses are paired the way a re-import pairs them (db.versions.match_clauses: same path and
text, same text, same path and similar text, then a moved and lightly edited clause), so the
comparison agrees with what happens to the officer's notes when the new version is imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from db.documents import document_clauses, get_document
from db.intel.records import Comparison, ComparisonRow, DiffOp, TextDiff
from db.intel.textdiff import diff, same_content, similarity
from db.library import Library
from db.versions import match_clauses
from importers.model import ParsedDocument

_NO_DIFF = TextDiff((), (), ())


def _whole(text: str, removed: bool) -> TextDiff:
    """A removed (or added) clause: all of its text is the difference."""
    span = (0, len(text))
    if removed:
        return TextDiff((DiffOp("delete", span, (0, 0)),), (span,), ())
    return TextDiff((DiffOp("insert", (0, 0), span),), (), (span,))


@dataclass(frozen=True)
class _Side:
    """What comparing needs of a clause, whether stored (id) or only parsed (id None)."""

    id: int | None
    path: str
    text: str


def _rows(old: Sequence[_Side], new: Sequence[_Side]) -> tuple[ComparisonRow, ...]:
    keyed = [(i, side.path, side.text) for i, side in enumerate(old)]
    assigned = match_clauses(keyed, list(new))  # indexes into `old`, or None
    rows: list[ComparisonRow] = []
    matched = {i for i in assigned if i is not None}
    emitted = 0  # old clauses before this index are already in `rows`

    def removed_up_to(limit: int) -> None:
        nonlocal emitted
        for i in range(emitted, limit):
            if i not in matched:
                o = old[i]
                rows.append(
                    ComparisonRow("removed", o.path, "", o.text, "", o.id, None, 0.0, _whole(o.text, True))
                )
        emitted = max(emitted, limit)

    for n, i in zip(new, assigned, strict=True):
        if i is None:
            rows.append(
                ComparisonRow("added", "", n.path, "", n.text, None, n.id, 0.0, _whole(n.text, False))
            )
            continue
        removed_up_to(i)  # a removed clause shows where it stood in the old version
        o = old[i]
        if same_content(o.text, n.text):
            rows.append(ComparisonRow("same", o.path, n.path, o.text, n.text, o.id, n.id, 1.0, _NO_DIFF))
        else:
            score = round(similarity(o.text, n.text), 4)
            rows.append(
                ComparisonRow(
                    "changed", o.path, n.path, o.text, n.text, o.id, n.id, score, diff(o.text, n.text)
                )
            )
    removed_up_to(len(old))
    return tuple(rows)


def compare_parsed(old: ParsedDocument, new: ParsedDocument) -> Comparison:
    """Compare two parsed files (neither needs to be in the library)."""
    return Comparison(
        old.metadata.title,
        new.metadata.title,
        _rows(
            [_Side(None, c.path, c.text) for c in old.walk()],
            [_Side(None, c.path, c.text) for c in new.walk()],
        ),
        old.metadata.issued_date,
        new.metadata.issued_date,
        old.metadata.doc_number,
        new.metadata.doc_number,
    )


def compare_documents(lib: Library, old_doc_id: int, new_doc_id: int) -> Comparison:
    """Compare two library documents. Raises DocumentNotFoundError."""
    old_doc, new_doc = get_document(lib, old_doc_id), get_document(lib, new_doc_id)
    return Comparison(
        old_doc.title,
        new_doc.title,
        _rows(
            [_Side(c.id, c.path, c.text) for c in document_clauses(lib, old_doc_id)],
            [_Side(c.id, c.path, c.text) for c in document_clauses(lib, new_doc_id)],
        ),
        old_doc.issued_date,
        new_doc.issued_date,
        old_doc.doc_number,
        new_doc.doc_number,
    )
