"""Read-only library queries off the GUI thread; only the newest request's answer is shown.

Each runner has one worker thread with its own read connection (SQLite WAL lets it read
while the GUI writes). Each request carries a sequence number; a result that is not for
the newest request is dropped, so fast typing or clicking never shows stale answers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

import db

_local = threading.local()


def _library(path: str) -> db.Library:
    lib = getattr(_local, "lib", None)
    if lib is None or str(lib.path) != path:
        if lib is not None:
            lib.close()
        lib = _local.lib = db.open_library(path)
    return lib


class _Job(QRunnable):
    def __init__(
        self, runner: QueryRunner, seq: int, path: str, fn: Callable, args: tuple, kwargs: dict
    ) -> None:
        super().__init__()
        self.runner, self.seq, self.path = runner, seq, path
        self.fn, self.args, self.kwargs = fn, args, kwargs

    def run(self) -> None:
        if self.seq != self.runner.seq:
            return  # superseded before it started
        try:
            result = self.fn(_library(self.path), *self.args, **self.kwargs)
        except Exception as exc:  # shown where the answer would be, never a crash
            self.runner.failed.emit(self.seq, str(exc))
            if isinstance(exc, db.SearchIndexDamagedError):
                self.runner.indexDamaged.emit(str(exc))
        else:
            self.runner.finished.emit(self.seq, result)


class QueryRunner(QObject):
    finished = Signal(int, object)  # seq, result
    failed = Signal(int, str)
    indexDamaged = Signal(str)  # noqa: N815 the search index cannot be read: offer to rebuild it
    resultReady = Signal(object)  # noqa: N815 only the newest request's result

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.seq = 0
        self.finished.connect(self._finished)

    def submit(self, path: str, fn: Callable, *args, **kwargs) -> int:
        """Run fn(library, *args, **kwargs) on the worker; returns the request's number."""
        self.seq += 1
        self.pool.start(_Job(self, self.seq, path, fn, args, kwargs))
        return self.seq

    def _finished(self, seq: int, result) -> None:
        if seq == self.seq:
            self.resultReady.emit(result)

    def wait(self, msecs: int = 5000) -> bool:
        return self.pool.waitForDone(msecs)


class SearchRunner(QueryRunner):
    """Search as you type."""

    def request(self, path: str, query: str, **filters) -> int:
        return self.submit(path, db.search, query, **filters)
