"""Word (.docx) -> SourceText: paragraphs and table rows in body order.

Word paragraphs are whole (hard_wrapped=False). The one thing plain text
extraction loses is automatic list numbering: "一、" or "（一）" in a Word list
lives in numbering.xml, not in the paragraph, yet it is what the clause tree
is built from. So we compute each numbered paragraph's label the way Word
displays it and put it back in front of the text.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from importers.errors import DocumentError
from importers.formats.docx_package import MAX_XML_BYTES, DocxParts, NotWordDocument, PartTooBig, read_parts
from importers.model import SourceText

__all__ = ["read"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

_BROKEN = "Word 文件已损坏或不是 .docx 格式：“{name}”。请在 Word 或 WPS 中打开并另存为 .docx 后再导入。（Corrupt or not a .docx file.）"


def read(path: Path) -> SourceText:
    _check_head(path)
    parts = _read_parts(path)
    numbering = _Numbering(parts.numbering, parts.styles)
    body = parts.document.find(_W + "body")
    lines = [line for line in _blocks(body, numbering) if line.strip()] if body is not None else []
    return SourceText(tuple(lines), "docx", _front_matter(parts.core), False)


# --- the package --------------------------------------------------------------------------------


def _check_head(path: Path) -> None:
    """Name the usual wrong-file problems before the zip reader fails on them."""
    with open(path, "rb") as fh:
        head = fh.read(64 * 1024)
    name = path.name
    if head.startswith(_OLE2_MAGIC):
        # Password-protected .docx files are OLE2 containers too, holding an "EncryptedPackage".
        if _ENCRYPTED_STREAM in head:
            raise DocumentError(
                f"“{name}”是加密（设置了打开密码）的 Word 文件，无法读取。请在 Word 中取消密码后另存为 .docx 再导入。"
                "（Password-protected Word file.）"
            )
        raise DocumentError(
            f"“{name}”是旧版 Word 97-2003 文档（.doc），只是扩展名为 .docx。"
            "请在 Word 或 WPS 中打开并“另存为”Word 文档（.docx）后再导入。（Old binary .doc format.）"
        )
    if head.lstrip().startswith(b"{\\rtf"):
        raise DocumentError(
            f"“{name}”是 RTF 格式，不是 .docx。请在 Word 或 WPS 中打开并另存为 .docx 后再导入。（RTF, not .docx.）"
        )


def _read_parts(path: Path) -> DocxParts:
    name = path.name
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise DocumentError(
                    f"“{name}”是压缩包，但不是 Word 文档（.docx）。请确认文件类型后再导入。（Zip archive, not a .docx.）"
                )
            return read_parts(package)
    except NotWordDocument as exc:
        raise DocumentError(
            f"“{name}”不是普通的 Word 文档（可能是模板、启用宏的文档或其他 Office 文件）。"
            "请在 Word 中另存为“Word 文档（.docx）”后再导入。（Not a Word document.）"
        ) from exc
    except PartTooBig as exc:
        raise DocumentError(
            f"“{name}”解压后大小异常（超过 {MAX_XML_BYTES // 1024 // 1024} MB），可能是损坏或恶意构造的文件，未导入。"
            "（Declared uncompressed size too large.）"
        ) from exc
    except DocumentError:
        raise
    # zlib.error: a damaged deflate stream; NotImplementedError: a compression method zipfile
    # lacks; XMLSyntaxError: truncated or hostile XML; KeyError: a missing main part.
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        KeyError,
        zlib.error,
        NotImplementedError,
        etree.LxmlError,
    ) as exc:
        raise DocumentError(_BROKEN.format(name=name)) from exc


# --- core properties ----------------------------------------------------------------------------

_PLACEHOLDER_TITLE = re.compile(
    r"^(?:microsoft\s+word\s*-.*|新建.*文档.*|.*\.(?:docx?|wps|rtf)"
    r"|(?:document|文档|untitled|无标题|title|标题|word\s*文档|python-docx)\s*\d*)$",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _front_matter(core: etree._Element | None) -> dict:
    """Title and creation date from the core properties, unless they are template leftovers."""
    if core is None:
        return {}
    try:
        # python-docx's CT_CoreProperties, produced by its parser for cp:coreProperties.
        title = (core.title_text or "").strip()
        author = (core.author_text or "").strip()
        created = core.created_datetime
    except Exception:  # a broken docProps/core.xml should not cost the user the document
        return {}
    front_matter = {}
    if title and not _PLACEHOLDER_TITLE.match(title) and (_CJK.search(title) or len(title) > 3):
        front_matter["title"] = title
    # python-docx's own template carries author "python-docx" and a 2013 creation date.
    if created is not None and author != "python-docx":
        front_matter["date"] = created.date().isoformat()
    return front_matter


# --- body ---------------------------------------------------------------------------------------

_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
# Elements that only wrap body content (content controls, custom XML, tracked moves).
_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins", _W + "moveTo"}


def _blocks(container: etree._Element, numbering: _Numbering) -> Iterator[str]:
    """Lines of the paragraphs and tables directly inside a body, cell or text box."""
    for child in container.iterchildren():
        if child.tag == _P:
            yield from _paragraph_lines(child, numbering)
        elif child.tag == _TBL:
            yield from _table_lines(child, numbering)
        elif child.tag in _WRAPPERS:
            yield from _blocks(child, numbering)


def _table_lines(table: etree._Element, numbering: _Numbering) -> Iterator[str]:
    for row in _children(table, _TR):
        cells = [cell for cell in (_cell_lines(tc, numbering) for tc in _children(row, _TC)) if cell]
        if len(cells) == 1:
            # A one-cell row is usually a layout box around whole paragraphs: keep them apart.
            yield from cells[0]
        elif cells:
            yield " ".join(" ".join(cell) for cell in cells)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, looking through content-control wrappers (rows inside w:sdt)."""
    for child in parent.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _cell_lines(cell: etree._Element, numbering: _Numbering) -> list[str]:
    # A vertically merged cell repeats in every row it spans; only its first row holds the text.
    merge = cell.find(f"{_W}tcPr/{_W}vMerge")
    if merge is not None and merge.get(_W + "val", "continue") != "restart":
        return []
    return [line.strip() for line in _blocks(cell, numbering) if line.strip()]


