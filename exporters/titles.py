"""Titles broken at word boundaries into balanced lines, and 目录 entries cut at a word.

Words come from jieba with the policy-terms dictionary (db.segment), so 落地见效 is never
split as 落 / 地见效, and a 《…》 or a (…) is kept whole where it fits.
"""

from __future__ import annotations

from functools import lru_cache

from db.segment import cut
from exporters.measure import char_width

_OPEN_CLOSE = {"《": "》", "（": "）", "(": ")", "“": "”", "〈": "〉"}
_TRAILING = "，、；：,;: \u3000"


def _width(text: str) -> float:
    return sum(char_width(c) for c in text)


def _words(text: str) -> list[str]:
    """jieba's words, with a bracketed or quoted stretch merged into one unbreakable piece
    when it is short (a 《title》 is never broken over two lines unless it must be)."""
    out: list[str] = []
    depth_close = ""
    for word in _numbers_with_units(cut(text)):
        if depth_close and out:
            out[-1] += word
            if depth_close in word:
                depth_close = ""
            continue
        out.append(word)
        opener = word[-1:] if word[-1:] in _OPEN_CLOSE else ""
        if opener and _OPEN_CLOSE[opener] not in word:
            depth_close = _OPEN_CLOSE[opener]
    # A merged stretch wider than 12 characters may be broken after all: split it back.
    final: list[str] = []
    for piece in out:
        if _width(piece) > 12 and len(piece) > 1 and piece[0] in _OPEN_CLOSE:
            final.extend(_numbers_with_units(cut(piece)))
        else:
            final.append(piece)
    return final


_MEASURE = ("号", "年", "月", "日", "条", "期", "次", "届", "项", "个", "%", "万", "亿")


def _numbers_with_units(words: list[str]) -> list[str]:
    """第20251009号 and 2025年 stay whole: a number is never split from the word it counts."""
    out: list[str] = []
    for word in words:
        if (
            out
            and out[-1][-1:].isdigit()
            and word.startswith(_MEASURE)
            or out
            and out[-1] in ("第",)
            and word[:1].isdigit()
        ):
            out[-1] += word
        else:
            out.append(word)
    return out


def balanced_lines(text: str, per_line: float) -> list[str]:
    """`text` in as few lines as it needs at `per_line` characters, broken only between
    words, each line as close to the same width as possible (the widest line is minimised)."""
    text = text.strip()
    if not text or _width(text) <= per_line:
        return [text] if text else []
    words = _words(text)
    widths = [_width(w) for w in words]
    n = len(words)
    count = 1
    while True:
        count += 1
        best = _split(widths, count, per_line)
        if best is not None or count >= n:
            break
    if best is None:  # a single word wider than a line: let the viewer wrap it
        return [text]
    lines, start = [], 0
    for end in best:
        lines.append("".join(words[start:end]))
        start = end
    return lines


def _split(widths: list[float], count: int, per_line: float) -> list[int] | None:
    """Line ends (exclusive word indexes) for `count` lines minimising the widest, or None."""
    n = len(widths)
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)
    inf = float("inf")
    # best[k][i]: the smallest possible widest line setting words[:i] in k lines.
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    back = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for k in range(1, count + 1):
        for i in range(1, n + 1):
            for j in range(k - 1, i):
                width = prefix[i] - prefix[j]
                if width > per_line:
                    continue
                value = max(best[k - 1][j], width)
                if value < best[k][i]:
                    best[k][i], back[k][i] = value, j
    if best[count][n] == inf:
        return None
    ends, i = [], n
    for k in range(count, 0, -1):
        ends.append(i)
        i = back[k][i]
    return ends[::-1]


_CLAUSE_BREAK = "，、；：,;:"


@lru_cache(maxsize=4096)
def shorten(text: str, limit: float) -> str:
    """`text` cut at the last word boundary within `limit` characters: no ellipsis, no
    dangling punctuation, no unclosed 《 or （ (the entry then stops before it).

    A comma or 、 in the second half of the limit is the natural place and needs no
    dictionary; otherwise jieba's words decide (only on the stretch that can be kept)."""
    text = text.strip()
    if _width(text) <= limit:
        return text
    fitting = _prefix(text, limit)
    at = max(fitting.rfind(mark) for mark in _CLAUSE_BREAK)
    if at >= len(fitting) / 2:
        candidate = _close_or_cut(fitting[:at]).rstrip(_TRAILING)
        if _width(candidate) >= limit / 2:
            return candidate
    words = cut(text[: len(fitting) + 16])
    kept, used = "", 0
    for word in words:
        if _width(kept + word) > limit:
            break
        kept += word
        used += 1
    cut_back = _close_or_cut(kept).rstrip(_TRAILING)
    if _width(cut_back) >= limit / 2:
        return cut_back
    # Cutting before the 《 would leave almost nothing: run on to its closing mark instead.
    for word in cut(text)[used:]:
        kept += word
        if _close_or_cut(kept) == kept:
            break
    return _close_or_cut(kept).rstrip(_TRAILING) or text


def _prefix(text: str, limit: float) -> str:
    used = 0.0
    for i, ch in enumerate(text):
        used += char_width(ch)
        if used > limit:
            return text[:i]
    return text


def _close_or_cut(text: str) -> str:
    for opener, closer in _OPEN_CLOSE.items():
        at = text.rfind(opener)
        if at >= 0 and closer not in text[at:]:
            return _close_or_cut(text[:at])
    return text
