"""Another process holding the library's write lock, for tests of what waits for it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOLDER = textwrap.dedent(
    """
    import signal, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("UPDATE notes SET text = text || '（未提交）'")
    print("locked", flush=True)
    signal.pause()  # hold the lock until the test kills this process
    """
)


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Another process holds the write lock (and an uncommitted change) until the block ends."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.kill()
        holder.wait()
