"""A pad to draw an image input with the mouse: a digit for a network trained on digits.

The pad is the image's W x H pixels drawn large.  The left button paints, the
right one erases, with a round pen: the pixel under the mouse gets the full
value and its neighbours less, the further they are, as a pen's stroke fades
at its edge; that is what the data's pixels look like (the 8x8 digits are
scanned strokes scaled down).  Values are on the data's scale (0..16 for the
8x8 digits), so a drawing means what a sample's pixels mean.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from bpgui.ui.i18n import translate

__all__ = ["DrawingPad", "PadCanvas", "pen_strength"]

PEN_RADIUS = 1.5          # in pixels of the image: a neighbour one pixel away gets half the ink
STROKE_STEP = 0.25        # a fast stroke is inked every quarter pixel along its way, leaving no gaps
MIN_SIDE = 112            # screen pixels across the pad at the least: an 8x8 pad of 14-pixel squares


def pen_strength(width: int, height: int, at: QPointF | tuple[float, float]) -> np.ndarray:
    """The pen's ink (0..1) on each pixel, (height, width), for the pen at ``at`` in pixel
    units ((0, 0) the top left corner of the image): full on the pixel under it, fading to
    none ``PEN_RADIUS`` pixels from it."""
    x, y = (at.x(), at.y()) if isinstance(at, QPointF) else at
    cols, rows = np.meshgrid(np.arange(width) + 0.5, np.arange(height) + 0.5)
    ink = np.clip(PEN_RADIUS - np.hypot(cols - x, rows - y), 0.0, 1.0)
    c, r = int(np.floor(x)), int(np.floor(y))
    if 0 <= r < height and 0 <= c < width:
        ink[r, c] = 1.0
    return ink


class PadCanvas(QWidget):
    """The pixels, drawn as large as the widget allows; the mouse paints on them."""

    sigChanged = Signal(object)    # the pixels, row by row, after a stroke moved

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setCursor(Qt.CrossCursor)
        self.width_px, self.height_px = 1, 1
        self.lo, self.hi = 0.0, 1.0
        self.pixels = np.zeros((1, 1))
        self._last: QPointF | None = None
        self._button = Qt.NoButton

    def set_shape(self, width: int, height: int, lo: float, hi: float) -> None:
        """A blank W x H image whose values go from ``lo`` (no ink) to ``hi`` (full ink)."""
        self.width_px, self.height_px = int(width), int(height)
        self.lo, self.hi = float(lo), float(hi) if hi > lo else float(lo) + 1.0
        self.pixels = np.full((self.height_px, self.width_px), self.lo)
        self.updateGeometry()
        self.update()

    def values(self) -> np.ndarray:
        return self.pixels.ravel().copy()

    def set_values(self, x) -> None:
        x = np.asarray(x, dtype=np.float64)
        if x.size == self.pixels.size:
            self.pixels = np.nan_to_num(x.reshape(self.pixels.shape), nan=self.lo).copy()
            self.update()

    def clear(self) -> None:
        self.pixels[:] = self.lo
        self.update()
        self.sigChanged.emit(self.values())

    # ------------------------------------------------------------ geometry
    def cell(self) -> float:
        # One pixel short of the widget, so the grid's last line is inside it.
        return max(1.0, min((self.width() - 1) / self.width_px, (self.height() - 1) / self.height_px))

    def _origin(self) -> QPointF:
        s = self.cell()
        return QPointF((self.width() - s * self.width_px) / 2, (self.height() - s * self.height_px) / 2)

    def cell_rect(self, row: int, col: int) -> QRectF:
        s, o = self.cell(), self._origin()
        return QRectF(o.x() + col * s, o.y() + row * s, s, s)

    def to_image(self, pos: QPointF) -> QPointF:
        """A point of the widget in the image's pixel units."""
        s, o = self.cell(), self._origin()
        return QPointF((pos.x() - o.x()) / s, (pos.y() - o.y()) / s)

    def sizeHint(self) -> QSize:
        return QSize(max(160, 20 * self.width_px), max(160, 20 * self.height_px))

    def minimumSizeHint(self) -> QSize:
        side = max(MIN_SIDE, min(6 * max(self.width_px, self.height_px), 200))
        return QSize(side, side)

    # ------------------------------------------------------------ the pen
    def mousePressEvent(self, event) -> None:
        if event.button() not in (Qt.LeftButton, Qt.RightButton):
            return
        self._button = event.button()
        self._last = self.to_image(event.position())
        self._ink(self._last, self._last)

    def mouseMoveEvent(self, event) -> None:
        if self._last is None:
            return
        at = self.to_image(event.position())
        self._ink(self._last, at)
        self._last = at

    def mouseReleaseEvent(self, event) -> None:
        self._last = None
        self._button = Qt.NoButton

    def _ink(self, start: QPointF, end: QPointF) -> None:
        """Ink (or erase) along the stroke from ``start`` to ``end``."""
        n = max(1, int(np.ceil(np.hypot(end.x() - start.x(), end.y() - start.y()) / STROKE_STEP)))
        ink = np.zeros_like(self.pixels)
        for t in np.linspace(0.0, 1.0, n + 1):
            at = (start.x() + (end.x() - start.x()) * t, start.y() + (end.y() - start.y()) * t)
            np.maximum(ink, pen_strength(self.width_px, self.height_px, at), out=ink)
        if not ink.any():
            return
        span = self.hi - self.lo
        if self._button == Qt.RightButton:
            self.pixels = np.minimum(self.pixels, self.hi - ink * span)
        else:
            self.pixels = np.maximum(self.pixels, self.lo + ink * span)
        self.update()
        self.sigChanged.emit(self.values())

    # ------------------------------------------------------------ drawing
    def paintEvent(self, event) -> None:
        p = QPainter(self)
        t = np.clip((self.pixels - self.lo) / (self.hi - self.lo), 0.0, 1.0)
        grey = np.ascontiguousarray(np.round(255 * (1 - t)), dtype=np.uint8)   # dark ink on white paper
        w, h = self.width_px, self.height_px
        image = QImage(grey.tobytes(), w, h, w, QImage.Format_Grayscale8)
        s, o = self.cell(), self._origin()
        p.drawImage(QRectF(o.x(), o.y(), s * w, s * h), image)   # unsmoothed: each pixel a square
        if s >= 8:   # the pixels' edges, faint, so the user sees what a pixel is
            p.setPen(QPen(QColor(200, 200, 200), 1))
            for c in range(self.width_px + 1):
                p.drawLine(QPointF(o.x() + c * s, o.y()), QPointF(o.x() + c * s, o.y() + s * self.height_px))
            for r in range(self.height_px + 1):
                p.drawLine(QPointF(o.x(), o.y() + r * s), QPointF(o.x() + s * self.width_px, o.y() + r * s))
        p.end()


