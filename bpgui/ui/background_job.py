"""A computation of the engine's in a Python thread, watched from the GUI thread.

No Qt object crosses threads: the worker only writes plain attributes (its
progress, its result or its error), and a timer in the GUI thread reads them
and emits the signals.  A worker signal would run its slots in the worker
thread (docs/architecture.md); the short engine jobs here (a range test, a
gradient check) release the GIL in their matrix products and last seconds.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

__all__ = ["BackgroundJob", "POLL_MS"]

POLL_MS = 50   # how often the GUI looks: quick enough for a progress bar, nothing for the CPU


class BackgroundJob(QObject):
    """Runs ``work(report)`` in a thread; ``report(done, total)`` records progress and
    returns False once ``cancel()`` was called (the work then stops at its next report).
    ``sigDone(result)`` or ``sigFailed(message)`` follows in the GUI thread."""

    sigProgress = Signal(int, int)
    sigDone = Signal(object)
    sigFailed = Signal(str)

    def __init__(self, work: Callable[[Callable[[int, int], bool]], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._progress = (0, 0)
        self._outcome: tuple[str, Any] | None = None
        self.cancelled = False
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._outcome is None

    def start(self) -> None:
        # A daemon: a window closed mid-job does not wait for it (it works on copies only).
        self._thread = threading.Thread(target=self._run, name="bpgui-background-job", daemon=True)
        self._thread.start()
        self._timer.start()

    def cancel(self) -> None:
        self.cancelled = True

    def _report(self, done: int, total: int) -> bool:
        self._progress = (done, total)
        return not self.cancelled

    def _run(self) -> None:
        try:
            self._outcome = ("done", self._work(self._report))
        except Exception as exc:  # anything must reach the user as a message, not die with the thread
            self._outcome = ("failed", str(exc) or type(exc).__name__)

    @Slot()
    def _poll(self) -> None:
        outcome = self._outcome
        if outcome is None:
            self.sigProgress.emit(*self._progress)
            return
        self._timer.stop()
        self._thread.join()
        if outcome[0] == "done":
            self.sigDone.emit(outcome[1])
        else:
            self.sigFailed.emit(outcome[1])
