"""Plain text (.txt) -> SourceText.

Text files are often copied out of a PDF, so lines may be broken mid-sentence
(hard_wrapped=True); blank lines are kept because they mark paragraph ends.
A .txt that opens with YAML front matter is a Markdown file saved under the
wrong extension, and is read as Markdown so its markup does not reach the body.
"""

from __future__ import annotations

from pathlib import Path

from importers.decode import decode_bytes
from importers.formats.markdown import looks_like_front_matter, parse_markdown
from importers.model import SourceText

__all__ = ["read"]


def read(path: Path) -> SourceText:
    text = decode_bytes(path.read_bytes(), path.name)
    if looks_like_front_matter(text):
        return parse_markdown(text, fmt="txt", name=path.name)
    return SourceText(tuple(text.lstrip("\ufeff").splitlines()), "txt", {}, True)
