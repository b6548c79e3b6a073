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

from exporters.errors import ExportError


def save_atomically(document, target: Path) -> None:
    """Save a python-docx `document` to `target`, replacing any old file only on success."""
    folder = target.parent
    if target.is_dir():
        raise ExportError(f"无法保存到“{target}”：这是一个文件夹，不是文件。请换一个文件名。")
    if not folder.is_dir():
        raise ExportError(f"无法保存到“{target}”：文件夹“{folder}”不存在。请选择一个已存在的文件夹。")
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
