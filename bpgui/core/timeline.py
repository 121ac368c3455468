"""The weights' timeline: checkpoints of a run's whole trainer state, in a memory budget.

A ``Timeline`` keeps, for some epochs of a run, everything ``Trainer.restore``
needs to go on from there (parameters, optimizer moments and step count, the
shuffling generator's state, the epoch and step counts, the learning rate) and
the validation loss.  Restoring a checkpoint and training on with unchanged
settings gives, bit for bit, the weights the run had at every later checkpoint
(``Session.rewind``).  Epochs are numbered as the model's history numbers them;
epoch 0 is the network before its first epoch.

Which epochs are kept, within ``budget_bytes``: every epoch while the
checkpoints fit; then only evenly spaced ones (multiples of a stride that
doubles each time the budget fills), and always the first checkpoint, the
one with the lowest validation loss and the latest (timeline_policy.py).

``record`` stages the trainer's arrays and its numbers (timeline_staging.py);
``recorder(trainer)`` is the same as a function bound to one trainer, for
training loops: within one course of training it stages only the arrays and
works the numbers out, at about a third of the cost.  The policy sorts the recorded epochs in blocks (up to 2,048
epochs or 1 MiB) with NumPy, writing the kept ones into columns
(timeline_columns.py).  The columns' room is the budget and one block; first,
best and latest stay even if they alone exceed it.

``extend`` appends another timeline's checkpoints through the same policy
(the window's training child records a job's epochs and sends them back);
``fork`` gives a copy that shares the columns until either of the two changes
them (the window's undo keeps earlier versions of a model).
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

import numpy as np

from .checkpoint import Checkpoint, rng_words
from .network import parameter_count, parameter_views
from .optimizers import SCRATCH
from .timeline_policy import KeptRows
from .timeline_staging import NOT_MEASURED, VALUE, Staging
from .trainer_state import TrainerState

__all__ = ["Timeline", "Checkpoint", "DEFAULT_BUDGET_MB", "MAX_BUDGET_MB", "MB"]

MB = 2**20
DEFAULT_BUDGET_MB = 256
MAX_BUDGET_MB = 4096   # what a model file may hold of it is limited too (modelfile_timeline.py)
_BLOCK_ROWS, _BLOCK_BYTES = 2048, MB
_EXTEND_BYTES = 16 * MB     # rows of another timeline taken at a time


class Timeline:
    """Checkpoints of one network's training, oldest first (see the module doc)."""

    def __init__(self, sizes: list[int], budget_bytes: int = DEFAULT_BUDGET_MB * MB) -> None:
        self.sizes = [int(s) for s in sizes]
        self.n_params = parameter_count(self.sizes)
        self._kept = KeptRows(self.n_params, 0)
        self._stage: Staging | None = None  # recorded rows the policy has not sorted yet
        self._latest = -1   # the epoch of the latest row but the recorder's paced ones (_last_epoch)
        self._forget_trainer()
        self.budget_bytes = budget_bytes

    def _forget_trainer(self) -> None:
        """What record() remembers of the trainer it saw last: its optimizer's state dict
        (held, so that no other dict can take its identity), that dict's size, the
        parameter vector and the moments, the course and the generator's state then;
        and which recorder staged the latest row (None: not a recorder, or the
        timeline changed by other means since)."""
        self._state_dict: dict | None = None
        self._state_size = -1
        self._arrays: tuple[np.ndarray, ...] = ()
        self._course: object = None
        self._rng: tuple | None = None
        self._owner: object = None

    @classmethod
    def restored(cls, sizes: list[int], budget_bytes: int, stride: int, arrays: dict[str, np.ndarray]) -> "Timeline":
        """A timeline of these columns (a model file's, named as ``Columns.arrays`` names
        them) as they are, thinned only if they exceed the budget."""
        timeline = cls(sizes, budget_bytes)
        timeline._kept.take(arrays, stride)
        timeline._latest = timeline._kept.last_epoch()
        return timeline

    def fork(self) -> "Timeline":
        """A timeline with the same checkpoints that shares their columns with this one
        until either changes them (copy on write): cheap to keep beside the original."""
        self._settle()
        twin = Timeline(self.sizes, self.budget_bytes)
        twin._kept, twin._latest = self._kept.share(), self._latest
        return twin

    # ---------------------------------------------------------------- reading
    @property
    def budget_bytes(self) -> int:
        return self._kept.budget

    @budget_bytes.setter
    def budget_bytes(self, value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise ValueError(f"a timeline's budget is a whole number of bytes >= 0, got {value!r}")
        self._settle()
        self._kept.budget = int(value)
        self._kept.fit()

    @property
    def stride(self) -> int:
        """1 until the timeline thins itself; then the spacing of the evenly kept epochs."""
        return self._settled().stride

    @property
    def nbytes(self) -> int:
        """Memory the kept checkpoints take (the columns' room is at most the budget)."""
        return self._settled().nbytes

    @property
    def storage(self) -> object | None:
        """What identifies the memory holding the checkpoints: forks share it until one
        of them changes (the window's undo counts each storage once)."""
        cols = self._settled().cols
        return None if cols is None else cols.storage

    def __len__(self) -> int:
        return len(self._settled())

    @property
    def epochs(self) -> list[int]:
        """The checkpointed epochs, in order."""
        kept = self._settled()
        return [int(e) for e in kept.epoch_column()[kept.alive()]]

    @property
    def first_epoch(self) -> int | None:
        return int(self._kept.cols.epoch[0]) if len(self) else None

    @property
    def last_epoch(self) -> int | None:
        last = self._last_epoch
        return None if last < 0 else last

    @property
    def best_epoch(self) -> int | None:
        """The kept epoch with the lowest validation loss (None without one)."""
        kept = self._settled()
        return None if kept.best is None else int(kept.cols.epoch[kept.best])

    def checkpoints(self) -> Iterator[Checkpoint]:
        """The kept checkpoints, oldest first (copies)."""
        kept = self._settled()
        for i in np.flatnonzero(kept.alive()):
            yield Checkpoint(**kept.cols.row(int(i)))

    def checkpoint(self, epoch: int) -> Checkpoint:
        """The checkpoint of exactly ``epoch``; a KeyError names the nearest kept epochs."""
        kept = self._settled()
        epochs = kept.epoch_column()
        i = int(np.searchsorted(epochs, epoch))
        if i < len(epochs) and epochs[i] == epoch and i not in kept.dead:
            return Checkpoint(**kept.cols.row(i))
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
        kept = self._settled()
        kept.drop_dead()
        return {} if kept.cols is None else kept.cols.arrays()

    def _settled(self) -> KeptRows:
        self._settle()
        return self._kept

    def _neighbours(self, epoch: int) -> tuple[int | None, int | None]:
        kept = self._settled()
        epochs = kept.epoch_column()[kept.alive()]
        if not len(epochs):
            raise KeyError("the timeline holds no checkpoint")
        i = int(np.searchsorted(epochs, epoch))
        if i < len(epochs) and epochs[i] == epoch:
            return epoch, epoch
        return (int(epochs[i - 1]) if i else None), (int(epochs[i]) if i < len(epochs) else None)

    # -------------------------------------------------------------- recording
    def record(self, trainer, epoch: int, val_loss: float | None = None) -> tuple:
        """Checkpoint ``trainer`` as it is after ``epoch`` (an exact row; a training loop
        calls ``recorder(trainer)``'s function instead, cheaper).  Returns the row's
        numbers, as ``NUMBERS`` orders them."""
        opt = trainer.optimizer
        state = opt.state
        # A new dict with a new optimizer or a restore; new keys at its first step; cleared by a reset.
        if state is not self._state_dict or len(state) != self._state_size:
            self._see(trainer)
        if trainer.course is not self._course:   # the generator's state is taken (~1.5 us) only then
            self._course, self._rng = trainer.course, rng_words(trainer.rng.bit_generator.state)
        stage = self._room_for(epoch)
        numbers = (epoch, trainer.epochs_done, trainer.steps_done, opt.t, trainer.lr)
        stage.put(self._arrays, numbers, self._rng, val_loss)
        self._latest = epoch
        self._owner = None
        return numbers

    def recorder(self, trainer) -> Callable[..., None]:
        """``record`` for ``trainer`` as a function ``(epoch, val_loss=None)``, called once
        after each epoch by a training loop.  Two exact rows (``record``) one epoch apart
        in one course of the trainer (``Trainer.course``) give the pace of its counts;
        each next epoch of that course then stages only its arrays (one ``writelines``)
        and its validation loss, and its counts are worked out from the pace
        (timeline_staging.py).  Anything else (a new course, an epoch that is not the
        next, a full staging, any other row staged, a replaced optimizer state) goes
        through ``record``; so does each block's first row, where the pace is checked."""
        owner = object()   # in self._owner while no one else has changed the timeline
        course = arrays = unmeasured = writelines = sources = opt = moments = None
        following, room = -1, []   # the epoch a paced row may take next, if it is at most room[0]
        exact: tuple | None = None   # (epoch, counts, course, pace) of its latest exact row
        pack = VALUE.pack

        def slow(epoch: int, val_loss: float | None) -> None:
            nonlocal course, arrays, unmeasured, writelines, following, room, exact, sources, opt, moments
            # Its latest exact row leads up to this one if nothing but epochs came between.
            going_on = (self._owner is owner and epoch == self._last_epoch + 1 and trainer.course is course
                        and opt.state is moments)
            after = exact if going_on else None
            numbers = self.record(trainer, epoch, val_loss)
            stage = self._stage
            course, exact = trainer.course, _paced(after, stage, numbers, trainer.course)
            opt = trainer.optimizer   # the course's own (a new optimizer is a new course)
            moments = opt.state
            if exact[3] is not None:
                stage.expect_after(epoch)
            self._owner = owner
            writelines, following, room = stage.writelines, epoch + 1, stage.room
            if self._arrays is not sources:
                sources = self._arrays
                arrays = tuple(memoryview(a) for a in sources)
                unmeasured = (*arrays, NOT_MEASURED)

        def fast(epoch: int, val_loss: float | None = None) -> None:
            nonlocal following
            try:   # (plain ints and identities: a method call here costs a point of XOR's loop)
                if epoch == following and epoch <= room[0] and trainer.course is course and opt.state is moments:
                    following = epoch + 1
                    writelines(unmeasured if val_loss is None else (*arrays, pack(val_loss)))
                    return
            except IndexError:   # room emptied: the block was handed over or another row staged
                pass
            slow(epoch, val_loss)

        return fast

    @property
    def _last_epoch(self) -> int:
        """The epoch of the latest row, staged or not (-1 for none): paced rows follow
        the latest other one an epoch apart."""
        stage = self._stage
        return self._latest if stage is None else self._latest + stage.paced_rows()

    def _see(self, trainer) -> None:
        """Remember what ``record`` needs of this trainer's optimizer."""
        state = trainer.optimizer.state
        live = trainer.net.parameters   # the trainer's own vector: an optimizer is one trainer's
        names = tuple(k for k in state if k not in SCRATCH)
        self._use_moments(names, live.dtype)
        arrays = (live, *(state[k] for k in names))
        if not all(a.flags.c_contiguous and a.dtype == live.dtype and a.shape == live.shape for a in arrays):
            raise ValueError("a trainer's moments are contiguous arrays like its parameters")
        self._state_dict, self._state_size, self._arrays = state, len(state), arrays

    def _use_moments(self, names: tuple[str, ...], dtype) -> None:
        """The next rows hold these moments (a block holds one set: staged rows are sorted first)."""
        dtype = np.dtype(dtype)
        stage = self._stage
        if stage is not None and stage.names == names and stage.dtype == dtype:
            return
        self._settle()
        cols = self._kept.columns_for(names, dtype)
        rows = self._kept.block_rows = max(1, min(_BLOCK_ROWS, _BLOCK_BYTES // cols.row_bytes))
        self._stage = Staging(rows, self.n_params, dtype, names)

    def add(self, epoch: int, state: TrainerState, val_loss: float | None = None) -> None:
        """Checkpoint ``state`` as epoch ``epoch``."""
        if state.parameters.shape != (self.n_params,):
            raise ValueError(f"the state holds {state.parameters.size:,} parameters; "
                             f"this timeline's network has {self.n_params:,}")
        names = tuple(k for k in state.optimizer_state if k not in SCRATCH)
        dtype = state.parameters.dtype
        self._use_moments(names, dtype)
        self._forget_trainer()   # the next record() looks at its trainer afresh
        stage = self._room_for(int(epoch))
        arrays = (state.parameters, *(state.optimizer_state[k] for k in names))
        stage.put(tuple(np.ascontiguousarray(a, dtype) for a in arrays),
                  (int(epoch), state.epochs_done, state.steps_done, state.optimizer_t, state.lr),
                  rng_words(state.rng), None if val_loss is None else float(val_loss))
        self._latest = int(epoch)
        self._settle()

    def extend(self, later: "Timeline") -> None:
        """Append the checkpoints of ``later``, the same network's training after this
        one's (a training child's job): they go through this timeline's policy as if
        recorded here.  Checkpoints here from ``later``'s first epoch on are replaced."""
        if later.sizes != self.sizes:
            raise ValueError(f"a timeline of a {'-'.join(map(str, later.sizes))} network for a "
                             f"{'-'.join(map(str, self.sizes))} one")
        if not later.columns():
            return
        cols = later._kept.cols
        self.truncate(int(cols.epoch[0]) - 1)
        self._use_moments(tuple(cols.moments), cols.dtype)
        self._forget_trainer()
        kept = self._kept
        if later._kept.stride > kept.stride:   # the kept epochs stay evenly spaced throughout
            kept.restride(later._kept.stride)
        step = max(1, _EXTEND_BYTES // cols.row_bytes)
        for start in range(0, cols.n, step):
            kept.absorb(cols.block(start, min(cols.n, start + step)))
        self._latest = kept.last_epoch()

    def truncate(self, epoch: int) -> None:
        """Forget the checkpoints after ``epoch`` (a run that goes back to it)."""
        kept = self._settled()
        kept.truncate(epoch)
        self._latest = kept.last_epoch()
        self._owner = None

    def _room_for(self, epoch: int) -> Staging:
        """The staging, with room for a row of ``epoch`` (which replaces a latest one of that epoch)."""
        if epoch <= self._last_epoch:
            self._make_room(epoch)
        stage = self._stage
        if stage.n == stage.rows:
            self._settle()
        return stage

    def _make_room(self, epoch: int) -> None:
        """Before recording ``epoch`` again: the new state replaces the latest one."""
        self._settle()
        if epoch < self._last_epoch:
            raise ValueError(f"epoch {epoch} is before the timeline's latest, {self._last_epoch}")
        self.truncate(epoch - 1)

    def _settle(self) -> None:
        stage = self._stage
        if stage is None:
            return
        self._latest = self._last_epoch
        if stage.n:   # (handing the block over empties the room a recorder's paced rows take)
            self._kept.absorb(stage.block())

    def __getstate__(self) -> dict[str, Any]:
        # What record() remembers of the trainer it saw last is not part of the timeline,
        # nor is the staging (empty once settled).
        self._settle()
        self._kept.drop_dead()
        state = dict(self.__dict__)
        state.update(_state_dict=None, _state_size=-1, _arrays=(), _course=None, _rng=None, _owner=None,
                     _stage=None)
        return state

    def __repr__(self) -> str:
        span = f"epochs {self.first_epoch}..{self.last_epoch}" if len(self) else "empty"
        return (f"Timeline({len(self)} checkpoints, {span}, stride {self.stride}, "
                f"{self.nbytes / MB:.1f} of {self.budget_bytes / MB:.1f} MB)")


def _paced(after: tuple | None, stage: Staging, numbers: tuple, course: object) -> tuple:
    """The exact row just staged with ``numbers`` (as ``NUMBERS`` orders them), as a
    recorder remembers it: (epoch, counts, course, pace).  Its pace is that of
    ``after`` (the recorder's exact row the rows since led up from, in the same
    course), checked against the counts; or, if ``after`` was the epoch before and had
    none, the step between the two; else None.  Plain ints: NumPy's small arrays are
    slower here."""
    counts, pace = numbers[:4], None
    if after is not None and after[2] is course:
        before, base, _, step = after
        if step is None:
            pace = tuple(c - b for c, b in zip(counts, base)) if counts[0] == before + 1 else None
        elif all(c == b + (counts[0] - before) * s for c, b, s in zip(counts, base, step)):
            pace = step
        else:
            raise RuntimeError(f"the trainer's counts at epoch {counts[0]} are not those of epoch {before} and "
                               "the pace since: it changed course without saying so (Trainer.course)")
    if pace is not None:
        stage.pace(pace)
    return counts[0], counts, course, pace
