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

__all__ = ["Columns", "NUMBER_BYTES", "ROW"]

# epoch, 3 counts, lr, val_loss and 6 generator words, 8 bytes each
NUMBER_BYTES = 8 * 12
# A row as the timeline hands rows over: these fields, then the moments (a tuple).
ROW = ("epoch", "params", "epochs_done", "steps_done", "optimizer_t", "lr", "val_loss", "rng", "moments")
_MIN_ROWS = 16
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
        for name, old in columns.items():
            new = np.zeros((rows, *old.shape[1:]), old.dtype)
            new[:self.n] = old[:self.n]
            self._set(name, new)

    def room_for(self, rows: int, limit: int) -> None:
        """Room for ``rows`` rows: double the room, up to ``limit`` unless more are needed."""
        if rows > self.cap:
            self.reserve(max(rows, min(limit, max(2 * self.cap, _MIN_ROWS))))

    def add_moment(self, name: str) -> None:
        """A column for moment ``name``: zeros, and not present, in the rows held."""
        self.moments[name] = np.zeros((self.cap, self.n_params), self.dtype)
        self.present[name] = np.zeros(self.cap, bool)

    # ---------------------------------------------------------------- rows
    def append(self, rows: list[tuple], names: tuple[str, ...]) -> None:
        """Write ``rows`` (tuples laid out as ``ROW``; moments in ``names``' order) after the
        held ones; the caller made room."""
        k = len(rows)
        at = slice(self.n, self.n + k)
        epoch, params, done, steps, t, lr, val, rng, moments = zip(*rows)
        # One C call for the block (np.stack costs a microsecond a row).
        np.concatenate(params, out=self.params[at].reshape(-1))
        for j, name in enumerate(names):
            np.concatenate([m[j] for m in moments], out=self.moments[name][at].reshape(-1))
        for name, present in self.present.items():
            present[at] = name in names
            if name not in names:
                self.moments[name][at] = 0
        self.epoch[at], self.lr[at], self.val_loss[at] = epoch, lr, val
        for c, column in enumerate((done, steps, t)):
            self.counts[at, c] = column
        # Full batches never move the generator: one state for the whole batch.
        self.rng[at] = rng[0] if rng.count(rng[0]) == k else rng
        self.n += k

    def keep(self, rows: np.ndarray) -> None:
        """Keep only ``rows`` (increasing indices into the held rows), in order."""
        rows = np.asarray(rows, dtype=np.intp)
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
        self.moments, self.present = {}, {}
        for name, array in arrays.items():
            self._set(name, array)
        self.n = self.cap = len(self.epoch)

    def arrays(self) -> dict[str, np.ndarray]:
        """Every column's held rows (views): "params", "epoch", "counts", "lr", "val_loss",
        "rng", "moment NAME" and "present NAME"."""
        return {name: column[:self.n] for name, column in self._columns().items()}
