"""Files -> ParsedDocument. Pure Python: no Qt, no SQL.

>>> doc = import_file("厦湖科工函.txt")
>>> doc.metadata.doc_number, [c.label for c in doc.clauses]
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from importers.errors import DocumentError, UnsupportedFormatError
from importers.model import Clause, Metadata, ParsedDocument, SourceText

__all__ = [
    "Clause",
    "DocumentError",
    "Metadata",
    "ParsedDocument",
    "SourceText",
    "SUPPORTED_SUFFIXES",
    "UnsupportedFormatError",
    "import_file",
    "parse_source",
]

_CJK = re.compile(r"[\u3400-\u9fff]")
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm", ".ofd", ".doc", ".wps")


def _reader(suffix: str):
    # Imported lazily: pypdf and python-docx cost start-up time the GUI need not pay.
    if suffix == ".txt":
        from importers.formats import txt as mod
    elif suffix in (".md", ".markdown"):
        from importers.formats import markdown as mod
    elif suffix == ".docx":
        from importers.formats import docx as mod
    elif suffix == ".pdf":
        from importers.formats import pdf as mod
    elif suffix in (".html", ".htm"):
        from importers.formats import html as mod
    elif suffix == ".ofd":
        from importers.formats import ofd as mod
    elif suffix in (".doc", ".wps"):
        from importers.formats import doc as mod
    else:
        raise UnsupportedFormatError(
            f"不支持的文件类型“{suffix or '无扩展名'}”。可导入：{' '.join(SUPPORTED_SUFFIXES)}"
        )
    return mod.read


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def parse_source(source: SourceText, source_name: str = "", sha256: str = "") -> ParsedDocument:
    """Clean the extracted text, then read its metadata and its clause tree."""
    from importers.clauses import build_tree
    from importers.cleanup import clean_lines
    from importers.metadata import extract_metadata

    lines = clean_lines(source)
    metadata, body = extract_metadata(lines, source.front_matter)
    if not metadata.title and _CJK.search(Path(source_name).stem):
        # a file named 关于…的通知.docx says what it is; 021.txt or scan(3).pdf says nothing
        metadata = _with_title(metadata, Path(source_name).stem)
    clauses = build_tree(body)
    if not clauses:
        raise DocumentError("文件中没有可识别的正文文字。")
    return ParsedDocument(metadata, clauses, source_name, source.format, sha256)


def _with_title(metadata: Metadata, title: str) -> Metadata:
    from dataclasses import replace

    return replace(metadata, title=title)


def import_file(path: str | Path) -> ParsedDocument:
    """Read one file into a ParsedDocument, or raise DocumentError with a clear message."""
    path = Path(path)
    if not path.is_file():
        raise DocumentError(f"找不到文件：{path}")
    read = _reader(path.suffix.lower())
    if path.stat().st_size == 0:
        raise DocumentError(f"文件是空的：{path.name}")
    try:
        source = read(path)
    except DocumentError:
        raise
    except MemoryError as exc:
        raise DocumentError(f"文件太大，无法读取：{path.name}") from exc
    except Exception as exc:  # a third-party reader failing on a broken file
        raise DocumentError(f"无法读取 {path.name}：文件已损坏或格式不正确（{type(exc).__name__}）") from exc
    return parse_source(source, path.name, file_sha256(path))
