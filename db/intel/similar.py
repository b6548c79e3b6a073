"""Tracing repeated clauses across documents: the clauses of other documents that say nearly
the same thing as a given clause, and a report of all such pairs for a set of documents.

Candidates come from the search index (db.intel.candidates); each is then scored exactly by
the Dice coefficient of character-bigram sets, and only the results shown get a full diff.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from db.intel.candidates import candidate_ids
from db.intel.records import ClauseRef, RepeatedPair, SimilarClause
from db.intel.textdiff import bigram_set, content, dice, diff
from db.library import Library
from db.selection import SelectedClause, clauses_by_id, require_clauses

# Pairs shorter than this (in comparable characters) are left out of the repeats report:
# identical headings such as （一）加强组织领导 are everywhere and trace nothing.
MIN_REPEAT_CHARS = 20


def _scored(
    lib: Library,
    text: str,
    document_id: int,
    skip: set[int],
    min_score: float,
    allowed: set[int] | None = None,
) -> list[tuple[float, SelectedClause]]:
    """Verified matches from other documents (only from `allowed` ones if given), best first."""
    ids = candidate_ids(lib.conn, text, skip)
    if not ids:
        return []
    mine = bigram_set(text)
    found = clauses_by_id(lib, ids)
    out: list[tuple[float, SelectedClause]] = []
    for clause in found.values():
        if clause.document_id == document_id or (allowed is not None and clause.document_id not in allowed):
            continue
        score = dice(mine, bigram_set(clause.text))
        if score >= min_score:
            out.append((score, clause))
    out.sort(key=lambda pair: (-pair[0], pair[1].document_id, pair[1].id))
    return out


def similar_clauses(
    lib: Library, clause_id: int, limit: int = 10, min_score: float = 0.3
) -> list[SimilarClause]:
    """Clauses in other documents that say nearly the same as clause `clause_id`, best first,
    each with its score (0..1) and the differing words. Raises ClauseNotFoundError."""
    me = require_clauses(lib, [clause_id])[0]
    return [
        SimilarClause(
            clause_id=c.id,
            document_id=c.document_id,
            title=c.title,
            doc_number=c.doc_number,
            path=c.path,
            score=round(score, 4),
            diff=diff(me.text, c.text),
            text=c.text,
        )
        for score, c in _scored(lib, me.text, me.document_id, {clause_id}, min_score)[:limit]
    ]


def _ref(c: SelectedClause) -> ClauseRef:
    return ClauseRef(c.id, c.document_id, c.title, c.doc_number, c.path, c.text)


def _clause_ids(lib: Library, document_ids: list[int] | None) -> list[int]:
    if document_ids is None:
        rows = lib.conn.execute("SELECT id FROM clauses ORDER BY document_id, position").fetchall()
        return [r[0] for r in rows]
    from db.documents import document_clauses  # raises DocumentNotFoundError for a bad id

    return [c.id for d in document_ids for c in document_clauses(lib, d)]


def repeated_pairs(
    lib: Library,
    document_ids: Iterable[int] | None = None,
    min_score: float = 0.6,
    per_clause: int = 20,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[RepeatedPair]:
    """Every pair of clauses from two different documents scoring at least `min_score`.

    With no `document_ids`, the whole library (slow on a large one: one index probe per
    clause, ~10 ms each). With two or more documents, pairs between those documents; with
    one, that document against the whole library. Each pair appears once, best first.
    Raises DocumentNotFoundError for an unknown id. on_progress(done, total) is called as
    clauses are probed (an exception it raises stops the work: that is how a caller cancels).
    """
    docs = None if document_ids is None else list(dict.fromkeys(document_ids))
    allowed = set(docs) if docs is not None and len(docs) > 1 else None
    ids = _clause_ids(lib, docs)
    clauses = clauses_by_id(lib, ids)
    seen: set[tuple[int, int]] = set()
    pairs: list[RepeatedPair] = []
    for done, clause_id in enumerate(ids):
        if on_progress is not None and done % 50 == 0:
            on_progress(done, len(ids))
        me = clauses[clause_id]
        if len(content(me.text)[0]) < MIN_REPEAT_CHARS:
            continue
        for score, other in _scored(lib, me.text, me.document_id, {clause_id}, min_score, allowed)[
            :per_clause
        ]:
            if len(content(other.text)[0]) < MIN_REPEAT_CHARS:
                continue
            a, b = sorted((me, other), key=lambda c: (c.document_id, c.id))
            if (a.id, b.id) in seen:
                continue
            seen.add((a.id, b.id))
            pairs.append(RepeatedPair(_ref(a), _ref(b), round(score, 4), diff(a.text, b.text)))
    pairs.sort(key=lambda p: (-p.score, p.a.document_id, p.a.clause_id, p.b.clause_id))
    if on_progress is not None:
        on_progress(len(ids), len(ids))
    return pairs
