"""Training in a child process, driven over a ``multiprocessing`` pipe.

A Python-bound training loop in a thread of the GUI process starves the GUI
(the GIL; ARCHITECTURE.md section 3 measured 284 ms median timer lateness),
so the window runs the loop in a child process and polls a pipe.  This module
is the child's side and the message protocol; it is Qt-free so the child
never imports Qt.

Parent -> child (tuples):
    ("job", job_dict)       start training (see ``make_job``)
    ("pause",) ("resume",)  ("step",) one epoch while paused
    ("stop",)               end the job (the final state is sent back)
    ("set_lr", lr)          takes effect at the next epoch, state kept
    ("ack", k)              the window has copied shared slot k (see ``SharedSlots``)
    ("quit",)               leave ``serve``

Child -> parent (see ``_Outbox``: training never waits for the window to read):
    ("progress", snapshot, history)            at most every ``interval`` s, also between
                                               the steps of a long epoch (its weights then)
    ("progress", snapshot, history, k)         the same, its weights in shared slot k: the
                                               window's ``Inbox`` puts them into the snapshot
    ("paused", snapshot, history, final_state) after a pause: the parent can save
    ("finished", reason, snapshot, history, final_state)   reason: completed | early_stopping | stopped
    ("error", message, snapshot | None, history, final_state)

``history`` is a dict of lists with every epoch since the previous message
(``epoch``, ``train_loss``, ``val_loss`` and ``train_<metric>`` /
``val_<metric>``), so nothing is lost to throttling.  ``final_state`` holds the
flat parameters, the optimizer's step count and moments, the shuffle
generator's state and the epoch count, so that a later job continues exactly.
"""
from __future__ import annotations

import math
import os
import socket
import struct
import time
import traceback
from dataclasses import replace
from operator import attrgetter
from multiprocessing.reduction import ForkingPickler
from multiprocessing.shared_memory import SharedMemory
from typing import Any

import numpy as np

from .network import Network, parameter_views
from .training import DivergenceError, EpochInterrupted, EpochStats, Trainer

__all__ = ["serve", "make_job", "Inbox", "SharedSlots", "SEND_INTERVAL"]

SEND_INTERVAL = 0.04  # seconds between progress messages (at most 25 redraws a second)
POLL_INTERVAL = 0.005  # seconds between looks for commands while running
SHM_DIR = "/dev/shm"   # where Linux keeps shared memory (SharedSlots checks its room)


def make_job(session, epochs: int | None, shared: dict | None = None) -> dict[str, Any]:
    """Everything the child needs to continue ``session`` (a ``bpgui.core.session.Session``);
    ``shared``: the ``spec`` of the ``SharedSlots`` that progress weights go through."""
    net = session.model.network
    tr = session.trainer
    s = session.settings
    return {
        "network": net.describe(),
        "trainer": {
            "optimizer": tr.optimizer.name, "lr": tr.lr, "batch_size": tr.batch_size,
            "shuffle": tr.shuffle, "l1": tr.l1, "l2": tr.l2,
            "schedule": tr.schedule.name, "schedule_params": dict(tr.schedule.params),
            **tr.optimizer.hyperparameters,
        },
        "state": trainer_state(tr),
        "train": session.train_xy,
        "validation": session.val_xy,
        "epochs": epochs,
        "early_stopping": s.early_stopping if session.val_xy is not None else None,
        "shared": shared,
    }


def trainer_state(tr: Trainer) -> dict[str, Any]:
    return {
        "parameters": tr.net.parameters.copy(),
        "optimizer_t": tr.optimizer.t,
        "optimizer_state": {k: v.copy() for k, v in tr.optimizer.state.items()},
        "rng": tr.rng.bit_generator.state,
        "epochs_done": tr.epochs_done,
        "steps_done": tr.steps_done,
        "lr": tr.lr,
    }


def restore_trainer_state(tr: Trainer, state: dict[str, Any]) -> None:
    np.copyto(tr.net.parameters, state["parameters"])
    tr.optimizer.t = state["optimizer_t"]
    tr.optimizer.state = {k: np.array(v) for k, v in state["optimizer_state"].items()}
    tr.rng.bit_generator.state = state["rng"]
    tr.epochs_done = state["epochs_done"]
    tr.steps_done = state["steps_done"]
    tr.lr = state["lr"]


def _build(job: dict[str, Any]) -> Trainer:
    arch = job["network"]
    net = Network(arch["n_inputs"], [tuple(layer) for layer in arch["layers"]], loss=arch["loss"],
                  init=arch["init"], dtype=arch["dtype"])
    settings = dict(job["trainer"])
    tr = Trainer(net, **settings)
    restore_trainer_state(tr, job["state"])
    return tr


