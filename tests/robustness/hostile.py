"""Builders of hostile input files, made at test time so no big binary is ever committed.

Each builder writes one file into a folder and returns its path. `build_all()` makes the
whole collection and says, for each file, what a correct importer must do with it:

- "error": refuse it with a DocumentError whose message names the problem;
- "parse": read it correctly (the check function then looks at the parsed document);
- "either": both are acceptable (e.g. a PDF whose broken xref pypdf can rebuild), as long as
  the outcome is clean, bounded and, if parsed, not garbage.

Sizes are chosen to stress the limits the importers claim (the .docx XML part cap, 256 levels
of HTML nesting, the 256 KB encoding sample) while building in a few seconds.
"""

from __future__ import annotations

import os
import random
import shutil
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from importers import SUPPORTED_SUFFIXES

# A short but real reply to a proposal: it parses into a clause tree, so it is the "body" of
# every builder that needs a plausible document around a defect.
POLICY_TEXT = """厦门市湖里区科技和工信局
厦湖科工函〔2025〕99号
关于健壮性测试的答复
一、办理工作背景
近年来，湖里区数字经济产业取得一定成效，涌现出一批代表性企业。
二、措施与成效
（一）强化政策支持。出台专项扶持政策，对重点企业给予奖励。
（二）优化服务供给。建设公共服务平台，提供算力和测试服务。
三、下一步推进计划
持续完善产业生态，推动产业高质量发展。
厦门市湖里区科技和工信局
2025年6月16日
"""

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_DOC_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
_DOC_TAIL = "</w:body></w:document>"


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


@dataclass(frozen=True)
class Hostile:
    """One hostile file and what a correct importer does with it."""

    path: Path
    expect: str  # "error" | "parse" | "either"
    why: str
    timeout: float = 10.0
    # For "parse"/"either": a check on the flattened text of the parsed document.
    check: Callable[[str], bool] | None = field(default=None, compare=False)
    # For "error": words one of which the message must contain (it must say what is wrong).
    message_words: tuple[str, ...] = ()


# --- zip bombs dressed as .docx -------------------------------------------------------------------


def _patch_declared_size(data: bytearray, member: bytes, size: int) -> None:
    """Overwrite the uncompressed size of `member` in its central and local headers.

    Walks the central directory from the end record, so bytes inside compressed data that
    happen to look like a header signature are never touched."""
    eocd = data.rfind(b"PK\x05\x06")
    count = struct.unpack_from("<H", data, eocd + 10)[0]
    central = struct.unpack_from("<I", data, eocd + 16)[0]
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, central + 28)
        local = struct.unpack_from("<I", data, central + 42)[0]
        if bytes(data[central + 46 : central + 46 + name_len]) == member:
            struct.pack_into("<I", data, central + 24, size)
            struct.pack_into("<I", data, local + 22, size)
        central += 46 + name_len + extra_len + comment_len


