"""The training child: the loop that runs in the spawned process.

``serve`` takes jobs from the pipe one after another; ``TrainingChild`` trains
one, hearing commands between epochs and, when an epoch has several steps,
between its steps too, so that pause, step, stop and a new learning rate act
at once even inside a long epoch.  Progress goes out at most every
``SEND_INTERVAL`` seconds and never makes training wait for the window (see
``wire.Outbox``); every completed epoch's figures arrive, in order.  A run
slowed down to be watched (``SetSpeed``) waits between epochs on the command
pipe, and at a few epochs a second sends each epoch's snapshot.  When the job
records a timeline, each completed epoch is checkpointed (job_timeline.py) and
the checkpoints go back with the event that ends a stretch of training.  This
module imports no Qt: the child process never loads it.
"""
from __future__ import annotations

import math
import time
import traceback
import warnings
from collections.abc import Iterator
from multiprocessing.connection import Connection

import numpy as np

from ..core.training import DivergenceError, EpochInterrupted, EpochReport, EpochStats, Snapshot, Trainer
from .history_columns import HistoryColumns
from .job import Job
from .job_timeline import JobTimeline
from .messages import (Command, Failed, Finished, Pause, Paused, Progress, Quit, Resume, SetLearningRate, SetSpeed,
                       SlotCopied, Start, Step, Stop)
from .pace import Pace
from .shared_slots import SharedSlots
from .wire import Outbox

__all__ = ["serve", "run_job", "TrainingChild", "SEND_INTERVAL", "POLL_INTERVAL"]

SEND_INTERVAL = 0.04   # seconds between progress messages (at most 25 redraws a second)
POLL_INTERVAL = 0.005  # seconds between looks for commands while running


class _JobEnded(Exception):
    """A command or the trainer has ended the job (its final message is sent)."""

    def __init__(self, quit_child: bool) -> None:
        super().__init__()
        self.quit_child = quit_child


