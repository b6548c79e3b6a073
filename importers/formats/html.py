"""A saved web page (.html/.htm) -> SourceText of the article it shows.

Government sites wrap a policy in navigation, menus, share buttons and
footers. We keep the element that holds the article (article/main, or the
CMS's content div such as TRS_Editor) and emit one line per block element.
Paragraphs are whole (hard_wrapped=False).

No recursion anywhere: pages can nest tens of thousands of elements deep.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from importers.decode import decode_bytes
from importers.errors import DocumentError
from importers.fieldlines import field_pairs
from importers.model import SourceText

__all__ = ["read"]


def read(path: Path) -> SourceText:
    # NUL is never page content (browsers skip it), but lxml turns each one into U+FFFD.
    text = _decode(path.read_bytes(), path.name).replace("\x00", "")
    root = _parse(text, path.name)
    _drop(root.iter(*_ALWAYS_DROPPED))
    body = root.find("body")
    if body is None:
        body = root
    main = _main_container(body)
    fields = _metadata_table(body, main)
    _drop_noise(body, main)
    lines = _block_lines(main if main is not None else body)
    if not lines:
        raise DocumentError(f"网页“{path.name}”中没有找到正文文字。（No text found in the web page.）")
    title = _title(root, main)
    return SourceText(tuple(lines), "html", fields | ({"title": title} if title else {}), False)


# --- decoding -----------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^<>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
# GB2312 and GBK pages routinely contain characters outside those sets; GB18030 is their superset.
_CODEC_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}
_CODEC_ALIASES |= {"euc-cn": "gb18030", "gb_2312-80": "gb18030", "x-euc-cn": "gb18030"}
# Single-byte Western codecs decode any bytes, so a wrong declaration would pass silently.
_UNTRUSTED = {"latin_1", "iso8859-1", "cp1252", "ascii"}
# A declaration we could read as ASCII bytes cannot be true of a UTF-16/32 or UTF-7 file (real
# UTF-16 is marked by its BOM, which decode_bytes reads). Browsers read such a page as UTF-8
# (WHATWG encoding sniffing); trusting it turned UTF-8 bytes into CJK-looking nonsense.
_IMPOSSIBLE = ("utf-16", "utf-32", "utf-7", "utf_16", "utf_32", "utf_7")


def _decode(data: bytes, name: str) -> str:
    declared = _declared_codec(data[:8192])
    if declared and declared not in _UNTRUSTED:
        try:
            return data.decode(declared).lstrip("\ufeff")
        except UnicodeDecodeError:
            pass  # the declaration lies (a template saved in another encoding): judge the bytes
    try:
        return decode_bytes(data, name).lstrip("\ufeff")
    except DocumentError:
        if declared:
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
        raise


def _declared_codec(head: bytes) -> str:
    """The page's declared charset as a Python codec name, or "" if absent or unknown."""
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ""  # decode_bytes reads BOMs, which override any declaration
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return ""
    label = match.group(1).decode("ascii", "ignore").lower()
    label = _CODEC_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return ""
    return "" if name.startswith(_IMPOSSIBLE) else name


# --- parsing ------------------------------------------------------------------------------------

# Tags whose content is never article text (lxml lower-cases HTML tag names).
_ALWAYS_DROPPED = ("script", "style", "noscript", "iframe", "template", "svg", "object", "embed")
_TOO_DEEP = ("ERR_RESOURCE_LIMIT", "Excessive depth")
# Flattening fallback for absurdly nested pages: block tags become line breaks, inline tags vanish.
# [^<>]: a tag ends before the next "<", so "<p<p<p…" is not rescanned from every "<p" (quadratic).
_BLOCK_TAG_RE = re.compile(
    r"</?(?:div|section|article|main|table|tbody|thead|tr|td|th|ul|ol|li|dl|dt|dd|blockquote|center|p)\b[^<>]*>",
    re.IGNORECASE,
)
_INLINE_TAG_RE = re.compile(
    r"</?(?:span|font|a|b|i|u|em|strong|small|big|sub|sup|label)\b[^<>]*>", re.IGNORECASE
)


def _parse(text: str, name: str) -> etree._Element:
    root, too_deep = _parse_once(text, name)
    if too_deep:
        # libxml2 stops at 256 levels (we keep huge_tree off) and silently drops the rest.
        flat = _INLINE_TAG_RE.sub("", _BLOCK_TAG_RE.sub("<br>", text))
        root, too_deep = _parse_once(flat, name)
        if too_deep:
            raise DocumentError(
                f"网页“{name}”的结构嵌套过深，无法可靠提取正文。请在浏览器中打开后复制正文，保存为 .txt 再导入。"
                "（The HTML is nested too deeply.）"
            )
    return root


