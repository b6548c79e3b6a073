"""Run core work off the GUI thread and hand the result back on it (Anki's QueryOp idea).

    run_in_background(lambda: import_paths(...), on_done=show_results, on_error=show_error)

The callable must not touch widgets. A worker that writes opens its own library
connection (SQLite WAL allows one writer beside the GUI's reader).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Cancelled(Exception):
    """Raised inside long work when the officer pressed 取消; never shown as an error."""


@dataclass
class Cancel:
    """Handed back by long work: call it to stop the work at its next progress report."""

    requested: bool = False

    def __call__(self) -> None:
        self.requested = True

    def check(self) -> None:
        if self.requested:
            raise Cancelled()


@dataclass(frozen=True)
class Progress:
    done: int
    total: int


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay, with_progress: bool) -> None:
        super().__init__()
        self.fn, self.relay, self.with_progress = fn, relay, with_progress

    def run(self) -> None:
        try:
            result = self.fn(self.relay.progress.emit) if self.with_progress else self.fn()
        except Exception as exc:  # shown to the user by on_error; never lost
            exc.traceback_text = traceback.format_exc()  # type: ignore[attr-defined]
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


_live: set[_Relay] = set()  # keep relays alive until their task reports


def run_in_background(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    on_progress: Callable[[Any], None] | None = None,
) -> None:
    """Run fn() on the thread pool; callbacks run on the GUI thread.

    With on_progress, fn is called as fn(report) and may call report(value) any number of times.
    """
    relay = _Relay()
    _live.add(relay)

    def finish(callback, value):
        _live.discard(relay)
        if callback:
            callback(value)

    relay.done.connect(lambda value: finish(on_done, value))
    relay.failed.connect(lambda exc: finish(on_error, exc))
    if on_progress:
        relay.progress.connect(on_progress)
    QThreadPool.globalInstance().start(_Task(fn, relay, on_progress is not None))


def wait_for_background(msecs: int = 30000) -> bool:
    """Block until queued tasks finish (used on quit, so nothing is cut off mid-write)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
