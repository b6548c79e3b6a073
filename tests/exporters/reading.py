"""Read a written briefing pack back: paragraphs by style, fields, fonts."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn


def open_docx(path: Path):
    return docx.Document(str(path))


def paragraphs(document) -> list:
    """Body paragraphs in order, table cells excluded."""
    return list(document.paragraphs)


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def styled(document, name: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == name]


def east_asian_font(style) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def instructions(element) -> list[str]:
    return [t.text.strip() for t in element.iter(qn("w:instrText"))]


def field_chars(element) -> list[str]:
    return [c.get(qn("w:fldCharType")) for c in element.iter(qn("w:fldChar"))]


def toc_cached_entries(document) -> list[str]:
    """Text of the paragraphs between the TOC field's separate and end marks."""
    body = document.element.body
    entries: list[str] = []
    inside = False
    for p in body.iter(qn("w:p")):
        instr = " ".join(instructions(p))
        chars = field_chars(p)
        if instr.startswith("TOC"):
            inside = True
        if inside:
            entries.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
            if "end" in chars:
                break
    return entries