def _parse_once(text: str, name: str) -> tuple[etree._Element, bool]:
    parser = lxml_html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=False, no_network=True
    )
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise DocumentError(
            f"网页“{name}”无法解析，文件可能已损坏或是空的。（The HTML file cannot be parsed.）"
        ) from exc
    too_deep = any(
        marker in (entry.type_name + entry.message) for entry in parser.error_log for marker in _TOO_DEEP
    )
    return root, too_deep


def _drop(elements) -> None:
    for element in list(elements):
        if element.getparent() is not None:
            element.drop_tree()  # keeps the tail text, which belongs to the parent


# --- finding the article ------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff]")
_CONTENT_HINT = re.compile(r"content|article|trs_editor|zoom|pages_content|detail", re.IGNORECASE)
_MAX_CANDIDATES = 200
# A "content" widget holding a sliver of the page's Chinese text is not the article.
_MIN_MAIN_SHARE = 0.2


def _cjk_count(element: etree._Element) -> int:
    return len(_CJK.findall(element.text_content()))


def _attrs(element: etree._Element) -> str:
    return f"{element.get('id', '')} {element.get('class', '')}"


def _main_container(body: etree._Element) -> etree._Element | None:
    """The element holding the article: the candidate with the most Chinese text, deepest on ties."""
    total = _cjk_count(body)
    if not total:
        return None
    best, best_count = None, 0
    candidates = 0
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("article", "main") or _CONTENT_HINT.search(_attrs(element)):
            count = _cjk_count(element)
            if count >= best_count and count:  # >= : a descendant with the same text is tighter
                best, best_count = element, count
            candidates += 1
            if candidates >= _MAX_CANDIDATES:
                break
    return best if best_count >= _MIN_MAIN_SHARE * total else None


_NOISE_TAGS = ("nav", "header", "footer", "aside", "form", "button", "select", "input", "textarea", "menu")
_NOISE_HINT = re.compile(
    r"(?<![a-z])nav|menu|toolbar|breadcrumb|footer|header|sidebar|share|comment", re.IGNORECASE
)
# Inside the article, a "header" holds its title and 文号 and is kept; share and comment boxes are not.
_PAGE_CHROME = re.compile(r"(?<![a-z])nav|menu|footer|header|sidebar", re.IGNORECASE)
_PAGE_CHROME_TAGS = ("header", "footer")
_MAX_NOISE_SHARE = 0.5


def _drop_noise(body: etree._Element, main: etree._Element | None) -> None:
    protected = set(main.iterancestors()) | {main} if main is not None else set()
    inside_main = set(main.iterdescendants()) if main is not None else set()
    total = _cjk_count(body)
    doomed = []
    for element in body.iter():
        if not isinstance(element.tag, str) or element in protected:
            continue
        by_tag = element.tag in _NOISE_TAGS
        hint = _attrs(element)
        if not (by_tag or _NOISE_HINT.search(hint)):
            continue
        if element in inside_main and (element.tag in _PAGE_CHROME_TAGS or _PAGE_CHROME.search(hint)):
            continue
        doomed.append(element)
    for element in doomed:
        # Whole-page wrappers (ASP.NET's <form>, a "header-content" div) hold the article itself.
        if element.getparent() is not None and _cjk_count(element) <= _MAX_NOISE_SHARE * total:
            element.drop_tree()


# --- lines --------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "caption",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "center",
        "address",
        "figure",
        "figcaption",
        "header",
        "footer",
        "hr",
        "body",
        "html",
        "form",
        "fieldset",
        "legend",
    ]
)
_CELL_TAGS = frozenset(("td", "th"))
_BOLD_TAGS = frozenset(("b", "strong"))
_SENTENCE_END = frozenset("。！？；：!?;")
_SPACE = re.compile(r"[ \t\r\n\f]+")