def _stream_member(package: zipfile.ZipFile, name: str, head: str, unit: str, total: int, tail: str) -> None:
    """Write a member of about `total` bytes made of `unit` repeated, without holding it in memory."""
    block = (unit * max(1, (1 << 20) // len(unit.encode()))).encode()
    # No zip64: every member stays under 2 GiB, and the 32-bit size fields are the ones to patch.
    with package.open(name, "w") as out:
        out.write(head.encode())
        written = 0
        while written < total:
            out.write(block)
            written += len(block)
        out.write(tail.encode())


def zip_bomb_declared(folder: Path) -> Path:
    """A tiny .docx whose document.xml declares 3.5 GB uncompressed: refused before reading."""
    path = folder / "bomb_declared.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CT)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", _DOC_HEAD + _paragraph("一、总则") + _DOC_TAIL)
    data = bytearray(path.read_bytes())
    _patch_declared_size(data, b"word/document.xml", 3_500_000_000)
    path.write_bytes(bytes(data))
    return path


def zip_bomb_lying(folder: Path) -> Path:
    """document.xml declares 2 KB but inflates to ~1 GB: the reader must stop at the declared size."""
    path = folder / "bomb_lying.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CT)
        package.writestr("_rels/.rels", _RELS)
        _stream_member(package, "word/document.xml", _DOC_HEAD, _paragraph("一、总则"), 1 << 30, _DOC_TAIL)
    data = bytearray(path.read_bytes())
    _patch_declared_size(data, b"word/document.xml", 2048)
    path.write_bytes(bytes(data))
    return path


def xml_part_cap() -> int:
    """The importer's cap on one XML part of a .docx (the size a bomb must stay under to be parsed)."""
    from importers.formats import docx_package

    return docx_package.MAX_XML_BYTES


def zip_bomb_under_cap(folder: Path, megabytes: int | None = None) -> Path:
    """An honest document.xml just under the importer's XML part cap, made of millions of tiny
    paragraphs: ~0.5 MB on disk, the worst tree per byte for lxml. It must fail cleanly or
    parse, within the memory cap: this is what proves the part cap is low enough."""
    if megabytes is None:
        megabytes = (xml_part_cap() >> 20) - 2
    path = folder / "bomb_under_cap.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CT)
        package.writestr("_rels/.rels", _RELS)
        _stream_member(package, "word/document.xml", _DOC_HEAD, _paragraph("条"), megabytes << 20, _DOC_TAIL)
    return path


# --- HTML ---------------------------------------------------------------------------------------


def deep_html(folder: Path, depth: int = 100_000) -> Path:
    path = folder / "deep.html"
    body = "<p>一、总体要求</p><p>推动数字经济高质量发展，完善产业生态。</p>"
    path.write_text(
        "<html><head><meta charset='utf-8'><title>深层嵌套</title></head><body>"
        + "<div>" * depth
        + body
        + "</div>" * depth
        + "</body></html>",
        encoding="utf-8",
    )
    return path


def scripts_only_html(folder: Path) -> Path:
    path = folder / "scripts_only.html"
    scripts = "".join(
        f"<script>var s{i} = '一、这不是正文 {i}'; document.write(s{i});</script>" for i in range(2000)
    )
    path.write_text(
        "<html><head><meta charset='utf-8'><style>body{color:red}</style>"
        + scripts
        + "</head><body>"
        + scripts
        + "<noscript>请启用脚本</noscript></body></html>",
        encoding="utf-8",
    )
    return path


# --- PDF ----------------------------------------------------------------------------------------


def _pdf_string(text: str) -> str:
    # Identity-H with CID == Unicode code point (BMP): two bytes per character, hex-encoded.
    return "<" + "".join(f"{ord(ch):04X}" for ch in text) + ">"


def minimal_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF whose text layer is `lines` (a Type0 font with a ToUnicode map,
    no embedded glyphs: enough for text extraction, which is all the importer does)."""
    content = "BT /F1 12 Tf 14 TL 50 780 Td " + " ".join(f"{_pdf_string(x)} Tj T*" for x in lines) + " ET"
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def "
        "1 begincodespacerange <0000> <FFFF> endcodespacerange "
        "2 beginbfrange <0020> <007E> <0020> <3000> <FFEF> <3000> endbfrange "
        "1 beginbfrange <4E00> <9FFF> <4E00> endbfrange "
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        "/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def good_pdf(folder: Path) -> Path:
    path = folder / "good.pdf"
    path.write_bytes(minimal_pdf(POLICY_TEXT.splitlines()))
    return path


def broken_xref_pdf(folder: Path) -> Path:
    """Every xref offset points at the wrong place and startxref is past the end of the file."""
    data = minimal_pdf(POLICY_TEXT.splitlines())
    head, _, tail = data.partition(b"xref\n")
    entries, _, trailer = tail.partition(b"trailer")
    broken_entries = b"\n".join(
        (b"9999999999 00000 n " if line.endswith(b" n ") else line) for line in entries.split(b"\n")
    )
    trailer = trailer.replace(b"startxref\n", b"startxref\n99").replace(b"%%EOF", b"%%EOF")
    path = folder / "broken_xref.pdf"
    path.write_bytes(head + b"xref\n" + broken_entries + b"trailer" + trailer)
    return path


def truncated_pdf(folder: Path) -> Path:
    """The first 40% of a PDF: the page's content stream is cut off and there is no xref."""
    data = minimal_pdf(POLICY_TEXT.splitlines())
    path = folder / "truncated.pdf"
    path.write_bytes(data[: int(len(data) * 0.4)])
    return path


# --- plain text and friends -----------------------------------------------------------------------


def empty_files(folder: Path) -> list[Path]:
    paths = []
    for suffix in SUPPORTED_SUFFIXES:
        path = folder / f"empty{suffix}"
        path.write_bytes(b"")
        paths.append(path)
    return paths


def nul_files(folder: Path) -> list[Path]:
    """Real policy text with NUL bytes sprinkled in (as left by a broken copy or a crash)."""
    rng = random.Random(8)
    body = POLICY_TEXT.encode("utf-8")
    sprinkled = bytearray()
    for line in body.split(b"\n"):
        sprinkled += line + (b"\x00" * rng.randint(1, 3)) + b"\n"
    out = []
    for suffix, data in (
        (".txt", bytes(sprinkled)),
        (".md", b"# \xe6\xb5\x8b\xe8\xaf\x95\n\n" + bytes(sprinkled)),
        (
            ".html",
            b"<html><head><meta charset='utf-8'></head><body><p>"
            + bytes(sprinkled).replace(b"\n", b"</p><p>")
            + b"</p></body></html>",
        ),
    ):
        path = folder / f"nul{suffix}"
        path.write_bytes(data)
        out.append(path)
    return out


def huge_text(folder: Path, megabytes: int = 100) -> Path:
    """A ~100 MB UTF-8 policy text with a real clause structure (a whole shelf pasted into one file)."""
    path = folder / "huge.txt"
    section = []
    for i in range(1, 31):
        section.append(f"（{i}）第{i}项措施。推动数字经济与实体经济深度融合，完善产业生态，强化要素保障。")
    block = ("\n".join(section) + "\n").encode("utf-8")
    with open(path, "wb") as out:
        out.write("厦门市人民政府\n关于超大文件的实施方案\n".encode())
        written, n = 0, 0
        while written < megabytes << 20:
            n += 1
            out.write(f"第{n}章 总体要求\n".encode())
            out.write(block)
            written += len(block) + 20
    return path


def png_as_txt(folder: Path) -> Path:
    path = folder / "picture.txt"
    # A real PNG header and IHDR chunk, then junk: enough for anything that sniffs the type.
    ihdr = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk + os.urandom(2048))
    return path


