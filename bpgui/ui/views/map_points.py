"""The data points on the output map: training rows as circles, test rows as diamonds.

A point sits at its values of the map's axes (its projection onto the plane;
on a curve, at its target); its colour is its class, or its target on the
colour bar.  Rows missing a coordinate have no place and are left out.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from .map_colours import class_colour, value_colours

__all__ = ["MapPoints"]

LINE_BRUSH = pg.mkBrush(31, 119, 180, 170)   # a regression curve's points: one colour, the curve is red


class MapPoints:
    """Fills the two scatter items; remembers the raw rows, so a click names its sample."""

    def __init__(self, train: pg.ScatterPlotItem, test: pg.ScatterPlotItem) -> None:
        self.train, self.test = train, test
        self._rows = np.zeros((0, 0))

    def clear(self) -> None:
        self.train.setData([], [])
        self.test.setData([], [])
        self._rows = np.zeros((0, 0))

    def show(self, dataset, session, axes: tuple[int, ...], output: int, levels: tuple[float, float]) -> None:
        if session is not None:
            seen = [part for part in (session.train, session.val) if part is not None]
            test = session.test
        else:
            seen, test = [dataset], None
        X = np.vstack([p.X for p in seen])
        Y = np.vstack([p.Y for p in seen])
        style = (dataset.task, axes, output, levels)
        rows = [self._fill(self.train, X, Y, style, 0)]
        if test is not None and len(test.X):
            rows.append(self._fill(self.test, test.X, test.Y, style, len(rows[0])))
        else:
            self.test.setData([], [])
        self._rows = np.vstack(rows)

    def _fill(self, item, X, Y, style, first: int) -> np.ndarray:
        task, axes, output, levels = style
        placed = ~np.isnan(X[:, list(axes)]).any(axis=1)
        X, Y = X[placed], Y[placed]
        if len(axes) == 2:
            x, y = X[:, axes[0]], X[:, axes[1]]
        else:   # on a curve: at the target (a multiclass point at 1, its class's probability)
            x = X[:, axes[0]]
            y = np.ones(len(X)) if task == "multiclass" else Y[:, output]
        item.setData(x=x, y=y, brush=_brushes(task, Y, output, levels, len(axes)), data=first + np.arange(len(X)))
        return X

    def row_of(self, spot) -> np.ndarray | None:
        k = spot.data()
        return None if k is None or not 0 <= k < len(self._rows) else self._rows[k].copy()


def _brushes(task: str, Y: np.ndarray, output: int, levels, n_axes: int) -> list:
    if task == "regression":
        return value_colours(Y[:, output], levels) if n_axes == 2 else [LINE_BRUSH] * len(Y)
    k = Y.argmax(axis=1) if task == "multiclass" else (Y[:, output] >= 0.5).astype(int)
    brushes = [pg.mkBrush(*class_colour(i)) for i in range(int(k.max(initial=1)) + 1)]
    return [brushes[i] for i in k]
