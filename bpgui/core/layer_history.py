"""A layer's distribution and norm over a timeline that grows while it is shown.

A view draws at most a few hundred epochs across its width, so it counts only
the checkpoints on an even grid of epochs (``even_rows``: the multiples of a
power of two, which stay on the grid as the run grows and the step doubles).

While a run goes on, a view asks again and again for the same layer's
distribution over a timeline that has gained a few checkpoints (and, when it
thins itself, lost some).  ``LayerHistory`` keeps what it counted and counts
only the checkpoints it has not seen: a kept row is one whose epoch it has
counted before and whose weights, at a few probed places, are the same (a run
rewound and trained on differently makes new weights under old epoch numbers).
Its value range has a margin, so that it holds for a while as the weights
spread; when a new checkpoint leaves it, every row is counted again in a wider one.
"""
from __future__ import annotations

import weakref

import numpy as np

from .weight_history import Distribution, finite_extent, layer_block, row_histograms, row_norms, value_range

__all__ = ["LayerHistory", "even_rows"]

MARGIN = 0.25     # of the weights' span, added on each side of a new value range
PROBES = 8        # weights compared to tell a kept row from a new one under the same epoch


class LayerHistory:
    """``update(timeline, layer, rows)`` -> (Distribution, norms) of those rows of the
    timeline (all by default), counting only the checkpoints not counted before."""

    def __init__(self, bins: int = 64) -> None:
        self.bins = int(bins)
        self.recounted = 0          # rows counted by the last update (what it cost)
        self._forget()

    def _forget(self) -> None:
        self._source = None         # (weak reference to the timeline, layer)
        self._epochs = np.empty(0, np.int64)
        self._probes = np.empty((0, 0))
        self._edges = np.empty(0)
        self._counts = np.empty((0, 0), np.int64)
        self._norms = np.empty(0)

    def update(self, timeline, layer: int, rows: np.ndarray | None = None) -> tuple[Distribution, np.ndarray]:
        epochs, block = layer_block(timeline, layer)
        rows = np.arange(len(block)) if rows is None else np.asarray(rows, np.intp)
        epochs = epochs[rows]
        if self._source is None or self._source[0]() is not timeline or self._source[1] != layer:
            self._forget()
            self._source = (weakref.ref(timeline), layer)
        probes = block[np.ix_(rows, _probe_columns(block.shape[1]))]
        old = self._old_rows(epochs, probes)
        new = np.flatnonzero(old < 0)
        if not self._edges.size or not _within(finite_extent(block, rows[new]), self._edges):
            self._edges = _padded_edges(value_range(block, rows), self.bins)
            old[:], new = -1, np.arange(len(rows))
        counts = np.empty((len(rows), self.bins), np.int64)
        norms = np.empty(len(rows))
        kept = old >= 0
        if kept.any():
            counts[kept], norms[kept] = self._counts[old[kept]], self._norms[old[kept]]
        counts[new] = row_histograms(block, self._edges, rows[new])
        norms[new] = row_norms(block, rows[new])
        self._epochs, self._probes, self._counts, self._norms = epochs, probes, counts, norms
        self.recounted = len(new)
        return Distribution(epochs, self._edges, counts), norms

    def _old_rows(self, epochs: np.ndarray, probes: np.ndarray) -> np.ndarray:
        """For each checkpoint, the row counted before for the same epoch and weights (-1: none)."""
        if not len(self._epochs):
            return np.full(len(epochs), -1, np.intp)
        at = np.minimum(np.searchsorted(self._epochs, epochs), len(self._epochs) - 1)
        same = (self._epochs[at] == epochs) & _equal_rows(self._probes[at], probes)
        return np.where(same, at, -1)


def even_rows(epochs: np.ndarray, most: int, least_step: int = 1) -> tuple[np.ndarray, int]:
    """(rows, step): the rows of the epochs that are multiples of ``step``, the least power of
    two from ``least_step`` (a timeline's stride: the spacing of all its kept epochs) with at
    most ``most`` multiples between the first and the last epoch (at least one row: the first).
    One pass over the epochs: a timeline of XOR holds 10^5 of them."""
    step = max(1, int(least_step))
    if not len(epochs):
        return np.empty(0, np.intp), step
    first, last = int(epochs[0]), int(epochs[-1])
    while last // step - -(-first // step) + 1 > most:
        step *= 2
    rows = np.flatnonzero(epochs % step == 0)
    return (rows if len(rows) else np.arange(1)), step


def _probe_columns(n: int) -> np.ndarray:
    return np.unique(np.linspace(0, max(n - 1, 0), min(PROBES, n)).astype(np.intp))


def _equal_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Rows equal value for value (NaN equal to NaN: a diverged checkpoint is still the same one)."""
    return ((a == b) | (np.isnan(a) & np.isnan(b))).all(axis=1)


def _within(extent: tuple[float, float] | None, edges: np.ndarray) -> bool:
    return extent is None or bool(edges[0] <= extent[0] and extent[1] <= edges[-1])


def _padded_edges(extent: tuple[float, float], bins: int) -> np.ndarray:
    lo, hi = extent
    pad = MARGIN * (hi - lo)
    return np.linspace(lo - pad, hi + pad, bins + 1)
