"""A timeline's staging block: the checkpoints recorded since its policy last sorted them.

Recording runs once an epoch, and on a network as small as XOR's an epoch
takes under 30 µs, so a record must cost about a microsecond (issue 13: at
most 5 % of the training loop).  What makes it cheap: the arrays of a
checkpoint are copied into rows made ahead of time (slice assignment between
memoryviews made once, about half the overhead of ``row[...] = array``, which
costs 60 % of ``array.copy()``), and its numbers go into one tuple appended
to a list.  The timeline (timeline.py) then sorts
a whole block at once with NumPy (``Block``).
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["Staging", "Block", "META"]

# A staged row's numbers, in the order ``Staging.meta`` holds them.
META = ("epoch", "epochs_done", "steps_done", "optimizer_t", "lr", "val_loss", "rng")


class Block(NamedTuple):
    """Staged rows as arrays (``Staging.block``): what the policy sorts."""

    epoch: np.ndarray        # int64
    counts: np.ndarray       # (k, 3) int64: epochs done, steps done, optimizer steps
    lr: np.ndarray           # float64
    val_loss: np.ndarray     # float64, NaN where not measured
    rng: np.ndarray          # (k, 6) uint64 generator words
    params: np.ndarray       # (k, n_params)
    moments: dict[str, np.ndarray]   # name -> (k, n_params)
    present: dict[str, np.ndarray] | None = None   # name -> (k,) bool; None: every row holds them

    def rows(self, keep: np.ndarray) -> "Block":
        """The rows ``keep`` (indices) of this block."""
        present = None if self.present is None else {k: p[keep] for k, p in self.present.items()}
        return Block(*(part[keep] for part in self[:6]), {k: m[keep] for k, m in self.moments.items()}, present)

    def __len__(self) -> int:
        return len(self.epoch)


class Staging:
    """Room for ``rows`` checkpoints of ``n_params`` parameters and the moments ``names``.

    ``views[i]`` are row ``i``'s parameter view then one view per moment
(``byte_rows[i]`` the same row as bytes, ``parts`` where each lies in it);
    ``meta`` holds the staged rows' numbers (``META``), one tuple each, so
    ``len(meta)`` is the next free row.
    """

    def __init__(self, rows: int, n_params: int, dtype, names: tuple[str, ...]) -> None:
        self.rows, self.names = int(rows), tuple(names)
        self._arrays = np.empty((self.rows, 1 + len(names), int(n_params)), dtype)
        self.views: list[tuple[np.ndarray, ...]] = [tuple(row) for row in self._arrays]
        # The same rows as bytes, and where each array lies in a row: a memoryview's slice
        # assignment copies with half the overhead of NumPy's (``Timeline.recorder``).
        self.byte_rows = [memoryview(row).cast("B") for row in self._arrays]
        part = int(n_params) * self._arrays.itemsize
        self.parts = [slice(j * part, (j + 1) * part) for j in range(1 + len(names))]
        self.meta: list[tuple] = []

    @property
    def dtype(self) -> np.dtype:
        return self._arrays.dtype

    @property
    def nbytes(self) -> int:
        return self._arrays.nbytes

    def block(self) -> Block:
        """The staged rows as arrays (views of the staging rows: used before the next
        record), and an empty staging."""
        k = len(self.meta)
        epoch, done, steps, t, lr, val, rng = zip(*self.meta)
        self.meta.clear()   # in place: a recorder holds this list
        counts = np.empty((k, 3), np.int64)
        counts[:, 0], counts[:, 1], counts[:, 2] = done, steps, t
        # A full batch never moves the generator: one state for the whole block.
        words = np.empty((k, 6), np.uint64)
        words[:] = rng[0] if rng.count(rng[0]) == k else rng
        arrays = self._arrays[:k]
        return Block(np.array(epoch, np.int64), counts, np.array(lr, np.float64), np.array(val, np.float64),
                     words, arrays[:, 0], {name: arrays[:, 1 + j] for j, name in enumerate(self.names)})