def _paragraph_lines(paragraph: etree._Element, numbering: _Numbering) -> Iterator[str]:
    text, text_boxes = _paragraph_text(paragraph)
    for box in text_boxes:
        yield from _blocks(box, numbering)
    # The counter advances even for an empty numbered paragraph: Word shows (and counts) it.
    label = numbering.label(paragraph)
    lines = text.split("\n")
    if label and text.strip():
        separator = " " if label[-1].isalnum() else ""
        lines[0] = label + separator + lines[0].lstrip()
    yield from (line for line in lines if line.strip())


_TEXT_TAGS = {_W + "t": None, _W + "tab": "\t", _W + "ptab": "\t", _W + "br": "\n", _W + "cr": "\n"}
_TEXT_TAGS[_W + "noBreakHyphen"] = "-"
# Deleted text, field codes, properties and the duplicate fallback copy of drawings are not text.
_SKIP = {
    _W + "del",
    _W + "moveFrom",
    _W + "instrText",
    _W + "delText",
    _W + "pPr",
    _W + "rPr",
    _MC + "Fallback",
}
_TEXT_BOX = _W + "txbxContent"


def _paragraph_text(paragraph: etree._Element) -> tuple[str, list[etree._Element]]:
    """The paragraph's visible text and the text boxes anchored in it.

    Walks with an explicit stack: runs nest inside hyperlinks, fields, content controls
    and tracked insertions, which python-docx's Paragraph.text partly skips.
    """
    parts: list[str] = []
    boxes: list[etree._Element] = []
    stack = [paragraph.iterchildren()]
    while stack:
        for element in stack[-1]:
            tag = element.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag in _TEXT_TAGS:
                parts.append(_TEXT_TAGS[tag] or element.text or "")
            elif tag == _TEXT_BOX:
                boxes.append(element)
            else:
                stack.append(element.iterchildren())
                break
        else:
            stack.pop()
    return "".join(parts), boxes


# --- list numbering -----------------------------------------------------------------------------


class _Level:
    """One level of a list definition (w:lvl)."""

    def __init__(self, element: etree._Element | None) -> None:
        self.fmt = _child_val(element, "numFmt") or "decimal"
        self.text = _child_val(element, "lvlText")
        if self.text is None:
            self.text = ""
        start = _int(_child_val(element, "start"))
        self.start = 1 if start is None else start
        self.restart = _int(_child_val(element, "lvlRestart"))
        self.legal = element is not None and element.find(_W + "isLgl") is not None
        self.style = _child_val(element, "pStyle")


