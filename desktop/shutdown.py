"""Leave cleanly however the app is asked to stop: every pending note is written first.

Ways a running app is stopped, and what catches each:
- the window's close button, Alt+F4, the window manager: MainWindow.closeEvent;
- `kill` (SIGTERM), Ctrl+C in the terminal (SIGINT), the terminal closing (SIGHUP): the
  handlers installed here close the window, which writes everything, then quit;
- logout or shutdown: Qt turns the session manager's request (on Windows WM_QUERYENDSESSION /
  WM_ENDSESSION) into commitDataRequest, and QApplication.quit() into aboutToQuit.

Python runs a signal handler only when the interpreter next gets control, and Qt's event loop is
C++ code that may sleep for minutes: so the signal also writes a byte into a socket that Qt
watches (signal.set_wakeup_fd), which wakes the loop and lets the handler run at once.
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGBREAK") if hasattr(signal, name)
)


class Shutdown(QObject):
    """Owns the wake-up socket; `save` writes pending work, `stop` closes the window and quits."""

    def __init__(self, app: QApplication, save: Callable[[], object], stop: Callable[[], object]) -> None:
        super().__init__(app)
        self.app, self.save, self.stop = app, save, stop
        self.stopping = False
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous = {number: signal.signal(number, self._on_signal) for number in STOP_SIGNALS}
        app.aboutToQuit.connect(self._save_quietly)
        app.commitDataRequest.connect(self._commit)

    def restore(self) -> None:
        """Put back the handlers that were there before (tests, embedding)."""
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(-1)
        self._notifier.setEnabled(False)
        self.app.aboutToQuit.disconnect(self._save_quietly)
        self.app.commitDataRequest.disconnect(self._commit)
        self.setParent(None)

    def _commit(self, _manager: object = None) -> None:
        self._save_quietly()

    def _drain(self, *_args: object) -> None:
        try:
            while self._reader.recv(512):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def _on_signal(self, number: int, _frame: object) -> None:
        # The handler may interrupt any Python code, even a transaction in progress: do the work
        # from the event loop instead, at the next clean point.
        log.info("signal %s: saving and quitting", number)
        if not self.stopping:
            self.stopping = True
            QTimer.singleShot(0, self._finish)

    def _finish(self) -> None:
        self._save_quietly()  # first, before anything that could fail or wait
        self.stop()
        self.app.quit()

    def _save_quietly(self) -> None:
        try:
            self.save()
        except Exception:  # the exit must go on; the drafts file holds what could not be saved
            log.exception("saving pending work at exit failed")
