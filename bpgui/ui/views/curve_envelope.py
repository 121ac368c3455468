"""What a curve of a million epochs draws: a min/max envelope, updated with the new epochs only."""
from __future__ import annotations

import numpy as np


class GrowingArray:
    """A float64 buffer with amortised O(1) appends; ``view()`` is a slice, not a copy."""

    def __init__(self, capacity: int = 1024) -> None:
        self._data = np.empty(capacity)
        self.n = 0

    def extend(self, values) -> None:
        values = np.asarray(values, dtype=np.float64).ravel()
        need = self.n + len(values)
        if need > len(self._data):
            grown = np.empty(max(need, 2 * len(self._data)))
            grown[:self.n] = self._data[:self.n]
            self._data = grown
        self._data[self.n:need] = values
        self.n = need

    def clear(self) -> None:
        self.n = 0

    def view(self) -> np.ndarray:
        return self._data[:self.n]


class MinMaxEnvelope:
    """What a curve of a long history shows: per bucket of epochs, the minimum
    and the maximum, kept up to date incrementally.

    Up to ``cap`` buckets are kept; when there are more, neighbours merge and
    the bucket width doubles, so a 1,000,000-epoch curve is drawn from at most
    2 * cap points and each refresh only looks at the epochs that are new.
    Peaks (spikes in the loss) survive, unlike in plain subsampling.
    """

    def __init__(self, cap: int = 512) -> None:
        self.cap = cap
        self.clear()

    def clear(self) -> None:
        self.width = 1          # epochs per bucket
        self.seen = 0           # epochs consumed
        self.lo = GrowingArray()
        self.hi = GrowingArray()

    def update(self, y: np.ndarray) -> None:
        """Consume y[self.seen:] (y is the whole column so far)."""
        if len(y) < self.seen:
            self.clear()
        # The last row stays out of the buckets: a thinned history may replace it
        # (it was kept only for being the latest epoch); the tail shows it.
        new = y[self.seen:len(y) - 1]
        # Complete buckets only; the tail waits for the next call.
        whole = (len(new) // self.width) * self.width
        if whole:
            block = new[:whole].reshape(-1, self.width)
            with np.errstate(invalid="ignore"):
                self.lo.extend(np.fmin.reduce(block, axis=1))
                self.hi.extend(np.fmax.reduce(block, axis=1))
            self.seen += whole
        while self.lo.n > self.cap:
            n = self.lo.n // 2 * 2
            lo, hi = self.lo.view()[:n], self.hi.view()[:n]
            merged_lo = np.fmin(lo[0::2], lo[1::2])
            merged_hi = np.fmax(hi[0::2], hi[1::2])
            odd = self.lo.n % 2
            self.lo.clear()
            self.hi.clear()
            self.lo.extend(merged_lo)
            self.hi.extend(merged_hi)
            if odd:  # the last bucket would be half of a new one: its epochs are re-read
                self.seen -= self.width
            self.width *= 2

    def curve(self, y: np.ndarray, x: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """x and y to draw: the envelope, then the raw tail.  ``x`` holds each
        row's epoch (default 1, 2, 3...); a bucket spans its first and last row's epochs."""
        self.update(y)
        if x is None:
            x = np.arange(1.0, len(y) + 1)
        if self.width == 1:  # short history: the points themselves
            return np.asarray(x, dtype=np.float64), y
        k = self.lo.n
        w = self.width
        first = np.arange(k) * w
        xs = np.empty(2 * k)
        xs[0::2] = x[first]
        xs[1::2] = x[first + (w - 1)]
        out = np.empty(2 * k)
        out[0::2] = self.lo.view()
        out[1::2] = self.hi.view()
        return (np.concatenate([xs, np.asarray(x[self.seen:], dtype=np.float64)]),
                np.concatenate([out, y[self.seen:]]))
