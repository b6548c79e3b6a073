"""Letterhead, 文号, title, addressee and 落款: what is about the document, not in it.

Works on cleaned paragraphs, in the order of an official document (GB/T 9704-2012 §7):

* an optional field block on top: a copy's front matter (`---` / `标题: …` / `---`) or a web page's
  metadata table (索引号 / 发文机关 / 成文日期 / 标题 / 发文字号 …), with the page's own title above it;
* the head: 发文机关标志 (`XX文件`, or an order's `XX令` / `第N号`), 文号, title (one or more lines,
  before or after the 文号), 答复类别, addressee;
* the body;
* the 落款 (issuer lines + date), then 附注 （此件公开发布）, 附件, 抄送, 印发 and web-page chrome.

The document's 落款 is the *first* signature after the head: a 印发 / 转发 / 批转 notice signs before the
document it attaches, and an appended 附件 may carry its own 落款 further down. Head, 落款 and tail
lines are removed from the body so they never become clauses.
"""

from __future__ import annotations

import re

from importers.cleanup import TITLE_END as _TITLE_END
from importers.cleanup import display_width
from importers.dates import DATE_LINE, normalise_date_value, parse_date
from importers.fieldlines import LABELS, field_pairs, is_field_line
from importers.model import Metadata
from importers.numbering import match_label

_DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,16})\s*[〔\[［(（【{]\s*((?:19|20)\d{2})\s*[〕\]］)）】}]\s*(第?)\s*(\d{1,5})\s*号"
)
# 国令第707号, 〔1996〕武司字第82号 has a year; this is the form without one, read from a field only.
_PLAIN_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,16}第?\d{1,5}号$")
_ORDER_NUMBER = re.compile(r"^第\s*(\d{1,5})\s*号$")
# Punctuation that an organ's name on a 落款 line never has.
_SENTENCE_PUNCT = re.compile(r"[，。；：:,（）()《》“”]")
_CHROME_SPLIT = re.compile(r"[【】\[\]\s|｜]+")
_BOOK_TITLE = re.compile(r"《([^《》]{2,80})》")
_CATEGORY = re.compile(r"^答复类别\s*[：:]\s*([A-Za-zＡ-Ｚ])\s*类$")
_DIGITS = re.compile(r"^\d{6,12}$")
# 翟健委员： / 各区人民政府，市直各委、办、局： (a 通知 lists several addressees with commas)
_ADDRESSEE = re.compile(r"^[^。；：:]{2,40}[：:]$")
_ORG_END = re.compile(
    r"(?:局|委|厅|办|办公室|政府|委员会|部|中心|院|署|处|司|会|行|所|庭|社|站|队|管委会|协会|小组|集团|公司|研究所|领导小组)$"
)
# 附注 after the date (GB/T 9704 §7.3.6) and the notes web copies add.
_NOTE = re.compile(r"^[（(](?:此件|本件|本文|联系人|联系电话|此页)[^（）()]{0,60}[）)]$")
_CC = re.compile(r"^抄\s*送\s*[：:]\s*(.+?)[。.]?$")
_PRINTED = re.compile(r"(?:\d{4}|[〇零○ОO一二三四五六七八九]{4})\s*年.{0,12}印发$")
_CONTACT = re.compile(r"^[\u4e00-\u9fff]{0,8}(?:领导|联系人|联系电话|电话|传真|邮编|地址|邮箱|经办人)[：:]")
_PROPOSAL_IN_TEXT = re.compile(r"第\s*(\d{6,12})\s*号")
_CITED_PROPOSAL = re.compile(r"《([^《》]{4,80}?提案)》")
# A person signing for the organ: 总理 李克强, 市长 某某 (an order or a 令 is signed this way).
_SIGNER = re.compile(
    r"^(?:总理|副总理|主席|委员长|省长|自治区主席|市长|区长|县长|州长|部长|主任|署长|局长|院长|行长|会长|书记)[ \u3000]*[\u4e00-\u9fff·]{2,5}$"
)
# An order's masthead: 中华人民共和国国务院令, 国家市场监督管理总局令, 上海市人民政府令.
_ORDER_HEAD = re.compile(r"^([\u4e00-\u9fff]{2,30})令$")
# The head lines of a regulation: 1990年11月12日 国务院令第65号发布 / （2005年1月10日…公布　根据…修订）
_PROMULGATION = re.compile(r"(?:发布|公布|通过|批准|施行|修订|修正|会议)[）)]?$")
_DATE_START = re.compile(r"^[（(]?(?:(?:19|20)\d{2}|[〇零○ОO一二三四五六七八九]{4})\s*年")
# Words that, in a title, come after the name of the issuing organ.
_TITLE_ISSUER = re.compile(r"^(.{2,60}?)(?:关于|转发|批转|印发)")
_ORG_SPLIT = re.compile(r"[ \u3000、]+")
_MASTHEAD = re.compile(r"^(.{2,40}?)[ \u3000]*文件$")
_CHROME_WORDS = frozenset(
    [
        "打印",
        "打印本页",
        "关闭",
        "关闭窗口",
        "收藏",
        "返回顶部",
        "返回",
        "分享",
        "分享到",
        "分享到：",
        "字体",
        "大",
        "中",
        "小",
        "【",
        "】",
        "|",
    ]
)
_CLOSING = (
    "此复",
    "特此通知",
    "特此批复",
    "特此函复",
    "特此函告",
    "特此通报",
    "特此公告",
    "特此决定",
    "此致",
)
_HEAD_SCAN = 24
_FIELD_SCAN = 60


