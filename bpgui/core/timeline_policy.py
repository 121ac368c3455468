"""Which checkpoints a timeline keeps: its columns and the thinning policy.

``KeptRows`` holds the kept checkpoints (timeline_columns.py) and decides
which stay, within a budget of bytes:

* every epoch while they fit;
* when they no longer fit, only the epochs that are multiples of a stride
  (2, then 4, 8... doubling each time the budget fills), so the kept epochs
  are evenly spaced, plus
* always the first checkpoint, the one with the lowest validation loss (the
  earliest of equals; none without a validation split) and the latest.

Rows come in blocks (``absorb``), each after the held ones, and are sorted
with NumPy: a block keeps the same epochs as its rows taken one at a time.  A
thinning pass is O(checkpoints) and comes once each time the budget fills.
"""
from __future__ import annotations

import math

import numpy as np

from .timeline_columns import Columns
from .timeline_staging import Block

__all__ = ["KeptRows"]


class KeptRows:
    """The kept checkpoints of one network, oldest first, within ``budget`` bytes.
    ``block_rows``: how many rows a block brings at most (the columns keep room for one)."""

    def __init__(self, n_params: int, budget: int) -> None:
        self.n_params = n_params
        self.cols: Columns | None = None    # made at the first checkpoint (its dtype)
        self.budget = budget
        self.block_rows = 1
        self.stride = 1
        self.dead: set[int] = set()         # rows of former bests, dropped at the next thinning
        self.best: int | None = None        # row of the best validation loss
        self.best_val = math.inf

    def share(self) -> "KeptRows":
        """The same rows on the same arrays, copied when either side writes (``Columns.share``)."""
        self.drop_dead()
        twin = KeptRows(self.n_params, self.budget)
        twin.cols = None if self.cols is None else self.cols.share()
        twin.block_rows, twin.stride, twin.best, twin.best_val = self.block_rows, self.stride, self.best, self.best_val
        return twin

    def take(self, arrays: dict[str, np.ndarray], stride: int) -> None:
        """Become these columns (a model file's) as they are, thinned only if they exceed the budget."""
        self.cols = Columns(self.n_params, arrays["params"].dtype)
        self.cols.take(arrays)
        self.stride = int(stride)
        self.after_drop()
        self.fit()

    def columns_for(self, names: tuple[str, ...], dtype: np.dtype) -> Columns:
        """The columns, made or widened for rows of this dtype with these moments."""
        if self.cols is None:
            self.cols = Columns(self.n_params, dtype)
        elif self.cols.dtype != dtype:
            raise ValueError(f"a {dtype} network for a timeline of {self.cols.dtype} checkpoints")
        for name in names:
            if name not in self.cols.moments:
                self.cols.add_moment(name)
        return self.cols

    # ---------------------------------------------------------------- reading
    def __len__(self) -> int:
        return 0 if self.cols is None else self.cols.n - len(self.dead)

    @property
    def nbytes(self) -> int:
        return 0 if self.cols is None else len(self) * self.cols.row_bytes

    def epoch_column(self) -> np.ndarray:
        cols = self.cols
        return np.empty(0, np.int64) if cols is None else cols.epoch[:cols.n]

    def alive(self) -> np.ndarray:
        alive = np.ones(0 if self.cols is None else self.cols.n, bool)
        alive[list(self.dead)] = False
        return alive

    def last_epoch(self) -> int:
        cols = self.cols
        return int(cols.epoch[cols.n - 1]) if cols is not None and cols.n else -1

    # -------------------------------------------------------------- changing
    def absorb(self, block: Block) -> None:
        """Sort a block of rows after the held ones: keep the grid's, a new best, the
        latest, the very first; thin to fit."""
        cols, old_best = self.cols, self.best
        vals = np.where(np.isnan(block.val_loss), np.inf, block.val_loss)
        j = int(np.argmin(vals))   # the earliest of equals
        new_best = j if vals[j] < self.best_val else None
        if new_best is not None:
            self.best, self.best_val = None, float(vals[j])
        if cols.n > 1 and not self._needed(cols.n - 1):
            cols.n -= 1   # the latest was kept only for being the latest
        if old_best is not None and self.best is None and old_best < cols.n and not self._needed(old_best):
            self.dead.add(old_best)
        keep = None
        if self.stride > 1:
            mask = block.epoch % self.stride == 0
            mask[-1] = True
            mask[0] |= cols.n == 0
            if new_best is not None:
                mask[new_best] = True
            keep = np.flatnonzero(mask)
        start = cols.n
        cols.room_for(start + (len(block) if keep is None else len(keep)), self.limit() + self.block_rows)
        cols.append(block, keep)
        if new_best is not None:
            self.best = start + (new_best if keep is None else int(np.searchsorted(keep, new_best)))
        if cols.n > self.limit():
            self.fit()

    def truncate(self, epoch: int) -> None:
        """Forget the rows after ``epoch``."""
        epochs = self.epoch_column()
        n = int(np.searchsorted(epochs, epoch, side="right"))
        if n < len(epochs):
            self.cols.n = n
            self.dead = {i for i in self.dead if i < n}
            self.after_drop()

    def _needed(self, i: int) -> bool:
        """Row ``i`` stays whatever else comes: first, best, or on the stride's grid."""
        return i == 0 or i == self.best or self.cols.epoch[i] % self.stride == 0

    def limit(self) -> int:
        """Rows the budget has room for; first, best and latest always (the columns have
        room for one block more)."""
        return max(self.budget // self.cols.row_bytes, 3)

    def fit(self) -> None:
        """Drop former bests, then double the stride, until the rows fit the budget."""
        cols = self.cols
        if cols is None:
            return
        self.drop_dead()
        while cols.n > self.limit() and cols.n > 3:
            self.restride(self.stride * 2)
        room = max(self.limit() + self.block_rows, cols.n)
        if cols.cap > room:   # a smaller budget: give the room back
            cols.reserve(room)

    def restride(self, stride: int) -> None:
        """Keep the rows on the grid of ``stride``, the first, the best and the latest."""
        self.drop_dead()
        self.stride = stride
        cols = self.cols
        if cols is not None and cols.n:
            keep = cols.epoch[:cols.n] % stride == 0
            keep[[0, cols.n - 1] + ([self.best] if self.best is not None else [])] = True
            self._keep(np.flatnonzero(keep))

    def drop_dead(self) -> None:
        if self.dead:
            alive = self.alive()
            self.dead = set()
            self._keep(np.flatnonzero(alive))

    def _keep(self, rows: np.ndarray) -> None:
        best = self.best
        self.cols.keep(rows)
        self.best = None if best is None else int(np.searchsorted(rows, best))

    def after_drop(self) -> None:
        """After rows went: the best among the rows left if it went."""
        cols = self.cols
        if self.best is None or self.best >= cols.n:
            vals = np.where(self.alive(), cols.val_loss[:cols.n], np.nan)
            measured = ~np.isnan(vals)
            self.best = int(np.flatnonzero(measured)[np.argmin(vals[measured])]) if measured.any() else None
            self.best_val = math.inf if self.best is None else float(vals[self.best])
