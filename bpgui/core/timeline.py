"""The weights' timeline: checkpoints of a run's whole trainer state, in a memory budget.

A ``Timeline`` keeps, for some epochs of a run, everything ``Trainer.restore``
needs to go on from there (parameters, optimizer moments and step count, the
shuffling generator's state, the epoch and step counts, the learning rate) and
the validation loss.  Restoring a checkpoint and training on with unchanged
settings gives, bit for bit, the weights the run had at every later checkpoint
(``Session.rewind``).  Epochs are numbered as the model's history numbers them;
epoch 0 is the network before its first epoch.

Which epochs are kept, within ``budget_bytes``:

* every epoch while the checkpoints fit;
* when they no longer fit, the timeline thins itself: it keeps only the epochs
  that are multiples of a stride (2, then 4, 8... doubling each time it fills),
  so the kept epochs are evenly spaced, plus
* always the first checkpoint, the one with the lowest validation loss (the
  earliest of equals; none without a validation split) and the latest.

A thinning pass is O(checkpoints) and happens once each time the budget fills,
i.e. after the kept checkpoints have doubled; between two passes an epoch costs
one copy of the parameters and moments.  A checkpoint's size counts its
arrays and the Python objects around them (`checkpoint_bytes`), so the budget
is what the checkpoints really hold.  First, best and last stay even when they alone
exceed the budget.
"""
from __future__ import annotations

import bisect
import math
import weakref
from typing import Any, Iterator, NamedTuple

import numpy as np

from .network import parameter_count, parameter_views
from .trainer_state import TrainerState

__all__ = ["Timeline", "Checkpoint", "DEFAULT_BUDGET_MB", "MAX_BUDGET_MB", "MB", "checkpoint_bytes"]

MB = 2**20
DEFAULT_BUDGET_MB = 256
MAX_BUDGET_MB = 4096   # what a model file may hold of it is limited too (modelfile_timeline.py)
# Bytes a checkpoint holds beyond its arrays' data, measured with tracemalloc on
# XOR and rounded up: the tuple and its numbers, each array's header, and the
# generator's state when the checkpoint took a new one (shuffled mini-batches).
_BASE_BYTES, _ARRAY_BYTES, _RNG_BYTES = 384, 144, 576
# Plain SGD's step buffer: overwritten before every use, so it is no state to keep.
_SCRATCH = frozenset({"scratch"})
_NO_MOMENTS: dict[str, np.ndarray] = {}
_new_tuple = tuple.__new__   # a NamedTuple without its __new__'s argument handling: 3x faster


class Checkpoint(NamedTuple):
    """One kept epoch.  Its arrays are the timeline's own: read them, never write."""

    epoch: int
    parameters: np.ndarray
    optimizer_t: int
    moments: dict[str, np.ndarray]
    rng: dict[str, Any]
    epochs_done: int
    steps_done: int
    lr: float
    val_loss: float          # NaN when not measured
    nbytes: int

    def state(self) -> TrainerState:
        return TrainerState(parameters=self.parameters, optimizer_t=self.optimizer_t,
                            optimizer_state=dict(self.moments), rng=self.rng, epochs_done=self.epochs_done,
                            steps_done=self.steps_done, lr=self.lr)


def checkpoint_bytes(parameters: np.ndarray, moments: dict[str, np.ndarray], new_rng: bool = True) -> int:
    """What a checkpoint holds in memory, its Python objects included."""
    return (parameters.nbytes + sum(m.nbytes for m in moments.values()) + _BASE_BYTES
            + _ARRAY_BYTES * (1 + len(moments)) + (_RNG_BYTES if new_rng else 0))


