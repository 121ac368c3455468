"""Numbers written beside the neurons of the network drawing (the step-through's
values of the layer in hand: activations, deltas).  The canvas keeps one of
these and paints it last, over the neurons."""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

__all__ = ["NeuronNumbers"]

BACK = QColor(255, 255, 224, 235)   # a pale note, so a number reads over edges
TEXT = QColor(20, 20, 20)


class NeuronNumbers:
    def __init__(self) -> None:
        self.values: dict[int, np.ndarray] = {}   # column (0 = inputs) -> one number per neuron

    def set(self, values: Mapping[int, Sequence[float]] | None) -> None:
        self.values = {int(c): np.asarray(v, dtype=np.float64) for c, v in (values or {}).items()}

    def texts(self, column: int, shown: Sequence[int]) -> list[str]:
        """What is written beside the drawn neurons ``shown`` of ``column``."""
        values = self.values.get(column)
        if values is None:
            return []
        return [f"{values[i]:.4g}".replace("-", "−") for i in shown if i < len(values)]

    def paint(self, p: QPainter, positions: Sequence[Mapping[int, QPointF]], radius: float) -> None:
        if not self.values:
            return
        font = QFont(p.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        p.setFont(font)
        metrics = p.fontMetrics()
        for column, centres in enumerate(positions):
            texts = self.texts(column, list(centres))
            for text, c in zip(texts, centres.values()):
                w, h = metrics.horizontalAdvance(text) + 6, metrics.height() + 2
                rect = QRectF(c.x() - w / 2, c.y() - radius - h - 1, w, h)   # above the neuron
                p.setPen(QPen(QColor(120, 120, 90), 0.8))
                p.setBrush(BACK)
                p.drawRoundedRect(rect, 3, 3)
                p.setPen(TEXT)
                p.drawText(rect, Qt.AlignCenter, text)
