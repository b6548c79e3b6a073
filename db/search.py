"""Full-text search over clauses: a bigram FTS5 index for recall and bm25 ranking, Python
for exact verification and snippets. Design and measurements: docs/decisions/002-bigram-fts-index.md.

How a page is found (each step measured at 200k clauses, docs/benchmarks.md):
1. `ORDER BY bm25(clause_fts, weight) LIMIT n` on the FTS table alone, the weight giving
   FTS5's exact bm25 from the length kept in each index rowid (db/ranking.py: ~4x faster than
   FTS5 reading its own length table). SQLite's sorter keeps only the best n rows; FTS5's
   `ORDER BY rank` sorts every hit in a nested statement first. No join here: joining every
   hit to clauses and documents just to break ties by date cost another ~0.5 µs per hit.
2. The date tie-break is applied in Python to those n rows (n = offset + limit + a margin).
   If equal scores run past the n-th row, the exact join-and-sort statement runs instead.
3. `count(*)` only when the page query came back full (counting is ~20x cheaper than bm25).

Pitfalls kept away from (research/fts.md §9): the MATCH is always the outer loop (CROSS JOIN
pins the order) and never sits inside `rowid IN (SELECT ... MATCH ...)`, which would run one
search per id.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from db import integrity, segment
from db.fts import CLAUSE_ID, TOKENS
from db.library import Library
from db.query import Plan, build_plan, plan_query, single_unspaced_word
from db.ranking import weight_terms
from db.records import SearchHit, SearchResult
from db.snippet import make_snippet
from db.tags import tag_key
from db.textnorm import RUN, norm

# Extra rows fetched past the page so that a run of equal bm25 scores at the page edge can
# still be ordered by date without re-running the search (ties are common: repeated short
# headings score the same).
TIE_MARGIN = 256
# FTS5's bm25 with each hit's real length (db/ranking.py); binds the two weight terms.
_BM25 = f"bm25(clause_fts, 1.0 / (? + ? * {TOKENS}))"
_JOIN_C = f" CROSS JOIN clauses c ON c.id = {CLAUSE_ID}"
_JOIN_D = " CROSS JOIN documents d ON d.id = c.document_id"
_ORDER = f"ORDER BY {_BM25}, d.issued_date DESC, c.id"  # bm25, then newest document first
# Each hit's details: SearchHit's fields, named, so a column added or moved cannot shift them.
_HIT_COLUMNS = {
    "clause_id": "c.id",
    "document_id": "c.document_id",
    "title": "d.title",
    "doc_number": "d.doc_number",
    "issuer": "d.issuer",
    "issued_date": "d.issued_date",
    "path": "c.path",
    "label": "c.label",
    "heading": "c.heading",
    "text": "c.text",
}
_DETAILS = (
    f"SELECT {', '.join(_HIT_COLUMNS.values())}"
    " FROM clauses c JOIN documents d ON d.id = c.document_id WHERE c.id IN "
)
_CHUNK = 5000  # ids per IN (...) list, well under SQLite's 32,766 variables


@dataclass(frozen=True)
class _Filter:
    """SQL conditions on the clause id of index row f, each prefixed with AND, and their parameters."""

    where: str = ""
    params: tuple[object, ...] = ()
    empty: bool = False  # nothing can pass (an unknown tag, an empty document list)


_NO_FILTER = _Filter()


P = ParamSpec("P")
R = TypeVar("R")


def _guarded(fn: Callable[Concatenate[Library, P], R]) -> Callable[Concatenate[Library, P], R]:
    """A damaged search index must not surface as a traceback: SQLite's corruption errors become
    a SearchIndexDamagedError offering `rebuild-index` (or a DamagedLibraryError)."""

    @functools.wraps(fn)
    def wrapper(lib: Library, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(lib, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            if not integrity.is_corruption(exc):
                raise
            if exc.sqlite_errorname == "SQLITE_CORRUPT_VTAB" or "fts" in str(exc).lower():
                raise integrity.index_damaged(Path(lib.path).name) from exc
            raise integrity.damaged(Path(lib.path), str(exc)) from exc

    return wrapper


@_guarded
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
    tag: str | None = None,
    has_note: bool | None = None,
) -> SearchResult:
    """Clauses matching `query` (see db.query for the syntax), best first, with snippets.

    Every clause whose text contains every query word (NFKC + case-insensitive) is counted
    in `total`. Filters: `tag` keeps clauses carrying that tag (an unknown tag finds nothing),
    `has_note` True/False keeps clauses with/without a note. Never raises on odd input: what
    cannot be searched returns no hits.
    """
    filt = _filters(lib.conn, document_ids, issuer, since, until, tag, has_note)
    plan = plan_query(query)
    limit, offset = max(0, limit), max(0, offset)
    if filt.empty:
        return SearchResult(0, (), plan.words, False)
    total, page = _run(lib.conn, plan, filt, limit, offset)
    resplit = False
    word = single_unspaced_word(query) if total == 0 else None
    if word:
        pieces = [p for p in segment.cut(word) if RUN.search(norm(p))]
        if len(pieces) > 1:
            plan = build_plan([[p] for p in pieces], [])
            total, page = _run(lib.conn, plan, filt, limit, offset)
            resplit = True
    return SearchResult(total, _hits(page, plan.words), plan.words, resplit)


@_guarded
def matching_clause_ids(
    lib: Library,
    query: str,
    *,
    document_ids: Sequence[int] | None = None,
    issuer: str | None = None,
    since: str | None = None,
    until: str | None = None,
    tag: str | None = None,
    has_note: bool | None = None,
) -> list[int]:
    """Every matching clause id in rank order (no re-split, no snippets): "select all results"."""
    filt = _filters(lib.conn, document_ids, issuer, since, until, tag, has_note)
    plan = plan_query(query)
    if not plan.match or filt.empty:
        return []
    # The full order needs the date of every hit, so this joins everything (it returns all ids).
    text = ", c.text" if plan.verify else ""
    rows = lib.conn.execute(
        f"SELECT c.id{text} FROM clause_fts f{_JOIN_C}{_JOIN_D}"
        f" WHERE clause_fts MATCH ?{filt.where} {_ORDER}",
        (plan.match, *filt.params, *weight_terms(lib.conn)),
    ).fetchall()
    if not plan.verify:
        return [r[0] for r in rows]
    return [i for i, t in rows if plan.accepts(norm(t))]


def _filters(
    conn: sqlite3.Connection,
    document_ids: Sequence[int] | None = None,
    issuer: str | None = None,
    since: str | None = None,
    until: str | None = None,
    tag: str | None = None,
    has_note: bool | None = None,
) -> _Filter:
    """Every filter as `+CLAUSE_ID IN (SELECT clause ids ...)`: SQLite builds each id list once
    per statement from covering indexes, then each hit costs one in-memory probe. Joining
    every hit to clauses/documents instead read a page of the big clauses table per hit (2-7x
    slower at 200k clauses, docs/benchmarks.md). The IN list must never reach FTS5 as a rowid
    constraint, which would run one MATCH per listed id (research/fts.md §9): the clause id is
    an expression of the rowid, and the unary `+` says so to any reader.
    """
    doc_where: list[str] = []
    params: list[object] = []
    if document_ids is not None:
        ids = [int(i) for i in document_ids]
        if not ids:
            return _Filter(empty=True)
        doc_where.append(f"d.id IN ({', '.join('?' * len(ids))})")
        params.extend(ids)
    if issuer:
        doc_where.append("instr(d.issuer, ?) > 0")
        params.append(issuer)
    if since:  # ISO prefix compare: since 2022-03 keeps 2022-03-15 and 2023
        doc_where.append("d.issued_date != '' AND substr(d.issued_date, 1, length(?)) >= ?")
        params.extend([since, since])
    if until:  # until 2022 keeps 2022-12-31
        doc_where.append("d.issued_date != '' AND substr(d.issued_date, 1, length(?)) <= ?")
        params.extend([until, until])
    where: list[str] = []
    if doc_where:
        where.append(
            f"+{CLAUSE_ID} IN (SELECT c.id FROM clauses c WHERE c.document_id IN"
            f" (SELECT d.id FROM documents d WHERE {' AND '.join(doc_where)}))"
        )
    if tag is not None:
        row = conn.execute("SELECT id FROM tags WHERE name_key = ?", (tag_key(tag),)).fetchone()
        if row is None:
            return _Filter(empty=True)  # an unknown tag is on no clause: no hits, no error
        where.append(f"+{CLAUSE_ID} IN (SELECT ct.clause_id FROM clause_tags ct WHERE ct.tag_id = ?)")
        params.append(row[0])
    if has_note is not None:
        # NOT IN over a NULL is never true: orphaned notes (clause_id NULL) must stay out.
        notes = "(SELECT n.clause_id FROM notes n WHERE n.clause_id IS NOT NULL)"
        where.append(f"+{CLAUSE_ID} {'IN' if has_note else 'NOT IN'} {notes}")
    if not where:
        return _NO_FILTER
    return _Filter("".join(" AND " + w for w in where), tuple(params))


# A scored clause id, and a page entry: its score with the details row (_HIT_COLUMNS).
Scored = tuple[int, float]
PageRow = tuple[float, tuple[object, ...]]


def _run(
    conn: sqlite3.Connection, plan: Plan, filt: _Filter, limit: int, offset: int
) -> tuple[int, list[PageRow]]:
    """(total, [(score, details row)] for the page)."""
    if not plan.match:
        return 0, []
    if plan.verify:
        return _run_verified(conn, plan, filt, limit, offset)
    args = (plan.match, *filt.params)
    from_where = f"FROM clause_fts f WHERE clause_fts MATCH ?{filt.where}"
    if limit == 0:
        total: int = conn.execute(f"SELECT count(*) {from_where}", args).fetchone()[0]
        return total, []
    want = offset + limit
    fetch = want + TIE_MARGIN
    weights = weight_terms(conn)
    top = conn.execute(
        f"SELECT {CLAUSE_ID}, {_BM25} AS score {from_where} ORDER BY score LIMIT ?", (*weights, *args, fetch)
    ).fetchall()
    if len(top) < fetch:
        total = len(top)  # every hit is in `top`: no count needed
    else:
        total = conn.execute(f"SELECT count(*) {from_where}", args).fetchone()[0]
    if offset >= len(top):
        return total, []
    edge = top[min(want, len(top)) - 1][1]  # the worst score that reaches the page
    candidates = [r for r in top if r[1] <= edge]  # SQL order: a prefix of `top`
    if len(candidates) == len(top) == fetch:
        # Rows tied at `edge` run past what was fetched: the page takes the newest of them,
        # and only SQL can see them all (one more bm25 pass; needs > TIE_MARGIN equal scores).
        better = [r for r in top if r[1] < edge]
        tied = conn.execute(
            f"SELECT c.id, {_BM25} FROM clause_fts f{_JOIN_C}{_JOIN_D}"
            f" WHERE clause_fts MATCH ?{filt.where} AND {_BM25} = ? ORDER BY d.issued_date DESC, c.id LIMIT ?",
            (*weights, *args, *weights, edge, want - len(better)),
        ).fetchall()
        candidates = better + tied
    return total, _with_details(conn, _ordered(conn, candidates)[offset:want])


def _run_verified(
    conn: sqlite3.Connection, plan: Plan, filt: _Filter, limit: int, offset: int
) -> tuple[int, list[PageRow]]:
    """The index gives a superset: check every candidate's text in Python, then order."""
    rows = conn.execute(
        f"SELECT c.id, {_BM25}, c.text, d.issued_date FROM clause_fts f{_JOIN_C}{_JOIN_D}"
        f" WHERE clause_fts MATCH ?{filt.where}",
        (*weight_terms(conn), plan.match, *filt.params),
    ).fetchall()
    kept = [(r[1], r[3], r[0]) for r in rows if plan.accepts(norm(r[2]))]
    kept.sort(key=lambda k: k[2])  # stable sorts: id, then date newest first, then score
    kept.sort(key=lambda k: k[1], reverse=True)
    kept.sort(key=lambda k: k[0])
    page = [(i, score) for score, _, i in kept[offset : offset + limit]]
    return len(kept), _with_details(conn, page)


