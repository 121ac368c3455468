"""Small images in a grid, each with a caption: weight images, sample images.

The grid takes as many columns as make the tiles largest in the room it has,
and draws each image pixel as an even block of screen pixels where the room
allows, so an 8x8 image reads as 64 squares, not a blur.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["TileGrid", "Tile", "to_rgb", "draw_tile"]

GAP = 4


def to_rgb(values: np.ndarray, lo: float, hi: float, lut: np.ndarray) -> np.ndarray:
    """Values coloured through a look-up table (n, 3) from ``lo`` (its first colour) to ``hi`` (its last)."""
    scale = (len(lut) - 1) / (hi - lo) if hi > lo else 0.0
    t = np.rint((values - lo) * scale)
    t[~np.isfinite(t)] = 0            # a missing value: the low end (no ink, or the map's first colour)
    index = np.clip(t, 0, len(lut) - 1).astype(np.intp)
    return np.ascontiguousarray(lut[index][..., :3], dtype=np.uint8)


@dataclass
class Tile:
    rgb: np.ndarray                  # (height, width, 3) uint8
    caption: str = ""
    colour: tuple[int, int, int] = (60, 60, 60)    # the caption's
    tip: str = ""
    frame: tuple[int, int, int] | None = None      # a frame that marks the tile (a sample gotten wrong)

    def image(self) -> QImage:
        h, w, _ = self.rgb.shape
        return QImage(self.rgb.tobytes(), w, h, 3 * w, QImage.Format_RGB888).copy()


class TileGrid(QWidget):
    sigClicked = Signal(int)       # the index of the tile clicked

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMouseTracking(True)
        self.tiles: list[Tile] = []
        self._images: list[QImage] = []
        self._layout_key = None
        self._layout = (1, 1.0)
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.85))

    def set_tiles(self, tiles: list[Tile]) -> None:
        self.tiles = list(tiles)
        self._images = [t.image() for t in self.tiles]
        self.update()

    def _caption_height(self) -> float:
        return QFontMetricsF(self._font).height() if any(t.caption for t in self.tiles) else 0.0

    def layout_tiles(self) -> tuple[int, float]:
        """(columns, scale): screen pixels per image pixel, as large as the room lets every tile be."""
        n = len(self.tiles)
        if not n:
            return 1, 1.0
        h, w, _ = self.tiles[0].rgb.shape
        cap = self._caption_height()
        key = (self.width(), self.height(), n, h, w, cap)
        if key != self._layout_key:   # asked for every tile drawn: found once per size
            self._layout_key, self._layout = key, self._fit(n, h, w, cap)
        return self._layout

    def _fit(self, n: int, h: int, w: int, cap: float) -> tuple[int, float]:
        best = (1, 0.0)
        for cols in range(1, n + 1):
            rows = -(-n // cols)
            s = min((self.width() - GAP * cols) / (cols * w), (self.height() - rows * (cap + GAP)) / (rows * h))
            if s > best[1]:
                best = (cols, s)
        cols, s = best
        return cols, float(np.floor(s)) if s >= 2 else max(s, 0.5)

    def tile_rect(self, k: int) -> QRectF:
        """Where tile ``k``'s image is drawn (its caption is above it)."""
        cols, s = self.layout_tiles()
        h, w, _ = self.tiles[k].rgb.shape
        cell_w, cell_h = w * s + GAP, h * s + GAP + self._caption_height()
        left = (self.width() - cols * cell_w) / 2
        r, c = divmod(k, cols)
        return QRectF(left + c * cell_w + GAP / 2, r * cell_h + self._caption_height() + GAP / 2, w * s, h * s)

    def tile_at(self, pos: QPointF) -> int | None:
        for k in range(len(self.tiles)):
            if self.tile_rect(k).contains(pos):
                return k
        return None

    def sizeHint(self) -> QSize:
        return QSize(300, 200)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 40)

    def mousePressEvent(self, event) -> None:
        k = self.tile_at(event.position())
        if k is not None and event.button() == Qt.LeftButton:
            self.sigClicked.emit(k)

    def mouseMoveEvent(self, event) -> None:
        k = self.tile_at(event.position())
        self.setToolTip(self.tiles[k].tip if k is not None else "")

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setFont(self._font)
        cap = self._caption_height()
        for k, (tile, image) in enumerate(zip(self.tiles, self._images)):
            rect = self.tile_rect(k)
            draw_tile(p, rect, image, tile.frame)
            if tile.caption:
                p.setPen(QColor(*tile.colour))
                text_rect = QRectF(rect.left() - GAP / 2, rect.top() - cap, rect.width() + GAP, cap)
                text = QFontMetricsF(self._font).elidedText(tile.caption, Qt.ElideRight, text_rect.width())
                p.drawText(text_rect, Qt.AlignHCenter | Qt.AlignBottom, text)
        p.end()


def draw_tile(p: QPainter, rect: QRectF, image: QImage, frame: tuple[int, int, int] | None = None) -> None:
    """An image in ``rect``, unsmoothed (each image pixel a block), in a thin grey frame or a marking one."""
    p.drawImage(rect, image)
    if frame is None:
        p.setPen(QPen(QColor(190, 190, 190), 1))
        p.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
    else:
        p.setPen(QPen(QColor(*frame), 2))
        p.drawRect(rect.adjusted(-1, -1, 1, 1))
