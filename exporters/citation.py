"""How a quoted clause names its source: 《标题》（文号）二（一）1，发文机关，日期."""

from __future__ import annotations

from exporters.brief import BriefItem, SourceDoc
from exporters.cn_format import format_date

# Half-width brackets creep in from PDFs; a citation prints them the official way.
_TO_FULL_WIDTH = str.maketrans({"(": "（", ")": "）"})
# A label's own trailing punctuation (一、 1. 1．) is not part of a path.
_TRAILING = "、.．,，:：；; \t\u3000"


def compact_path(path: str) -> str:
    """二/（一）/1 -> 二（一）1; labels' trailing punctuation and blank levels are dropped."""
    parts = (part.strip().rstrip(_TRAILING).translate(_TO_FULL_WIDTH) for part in path.split("/"))
    return "".join(part for part in parts if part)


def book_title(title: str) -> str:
    """《title》, with titles quoted inside it turned into 〈〉 as Chinese typesetting requires:
    关于《X提案》的答复 -> 《关于〈X提案〉的答复》."""
    title = title.strip()
    if not title:
        return ""
    if title.startswith("《") and title.endswith("》"):
        title = title[1:-1]
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"


def cite_source(source: SourceDoc, path: str = "") -> str:
    """The citation for a place in `source`; parts that are unknown are left out, brackets too."""
    head = book_title(source.title)
    number = source.doc_number.strip()
    if number:
        head += f"（{number}）"
    head += compact_path(path)
    tail = [part for part in (source.issuer.strip(), format_date(source.issued_date)) if part]
    return "，".join([head, *tail] if head else tail)


def cite(item: BriefItem) -> str:
    """《厦门市…规划》（厦工信〔2022〕1号）五（一），厦门市工业和信息化局，2022年2月."""
    return cite_source(item.source, item.path)
