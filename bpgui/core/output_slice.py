"""A plane through the input space, for maps of what the network computes.

Two features span the plane's axes (one, for a curve); every other feature
is held at a value (by default its mean over the training rows).  The grid
is in raw units, as the user reads them: ``Model.encode_inputs`` turns it
into what the network sees.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from .dataset import Dataset
from .plane_forward import layer_outputs_over

__all__ = ["Plane", "default_plane", "telling_axes", "plane_grid", "slice_inputs", "outputs_at",
           "slice_outputs", "class_probabilities", "band_values", "nice_step"]


@dataclass(frozen=True)
class Plane:
    axes: tuple[int, ...]          # the feature on x (and on y): one or two indices
    held: np.ndarray = field(compare=False)   # every feature's value; the axes' entries are ignored
    lo: tuple[float, ...] = ()     # each axis's range, in raw units
    hi: tuple[float, ...] = ()

    def with_axes(self, axes: tuple[int, ...], data: np.ndarray) -> "Plane":
        lo, hi = _ranges(data, axes)
        return replace(self, axes=tuple(axes), lo=lo, hi=hi)

    def holding(self, values: np.ndarray) -> "Plane":
        """The same axes, the other features held at ``values`` (a sample, or the user's)."""
        return replace(self, held=np.asarray(values, dtype=np.float64).copy())


def _ranges(data: np.ndarray, axes: tuple[int, ...]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The data's range on each axis, padded by 8 % so the extreme points are inside."""
    lo, hi = [], []
    for k in axes:
        col = data[:, k][~np.isnan(data[:, k])]
        a, b = (float(col.min()), float(col.max())) if len(col) else (0.0, 1.0)
        pad = max((b - a) * 0.08, 1e-3)
        lo.append(a - pad)
        hi.append(b + pad)
    return tuple(lo), tuple(hi)


def default_plane(dataset: Dataset, train: Dataset | None = None) -> Plane:
    """The first two features on the axes, the others at the training rows' means."""
    rows = (train or dataset).X
    held = np.nanmean(rows, axis=0) if rows.size else np.zeros(dataset.n_features)
    held = np.where(np.isnan(held), 0.0, held)
    axes = (0, 1) if dataset.n_features >= 2 else (0,)
    lo, hi = _ranges(dataset.X, axes)
    return Plane(axes, held, lo, hi)


def telling_axes(train: Dataset) -> tuple[int, ...]:
    """The two features that go most with the targets (the largest |correlation| with any
    target column), in the data's order: a first map worth looking at.  A constant
    feature (a digit's corner pixel) tells nothing and comes last."""
    n = train.n_features
    if n <= 2 or train.n_samples < 2:
        return tuple(range(min(n, 2)))
    X = np.where(np.isnan(train.X), np.nanmean(train.X, axis=0), train.X)
    X = X - X.mean(axis=0)
    Y = np.nan_to_num(train.Y - np.nanmean(train.Y, axis=0))
    with np.errstate(all="ignore"):
        corr = (X.T @ Y) / np.outer(np.sqrt((X ** 2).sum(axis=0)), np.sqrt((Y ** 2).sum(axis=0)))
    score = np.nan_to_num(np.abs(corr)).max(axis=1)
    best = np.argsort(-score, kind="stable")[:2]
    return tuple(int(k) for k in sorted(best))


def plane_grid(plane: Plane, n: int) -> np.ndarray:
    """Raw feature rows over the plane: an n x n grid, row-major with x fastest (rows of
    the image), or n points along one axis; held features at their values."""
    ticks = [np.linspace(a, b, n) for a, b in zip(plane.lo, plane.hi)]
    if len(plane.axes) == 2:
        xx, yy = np.meshgrid(ticks[0], ticks[1])
        coords = [xx.ravel(), yy.ravel()]
    else:
        coords = [ticks[0]]
    X = np.tile(plane.held, (len(coords[0]), 1))
    for k, c in zip(plane.axes, coords):
        X[:, k] = c
    return X


def slice_inputs(model, plane: Plane, n: int) -> np.ndarray:
    """What the network sees at ``plane_grid(plane, n)``: the grid encoded, in the
    network's dtype.  It depends on the plane only, so a view keeps it while training."""
    return model.encode_inputs(plane_grid(plane, n)).astype(model.network.dtype)


def outputs_at(model, inputs: np.ndarray, network=None) -> np.ndarray:
    """The outputs, on the targets' raw scale, for encoded ``inputs``; ``network``
    (default the model's own) holds the weights."""
    net = network if network is not None else model.network
    with np.errstate(all="ignore"):   # a diverging network still gets drawn
        out = layer_outputs_over(net, inputs)[-1].astype(np.float64)   # a grid: cheap (plane_forward.py)
        return model.y_normalizer.inverse_transform(out)


def slice_outputs(model, plane: Plane, n: int, network=None) -> np.ndarray:
    """The network's outputs at ``plane_grid(plane, n)``, one row per grid point."""
    return outputs_at(model, slice_inputs(model, plane, n), network)


def class_probabilities(out: np.ndarray, task: str, output: int = 0) -> np.ndarray:
    """Each row's probability of each class.  Multiclass: the softmax outputs are the
    classes.  Binary: sigmoid output ``output`` (of one, or of several independent ones
    such as the adders' sum and carry) is the probability of its class 1, of [0, 1]."""
    if task == "multiclass":
        return np.clip(out, 0.0, 1.0)
    p = np.clip(out[:, output], 0.0, 1.0)
    return np.column_stack([1.0 - p, p])


def nice_step(span: float, bands: int) -> float:
    """A round step (1, 2 or 5 times a power of ten) cutting ``span`` into about ``bands`` parts."""
    if not np.isfinite(span) or span <= 0:
        return 1.0
    raw = span / bands
    power = 10.0 ** np.floor(np.log10(raw))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def band_values(values: np.ndarray, step: float) -> np.ndarray:
    """Each value replaced by the middle of its band of width ``step`` (bands start at 0),
    so a map of them shows contour bands."""
    return (np.floor(values / step) + 0.5) * step
