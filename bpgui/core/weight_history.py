"""The weights over a run, read from a timeline's columns: one weight's series, and
per layer the distribution of its weights and their norm at every checkpoint.

A timeline stores its checkpoints' parameters as one block, a row per checkpoint
(timeline_columns.py), and a layer's weights are one contiguous run of columns
in it (network.parameter_views), so a weight's series is one column of the block
and a layer's weights a slice of columns: nothing loops over checkpoints in
Python (but counting long rows, where a small step a row costs nothing beside
sorting the row).  The layer's block is worked on in chunks of rows, so that a layer of
100,000 weights over thousands of checkpoints needs no full-size temporary.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Distribution", "timeline_version", "kept_epochs", "layer_block", "weight_series", "layer_norms", "layer_distribution",
           "finite_extent", "value_range", "row_histograms", "row_norms"]

CHUNK_VALUES = 2**20        # values of a block worked on at a time (8 MiB as float64)
# Rows this long are counted by sorting them (about 5 ns a value and ~10 us a row); shorter
# ones by bin arithmetic (about 15 ns a value, nothing a row): XOR's timeline holds 10^5 rows of 8.
SORT_FROM = 1024


@dataclass(frozen=True)
class Distribution:
    """A layer's weights at each checkpoint, counted in common bins."""

    epochs: np.ndarray      # (n,) the checkpointed epochs
    edges: np.ndarray       # (bins + 1,) float64, the same for every epoch
    counts: np.ndarray      # (n, bins) int64: weights per bin (NaN and infinities counted nowhere)


def timeline_version(timeline) -> tuple:
    """What changes when checkpoints come or go: a view redraws when this does."""
    return len(timeline), timeline.first_epoch, timeline.last_epoch, timeline.stride, timeline.best_epoch


def weight_offset(sizes, layer: int) -> int:
    """Where layer ``layer``'s weights start in the flat parameter vector (network.parameter_views'
    layout: per layer the block [W; b], W fan_in x fan_out, row-major)."""
    if not 0 <= layer < len(sizes) - 1:
        raise IndexError(f"layer {layer} of a network with {len(sizes) - 1} layers of weights")
    return sum((int(a) + 1) * int(b) for a, b in zip(sizes[:layer], sizes[1:layer + 1]))


def layer_block(timeline, layer: int) -> tuple[np.ndarray, np.ndarray]:
    """(epochs, block): the kept epochs, and layer ``layer``'s weights at each as one row
    (a view of the timeline's columns, W flattened row-major: weight (i, j) is column
    i * fan_out + j).  Read it before the timeline changes again."""
    fan_in, fan_out = timeline.sizes[layer], timeline.sizes[layer + 1]
    start = weight_offset(timeline.sizes, layer)
    columns = timeline.columns()
    if not columns:
        return np.empty(0, np.int64), np.empty((0, fan_in * fan_out))
    return columns["epoch"], columns["params"][:, start:start + fan_in * fan_out]


def kept_epochs(timeline) -> np.ndarray:
    """The checkpointed epochs as an array (a view of the timeline's column: read it at once)."""
    columns = timeline.columns()
    return columns["epoch"] if columns else np.empty(0, np.int64)


def weight_series(timeline, layer: int, i: int, j: int) -> tuple[np.ndarray, np.ndarray]:
    """(epochs, values): weight ``i -> j`` of layer ``layer`` at every kept epoch (copies)."""
    fan_in, fan_out = timeline.sizes[layer], timeline.sizes[layer + 1]
    if not (0 <= i < fan_in and 0 <= j < fan_out):
        raise IndexError(f"weight {i} -> {j} of a {fan_in} x {fan_out} layer")
    epochs, block = layer_block(timeline, layer)
    return epochs.copy(), block[:, i * fan_out + j].copy()


