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
one copy of the parameters and moments, and the policy looks at the recorded
epochs in batches (up to 256 epochs or 1 MiB, which the budget may exceed by
until the batch is sorted).  A checkpoint's size counts its arrays and the
Python objects around them (`checkpoint_bytes`), so the budget is what the
checkpoints really hold.  First, best and last stay even when they alone
exceed the budget.
"""
from __future__ import annotations

import bisect
import math
import operator
import weakref
from typing import Any, Iterable, Iterator

import numpy as np

from .checkpoint import (EPOCH, NBYTES, RNG, RNG_BYTES, VAL_LOSS, Checkpoint, checkpoint_bytes, from_record,
                         rng_record, to_record)
from .network import parameter_count, parameter_views
from .trainer_state import TrainerState

__all__ = ["Timeline", "Checkpoint", "DEFAULT_BUDGET_MB", "MAX_BUDGET_MB", "MB"]

MB = 2**20
DEFAULT_BUDGET_MB = 256
MAX_BUDGET_MB = 4096   # what a model file may hold of it is limited too (modelfile_timeline.py)
# Plain SGD's step buffer: overwritten before every use, so it is no state to keep.
_SCRATCH = frozenset({"scratch"})
# record() only appends; the policy sorts the recorded epochs in batches of up to
# this many epochs or bytes (a pass per epoch cost XOR's loop several per cent).
_SETTLE_ROWS, _SETTLE_BYTES = 256, MB


class Timeline:
    """Checkpoints of one network's training, oldest first (see the module doc)."""

    def __init__(self, sizes: list[int], budget_bytes: int = DEFAULT_BUDGET_MB * MB) -> None:
        self.sizes = [int(s) for s in sizes]
        self.n_params = parameter_count(self.sizes)
        self._records: list[tuple] = []    # checkpoint.py's records, in epoch order
        self._pending: list[tuple] = []    # recorded, not yet sorted by the policy
        self._last_epoch = -1              # of the latest record, pending or not
        self._stride = 1
        self._nbytes = 0
        self._best: tuple | None = None
        self._best_val = math.inf
        self._measured = False             # whether any epoch had a validation loss
        # What record() remembers of the trainer it saw last.
        self._optimizer = _nothing           # its optimizer, weakly
        self._state_size = -1                # how many arrays that optimizer's state had
        self._moment_names: tuple[str, ...] = ()
        self._copy_moments = _copy_moments
        self._live: np.ndarray | None = None  # that trainer's parameter vector
        self._record_bytes = 0
        self._settle_at = 1
        self._rng_token: object = None       # the trainer's token when its generator state was taken
        self._rng: tuple | None = None
        self.budget_bytes = budget_bytes

    @classmethod
    def restored(cls, sizes: list[int], budget_bytes: int, stride: int,
                 checkpoints: Iterable[Checkpoint]) -> "Timeline":
        """A timeline of these checkpoints as they are (a model file's), thinned only if
        they exceed the budget.  ``stride``: the power of two they were kept at."""
        timeline = cls(sizes, budget_bytes)
        timeline._stride = int(stride)
        records, shared = [], None
        for cp in checkpoints:   # neighbours with one generator state share it, as recorded
            rng = rng_record(cp.rng)
            new_rng = rng != shared
            shared = rng if new_rng else shared
            rec = to_record(cp, new_rng)
            records.append(rec[:RNG] + (shared,) + rec[RNG + 1:])
        timeline._replace(records)
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
        self._settle()
        self._thin()

    @property
    def stride(self) -> int:
        """1 until the timeline thins itself; then the spacing of the evenly kept epochs."""
        self._settle()
        return self._stride

    @property
    def nbytes(self) -> int:
        """Memory the checkpoints hold (see `checkpoint_bytes`)."""
        self._settle()
        return self._nbytes

    def __len__(self) -> int:
        return len(self._settled())

    @property
    def epochs(self) -> list[int]:
        """The checkpointed epochs, in order."""
        return [rec[EPOCH] for rec in self._settled()]

    @property
    def first_epoch(self) -> int | None:
        records = self._settled()
        return records[0][EPOCH] if records else None

    @property
    def last_epoch(self) -> int | None:
        return None if self._last_epoch < 0 else self._last_epoch

    @property
    def best_epoch(self) -> int | None:
        """The kept epoch with the lowest validation loss (None without one)."""
        self._settle()
        return None if self._best is None else self._best[EPOCH]

    def checkpoints(self) -> Iterator[Checkpoint]:
        """The kept checkpoints, oldest first."""
        return map(from_record, list(self._settled()))

    def checkpoint(self, epoch: int) -> Checkpoint:
        """The checkpoint of exactly ``epoch``; a KeyError names the nearest kept epochs."""
        records = self._settled()
        i = self._index(epoch)
        if i < len(records) and records[i][EPOCH] == epoch:
            return from_record(records[i])
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

    def _index(self, epoch: int) -> int:
        records = self._settled()
        if not records:
            raise KeyError("the timeline holds no checkpoint")
        return bisect.bisect_left(records, epoch, key=_epoch_of)

    def _neighbours(self, epoch: int) -> tuple[int | None, int | None]:
        i, records = self._index(epoch), self._records
        if i < len(records) and records[i][EPOCH] == epoch:
            return epoch, epoch
        below = records[i - 1][EPOCH] if i else None
        above = records[i][EPOCH] if i < len(records) else None
        return below, above

    # -------------------------------------------------------------- recording
    def record(self, trainer, epoch: int, val_loss: float | None = None) -> None:
        """Checkpoint ``trainer`` as it is after ``epoch``: the per-epoch call, kept cheap
        (a copy of the parameters and moments, and a tuple; see benchmarks.md)."""
        opt = trainer.optimizer
        state = opt.state
        # Its keys change only with a new optimizer, its first step, or a reset (cleared).
        if len(state) != self._state_size or self._optimizer() is not opt:
            self._see(trainer)
        nbytes = self._record_bytes if trainer.rng_token is self._rng_token else self._take_rng(trainer)
        if epoch <= self._last_epoch:
            self._make_room(epoch)
        names = self._moment_names
        self._pending.append((epoch, self._live.copy(), opt.t, names,
                              self._copy_moments(state, names) if names else (), self._rng,
                              trainer.epochs_done, trainer.steps_done, trainer.lr,
                              math.nan if val_loss is None else self._measure(val_loss), nbytes))
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
        self._moment_names = tuple(k for k in opt.state if k not in _SCRATCH)
        self._copy_moments = _MOMENT_COPIES.get(len(self._moment_names), _copy_moments)
        self._record_bytes = checkpoint_bytes(trainer.net.parameters, len(self._moment_names), new_rng=False)
        self._settle_at = max(1, min(_SETTLE_ROWS, _SETTLE_BYTES // self._record_bytes))

    def _take_rng(self, trainer) -> int:
        """Take the generator's state (~1.5 us: only when it moved); the record's size."""
        self._rng_token = trainer.rng_token
        self._rng = rng_record(trainer.rng.bit_generator.state)
        return self._record_bytes + RNG_BYTES

    def add(self, epoch: int, state: TrainerState, val_loss: float | None = None) -> None:
        """Checkpoint ``state`` as epoch ``epoch`` (its arrays are shared, being read-only)."""
        if state.parameters.shape != (self.n_params,):
            raise ValueError(f"the state holds {state.parameters.size:,} parameters; "
                             f"this timeline's network has {self.n_params:,}")
        moments = {k: v for k, v in state.optimizer_state.items() if k not in _SCRATCH}
        rec = to_record(Checkpoint(epoch, state.parameters, state.optimizer_t, moments, state.rng,
                                   state.epochs_done, state.steps_done, state.lr,
                                   math.nan if val_loss is None else val_loss, 0))
        if rec[EPOCH] <= self._last_epoch:
            self._make_room(rec[EPOCH])
        self._measured |= not math.isnan(rec[VAL_LOSS])
        self._pending.append(rec)
        self._last_epoch = rec[EPOCH]
        self._settle()

    def truncate(self, epoch: int) -> None:
        """Forget the checkpoints after ``epoch`` (a run that goes back to it)."""
        records = self._settled()
        kept = [rec for rec in records if rec[EPOCH] <= epoch]
        if len(kept) < len(records):
            self._replace(kept)

    # --------------------------------------------------------------- internal
    def _make_room(self, epoch: int) -> None:
        """Before recording ``epoch`` again: the new state replaces the latest one."""
        self._settle()
        if epoch < self._last_epoch:
            raise ValueError(f"epoch {epoch} is before the timeline's latest, {self._last_epoch}")
        self._replace(self._records[:-1])

    def _settled(self) -> list[tuple]:
        self._settle()
        return self._records

    def _settle(self) -> None:
        """Sort the pending epochs: keep the grid's, a new best, the latest; thin if over budget."""
        batch = self._pending
        if not batch:
            return
        self._pending = []
        records, old_best, best_val = self._records, self._best, self._best_val
        better = [rec for rec in batch if rec[VAL_LOSS] < best_val] if self._measured else ()   # NaN never is
        if better:
            self._set_best(min(better, key=_val_of))   # the earliest of equals
        if len(records) > 1 and not self._needed(records[-1]):
            self._nbytes -= records.pop()[NBYTES]   # it was kept only for being the latest
        if old_best is not None and old_best is not self._best and not self._needed(old_best):
            self._discard(old_best)
        stride = self._stride
        if stride > 1:   # else every epoch is on the grid
            first, last, best = (records[0] if records else batch[0]), batch[-1], self._best
            batch = [rec for rec in batch if rec[EPOCH] % stride == 0 or rec is last or rec is best or rec is first]
        records.extend(batch)
        self._nbytes += sum(map(_bytes_of, batch))
        if self._nbytes > self._budget:
            self._thin()

    def _set_best(self, rec: tuple | None) -> None:
        self._best = rec
        self._best_val = math.inf if rec is None else rec[VAL_LOSS]

    def _needed(self, rec: tuple) -> bool:
        """Kept whatever else comes: first, best, on the stride's grid (the latest is checked apart)."""
        return rec is self._records[0] or rec is self._best or rec[EPOCH] % self._stride == 0

    def _discard(self, rec: tuple) -> None:
        i = bisect.bisect_left(self._records, rec[EPOCH], key=_epoch_of)
        if i < len(self._records) and self._records[i] is rec:
            del self._records[i]
            self._nbytes -= rec[NBYTES]

    def _thin(self) -> None:
        """Double the stride until the checkpoints fit, or only first, best and last are left."""
        records = self._records
        while self._nbytes > self._budget and any(rec is not self._best for rec in records[1:-1]):
            self._stride *= 2
            last = records[-1]
            kept = [rec for rec in records if rec is last or self._needed(rec)]
            if len(kept) < len(records):
                self._replace(kept)
                records = self._records

    def _replace(self, kept: list[tuple]) -> None:
        """The settled records are now ``kept`` (nothing pending)."""
        self._records = kept
        self._nbytes = sum(rec[NBYTES] for rec in kept)
        self._last_epoch = kept[-1][EPOCH] if kept else -1
        if self._best is None or not any(rec is self._best for rec in kept):
            measured = [rec for rec in kept if not math.isnan(rec[VAL_LOSS])]
            self._set_best(min(measured, key=_val_of) if measured else None)

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


_MOMENT_COPIES = {1: _copy_one, 2: _copy_two, 3: _copy_three}


def _nothing() -> None:
    """A dead weak reference's stand-in."""
    return None


def _epoch_of(rec: tuple) -> int:
    return rec[EPOCH]


def _val_of(rec: tuple) -> float:
    return rec[VAL_LOSS]


_bytes_of = operator.itemgetter(NBYTES)
