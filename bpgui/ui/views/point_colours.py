"""The data points' colours, as the output map draws them: a class by its colour
(for one sigmoid output class 1 blue and class 0 orange, as the map behind them),
a number by its place between the smallest and the largest value, in a few steps.

Points come in groups of one colour: a scatter item with one brush takes new
positions several times faster than one with a brush per point, which matters
for views redrawn while training."""
from __future__ import annotations

import numpy as np

from .theme import CLASS_COLOURS, POINT_CMAP

VALUE_STEPS = 9     # colours of a number: steps of the points' colour map


def point_groups(dataset) -> list[tuple[tuple[int, int, int], np.ndarray]]:
    """(colour, row indices) for each colour the rows of ``dataset`` take."""
    if dataset.task == "regression":
        y = dataset.Y[:, 0]
        lo, hi = float(np.nanmin(y)), float(np.nanmax(y))
        t = (y - lo) / (hi - lo) if hi > lo else np.full_like(y, 0.5)
        k = np.clip(np.round(np.nan_to_num(t, nan=0.5) * (VALUE_STEPS - 1)), 0, VALUE_STEPS - 1).astype(int)
        colours = [tuple(int(v) for v in POINT_CMAP.map(s / (VALUE_STEPS - 1), mode="byte")[:3])
                   for s in range(VALUE_STEPS)]
    elif dataset.n_outputs == 1:
        k = (dataset.Y[:, 0] >= 0.5).astype(int)
        colours = [CLASS_COLOURS[1], CLASS_COLOURS[0]]
    else:
        k = dataset.Y.argmax(axis=1)
        colours = [CLASS_COLOURS[i % len(CLASS_COLOURS)] for i in range(dataset.n_outputs)]
    return [(colours[c], np.flatnonzero(k == c)) for c in range(len(colours)) if np.any(k == c)]