def normalise_doc_number(text: str) -> str:
    """厦湖科工函〔2025〕11 号 / [2025] / (2025) -> 厦湖科工函〔2025〕11号."""
    m = _DOC_NUMBER.search(text)
    if not m:
        return ""
    return f"{m[1]}〔{m[2]}〕{m[3]}{m[4]}号"


def _field_doc_number(value: str) -> str:
    """A 文号 as a field gives it: normalised if it has a year, else as written (国令第707号)."""
    value = "".join(value.split())
    if number := normalise_doc_number(value):
        return number
    return value if _PLAIN_NUMBER.match(value) else ""


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


def org_names(line: str) -> list[str]:
    """The issuing organs on a 落款 line: one, or several separated by blanks (国务院　中央军委)."""
    line = line.strip(" \u3000")
    if not line or len(line) > 60 or not is_org_line(line.replace(" ", "").replace("\u3000", "")):
        return []
    names = [n for n in _ORG_SPLIT.split(line) if n]
    if len(names) > 1 and all(_ORG_END.search(n) and len(n) >= 2 for n in names):
        return names
    return ["".join(names)] if _ORG_END.search(line) else []


def _is_head_line(line: str) -> bool:
    if "。" in line or match_label(line):
        return False
    width = display_width(line)
    # a long title still fits on a line or two of the head; it ends in its genre (…的通知)
    return width <= 80 or (width <= 200 and bool(_TITLE_END.search(line)))


def _compact(text: str) -> str:
    return "".join(text.split())


# --- the field block on top ----------------------------------------------------------------------


def _value_fits(label: str, value: str) -> bool:
    """Could `value`, on the line after an empty `label：`, be that label's value?"""
    key = LABELS.get(label, "")
    compact = _compact(value)
    if key in ("written_date",) or label.endswith(("日期", "时间")):
        return bool(DATE_LINE.match(compact))
    if key == "doc_number":
        return bool(_field_doc_number(compact))
    if key == "org":
        return bool(org_names(value))
    if label in ("主题词", "关键词"):
        return len(value.split()) > 1  # words set apart by blanks; a title line has none
    if label == "索引号":
        return bool(compact) and compact.isascii()
    return False


def _field_block(lines: list[str], fields: dict) -> int:
    """Read a front matter or a metadata table at the top into `fields`; return where it ends."""
    n = len(lines)
    if n and lines[0] == "---":
        close = next((i for i in range(1, min(n, _FIELD_SCAN)) if lines[i] == "---"), -1)
        if close > 0:
            last = ""
            for line in lines[1:close]:
                pairs = field_pairs(line)
                if pairs:
                    for label, value in pairs:
                        _store_field(fields, label, value)
                    last = pairs[-1][0]
                elif last and LABELS.get(last) == "title":
                    fields["table_title"] = fields.get("table_title", "") + line  # a wrapped title
            return close + 1
    first = next((i for i in range(min(n, 4)) if is_field_line(lines[i])), -1)
    if first < 0:
        return 0
    if first:
        fields.setdefault("page_title", "".join(lines[:first]))
    i = first
    while i < min(n, first + _FIELD_SCAN):
        pairs = field_pairs(lines[i])
        if not pairs:
            break
        for label, value in pairs:
            _store_field(fields, label, value)
        i += 1
        label, value = pairs[-1]
        if not value and i < n and not is_field_line(lines[i]):
            nxt_is_field = i + 1 < n and is_field_line(lines[i + 1])
            if nxt_is_field or _value_fits(label, lines[i]):
                _store_field(fields, label, lines[i])
                i += 1
    return i


