"""OFD (GB/T 33190-2016), the national fixed-layout format of electronic official documents.

An OFD file is a zip package: OFD.xml names each document's Document.xml, which lists its pages
(and template pages); each page's Content.xml holds TextObjects, whose TextCodes carry text at
positions in millimetres. There is no reading order in the file, only positions: the text is
ordered here into lines (by baseline, then left to right) and paragraphs (a line that ran to the
right margin continues into a following line that starts at the left margin, across pages too),
so a red-head 公文 comes out as head, 文号, title, body and 落款 in order, as whole paragraphs.

Real producers write non-standard packages: no namespace (or another URI), folder names in GBK
without the zip's UTF-8 flag, backslashes, absolute or relative paths in any case. Elements are
matched by local name and paths resolved leniently. Hostile packages are bounded: each XML part
is read in steps up to MAX_PART_BYTES, pages, text objects and characters are capped, and the
parser resolves no entities and fetches nothing.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from importers.errors import DocumentError
from importers.model import SourceText

MAX_PART_BYTES = 32 * 1024 * 1024
MAX_PAGES = 5000
MAX_RUNS = 2_000_000
MAX_CHARS = 50_000_000
_STEP = 1024 * 1024
NO_TEXT_LAYER = "this OFD has no text layer (scanned images or paths only); OCR is not supported"

_PAGE_NUMBER = re.compile(r"\s*[—\-－–]\s*\d{1,4}\s*[—\-－–]\s*$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


@dataclass(frozen=True)
class Run:
    """Text drawn in one go: where its baseline starts and ends, and its glyph size."""

    x: float
    y: float
    end: float
    size: float
    text: str


@dataclass
class Line:
    x: float
    y: float
    end: float
    size: float
    text: str


def read(path: Path) -> SourceText:
    name = path.name
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DocumentError(f"无法读取“{name}”：不是有效的 OFD 文件（OFD 是一个 zip 包）。") from exc
    with package:
        parts = _Package(package, name)
        pages = parts.pages()
        paragraphs: list[str] = []
        previous: tuple[Line, float, float] | None = None  # last line of the last page, margins
        for runs in pages:
            lines = _lines(runs)
            if not lines:
                continue
            left = min(line.x for line in lines)
            right = max(line.end for line in lines)
            for i, line in enumerate(lines):
                before = lines[i - 1] if i else None
                if before is not None:
                    joined = _continues(before, line, left, right)
                else:  # the first line of a page may continue the last paragraph of the page before
                    joined = previous is not None and _continues_page(previous, line, left)
                if joined:
                    paragraphs[-1] += line.text
                else:
                    paragraphs.append(line.text)
            previous = (lines[-1], left, right)
    _check_text(paragraphs, name)
    return SourceText(tuple(paragraphs), "ofd", hard_wrapped=False)


def _check_text(paragraphs: list[str], name: str) -> None:
    if not "".join("".join(p.split()) for p in paragraphs):
        raise DocumentError(
            f"“{name}”没有文字层（页面只有图片或图形），本软件不支持文字识别（OCR）。"
            f"请用原始的 Word 文件，或先用 OCR 工具转换为文字版后再导入。（{NO_TEXT_LAYER}）"
        )


class _Package:
    def __init__(self, package: zipfile.ZipFile, name: str) -> None:
        self.package, self.name = package, name
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in package.infolist():
            if info.is_dir():
                continue
            self.members[_key(info.filename)] = info
            if not info.flag_bits & 0x800:  # no UTF-8 flag: the name may really be GBK (国产 producers)
                try:
                    self.members.setdefault(_key(info.filename.encode("cp437").decode("gbk")), info)
                except (UnicodeEncodeError, UnicodeDecodeError):
                    pass
        self.runs = 0
        self.chars = 0

    def xml(self, path: str) -> etree._Element | None:
        info = self.members.get(_key(path))
        if info is None:
            return None
        if info.file_size > MAX_PART_BYTES:
            raise DocumentError(
                f"“{self.name}”中的“{path}”太大（超过 {MAX_PART_BYTES >> 20} MB），无法读取。"
            )
        chunks: list[bytes] = []
        size = 0
        try:
            with self.package.open(info) as member:
                while chunk := member.read(_STEP):
                    size += len(chunk)
                    if size > MAX_PART_BYTES:  # the declared size lied (a zip bomb)
                        raise DocumentError(
                            f"“{self.name}”中的“{path}”解压后过大，可能是恶意文件，已拒绝读取。"
                        )
                    chunks.append(chunk)
        except (
            zipfile.BadZipFile,
            EOFError,
            OSError,
        ) as exc:  # zipfile stops at the declared size: CRC fails
            raise DocumentError(
                f"无法读取“{self.name}”：其中的“{path}”数据校验失败（文件已损坏或被篡改）。"
            ) from exc
        try:
            return etree.fromstring(b"".join(chunks), _PARSER)
        except etree.XMLSyntaxError as exc:
            raise DocumentError(f"无法读取“{self.name}”：其中的“{path}”不是有效的 XML（{exc}）。") from exc

    def pages(self) -> list[list[Run]]:
        root = self.xml("OFD.xml")
        if root is None:
            raise DocumentError(f"无法读取“{self.name}”：缺少 OFD.xml，不是有效的 OFD 文件。")
        out: list[list[Run]] = []
        for doc_root in _all(root, "DocRoot"):
            document_path = _resolve("", (doc_root.text or "").strip())
            document = self.xml(document_path)
            if document is None:
                continue
            base = posixpath.dirname(document_path)
            templates = {
                t.get("ID", ""): _resolve(base, t.get("BaseLoc", "")) for t in _all(document, "TemplatePage")
            }
            for page in _all(document, "Page"):
                if len(out) >= MAX_PAGES:
                    raise DocumentError(f"“{self.name}”超过 {MAX_PAGES} 页，无法读取。")
                content_path = _resolve(base, page.get("BaseLoc", ""))
                content = self.xml(content_path)
                if content is None:
                    continue
                runs: list[Run] = []
                for template in _all(content, "Template"):
                    tpl = templates.get(template.get("TemplateID", ""))
                    tpl_root = self.xml(tpl) if tpl else None
                    if tpl_root is not None:
                        runs.extend(self._runs(tpl_root))
                runs.extend(self._runs(content))
                out.append(runs)
        return out

    def _runs(self, content: etree._Element) -> list[Run]:
        runs: list[Run] = []
        for obj in _all(content, "TextObject"):
            box = _numbers(obj.get("Boundary", ""), 4)
            size = _float(obj.get("Size"), 3.5)
            ctm = _numbers(obj.get("CTM", ""), 6)
            scale = ctm[0] if ctm and ctm[0] > 0 else 1.0
            for code in _all(obj, "TextCode"):
                text = code.text or ""
                if not text.strip() or _PAGE_NUMBER.match(text):
                    continue  # a page number (— 1 —) sits on the 版记's baseline: never glue it on
                self.runs += 1
                self.chars += len(text)
                if self.runs > MAX_RUNS or self.chars > MAX_CHARS:
                    raise DocumentError(f"“{self.name}”的文字过多，可能是恶意文件，已拒绝读取。")
                x = (box[0] if box else 0.0) + _float(code.get("X"), 0.0) * scale
                y = (box[1] if box else 0.0) + _float(code.get("Y"), 0.0) * scale
                advance = _advance(code.get("DeltaX", ""), len(text), size) * scale
                runs.append(Run(x, y, x + advance + size * scale, size * scale, text))
        return runs


def _lines(runs: list[Run]) -> list[Line]:
    """Runs sharing a baseline (within 40 % of a glyph) become one line, read left to right.
    (Digits and Latin words are often separate objects with a baseline a hair lower.)"""
    clusters: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: r.y):
        last = clusters[-1] if clusters else None
        if last is not None and abs(run.y - last[0].y) <= 0.4 * max(run.size, last[0].size):
            last.append(run)
        else:
            clusters.append([run])
    lines: list[Line] = []
    for cluster in clusters:
        cluster.sort(key=lambda r: r.x)
        first = cluster[0]
        line = Line(first.x, first.y, first.end, first.size, first.text)
        for run in cluster[1:]:
            # Runs of one line abut; a wide gap is a table cell or a tab stop: keep them apart.
            line.text += (" " if run.x - line.end > 1.5 * run.size else "") + run.text
            line.end = max(line.end, run.end)
            line.size = max(line.size, run.size)
        line.text = line.text.strip()
        if line.text:
            lines.append(line)
    return lines


def _continues(before: Line, line: Line, left: float, right: float) -> bool:
    """Is `line` the next line of the paragraph that `before` is in?"""
    size = max(before.size, line.size)
    full = before.end >= right - 2.5 * size  # ran to the right margin
    flush = line.x <= left + 0.6 * size  # starts at the margin: not indented, not centred
    close = 0 < line.y - before.y <= 2.6 * size
    same_size = abs(before.size - line.size) <= 0.2 * size
    return full and flush and close and same_size and not _ends_sentence(before.text)


def _continues_page(previous: tuple[Line, float, float], line: Line, left: float) -> bool:
    before, _prev_left, prev_right = previous
    size = max(before.size, line.size)
    full = before.end >= prev_right - 2.5 * size
    return (
        full
        and line.x <= left + 0.6 * size
        and abs(before.size - line.size) <= 0.2 * size
        and not (_ends_sentence(before.text))
    )


def _ends_sentence(text: str) -> bool:
    return text.rstrip("”’）)」』")[-1:] in "。！？；：" if text else True


def _advance(delta: str, count: int, size: float) -> float:
    """Width of a run from its DeltaX (glyph advances, with the `g N step` shorthand)."""
    total = 0.0
    seen = 0
    tokens = delta.split()
    i = 0
    while i < len(tokens) and seen < count:
        if tokens[i] == "g" and i + 2 < len(tokens):
            repeat = int(_float(tokens[i + 1], 0))
            step = _float(tokens[i + 2], size)
            repeat = max(0, min(repeat, count - seen))
            total += repeat * step
            seen += repeat
            i += 3
        else:
            total += _float(tokens[i], size)
            seen += 1
            i += 1
    return total + max(0, count - 1 - seen) * size


def _all(root: etree._Element, local: str) -> list[etree._Element]:
    """Elements of that local name, whatever their namespace (or none)."""
    return [el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname == local]


def _resolve(base: str, target: str) -> str:
    target = target.strip().replace("\\", "/")
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, target)) if base else posixpath.normpath(target)


def _key(name: str) -> str:
    return posixpath.normpath(name.replace("\\", "/").lstrip("/")).lower()


def _numbers(text: str, count: int) -> list[float]:
    parts = text.replace(",", " ").split()
    if len(parts) < count:
        return []
    try:
        return [float(p) for p in parts[:count]]
    except ValueError:
        return []


def _float(text: str | None, default: float) -> float:
    try:
        value = float(text) if text is not None else default
    except ValueError:
        return default
    return value if value == value and abs(value) < 1e6 else default  # NaN and absurd values