class SharedSlots:
    """Two copies of a network's flat parameter vector in shared memory, through
    which progress snapshots' weights reach the window.

    Pickling a 784-128-64-10 snapshot and writing its 440 kB into the pipe cost
    the training loop ~3.7 ms a message here, ~9 % of its time at 25 messages a
    second (and the window as much again to read and unpickle it).  Instead the
    child copies the parameters into a free slot and sends the slot's number;
    the window copies the slot out and sends ``("ack", k)``, which frees it.
    While both slots are the window's, the child makes no progress snapshot
    (as while a message is still on its way); final messages carry their
    arrays in the pipe as before.

    The window creates the slots for a job (``create``) and unlinks them when
    the job has ended (``close``); the child ``attach``es by name.
    """

    N_SLOTS = 2

    def __init__(self, shm: SharedMemory, sizes, dtype, owner: bool) -> None:
        self._shm: SharedMemory | None = shm
        self.sizes = [int(n) for n in sizes]
        self.dtype = np.dtype(dtype)
        self.n_params = sum((a + 1) * b for a, b in zip(self.sizes[:-1], self.sizes[1:]))
        self._owner = owner
        self._slots = np.ndarray((self.N_SLOTS, self.n_params), dtype=self.dtype, buffer=shm.buf)

    @classmethod
    def create(cls, network: Network) -> "SharedSlots":
        """Slots for ``network``'s parameters.  Raises OSError when the shared-memory
        file system has too little room (the caller then uses the pipe)."""
        size = max(1, cls.N_SLOTS * network.n_params * network.dtype.itemsize)
        # On Linux the slots are a tmpfs file created sparse: a write past the
        # room there (a container's /dev/shm is often 64 MB) would kill the child
        # with SIGBUS.  So ask for at most half of what is free.
        if os.path.isdir(SHM_DIR):
            st = os.statvfs(SHM_DIR)
            free = st.f_bavail * st.f_frsize
            if size > free // 2:
                raise OSError(f"{size:,} bytes of shared memory wanted, {free:,} free in {SHM_DIR}")
        shm = SharedMemory(create=True, size=size)
        return cls(shm, network.sizes, network.dtype, owner=True)

    @classmethod
    def attach(cls, spec: dict[str, Any]) -> "SharedSlots":
        return cls(SharedMemory(name=spec["name"]), spec["sizes"], spec["dtype"], owner=False)

    @property
    def spec(self) -> dict[str, Any]:
        """What ``attach`` needs (plain data, for the job)."""
        return {"name": self._shm.name, "sizes": list(self.sizes), "dtype": self.dtype.name}

    def write(self, k: int, flat: np.ndarray) -> None:
        np.copyto(self._slots[k], flat)

    def read(self, k: int) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
        """A copy of slot ``k`` as per-layer weights and biases."""
        _, weights, biases = parameter_views(self._slots[k].copy(), self.sizes)
        return tuple(weights), tuple(biases)

    def close(self) -> None:
        """Unmap (and, in the process that created them, remove) the slots."""
        if self._shm is None:
            return
        self._slots = None          # the view must go before the mapping
        shm, self._shm = self._shm, None
        shm.close()
        if self._owner:
            try:
                shm.unlink()
            except FileNotFoundError:
                pass


_STATS, _VAL = attrgetter("stats"), attrgetter("val")
_EPOCH, _LOSS, _METRICS = attrgetter("epoch"), attrgetter("loss"), attrgetter("metrics")


class _History:
    """Per-epoch figures gathered between two messages: the reports are kept as
    they come (one list append per epoch) and turned into columns at send time."""

    def __init__(self) -> None:
        self.reports: list = []
        self.add = self.reports.append

    def take(self) -> dict[str, list[float]]:
        """The gathered epochs as columns.  This runs in the training loop's time,
        up to 25 times a second over hundreds of epochs of a tiny network, so the
        columns come from ``map`` with ``attrgetter`` (C) and only the metrics
        need a loop."""
        reports, self.reports = self.reports, []
        self.add = self.reports.append
        if not reports:
            return {"epoch": [], "train_loss": [], "val_loss": []}
        nan = math.nan
        stats = list(map(_STATS, reports))
        vals = list(map(_VAL, reports))
        metrics = list(map(_METRICS, stats))
        rows: dict[str, list[float]] = {"epoch": list(map(_EPOCH, stats)), "train_loss": list(map(_LOSS, stats))}
        if vals.count(None) == len(vals):
            rows["val_loss"] = [nan] * len(vals)
            val_metrics: list = []
        else:
            rows["val_loss"] = [nan if v is None else v[0] for v in vals]
            val_metrics = [{} if v is None else v[1] for v in vals]
        for key in sorted(set().union(*metrics)):
            rows[f"train_{key}"] = [m.get(key, nan) for m in metrics]
        for key in sorted(set().union(*val_metrics)):
            rows[f"val_{key}"] = [nan if v is None else v[1].get(key, nan) for v in vals]
        return rows


