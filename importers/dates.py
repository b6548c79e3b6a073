"""Dates as Chinese documents print them -> ISO strings (2025-06-16, 2022-02, 2022)."""

from __future__ import annotations

import datetime as dt
import re

_CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "О": 0,  # Cyrillic capital O, typed for 〇 on some keyboards
    "o": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ARABIC = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_CHINESE = re.compile(
    r"([〇零○ＯОOo一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月(?:\s*([一二三四五六七八九十]{1,3})\s*日)?"
)
_ISO = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?")
DATE_LINE = re.compile(rf"^(?:{_ARABIC.pattern}|{_CHINESE.pattern})$")


def chinese_number(text: str) -> int:
    """十六 -> 16, 二十 -> 20, 三 -> 3 (the small numbers of months and days)."""
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(units, 0) if units else 0)
    return _CN_DIGIT.get(text, 0)


def _iso(year: int, month: int | None, day: int | None) -> str:
    try:
        if month and day:
            return dt.date(year, month, day).isoformat()
        if month and 1 <= month <= 12:
            return f"{year:04d}-{month:02d}"
    except ValueError:
        pass
    return f"{year:04d}"


def parse_date(text: str) -> str:
    """The first date in `text` as ISO, or "" if there is none."""
    if m := _ARABIC.search(text):
        return _iso(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    if m := _CHINESE.search(text):
        year = int("".join(str(_CN_DIGIT[c]) for c in m[1]))
        return _iso(year, chinese_number(m[2]), chinese_number(m[3]) if m[3] else None)
    if m := _ISO.search(text):
        return _iso(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    return ""


def normalise_date_value(value: object) -> str:
    """A front-matter date (datetime, date or string) as ISO."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return parse_date(str(value)) if value else ""
