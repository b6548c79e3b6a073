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


def joined_texts(document) -> list[str]:
    """Paragraph texts, a paragraph carried onto the next page (…Continued) joined back."""
    out: list[str] = []
    for p in document.paragraphs:
        name = p.style.name if p.style is not None else ""
        if name.endswith(" Continued") and out:
            out[-1] += p.text
        else:
            out.append(p.text)
    return out


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
    depth = 0
    for p in body.iter(qn("w:p")):
        instr = " ".join(instructions(p))
        chars = field_chars(p)
        if instr.startswith("TOC"):
            depth = 0
            entries = []
        elif not entries and depth == 0:
            continue
        entries.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
        depth += chars.count("begin") - chars.count("end")  # PAGEREF fields nest inside
        if depth <= 0:
            break
    return entries


QUOTE_STYLES = ("PB Quote", "PB Quote Continued")


def quotes(document) -> list[str]:
    """Quoted paragraphs, a paragraph carried onto the next page joined back to its start."""
    out: list[str] = []
    for p in document.paragraphs:
        name = p.style.name if p.style is not None else ""
        if name == "PB Quote":
            out.append(p.text)
        elif name == "PB Quote Continued" and out:
            out[-1] += p.text
    return out


def notes(document) -> list[str]:
    out: list[str] = []
    for p in document.paragraphs:
        name = p.style.name if p.style is not None else ""
        if name == "PB Note":
            out.append(p.text)
        elif name == "PB Note Continued" and out:
            out[-1] += p.text
    return out


def table_rows(tables) -> list[list[str]]:
    """Rows of page-sized tables read as one table: the first header, then every body row."""
    rows: list[list[str]] = []
    for n, table in enumerate(tables):
        for r, row in enumerate(table.rows):
            if r == 0 and n:
                continue  # the header row repeated on each page
            rows.append([cell.text for cell in row.cells])
    return rows


def tables_after(document, heading_text: str) -> list:
    """The tables that follow the Heading 1 containing `heading_text`, up to the next heading."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    found, out = False, []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            p = Paragraph(child, document._body)
            if p.style is not None and p.style.name == "Heading 1":
                if found:
                    break
                found = heading_text in p.text
        elif child.tag == qn("w:tbl") and found:
            out.append(Table(child, document._body))
    return out
