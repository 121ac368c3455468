"""The window's handle on training: ``bpgui.runner.TrainingProcess`` on a Qt timer.

There is no thread on this side: reading the pipe without waiting costs
microseconds, so a 30 ms QTimer in the GUI thread polls the runner and
re-emits its events as signals, all from the GUI thread.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ..core.session import Session
from ..runner import Event, Failed, Finished, TrainingProcess

__all__ = ["TrainingController"]

POLL_MS = 30
PARTIAL_POLL_MS = 2   # while part of a big message is in: the child writes the rest between its steps


class TrainingController(QObject):
    """Start, pause, resume, step and stop training of a ``Session``.

    Signals (all emitted in the GUI thread):

    * ``sigSnapshot(Snapshot)``: the latest snapshot, ~25 per second; the last one always comes.
    * ``sigHistory(list)``: the history blocks (dicts of columns) that came since the previous
      emit; they are already in the session's ``model.history``.
    * ``sigStateChanged(str)``: "idle" | "running" | "paused".
    * ``sigFinished(str)``: "completed" | "early_stopping" | "stopped".
    * ``sigError(str)``: a message for the user; the state is then "idle".

    When a job ends (or pauses) the session's network, trainer state and
    ``model.history`` already hold its final state.  ``runner`` is the
    Qt-free ``TrainingProcess`` underneath (its ``process`` is the child).
    """

    sigSnapshot = Signal(object)
    sigHistory = Signal(object)
    sigStateChanged = Signal(str)
    sigFinished = Signal(str)
    sigError = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = TrainingProcess()
        self._shown_state = self.runner.state
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(PARTIAL_POLL_MS)
        self._soon.timeout.connect(self._poll)

    @property
    def state(self) -> str:
        return self.runner.state

    @property
    def session(self) -> Session | None:
        return self.runner.session

    # -------------------------------------------------------------- commands
    def start(self, session: Session, epochs: int | None) -> None:
        """Train ``session`` from its current weights for ``epochs`` epochs (None: until stopped)."""
        self.runner.start(session, epochs)
        self._sync_state()
        self._timer.start()

    def step(self, session: Session | None = None) -> None:
        """Exactly one epoch: a one-epoch job when idle, one more epoch when paused."""
        was_idle = self.runner.state == "idle"
        self.runner.step(session)
        self._sync_state()
        if was_idle:
            self._timer.start()

    def pause(self) -> None:
        self.runner.pause()
        self._sync_state()

    def resume(self) -> None:
        self.runner.resume()
        self._sync_state()

    def stop(self) -> None:
        self.runner.stop()

    def set_lr(self, lr: float) -> None:
        """Change the learning rate now (mid-run: at the next epoch, nothing reset)."""
        self.runner.set_lr(lr)

    @property
    def speed(self) -> float | None:
        """At most this many epochs a second (None: full speed)."""
        return self.runner.speed

    def set_speed(self, epochs_per_second: float | None) -> None:
        """Slow training down to be watched (None: full speed): at once mid-run, and for later runs."""
        self.runner.set_speed(epochs_per_second)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block (handling events as they come) until the job ends; for tests and shutdown."""
        deadline = time.monotonic() + timeout
        while self.runner.state != "idle" and time.monotonic() < deadline:
            if self.runner.wait(0.02):
                self._poll()
        return self.runner.state == "idle"

    def shutdown(self, timeout: float = 3.0) -> None:
        """Stop any job, keep its final state, and end the child process."""
        events = self.runner.shutdown(timeout)
        self._timer.stop()
        self._soon.stop()
        self._emit(events)
        self._sync_state()

    # ------------------------------------------------------------ the events
    @Slot()
    def _poll(self) -> None:
        events = self.runner.poll()
        if self.runner.partial and not self._soon.isActive():
            self._soon.start()
        self._emit(events)
        if self.runner.state == "idle":
            self._timer.stop()
            self._soon.stop()

    def _emit(self, events: list[Event]) -> None:
        """One history signal and one snapshot signal for a batch of events, then
        the state and the job's end."""
        blocks = [e.history for e in events if len(e.history.get("train_loss", ()))]
        latest = next((e.snapshot for e in reversed(events) if e.snapshot is not None), None)
        if blocks:
            self.sigHistory.emit(blocks)
        if latest is not None:
            self.sigSnapshot.emit(latest)
        self._sync_state()
        end = events[-1] if events else None
        if isinstance(end, Finished):
            self.sigFinished.emit(end.reason)
        elif isinstance(end, Failed):
            self.sigError.emit(end.message)

    def _sync_state(self) -> None:
        if self.runner.state != self._shown_state:
            self._shown_state = self.runner.state
            self.sigStateChanged.emit(self._shown_state)
