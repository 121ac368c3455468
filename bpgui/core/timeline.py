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

``record`` copies the trainer's arrays and appends a tuple; the policy sorts
the recorded epochs in batches (up to 256 epochs or 1 MiB; the same epochs
stay as if it sorted each at once), writing the kept ones into columns
(timeline_columns.py).  A thinning pass is O(checkpoints) and comes once each
time the budget fills.  The columns' room is the budget and one batch; first,
best and latest stay even if they alone exceed it.
"""
from __future__ import annotations

import math
import weakref
from typing import Any, Iterator

import numpy as np

from .checkpoint import Checkpoint, rng_words
from .network import parameter_count, parameter_views
from .timeline_columns import Columns
from .trainer_state import TrainerState

__all__ = ["Timeline", "Checkpoint", "DEFAULT_BUDGET_MB", "MAX_BUDGET_MB", "MB"]

MB = 2**20
DEFAULT_BUDGET_MB = 256
MAX_BUDGET_MB = 4096   # what a model file may hold of it is limited too (modelfile_timeline.py)
# Plain SGD's step buffer: overwritten before every use, so it is no state to keep.
_SCRATCH = frozenset({"scratch"})
_SETTLE_ROWS, _SETTLE_BYTES = 256, MB
_EPOCH, _PARAMS, _VAL = 0, 1, 6     # fields of a pending row (timeline_columns.ROW)


class Timeline:
    """Checkpoints of one network's training, oldest first (see the module doc)."""

    def __init__(self, sizes: list[int], budget_bytes: int = DEFAULT_BUDGET_MB * MB) -> None:
        self.sizes = [int(s) for s in sizes]
        self.n_params = parameter_count(self.sizes)
        self._cols: Columns | None = None   # made at the first checkpoint (its dtype)
        self._pending: list[tuple] = []     # recorded rows the policy has not sorted yet
        self._last_epoch = -1               # of the latest row, pending or not
        self._stride = 1
        self._dead: set[int] = set()        # rows of former bests, dropped at the next thinning
        self._best: int | None = None       # row of the best validation loss
        self._best_val = math.inf
        self._measured = False              # whether any epoch had a validation loss
        self._names: tuple[str, ...] = ()   # the pending rows' moments
        # What record() remembers of the trainer it saw last.
        self._optimizer = _nothing           # its optimizer, weakly
        self._state_size = -1                # how many arrays that optimizer's state had
        self._live: np.ndarray | None = None  # its parameter vector
        self._settle_at = 1
        self._rng_token: object = None       # the trainer's token when its generator state was taken
        self._rng: tuple | None = None
        self.budget_bytes = budget_bytes

    @classmethod
    def restored(cls, sizes: list[int], budget_bytes: int, stride: int, arrays: dict[str, np.ndarray]) -> "Timeline":
        """A timeline of these columns (a model file's, named as ``Columns.arrays`` names
        them) as they are, thinned only if they exceed the budget."""
        timeline = cls(sizes, budget_bytes)
        cols = timeline._cols = Columns(timeline.n_params, arrays["params"].dtype)
        cols.take(arrays)
        timeline._stride = int(stride)
        timeline._after_drop()
        timeline._fit()
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
        self._settle()
        self._fit()

    @property
    def stride(self) -> int:
        """1 until the timeline thins itself; then the spacing of the evenly kept epochs."""
        self._settle()
        return self._stride

    @property
    def nbytes(self) -> int:
        """Memory the kept checkpoints take (the columns' room is at most the budget)."""
        cols = self._settled()
        return 0 if cols is None else (cols.n - len(self._dead)) * cols.row_bytes

    def __len__(self) -> int:
        cols = self._settled()
        return 0 if cols is None else cols.n - len(self._dead)

    @property
    def epochs(self) -> list[int]:
        """The checkpointed epochs, in order."""
        return [int(e) for e in self._epoch_column()[self._alive()]]

    @property
    def first_epoch(self) -> int | None:
        return int(self._cols.epoch[0]) if len(self) else None

    @property
    def last_epoch(self) -> int | None:
        return None if self._last_epoch < 0 else self._last_epoch

    @property
    def best_epoch(self) -> int | None:
        """The kept epoch with the lowest validation loss (None without one)."""
        self._settle()
        return None if self._best is None else int(self._cols.epoch[self._best])

    def checkpoints(self) -> Iterator[Checkpoint]:
        """The kept checkpoints, oldest first (copies)."""
        for i in np.flatnonzero(self._alive()):
            yield Checkpoint(**self._cols.row(int(i)))

    def checkpoint(self, epoch: int) -> Checkpoint:
        """The checkpoint of exactly ``epoch``; a KeyError names the nearest kept epochs."""
        epochs = self._epoch_column()
        i = int(np.searchsorted(epochs, epoch))
        if i < len(epochs) and epochs[i] == epoch and i not in self._dead:
            return Checkpoint(**self._cols.row(i))
        near = " and ".join(str(e) for e in self._neighbours(epoch) if e is not None)
        raise KeyError(f"epoch {epoch} is not kept in the timeline (it keeps {len(self)} of epochs "
                       f"{self.first_epoch} to {self.last_epoch}); nearest kept: {near}")

    def nearest(self, epoch: int) -> int:
        """The kept epoch closest to ``epoch`` (the earlier of two as close)."""
        below, above = self._neighbours(epoch)
        if below is None or (above is not None and above - epoch < epoch - below):
            return above
        return below

    def state_at(self, epoch: int) -> TrainerState:
        """The trainer's whole state after ``epoch`` (``Trainer.restore`` takes it)."""
        return self.checkpoint(epoch).state()

    def weights_at(self, epoch: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Copies of the weight matrices and bias vectors after ``epoch``, layer by layer."""
        _, weights, biases = parameter_views(self.checkpoint(epoch).parameters, self.sizes)
        return [w.copy() for w in weights], [b.copy() for b in biases]

    def columns(self) -> dict[str, np.ndarray]:
        """The kept checkpoints as columns (views; see ``Columns.arrays``): a model file's."""
        self._settle()
        self._drop_dead()
        return {} if self._cols is None else self._cols.arrays()

    def _settled(self) -> Columns | None:
        self._settle()
        return self._cols

    def _epoch_column(self) -> np.ndarray:
        cols = self._settled()
        return np.empty(0, np.int64) if cols is None else cols.epoch[:cols.n]

    def _alive(self) -> np.ndarray:
        alive = np.ones(len(self._epoch_column()), bool)
        alive[list(self._dead)] = False
        return alive

    def _neighbours(self, epoch: int) -> tuple[int | None, int | None]:
        epochs = self._epoch_column()[self._alive()]
        if not len(epochs):
            raise KeyError("the timeline holds no checkpoint")
        i = int(np.searchsorted(epochs, epoch))
        if i < len(epochs) and epochs[i] == epoch:
            return epoch, epoch
        return (int(epochs[i - 1]) if i else None), (int(epochs[i]) if i < len(epochs) else None)

    # -------------------------------------------------------------- recording
    def record(self, trainer, epoch: int, val_loss: float | None = None) -> None:
        """Checkpoint ``trainer`` as it is after ``epoch``: the per-epoch call, kept cheap
        (copies of the parameters and moments, and a tuple; see benchmarks.md)."""
        opt = trainer.optimizer
        state = opt.state
        # Its keys change only with a new optimizer, its first step, or a reset (cleared).
        if len(state) != self._state_size or self._optimizer() is not opt:
            self._see(trainer)
        if trainer.rng_token is not self._rng_token:   # its state is taken (~1.5 us) only when it moved
            self._rng_token, self._rng = trainer.rng_token, rng_words(trainer.rng.bit_generator.state)
        if epoch <= self._last_epoch:
            self._make_room(epoch)
        names = self._names
        self._pending.append((epoch, self._live.copy(), trainer.epochs_done, trainer.steps_done, opt.t, trainer.lr,
                              math.nan if val_loss is None else self._measure(val_loss), self._rng,
                              _COPIES.get(len(names), _copy_moments)(state, names) if names else ()))
        self._last_epoch = epoch
        if len(self._pending) >= self._settle_at:
            self._settle()

    def _measure(self, val_loss: float) -> float:
        self._measured = True   # the policy looks for a new best from now on
        return val_loss

    def _see(self, trainer) -> None:
        """Remember what ``record`` needs of this trainer's optimizer."""
        opt = trainer.optimizer
        self._optimizer, self._state_size = weakref.ref(opt), len(opt.state)
        self._live = trainer.net.parameters   # the trainer's own vector: an optimizer is one trainer's
        self._use_moments(tuple(k for k in opt.state if k not in _SCRATCH), self._live.dtype)

    def _use_moments(self, names: tuple[str, ...], dtype) -> None:
        """The next rows hold these moments (a batch holds one set: the pending rows are sorted first)."""
        self._settle()
        self._names = names
        if self._cols is None:
            self._cols = Columns(self.n_params, dtype)
        for name in names:
            if name not in self._cols.moments:
                self._cols.add_moment(name)
        row = self._cols.row_bytes
        self._settle_at = max(1, min(_SETTLE_ROWS, _SETTLE_BYTES // row))

    def add(self, epoch: int, state: TrainerState, val_loss: float | None = None) -> None:
        """Checkpoint ``state`` as epoch ``epoch``."""
        if state.parameters.shape != (self.n_params,):
            raise ValueError(f"the state holds {state.parameters.size:,} parameters; "
                             f"this timeline's network has {self.n_params:,}")
        names = tuple(k for k in state.optimizer_state if k not in _SCRATCH)
        self._use_moments(names, state.parameters.dtype)
        self._optimizer, self._state_size = _nothing, -1   # the next record() looks at its trainer afresh
        if epoch <= self._last_epoch:
            self._make_room(epoch)
        val = math.nan if val_loss is None else self._measure(float(val_loss))
        self._pending.append((int(epoch), state.parameters, state.epochs_done, state.steps_done, state.optimizer_t,
                              state.lr, val, rng_words(state.rng), tuple(state.optimizer_state[k] for k in names)))
        self._last_epoch = int(epoch)
        self._settle()

    def truncate(self, epoch: int) -> None:
        """Forget the checkpoints after ``epoch`` (a run that goes back to it)."""
        epochs = self._epoch_column()
        n = int(np.searchsorted(epochs, epoch, side="right"))
        if n < len(epochs):
            self._cols.n = n
            self._dead = {i for i in self._dead if i < n}
            self._after_drop()

    # ------------------------------------------------------------------ policy
    def _make_room(self, epoch: int) -> None:
        """Before recording ``epoch`` again: the new state replaces the latest one."""
        self._settle()
        if epoch < self._last_epoch:
            raise ValueError(f"epoch {epoch} is before the timeline's latest, {self._last_epoch}")
        self.truncate(epoch - 1)

    def _settle(self) -> None:
        """Sort the pending rows: keep the grid's, a new best, the latest; thin to fit."""
        batch = self._pending
        if not batch:
            return
        self._pending = []
        cols, old_best = self._cols, self._best
        better = [row for row in batch if row[_VAL] < self._best_val] if self._measured else ()   # NaN never is
        new_best = min(better, key=_val_of) if better else None   # the earliest of equals
        if new_best is not None:
            self._best, self._best_val = None, new_best[_VAL]
        if cols.n > 1 and not self._needed(cols.n - 1):
            cols.n -= 1   # the latest was kept only for being the latest
        if old_best is not None and self._best is None and old_best < cols.n and not self._needed(old_best):
            self._dead.add(old_best)
        kept = self._sift(batch, batch[0] if not cols.n else None, new_best)
        cols.room_for(cols.n + len(kept), self._limit() + self._settle_at)
        start = cols.n
        cols.append(kept, self._names)
        if new_best is not None:
            self._best = start + next(j for j, row in enumerate(kept) if row is new_best)
        if cols.n > self._limit():
            self._fit()

    def _sift(self, batch: list[tuple], first, best) -> list[tuple]:
        """The rows of ``batch`` to keep: on the grid, the latest, a new best, the very first."""
        stride, last = self._stride, batch[-1]
        if stride == 1:
            return batch
        return [row for row in batch if row[_EPOCH] % stride == 0 or row is last or row is best or row is first]

    def _needed(self, i: int) -> bool:
        """Row ``i`` stays whatever else comes: first, best, or on the stride's grid."""
        return i == 0 or i == self._best or self._cols.epoch[i] % self._stride == 0

    def _limit(self) -> int:
        """Rows the budget has room for; first, best and latest always (the columns have
        room for one batch more)."""
        return max(self._budget // self._cols.row_bytes, 3)

    def _fit(self) -> None:
        """Drop former bests, then double the stride, until the rows fit the budget."""
        cols = self._cols
        if cols is None:
            return
        self._drop_dead()
        while cols.n > self._limit() and cols.n > 3:
            self._stride *= 2
            keep = cols.epoch[:cols.n] % self._stride == 0
            keep[[0, cols.n - 1] + ([self._best] if self._best is not None else [])] = True
            self._keep(np.flatnonzero(keep))
        room = max(self._limit() + self._settle_at, cols.n)
        if cols.cap > room:   # a smaller budget: give the room back
            cols.reserve(room)

    def _drop_dead(self) -> None:
        if self._dead:
            alive = self._alive()
            self._dead = set()
            self._keep(np.flatnonzero(alive))

    def _keep(self, rows: np.ndarray) -> None:
        best = self._best
        self._cols.keep(rows)
        self._best = None if best is None else int(np.searchsorted(rows, best))

    def _after_drop(self) -> None:
        """After rows went: the latest epoch, and the best among the rows left if it went."""
        cols = self._cols
        self._last_epoch = int(cols.epoch[cols.n - 1]) if cols.n else -1
        if self._best is None or self._best >= cols.n:
            vals = np.where(self._alive(), cols.val_loss[:cols.n], np.nan)
            measured = ~np.isnan(vals)
            self._best = int(np.flatnonzero(measured)[np.argmin(vals[measured])]) if measured.any() else None
            self._best_val = math.inf if self._best is None else float(vals[self._best])
            self._measured |= self._best is not None

    def __getstate__(self) -> dict[str, Any]:
        # What record() remembers of the trainer it saw last is not part of the timeline.
        self._settle()
        state = dict(self.__dict__)
        state.update(_optimizer=_nothing, _state_size=-1, _live=None, _rng_token=None)
        return state

    def __repr__(self) -> str:
        span = f"epochs {self.first_epoch}..{self.last_epoch}" if len(self) else "empty"
        return (f"Timeline({len(self)} checkpoints, {span}, stride {self.stride}, "
                f"{self.nbytes / MB:.1f} of {self._budget / MB:.1f} MB)")


# Copies of an optimizer's moments, spelled out for the usual counts: a list
# comprehension costs twice as much as two copies (adam's record, every epoch).
def _copy_moments(state: dict, names: tuple[str, ...]) -> tuple:
    return tuple([state[k].copy() for k in names])


def _copy_one(state: dict, names: tuple[str, ...]) -> tuple:
    return (state[names[0]].copy(),)


def _copy_two(state: dict, names: tuple[str, ...]) -> tuple:
    a, b = names
    return state[a].copy(), state[b].copy()


def _copy_three(state: dict, names: tuple[str, ...]) -> tuple:
    a, b, c = names
    return state[a].copy(), state[b].copy(), state[c].copy()


_COPIES = {1: _copy_one, 2: _copy_two, 3: _copy_three}


def _nothing() -> None:
    """A dead weak reference's stand-in."""
    return None


def _val_of(row: tuple) -> float:
    return row[_VAL]
