"""Sample images, one column per class under the class's name.

A column per class keeps the classes side by side in a narrow tab, where a
row per class would leave each image a few pixels high; the columns show as
many samples of their class as fit (at least three when the room allows).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from .image_tiles import GAP, Tile, draw_tile

__all__ = ["SampleGrid"]

ROWS_WANTED = 3      # the images shrink (not below the width's size) until this many of a class fit
MAX_TILE = 48        # screen pixels: larger samples tell no more, and fewer of them fit


class SampleGrid(QWidget):
    sigClicked = Signal(int, int)    # group (class), position in it

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMouseTracking(True)
        self.groups: list[tuple[str, list[Tile]]] = []
        self._images: list[list] = []

    def set_groups(self, groups: list[tuple[str, list[Tile]]]) -> None:
        self.groups = [(name, list(tiles)) for name, tiles in groups]
        self._images = [[t.image() for t in tiles] for _, tiles in self.groups]
        self.update()

    def _tile_shape(self) -> tuple[int, int]:
        for _, tiles in self.groups:
            if tiles:
                return tiles[0].rgb.shape[:2]
        return 1, 1

    def _header(self) -> float:
        return QFontMetricsF(self.font()).height() + 2

    def layout_grid(self) -> tuple[float, int]:
        """(scale, rows): screen pixels per image pixel, and how many samples of each class are drawn."""
        n = max(1, len(self.groups))
        h, w = self._tile_shape()
        longest = max((len(t) for _, t in self.groups), default=1)
        room = self.height() - self._header()
        across = (self.width() - n * GAP) / (n * w)
        down = (room - ROWS_WANTED * GAP) / (min(ROWS_WANTED, longest) * h)
        s = min(across, down, max(1.0, MAX_TILE // max(h, w)))
        s = float(np.floor(s)) if s >= 2 else max(s, 0.5)
        rows = int(np.clip((room + 1e-9) // (h * s + GAP), 1, longest))
        return s, rows

    def tile_rect(self, g: int, i: int) -> QRectF:
        s, _ = self.layout_grid()
        h, w = self._tile_shape()
        n = len(self.groups)
        left = (self.width() - n * (w * s + GAP)) / 2
        return QRectF(left + g * (w * s + GAP) + GAP / 2, self._header() + i * (h * s + GAP), w * s, h * s)

    def tile_at(self, pos: QPointF) -> tuple[int, int] | None:
        _, rows = self.layout_grid()
        for g, (_, tiles) in enumerate(self.groups):
            for i in range(min(rows, len(tiles))):
                if self.tile_rect(g, i).contains(pos):
                    return g, i
        return None

    def shown(self) -> int:
        """How many samples of each class are drawn at this size."""
        return self.layout_grid()[1]

    def sizeHint(self) -> QSize:
        return QSize(300, 160)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 40)

    def mousePressEvent(self, event) -> None:
        hit = self.tile_at(event.position())
        if hit is not None and event.button() == Qt.LeftButton:
            self.sigClicked.emit(*hit)

    def mouseMoveEvent(self, event) -> None:
        hit = self.tile_at(event.position())
        self.setToolTip(self.groups[hit[0]][1][hit[1]].tip if hit else "")

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        _, rows = self.layout_grid()
        metrics = QFontMetricsF(self.font())
        for g, ((name, tiles), images) in enumerate(zip(self.groups, self._images)):
            top = self.tile_rect(g, 0)
            p.setPen(QColor(60, 60, 60))
            header = QRectF(top.left() - GAP / 2, 0, top.width() + GAP, self._header())
            p.drawText(header, Qt.AlignHCenter | Qt.AlignBottom, metrics.elidedText(name, Qt.ElideRight, header.width()))
            for i, (tile, image) in enumerate(zip(tiles[:rows], images[:rows])):
                draw_tile(p, self.tile_rect(g, i), image, tile.frame)
        p.end()
