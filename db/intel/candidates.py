"""Candidate clauses for "says nearly the same thing", from the search index itself.

No table of its own: the bigram FTS index (clause_fts) already holds, per bigram, the clauses
that contain it. A clause's *rare* bigrams are what it shares only with its near-copies, so
we count each bigram's clauses up to a small cap (cheap: reading stops at the cap, inside
SQLite), fetch the posting lists of the rarest few, and rank clauses by how much rare vocabulary they share
(sum of idf). The caller verifies the best few hundred by exact bigram similarity.

Why not MinHash/LSH: the default threshold (0.3) is low, and LSH tuned that low collides on
boilerplate policy wording, while a band table costs tens of MB and a write path per clause.
"""

from __future__ import annotations

import math
import sqlite3

from db.fts import CLAUSE_ID
from db.textnorm import bigrams

# Posting-list caps, tried in turn until enough rare bigrams are found. A clause made only
# of common words (a short heading) escalates; a normal paragraph stops at the first cap.
PROBE_CAPS = (100, 2_000, 50_000)
ENOUGH_TERMS = 8  # rare bigrams needed before we stop escalating
MAX_TERMS = 24  # the rarest bigrams used for ranking
POOL = 150  # candidates handed to exact verification


def clause_bigrams(text: str) -> list[str]:
    """The distinct two-character tokens the index stored for `text`, in text order."""
    return list(dict.fromkeys(token for token in bigrams(text).split() if len(token) == 2))


_CHUNK = 100  # terms per statement (SQLite allows 500 terms in a compound SELECT)


def _counts(conn: sqlite3.Connection, terms: list[str], cap: int) -> list[int]:
    """How many clauses contain each term, counted up to cap + 1 inside SQLite: reading a
    posting list stops at the cap, and one statement serves a hundred terms."""
    out: list[int] = []
    one = "SELECT count(*) FROM (SELECT 1 FROM clause_fts WHERE clause_fts MATCH ? LIMIT ?)"
    for start in range(0, len(terms), _CHUNK):
        chunk = terms[start : start + _CHUNK]
        sql = " UNION ALL ".join(f"SELECT {i}, * FROM ({one})" for i in range(len(chunk)))
        params = [value for term in chunk for value in (f'"{term}"', cap + 1)]
        counted = dict(conn.execute(sql, params).fetchall())
        out.extend(counted[i] for i in range(len(chunk)))
    return out


def rare_terms(conn: sqlite3.Connection, text: str) -> dict[str, int]:
    """The rarest bigrams of `text` (at most MAX_TERMS) with the number of clauses holding each."""
    frequency: dict[str, int] = {}
    unresolved = unresolved_order = clause_bigrams(text)
    for cap in PROBE_CAPS:
        common: list[str] = []
        for term, n in zip(unresolved, _counts(conn, unresolved, cap), strict=True):
            if n > cap:
                common.append(term)
            else:
                frequency[term] = n
        if len(frequency) >= ENOUGH_TERMS or not common:
            break
        unresolved = common
    # The rarest term of each stretch of the text, not the rarest overall: when one sentence
    # of the clause is full of rare words, ranking by it alone would find every clause that
    # quotes that sentence, whatever the rest of it says.
    known = [term for term in unresolved_order if term in frequency]
    step = max(1, len(known) / MAX_TERMS)
    chosen = [
        min(known[int(k * step) : int((k + 1) * step)], key=lambda t: (frequency[t], t))
        for k in range(min(MAX_TERMS, len(known)))
    ]
    return {term: frequency[term] for term in chosen}


def library_size(conn: sqlite3.Connection) -> int:
    # max(id) is an O(1) look-up and close enough to the clause count for an idf weight.
    return conn.execute("SELECT coalesce(max(id), 0) FROM clauses").fetchone()[0]


def candidate_ids(conn: sqlite3.Connection, text: str, skip: set[int], pool: int = POOL) -> list[int]:
    """Up to `pool` clause ids sharing the most rare vocabulary with `text` (sum of the idf of
    the shared rare bigrams), best first. The sum runs inside SQLite: only `pool` rows return."""
    terms = {term: n for term, n in rare_terms(conn, text).items() if n}
    if not terms:
        return []
    total = max(library_size(conn), 1) + 1
    union = " UNION ALL ".join(
        f"SELECT {CLAUSE_ID} AS id, ? AS w FROM clause_fts f WHERE clause_fts MATCH ?" for _ in terms
    )
    params: list = [value for term, n in terms.items() for value in (math.log(total / n), f'"{term}"')]
    rows = conn.execute(
        f"SELECT id FROM ({union}) GROUP BY id ORDER BY sum(w) DESC, id LIMIT ?", [*params, pool + len(skip)]
    ).fetchall()
    return [r[0] for r in rows if r[0] not in skip][:pool]