def doc_as_docx(folder: Path) -> Path:
    """An OLE2 compound file (Word 97-2003 .doc) renamed to .docx."""
    path = folder / "old_word.docx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    path.write_bytes(header + b"\x00" * (4096 - len(header)) + "WordDocument".encode("utf-16-le"))
    return path


def front_matter_only_md(folder: Path) -> Path:
    path = folder / "front_matter_only.md"
    path.write_text(
        "---\ntitle: 只有元数据的文件\nissuer: 厦门市人民政府\ndate: 2025-06-16\n---\n\n", encoding="utf-8"
    )
    return path


def binary_junk(folder: Path) -> list[Path]:
    rng = random.Random(42)
    paths = []
    for suffix in (".txt", ".md", ".html", ".pdf", ".docx"):
        path = folder / f"junk{suffix}"
        path.write_bytes(bytes(rng.getrandbits(8) for _ in range(64 * 1024)))
        paths.append(path)
    return paths


# Text in other CJK and Western encodings: as a .txt (no declaration) it must be refused, never
# decoded into mojibake; as an .html that declares its charset it must be read correctly.
FOREIGN_TEXTS = {
    "shift_jis": "一、概要\n日本の政策文書です。デジタル経済を推進します。\n二、措置\nこれはテストです。\n"
    * 20,
    "big5": "一、辦理工作背景\n臺灣地區數位經濟發展與產業轉型，推動資訊服務業。\n二、措施與成效\n強化政策支持。\n"
    * 20,
    "euc_kr": "一、개요\n디지털 경제를 추진하는 정책 문서입니다.\n二、조치\n이것은 시험입니다.\n" * 20,
    "cp1252": "1. Résumé\nLa politique économique numérique — façade, naïve, coöperation, Œuvre.\n" * 20,
}