def _store_field(fields: dict, label: str, value: str) -> None:
    key = LABELS.get(label, "")
    value = value.strip()
    if not key or not value or value in ("-", "—", "无"):
        return
    if key == "title":
        fields.setdefault("table_title", value)
    elif key == "doc_number":
        if number := _field_doc_number(value):
            fields.setdefault("table_doc_number", number)
    elif key == "org":
        fields.setdefault("table_org", value)
    elif key == "written_date":
        fields.setdefault("table_date", parse_date(_compact(value)))


# --- the head ------------------------------------------------------------------------------------


def _known_title(fields: dict) -> str:
    return _compact(fields.get("title") or fields.get("table_title") or fields.get("page_title") or "")


def _parse_head(lines: list[str], start: int, fields: dict) -> int:
    """Read metadata off the head; return where the body starts."""
    title_parts: list[str] = []
    title_done = False
    known = _known_title(fields)
    n = len(lines)
    i = start
    while i < min(n, start + _HEAD_SCAN):
        line = lines[i]
        compact = _compact(line)
        so_far = "".join(_compact(p) for p in title_parts)
        if (
            i == start
            and known
            and not known.startswith(compact)
            and (j := _find_title_line(lines, i, known)) > i
        ):
            i = j  # an editor's note above the title (a web copy): skip to the title
            continue
        if known and not title_done and so_far + compact and known.startswith(so_far + compact):
            title_parts.append(line)  # the title as the metadata gives it, over one or more lines
            title_done = known == so_far + compact
            i += 1
            continue
        if not _is_head_line(line) and not (not title_done and _wrapped_title(lines, i)):
            break
        if is_doc_number_line(line):
            fields.setdefault("head_doc_number", normalise_doc_number(line))
        elif (m := _ORDER_HEAD.match(compact)) and i + 1 < n and _ORDER_NUMBER.match(_compact(lines[i + 1])):
            fields["order"] = m[1]
            fields.setdefault(
                "head_doc_number",
                f"{_strip_state(m[1])}令第{_ORDER_NUMBER.match(_compact(lines[i + 1]))[1]}号",
            )
            i += 2
            continue
        elif m := _CATEGORY.match(compact):
            fields.setdefault("category", m[1].upper() + "类")
        elif _DIGITS.match(line):
            fields.setdefault("proposal_number", line)
        elif DATE_LINE.match(compact):
            fields.setdefault("head_date", parse_date(compact))
        elif _DATE_START.match(compact) or (compact[:1] in "（(" and _PROMULGATION.search(compact)):
            pass  # 1990年11月12日 国务院令第65号发布: the regulation's history, not its title
        elif _ADDRESSEE.match(line) and display_width(line) <= 80:
            fields.setdefault("addressee", line.rstrip("：:"))
            i += 1
            break  # the letter starts after the addressee
        elif m := _MASTHEAD.match(line):
            fields.setdefault("masthead", []).extend(org_names(m[1]) or [_compact(m[1])])
        elif org_names(line) and not _TITLE_END.search(compact) and not _opens_title(lines, i):
            fields.setdefault("masthead", []).extend(org_names(line))
        elif not title_done:
            title_parts.append(line)  # titles run over two or three lines
            title_done = bool(_TITLE_END.search(compact)) and not _title_goes_on(lines, i)
            i += 1
            continue
        else:
            break  # an unrecognised short line after the title: it is body text
        if title_parts:
            title_done = True
        i += 1
    if title_parts:
        fields["head_title"] = "".join(title_parts)
    return i


def _wrapped_title(lines: list[str], i: int) -> bool:
    """A long title line that a PDF broke before its last words (…的决 / 定)."""
    line = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return (
        "。" not in line
        and not match_label(line)
        and display_width(line) <= 200
        and _is_head_line(nxt)
        and bool(_TITLE_END.search(_compact(line) + _compact(nxt)))
    )


def _opens_title(lines: list[str], i: int) -> bool:
    """An organ's name on a line of its own, followed by 关于…: the first line of the title."""
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    return nxt.startswith(("关于", "转发", "批转", "印发", "对")) and "。" not in nxt


