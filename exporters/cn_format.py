"""Chinese numerals and dates as they are printed in official documents."""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 15 -> 十五, 105 -> 一百零五, 2000 -> 二千 (n ≥ 1, < 10000)."""
    if n <= 0 or n >= 10000:
        return str(n)
    out = ""
    rest = n
    zero_pending = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if zero_pending:
                out += "零"
            out += _DIGITS[digit] + unit
            zero_pending = False
        elif out:
            zero_pending = True
    if rest:
        out += ("零" if zero_pending else "") + _DIGITS[rest]
    # Officials write 十五, not 一十五, when ten leads the number.
    return out[1:] if out.startswith("一十") else out


_ISO_DATE = re.compile(
    r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?"  # date, possibly without day or month
    r"(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?"  # optional time of day
    r"(?:Z|[+-]\d{2}:?\d{2})?"  # optional time zone, not printed
)


def format_date(value: str, with_time: bool = False) -> str:
    """ISO 2025-06-16 -> 2025年6月16日 (2022-02 -> 2022年2月); other text is returned as is.

    With `with_time`, a time of day in the value is kept: 2025年7月1日 10:30.
    """
    value = value.strip()
    match = _ISO_DATE.fullmatch(value)
    if not match:
        return value
    year, month, day, hour, minute = match.groups()
    out = f"{year}年"
    if month:
        out += f"{int(month)}月"
    if day:
        out += f"{int(day)}日"
    if with_time and hour is not None:
        out += f" {int(hour)}:{minute}"
    return out