def foreign_encodings(folder: Path) -> list[tuple[Path, str, str]]:
    """(path, codec, text) for a .txt and a charset-declaring .html per codec."""
    out = []
    for codec, text in FOREIGN_TEXTS.items():
        txt = folder / f"enc_{codec}.txt"
        txt.write_bytes(text.encode(codec))
        out.append((txt, codec, text))
        html = folder / f"enc_{codec}.html"
        paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines()[:4])
        html.write_bytes(
            (
                f"<html><head><meta http-equiv='Content-Type' content='text/html; charset={codec}'>"
                f"</head><body><div class='content'>{paragraphs}</div></body></html>"
            ).encode(codec)
        )
        out.append((html, codec, text))
    return out


# --- the whole collection -------------------------------------------------------------------------


def free_bytes(folder: Path) -> int:
    return shutil.disk_usage(folder).free


def build_all(folder: Path, include_huge: bool = True) -> list[Hostile]:
    """Build every hostile file in `folder` (created if needed) and return what each must do."""
    folder.mkdir(parents=True, exist_ok=True)
    items = [
        Hostile(
            zip_bomb_declared(folder), "error", "zip bomb: 3.5 GB declared", message_words=("解压后大小异常",)
        ),
        Hostile(zip_bomb_lying(folder), "error", "zip bomb: inflates to 1 GB, declares 2 KB", 20.0),
        Hostile(zip_bomb_under_cap(folder), "either", "zip bomb: just under the XML part cap", 60.0),
        Hostile(deep_html(folder), "either", "100k levels of <div>", check=lambda t: "数字经济" in t),
        Hostile(
            scripts_only_html(folder), "error", "only scripts, no body text", message_words=("没有找到正文",)
        ),
        Hostile(good_pdf(folder), "parse", "control: a valid PDF", check=lambda t: "强化政策支持" in t),
        Hostile(
            broken_xref_pdf(folder),
            "either",
            "xref offsets all wrong",
            check=lambda t: "强化政策支持" in t,
            message_words=("损坏",),
        ),
        Hostile(truncated_pdf(folder), "error", "first 40% of a PDF", message_words=("损坏", "文字层")),
        Hostile(png_as_txt(folder), "error", "a PNG named .txt", message_words=("PNG",)),
        Hostile(doc_as_docx(folder), "error", "an OLE2 .doc named .docx", message_words=(".doc",)),
        Hostile(
            front_matter_only_md(folder),
            "error",
            "front matter, no body",
            message_words=("没有可识别的正文",),
        ),
    ]
    items += [Hostile(p, "error", "0-byte file", message_words=("空的",)) for p in empty_files(folder)]
    for path in nul_files(folder):
        if path.suffix == ".html":
            # A page that declares its charset is read as a browser shows it: NULs skipped.
            items.append(
                Hostile(
                    path,
                    "either",
                    "NUL bytes in a declared-UTF-8 page",
                    check=lambda t: "强化政策支持" in t and "\x00" not in t and "\ufffd" not in t,
                    message_words=("不是文本",),
                )
            )
        else:
            items.append(Hostile(path, "error", "NUL bytes in text", message_words=("二进制", "不是文本")))
    items += [
        Hostile(p, "error", "64 KB of random bytes", message_words=("不是", "损坏", "编码", "没有"))
        for p in binary_junk(folder)
    ]
    for path, codec, text in foreign_encodings(folder):
        if path.suffix == ".txt":
            items.append(Hostile(path, "error", f"{codec} text, no declaration", message_words=("编码",)))
        else:
            first = text.splitlines()[1]
            items.append(
                Hostile(
                    path, "parse", f"{codec} page that declares its charset", check=lambda t, s=first: s in t
                )
            )
    if include_huge:
        items.append(huge_item(folder))
    return items