class TrainingChild:
    """One job's training in the child, driven by the commands in ``conn``."""

    def __init__(self, conn: Connection, outbox: Outbox, trainer: Trainer, reports: Iterator[EpochReport],
                 slots: SharedSlots | None, interval: float = SEND_INTERVAL,
                 epochs_per_second: float | None = None, timeline: JobTimeline | None = None) -> None:
        self._conn = conn
        self._outbox = outbox
        self._tr = trainer
        self._reports = reports            # trainer.reports(...) for the job
        self._slots = slots
        self._interval = interval
        self._history = HistoryColumns()
        self._timeline = timeline          # None: the job records no checkpoints
        self._report: EpochReport | None = None   # the latest completed epoch's
        self._paused = False
        self._steps_wanted = 0             # epochs to run while paused (Step)
        self._pending: list[Command] = []  # a command that interrupted an epoch, handled at the next round
        self._sent = time.monotonic()      # when the latest progress message went
        self._polled = 0.0                 # when the pipe was last looked at
        self._free = [slots is not None] * SharedSlots.N_SLOTS   # slots the window has handed back
        self._pace: Pace | None = None     # None: full speed, the only check on its path
        self._gap = interval               # between progress messages of whole epochs
        self._set_speed(epochs_per_second)

    def run(self) -> bool:
        """Train until the job ends.  Returns True if told to quit."""
        tr = self._tr
        tr.step_hook = self._between_steps
        try:
            while True:
                self._round()
        except _JobEnded as end:
            return end.quit_child
        except DivergenceError as exc:
            self._end(Failed(str(exc), self._snapshot(), self._history.take(), tr.state(), self._checkpoints()))
        except (OSError, EOFError):   # the window is gone
            raise
        except Exception as exc:  # noqa: BLE001 - reported to the user, not swallowed
            detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
            self._end(Failed(f"training failed: {detail}", self._snapshot(), self._history.take(), tr.state(),
                             self._checkpoints()))
        finally:
            tr.step_hook = None
        return False

    # ------------------------------------------------------------- the loop
    def _round(self) -> None:
        """Commands that interrupted an epoch, a progress message if due, the
        pipe if due, then epochs (unless paused)."""
        while self._pending:
            self._handle(self._pending.pop(0))
        if self._outbox.busy:
            self._outbox.pump()
        now = time.monotonic()   # the one clock reading a round
        if (now - self._sent >= self._gap and self._history.reports and not self._paused
                and self._ready()):
            self._send_progress()
            self._sent = now
        self._hear_commands(now)
        if not self._paused or self._steps_wanted:
            if self._pace is not None and not self._paused and not self._await_turn(now):
                return
            self._train()

    def _hear_commands(self, now: float) -> None:
        """Read commands: every few milliseconds while running (a poll is a system
        call, too dear for every epoch of a tiny network); while paused, wait
        for them without spinning."""
        if self._paused and not self._steps_wanted:
            timeout = 0.05
        elif now - self._polled >= POLL_INTERVAL:
            timeout = 0.0
        else:
            return
        conn = self._conn
        while conn.poll(timeout):
            self._handle(conn.recv())
            if not self._paused or self._steps_wanted:
                break
        self._polled = now

    def _train(self) -> None:
        """Epochs back to back until a message or a look at the pipe is due.
        A step hook may take the history or start a message meanwhile: hence
        ``history.add`` and ``outbox.busy`` looked up each time.  Each completed
        epoch is checkpointed here, not through a method of the job's timeline:
        on XOR's epochs one more Python call is a point of the loop's speed."""
        try:
            latest = next(self._reports)
        except StopIteration:   # epochs=0
            self._finish("completed")
        history, outbox, timeline = self._history, self._outbox, self._timeline
        # take() makes a new record; it runs only between rounds (Pause, Stop), never in this loop.
        record, offset = (None, 0) if timeline is None else (timeline.record, timeline.offset)
        due = self._polled + POLL_INTERVAL
        if self._ready():   # (while both slots are the window's, no message can go anyway)
            due = min(due, self._sent + self._interval)
        if self._pace is not None:   # one epoch a turn
            due = 0.0
        while latest.stats is not None:
            history.add(latest)   # reports are immutable named tuples: keeping them is safe
            if record is not None:   # an early stop's network is the best epoch's: not what val was measured on
                val = latest.val
                record(latest.stats.epoch - offset,
                       None if val is None or latest.stopped == "early_stopping" else val[0])
            self._report = latest
            if (latest.stopped is not None or self._paused or self._steps_wanted or outbox.busy
                    or time.monotonic() >= due):
                break
            latest = next(self._reports)
        else:   # interrupted by a command: handled next round, the epoch redone
            return
        if self._steps_wanted:
            self._steps_wanted -= 1
            if self._paused:   # a step while paused shows its epoch at once
                self._send_progress()
                self._sent = time.monotonic()
        if latest.stopped:
            self._finish(latest.stopped)

    def _await_turn(self, now: float) -> bool:
        """A paced run: True when the next epoch may start now; else wait for its
        turn on the pipe, so that a command (stop, pause, a new speed) is heard at once."""
        pace = self._pace
        wait = pace.wait(now)
        if not wait:
            pace.started(now)
            return True
        if self._outbox.busy:   # the rest of a message goes out between shorter waits
            wait = min(wait, POLL_INTERVAL)
        conn = self._conn
        if conn.poll(wait):
            self._handle(conn.recv())
            while conn.poll(0):
                self._handle(conn.recv())
            self._polled = time.monotonic()
        return False

    def _set_speed(self, epochs_per_second: float | None) -> None:
        now = time.monotonic()
        if epochs_per_second is None:
            self._pace = None
        elif self._pace is None:
            self._pace = Pace(epochs_per_second, now)
        else:
            self._pace.set(epochs_per_second, now)
        # Slow enough to watch: each epoch's snapshot goes as soon as the epoch is done.
        self._gap = 0.0 if self._pace is not None and self._pace.every_epoch else self._interval

    def _between_steps(self) -> None:
        """The trainer's step hook: a long epoch shows its weights and hears commands."""
        if self._outbox.busy:
            self._outbox.pump()
        now = time.monotonic()
        # Weights a step made non-finite are not shown: the next step reports the divergence.
        if (now - self._sent >= self._interval and self._ready()
                and math.isfinite(np.add.reduce(self._tr.net.parameters))):
            self._send_progress(mid_epoch=True)
            self._sent = now
        if now - self._polled < POLL_INTERVAL:
            return
        self._polled = now
        while self._conn.poll(0):
            cmd = self._conn.recv()
            if isinstance(cmd, (Stop, Quit)) or (isinstance(cmd, Pause) and not self._paused):
                # Back to the start of this epoch, so that what a pause or a stop
                # shows and keeps is the last completed epoch; resuming redoes it.
                self._pending.append(cmd)
                raise EpochInterrupted
            self._handle(cmd)   # a new rate (used from the next epoch on), resume, step

    # -------------------------------------------------------------- commands
    def _handle(self, cmd: Command) -> None:
        """Apply a command.  Raises _JobEnded for Stop and Quit."""
        match cmd:
            case Pause() if not self._paused:
                self._paused = True
                self._outbox.post(Paused(self._snapshot(), self._history.take(), self._tr.state(),
                                         self._checkpoints()))
            case Resume():
                self._paused = False
            case Step():
                self._steps_wanted += 1
            case SetLearningRate(lr):
                self._tr.lr = lr
            case SetSpeed(epochs_per_second):
                self._set_speed(epochs_per_second)
            case SlotCopied(k):
                self._free[k] = True
            case Stop() | Quit():
                self._end(Finished("stopped", self._snapshot(), self._history.take(), self._tr.state(),
                                   self._checkpoints()))
                raise _JobEnded(quit_child=isinstance(cmd, Quit))

    # -------------------------------------------------------------- messages
    def _ready(self) -> bool:
        """A progress message can go now: the previous one is out and a slot is free."""
        return not self._outbox.busy and (self._slots is None or True in self._free)

    def _snapshot(self, mid_epoch: bool = False, arrays: bool = True) -> Snapshot:
        """The latest completed epoch, or (``mid_epoch``, or before any epoch
        completed) the weights as they are now with that epoch's figures."""
        tr, report = self._tr, self._report
        if mid_epoch or report is None:
            stats = report.stats if report is not None else EpochStats(tr.epochs_done, math.nan, 0.0, tr.lr, 0, {})
            return tr.snapshot(stats, None if report is None else report.val, check_finite=False, arrays=arrays)
        return tr.snapshot(report.stats, report.val, best_epoch=report.best_epoch, stopped=report.stopped,
                           arrays=arrays)

    def _send_progress(self, mid_epoch: bool = False) -> None:
        """The weights through a free shared slot (the rest through the pipe), or all through the pipe."""
        if True in self._free:
            snapshot = self._snapshot(mid_epoch, arrays=False)   # first: it may find a divergence
            k = self._free.index(True)
            self._slots.write(k, self._tr.net.parameters)
            self._free[k] = False
            self._outbox.post(Progress(snapshot, self._history.take(), k))
        else:
            self._outbox.post(Progress(self._snapshot(mid_epoch), self._history.take()))

    def _checkpoints(self):
        """The checkpoints recorded since the last stretch ended (None without a timeline)."""
        return None if self._timeline is None else self._timeline.take()

    def _finish(self, reason: str) -> None:
        self._end(Finished(reason, self._snapshot(), self._history.take(), self._tr.state(), self._checkpoints()))
        raise _JobEnded(quit_child=False)

    def _end(self, event: Finished | Failed) -> None:
        """Send a job's last message, waiting for the window if need be."""
        self._outbox.post(event)
        self._outbox.flush()


