"""The window's training worker: a child process, polled from the GUI thread.

Why a process: a Python-bound training loop in a QThread holds the GIL and
starved the GUI here (ARCHITECTURE.md section 3: 284 ms median timer
lateness); a child process kept the GUI at 0.2 ms and trained faster.  Why
no thread at all on this side: ``Connection.poll(0)`` costs microseconds, so
a 30 ms QTimer in the GUI thread reads the pipe, and every signal is emitted
from the GUI thread (no cross-thread slots, no QThread to leak).

The child (``bpgui.core.training_process.serve``) is started once, on the
first job, and reused; it imports no Qt.  It throttles progress by its own
clock (every 40 ms, also between the steps of a long epoch; writing so that
training never waits for this side to read) and always sends the final state.
"""
from __future__ import annotations

import math
import multiprocessing as mp
import os

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ..core.session import Session
from ..core.training_process import Inbox, SharedSlots, make_job, restore_trainer_state, serve

__all__ = ["TrainingController"]

POLL_MS = 30
PARTIAL_POLL_MS = 2
CHILD_BLAS_THREADS = "1"  # measured: 2 threads in the child trained a 784-wide network 30 % slower beside the window


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
    ``model.history`` already hold its final state.
    """

    sigSnapshot = Signal(object)
    sigHistory = Signal(object)
    sigStateChanged = Signal(str)
    sigFinished = Signal(str)
    sigError = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = mp.get_context("spawn")
        self._proc = None
        self._conn = None
        self._inbox: Inbox | None = None
        self._slots: SharedSlots | None = None   # the running job's shared weights
        self._session: Session | None = None
        self._state = "idle"
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        # While part of a message is in, look again soon rather than at the next
        # tick: the child writes the rest of a big one between its steps.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(PARTIAL_POLL_MS)
        self._soon.timeout.connect(self._poll)

    # ---------------------------------------------------------------- state
    @property
    def state(self) -> str:
        return self._state

    @property
    def session(self) -> Session | None:
        return self._session

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.sigStateChanged.emit(state)

    def _ensure_child(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            return
        parent_conn, child_conn = self._ctx.Pipe()
        # One BLAS thread in the child leaves the other core to the GUI (and was
        # faster here: 890 vs 619 steps/s on a 784-wide network).  The variable
        # must be set before the child imports NumPy, i.e. in its environment.
        saved = os.environ.get("OPENBLAS_NUM_THREADS")
        os.environ["OPENBLAS_NUM_THREADS"] = os.environ.get("BPGUI_CHILD_BLAS_THREADS", CHILD_BLAS_THREADS)
        try:
            proc = self._ctx.Process(target=serve, args=(child_conn,), daemon=True, name="bpgui-training")
            proc.start()
        finally:
            if saved is None:
                os.environ.pop("OPENBLAS_NUM_THREADS", None)
            else:
                os.environ["OPENBLAS_NUM_THREADS"] = saved
        child_conn.close()
        self._proc, self._conn = proc, parent_conn
        self._inbox = Inbox(parent_conn)

    # -------------------------------------------------------------- commands
    def start(self, session: Session, epochs: int | None) -> None:
        """Train ``session`` from its current weights for ``epochs`` epochs (None: until stopped)."""
        if self._state != "idle":
            raise RuntimeError(f"cannot start while {self._state}")
        self._session = session
        self._ensure_child()
        self._release_slots()
        try:   # progress weights through shared memory (see SharedSlots), else through the pipe
            self._slots = SharedSlots.create(session.model.network)
        except (OSError, ValueError):
            self._slots = None
        self._inbox.slots = self._slots
        try:
            self._conn.send(("job", make_job(session, epochs, self._slots.spec if self._slots else None)))
        except BaseException:
            self._release_slots()
            raise
        self._set_state("running")
        self._timer.start()

    def step(self, session: Session | None = None) -> None:
        """Exactly one epoch: a one-epoch job when idle, one more epoch when paused."""
        if self._state == "paused":
            self._conn.send(("step",))
        elif self._state == "idle":
            if session is None:
                raise ValueError("step needs a session when idle")
            self.start(session, 1)

    def pause(self) -> None:
        if self._state == "running":
            self._conn.send(("pause",))
            self._set_state("paused")

    def resume(self) -> None:
        if self._state == "paused":
            self._conn.send(("resume",))
            self._set_state("running")

    def stop(self) -> None:
        if self._state in ("running", "paused") and self._conn is not None:
            self._conn.send(("stop",))

    def set_lr(self, lr: float) -> None:
        """Change the learning rate now (mid-run: at the next epoch, nothing reset)."""
        if not math.isfinite(lr) or lr <= 0:
            raise ValueError(f"learning rate must be a finite number > 0, got {lr!r}")
        if self._session is not None:
            self._session.trainer.lr = lr
        if self._state in ("running", "paused"):
            self._conn.send(("set_lr", float(lr)))

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block (processing the pipe) until the job ends; for tests and shutdown."""
        import time

        deadline = time.monotonic() + timeout
        while self._state != "idle" and time.monotonic() < deadline:
            if self._conn is not None and self._conn.poll(0.02):
                self._poll()
            elif self._proc is not None and not self._proc.is_alive():
                self._poll()
        return self._state == "idle"

    def shutdown(self, timeout: float = 3.0) -> None:
        """Stop any job, keep its final state, and end the child process."""
        if self._state != "idle":
            self.stop()
            if not self.wait_idle(timeout):
                # No answer in time (a step longer than the timeout, or a child
                # that hangs): the child is ended below, the last received state
                # stays, and the controller is idle, ready for a new child.
                self._set_state("idle")
        self._timer.stop()
        self._soon.stop()
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        self._close_inbox()
        self._release_slots()
        if conn is not None:
            try:
                conn.send(("quit",))
            except (OSError, ValueError):
                pass
        if proc is not None:
            proc.join(timeout)
            if proc.is_alive():
                proc.terminate()
                proc.join(1.0)
            if proc.is_alive():   # a stopped or hung process does not act on SIGTERM
                proc.kill()
                proc.join(1.0)
        if conn is not None:
            conn.close()

    # ------------------------------------------------------------ the pipe
    @Slot()
    def _poll(self) -> None:
        conn = self._conn
        if conn is None:
            self._timer.stop()
            return
        latest = None
        blocks: list[dict] = []   # the history blocks of this tick, each already in the session's history
        ended = None
        try:
            # Drain what is there (never waiting for the rest of a message), but
            # coalesce: one snapshot and one history signal per tick.
            while ended is None and (msg := self._inbox.get()) is not None:
                kind = msg[0]
                if kind == "progress":
                    latest = msg[1] or latest
                    self._record(blocks, msg[2])
                elif kind == "paused":
                    latest = msg[1] or latest
                    self._record(blocks, msg[2])
                    self._adopt(msg[3])
                elif kind in ("finished", "error"):
                    ended = msg
                    latest = msg[2] or latest
                    self._record(blocks, msg[3])
                    self._adopt(msg[4])
        except (EOFError, OSError):
            ended = ("error", self._crash_message(), None, {}, None)
        if ended is None and self._state != "idle" and not self._proc.is_alive():
            ended = ("error", self._crash_message(), None, {}, None)
        if ended is None and self._inbox is not None and self._inbox.partial and not self._soon.isActive():
            self._soon.start()
        if blocks:
            self.sigHistory.emit(blocks)
        if latest is not None:
            self.sigSnapshot.emit(latest)
        if ended is not None:
            self._timer.stop()
            self._soon.stop()
            self._release_slots()
            self._set_state("idle")
            if ended[0] == "finished":
                self.sigFinished.emit(ended[1])
            else:
                self.sigError.emit(ended[1])

    def _record(self, blocks: list, rows) -> None:
        """Put a message's epochs into the session's history at once (one place,
        so nothing is kept twice) and note the block for the tick's signal."""
        if rows and len(rows.get("train_loss", ())):
            if self._session is not None:
                self._session.model.history.extend(rows)
            blocks.append(rows)

    def _adopt(self, state) -> None:
        """Copy the child's final state into the session (weights, optimizer, epoch count)."""
        if state is not None and self._session is not None:
            restore_trainer_state(self._session.trainer, state)

    def _release_slots(self) -> None:
        """The job has ended (or the child is gone): remove its shared slots."""
        if self._inbox is not None:
            self._inbox.slots = None
        if self._slots is not None:
            self._slots.close()
            self._slots = None

    def _close_inbox(self) -> None:
        if self._inbox is not None:
            self._inbox.close()
            self._inbox = None

    def _crash_message(self) -> str:
        proc, conn = self._proc, self._conn
        self._proc, self._conn = None, None  # a new child on the next start
        self._close_inbox()
        self._release_slots()
        if proc is not None:
            proc.join(1.0)  # reap it
        if conn is not None:
            conn.close()
        code = None if proc is None else proc.exitcode
        return f"the training process ended unexpectedly (exit code {code}); the last received state was kept"