class _LineBuilder:
    """Collects text between block boundaries into lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.pre_depth = 0
        self.last = ""  # the last visible character since the line began
        self.broken = False  # a source line break after visible text, not yet followed by more text

    def add(self, text: str | None) -> None:
        if not text:
            return
        if self.pre_depth or "\n" not in text:
            self._append(text)
            return
        # A fragment without <p> or <br> (text stored by a CMS) marks its paragraphs with line
        # breaks only: a break after the end of a sentence ends the line.
        pieces = text.split("\n")
        for number, piece in enumerate(pieces):
            self._append(piece)
            if number < len(pieces) - 1:
                if self.last in _SENTENCE_END:
                    self.flush()
                else:
                    self.parts.append(" ")
                    self.broken = self.broken or bool(self.last)

    def _append(self, text: str) -> None:
        self.parts.append(text)
        visible = text.rstrip()
        if visible:
            self.last = visible[-1]
            self.broken = False

    def break_if_broken(self) -> None:
        """At a bold heading's edge: a source line break there ends the line."""
        if self.broken:
            self.flush()

    def flush(self) -> None:
        text = "".join(self.parts)
        self.parts = []
        self.last = ""
        self.broken = False
        pieces = text.split("\n") if self.pre_depth else [_SPACE.sub(" ", text)]
        self.lines.extend(piece.strip() for piece in pieces if piece.strip())


def _block_lines(container: etree._Element) -> list[str]:
    builder = _LineBuilder()
    for event, element in etree.iterwalk(container, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS or tag == "br":
                builder.flush()
            if tag == "pre":
                builder.pre_depth += 1
            if tag in _CELL_TAGS:
                builder.add(" ")
            if tag in _BOLD_TAGS:
                builder.break_if_broken()
            builder.add(element.text)
            continue
        if tag in _BLOCK_TAGS:
            builder.flush()
        if tag == "pre":
            builder.pre_depth -= 1
        if tag in _CELL_TAGS:
            builder.add(" ")
        if element is not container:
            tail = element.tail or ""
            if tag in _BOLD_TAGS and "\n" in tail[: len(tail) - len(tail.lstrip())]:
                builder.flush()  # <b>一、各地自查</b> on a source line of its own
            builder.add(tail)
    builder.flush()
    return builder.lines


# --- metadata table ------------------------------------------------------------------------------

_MAX_ROWS = 200
_MAX_CELL = 300


def _cell_text(cell: etree._Element) -> str:
    parts, size = [], 0
    for text in cell.itertext():
        parts.append(text)
        size += len(text)
        if size > _MAX_CELL:
            break
    return _SPACE.sub(" ", "".join(parts)).strip()


def _metadata_table(body: etree._Element, main: etree._Element | None) -> dict:
    """{label: value} from a page's metadata table (发文字号 / 发文机关 / 成文日期 / 标题) outside the
    article, which the lines do not show: the 文号 of some pages is printed nowhere else."""
    fields: dict[str, str] = {}
    inside = set(main.iter("tr")) if main is not None else set()
    for count, row in enumerate(body.iter("tr")):
        if count >= _MAX_ROWS:
            break
        if row in inside:
            continue
        cells = [c for c in row if c.tag in ("td", "th")]
        if not cells or any(c.find("table") is not None for c in cells):
            continue  # a layout row around a whole table
        for label, value in field_pairs(" ".join(_cell_text(c) for c in cells)):
            if value and label not in fields:
                fields[label] = value
    return fields


# --- title --------------------------------------------------------------------------------------

_MAX_TITLE = 80
# "标题_栏目_厦门市人民政府", "标题 - 中国政府网", "标题|某某网": the article title comes first.
# A blank run is tried from its first character only, and possessively: "\s*[_|]" retried
# every suffix of a long blank run (quadratic on a crafted <title>).
_TITLE_SEPARATOR = re.compile(r"(?<!\s)\s*+[_|｜]\s*|(?<!\s)\s++[-–]\s+")
_SITE_NAME = re.compile(r"(?:人民政府|政府网|门户网站|网站|官网|首页|主页)$")


def _title(root: etree._Element, main: etree._Element | None) -> str:
    candidates = [meta.get("content", "") for meta in root.iter("meta") if meta.get("name") == "ArticleTitle"]
    if main is not None:
        candidates += [h1.text_content() for h1 in main.iter("h1")][:1]
    candidates += [_strip_site_suffix(title.text_content()) for title in root.iter("title")][:1]
    candidates += [h1.text_content() for h1 in root.iter("h1")][:1]
    for candidate in candidates:
        title = _SPACE.sub(" ", candidate).strip()
        if title and len(title) < _MAX_TITLE and not (_SITE_NAME.search(title) and len(title) < 15):
            return title
    return ""


def _strip_site_suffix(title: str) -> str:
    return _TITLE_SEPARATOR.split(title.strip(), maxsplit=1)[0]