def huge_item(folder: Path) -> Hostile:
    return Hostile(
        huge_text(folder), "either", "100 MB of structured text", 60.0, check=lambda t: "第1项措施" in t
    )


# --- issue 14: crafted inputs that attack the importer's own work ----------------------------------
# Each builder makes the file the red-team pass used (or a bigger one); see docs/robustness.md.

_NUMBERING_CT = _CT.replace(
    "</Types>",
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
)
_DOC_RELS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
)
_NUMBERING_REL = (
    '<Relationship Id="rIdNum" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
    'Target="numbering.xml"/>'
)


def _numbered_paragraph(text: str, num_id: int) -> str:
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
        f"<w:r><w:t>{text}</w:t></w:r></w:p>"
    )


def numbering_bomb_docx(folder: Path, fmt: str = "upperLetter", start: int = 4_000_000_000) -> Path:
    """A small .docx whose list starts at `start` in `fmt`: Word would draw "AAAA…" 154 million
    letters long (upperLetter at 4e9) or a billion M's (upperRoman at 1e12) before each item."""
    path = folder / f"numbering_{fmt}.docx"
    numbering = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    items = ["强化政策支持，对重点企业给予奖励。", "优化服务供给，建设公共服务平台。"] * 200
    body = _paragraph("关于列表编号的实施方案") + "".join(_numbered_paragraph(t, 1) for t in items)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _NUMBERING_CT)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/_rels/document.xml.rels", _DOC_RELS_HEAD + _NUMBERING_REL + "</Relationships>")
        package.writestr("word/numbering.xml", numbering)
        package.writestr("word/document.xml", _DOC_HEAD + body + _DOC_TAIL)
    return path


def docx_with_big_images(folder: Path, images: int = 5, megabytes: int = 200) -> Path:
    """~1 MB on disk: a short document plus `images` pictures of `megabytes` each (zeros, which
    deflate 1000:1), all referenced from the document so a package reader loads every one."""
    path = folder / "big_images.docx"
    rels = "".join(
        f'<Relationship Id="rImg{i}" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        f'Target="media/image{i}.png"/>'
        for i in range(images)
    )
    content_types = _CT.replace("</Types>", '<Default Extension="png" ContentType="image/png"/></Types>')
    body = "".join(_paragraph(line) for line in POLICY_TEXT.splitlines())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", content_types)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/_rels/document.xml.rels", _DOC_RELS_HEAD + rels + "</Relationships>")
        package.writestr("word/document.xml", _DOC_HEAD + body + _DOC_TAIL)
        zeros = bytes(1 << 20)
        for i in range(images):
            with package.open(f"word/media/image{i}.png", "w") as out:
                for _ in range(megabytes * 1_000_000 >> 20):
                    out.write(zeros)
    return path


_BOMB_LEVELS = 9


def yaml_alias_bomb(folder: Path, suffix: str = ".md") -> Path:
    """Front matter whose aliases expand to 9^9 (387 million) strings: a few KB of YAML, which
    `safe_load` builds as shared references and any walk of the result expands."""
    lines = ["---", "title: 关于别名炸弹的通知", 'a0: &a0 ["哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈"]']
    for level in range(1, _BOMB_LEVELS + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    # Padding keeps the file near the red team's 12 KB; a comment is never expanded.
    lines += ["# " + "填充" * 40] * 40
    lines += ["---", "", POLICY_TEXT]
    path = folder / f"yaml_bomb{suffix}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def backticks_md(folder: Path, count: int = 12_000) -> Path:
    """A real document plus a paragraph holding a run of `count` backticks (not at the start of
    the line, where it would open a code fence): a backtracking code-span regex tries every
    opener length against every closer (cubic time)."""
    path = folder / "backticks.md"
    line = "代码示例：" + "`" * count + "。"
    path.write_text("# 关于代码段的通知\n\n" + POLICY_TEXT + "\n" + line + "\n", encoding="utf-8")
    return path


def utf16_declared_utf8_html(folder: Path) -> Path:
    """A page whose meta says UTF-16 but whose bytes are UTF-8 (a template saved by an editor
    that kept the old declaration). Decoding as UTF-16 turns it into CJK-looking nonsense."""
    path = folder / "utf16_declared.html"
    paragraphs = "".join(f"<p>{line}</p>" for line in POLICY_TEXT.splitlines())
    data = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-16">'
        f'<title>关于健壮性测试的答复</title></head><body><div class="content">{paragraphs}</div></body></html>'
    ).encode()
    # An even length makes the bytes valid UTF-16 (UTF-8 never yields a surrogate pair of bytes
    # here), so a reader that trusts the declaration gets no decoding error to stop it.
    data += b"\n" * (len(data) % 2)
    data.decode("utf-16")
    path.write_bytes(data)
    return path