class _Numbering:
    """Word's list numbering, replayed paragraph by paragraph in document order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._abstract: dict[str, etree._Element] = {}
        self._nums: dict[int, tuple[str, dict[int, etree._Element]]] = {}
        self._styles: dict[str, etree._Element] = {}
        self._default_style = ""
        self._counters: dict[object, dict[int, int]] = {}
        self._levels: dict[int, list[_Level]] = {}
        if numbering is not None:
            self._load_numbering(numbering)
        if styles is not None:
            self._load_styles(styles)

    def _load_numbering(self, numbering: etree._Element) -> None:
        for abstract in numbering.iterchildren(_W + "abstractNum"):
            self._abstract[abstract.get(_W + "abstractNumId", "")] = abstract
        for num in numbering.iterchildren(_W + "num"):
            num_id = _int(num.get(_W + "numId"))
            if num_id is None:
                continue
            overrides = {}
            for override in num.iterchildren(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl"))
                if ilvl is not None:
                    overrides[ilvl] = override
            self._nums[num_id] = (_child_val(num, "abstractNumId") or "", overrides)

    def _load_styles(self, styles: etree._Element) -> None:
        for style in styles.iterchildren(_W + "style"):
            if style.get(_W + "type") != "paragraph":
                continue
            style_id = style.get(_W + "styleId", "")
            self._styles[style_id] = style
            if style.get(_W + "default") in ("1", "true", "on"):
                self._default_style = style_id

    def label(self, paragraph: etree._Element) -> str:
        """The number Word shows before this paragraph ("一、", "（一）", "1.2"), or ""."""
        found = self._num_pr(paragraph)
        if found is None or found[0] not in self._nums:
            return ""
        num_id, ilvl = found
        levels = self._levels.get(num_id) or [self._level(num_id, level) for level in range(9)]
        self._levels[num_id] = levels
        ilvl = min(max(ilvl, 0), 8)
        counters = self._advance(num_id, ilvl, levels)
        current = levels[ilvl]
        if current.fmt == "bullet":
            return ""
        return _render(current, levels, counters)

    def _advance(self, num_id: int, ilvl: int, levels: list[_Level]) -> dict[int, int]:
        abstract_id, overrides = self._nums[num_id]
        # Lists that share a definition continue each other's numbering in Word, unless a
        # w:num overrides it ("restart numbering"), which makes it a list of its own.
        key = ("num", num_id) if overrides else ("abstract", abstract_id)
        counters = self._counters.setdefault(key, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else self._start(num_id, ilvl, levels)
        for deeper in [level for level in counters if level > ilvl]:
            restart = levels[deeper].restart
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        return counters

    def _start(self, num_id: int, ilvl: int, levels: list[_Level]) -> int:
        override = self._nums[num_id][1].get(ilvl)
        if override is not None:
            start = _int(_child_val(override, "startOverride"))
            if start is not None:
                return start
        return levels[ilvl].start

    def _level(self, num_id: int, ilvl: int) -> _Level:
        abstract_id, overrides = self._nums[num_id]
        override = overrides.get(ilvl)
        if override is not None and override.find(_W + "lvl") is not None:
            return _Level(override.find(_W + "lvl"))
        abstract = self._resolve_abstract(abstract_id)
        if abstract is None:
            return _Level(None)
        for lvl in abstract.iterchildren(_W + "lvl"):
            if _int(lvl.get(_W + "ilvl")) == ilvl:
                return _Level(lvl)
        return _Level(None)

    def _resolve_abstract(self, abstract_id: str) -> etree._Element | None:
        """Follow w:numStyleLink (a list defined by a numbering style) to the real definition."""
        abstract = self._abstract.get(abstract_id)
        for _ in range(5):
            link = _child_val(abstract, "numStyleLink")
            if abstract is None or link is None:
                return abstract
            num_id, _ilvl = self._style_num_pr(link)
            if num_id not in self._nums:
                return abstract
            abstract = self._abstract.get(self._nums[num_id][0])
        return abstract

    def _num_pr(self, paragraph: etree._Element) -> tuple[int, int] | None:
        """(numId, ilvl) from the paragraph's own w:numPr, else from its style chain."""
        ppr = paragraph.find(_W + "pPr")
        style_id = _child_val(ppr, "pStyle") or self._default_style
        direct = ppr.find(_W + "numPr") if ppr is not None else None
        num_id = _int(_child_val(direct, "numId"))
        ilvl = _int(_child_val(direct, "ilvl"))
        if num_id is None:
            num_id, style_ilvl = self._style_num_pr(style_id)
            ilvl = style_ilvl if ilvl is None else ilvl
        if not num_id:  # numId 0 switches numbering off
            return None
        if ilvl is None:
            ilvl = self._level_for_style(num_id, style_id)
        return num_id, ilvl

    def _style_num_pr(self, style_id: str) -> tuple[int | None, int | None]:
        seen = set()
        while style_id and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id = _int(_child_val(num_pr, "numId"))
                if num_id is not None:
                    return num_id, _int(_child_val(num_pr, "ilvl"))
            style_id = _child_val(style, "basedOn") or ""
        return None, None

    def _level_for_style(self, num_id: int, style_id: str) -> int:
        # A heading style linked to a list names its level in the list (w:lvl/w:pStyle).
        for ilvl in range(9):
            if style_id and self._level(num_id, ilvl).style == style_id:
                return ilvl
        return 0


