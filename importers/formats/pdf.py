"""PDF -> SourceText from the text layer, page by page.

PDF text comes out as the printed lines, broken mid-sentence and with page
numbers and running heads in between (hard_wrapped=True); the clean-up stage
re-joins and filters them. Pages simply follow each other: no page marker.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from importers.errors import DocumentError
from importers.model import SourceText

__all__ = ["NO_TEXT_LAYER", "read"]

NO_TEXT_LAYER = "this PDF has no text layer (scanned image); OCR is not supported"

# pypdf logs a warning for every small spec violation, which real government PDFs are full of;
# the user gets a DocumentError when something actually matters.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# Fonts without a Unicode map come out as private-use characters or U+FFFD.
_UNDECODABLE = re.compile("[\ufffd\ue000-\uf8ff]")
_MAX_UNDECODABLE = 0.3


def read(path: Path) -> SourceText:
    reader = _open(path)
    _unlock(reader, path.name)
    lines = _text_lines(reader, path.name)
    return SourceText(tuple(lines), "pdf", {}, True)


def _open(path: Path):
    from pypdf import PdfReader

    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise DocumentError(
            f"“{path.name}”不是 PDF 文件（缺少 PDF 文件头），可能是改了扩展名的其他文件。（Not a PDF file.）"
        )
    try:
        return PdfReader(path, strict=False)
    except Exception as exc:  # pypdf raises many types for broken files
        raise DocumentError(_broken(path.name)) from exc


def _broken(name: str) -> str:
    return (
        f"PDF 文件已损坏，无法读取：“{name}”。请用 PDF 阅读器打开确认，或重新下载/另存后再导入。"
        "（Damaged PDF file.）"
    )


def _unlock(reader, name: str) -> None:
    """Open a PDF that is encrypted only against editing (empty user password); refuse the rest."""
    try:
        if not reader.is_encrypted:
            return
        unlocked = reader.decrypt("") != 0
    except Exception as exc:  # e.g. AES without the cryptography package, or a broken /Encrypt
        raise DocumentError(_encrypted(name)) from exc
    if not unlocked:
        raise DocumentError(_encrypted(name))


def _encrypted(name: str) -> str:
    return (
        f"PDF 已加密，需要密码才能打开：“{name}”。请在 PDF 阅读器中输入密码后另存为未加密的 PDF 再导入。"
        "（The PDF is password-protected.）"
    )


def _text_lines(reader, name: str) -> list[str]:
    try:
        pages = list(reader.pages)
    except Exception as exc:
        raise DocumentError(_broken(name)) from exc
    lines: list[str] = []
    failures = 0
    for page in pages:
        try:
            text = page.extract_text() or ""
        except Exception:  # one broken page (bad font, bad stream) should not cost the rest
            failures += 1
            continue
        lines.extend(text.splitlines())
    _check_text(lines, failures, len(pages), name)
    return lines


def _check_text(lines: list[str], failures: int, page_count: int, name: str) -> None:
    visible = "".join("".join(line.split()) for line in lines)
    if not visible:
        if failures and failures == page_count:
            raise DocumentError(_broken(name))
        raise DocumentError(
            f"“{name}”没有文字层（是扫描图片），本软件不支持文字识别（OCR）。"
            f"请先用 OCR 工具转换为文字版 PDF 或 Word 后再导入。（{NO_TEXT_LAYER}）"
        )
    if len(_UNDECODABLE.findall(visible)) > _MAX_UNDECODABLE * len(visible):
        raise DocumentError(
            f"“{name}”的文字层无法解码（字体缺少 Unicode 映射，提取出来是乱码）。"
            "请用原始的 Word 文件，或用 OCR 工具重新生成文字版 PDF 后再导入。"
            "（The PDF's text layer cannot be decoded.）"
        )
