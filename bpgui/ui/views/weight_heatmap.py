"""One layer's weight matrix as a heatmap with a symmetric, diverging colour scale.

A click on a cell emits ``sigCellClicked(layer, i, j)`` (the window plots that weight over the run)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..i18n import translate
from .layer_choice import layer_row, set_layer_choices
from .nice_numbers import nice_ceiling
from .theme import WEIGHT_CMAP


MAX_IMAGE_CELLS = 256   # rows (or columns) of a weight matrix coloured for the heatmap


class WeightHeatmap(QWidget):
    """One layer's weight matrix: rows = inputs, columns = outputs, symmetric levels."""

    sigCellClicked = Signal(int, int, int)   # layer, input neuron i, output neuron j

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        row, self.layer = layer_row()
        lay.addLayout(row)
        self.widget = pg.GraphicsLayoutWidget()
        self.plot = self.widget.addPlot(title=translate("weight_heatmap", "weights"))
        self.plot.setLabel("left", translate("weight_heatmap", "input neuron"))
        self.plot.setLabel("bottom", translate("weight_heatmap", "output neuron"))
        self.plot.invertY(True)
        self.plot.setAspectLocked(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        # The network view's colours: orange negative, blue positive, white zero,
        # so a weight reads the same in both views.
        self.cmap = WEIGHT_CMAP
        self.image.setColorMap(self.cmap)
        self.colorbar = pg.ColorBarItem(values=(-1, 1), colorMap=self.cmap, interactive=False, width=14)
        self._title = ""
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        lay.addWidget(self.widget, 1)
        self.levels = (-1.0, 1.0)
        self._levels_layer = -1
        self._shape = None
        self._weights: list[np.ndarray] = []
        self.layer.currentIndexChanged.connect(self._layer_changed)
        self.widget.scene().sigMouseClicked.connect(self._clicked)
        self.widget.setToolTip(translate("weight_heatmap", "Click a cell to plot that weight over the run (Trajectories tab)"))

    def set_layer_count(self, n: int) -> None:
        set_layer_choices(self.layer, n)

    @Slot(int)
    def _layer_changed(self, _index: int) -> None:
        self._draw()

    def cell_at(self, scene_pos) -> tuple[int, int] | None:
        """(i, j) of the cell under a point of the scene (None: no cell there)."""
        box = self.plot.getViewBox()
        if self._shape is None or not box.sceneBoundingRect().contains(scene_pos):
            return None
        p = box.mapSceneToView(scene_pos)
        i, j = int(np.floor(p.y())), int(np.floor(p.x()))
        return (i, j) if 0 <= i < self._shape[0] and 0 <= j < self._shape[1] else None

    def _clicked(self, event) -> None:
        cell = self.cell_at(event.scenePos()) if event.button() == Qt.LeftButton else None
        if cell is not None:
            event.accept()
            self.sigCellClicked.emit(self.layer.currentIndex(), *cell)

    def _set_ticks(self) -> None:
        """Row and column numbers, as many as the plot's size leaves room for (a label
        needs about 18 px of height, 28 px of width), at a round step."""
        if self._shape is None:
            return
        box = self.plot.getViewBox()
        for axis, n, room in (("bottom", self._shape[1], box.width() / 28), ("left", self._shape[0],
                                                                                box.height() / 18)):
            step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10**9)
                        if n / s <= max(room, 2))
            self.plot.getAxis(axis).setTicks([[(k - 0.5, str(k)) for k in range(step, n + 1, step)] or
                                              [(0.5, "1")]])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._set_ticks()

    def set_weights(self, weights) -> None:
        self._weights = list(weights)
        self.set_layer_count(len(self._weights))
        self._draw()

    def _draw(self) -> None:
        k = self.layer.currentIndex()
        if not (0 <= k < len(self._weights)):
            return
        W = np.asarray(self._weights[k], dtype=np.float64)
        m = float(np.nanmax(np.abs(W))) if W.size else 1.0
        if not np.isfinite(m) or m <= 0:
            m = 1.0
        # Symmetric levels in steps (±1, ±1.2, ±1.5, ±2...): they change when the
        # largest |w| leaves them or falls below half of them, not every frame
        # (a new colour-bar scale re-generates its axis, ~2 ms).
        top = self.levels[1]
        if k != self._levels_layer or not (top / 2 < m <= top):
            self._levels_layer = k
            self.levels = (-nice_ceiling(m), nice_ceiling(m))
            self.colorbar.setLevels(self.levels)
            # Three labels: more overlap on a short bar (a 1024x700 window), and the scale is symmetric.
            top = self.levels[1]
            self.colorbar.axis.setTicks([[(-top, f"{-top:g}"), (0.0, "0"), (top, f"{top:g}")], []])
        # A matrix taller or wider than the plot's pixels is shown with every k-th row
        # or column, as drawing it scaled down would (each one keeps its own colour;
        # averaging would wash random-looking weights out to white), but colouring
        # only those: a 784 x 128 layer costs a quarter of its 100k cells.
        kr, kc = (max(1, -(-n // MAX_IMAGE_CELLS)) for n in W.shape)
        self.image.setImage(W[::kr, ::kc], levels=self.levels, autoLevels=False)
        self.image.setRect(0, 0, W.shape[1], W.shape[0])
        if self._shape != W.shape:
            self._shape = W.shape
            self._set_ticks()
            self.plot.setRange(xRange=(0, W.shape[1]), yRange=(0, W.shape[0]), padding=0.02)
        # The title changes with the layer only; the colour bar shows the scale.
        # (Re-setting a title every frame re-laid out the plot.)
        title = translate("weight_heatmap", "layer {n}: {rows} × {columns}").format(n=k + 1, rows=W.shape[0], columns=W.shape[1])
        if title != self._title:
            self._title = title
            self.plot.setTitle(title)