def issue14_items(folder: Path) -> list[Hostile]:
    """The importer-side files of issue 14, each with what a correct importer does with it."""
    folder.mkdir(parents=True, exist_ok=True)

    def clean_list(text: str) -> bool:
        # The items are read; no generated label runs away (a bounded label or none at all).
        return "强化政策支持" in text and "AAAAAAAAAA" not in text and "MMMMMMMMMM" not in text

    return [
        Hostile(numbering_bomb_docx(folder), "parse", "upperLetter list starting at 4e9", check=clean_list),
        Hostile(
            numbering_bomb_docx(folder, "upperRoman", 10**12),
            "parse",
            "upperRoman list starting at 1e12",
            check=clean_list,
        ),
        Hostile(
            yaml_alias_bomb(folder, ".md"),
            "error",
            "YAML alias bomb in .md front matter",
            message_words=("别名",),
        ),
        Hostile(
            yaml_alias_bomb(folder, ".txt"),
            "error",
            "YAML alias bomb in .txt front matter",
            message_words=("别名",),
        ),
        Hostile(
            backticks_md(folder), "parse", "12,000 backticks on one line", check=lambda t: "强化政策支持" in t
        ),
        Hostile(
            utf16_declared_utf8_html(folder),
            "parse",
            "UTF-8 page declaring UTF-16",
            check=lambda t: "强化政策支持" in t,
        ),
        Hostile(
            docx_with_big_images(folder), "parse", "five 200 MB images", check=lambda t: "强化政策支持" in t
        ),
    ]


PRIVATE_TEXT = "一、个人隐私\n这是所选文件夹之外的私人文件，不应被导入。\n"


def folder_with_escaping_links(folder: Path, outside: Path) -> dict[str, str]:
    """A folder to import whose links lead out of it, and what each entry must come to.

    `outside` holds a private file and a private folder; the import folder holds one real
    document, links to the private file (one under a harmless name), to /etc/passwd, to the
    private folder, a broken link and a link that stays inside. Returns name -> expected status.
    """
    (folder / "sub").mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "private.txt").write_text(PRIVATE_TEXT, encoding="utf-8")
    (outside / "private_folder").mkdir(exist_ok=True)
    (outside / "private_folder" / "secret.txt").write_text(PRIVATE_TEXT, encoding="utf-8")
    (folder / "答复.txt").write_text(POLICY_TEXT, encoding="utf-8")
    (folder / "会议纪要.txt").symlink_to(outside / "private.txt")
    (folder / "sub" / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "sub" / "up.txt").symlink_to(Path("..") / ".." / outside.name / "private.txt")
    (folder / "资料").symlink_to(outside / "private_folder", target_is_directory=True)
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    (folder / "答复（副本）.txt").symlink_to(Path("sub") / ".." / "答复.txt")
    return {
        "答复.txt": "imported",
        "答复（副本）.txt": "duplicate",
        "会议纪要.txt": "skipped",
        "passwd.txt": "skipped",
        "up.txt": "skipped",
        "资料": "skipped",
        "broken.txt": "skipped",
    }