class _Outbox:
    """Sends messages to the window without the training loop waiting for it.

    A snapshot of a wide network is hundreds of kilobytes, more than the
    socket holds, so a plain ``conn.send`` waits until the window reads, which
    it does on its own timer: measured here, the loop then spent ~40 % of its
    time waiting (784-128-64-10: 529 steps/s in the window against 905
    headless).  A sender thread cost the loop 10-15 % in turn: the two threads
    handed the GIL back and forth for every chunk written.

    So there is no thread: ``post`` pickles the message (in multiprocessing's
    framing: ``Connection.recv`` could read it) and writes what the socket
    takes at once, which is the whole of a small network's message; ``pump``,
    called between epochs and between the steps of an epoch while ``busy``,
    writes more, never waiting.  While a message is on its way the loop skips
    making the next snapshot and keeps gathering epochs: nothing piles up and
    no epoch is lost.  The window reads without waiting either
    (``bpgui.ui.worker``), so a message that takes a few epochs to get out
    never blocks it.  Final messages are ``flush``ed (written, waiting if need be).
    """

    def __init__(self, conn) -> None:
        self._conn = conn
        self._buf = memoryview(b"")
        self.busy = False            # part of a message is still to be written
        self._sock: socket.socket | None = None
        fd = os.dup(conn.fileno())
        try:   # the duplex pipe's end is a socket: writes that never block, per call
            self._sock = socket.socket(fileno=fd)
        except OSError:   # not a socket (a plain pipe): blocking sends
            os.close(fd)

    def post(self, msg: tuple) -> None:
        """Send ``msg`` after the previous one (finishing that one first, waiting if need be)."""
        if self._sock is None:
            self._conn.send(msg)
            return
        self.flush()
        data = ForkingPickler.dumps(msg)
        n = len(data)
        header = struct.pack("!i", n) if n <= 0x7FFFFFFF else struct.pack("!iQ", -1, n)
        buf = bytearray(header)
        buf += data          # one copy of the pickle, with its header in front
        self._buf = memoryview(buf)
        self.busy = True
        self.pump()

    def pump(self) -> None:
        """Write what the socket takes now, without waiting."""
        buf = self._buf
        try:
            while buf:
                buf = buf[self._sock.send(buf, socket.MSG_DONTWAIT):]
        except BlockingIOError:
            pass
        self._buf = buf
        self.busy = bool(buf)

    def flush(self) -> None:
        """Write the rest of the current message, waiting for the window if need be."""
        buf = self._buf
        while buf:
            buf = buf[self._sock.send(buf):]
        self._buf = buf
        self.busy = False

    def close(self) -> None:
        if self._sock is not None:
            try:
                self.flush()
            except OSError:
                pass
            self._sock.close()
            self._sock = None


