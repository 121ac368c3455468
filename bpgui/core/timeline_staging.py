"""A timeline's staging block: the checkpoints recorded since its policy last sorted them.

Recording runs once an epoch, and on a network as small as XOR's an epoch
takes about 35 µs, so a record must cost about a microsecond (issue 13: at
most 5 % of the training loop).  What makes it cheap: a checkpoint's arrays
are copied into rows made ahead of time (slice assignment between memoryviews,
about half the overhead of ``row[...] = array``), and its numbers are packed
into a row of a NumPy array by one ``struct`` call, so the block needs no
per-row Python object and the policy (timeline_policy.py) sorts whole blocks
with NumPy (``Block``).  The generator's state is staged only where it moved.
"""
from __future__ import annotations

import struct
from typing import NamedTuple

import numpy as np

__all__ = ["Staging", "Block", "NUMBERS"]

# A staged row's numbers as ``Staging.numbers`` holds them: epoch, epochs done,
# steps done, the optimizer's step count (int64), the learning rate and the
# validation loss (float64, NaN where not measured).
NUMBERS = struct.Struct("<4q2d")


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

    Row ``i`` is ``arrays[i]``: the parameters then one row per moment; as bytes it
    starts at ``i * row_bytes`` of ``data``, each array at ``offsets[j]`` of it.  Its
    numbers are ``NUMBERS`` packed at ``i * NUMBERS.size`` of ``packed``.  ``n`` rows
    are staged; ``rng`` holds ``(row, words)`` for the rows where the generator's
    state is new (the rows after take it over).
    """

    def __init__(self, rows: int, n_params: int, dtype, names: tuple[str, ...]) -> None:
        self.rows, self.names = int(rows), tuple(names)
        self.arrays = np.empty((self.rows, 1 + len(names), int(n_params)), dtype)
        self.data = memoryview(self.arrays).cast("B")
        self.row_bytes = self.arrays[0].nbytes
        part = int(n_params) * self.arrays.itemsize
        self.offsets = [(j * part, (j + 1) * part) for j in range(1 + len(names))]
        self.numbers = np.empty((self.rows, 6), np.int64)
        self.packed = memoryview(self.numbers).cast("B")
        self.n = 0
        self.rng: list[tuple[int, tuple]] = []
        self._carried: tuple | None = None   # the generator words of the last row handed over

    @property
    def dtype(self) -> np.dtype:
        return self.arrays.dtype

    @property
    def nbytes(self) -> int:
        return self.arrays.nbytes + self.numbers.nbytes

    def put(self, numbers: tuple, rng: tuple | None) -> None:
        """Stage row ``n`` (its arrays already written): ``numbers`` as ``NUMBERS``
        orders them and the generator's ``rng`` words if they may have moved."""
        NUMBERS.pack_into(self.packed, self.n * NUMBERS.size, *numbers)
        if rng is not None and rng != self._latest_rng():
            self.rng.append((self.n, rng))
        self.n += 1

    def _latest_rng(self) -> tuple | None:
        return self.rng[-1][1] if self.rng else self._carried

    def block(self) -> Block:
        """The staged rows as arrays (views of the staging rows: used before the next
        record), and an empty staging."""
        k, ints = self.n, self.numbers[:self.n]
        floats = ints.view(np.float64)
        words = np.empty((k, 6), np.uint64)
        starts = [row for row, _ in self.rng]
        if not starts or starts[0] > 0:   # the first rows go on with the last block's state
            words[:starts[0] if starts else k] = self._carried
        for (row, state), stop in zip(self.rng, starts[1:] + [k]):
            words[row:stop] = state
        self._carried, self.n = self._latest_rng(), 0
        self.rng = []
        arrays = self.arrays[:k]
        return Block(ints[:, 0], ints[:, 1:4], floats[:, 4], floats[:, 5], words, arrays[:, 0],
                     {name: arrays[:, 1 + j] for j, name in enumerate(self.names)})
