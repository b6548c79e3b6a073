"""Plain, frozen records that the importers hand to every other layer.

Nothing here knows about files, SQLite or Qt: a ParsedDocument is what a policy
document *says*, already split into its numbered clauses.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Metadata:
    """What a document says about itself (letterhead, 文号, signature, front matter)."""

    title: str = ""
    doc_number: str = ""  # 文号, normalised: 厦湖科工函〔2025〕11号
    issuer: str = ""
    issued_date: str = ""  # ISO: 2025-06-16, 2022-02 or 2022
    addressee: str = ""
    cc: str = ""  # 抄送
    category: str = ""  # 答复类别, e.g. A类
    proposal_number: str = ""
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Clause:
    """One numbered item of a document, with the items numbered below it.

    `path` joins the labels from the top level down, without their punctuation
    (`二/（一）/1`), so a citation can point at the clause in the source.
    """

    label: str  # as printed, e.g. （一）; "" for the unnumbered preamble
    path: str
    level: int  # 1 = top level
    heading: str  # the short title after the label, if the item has one
    text: str  # the full text of the item (heading included), without its children
    kind: str = "item"  # item | box (专栏) | attachment (附件) | preamble | section (unnumbered heading)
    children: tuple[Clause, ...] = ()

    def walk(self):
        """Yield this clause and every clause below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class SourceText:
    """What a format reader extracted: paragraphs of text in reading order.

    `hard_wrapped` says the lines may be broken mid-sentence (PDF, plain text
    copied from a PDF) and need re-joining; Word and HTML paragraphs are whole.
    """

    lines: tuple[str, ...]
    format: str  # txt | md | docx | pdf | html
    front_matter: dict = field(default_factory=dict)
    hard_wrapped: bool = True


@dataclass(frozen=True)
class ParsedDocument:
    metadata: Metadata
    clauses: tuple[Clause, ...]
    source_name: str = ""
    format: str = ""
    sha256: str = ""

    def walk(self):
        """Every clause of the document in reading order, depth first."""
        for clause in self.clauses:
            yield from clause.walk()