def _with_details(conn: sqlite3.Connection, scored: list[Scored]) -> list[PageRow]:
    """[(score, details row)] in the order of `scored` ([(clause id, score)])."""
    if not scored:
        return []
    rows = conn.execute(_DETAILS + f"({', '.join('?' * len(scored))})", [i for i, _ in scored]).fetchall()
    by_id = {r[0]: r for r in rows}
    return [(score, by_id[i]) for i, score in scored if i in by_id]


def _ordered(conn: sqlite3.Connection, scored: list[Scored]) -> list[Scored]:
    """[(clause id, score)] in the SQL order `bm25, d.issued_date DESC, c.id`."""
    dates: dict[int, str] = {}
    for k in range(0, len(scored), _CHUNK):  # a deep page can have many candidates
        ids = [i for i, _ in scored[k : k + _CHUNK]]
        sql = "SELECT c.id, d.issued_date FROM clauses c JOIN documents d ON d.id = c.document_id WHERE c.id IN "
        dates.update(conn.execute(sql + f"({', '.join('?' * len(ids))})", ids).fetchall())
    ordered = sorted(scored)  # by id for equal score and date (ids are unique: score is not compared)
    ordered.sort(key=lambda r: dates.get(r[0], ""), reverse=True)  # reverse keeps equal keys in order
    ordered.sort(key=lambda r: r[1])
    return ordered


def _hits(page: list[PageRow], words: tuple[str, ...]) -> tuple[SearchHit, ...]:
    hits = []
    for score, r in page:
        fields: dict[str, Any] = dict(zip(_HIT_COLUMNS, r, strict=True))  # SQLite's values, by field
        snippet, spans = make_snippet(fields["text"], words)
        hits.append(SearchHit(**fields, snippet=snippet, spans=spans, score=float(score)))
    return tuple(hits)