def _chunks(block: np.ndarray, rows: np.ndarray | None = None):
    """(k, part): ``block``'s rows (or those of ``rows``, in their order) a few MiB at a time,
    from the k-th; a chunk of chosen rows is the only copy made of them."""
    n = len(block) if rows is None else len(rows)
    step = max(1, CHUNK_VALUES // max(block.shape[1], 1))
    for a in range(0, n, step):
        yield a, block[a:a + step] if rows is None else block[rows[a:a + step]]


def _count(block: np.ndarray, rows: np.ndarray | None) -> int:
    return len(block) if rows is None else len(rows)


def row_norms(block: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """The L2 norm of each row (of ``rows`` only if given), summed in float64."""
    out = np.empty(_count(block, rows))
    for a, part in _chunks(block, rows):
        out[a:a + len(part)] = np.sqrt(np.einsum("ij,ij->i", part, part, dtype=np.float64))
    return out


def layer_norms(timeline, layer: int) -> tuple[np.ndarray, np.ndarray]:
    """(epochs, norms): the L2 (Frobenius) norm of layer ``layer``'s weight matrix at every kept epoch."""
    epochs, block = layer_block(timeline, layer)
    return epochs.copy(), row_norms(block)


def finite_extent(block: np.ndarray, rows: np.ndarray | None = None) -> tuple[float, float] | None:
    """The least and greatest finite value of ``block`` (of its ``rows`` if given; None: none)."""
    extents = [_part_extent(part) for _, part in _chunks(block, rows)]
    extents = [e for e in extents if e is not None]
    return (min(lo for lo, _ in extents), max(hi for _, hi in extents)) if extents else None


def _part_extent(part: np.ndarray) -> tuple[float, float] | None:
    if not part.size:
        return None
    lo, hi = float(np.min(part)), float(np.max(part))
    if not (np.isfinite(lo) and np.isfinite(hi)):   # a diverged run: its finite values only
        finite = part[np.isfinite(part)]
        return (float(finite.min()), float(finite.max())) if finite.size else None
    return lo, hi


def value_range(block: np.ndarray, rows: np.ndarray | None = None) -> tuple[float, float]:
    """``finite_extent``, widened to (v - 0.5, v + 0.5) around a single value as np.histogram
    widens it; (-1, 1) when there is none."""
    lo, hi = finite_extent(block, rows) or (-1.0, 1.0)
    return (lo - 0.5, hi + 0.5) if lo == hi else (lo, hi)


def row_histograms(block: np.ndarray, edges: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """Each row of ``block`` (of ``rows`` only if given) counted in the bins of the evenly
    spaced ``edges`` (np.linspace), exactly as np.histogram(row, edges) counts (the last bin
    closed; values outside, NaN, inf in none)."""
    edges = np.asarray(edges, np.float64)
    counts = np.zeros((_count(block, rows), len(edges) - 1), np.int64)
    count = _count_sorted if block.shape[1] >= SORT_FROM else _count_by_bin
    for a, part in _chunks(block, rows):
        counts[a:a + len(part)] = count(part, edges)
    return counts


def _count_sorted(part: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Long rows: sort them (one call a chunk, ~5 ns a value), then find the edges in each."""
    out = np.empty((len(part), len(edges) - 1), np.int64)
    for r, row in enumerate(np.sort(part, axis=1)):
        below = np.searchsorted(row, edges)                    # values < each edge (NaN sorts last)
        below[-1] = np.searchsorted(row, edges[-1], "right")   # the last bin holds its upper edge
        out[r] = np.diff(below)
    return out


def _count_by_bin(part: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Short rows, with no step a row: each value's bin by arithmetic, then one count of the chunk."""
    k = len(edges) - 1
    x = part.astype(np.float64)
    inside = (x >= edges[0]) & (x <= edges[-1])            # NaN is neither
    guess = np.where(inside, (x - edges[0]) * (k / (edges[-1] - edges[0])), 0)
    index = np.minimum(guess.astype(np.intp), k - 1)
    # The arithmetic rounds; the edges decide, as np.histogram's own correction does.
    index -= x < edges[index]
    index += (x >= edges[index + 1]) & (index < k - 1)
    index = np.where(inside, index, k)                       # one spare bin a row for what is left out
    index += np.arange(len(x))[:, None] * (k + 1)
    counts = np.bincount(index.ravel(), minlength=len(x) * (k + 1))
    return counts.reshape(len(x), k + 1)[:, :k]


def layer_distribution(timeline, layer: int, bins: int = 64,
                       value_range_: tuple[float, float] | None = None) -> Distribution:
    """Layer ``layer``'s weights at every kept epoch, counted in ``bins`` even bins over one
    value range for the whole run (its least to greatest finite weight unless given)."""
    if bins < 1:
        raise ValueError(f"bins must be >= 1, got {bins}")
    epochs, block = layer_block(timeline, layer)
    lo, hi = value_range(block) if value_range_ is None else value_range_
    edges = np.linspace(lo, hi, bins + 1)
    return Distribution(epochs.copy(), edges, row_histograms(block, edges))
