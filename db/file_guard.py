"""Keep this process's own hands off a library file while SQLite has it open.

POSIX advisory locks belong to the process, and closing *any* descriptor of a file drops every
lock the process holds on it ("How To Corrupt An SQLite Database File", section 2.2). One plain
`open()`, copy or hash of a library while a connection of ours is open therefore makes that
connection lock-less: another process then believes it is the last user, checkpoints and
deletes the -wal file we are still writing into, and every later write is lost (issue 13).
SQLite protects itself against its *own* second connections (it shares one inode record per
file and defers closing descriptors); it cannot protect against Python's `open()`.

So `Library` registers its file here while open, and an audit hook (PEP 578) refuses, with a
LibraryFileInUseError, every Python-level open, copy, rename, removal or truncation of that file
or of its -wal, -shm and -journal companions. The rule and its reasons: docs/decisions/006.
Code that walks user folders asks `is_open_library()` first so it can skip such files politely.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import TypeVar

from db.errors import StorageError

COMPANIONS = ("", "-wal", "-shm", "-journal")
K = TypeVar("K")


class LibraryFileInUseError(StorageError):
    """Something in this process tried to touch an open library file outside SQLite."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"“{Path(path).name}”是正在使用的 PolicyBrief 资料库文件，不能在使用中直接读取、复制、覆盖或删除"
            "（那样会让资料库丢失已保存的内容）。请改用“备份”或“恢复”命令。",
            "in-use",
        )


_lock = threading.Lock()
_names: dict[str, int] = {}  # real path of each companion -> open connections
_inodes: dict[tuple[int, int], int] = {}  # (device, inode) of the main file -> open connections
_installed = False


def register(path: str | Path) -> None:
    """Note that a connection to the library at `path` is open in this process."""
    global _installed
    real = os.path.realpath(path)
    with _lock:
        if not _installed:
            sys.addaudithook(_audit)
            _installed = True
        for suffix in COMPANIONS:
            _names[real + suffix] = _names.get(real + suffix, 0) + 1
        key = _inode(real)
        if key is not None:
            _inodes[key] = _inodes.get(key, 0) + 1


def unregister(path: str | Path) -> None:
    real = os.path.realpath(path)
    with _lock:
        for suffix in COMPANIONS:
            _release(_names, real + suffix)
        key = _inode(real)
        if key is not None:
            _release(_inodes, key)


def is_open_library(path: str | Path) -> bool:
    """True if `path` is (a link to, or a companion of) a library open in this process."""
    if not _names:
        return False
    real = os.path.realpath(path)
    if real in _names:
        return True
    key = _inode(real)
    return key is not None and key in _inodes


def _release(table: dict[K, int], key: K) -> None:
    left = table.get(key, 0) - 1
    if left > 0:
        table[key] = left
    else:
        table.pop(key, None)


def _inode(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


# Audit events whose arguments name files: (event, indexes of the path arguments).
_PATH_ARGS = {
    "open": (0,),
    "os.rename": (0, 1),  # os.rename and os.replace (Path.replace, Path.rename)
    "os.remove": (0,),  # os.remove and os.unlink (Path.unlink)
    "os.truncate": (0,),
    "shutil.copyfile": (0, 1),
    "shutil.copymode": (0, 1),
    "shutil.move": (0, 1),
    "os.link": (0, 1),
}


def _audit(event: str, args: tuple[object, ...]) -> None:
    if not _names:
        return
    indexes = _PATH_ARGS.get(event)
    if indexes is None:
        return
    for i in indexes:
        if i >= len(args):
            continue
        target = args[i]
        if isinstance(target, bytes):
            target = os.fsdecode(target)
        if isinstance(target, os.PathLike):
            target = os.fspath(target)
        if isinstance(target, str) and is_open_library(target):
            raise LibraryFileInUseError(target)
