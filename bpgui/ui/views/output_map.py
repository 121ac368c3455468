"""What the network computes over its inputs, behind the training points."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from .theme import CLASS_COLOURS, MAP_CMAP, POINT_CMAP, PREDICTION_PEN


class BoundaryPlot(QWidget):
    """What the network computes over its inputs, behind the training points.

    Two inputs: an image over the plane (class-1 probability, class colours
    for several classes, or the regression value).  One input: the network's
    curve over the data.  More inputs: a note instead.
    """

    GRID = 72

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.widget = pg.PlotWidget()
        self.plot = self.widget.getPlotItem()
        self.plot.setTitle("output over the inputs")
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.cmap = MAP_CMAP
        self.point_cmap = POINT_CMAP
        self.image.setColorMap(self.cmap)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).enableAutoSIPrefix(False)
        self.points = pg.ScatterPlotItem(size=9, pen=pg.mkPen("w", width=1.5))
        self.plot.addItem(self.points)
        self.curve = self.plot.plot([], [], pen=PREDICTION_PEN)
        self.note = pg.TextItem("", color=(90, 90, 90), anchor=(0.5, 0.5))
        self.plot.addItem(self.note)
        lay.addWidget(self.widget, 1)
        self.mode = "none"
        self._grid = None
        self.levels = (0.0, 1.0)

    def set_data(self, dataset, session=None) -> None:
        """New training points; chooses the mode from the data's shape."""
        self._grid = None
        self.image.clear()
        self.curve.setData([], [])
        self.note.setText("")
        if dataset is None:
            self.points.setData([], [])
            self.mode = "none"
            return
        complete = ~np.isnan(dataset.X).any(axis=1)
        if not complete.all():   # a point with a missing coordinate has no place on the map
            dataset = dataset.subset(complete)
        X, Y = dataset.X, dataset.Y
        if dataset.n_features == 2 and dataset.n_outputs >= 1 and len(X):
            self.mode = "plane"
            lo, hi = X.min(axis=0), X.max(axis=0)
            pad = np.maximum((hi - lo) * 0.08, 1e-3)
            lo, hi = lo - pad, hi + pad
            gx = np.linspace(lo[0], hi[0], self.GRID)
            gy = np.linspace(lo[1], hi[1], self.GRID)
            xx, yy = np.meshgrid(gx, gy)
            self._grid = np.column_stack([xx.ravel(), yy.ravel()])
            self._rect = (lo[0], lo[1], hi[0] - lo[0], hi[1] - lo[1])
            self.plot.setLabel("bottom", dataset.feature_names[0])
            self.plot.setLabel("left", dataset.feature_names[1])
            self.points.setData(pos=X, brush=self._brushes(dataset))
            self.plot.setAspectLocked(False)
            self.plot.setRange(xRange=(lo[0], hi[0]), yRange=(lo[1], hi[1]), padding=0)
        elif dataset.n_features == 1 and dataset.n_outputs == 1 and len(X):
            self.mode = "line"
            x = X[:, 0]
            lo, hi = float(x.min()), float(x.max())
            pad = max((hi - lo) * 0.05, 1e-3)
            self._grid = np.linspace(lo - pad, hi + pad, 300)[:, None]
            self.plot.setLabel("bottom", dataset.feature_names[0])
            self.plot.setLabel("left", dataset.target_names[0])
            self.points.setData(x=x, y=Y[:, 0], brush=pg.mkBrush(31, 119, 180, 160))
            self.plot.enableAutoRange()
        else:
            self.mode = "none"
            self.points.setData([], [])
            self.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            self.note.setPos(0.5, 0.5)
            self.note.setText(f"The output map shows networks\nwith 1 or 2 inputs;\nthis data has {dataset.n_features}.")
        for axis in ("left", "bottom"):
            self.plot.showAxis(axis, self.mode != "none")

    def _brushes(self, dataset):
        if dataset.task == "regression":
            y = dataset.Y[:, 0]
            lo, hi = float(y.min()), float(y.max())
            t = (y - lo) / (hi - lo) if hi > lo else np.full_like(y, 0.5)
            return [pg.mkBrush(self.point_cmap.map(v, mode="qcolor")) for v in t]
        if dataset.n_outputs == 1:
            k = (dataset.Y[:, 0] >= 0.5).astype(int)
            colours = [CLASS_COLOURS[1], CLASS_COLOURS[0]]   # class 1 blue, class 0 orange (as the map)
        else:
            k = dataset.Y.argmax(axis=1)
            colours = CLASS_COLOURS
        brushes = [pg.mkBrush(*colours[i % len(colours)]) for i in range(max(k.max() + 1, 2))]
        return [brushes[i] for i in k]

    def update_model(self, model, network=None) -> None:
        """Recompute the output map with ``network`` (default: the model's own)."""
        if self._grid is None or model is None:
            return
        net = network or model.network
        if net.n_inputs != self._grid.shape[1]:
            return
        with np.errstate(all="ignore"):
            out = net.predict(model.encode_inputs(self._grid)).astype(np.float64)
            out = model.y_normalizer.inverse_transform(out)
        if self.mode == "line":
            self.curve.setData(self._grid[:, 0], out[:, 0])
            return
        n = self.GRID
        if out.shape[1] == 1:
            img = out[:, 0].reshape(n, n)
            if model.task == "regression":
                lo, hi = float(np.nanmin(img)), float(np.nanmax(img))
                self.levels = (lo, hi if hi > lo else lo + 1e-9)
            else:
                self.levels = (0.0, 1.0)
            self.image.setImage(img, levels=self.levels, autoLevels=False)
        else:
            # Several classes: the winning class's colour, faded by its probability.
            k = out.argmax(axis=1)
            p = np.clip(out.max(axis=1), 0, 1)
            base = np.array(CLASS_COLOURS, dtype=float)[k % len(CLASS_COLOURS)]
            rgb = 248 + (base - 248) * (0.15 + 0.4 * p[:, None])
            self.image.setImage(rgb.reshape(n, n, 3).astype(np.uint8), levels=(0, 255), autoLevels=False)
        self.image.setRect(*self._rect)
