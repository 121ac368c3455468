"""A computation of the engine's in a Python thread, watched from the GUI thread.

No Qt object is touched by the worker: it writes a plain ``_Shared`` object
(its progress, its result or its error), and a timer in the GUI thread reads
it and emits the signals (a worker's signal would run its slots in the worker
thread).  While a job runs, automatic garbage collection is off: a collection
started in the worker could destroy Qt objects of the GUI thread caught in
reference cycles, which crashes PySide (tests/ui/conftest.py); the GUI thread
turns it back on and collects when the job ends.  The jobs here (a range test,
a gradient check) take seconds and release the GIL in their matrix products.
"""
from __future__ import annotations

import gc
import threading
from functools import partial
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

__all__ = ["BackgroundJob", "POLL_MS"]

POLL_MS = 50   # how often the GUI looks: quick enough for a progress bar, nothing for the CPU
_gc_paused = 0   # jobs running, counted in the GUI thread; gc was enabled before the first


class _Shared:
    """What the worker thread and the GUI thread share: plain attributes only."""

    def __init__(self) -> None:
        self.progress = (0, 0)
        self.outcome: tuple[str, Any] | None = None
        self.cancelled = False
        self.holds_gc = False   # this job paused the garbage collection and has not resumed it

    def report(self, done: int, total: int) -> bool:
        self.progress = (done, total)
        return not self.cancelled


def _run(work: Callable, shared: _Shared) -> None:
    try:
        shared.outcome = ("done", work(shared.report))
    except Exception as exc:  # anything must reach the user as a message, not die with the thread
        shared.outcome = ("failed", str(exc) or type(exc).__name__)


def _pause_gc(shared: _Shared) -> None:
    global _gc_paused
    shared.holds_gc = True
    if _gc_paused == 0 and not gc.isenabled():
        _gc_paused = -1   # someone else turned it off: leave it to them
    if _gc_paused >= 0:
        _gc_paused += 1
        gc.disable()


def _resume_gc(shared: _Shared, *_destroyed) -> None:
    """Once per job: when it ends, or when its QObject is destroyed first (a window closed mid-job)."""
    global _gc_paused
    if not shared.holds_gc:
        return
    shared.holds_gc = False
    if _gc_paused > 0:
        _gc_paused -= 1
        if _gc_paused == 0:
            gc.enable()
            gc.collect(0)
    elif _gc_paused == -1:
        _gc_paused = 0


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
        self._shared = _Shared()
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._timer.isActive()

    @property
    def cancelled(self) -> bool:
        return self._shared.cancelled

    def start(self) -> None:
        # A daemon: a window closed mid-job does not wait for it (it works on copies only).
        self._thread = threading.Thread(target=_run, args=(self._work, self._shared), name="bpgui-background-job",
                                        daemon=True)
        _pause_gc(self._shared)
        self.destroyed.connect(partial(_resume_gc, self._shared))
        self._thread.start()
        self._timer.start()

    def cancel(self) -> None:
        self._shared.cancelled = True

    @Slot()
    def _poll(self) -> None:
        outcome = self._shared.outcome
        if outcome is None:
            self.sigProgress.emit(*self._shared.progress)
            return
        self._timer.stop()
        self._thread.join()
        _resume_gc(self._shared)
        if outcome[0] == "done":
            self.sigDone.emit(outcome[1])
        else:
            self.sigFailed.emit(outcome[1])
