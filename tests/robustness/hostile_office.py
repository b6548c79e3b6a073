"""Hostile .doc and .ofd files (issue 20), built at test time from a real .doc (made by
LibreOffice from a policy text) and from hand-written OFD packages."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

from tests.robustness.hostile import POLICY_TEXT, Hostile, _patch_declared_size, _stream_member

_OFD_XML = (
    '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0">'
    "<ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
)
_DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016">'
    '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>'
)
_PAGE_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">'
    '<ofd:Content><ofd:Layer ID="2">'
)
_PAGE_TAIL = "</ofd:Layer></ofd:Content></ofd:Page>"


def _text_object(y: float, text: str) -> str:
    return (
        f'<ofd:TextObject ID="3" Font="1" Size="5.6" Boundary="28 {y} 150 8">'
        f'<ofd:TextCode X="0" Y="5">{text}</ofd:TextCode></ofd:TextObject>'
    )


def _policy_objects() -> str:
    return "".join(_text_object(20 + 8 * i, line) for i, line in enumerate(POLICY_TEXT.splitlines()) if line)


def _ofd(path: Path, page: str | None = None) -> zipfile.ZipFile:
    package = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    package.writestr("OFD.xml", _OFD_XML)
    package.writestr("Doc_0/Document.xml", _DOCUMENT)
    if page is not None:
        package.writestr("Doc_0/Pages/Page_0/Content.xml", page)
    return package


def good_ofd(folder: Path) -> Path:
    path = folder / "good.ofd"
    with _ofd(path, _PAGE_HEAD + _policy_objects() + _PAGE_TAIL):
        pass
    return path


def ofd_bomb_lying(folder: Path) -> Path:
    """Content.xml declares 2 KB but inflates to ~1 GB."""
    path = folder / "ofd_bomb_lying.ofd"
    with _ofd(path) as package:
        _stream_member(
            package,
            "Doc_0/Pages/Page_0/Content.xml",
            _PAGE_HEAD,
            _text_object(20, "一、总则"),
            1 << 30,
            _PAGE_TAIL,
        )
    data = bytearray(path.read_bytes())
    _patch_declared_size(data, b"Doc_0/Pages/Page_0/Content.xml", 2048)
    path.write_bytes(bytes(data))
    return path


def ofd_bomb_declared(folder: Path) -> Path:
    """A small Content.xml that declares 3.5 GB: refused before anything is read."""
    path = folder / "ofd_bomb_declared.ofd"
    with _ofd(path, _PAGE_HEAD + _policy_objects() + _PAGE_TAIL):
        pass
    data = bytearray(path.read_bytes())
    _patch_declared_size(data, b"Doc_0/Pages/Page_0/Content.xml", 3_500_000_000)
    path.write_bytes(bytes(data))
    return path


def ofd_entities(folder: Path) -> Path:
    """Billion laughs in a page: entities are never expanded."""
    path = folder / "ofd_laughs.ofd"
    entities = '<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    page = (
        f'<?xml version="1.0"?><!DOCTYPE ofd:Page [{entities}]>'
        + _PAGE_HEAD.split("?>", 1)[1]
        + _policy_objects()
        + _text_object(200, "&i;")
        + _PAGE_TAIL
    )
    with _ofd(path, page):
        pass
    return path


def ofd_deep(folder: Path, depth: int = 100_000) -> Path:
    path = folder / "ofd_deep.ofd"
    with _ofd(
        path,
        _PAGE_HEAD + "<ofd:PageBlock>" * depth + _policy_objects() + "</ofd:PageBlock>" * depth + _PAGE_TAIL,
    ):
        pass
    return path


def ofd_broken_xml(folder: Path) -> Path:
    path = folder / "ofd_broken.ofd"
    with _ofd(path, _PAGE_HEAD + _policy_objects()[:300]):
        pass
    return path


# --- .doc -----------------------------------------------------------------------------------------


def real_doc(folder: Path) -> Path | None:
    """A real Word 97 file of POLICY_TEXT made by LibreOffice, or None without LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    source = folder / "policy.txt"
    # Long enough (> 4 KB of text) that the WordDocument stream lives in regular sectors,
    # not in the mini stream, so its FAT entries can be damaged below.
    source.write_text(
        POLICY_TEXT + "".join(f"（{i}）补充说明。" * 20 + "\n" for i in range(1, 40)), encoding="utf-8"
    )
    profile = folder / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    made = folder / "policy.doc"
    return made if made.exists() else None