class Inbox:
    """The window's side of ``_Outbox``: reads the child's messages without ever
    waiting for the rest of one (``Connection.recv`` would wait for a message
    that is still being written, blocking the GUI thread for as long)."""

    def __init__(self, conn) -> None:
        self._conn = conn
        self._buf = bytearray()
        self._eof = False
        self.slots: SharedSlots | None = None   # the current job's (set by the window)
        self._sock: socket.socket | None = None
        fd = os.dup(conn.fileno())
        try:
            self._sock = socket.socket(fileno=fd)
        except OSError:   # not a socket: Connection.recv, which may wait
            os.close(fd)

    def get(self):
        """The next complete message, or None.  Raises EOFError when the child is gone.
        A progress message whose weights are in a shared slot comes with them in
        its snapshot (copied out; the slot is handed back to the child)."""
        if self._sock is None:
            msg = self._conn.recv() if self._conn.poll(0) else None
        else:
            msg = self._parse()
            if msg is None:
                self._fill()
                msg = self._parse()
                if msg is None and self._eof:
                    raise EOFError("the training process closed its end of the pipe")
        if msg is not None and len(msg) == 4 and msg[0] == "progress":
            kind, snapshot, rows, k = msg
            if self.slots is None or snapshot is None:   # not this job's slots: no weights to show
                snapshot = None
            else:
                weights, biases = self.slots.read(k)
                snapshot = replace(snapshot, weights=weights, biases=biases)
            self._conn.send(("ack", k))
            msg = (kind, snapshot, rows)
        return msg

    @property
    def partial(self) -> bool:
        """Part of a message has arrived, the rest not yet."""
        return bool(self._buf)

    def _fill(self) -> None:
        try:
            while True:
                chunk = self._sock.recv(1 << 22, socket.MSG_DONTWAIT)
                if not chunk:
                    self._eof = True
                    return
                self._buf += chunk
        except BlockingIOError:
            return

    def _parse(self):
        buf = self._buf
        if len(buf) < 4:
            return None
        (n,) = struct.unpack_from("!i", buf)
        start = 4
        if n == -1:
            if len(buf) < 12:
                return None
            (n,) = struct.unpack_from("!Q", buf, 4)
            start = 12
        if len(buf) < start + n:
            return None
        msg = ForkingPickler.loads(buf[start:start + n])   # the slice is the one copy
        del buf[:start + n]
        return msg

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def run_job(conn, job: dict[str, Any], interval: float = SEND_INTERVAL, outbox: _Outbox | None = None) -> bool:
    """Train one job, answering commands between epochs and, when an epoch has
    several steps, between its steps too.  Messages go through ``outbox`` (one
    is made, and closed, when not given).  Returns True if told to quit."""
    if outbox is None:
        outbox = _Outbox(conn)
        try:
            return run_job(conn, job, interval, outbox)
        finally:
            outbox.close()
    slots = None
    try:
        if job.get("shared"):
            slots = SharedSlots.attach(job["shared"])
        tr = _build(job)
        X, Y = job["train"]
        reports = tr.reports(X, Y, epochs=job["epochs"], validation=job["validation"],
                             early_stopping=job["early_stopping"])
    except Exception as exc:  # noqa: BLE001 - a job that cannot start is reported, the child lives on
        if slots is not None:
            slots.close()
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        outbox.post(("error", f"training could not start: {detail}", None, {}, None))
        outbox.flush()
        return False
    try:
        return _train(conn, tr, reports, interval, outbox, slots)
    finally:
        if slots is not None:
            slots.close()


