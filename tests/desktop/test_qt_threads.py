"""Qt's thread pool and cross-thread signals must not crash the interpreter (PySide6 6.12.0 did:
docs/decisions/005). Run in a subprocess, because the failure is a hard abort."""

import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import os, threading, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    class Relay(QObject):
        done = Signal(int, object)
    relay, got = Relay(), []
    relay.done.connect(lambda seq, payload: got.append(seq))
    class Job(QRunnable):
        def __init__(self, seq):
            super().__init__()
            self.seq = seq
        def run(self):
            relay.done.emit(self.seq, {"hits": [self.seq]})
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    for i in range(400):
        pool.start(Job(i))
        app.processEvents()
    for i in range(400):
        t = threading.Thread(target=relay.done.emit, args=(i, None))
        t.start()
        t.join()
        app.processEvents()
    pool.waitForDone()
    deadline = time.time() + 5
    while len(got) < 800 and time.time() < deadline:
        app.processEvents()
    print(len(got))
    """
)


def test_background_tasks_and_cross_thread_signals_do_not_crash():
    run = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "800"