class Timeline:
    """Checkpoints of one network's training, oldest first (see the module doc)."""

    def __init__(self, sizes: list[int], budget_bytes: int = DEFAULT_BUDGET_MB * MB) -> None:
        self.sizes = [int(s) for s in sizes]
        self.n_params = parameter_count(self.sizes)
        self._entries: list[Checkpoint] = []
        self._stride = 1
        self._nbytes = 0
        self._best: Checkpoint | None = None
        self._best_val = math.inf
        self._optimizer = _nothing            # the optimizer (weakly), and its state's size, when last seen
        self._state_size = 0
        self._moment_names: tuple[str, ...] = ()
        self._rng_token: object = None      # the trainer's token when its state was last taken
        self._rng: dict[str, Any] | None = None
        self.budget_bytes = budget_bytes

    @classmethod
    def restored(cls, sizes: list[int], budget_bytes: int, stride: int, checkpoints: list[Checkpoint]) -> "Timeline":
        """A timeline of these checkpoints as they are (a model file's), thinned only if
        they exceed the budget.  ``stride``: the power of two they were kept at."""
        timeline = cls(sizes, budget_bytes)
        timeline._stride = int(stride)
        timeline._replace(list(checkpoints))
        timeline._thin()
        return timeline

    # ---------------------------------------------------------------- reading
    @property
    def budget_bytes(self) -> int:
        return self._budget

    @budget_bytes.setter
    def budget_bytes(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise ValueError(f"a timeline's budget is a whole number of bytes >= 0, got {value!r}")
        self._budget = int(value)
        self._thin()

    @property
    def stride(self) -> int:
        """1 until the timeline thins itself; then the spacing of the evenly kept epochs."""
        return self._stride

    @property
    def nbytes(self) -> int:
        """Memory the checkpoints hold (see `checkpoint_bytes`)."""
        return self._nbytes

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def epochs(self) -> list[int]:
        """The checkpointed epochs, in order."""
        return [cp.epoch for cp in self._entries]

    @property
    def first_epoch(self) -> int | None:
        return self._entries[0].epoch if self._entries else None

    @property
    def last_epoch(self) -> int | None:
        return self._entries[-1].epoch if self._entries else None

    @property
    def best_epoch(self) -> int | None:
        """The kept epoch with the lowest validation loss (None without one)."""
        return None if self._best is None else self._best.epoch

    def checkpoints(self) -> Iterator[Checkpoint]:
        return iter(list(self._entries))

    def nearest(self, epoch: int) -> int:
        """The kept epoch closest to ``epoch`` (the earlier of two as close)."""
        below, above = self._neighbours(epoch)
        if below is None or (above is not None and above - epoch < epoch - below):
            return above
        return below

    def checkpoint(self, epoch: int) -> Checkpoint:
        """The checkpoint of exactly ``epoch``; a KeyError names the nearest kept epochs."""
        i = bisect.bisect_left(self._entries, epoch, key=_epoch_of)
        if i < len(self._entries) and self._entries[i].epoch == epoch:
            return self._entries[i]
        if not self._entries:
            raise KeyError("the timeline holds no checkpoint")
        near = " and ".join(str(e) for e in self._neighbours(epoch) if e is not None)
        raise KeyError(f"epoch {epoch} is not kept in the timeline (it keeps {len(self)} of epochs "
                       f"{self._entries[0].epoch} to {self._entries[-1].epoch}); nearest kept: {near}")

    def state_at(self, epoch: int) -> TrainerState:
        """The trainer's whole state after ``epoch`` (``Trainer.restore`` takes it)."""
        return self.checkpoint(epoch).state()

    def weights_at(self, epoch: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Copies of the weight matrices and bias vectors after ``epoch``, layer by layer."""
        _, weights, biases = parameter_views(self.checkpoint(epoch).parameters, self.sizes)
        return [w.copy() for w in weights], [b.copy() for b in biases]

    def _neighbours(self, epoch: int) -> tuple[int | None, int | None]:
        if not self._entries:
            raise KeyError("the timeline holds no checkpoint")
        i = bisect.bisect_left(self._entries, epoch, key=_epoch_of)
        if i < len(self._entries) and self._entries[i].epoch == epoch:
            return epoch, epoch
        below = self._entries[i - 1].epoch if i else None
        above = self._entries[i].epoch if i < len(self._entries) else None
        return below, above

    # -------------------------------------------------------------- recording
    def record(self, trainer, epoch: int, val_loss: float | None = None) -> None:
        """Checkpoint ``trainer`` as it is after ``epoch``: the per-epoch call, kept cheap
        (about one copy of the parameters and moments; see benchmarks.md)."""
        opt = trainer.optimizer
        state = opt.state
        # Its keys change only with a new optimizer, its first step, or a reset (cleared).
        if self._optimizer() is not opt or len(state) != self._state_size:
            self._optimizer, self._state_size = weakref.ref(opt), len(state)
            self._moment_names = tuple(k for k in state if k not in _SCRATCH)
        names = self._moment_names
        moments = {k: state[k].copy() for k in names} if names else _NO_MOMENTS
        new_rng = trainer.rng_token is not self._rng_token
        if new_rng:   # taken only when it changed
            self._rng_token = trainer.rng_token
            self._rng = trainer.rng.bit_generator.state
        params = trainer.net.parameters.copy()
        arrays = 1 + len(names)   # moments are the parameters' size
        nbytes = (params.nbytes + _ARRAY_BYTES) * arrays + _BASE_BYTES + (_RNG_BYTES if new_rng else 0)
        self._push(_new_tuple(Checkpoint, (epoch, params, opt.t, moments, self._rng, trainer.epochs_done,
                                           trainer.steps_done, trainer.lr,
                                           math.nan if val_loss is None else val_loss, nbytes)))

    def add(self, epoch: int, state: TrainerState, val_loss: float | None = None) -> None:
        """Checkpoint ``state`` as epoch ``epoch`` (its arrays are shared, being read-only)."""
        if state.parameters.shape != (self.n_params,):
            raise ValueError(f"the state holds {state.parameters.size:,} parameters; "
                             f"this timeline's network has {self.n_params:,}")
        moments = {k: v for k, v in state.optimizer_state.items() if k not in _SCRATCH}
        self._push(Checkpoint(int(epoch), state.parameters, state.optimizer_t, moments, state.rng,
                              state.epochs_done, state.steps_done, state.lr,
                              math.nan if val_loss is None else float(val_loss),
                              checkpoint_bytes(state.parameters, moments)))

    def truncate(self, epoch: int) -> None:
        """Forget the checkpoints after ``epoch`` (a run that goes back to it)."""
        kept = [cp for cp in self._entries if cp.epoch <= epoch]
        if len(kept) < len(self._entries):
            self._replace(kept)

    # --------------------------------------------------------------- internal
    def _push(self, cp: Checkpoint) -> None:
        entries = self._entries
        if not entries or cp.epoch <= entries[-1].epoch or cp.val_loss < self._best_val:
            self._push_rarely(cp)
            return
        # The epoch after the latest, not a new best: what nearly every epoch is.
        prev = entries[-1]
        if prev.epoch % self._stride and prev is not self._best and len(entries) > 1:
            entries[-1] = cp   # the latest was kept only for being the latest
            self._nbytes += cp.nbytes - prev.nbytes
        else:
            entries.append(cp)
            self._nbytes += cp.nbytes
        if self._nbytes > self._budget:
            self._thin()

    def _push_rarely(self, cp: Checkpoint) -> None:
        """The first checkpoint, the latest epoch again, or a new best."""
        entries = self._entries
        if entries and cp.epoch <= entries[-1].epoch:
            if cp.epoch < entries[-1].epoch:
                raise ValueError(f"epoch {cp.epoch} is before the timeline's latest, {entries[-1].epoch}")
            self._replace(entries[:-1])   # the same epoch again: the new state replaces it
            entries = self._entries
        old_best = self._best
        if cp.val_loss < self._best_val:
            self._set_best(cp)
        entries.append(cp)
        self._nbytes += cp.nbytes
        if len(entries) > 2 and not self._needed(entries[-2]):
            self._nbytes -= entries.pop(-2).nbytes
        if old_best is not None and old_best is not self._best and not self._needed(old_best):
            self._discard(old_best)
        if self._nbytes > self._budget:
            self._thin()

    def _set_best(self, cp: Checkpoint | None) -> None:
        self._best = cp
        self._best_val = math.inf if cp is None else cp.val_loss

    def _needed(self, cp: Checkpoint) -> bool:
        """Kept whatever else comes: first, best, on the stride's grid (the latest is checked apart)."""
        return cp is self._entries[0] or cp is self._best or cp.epoch % self._stride == 0

    def _discard(self, cp: Checkpoint) -> None:
        i = bisect.bisect_left(self._entries, cp.epoch, key=_epoch_of)
        if i < len(self._entries) - 1 and self._entries[i] is cp:
            del self._entries[i]
            self._nbytes -= cp.nbytes

    def _thin(self) -> None:
        """Double the stride until the checkpoints fit, or only first, best and last are left."""
        entries = self._entries
        while self._nbytes > self._budget and any(cp is not self._best for cp in entries[1:-1]):
            self._stride *= 2
            last = entries[-1]
            kept = [cp for cp in entries if cp is last or self._needed(cp)]
            if len(kept) < len(entries):
                self._replace(kept)
                entries = self._entries

    def _replace(self, kept: list[Checkpoint]) -> None:
        self._entries = kept
        self._nbytes = sum(cp.nbytes for cp in kept)
        if self._best is None or not any(cp is self._best for cp in kept):
            measured = [cp for cp in kept if not math.isnan(cp.val_loss)]
            self._set_best(min(measured, key=_val_of) if measured else None)

    def __getstate__(self) -> dict[str, Any]:
        # What record() remembers of the trainer it saw last is not part of the timeline.
        state = dict(self.__dict__)
        state.update(_optimizer=_nothing, _rng_token=None)
        return state

    def __repr__(self) -> str:
        span = f"epochs {self._entries[0].epoch}..{self._entries[-1].epoch}" if self._entries else "empty"
        return (f"Timeline({len(self)} checkpoints, {span}, stride {self._stride}, "
                f"{self._nbytes / MB:.1f} of {self._budget / MB:.1f} MB)")


def _nothing() -> None:
    """A dead weak reference's stand-in."""
    return None


def _epoch_of(cp: Checkpoint) -> int:
    return cp.epoch


def _val_of(cp: Checkpoint) -> float:
    return cp.val_loss
