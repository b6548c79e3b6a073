"""Save a document so the target is either the old file or the complete new one, never half.

The file is written beside the target (same folder, so the same disk) and moved over
it with os.replace. Every failure becomes an ExportError the GUI can show as is.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
from pathlib import Path

from db.file_guard import is_open_library
from exporters.errors import ExportError


def save_atomically(document, target: Path) -> None:
    """Save a python-docx `document` to `target`, replacing any old file only on success."""
    folder = target.parent
    if target.is_dir():
        raise ExportError(f"无法保存到“{target}”：这是一个文件夹，不是文件。请换一个文件名。")
    if not folder.is_dir():
        raise ExportError(f"无法保存到“{target}”：文件夹“{folder}”不存在。请选择一个已存在的文件夹。")
    _refuse_to_replace_other_data(target)
    # Built in memory first: when the disk fills mid-save, python-docx leaves its ZipFile
    # unclosed and the ZipFile's finaliser raises later, at some random moment.
    data = io.BytesIO()
    document.save(data)
    _sweep_leftovers(folder, target)
    temp = folder / f".~{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        # os.open with 0o666 lets the umask decide the mode, as for any file the user saves
        # (tempfile.mkstemp would leave the pack readable by its owner only).
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except PermissionError as exc:
        raise ExportError(
            f"无法保存到“{target}”：没有在文件夹“{folder}”中写入的权限。请换一个位置保存，例如“文档”文件夹。"
        ) from exc
    except OSError as exc:
        raise ExportError(f"无法保存到“{target}”：{_reason(exc)}。") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.getbuffer())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except PermissionError as exc:
        _discard(temp)
        raise ExportError(
            f"无法覆盖“{target}”：文件可能正在 Word 或 WPS 中打开，或是只读文件。"
            "请关闭该文件后重试，或换一个文件名保存。原文件未被改动。"
        ) from exc
    except OSError as exc:
        _discard(temp)
        raise ExportError(f"无法保存“{target}”：{_reason(exc)}。原文件未被改动。") from exc
    except BaseException:
        _discard(temp)
        raise


ZIP_MAGIC = b"PK\x03\x04"


def _refuse_to_replace_other_data(target: Path) -> None:
    """Only ever replace an earlier Word file. A target that is a library (open here or not: the
    CLI has closed its connection by the time it saves), or any other non-.docx file that merely
    has a .docx name, would be destroyed by the move."""
    if is_open_library(target):
        raise ExportError(
            f"“{target.name}”是正在使用的资料库，不能把简报保存到它上面。请换一个文件名。原文件未被改动。"
        )
    try:
        with open(target, "rb") as handle:
            head = handle.read(len(ZIP_MAGIC))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(f"无法保存到“{target}”：{_reason(exc)}。") from exc
    if head and head != ZIP_MAGIC:
        raise ExportError(
            f"“{target.name}”已存在，但不是 Word 文件（可能是资料库或其他数据）。为免覆盖，没有导出。"
            "请换一个文件名。原文件未被改动。"
        )


STALE_SECONDS = 3600  # an export takes seconds; an hour-old temp file is a killed export's


def _sweep_leftovers(folder: Path, target: Path) -> None:
    """Remove temp files that an earlier export of this same target left behind when it was killed."""
    import time

    for old in folder.glob(f".~{glob_escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - old.stat().st_mtime > STALE_SECONDS:
                old.unlink()


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _discard(temp: Path) -> None:
    # Nothing more can be done if this fails; the error being raised matters more.
    with contextlib.suppress(OSError):
        temp.unlink()