def _title_goes_on(lines: list[str], i: int) -> bool:
    """A title line that ends in a genre word can still go on (…的意见 / 报告的通知)."""
    nxt = _compact(lines[i + 1]) if i + 1 < len(lines) else ""
    return (
        bool(nxt)
        and _is_head_line(nxt)
        and nxt.startswith(("的", "报告", "请示", "通知"))
        and bool(_TITLE_END.search(nxt))
    )


def _find_title_line(lines: list[str], i: int, known: str) -> int:
    """The line, a few lines down, where the known title starts, if only notes come before it."""
    for j in range(i, min(len(lines), i + 8)):
        compact = _compact(lines[j])
        if len(compact) >= 4 and known.startswith(compact):
            return j
        if (
            is_doc_number_line(lines[j])
            or org_names(lines[j])
            or _MASTHEAD.match(lines[j])
            or _ORDER_HEAD.match(compact)
            or _date_of(lines[j])
            or _ADDRESSEE.match(lines[j])
        ):
            return -1  # a letterhead, an order or a letter: the head starts here after all
    return -1


def _strip_state(name: str) -> str:
    return name[len("中华人民共和国") :] if name.startswith("中华人民共和国") and len(name) > 9 else name


# --- the 落款 -------------------------------------------------------------------------------------


def _date_of(line: str) -> str:
    """The date of a 落款 date line (2019年1月27日, 二〇〇四年四月二十七日, 2018-12-07), or "".

    A 附注 may share the line: 2019年1月27日（此件公开发布）.
    """
    if len(line) > 60 or ("年" not in line and "-" not in line):
        return ""
    compact = _compact(line)
    cut = max(compact.find("（"), compact.find("(")) if compact.endswith(("）", ")")) else -1
    if cut > 0 and _NOTE.match(compact[cut:]):
        compact = compact[:cut]
    if DATE_LINE.match(compact):
        return parse_date(compact)
    if len(compact) <= 12 and compact[:4].isdigit() and compact.count("-") == 2:
        parts = compact.split("-")
        if all(p.isdigit() for p in parts):
            return parse_date(compact)
    return ""


def _closes(line: str) -> bool:
    return line.rstrip("。.!！").endswith(_CLOSING) or line.endswith("。")


def _signature(lines: list[str], start: int, end: int) -> tuple[int, int, list[str], str, bool]:
    """The document's 落款 in lines[start:end]: (first line, line after it, issuers, date, signed by a person).

    The first date line with organ names above it, a signing officer above it, or (a web copy that kept
    only the date) a date line right after the closing sentence and before the end or an attachment.
    (-1, -1, [], "", False) if there is none.
    """
    for j in range(start, end):
        date = _date_of(lines[j])
        if not date:
            same_line = _org_and_date(lines[j])
            if same_line:
                return j, j + 1, same_line[0], same_line[1], False
            continue
        names: list[str] = []
        k = j
        while k > start and len(names) < 6 and (found := org_names(lines[k - 1])):
            names = found + names
            k -= 1
        if names:
            return k, j + 1, names, date, False
        if j > start and _SIGNER.match(lines[j - 1].strip()):
            return j - 1, j + 1, [], date, True
        if j > start and _closes(lines[j - 1]) and _ends_here(lines, j + 1, end):
            return j, j + 1, [], date, False
    return -1, -1, [], "", False


def _org_and_date(line: str) -> tuple[list[str], str] | None:
    """`国务院办公厅　2019年1月27日`: issuer and date on one line."""
    if len(line) > 60 or "。" in line or ("年" not in line and "-" not in line):
        return None
    head, _, tail = line.rstrip(" \u3000").rpartition(" ")
    if not head:
        head, _, tail = line.rstrip(" \u3000").rpartition("\u3000")
    if not head or not (date := _date_of(tail)):
        return None
    names = org_names(head)
    return (names, date) if names else None


def _ends_here(lines: list[str], i: int, end: int) -> bool:
    """Nothing but a tail, an attachment or a new document's title follows line i."""
    if i >= end:
        return True
    line = lines[i]
    return bool(
        _is_tail_line(line)
        or line.startswith("附件")
        or (_is_head_line(line) and not org_names(line) and not _date_of(line))
    )


