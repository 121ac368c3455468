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

__all__ = ["Plane", "default_plane", "plane_grid"]


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
