"""Letterhead, 文号, title, addressee and signature: what is about the document, not in it.

Works on cleaned paragraphs. The head is the run of short lines before the body
starts; the tail is the run of signature, contact and 抄送 lines at the end.
Both are removed from the body so they never become clauses.
"""

from __future__ import annotations

import re

from importers.cleanup import TITLE_END as _TITLE_END
from importers.cleanup import display_width
from importers.dates import DATE_LINE, normalise_date_value, parse_date
from importers.model import Metadata
from importers.numbering import match_label

_DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,16})\s*[〔\[［(（【{]\s*((?:19|20)\d{2})\s*[〕\]］)）】}]\s*(第?)\s*(\d{1,5})\s*号"
)
_SENTENCE_PUNCT = re.compile(r"[，。；：]")
_CATEGORY = re.compile(r"^答复类别\s*[：:]\s*([A-Za-zＡ-Ｚ])\s*类$")
_DIGITS = re.compile(r"^\d{6,12}$")
# 翟健委员： / 各区人民政府，市直各委、办、局： (a 通知 lists several addressees with commas)
_ADDRESSEE = re.compile(r"^[^。；：:]{2,40}[：:]$")
_ORG_END = re.compile(
    r"(?:局|委|厅|办|办公室|政府|委员会|部|中心|院|署|处|管委会|协会|小组|集团|公司|研究所|领导小组)$"
)
_PUBLIC = re.compile(r"^[（(]此件.{0,10}[）)]$")
_CC = re.compile(r"^抄\s*送\s*[：:]\s*(.+?)[。.]?$")
_PRINTED = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年.{0,12}印发$")
_CONTACT = re.compile(r"^[\u4e00-\u9fff]{0,8}(?:领导|联系人|联系电话|电话|传真|邮编|地址|邮箱|经办人)[：:]")
_PROPOSAL_IN_TEXT = re.compile(r"第\s*(\d{6,12})\s*号")
_CITED_PROPOSAL = re.compile(r"《([^《》]{4,80}?提案)》")


def normalise_doc_number(text: str) -> str:
    """厦湖科工函〔2025〕11 号 / [2025] / (2025) -> 厦湖科工函〔2025〕11号."""
    m = _DOC_NUMBER.search(text)
    if not m:
        return ""
    return f"{m[1]}〔{m[2]}〕{m[3]}{m[4]}号"


def is_doc_number_line(line: str) -> bool:
    m = _DOC_NUMBER.search(line)
    return bool(m) and m.start() == 0 and len(line) - m.end() <= 2


def is_org_line(line: str) -> bool:
    return (
        len(line) <= 40
        and "关于" not in line
        and bool(_ORG_END.search(line))
        and not _SENTENCE_PUNCT.search(line)
    )


def _is_head_line(line: str) -> bool:
    return display_width(line) <= 80 and "。" not in line and not match_label(line)


def _parse_head(lines: list[str], fields: dict) -> int:
    """Read metadata off the head; return how many lines it takes."""
    title_parts: list[str] = []
    title_done = bool(fields.get("title"))  # front matter named it already
    i = 0
    while i < min(len(lines), 16) and _is_head_line(lines[i]):
        line = lines[i]
        if is_doc_number_line(line):
            fields.setdefault("doc_number", normalise_doc_number(line))
        elif m := _CATEGORY.match(line.replace(" ", "")):
            fields.setdefault("category", m[1].upper() + "类")
        elif _DIGITS.match(line):
            fields.setdefault("proposal_number", line)
        elif DATE_LINE.match(line.replace(" ", "")):
            fields.setdefault("issued_date", parse_date(line.replace(" ", "")))
        elif _ADDRESSEE.match(line) and display_width(line) <= 80:
            fields.setdefault("addressee", line.rstrip("：:"))
            i += 1
            break  # the letter starts after the addressee
        elif is_org_line(line) and not _TITLE_END.search(line):
            fields.setdefault("issuer", line)
        elif fields.get("title") and line.replace(" ", "") == fields["title"].replace(" ", ""):
            pass  # a heading that repeats the front-matter title
        elif not title_done:
            title_parts.append(line)  # titles run over two lines (seed 002)
            i += 1
            continue
        else:
            break  # an unrecognised short line after the title: it is body text
        if title_parts:
            title_done = True
        i += 1
    if title_parts and not fields.get("title"):
        fields["title"] = "".join(title_parts)
    return i


def _parse_tail(lines: list[str], fields: dict) -> int:
    """Read the signature, contacts and 抄送 from the end; return where the tail starts."""
    end = len(lines)
    while end > 0:
        line = lines[end - 1]
        compact = line.replace(" ", "")
        if m := _CC.match(line):
            fields.setdefault("cc", m[1].strip())
        elif _PUBLIC.match(compact) or _PRINTED.search(compact) or _CONTACT.match(line):
            pass
        elif DATE_LINE.match(compact):
            fields.setdefault("issued_date", parse_date(compact))
        elif is_org_line(line):
            fields.setdefault("signature", line)
        else:
            break
        end -= 1
    return end


def _from_front_matter(front: dict) -> dict:
    fields: dict = {}
    if front.get("title"):
        fields["title"] = str(front["title"]).strip()
    if front.get("date"):
        fields["issued_date"] = normalise_date_value(front["date"])
    for key in ("authors", "tags"):
        value = front.get(key) or ()
        fields[key] = tuple(str(v) for v in ([value] if isinstance(value, str) else value) if str(v).strip())
    for key in ("doc_number", "issuer"):
        if front.get(key):
            fields[key] = str(front[key]).strip()
    return fields


def extract_metadata(lines: list[str], front_matter: dict | None = None) -> tuple[Metadata, list[str]]:
    """Split cleaned paragraphs into (metadata, body paragraphs)."""
    fields = _from_front_matter(front_matter or {})
    start = _parse_head(lines, fields)
    end = max(start, _parse_tail(lines, fields))
    body = lines[start:end]
    signature = fields.pop("signature", "")
    if signature and not fields.get("issuer"):
        fields["issuer"] = signature
    intro = body[0] if body else ""
    if not fields.get("proposal_number"):
        m = _PROPOSAL_IN_TEXT.search(fields.get("title", "")) or _PROPOSAL_IN_TEXT.search(intro[:200])
        if m:
            fields["proposal_number"] = m[1]
    if not fields.get("title") and (m := _CITED_PROPOSAL.search(intro[:300])):
        fields["title"] = f"关于《{m[1]}》的答复"
    return Metadata(**fields), body