def _ole_layout(path: Path) -> tuple[int, list[int], int]:
    """(sector size, FAT sector numbers, first sector of WordDocument) of a small OLE file."""
    import olefile

    with olefile.OleFileIO(str(path)) as ole:
        start = ole.direntries[ole._find("WordDocument")].isectStart
        size = ole.sectorsize
    data = path.read_bytes()
    difat = [s for s in struct.unpack_from("<109i", data, 0x4C) if s >= 0]
    return size, difat, start


def _patched(source: Path, target: Path, patch) -> Path:
    data = bytearray(source.read_bytes())
    patch(data)
    target.write_bytes(bytes(data))
    return target


def doc_items(folder: Path) -> list[Hostile]:
    folder.mkdir(parents=True, exist_ok=True)
    base = real_doc(folder)
    if base is None:
        return []
    sector, fat, start = _ole_layout(base)
    word = (start + 1) * sector  # file offset of the WordDocument stream (its first sector)

    def cyclic(data: bytearray) -> None:  # the stream's first sector points back at itself
        fat_sector = fat[start // (sector // 4)]
        struct.pack_into("<i", data, (fat_sector + 1) * sector + 4 * (start % (sector // 4)), start)

    def encrypted(data: bytearray) -> None:
        flags = struct.unpack_from("<H", data, word + 0x0A)[0]
        struct.pack_into("<H", data, word + 0x0A, flags | 0x0100)

    def huge_text(data: bytearray) -> None:
        struct.pack_into("<i", data, word + 0x4C, 0x7FFFFFFF)

    def bad_piece_table(data: bytearray) -> None:
        struct.pack_into("<I", data, word + 0x1A6, 0x7FFFFFF0)

    def truncated(data: bytearray) -> None:
        del data[len(data) // 3 :]

    works = folder / "works.wps"
    works.write_bytes(b"\x01\x00WPS Works document" + bytes(1000))
    return [
        Hostile(base, "parse", "control: a real .doc", check=lambda t: "强化政策支持" in t),
        Hostile(
            _patched(base, folder / "as.wps", lambda d: None),
            "parse",
            "a WPS .wps in Word format",
            check=lambda t: "强化政策支持" in t,
        ),
        Hostile(
            _patched(base, folder / "cyclic.doc", cyclic),
            "error",
            "OLE sector chain that loops",
            message_words=("损坏",),
        ),
        Hostile(
            _patched(base, folder / "encrypted.doc", encrypted),
            "error",
            "encrypted .doc",
            message_words=("加密", "密码"),
        ),
        Hostile(
            _patched(base, folder / "huge_ccp.doc", huge_text),
            "error",
            "2^31 characters declared",
            message_words=("损坏",),
        ),
        Hostile(
            _patched(base, folder / "bad_clx.doc", bad_piece_table),
            "error",
            "piece table past the stream",
            message_words=("损坏",),
        ),
        Hostile(
            _patched(base, folder / "truncated.doc", truncated),
            "error",
            "first third of a .doc",
            message_words=("损坏", "不是"),
        ),
        Hostile(works, "error", "a .wps that is not Word's format", message_words=(".docx",)),
    ]


def ofd_items(folder: Path) -> list[Hostile]:
    folder.mkdir(parents=True, exist_ok=True)
    return [
        Hostile(good_ofd(folder), "parse", "control: a hand-made OFD", check=lambda t: "强化政策支持" in t),
        Hostile(ofd_bomb_lying(folder), "error", "OFD zip bomb: inflates to 1 GB, declares 2 KB", 20.0),
        Hostile(ofd_bomb_declared(folder), "error", "OFD page declaring 3.5 GB", message_words=("太大",)),
        Hostile(
            ofd_entities(folder),
            "either",
            "billion laughs in a page",
            check=lambda t: "强化政策支持" in t and "哈哈哈哈哈哈哈哈哈哈哈" not in t,
        ),
        Hostile(ofd_deep(folder), "either", "100k nested page blocks"),
        Hostile(ofd_broken_xml(folder), "error", "a page cut off mid-XML", message_words=("XML",)),
    ]
