"""The parts of a .docx that the reader uses, read straight from the zip, nothing else.

python-docx loads every part a relationship reaches, images included, before we can ask for
the text: a 1 MB file holding five 200 MB images (zeros deflate 1000:1) needed 1.27 GB and
25 s (issue 14). Text needs four XML parts: the main document, its styles and numbering,
and the core properties. Only those are inflated, each capped and in steps; media and
everything else are never read.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

from importers.errors import DocumentError

__all__ = ["DocxParts", "MAX_XML_BYTES", "read_parts"]

# Far beyond any real policy document (a 500-page report is ~20 MB of XML), and low because
# lxml needs up to ~18x an XML part's size in memory (50 MB of one-character paragraphs
# peaked at 890 MB). Checked against the declared size first; zipfile then stops inflating a
# member at its declared size as long as it is read in steps (_STEP), and the CRC check fails.
MAX_XML_BYTES = 48 * 1024 * 1024
_STEP = 1024 * 1024

_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RT_DOCUMENT = _OFFICE_RT + "officeDocument"
_RT_STYLES = _OFFICE_RT + "styles"
_RT_NUMBERING = _OFFICE_RT + "numbering"
_RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


class NotWordDocument(DocumentError):
    """A valid Office package whose main part is not a Word document (.docm, .dotx...)."""


class PartTooBig(DocumentError):
    """A part we would read declares more than MAX_XML_BYTES."""


@dataclass(frozen=True)
class DocxParts:
    document: etree._Element
    styles: etree._Element | None
    numbering: etree._Element | None
    core: etree._Element | None


def read_parts(package: zipfile.ZipFile) -> DocxParts:
    """The parsed parts, or DocumentError (NotWordDocument, PartTooBig) / zipfile and lxml errors."""
    reader = _Reader(package)
    main = reader.target("", _RT_DOCUMENT) or "word/document.xml"
    if reader.content_type(main) != _WORD_MAIN:
        raise NotWordDocument(main)
    document = reader.xml(main)
    if document is None:
        raise KeyError(main)
    styles = reader.target(main, _RT_STYLES)
    numbering = reader.target(main, _RT_NUMBERING)
    core = reader.target("", _RT_CORE)
    return DocxParts(
        document,
        reader.xml(styles) if styles else None,
        reader.xml(numbering) if numbering else None,
        reader.xml(core) if core else None,
    )


class _Reader:
    def __init__(self, package: zipfile.ZipFile) -> None:
        self.package = package
        # Part names are case-insensitive in OPC; zip member names are not.
        self.members = {info.filename.lower(): info for info in package.infolist()}

    def xml(self, partname: str) -> etree._Element | None:
        info = self.members.get(partname.lower())
        if info is None:
            return None
        if info.file_size > MAX_XML_BYTES:
            raise PartTooBig(partname)
        with self.package.open(info) as member:
            data = b"".join(iter(lambda: member.read(_STEP), b""))
        from docx.oxml.parser import parse_xml  # python-docx's parser: entities off, its element classes

        return parse_xml(data)

    def target(self, source: str, rel_type: str) -> str | None:
        """The part `source` ("" for the package) points to with a relationship of `rel_type`."""
        folder, name = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        if rels is None:
            return None
        for rel in rels.iter(_RELS_NS + "Relationship"):
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                return posixpath.normpath(path).lstrip("/")
        return None

    def content_type(self, partname: str) -> str:
        types = self.xml("[Content_Types].xml")
        if types is None:
            return ""
        wanted = "/" + partname.lower()
        for override in types.iter(_TYPES_NS + "Override"):
            if override.get("PartName", "").lower() == wanted:
                return override.get("ContentType", "")
        extension = posixpath.splitext(partname)[1].lstrip(".").lower()
        for default in types.iter(_TYPES_NS + "Default"):
            if default.get("Extension", "").lower() == extension:
                return default.get("ContentType", "")
        return ""
