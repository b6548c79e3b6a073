"""Text normalisation and the character bigrams the search index stores. Pure Python, no SQL.

One normalisation is used everywhere (index, query, verification, highlighting): NFKC then
lower-case, applied *character by character*. Per character, so that every character of the
normalised text comes from exactly one character of the original and offsets map back
(NFKC of CJK and full-width forms is 1:1; the rare expansions such as ㈠ -> (一) are mapped).
The price: a base letter + combining accent is not composed. Both sides agree, so recall holds.
"""

from __future__ import annotations

import re
import unicodedata

# A run of letters/digits/CJK: what FTS5's unicode61 tokenizer keeps together.
RUN = re.compile(r"[^\W_]+")


class _NormTable(dict[int, str]):
    """str.translate table filled on demand: code point -> NFKC(char).lower()."""

    def __missing__(self, cp: int) -> str:
        value = unicodedata.normalize("NFKC", chr(cp)).lower()
        self[cp] = value
        return value


_TABLE = _NormTable()


def norm(text: str) -> str:
    """NFKC + lower-case, per character (see the module docstring for why)."""
    if text.isascii():
        return text.lower()
    return text.translate(_TABLE)


def norm_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index of its source character."""
    normalised = norm(text)
    if len(normalised) == len(text):  # no character expanded (NFKC never maps a char to "")
        return normalised, list(range(len(text)))
    origin: list[int] = []
    for i, ch in enumerate(text):
        origin.extend([i] * len(norm(ch)))
    return normalised, origin


def bigrams(text: str) -> str:
    """What the index stores for a text: space-joined overlapping 2-grams of every run, plus
    the run's last character as a 1-gram (so a 1-character query can find a character at the
    end of a run as a prefix of the run's tokens). `推进5G基站` -> `推进 进5 5g g基 基站 站`."""
    out: list[str] = []
    for run in RUN.findall(norm(text)):
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
        out.append(run[-1])
    return " ".join(out)


def phrase_tokens(word: str) -> tuple[list[str], bool, bool]:
    """The FTS5 phrase that every text containing `word` matches.

    Returns (tokens, prefix, exact). `prefix`: the last token is a prefix (a 1-character run at
    the very end of the word, which in a text may continue). `exact`: a phrase match means the
    text really contains the word, so no verification in Python is needed. Tokens are made of
    letters and digits only, never quotes or operators, so they are safe inside "...".
    """
    normalised = norm(word)
    runs = list(RUN.finditer(normalised))
    tokens: list[str] = []
    prefix = False
    for k, m in enumerate(runs):
        run = m.group()
        tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        is_last = k == len(runs) - 1
        ends_word = m.end() == len(normalised)
        if not (is_last and ends_word):
            tokens.append(run[-1])  # the run ends here in the text too: its 1-gram is there
        elif len(run) == 1:
            tokens.append(run)
            prefix = True
    exact = len(runs) == 1 and runs[0].group() == normalised
    return tokens, prefix, exact


def contains(normalised_text: str, word: str) -> bool:
    """Ground truth for one word: does the (normalised) text contain it?"""
    return norm(word) in normalised_text
