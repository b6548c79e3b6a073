"""Word 97-2003 (.doc) and WPS Office (.wps) binary documents: the text of the main story.

The file is an OLE2 compound file (olefile reads the container). Its WordDocument stream starts
with the FIB, which says where the piece table (the CLX, in the 0Table or 1Table stream) is and
how many characters the main text has. Each piece of the piece table maps a run of character
positions to bytes of the WordDocument stream, as UTF-16 or as "compressed" 8-bit text
([MS-DOC] 2.4.1). Paragraphs end in CR; fields keep their shown result and drop their code;
table cell marks become tab stops and row ends line ends. Word's automatic list numbering lives
in the paragraph properties, which this reader does not read: a document whose headings are
automatic lists is parsed from its text labels only (its typed labels, e.g. 一、, are kept).

WPS Office's own .wps is this same format. A .wps from Microsoft Works, or anything else, is
refused with a hint to save it as .docx. Encrypted files are refused. Streams and the piece table
are bounded, so a crafted file cannot take unbounded time or memory.
"""

from __future__ import annotations

import struct
from pathlib import Path

from importers.errors import DocumentError
from importers.model import SourceText

MAX_STREAM_BYTES = 256 * 1024 * 1024
MAX_PIECES = 1_000_000
MAX_CHARS = 100_000_000

_WORD8_IDENT = 0xA5EC
_OLD_IDENTS = (0xA5DC, 0xA699, 0xA697)  # Word 6/95 and older
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200
_F_OBFUSCATED = 0x8000
_CCP_TEXT = 0x4C
_FC_CLX = 0x1A2
_CP1252_FIX = {  # [MS-DOC] 2.4.1: bytes of compressed text that are not Latin-1
    0x82: "\u201a",
    0x83: "\u0192",
    0x84: "\u201e",
    0x85: "\u2026",
    0x86: "\u2020",
    0x87: "\u2021",
    0x88: "\u02c6",
    0x89: "\u2030",
    0x8A: "\u0160",
    0x8B: "\u2039",
    0x8C: "\u0152",
    0x91: "\u2018",
    0x92: "\u2019",
    0x93: "\u201c",
    0x94: "\u201d",
    0x95: "\u2022",
    0x96: "\u2013",
    0x97: "\u2014",
    0x98: "\u02dc",
    0x99: "\u2122",
    0x9A: "\u0161",
    0x9B: "\u203a",
    0x9C: "\u0153",
    0x9F: "\u0178",
}


def read(path: Path) -> SourceText:
    import olefile

    name = path.name
    if not olefile.isOleFile(str(path)):
        raise DocumentError(_not_word(name, path.suffix.lower()))
    try:
        ole = olefile.OleFileIO(str(path))
    except Exception as exc:  # olefile raises plain exceptions for broken sector chains
        raise DocumentError(
            f"无法读取“{name}”：文件已损坏（{exc}）。请用 Word 或 WPS 打开后另存为 .docx 再导入。"
        ) from exc
    with ole:
        if not ole.exists("WordDocument"):
            raise DocumentError(_not_word(name, path.suffix.lower()))
        word = _stream(ole, "WordDocument", name)
        if len(word) < _FC_CLX + 8:
            raise DocumentError(f"无法读取“{name}”：文件头不完整，文件已损坏。")
        ident, flags = struct.unpack_from("<H", word, 0)[0], struct.unpack_from("<H", word, 0x0A)[0]
        if ident in _OLD_IDENTS:
            raise DocumentError(
                f"“{name}”是 Word 95 或更早版本的文件，本软件无法读取。请用 Word 或 WPS 打开后另存为 .docx 再导入。"
            )
        if ident != _WORD8_IDENT:
            raise DocumentError(_not_word(name, path.suffix.lower()))
        if flags & (_F_ENCRYPTED | _F_OBFUSCATED):
            raise DocumentError(
                f"“{name}”已加密（设置了打开密码），无法读取。请在 Word 或 WPS 中取消密码后再导入。"
            )
        table_name = "1Table" if flags & _F_WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            raise DocumentError(f"无法读取“{name}”：缺少 {table_name} 数据，文件已损坏。")
        table = _stream(ole, table_name, name)
    ccp_text = struct.unpack_from("<i", word, _CCP_TEXT)[0]
    fc_clx, lcb_clx = struct.unpack_from("<II", word, _FC_CLX)
    if not 0 <= ccp_text <= MAX_CHARS or fc_clx + lcb_clx > len(table) or lcb_clx == 0:
        raise DocumentError(f"无法读取“{name}”：文件的文字索引已损坏。")
    text = _main_text(word, table[fc_clx : fc_clx + lcb_clx], ccp_text, name)
    lines = _paragraphs(text)
    if not any(line.strip() for line in lines):
        raise DocumentError(f"“{name}”中没有文字。")
    return SourceText(tuple(lines), "doc", hard_wrapped=False)


