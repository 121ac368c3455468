"""A timeline's storage: one row per checkpoint, in NumPy columns.

The parameters and each optimizer moment are 2-D blocks (a row a
checkpoint); the numbers are columns: the epoch, the trainer's counts
(epochs done, steps done, the optimizer's step count), the learning rate,
the validation loss, the shuffling generator's PCG64 state as six uint64
words, and per moment whether the row holds it.  A checkpoint costs its
arrays' bytes and 96 more, with no Python object of its own (XOR's 17
float32 parameters: 164 bytes), and a model file stores exactly these
columns (modelfile_timeline.py).
"""
from __future__ import annotations

import numpy as np

from .checkpoint import rng_state
from .timeline_staging import Block

__all__ = ["Columns", "NUMBER_BYTES"]

# epoch, 3 counts, lr, val_loss and 6 generator words, 8 bytes each
NUMBER_BYTES = 8 * 12
_MIN_BYTES = 2**20       # the first room: a MiB of rows (grown 4x, little copying while recording)
_MOVE_BYTES = 8 * 2**20     # bytes of rows moved at a time when rows are dropped


class Columns:
    """Rows ``0 .. n-1`` of one network's checkpoints."""

    def __init__(self, n_params: int, dtype) -> None:
        self.n_params, self.dtype = int(n_params), np.dtype(dtype)
        self.n = 0
        self.cap = 0
        self.params = np.empty((0, self.n_params), self.dtype)
        self.moments: dict[str, np.ndarray] = {}
        self.present: dict[str, np.ndarray] = {}
        self.epoch = np.empty(0, np.int64)
        self.counts = np.empty((0, 3), np.int64)     # epochs done, steps done, optimizer t
        self.lr = np.empty(0)
        self.val_loss = np.empty(0)
        self.rng = np.empty((0, 6), np.uint64)
        self.storage = [1]   # how many Columns share these arrays (``share``); its identity names them

    # ------------------------------------------------------------ sharing
    def share(self) -> "Columns":
        """Columns of the same rows on the same arrays: whichever of the two changes its
        arrays first copies them (``_own``)."""
        twin = Columns.__new__(Columns)   # not copy.copy: that would go through __getstate__
        twin.__dict__.update(self.__dict__)
        twin.moments, twin.present = dict(self.moments), dict(self.present)
        self.storage[0] += 1
        return twin

    def _own(self) -> None:
        """Before writing into the arrays: a copy of them if another Columns shares them."""
        if self.storage[0] > 1:
            columns = self._columns()
            self._release()
            for name, array in columns.items():
                self._set(name, array.copy())

    def _release(self) -> None:
        """These arrays are about to be replaced by new ones of this Columns' own."""
        self.storage[0] -= 1
        self.storage = [1]

    def __getstate__(self) -> dict:
        # The held rows only (a timeline sent to another process or pickled), unshared.
        n, state = self.n, dict(self.__dict__)
        for name in ("params", "epoch", "counts", "lr", "val_loss", "rng"):
            state[name] = state[name][:n]
        state.update(cap=n, storage=[1], moments={k: m[:n] for k, m in self.moments.items()},
                     present={k: p[:n] for k, p in self.present.items()})
        return state

    @property
    def row_bytes(self) -> int:
        k = len(self.moments)
        return self.n_params * self.dtype.itemsize * (1 + k) + k + NUMBER_BYTES

    def _columns(self) -> dict[str, np.ndarray]:
        out = {"params": self.params, "epoch": self.epoch, "counts": self.counts, "lr": self.lr,
               "val_loss": self.val_loss, "rng": self.rng}
        out.update({f"moment {k}": v for k, v in self.moments.items()})
        out.update({f"present {k}": v for k, v in self.present.items()})
        return out

    def _set(self, name: str, array: np.ndarray) -> None:
        kind, _, key = name.partition(" ")
        if kind == "moment":
            self.moments[key] = array
        elif kind == "present":
            self.present[key] = array
        else:
            setattr(self, name, array)

    # ---------------------------------------------------------------- room
    def reserve(self, rows: int) -> None:
        """Room for exactly ``rows`` rows (>= n), copying the held ones over."""
        if rows == self.cap:
            return
        columns = self._columns()
        self.cap = rows
        self._release()
        for name, old in columns.items():
            new = np.zeros((rows, *old.shape[1:]), old.dtype)
            new[:self.n] = old[:self.n]
            self._set(name, new)

    def room_for(self, rows: int, limit: int) -> None:
        """Room for ``rows`` rows: four times the room, up to ``limit`` unless more are needed."""
        if rows > self.cap:
            self.reserve(max(rows, min(limit, max(4 * self.cap, _MIN_BYTES // self.row_bytes))))

    def add_moment(self, name: str) -> None:
        """A column for moment ``name``: zeros, and not present, in the rows held."""
        self._own()
        self.moments[name] = np.zeros((self.cap, self.n_params), self.dtype)
        self.present[name] = np.zeros(self.cap, bool)

    # ---------------------------------------------------------------- rows
    def append(self, block: Block, keep: np.ndarray | None = None) -> None:
        """Write the rows ``keep`` of ``block`` (all by default) after the held ones;
        the caller made room."""
        self._own()
        if keep is not None:
            block = block.rows(keep)
        at = slice(self.n, self.n + len(block))
        self.params[at] = block.params
        for name, moment in self.moments.items():
            given = block.moments.get(name)
            if given is None:
                self.present[name][at], moment[at] = False, 0
            else:
                self.present[name][at] = True if block.present is None else block.present[name]
                moment[at] = given
        self.epoch[at], self.counts[at], self.lr[at] = block.epoch, block.counts, block.lr
        self.val_loss[at], self.rng[at] = block.val_loss, block.rng
        self.n += len(block)

    def block(self, start: int, stop: int) -> Block:
        """Rows ``start`` to ``stop`` as a block (views)."""
        at = slice(start, stop)
        return Block(self.epoch[at], self.counts[at], self.lr[at], self.val_loss[at], self.rng[at], self.params[at],
                     {k: m[at] for k, m in self.moments.items()}, {k: p[at] for k, p in self.present.items()})

    def keep(self, rows: np.ndarray) -> None:
        """Keep only ``rows`` (increasing indices into the held rows), in order."""
        rows = np.asarray(rows, dtype=np.intp)
        if len(rows) == self.n and (not len(rows) or rows[-1] == self.n - 1):
            return   # every row, in place
        self._own()
        # Row j takes row rows[j] >= j: a block of destinations reads only rows not yet
        # written, so a few rows at a time need no copy of a whole column.
        step = max(1, _MOVE_BYTES // self.row_bytes)
        for column in self._columns().values():
            for j in range(0, len(rows), step):
                part = rows[j:j + step]
                column[j:j + len(part)] = column[part]
        self.n = len(rows)

    def row(self, i: int) -> dict:
        """Row ``i`` as plain values and copies of its arrays (moments: those it holds)."""
        done, steps, t = (int(v) for v in self.counts[i])
        return dict(epoch=int(self.epoch[i]), parameters=self.params[i].copy(), epochs_done=done, steps_done=steps,
                    optimizer_t=t, lr=float(self.lr[i]), val_loss=float(self.val_loss[i]),
                    rng=rng_state(self.rng[i]),
                    moments={k: m[i].copy() for k, m in self.moments.items() if self.present[k][i]})

    # ------------------------------------------------------------ as arrays
    def take(self, arrays: dict[str, np.ndarray]) -> None:
        """Become the rows of ``arrays`` (named as `arrays` names them)."""
        self._release()
        self.moments, self.present = {}, {}
        for name, array in arrays.items():
            self._set(name, array)
        self.n = self.cap = len(self.epoch)

    def arrays(self) -> dict[str, np.ndarray]:
        """Every column's held rows (views): "params", "epoch", "counts", "lr", "val_loss",
        "rng", "moment NAME" and "present NAME"."""
        return {name: column[:self.n] for name, column in self._columns().items()}
