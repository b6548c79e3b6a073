"""Search off the GUI thread, so typing never waits for SQLite.

One worker thread with its own read connection (SQLite WAL lets it read while the GUI
writes). Each request carries a sequence number; a result that is not for the newest
request is dropped, so fast typing never shows stale hits.
"""

from __future__ import annotations

import threading

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
    def __init__(self, runner: SearchRunner, seq: int, path: str, query: str, filters: dict) -> None:
        super().__init__()
        self.runner, self.seq, self.path, self.query, self.filters = runner, seq, path, query, filters

    def run(self) -> None:
        if self.seq != self.runner.seq:
            return  # superseded before it started
        try:
            result = db.search(_library(self.path), self.query, **self.filters)
        except Exception as exc:  # shown in the panel, never a crash
            self.runner.failed.emit(self.seq, str(exc))
        else:
            self.runner.finished.emit(self.seq, result)


class SearchRunner(QObject):
    finished = Signal(int, object)  # seq, SearchResult
    failed = Signal(int, str)
    resultReady = Signal(object)  # noqa: N815 only the newest request's result

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.seq = 0
        self.finished.connect(self._finished)

    def request(self, path: str, query: str, **filters) -> int:
        self.seq += 1
        self.pool.start(_Job(self, self.seq, path, query, filters))
        return self.seq

    def _finished(self, seq: int, result) -> None:
        if seq == self.seq:
            self.resultReady.emit(result)

    def wait(self, msecs: int = 5000) -> bool:
        return self.pool.waitForDone(msecs)