def _not_word(name: str, suffix: str) -> str:
    if suffix == ".wps":
        return (
            f"“{name}”不是 WPS 文字的文档格式（可能是 Microsoft Works 或其他程序的 .wps 文件），本软件无法读取。"
            "请用 WPS 或 Word 打开后另存为 .docx 再导入。"
        )
    return f"“{name}”不是 Word 97-2003 文档（.doc），无法读取。请用 Word 或 WPS 打开后另存为 .docx 再导入。"


def _stream(ole, stream: str, name: str) -> bytes:
    size = ole.get_size(stream)
    if size > MAX_STREAM_BYTES:
        raise DocumentError(f"“{name}”过大（{stream} 超过 {MAX_STREAM_BYTES >> 20} MB），无法读取。")
    _check_chain(ole, stream, name)
    try:
        data = ole.openstream(stream).read(MAX_STREAM_BYTES + 1)
    except Exception as exc:  # a sector chain that loops or points outside the file
        raise DocumentError(f"无法读取“{name}”：文件已损坏（{exc}）。请另存为 .docx 再导入。") from exc
    return bytes(data)


_END_OF_CHAIN = 0xFFFFFFFE


def _check_chain(ole, stream: str, name: str) -> None:
    """olefile follows a stream's sector chain until the declared size is read, even round a loop
    (then it returns the same sectors over and over as text): walk the chain once, refuse loops."""
    try:
        entry = ole.direntries[ole._find(stream)]
        if entry.size < ole.minisectorcutoff:
            ole.loadminifat()
            table = ole.minifat
        else:
            table = ole.fat
        sector, seen = entry.isectStart, set()
        while sector != _END_OF_CHAIN and len(seen) <= len(table):
            if sector in seen or not 0 <= sector < len(table):
                raise DocumentError(f"无法读取“{name}”：文件已损坏（{stream} 的扇区链出现循环或越界）。")
            seen.add(sector)
            sector = table[sector]
    except DocumentError:
        raise
    except Exception as exc:  # olefile's own checks of a broken container
        raise DocumentError(f"无法读取“{name}”：文件已损坏（{exc}）。请另存为 .docx 再导入。") from exc


def _main_text(word: bytes, clx: bytes, ccp_text: int, name: str) -> str:
    """The characters [0, ccp_text) of the document, assembled from the piece table."""
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: formatting, skipped
        if pos + 3 > len(clx):
            break
        pos += 3 + struct.unpack_from("<H", clx, pos + 1)[0]
    if pos + 5 > len(clx) or clx[pos] != 0x02:
        raise DocumentError(f"无法读取“{name}”：找不到文字索引（piece table），文件已损坏。")
    lcb = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5 : pos + 5 + lcb]
    count = (len(plc) - 4) // 12  # n + 1 CPs of 4 bytes and n PCDs of 8 bytes
    if count <= 0 or count > MAX_PIECES:
        raise DocumentError(f"无法读取“{name}”：文字索引已损坏。")
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    parts: list[str] = []
    total = 0
    for i in range(count):
        start, end = cps[i], min(cps[i + 1], ccp_text)
        if start >= ccp_text:
            break
        if end <= start:
            continue
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)[0]
        length = end - start
        total += length
        if total > MAX_CHARS:
            raise DocumentError(f"“{name}”的文字过多，无法读取。")
        if fc & 0x40000000:
            offset = (fc & 0x3FFFFFFF) // 2
            raw = word[offset : offset + length]
            parts.append("".join(_CP1252_FIX.get(b, chr(b)) for b in raw))
        else:
            offset = fc & 0x3FFFFFFF
            parts.append(word[offset : offset + 2 * length].decode("utf-16-le", errors="replace"))
    return "".join(parts)


def _paragraphs(text: str) -> list[str]:
    """Paragraph text: field codes dropped (their shown result kept), special marks mapped."""
    out: list[str] = []
    depth_code: list[bool] = []  # per open field: still in its code part?
    for ch in text:
        if ch == "\x13":
            depth_code.append(True)
            continue
        if ch == "\x14":
            if depth_code:
                depth_code[-1] = False
            continue
        if ch == "\x15":
            if depth_code:
                depth_code.pop()
            continue
        if any(depth_code):
            continue
        if ch == "\x07":  # end of a table cell or row
            out.append("\t")
        elif ch in "\x0b\x0c\x0e":  # line, page and column breaks
            out.append("\r")
        elif ch == "\x1e":
            out.append("-")
        elif ch < " " and ch not in "\r\t":
            continue  # pictures, drawn objects, note references, optional hyphens
        else:
            out.append(ch)
    lines = "".join(out).split("\r")
    return [line.replace("\t\t", "\t").strip("\t ") for line in lines]
