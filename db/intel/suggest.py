"""Tag suggestions for a clause: the officer's own tags first (those on clauses that say
nearly the same thing, and tag names the text mentions), then keywords of the clause."""

from __future__ import annotations

from db.intel.keywords import keywords
from db.intel.records import Suggestion
from db.intel.similar import similar_clauses
from db.library import Library
from db.selection import require_clauses
from db.tags import list_tags, tag_key, tags_of_clause, tags_of_clauses
from db.textnorm import norm

NAMED_IN_TEXT = 0.7  # an existing tag whose name the clause contains
KEYWORD_SCALE = 0.6  # keywords rank below the officer's own tags of similar strength


def suggest_tags(lib: Library, clause_id: int, limit: int = 5) -> list[Suggestion]:
    """Up to `limit` tag names for the clause, best first, never one it already carries.
    Raises ClauseNotFoundError."""
    clause = require_clauses(lib, [clause_id])[0]
    have = {tag_key(t.name) for t in tags_of_clause(lib, clause_id)}
    best: dict[str, Suggestion] = {}

    def offer(name: str, score: float, source: str) -> None:
        key = tag_key(name)
        if key in have:
            return
        old = best.get(key)
        # The officer's own tag beats a keyword; between equals, the higher score wins.
        if old is None or (source == "existing", score) > (old.source == "existing", old.score):
            best[key] = Suggestion(name, round(score, 4), source)

    similar = similar_clauses(lib, clause_id, limit=20)
    by_clause = tags_of_clauses(lib, [s.clause_id for s in similar])
    for s in similar:
        for tag in by_clause.get(s.clause_id, []):
            offer(tag.name, s.score, "existing")
    text = norm(clause.text)
    existing = {tag_key(t.name): t.name for t in list_tags(lib)}
    for key, name in existing.items():
        if norm(name) in text:
            offer(name, max(NAMED_IN_TEXT, best[key].score if key in best else 0.0), "existing")
    for word, weight in keywords(lib.conn, clause.text, limit=limit * 2):
        key = tag_key(word)
        if key in existing:
            offer(existing[key], NAMED_IN_TEXT, "existing")
        else:
            offer(word, KEYWORD_SCALE * weight, "keyword")
    ranked = sorted(best.values(), key=lambda s: (s.source != "existing", -s.score, s.name))
    return ranked[:limit]