def _train(conn, tr: Trainer, reports, interval: float, outbox: _Outbox, slots: SharedSlots | None) -> bool:
    """``run_job``'s loop, once the trainer is built."""
    history = _History()
    report = None                 # the latest completed epoch's
    paused = False
    steps_wanted = 0              # epochs to run while paused ("step")
    pending: list[tuple] = []     # a command that interrupted an epoch, handled at the epoch's start
    clock = {"sent": time.monotonic(), "polled": 0.0}

    free = [slots is not None] * SharedSlots.N_SLOTS   # the shared slots the window has handed back

    def snap(mid_epoch: bool = False, arrays: bool = True):
        """The latest completed epoch, or (``mid_epoch``, or before any epoch
        completed) the weights as they are now with that epoch's figures."""
        if mid_epoch or report is None:
            stats = report.stats if report is not None else EpochStats(tr.epochs_done, math.nan, 0.0, tr.lr, 0, {})
            return tr.snapshot(stats, None if report is None else report.val, check_finite=False, arrays=arrays)
        return tr.snapshot(report.stats, report.val, best_epoch=report.best_epoch, stopped=report.stopped,
                           arrays=arrays)

    def ready() -> bool:
        """A progress message can go now: the previous one is out and a slot is free."""
        return not outbox.busy and (slots is None or True in free)

    def progress(mid_epoch: bool = False) -> None:
        if True in free:   # the weights through a shared slot, the rest through the pipe
            snapshot = snap(mid_epoch, arrays=False)   # (first: it may find a divergence)
            k = free.index(True)
            slots.write(k, tr.net.parameters)
            free[k] = False
            outbox.post(("progress", snapshot, history.take(), k))
        else:
            outbox.post(("progress", snap(mid_epoch), history.take()))

    def between_steps() -> None:
        """The trainer's step hook: a long epoch shows its weights and hears commands."""
        if outbox.busy:
            outbox.pump()
        now = time.monotonic()
        # (Weights a step made non-finite are not shown: the next step reports the divergence.)
        if now - clock["sent"] >= interval and ready() and math.isfinite(np.add.reduce(tr.net.parameters)):
            progress(mid_epoch=True)
            clock["sent"] = now
        if now - clock["polled"] >= POLL_INTERVAL:
            clock["polled"] = now
            while conn.poll(0):
                cmd = conn.recv()
                if cmd[0] in ("stop", "quit") or (cmd[0] == "pause" and not paused):
                    # Back to the start of this epoch, so that what a pause or a stop
                    # shows and keeps is the last completed epoch; resuming redoes it.
                    pending.append(cmd)
                    raise EpochInterrupted
                handle(cmd)   # set_lr (used from the next epoch on), resume, step

    def handle(cmd) -> str | None:
        """Apply a command; "stop" or "quit" if the job ends."""
        nonlocal paused, steps_wanted
        kind = cmd[0]
        if kind == "pause" and not paused:
            paused = True
            outbox.post(("paused", snap(), history.take(), trainer_state(tr)))
        elif kind == "resume":
            paused = False
        elif kind == "step":
            steps_wanted += 1
        elif kind == "set_lr":
            tr.lr = cmd[1]
        elif kind == "ack":
            free[cmd[1]] = True
        elif kind in ("stop", "quit"):
            outbox.post(("finished", "stopped", snap(), history.take(), trainer_state(tr)))
            outbox.flush()
            return kind
        return None

    tr.step_hook = between_steps
    try:
        while True:
            # A command that interrupted an epoch first (no progress message before a pause).
            while pending:
                if ended := handle(pending.pop(0)):
                    return ended == "quit"
            if outbox.busy:
                outbox.pump()
            now = time.monotonic()   # the one clock reading an epoch
            # A progress message when the interval has passed since the last one
            # and the previous one is on its way.
            if now - clock["sent"] >= interval and history.reports and not paused and ready():
                progress()
                clock["sent"] = now
            # Commands: checked every few milliseconds while running (a poll is a
            # system call, too dear for every epoch of a tiny network); while
            # paused, waited for without spinning.
            if paused and not steps_wanted:
                timeout = 0.05
            elif now - clock["polled"] >= POLL_INTERVAL:
                timeout = 0.0
            else:
                timeout = None
            while timeout is not None and conn.poll(timeout):
                if ended := handle(conn.recv()):
                    return ended == "quit"
                if not paused or steps_wanted:
                    break
            if timeout is not None:
                clock["polled"] = now
            if paused and not steps_wanted:
                continue
            try:
                latest = next(reports)
            except StopIteration:  # epochs=0
                outbox.post(("finished", "completed", snap(), history.take(), trainer_state(tr)))
                outbox.flush()
                return False
            # Running freely: epochs back to back until a message or a look for
            # commands is due, with fewer checks an epoch than the loop above
            # (callgrind, XOR: the child's loop went from 3.7 % to 2.6 % more
            # instructions an epoch than the bare engine).  A step hook may take
            # the history or start a message meanwhile: hence history.add and
            # outbox.busy, looked up each time.
            due = clock["polled"] + POLL_INTERVAL
            if ready():   # (while both slots are the window's, no message can go anyway)
                due = min(due, clock["sent"] + interval)
            while (latest.stats is not None and latest.stopped is None and not paused
                   and not steps_wanted and not outbox.busy and time.monotonic() < due):
                history.add(latest)
                report = latest
                latest = next(reports)
            if latest.stats is None:   # interrupted by a command: handled at the top, then redone
                continue
            report = latest
            history.add(report)  # NamedTuples are immutable: keeping them is safe
            if steps_wanted:
                steps_wanted -= 1
                if paused:  # a step while paused shows its epoch at once
                    progress()
                    clock["sent"] = time.monotonic()
            if report.stopped:
                outbox.post(("finished", report.stopped, snap(), history.take(), trainer_state(tr)))
                outbox.flush()
                return False
    except DivergenceError as exc:
        outbox.post(("error", str(exc), snap(), history.take(), trainer_state(tr)))
        outbox.flush()
    except (OSError, EOFError):  # the window is gone
        raise
    except Exception as exc:  # noqa: BLE001 - reported to the user, not swallowed
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        outbox.post(("error", f"training failed: {detail}", snap(), history.take(), trainer_state(tr)))
        outbox.flush()
    finally:
        tr.step_hook = None
    return False


def serve(conn) -> None:
    """The child process's main loop: run jobs until told to quit or the pipe closes."""
    import warnings

    warnings.simplefilter("ignore", RuntimeWarning)  # overflow on the way to a reported divergence
    outbox = _Outbox(conn)
    try:
        while True:
            msg = conn.recv()
            if msg[0] == "job":
                if run_job(conn, msg[1], outbox=outbox):
                    return
            elif msg[0] == "quit":
                return
            # other commands outside a job (a late "pause") are ignored
    except (EOFError, OSError, KeyboardInterrupt):
        return
    finally:
        outbox.close()
