"""The files a folder import takes: supported files under the folder, never outside it.

A folder from a shared drive or a colleague's laptop may hold symbolic links. Following one
out of the folder imported `passwd.txt -> /etc/passwd` and a private file under harmless
names (issue 14). So a link is followed only when it stays inside the chosen folder; each one
that leaves it, or leads nowhere, is reported as skipped with the reason. Files named one by
one are the user's explicit choice and are not scanned here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from importers import SUPPORTED_SUFFIXES

__all__ = ["Skipped", "scan_folder"]


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


def scan_folder(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """(supported files in a stable order, links skipped with their reason)."""
    root = folder.resolve()
    files: list[Path] = []
    skipped: list[Skipped] = []
    # followlinks=False: a linked folder is listed but never entered, so nothing outside is walked.
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        for name in dirnames:
            path = here / name
            if path.is_symlink() and not _stays_inside(path, root):
                skipped.append(Skipped(path, _leaves_folder(path, "文件夹链接", "其中的文件未导入")))
        for name in filenames:
            path = here / name
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            if path.is_symlink():
                if _target(path) is None or not path.exists():
                    skipped.append(
                        Skipped(path, "这是一个链接，但它指向的文件不存在，已跳过。（Broken link.）")
                    )
                    continue
                if not _stays_inside(path, root):
                    skipped.append(Skipped(path, _leaves_folder(path, "链接", "为安全起见未导入")))
                    continue
            if path.is_file():
                files.append(path)
    return sorted(files), sorted(skipped, key=lambda item: item.path)


def _target(link: Path) -> Path | None:
    try:
        return link.resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a loop of links
        return None


def _stays_inside(link: Path, root: Path) -> bool:
    target = _target(link)
    return target is not None and target.is_relative_to(root)


def _leaves_folder(link: Path, what: str, outcome: str) -> str:
    target = _target(link)
    where = f"（{target}）" if target is not None else ""
    return (
        f"{what}指向所选文件夹之外{where}，{outcome}。如确需导入，请直接选择该文件。"
        "（Link leads outside the chosen folder.）"
    )