def _is_chrome(line: str) -> bool:
    if line.startswith("扫一扫") and "打开" in line:
        return True
    words = [w for w in _CHROME_SPLIT.split(line) if w]
    return bool(words) and len(line) <= 40 and all(w in _CHROME_WORDS for w in words)


def _is_tail_line(line: str) -> bool:
    compact = _compact(line)
    return bool(_NOTE.match(compact) or _CC.match(line) or _PRINTED.search(compact) or _is_chrome(line))


def _parse_tail(lines: list[str], start: int, fields: dict) -> int:
    """Strip 抄送, 印发, 附注, contacts, chrome and a closing 落款 from the end; return where they start."""
    end = len(lines)
    while end > start:
        line = lines[end - 1]
        compact = _compact(line)
        if m := _CC.match(line):
            fields.setdefault("cc", m[1].strip())
        elif _is_tail_line(line) or _CONTACT.match(line):
            pass
        elif _date_of(line):
            fields.setdefault("tail_date", _date_of(line))
        elif names := org_names(line):
            fields["tail_orgs"] = names + fields.get("tail_orgs", [])
        elif _SIGNER.match(compact):
            pass
        else:
            break
        end -= 1
    return end


# --- putting it together --------------------------------------------------------------------------


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
    for label, value in front.items():  # Chinese keys: 标题 / 文号 / 发布单位 / 发文字号 / 成文日期
        if isinstance(label, str) and label in LABELS and isinstance(value, str):
            _store_field(fields, label, value)
    return fields


def _issuer_in_title(title: str) -> str:
    """国务院办公厅转发… / 上海市生态环境局 上海市规划和自然资源局关于… -> the organ(s) that issue it."""
    m = _TITLE_ISSUER.match(title)
    if not m:
        return ""
    names = [n for n in _ORG_SPLIT.split(m[1].strip()) if n]
    if names and all(_ORG_END.search(n) and not _SENTENCE_PUNCT.search(n) for n in names):
        return "、".join(names)
    return ""


def extract_metadata(lines: list[str], front_matter: dict | None = None) -> tuple[Metadata, list[str]]:
    """Split cleaned paragraphs into (metadata, body paragraphs)."""
    fields = _from_front_matter(front_matter or {})
    top = _field_block(lines, fields)
    start = _parse_head(lines, top, fields)
    end = max(start, _parse_tail(lines, start, fields))
    sig_start, sig_end, names, date, _ = _signature(lines, start, len(lines))
    if sig_start >= 0 and sig_end < end:
        # a 落款 inside the text (a 印发/转发 notice before its attachment): drop it and its 附注
        while sig_end < end and _is_tail_line(lines[sig_end]):
            sig_end += 1
        body = lines[start:sig_start] + lines[sig_end:end]
    else:
        body = lines[start:end]

    title = fields.pop("head_title", "")
    if fields.get("order") and fields.get("table_title"):
        title = fields["table_title"]
    elif fields.get("order") and not title and body and (m := _BOOK_TITLE.search(body[0][:200])):
        title = m[1]
    title = title or fields.get("title") or fields.get("table_title") or fields.get("page_title", "")
    out: dict = {
        k: fields[k]
        for k in ("authors", "tags", "category", "proposal_number", "addressee", "cc")
        if k in fields
    }
    out["title"] = title
    out["doc_number"] = (
        fields.get("doc_number") or fields.get("table_doc_number") or fields.get("head_doc_number", "")
    )

    issuer = fields.get("issuer") or "、".join(names)
    if not issuer and fields.get("order"):
        issuer = _strip_state(fields["order"])
    if not issuer and sig_start < 0 and fields.get("tail_orgs"):
        issuer = "、".join(fields["tail_orgs"])
    issuer = (
        issuer
        or _issuer_in_title(title)
        or "、".join(fields.get("masthead", []))
        or fields.get("table_org", "")
    )
    out["issuer"] = issuer

    out["issued_date"] = (
        date
        or fields.get("tail_date")
        or fields.get("issued_date")
        or fields.get("head_date")
        or fields.get("table_date", "")
    )

    intro = body[0] if body else ""
    if not out.get("proposal_number"):
        m = _PROPOSAL_IN_TEXT.search(title) or _PROPOSAL_IN_TEXT.search(intro[:200])
        if m:
            out["proposal_number"] = m[1]
    if not out["title"] and (m := _CITED_PROPOSAL.search(intro[:300])):
        out["title"] = f"关于《{m[1]}》的答复"
    return Metadata(**out), body