# A crafted list can ask for labels of any size: upperLetter starting at 4e9 is 154 million
# letters, upperRoman at 1e12 a billion M's, and a long w:lvlText repeats them. Word's own
# dialog stops at 32767, and a real label ("（十二）", "1.2.3.", "AA.") is a few characters,
# so anything beyond these bounds gets no label and the paragraph keeps just its text.
MAX_COUNTER = 32767
MAX_LABEL_CHARS = 32
_MAX_LVL_TEXT = 64
_PLACEHOLDER = re.compile(r"%([1-9])")


def _render(current: _Level, levels: list[_Level], counters: dict[int, int]) -> str:
    if len(current.text) > _MAX_LVL_TEXT:
        return ""
    overflow = False

    def placeholder(match: re.Match) -> str:
        nonlocal overflow
        index = int(match.group(1)) - 1
        if not 0 <= index < len(levels):
            return ""
        level = levels[index]
        value = counters.get(index, level.start)
        overflow = overflow or abs(value) > MAX_COUNTER
        fmt = "decimal" if current.legal else level.fmt
        return format_number(value, fmt)

    label = _PLACEHOLDER.sub(placeholder, current.text).strip()
    # No half label ("." left of an overflowed "%1."): the whole label goes.
    return "" if overflow or len(label) > MAX_LABEL_CHARS else label


def _child_val(element: etree._Element | None, name: str) -> str | None:
    if element is None:
        return None
    child = element.find(_W + name)
    return None if child is None else child.get(_W + "val")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# --- number formats -----------------------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = ("", "十", "百", "千")
_CN_LEGAL_UNITS = ("", "拾", "佰", "仟")
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"))
_ROMAN += ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))

_CHINESE_COUNTING = {
    "chineseCounting",
    "chineseCountingThousand",
    "japaneseCounting",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
    "koreanCounting",
}


def format_number(value: int, fmt: str) -> str:
    """A list counter as Word draws it in the given w:numFmt ("" beyond MAX_COUNTER)."""
    if abs(value) > MAX_COUNTER:
        return ""  # every format below is then at most a few dozen characters long
    if fmt in _CHINESE_COUNTING:
        return chinese_counting(value)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_counting(value, legal=True)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(value))
    if fmt == "ideographTraditional" and value > 0:
        return _HEAVENLY_STEMS[(value - 1) % 10]
    if fmt == "ideographZodiac" and value > 0:
        return _EARTHLY_BRANCHES[(value - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return chr(0x2460 + value - 1)  # ①..⑳
    if fmt == "decimalEnclosedParen" and 1 <= value <= 20:
        return chr(0x2474 + value - 1)  # ⑴..⒇
    if fmt == "decimalEnclosedFullstop" and 1 <= value <= 20:
        return chr(0x2488 + value - 1)  # ⒈..⒛
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(value))
    if fmt in ("upperLetter", "lowerLetter") and value > 0:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # Z, AA, BB...
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and value > 0:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


def chinese_counting(value: int, legal: bool = False) -> str:
    """1→一, 10→十, 11→十一, 20→二十, 105→一百零五 (legal: 壹拾壹)."""
    digits = _CN_LEGAL_DIGITS if legal else _CN_DIGITS
    units = _CN_LEGAL_UNITS if legal else _CN_UNITS
    if value <= 0 or value >= 10000:
        return str(value) if value else digits[0]
    out = []
    text = str(value)
    zero_pending = False
    for position, char in enumerate(text):
        digit = int(char)
        unit = units[len(text) - position - 1]
        if digit == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")  # 一百零一: counting writes 零 where digit-by-digit writes 〇
            zero_pending = False
        # "十一", not "一十一", when ten leads (non-legal style only).
        if not (digit == 1 and unit == units[1] and not out and not legal):
            out.append(digits[digit])
        out.append(unit)
    return "".join(out)


def _roman(value: int) -> str:
    out = []
    for number, numeral in _ROMAN:
        count, value = divmod(value, number)
        out.append(numeral * count)
    return "".join(out)
