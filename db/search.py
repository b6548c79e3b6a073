"""Full-text search over clauses: a bigram FTS5 index for recall and bm25 ranking, Python
for exact verification and snippets. Design and measurements: docs/decisions/002-bigram-fts-index.md.

Pitfalls kept away from (research/fts.md §9): the MATCH is always the outer loop and never
sits inside `rowid IN (SELECT ... MATCH ...)`, which would run one search per id.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from db import segment
from db.library import Library
from db.query import Plan, build_plan, plan_query, single_unspaced_word
from db.records import SearchHit, SearchResult
from db.snippet import make_snippet
from db.textnorm import RUN, norm

_FROM = "FROM clause_fts f JOIN clauses c ON c.id = f.rowid JOIN documents d ON d.id = c.document_id"
_ORDER = "ORDER BY f.rank, d.issued_date DESC, c.id"  # bm25, then newest document first


def search(
    lib: Library,
    query: str,
    *,
    limit: int = 20,
    offset: int = 0,
    document_ids: Sequence[int] | None = None,
    issuer: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> SearchResult:
    """Clauses matching `query` (see db.query for the syntax), best first, with snippets.

    Every clause whose text contains every query word (NFKC + case-insensitive) is counted
    in `total`. Never raises on odd input: what cannot be searched returns no hits.
    """
    where, params = _filters(document_ids, issuer, since, until)
    plan = plan_query(query)
    total, page = _run(lib.conn, plan, where, params, max(0, limit), max(0, offset))
    resplit = False
    word = single_unspaced_word(query) if total == 0 else None
    if word:
        pieces = [p for p in segment.cut(word) if RUN.search(norm(p))]
        if len(pieces) > 1:
            plan = build_plan([[p] for p in pieces], [])
            total, page = _run(lib.conn, plan, where, params, max(0, limit), max(0, offset))
            resplit = True
    return SearchResult(total, _hits(lib.conn, page, plan.words), plan.words, resplit)


def matching_clause_ids(lib: Library, query: str, **filters) -> list[int]:
    """Every matching clause id in rank order (no re-split, no snippets): "select all results"."""
    where, params = _filters(**filters)
    plan = plan_query(query)
    if not plan.match:
        return []
    rows = lib.conn.execute(
        f"SELECT f.rowid, c.text {_FROM} WHERE clause_fts MATCH ?{where} {_ORDER}", (plan.match, *params)
    ).fetchall()
    return [i for i, text in rows if not plan.verify or plan.accepts(norm(text))]


def _filters(
    document_ids: Sequence[int] | None = None,
    issuer: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> tuple[str, list]:
    """SQL conditions on c (clauses) and d (documents), each prefixed with AND."""
    where: list[str] = []
    params: list = []
    if document_ids is not None:
        ids = [int(i) for i in document_ids]
        where.append(f"c.document_id IN ({', '.join('?' * len(ids))})" if ids else "0")
        params.extend(ids)
    if issuer:
        where.append("instr(d.issuer, ?) > 0")
        params.append(issuer)
    if since:  # ISO prefix compare: since 2022-03 keeps 2022-03-15 and 2023
        where.append("d.issued_date != '' AND substr(d.issued_date, 1, length(?)) >= ?")
        params.extend([since, since])
    if until:  # until 2022 keeps 2022-12-31
        where.append("d.issued_date != '' AND substr(d.issued_date, 1, length(?)) <= ?")
        params.extend([until, until])
    # Tag and has-note filters (tags engineer): add e.g.
    #   EXISTS (SELECT 1 FROM document_tags t WHERE t.document_id = d.id AND t.tag = ?)
    # here, as keyword arguments of search() and matching_clause_ids().
    return "".join(" AND " + w for w in where), params


def _run(conn: sqlite3.Connection, plan: Plan, where: str, params: list, limit: int, offset: int):
    """(total, [(clause_id, score)] for the page)."""
    if not plan.match:
        return 0, []
    if plan.verify:  # the index gives a superset: check every candidate's text in Python
        rows = conn.execute(
            f"SELECT f.rowid, f.rank, c.text {_FROM} WHERE clause_fts MATCH ?{where} {_ORDER}",
            (plan.match, *params),
        ).fetchall()
        kept = [(i, rank) for i, rank, text in rows if plan.accepts(norm(text))]
        return len(kept), kept[offset : offset + limit]
    if where:
        count_sql = f"SELECT count(*) {_FROM} WHERE clause_fts MATCH ?{where}"
    else:
        count_sql = "SELECT count(*) FROM clause_fts WHERE clause_fts MATCH ?"
    total = conn.execute(count_sql, (plan.match, *params)).fetchone()[0]
    if total == 0 or limit == 0:
        return total, []
    page = conn.execute(
        f"SELECT f.rowid, f.rank {_FROM} WHERE clause_fts MATCH ?{where} {_ORDER} LIMIT ? OFFSET ?",
        (plan.match, *params, limit, offset),
    ).fetchall()
    return total, page


def _hits(conn: sqlite3.Connection, page: list, words: tuple[str, ...]) -> tuple[SearchHit, ...]:
    if not page:
        return ()
    ids = [i for i, _ in page]
    rows = conn.execute(
        "SELECT c.id, c.document_id, d.title, d.doc_number, d.issuer, d.issued_date, c.path, c.label,"
        f" c.heading, c.text FROM clauses c JOIN documents d ON d.id = c.document_id"
        f" WHERE c.id IN ({', '.join('?' * len(ids))})",
        ids,
    ).fetchall()
    by_id = {r[0]: r for r in rows}
    hits = []
    for clause_id, score in page:
        r = by_id[clause_id]
        snippet, spans = make_snippet(r[9], words)
        hits.append(SearchHit(*r, snippet=snippet, spans=spans, score=float(score)))
    return tuple(hits)
