"""The plot painted on: mouse presses and drags become strokes in data units.

The canvas does not pan or zoom (a drag paints) and has no context menu (the
right button erases).  It draws the points it is given and, behind them,
whatever the paint view puts there (the network's output).
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from bpgui.core.painted_data import PaintedPoints

from .theme import CLASS_COLOURS, PREDICTION_PEN

NUMBER_COLOUR = (31, 119, 180)
SPACING_PX = 10   # a drag paints again each time the mouse has moved this far


class PaintCanvas(QWidget):
    sigStroke = Signal(float, float, bool)   # x, y in data units; True: erase (the right button)
    sigStrokeEnded = Signal()                # the button that painted was released
    sigLeft = Signal()                       # the mouse left the canvas

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.widget = pg.PlotWidget()
        self.plot = self.widget.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.vb.setMouseEnabled(False, False)
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setContentsMargins(0, 6, 10, 0)   # room for the last tick labels at the top and right
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).enableAutoSIPrefix(False)
        self.backdrop = pg.ImageItem(axisOrder="row-major")
        self.backdrop.setZValue(-10)
        self.plot.addItem(self.backdrop)
        self.curve = self.plot.plot([], [], pen=PREDICTION_PEN)
        self.points = pg.ScatterPlotItem(size=9, pen=pg.mkPen("w", width=1.2))
        self.plot.addItem(self.points)
        self._brushes = [pg.mkBrush(*c) for c in CLASS_COLOURS]
        self._number_brush = pg.mkBrush(*NUMBER_COLOUR)
        self._button = None   # the button of the stroke under way
        self._last = QPointF()
        self.viewport.installEventFilter(self)
        self.viewport.setCursor(Qt.CrossCursor)
        lay.addWidget(self.widget)

    @property
    def viewport(self):
        return self.widget.viewport()

    @property
    def stroking(self) -> bool:
        """A button that paints is held down."""
        return self._button is not None

    # ---------------------------------------------------------------- drawing
    def set_frame(self, x_range, y_range, x_label: str, y_label: str) -> None:
        """The fixed range painted on, and the axes' names."""
        self.plot.setLabel("bottom", x_label)
        self.plot.setLabel("left", y_label)
        self.plot.vb.setRange(xRange=x_range, yRange=y_range, padding=0)
        self.plot.vb.disableAutoRange()

    def show_points(self, points: PaintedPoints) -> None:
        if points.mode == "numbers":
            brushes = [self._number_brush] * len(points)
        else:
            brushes = [self._brushes[k % len(self._brushes)] for k in points.labels]
        self.points.setData(pos=points.xy, brush=brushes)

    def show_picture(self, rgb: np.ndarray, rect) -> None:
        """An (n, n, 3) picture behind the points over ``rect`` (x, y, width, height)."""
        self.curve.setData([], [])
        self.backdrop.setImage(rgb, levels=(0, 255), autoLevels=False)
        self.backdrop.setRect(*rect)

    def show_curve(self, x: np.ndarray, y: np.ndarray) -> None:
        self.backdrop.clear()
        self.curve.setData(x, y)

    def clear_backdrop(self) -> None:
        self.backdrop.clear()
        self.curve.setData([], [])

    def pixel_size(self) -> tuple[float, float]:
        """A screen pixel's width and height in data units."""
        sx, sy = self.plot.vb.viewPixelSize()
        return max(sx, 1e-12), max(sy, 1e-12)

    def viewport_pos(self, x: float, y: float):
        """Where the data point (x, y) is on the viewport (where a test clicks to paint it)."""
        return self.widget.mapFromScene(self.plot.vb.mapViewToScene(QPointF(x, y)))

    # ------------------------------------------------------------------ mouse
    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind == QEvent.MouseButtonPress:
            return self._pressed(event)
        if kind == QEvent.MouseMove and self._button is not None:
            pos = event.position()
            if math.hypot(pos.x() - self._last.x(), pos.y() - self._last.y()) >= SPACING_PX:
                self._paint(pos)
            return True
        if kind == QEvent.MouseButtonRelease and self._button is not None:
            if event.button() == self._button:
                self._button = None
                self.sigStrokeEnded.emit()
            return True
        if kind == QEvent.Leave:
            self.sigLeft.emit()
        return False

    def _pressed(self, event) -> bool:
        if self._button is not None:   # a second button during a stroke: ignored
            return True
        if event.button() not in (Qt.LeftButton, Qt.RightButton):
            return False
        self._button = event.button()
        if not self._paint(event.position()):
            self._button = None   # on an axis: not a stroke
            return False
        return True

    def _paint(self, pos: QPointF) -> bool:
        """A stroke of the pressed button at viewport position ``pos``, if it lies on the plot's area."""
        scene = self.widget.mapToScene(pos.toPoint())
        if not self.plot.vb.sceneBoundingRect().contains(scene):
            return False
        self._last = QPointF(pos)
        p = self.plot.vb.mapSceneToView(scene)
        self.sigStroke.emit(p.x(), p.y(), self._button == Qt.RightButton)
        return True
