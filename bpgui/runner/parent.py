"""The parent's end of training in a child process, without Qt.

A Python-bound training loop in a thread of the window's process starves the
window (the GIL), so training runs in a spawned child (``child.serve``);
docs/benchmarks.md has the figures.  ``TrainingProcess`` starts that child
once and reuses it, sends it commands, and turns what it sends back into
events (``poll``): it owns the job's shared-memory slots, the state machine
(idle, running, paused) and the shutdown of the child.  Nothing here waits
for the child unless asked to (``wait``, ``wait_idle``, ``shutdown``), so a
GUI can call ``poll`` from a timer.
"""
from __future__ import annotations

import math
import multiprocessing as mp
import os
import time
from dataclasses import replace
from multiprocessing.connection import Connection

from ..core.session import Session
from ..core.training_settings import TrainingSettings
from .child import serve
from .job import Job
from .messages import (Command, Event, Failed, Finished, Pause, Progress, Quit, Resume, SetLearningRate, SetSpeed,
                       SlotCopied, Start, Step, Stop)
from .shared_slots import SharedSlots
from .wire import Inbox

__all__ = ["TrainingProcess", "Receiver", "IDLE", "RUNNING", "PAUSED"]

IDLE, RUNNING, PAUSED = "idle", "running", "paused"
# One BLAS thread in the child leaves the other core to the window (and trained a
# 784-wide network faster there than two: docs/benchmarks.md).
CHILD_BLAS_THREADS = "1"


class Receiver:
    """The child's events as they arrive, never waiting for the rest of one.

    A ``Progress`` whose weights are in a shared slot comes out with them in
    its snapshot; the slot is handed back to the child (``SlotCopied``).
    ``slots`` is the current job's (None once the job has ended: a late
    ``Progress`` then comes out without a snapshot, its slot still handed back).
    """

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._inbox = Inbox(conn)
        self.slots: SharedSlots | None = None

    def get(self) -> Event | None:
        """The next event, or None.  Raises EOFError when the child is gone."""
        msg = self._inbox.get()
        if isinstance(msg, Progress) and msg.slot is not None:
            snapshot = None
            if self.slots is not None and msg.snapshot is not None:
                weights, biases = self.slots.read(msg.slot)
                snapshot = replace(msg.snapshot, weights=weights, biases=biases)
            self._conn.send(SlotCopied(msg.slot))
            msg = Progress(snapshot, msg.history)
        return msg

    @property
    def partial(self) -> bool:
        """Part of an event has arrived, the rest not yet."""
        return self._inbox.partial

    def close(self) -> None:
        self._inbox.close()


