"""A timeline's staging block: the checkpoints recorded since its policy last sorted them.

Recording runs once an epoch, and on a network as small as XOR's an epoch
takes about 35 µs, so a record must cost about a microsecond (issue 13: at
most 5 % of the training loop), and every Python operation counts there.  So
a row's arrays and validation loss go into a ``BytesIO`` by one
``writelines`` call, and its numbers come in two kinds:

* an *exact* row has its numbers packed into a row of a NumPy array by one
  ``struct`` call (what ``Timeline.record`` stages);
* the rows after an exact row given a *pace* have none staged: each epoch of
  one course of training (timeline.py) moves the trainer's counts by the same
  amounts, so ``block`` works them out as the exact row's plus the pace per
  row (what ``Timeline.recorder`` stages between two exact rows).

The generator's state is staged only where it moved; the rows after take it
over.  The policy (timeline_policy.py) sorts whole blocks with NumPy.
"""
from __future__ import annotations

import io
import math
import struct
from typing import NamedTuple

import numpy as np

__all__ = ["Staging", "Block", "NUMBERS", "VALUE", "NOT_MEASURED"]

# An exact row's numbers as ``Staging.numbers`` holds them: epoch, epochs done, steps
# done and the optimizer's step count (int64), then the learning rate (float64).
NUMBERS = struct.Struct("<4qd")
# A row's validation loss, after its arrays: NaN where not measured.
VALUE = struct.Struct("<d")
NOT_MEASURED = VALUE.pack(math.nan)


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

    A row is ``row_bytes`` written by one ``writelines``: its arrays (the parameters,
    then each moment), then its validation loss (``VALUE``, or ``NOT_MEASURED``);
    ``n`` rows are staged.  An exact row's
    numbers are ``NUMBERS`` packed at ``row * NUMBERS.size`` of ``packed``; ``paces``
    maps an exact row to what each row after it adds to them.  ``room`` is a list of
    one int, the last epoch a paced row may take (``expect_after``), or empty: none
    may.  Staging an exact row or handing the block over empties it; a recorder
    holds the list, so an emptied one is never filled again (a new one is made).  ``rng`` holds ``(row, words)``
    for the rows where the generator's state is new.
    """

    def __init__(self, rows: int, n_params: int, dtype, names: tuple[str, ...]) -> None:
        self.rows, self.n_params, self.names = int(rows), int(n_params), tuple(names)
        self.dtype = np.dtype(dtype)
        self._row = np.dtype([("arrays", self.dtype, (1 + len(names), self.n_params)), ("val_loss", "<f8")])
        self.row_bytes = self._row.itemsize
        self._bytes = io.BytesIO()
        self._copies = np.empty(self.rows, self._row)   # a block's rows, copied out of the bytes
        self.writelines = self._bytes.writelines
        self.numbers = np.empty((self.rows, 5), np.int64)
        self.packed = memoryview(self.numbers).cast("B")
        self.exact: list[int] = []
        self.paces: dict[int, tuple[int, ...]] = {}
        self.room: list[int] = []
        self.rng: list[tuple[int, tuple]] = []
        self._carried: tuple | None = None   # the generator words of the last row handed over

    def put(self, arrays: tuple[np.ndarray, ...], numbers: tuple, rng: tuple | None,
            val_loss: float | None) -> None:
        """Stage an exact row: ``arrays`` (C-contiguous, of this dtype), ``numbers`` as
        ``NUMBERS`` orders them, the generator's ``rng`` words if they may have moved."""
        row = self.n
        self.writelines((*arrays, NOT_MEASURED if val_loss is None else VALUE.pack(val_loss)))
        NUMBERS.pack_into(self.packed, row * NUMBERS.size, *numbers)
        self.exact.append(row)
        self.room.clear()
        if rng is not None and rng != self._latest_rng():
            self.rng.append((row, rng))

    @property
    def n(self) -> int:
        return self._bytes.tell() // self.row_bytes

    def expect_after(self, epoch: int) -> None:
        """Paced rows may follow, for epochs ``epoch + 1`` on while there is room."""
        self.room = [epoch + self.rows - self.n]   # a new list: another recorder's is not this one

    def paced_rows(self) -> int:
        """How many rows were staged after the latest exact one."""
        return self.n - 1 - self.exact[-1] if self.exact else self.n

    def pace(self, step: tuple[int, ...]) -> None:
        """The rows staged after the latest exact row each add ``step`` to the four counts
        of the row before (epoch, epochs done, steps done, optimizer steps), and keep its
        learning rate."""
        self.paces[self.exact[-1]] = step

    def _latest_rng(self) -> tuple | None:
        return self.rng[-1][1] if self.rng else self._carried

    def block(self) -> Block:
        """The staged rows as arrays, and an empty staging."""
        k = self.n
        ints = self._numbers(k)
        floats = ints.view(np.float64)
        rows = self._copies[:k]
        # Copied out of the buffer, which is kept (not truncated) for the next block: new
        # memory costs a page fault a few rows, more than the copy.
        with self._bytes.getbuffer() as buffer:
            written = np.frombuffer(buffer, self._row, k)
            rows[:] = written
            del written
        self._bytes.seek(0)
        arrays = rows["arrays"]
        block = Block(ints[:, 0], ints[:, 1:4], floats[:, 4], rows["val_loss"], self._rng_words(k), arrays[:, 0],
                      {name: arrays[:, 1 + j] for j, name in enumerate(self.names)})
        self.room.clear()
        self.exact, self.paces = [], {}
        return block

    def _numbers(self, k: int) -> np.ndarray:
        """Rows ``0 .. k-1``'s numbers: the exact rows' and the paced rows' after them
        (a block starts with an exact row: ``block`` empties ``room``)."""
        ints = self.numbers[:k]
        exact = self.exact
        if k and (not exact or exact[0]):
            raise RuntimeError("a staged block starts with a paced row")
        for start, stop in zip(exact, [*exact[1:], k]):
            if stop - start > 1:
                pace = self.paces.get(start)
                if pace is None:
                    raise RuntimeError(f"staged rows {start + 1}..{stop - 1} follow a row with no pace")
                base = ints[start]
                ints[start + 1:stop, :4] = base[:4] + np.arange(1, stop - start)[:, None] * np.array(pace)
                ints[start + 1:stop, 4] = base[4]
        return ints

    def _rng_words(self, k: int) -> np.ndarray:
        words = np.empty((k, 6), np.uint64)
        starts = [row for row, _ in self.rng]
        if not starts or starts[0] > 0:   # the first rows go on with the last block's state
            words[:starts[0] if starts else k] = self._carried
        for (row, state), stop in zip(self.rng, starts[1:] + [k]):
            words[row:stop] = state
        self._carried = self._latest_rng()
        self.rng = []
        return words
