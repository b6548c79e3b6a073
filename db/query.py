"""User query -> a plan: an FTS5 MATCH expression built only from our own bigram tokens, plus
a Python check for whatever the index cannot decide exactly. Pure Python, no SQL.

Syntax: words separated by spaces are ANDed; "a quoted phrase" keeps its spaces; -word
excludes; `OR` between two words accepts either. Anything else is literal text: `(`, `*`,
`AND`, `NEAR(` are just characters to find. Raw user text never reaches MATCH.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from db.textnorm import norm, phrase_tokens

MAX_WORD_TOKENS = 64  # a longer word is matched by its first 64 bigrams, then verified
MAX_MATCH_GROUPS = 16  # further AND groups are checked in Python only
MAX_GROUP_WORDS = 16  # an OR group wider than this is checked in Python only
_TERM = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    text: str
    negated: bool = False
    quoted: bool = False


@dataclass(frozen=True)
class Plan:
    groups: tuple[tuple[str, ...], ...]  # AND of OR-groups of words
    excluded: tuple[str, ...]
    match: str  # FTS5 expression; "" when no word can use the index
    verify: bool  # the index result is a superset: check every candidate in Python

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(w for group in self.groups for w in group)

    def accepts(self, normalised_text: str) -> bool:
        """The exact semantics, on NFKC-lower-cased text (see textnorm.norm)."""
        return all(any(norm(w) in normalised_text for w in g) for g in self.groups) and not any(
            norm(w) in normalised_text for w in self.excluded
        )


def parse(query: str) -> list[Term]:
    """Split a query into terms; an unbalanced quote runs to the end of the query."""
    terms: list[Term] = []
    for m in _TERM.finditer(query):
        if m.group(1) is not None:
            if m.group(1).strip():
                terms.append(Term(m.group(1).strip(), quoted=True))
            continue
        raw = m.group(2)
        if raw.startswith("-") and len(raw) > 1:
            inner = raw[1:]
            if inner.startswith('"'):
                inner = inner.strip('"')
            if inner:
                terms.append(Term(inner, negated=True))
        else:
            terms.append(Term(raw))
    return terms


def group_terms(terms: list[Term]) -> tuple[list[list[str]], list[str]]:
    """OR binds the positive words on either side of it; a dangling OR is the word itself."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    i = 0
    while i < len(terms):
        t = terms[i]
        if t.negated:
            excluded.append(t.text)
        elif (
            t.text == "OR"
            and not t.quoted
            and groups
            and i > 0
            and not terms[i - 1].negated
            and i + 1 < len(terms)
            and not terms[i + 1].negated
            and not (terms[i + 1].text == "OR" and not terms[i + 1].quoted)
        ):
            groups[-1].append(terms[i + 1].text)
            i += 1
        else:
            groups.append([t.text])
        i += 1
    return groups, excluded


def _phrase(word: str) -> tuple[str, bool]:
    """FTS5 phrase for one word ("" if it has no letters or digits) and whether it is exact."""
    tokens, prefix, exact = phrase_tokens(word)
    if not tokens:
        return "", False
    if len(tokens) > MAX_WORD_TOKENS:
        tokens, prefix, exact = tokens[:MAX_WORD_TOKENS], False, False
    return '"' + " ".join(tokens) + '"' + ("*" if prefix else ""), exact


def build_plan(groups: list[list[str]], excluded: list[str]) -> Plan:
    verify = False
    positive: list[str] = []
    for group in groups:
        phrases = [_phrase(w) for w in group]
        usable = all(p for p, _ in phrases) and len(group) <= MAX_GROUP_WORDS
        if not usable or len(positive) >= MAX_MATCH_GROUPS:
            verify = True  # e.g. a word that is only punctuation: the index cannot narrow it
            continue
        verify = verify or not all(exact for _, exact in phrases)
        positive.append("(" + " OR ".join(p for p, _ in phrases) + ")")
    negative: list[str] = []
    for word in excluded:
        p, exact = _phrase(word)
        if p and exact and len(negative) < MAX_MATCH_GROUPS:
            negative.append(p)
        else:
            verify = True  # NOT of a superset would drop real matches: exclude in Python
    match = " AND ".join(positive)
    if match and negative:
        match = f"({match}) NOT ({' OR '.join(negative)})"
    return Plan(tuple(tuple(g) for g in groups), tuple(excluded), match, verify)


def plan_query(query: str) -> Plan:
    """Parse and plan a user query. Never raises on any input string."""
    groups, excluded = group_terms(parse(query))
    return build_plan(groups, excluded)


def single_unspaced_word(query: str) -> str | None:
    """The word to re-split with jieba, if the query is one plain word without spaces."""
    terms = parse(query)
    if len(terms) == 1 and not terms[0].negated and not terms[0].quoted and len(terms[0].text) >= 3:
        return terms[0].text
    return None
