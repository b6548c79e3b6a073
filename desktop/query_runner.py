"""Read-only library queries off the GUI thread; only the newest request's answer is shown.

Each runner has one worker thread with its own read connection (SQLite WAL lets it read
while the GUI writes). Each request carries a sequence number; a result that is not for
the newest request is dropped, so fast typing or clicking never shows stale answers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

import db

log = logging.getLogger(__name__)
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


@dataclass(frozen=True)
class _Callbacks:
    seq: int
    on_done: Callable[[Any], None]
    on_error: Callable[[str], None] | None


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
        self._callbacks: _Callbacks | None = None
        self.finished.connect(self._finished)
        self.failed.connect(self._failed)

    def submit(self, path: str, fn: Callable, *args, **kwargs) -> int:
        """Run fn(library, *args, **kwargs) on the worker; returns the request's number."""
        self.seq += 1
        self.pool.start(_Job(self, self.seq, path, fn, args, kwargs))
        return self.seq

    def ask(
        self,
        path: str,
        fn: Callable,
        *args,
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
        **kwargs,
    ) -> int:
        """submit(), then call on_done(result) on the GUI thread if no newer request came meanwhile."""
        seq = self.submit(path, fn, *args, **kwargs)
        self._callbacks = _Callbacks(seq, on_done, on_error)
        return seq

    @property
    def busy(self) -> bool:
        """A request made with ask() has not been answered yet."""
        return self._callbacks is not None

    def forget(self) -> None:
        """Answers to requests made so far are dropped (the library they read was closed)."""
        self.seq += 1
        self._callbacks = None

    def _finished(self, seq: int, result) -> None:
        if seq != self.seq:
            return
        self.resultReady.emit(result)
        callbacks, self._callbacks = self._callbacks, None
        if callbacks is not None and callbacks.seq == seq:
            callbacks.on_done(result)

    def _failed(self, seq: int, message: str) -> None:
        if seq != self.seq or self._callbacks is None or self._callbacks.seq != seq:
            return
        callbacks, self._callbacks = self._callbacks, None
        if callbacks.on_error is not None:
            callbacks.on_error(message)
        else:
            log.warning("a library read failed: %s", message)

    def wait(self, msecs: int = 5000) -> bool:
        return self.pool.waitForDone(msecs)


class ReadChannels(QObject):
    """One QueryRunner per named view (\"orphans\", \"notes\", …): a view's newest request
    supersedes its older ones without cancelling another view's."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._runners: dict[str, QueryRunner] = {}

    def runner(self, channel: str) -> QueryRunner:
        if channel not in self._runners:
            self._runners[channel] = QueryRunner(self)
        return self._runners[channel]

    def busy(self) -> bool:
        return any(r.busy for r in self._runners.values())

    def forget(self) -> None:
        for runner in self._runners.values():
            runner.forget()

    def wait(self, msecs: int = 5000) -> bool:
        return all([r.wait(msecs) for r in self._runners.values()])


@dataclass(frozen=True)
class SearchPage:
    """One page of a search: `offset` says where its hits go in the list."""

    offset: int
    result: db.SearchResult


def search_page(lib: db.Library, query: str, offset: int = 0, limit: int = 50, **filters) -> SearchPage:
    return SearchPage(offset, db.search(lib, query, limit=limit, offset=offset, **filters))


class SearchRunner(QueryRunner):
    """Search as you type; more pages of the same search as the results are scrolled."""

    def request(self, path: str, query: str, offset: int = 0, limit: int = 50, **filters) -> int:
        return self.submit(path, search_page, query, offset=offset, limit=limit, **filters)