class DrawingPad(QWidget):
    """The canvas with a Clear button; ``show_sample`` puts a sample's pixels on it."""

    sigChanged = Signal(object)    # the pixels, row by row

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # The button and the hint beside the pad, not under it: the pad is square, so the
        # room beside it is free, and a narrow tab needs every row of its height.
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.canvas = PadCanvas()
        lay.addWidget(self.canvas, 1)
        side = QVBoxLayout()
        self.clear_button = QPushButton(translate("drawing_pad", "Clear"))
        hint = QLabel(translate("drawing_pad", "left button draws,\nright erases"))
        hint.setStyleSheet("color: #777;")
        side.addWidget(self.clear_button)
        side.addWidget(hint)
        side.addStretch(1)
        lay.addLayout(side)
        self.clear_button.clicked.connect(self._clear)
        self.canvas.sigChanged.connect(self.sigChanged)

    def set_shape(self, width: int, height: int, lo: float, hi: float) -> None:
        self.canvas.set_shape(width, height, lo, hi)

    def values(self) -> np.ndarray:
        return self.canvas.values()

    def set_values(self, x) -> None:
        self.canvas.set_values(x)

    def show_sample(self, x) -> None:
        self.canvas.set_values(x)

    @Slot()
    def _clear(self) -> None:
        self.canvas.clear()