def run_job(conn: Connection, job: Job, outbox: Outbox, interval: float = SEND_INTERVAL,
            epochs_per_second: float | None = None) -> bool:
    """Train ``job`` (at most ``epochs_per_second``), reporting through ``outbox``.  Returns True if told to quit."""
    slots = None
    try:
        if job.shared:
            slots = SharedSlots.attach(job.shared)
        tr = job.build_trainer()
        reports = tr.reports(*job.train, epochs=job.epochs, validation=job.validation,
                             early_stopping=job.early_stopping)
        timeline = None
        if job.timeline_bytes:
            timeline = JobTimeline(tr, tr.net.sizes, job.timeline_bytes, job.epoch_offset)
        child = TrainingChild(conn, outbox, tr, reports, slots, interval, epochs_per_second, timeline)
    except Exception as exc:  # noqa: BLE001 - a job that cannot start is reported, the child lives on
        if slots is not None:
            slots.close()
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        outbox.post(Failed(f"training could not start: {detail}", None, {}, None))
        outbox.flush()
        return False
    try:
        return child.run()
    finally:
        if slots is not None:
            slots.close()


def serve(conn: Connection) -> None:
    """The child process's main loop: run jobs until told to quit or the pipe closes."""
    warnings.simplefilter("ignore", RuntimeWarning)  # overflow on the way to a reported divergence
    outbox = Outbox(conn)
    try:
        while True:
            msg = conn.recv()
            if isinstance(msg, Start):
                if run_job(conn, msg.job, outbox, epochs_per_second=msg.epochs_per_second):
                    return
            elif isinstance(msg, Quit):
                return
            # other commands outside a job (a late Pause) are ignored
    except (EOFError, OSError, KeyboardInterrupt):
        return
    finally:
        outbox.close()
