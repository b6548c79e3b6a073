"""How a quoted clause names its source: 《标题》（文号）二（一）1，发文机关，日期."""

from __future__ import annotations

from exporters.brief import BriefItem, SourceDoc
from exporters.cn_format import format_date

MISSING_MARK = "待补"  # the same mark as db.records.MISSING_MARK (exporters do not read db records)
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


def cite_source(source: SourceDoc, path: str = "", mark_missing: bool = False) -> str:
    """The citation for a place in `source`. Parts that are unknown are left out, brackets too; with
    `mark_missing` a missing 文号, issuer or date is printed as 待补, so nobody hands on a citation
    whose blanks look complete: 《规划》（文号待补）六（三），市工信局，日期待补."""
    head = book_title(source.title)
    number = source.doc_number.strip()
    if number:
        head += f"（{number}）"
    elif mark_missing and head:
        head += f"（文号{MISSING_MARK}）"
    head += compact_path(path)
    issuer = source.issuer.strip() or (f"发文机关{MISSING_MARK}" if mark_missing else "")
    date = format_date(source.issued_date) or (f"日期{MISSING_MARK}" if mark_missing else "")
    tail = [part for part in (issuer, date) if part]
    return "，".join([head, *tail] if head else tail)


def cite(item: BriefItem) -> str:
    """《厦门市…规划》（厦工信〔2022〕1号）五（一），厦门市工业和信息化局，2022年2月; missing parts 待补."""
    return cite_source(item.source, item.path, mark_missing=True)