class TrainingProcess:
    """Start, pause, resume, step and stop training of a ``Session`` in a child process.

    ``poll()`` returns the events that arrived since the last call; by then
    their history is in the session's ``model.history``, and a ``Paused``,
    ``Finished`` or ``Failed`` event's ``TrainerState`` is in the session's
    trainer (its network holds the final weights).  A child that dies is
    reported as a ``Failed`` event and replaced at the next start.
    """

    def __init__(self) -> None:
        self._ctx = mp.get_context("spawn")
        self._proc: mp.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._receiver: Receiver | None = None
        self._slots: SharedSlots | None = None   # the running job's shared weights
        self._session: Session | None = None
        self._state = IDLE
        self._speed: float | None = None   # epochs a second, None: full speed; kept from run to run

    # ---------------------------------------------------------------- state
    @property
    def state(self) -> str:
        """"idle", "running" or "paused"."""
        return self._state

    @property
    def session(self) -> Session | None:
        """The session of the current (or latest) job."""
        return self._session

    @property
    def process(self) -> mp.process.BaseProcess | None:
        """The child process, None before the first job and after a shutdown or a crash."""
        return self._proc

    @property
    def speed(self) -> float | None:
        """At most this many epochs a second, for every run from now on (None: full speed)."""
        return self._speed

    @property
    def uses_shared_memory(self) -> bool:
        """The current job's progress weights come through shared slots (else through the pipe)."""
        return self._slots is not None

    @property
    def partial(self) -> bool:
        """Part of an event has arrived: worth polling again soon."""
        return self._receiver is not None and self._receiver.partial

    # -------------------------------------------------------------- commands
    def start(self, session: Session, epochs: int | None) -> None:
        """Train ``session`` from its current state for ``epochs`` epochs (None: until stopped)."""
        if self._state != IDLE:
            raise RuntimeError(f"cannot start while {self._state}")
        self._session = session
        session.begin_timeline()   # the start's checkpoint; the child records the epochs after it
        self._ensure_child()
        self._release_slots()
        try:
            self._slots = SharedSlots.create(session.model.network)
        except (OSError, ValueError):   # no room for them: the weights come through the pipe
            self._slots = None
        self._receiver.slots = self._slots
        try:
            job = Job.from_session(session, epochs, self._slots.spec if self._slots else None)
            self._send(Start(job, self._speed))
        except BaseException:
            self._release_slots()
            raise
        self._state = RUNNING

    def step(self, session: Session | None = None) -> None:
        """Exactly one epoch: a one-epoch job when idle, one more epoch when paused."""
        if self._state == PAUSED:
            self._send(Step())
        elif self._state == IDLE:
            if session is None:
                raise ValueError("step needs a session when idle")
            self.start(session, 1)

    def pause(self) -> None:
        if self._state == RUNNING:
            self._send(Pause())
            self._state = PAUSED

    def resume(self) -> None:
        if self._state == PAUSED:
            self._send(Resume())
            self._state = RUNNING

    def stop(self) -> None:
        """Ask the child to end the job; ``poll`` brings the ``Finished`` event."""
        if self._state != IDLE and self._conn is not None:
            self._send(Stop())

    def set_lr(self, lr: float) -> None:
        """Change the learning rate now (mid-run: from the next epoch, nothing reset)."""
        if not math.isfinite(lr) or lr <= 0:
            raise ValueError(f"learning rate must be a finite number > 0, got {lr!r}")
        if self._session is not None:
            self._session.trainer.lr = lr
        if self._state != IDLE:
            self._send(SetLearningRate(float(lr)))

    def set_speed(self, epochs_per_second: float | None) -> None:
        """Train at most ``epochs_per_second`` epochs a second (None: full speed), now and in later runs."""
        if epochs_per_second is not None:
            if not math.isfinite(epochs_per_second) or epochs_per_second <= 0:
                raise ValueError(f"speed must be a finite number of epochs per second > 0 or None, "
                                 f"got {epochs_per_second!r}")
            epochs_per_second = float(epochs_per_second)
        self._speed = epochs_per_second
        if self._state != IDLE:
            self._send(SetSpeed(epochs_per_second))

    def rewind(self, epoch: int) -> None:
        """While idle: the session goes back to its timeline's checkpoint of ``epoch``
        (``Session.rewind``); ``start`` then goes on from there, and with unchanged
        settings it retraces the run bit for bit.  A KeyError names the nearest kept
        epochs; a RuntimeError says a job is running or paused (stop it first)."""
        self._session_when_idle("rewind").rewind(epoch)

    def branch(self, epoch: int, settings: TrainingSettings) -> Session:
        """While idle: a new session going on from the checkpoint of ``epoch`` with other
        trainer settings (``Session.branch``); the current session stays as it is.
        ``start(branch, epochs)`` trains it."""
        return self._session_when_idle("branch").branch(epoch, settings)

    def _session_when_idle(self, what: str) -> Session:
        if self._state != IDLE:
            raise RuntimeError(f"cannot {what} while {self._state}: stop the job first")
        if self._session is None:
            raise RuntimeError(f"nothing to {what}: no session has trained yet")
        return self._session

    def _send(self, cmd: Command) -> None:
        self._conn.send(cmd)

    # ---------------------------------------------------------------- events
    def poll(self) -> list[Event]:
        """The events that arrived, without waiting; the job's end is the last one."""
        if self._receiver is None:
            return []
        events: list[Event] = []
        try:
            while (event := self._receiver.get()) is not None:
                self._apply(event)
                events.append(event)
                if isinstance(event, (Finished, Failed)):
                    break
        except (EOFError, OSError):
            events.append(self._crashed())
            return events
        ended = bool(events) and isinstance(events[-1], (Finished, Failed))
        if self._state != IDLE and not ended and not self._proc.is_alive():
            events.append(self._crashed())
        return events

    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` s until there is something to poll; True if there is."""
        if self._conn is None:
            return False
        return self._conn.poll(timeout) or not self._proc.is_alive()

    def wait_idle(self, timeout: float = 10.0) -> list[Event]:
        """Poll until the job has ended or ``timeout`` s have passed; the events that came."""
        events: list[Event] = []
        deadline = time.monotonic() + timeout
        while self._state != IDLE and time.monotonic() < deadline:
            if self.wait(min(0.02, max(0.0, deadline - time.monotonic()))):
                events += self.poll()
        return events

    def _apply(self, event: Event) -> None:
        """What an event does to the session and to the state machine."""
        session = self._session
        rows = event.history
        if session is not None and rows and len(rows.get("train_loss", ())):
            session.model.history.extend(rows)
        state = getattr(event, "state", None)
        if state is not None and session is not None:
            session.trainer.restore(state)
        stretch = getattr(event, "timeline", None)
        if stretch is not None and session is not None and session.model.timeline is not None:
            session.model.timeline.extend(stretch)
        if isinstance(event, (Finished, Failed)):
            self._release_slots()
            self._state = IDLE

    def _crashed(self) -> Failed:
        """The child is gone: forget it (the next start makes a new one)."""
        proc = self._proc
        self._drop_child()
        if proc is not None:
            proc.join(1.0)   # reap it
        self._state = IDLE
        code = None if proc is None else proc.exitcode
        return Failed(f"the training process ended unexpectedly (exit code {code}); "
                      "the last received state was kept", None, {}, None)

    # ------------------------------------------------------------- the child
    def _ensure_child(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            return
        if self._proc is not None:   # died while idle: reap it
            self._proc.join(1.0)
        self._drop_child()
        parent_conn, child_conn = self._ctx.Pipe()
        # The variable must be set before the child imports NumPy: in its environment.
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
        self._receiver = Receiver(parent_conn)

    def shutdown(self, timeout: float = 3.0) -> list[Event]:
        """Stop any job (its final state is kept) and end the child process: asked
        to quit, then SIGTERM, then SIGKILL.  Returns the events that came meanwhile."""
        events: list[Event] = []
        if self._state != IDLE:
            self.stop()
            events = self.wait_idle(timeout)
            # No answer in time (a step longer than the timeout, or a hung child):
            # the child is ended below and the last received state stays.
            self._state = IDLE
        proc, conn = self._proc, self._conn
        self._drop_child(close_conn=False)
        if conn is not None:
            try:
                conn.send(Quit())
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
        return events

    def _drop_child(self, close_conn: bool = True) -> None:
        """Let go of the child's pipe and the job's slots (the process is the caller's)."""
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None
        self._release_slots()
        if close_conn and self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def _release_slots(self) -> None:
        """The job has ended (or the child is gone): remove its shared slots."""
        if self._receiver is not None:
            self._receiver.slots = None
        if self._slots is not None:
            self._slots.close()
            self._slots = None
