"""Python counts code points; Qt's QTextDocument counts UTF-16 units. Emoji and rare
characters (𠀀) are two units in Qt, so every offset crossing the boundary is converted."""

from __future__ import annotations


def to_qt(text: str, index: int) -> int:
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def from_qt(text: str, qt_index: int) -> int:
    units = 0
    for i, ch in enumerate(text):
        if units >= qt_index:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)
