"""What the network says for one row of inputs: a bar per class, or the value(s).

Classes: one bar per class with its probability (softmax outputs; one sigmoid
output is p(second class), so the first gets 1 - p), the predicted class in
bold, in the output map's class colours.  Outputs that are no probabilities
(a classifier with identity or per-class sigmoid outputs) are drawn the same
way but titled "outputs", with their own values written.  Regression: each
target's value on the raw scale, placed on the data's range of that target.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..i18n import translate
from .theme import CLASS_COLOURS, NEUTRAL

__all__ = ["OutputRow", "output_rows", "OutputBars"]

ROW_MIN, ROW_MAX = 14, 26     # a row's height in pixels, whatever the room


@dataclass(frozen=True)
class OutputRow:
    name: str
    value: float                       # a probability (or output) for classes, the raw value for regression
    bold: bool = False                 # the predicted class
    colour: tuple[int, int, int] = CLASS_COLOURS[0]
    span: tuple[float, float] | None = None   # regression: the target's range in the data
    is_value: bool = False             # a regression value: a mark on its range, not a bar


def _classes(names: list[str], out: np.ndarray, activation: str) -> tuple[str, list[OutputRow]]:
    if len(out) == 1:   # one sigmoid: p(second class); the map draws class 1 blue, class 0 orange
        p = float(out[0])
        values, colours = [1.0 - p, p], [CLASS_COLOURS[1], CLASS_COLOURS[0]]
        best = int(p >= 0.5)
    else:
        values = [float(v) for v in out]
        colours = [CLASS_COLOURS[k % len(CLASS_COLOURS)] for k in range(len(out))]
        best = int(np.argmax(out))
    probabilities = activation == "softmax" or (len(out) == 1 and activation == "sigmoid")
    rows = [OutputRow(n, v, k == best, colours[k]) for k, (n, v) in enumerate(zip(names, values))]
    if probabilities:
        return translate("output_bars", "class probabilities"), rows
    return translate("output_bars", "outputs ({activation}), largest = predicted").format(activation=activation), rows


def output_rows(model, out: np.ndarray, target_spans=None) -> tuple[str, list[OutputRow]]:
    """A title and the rows for one row ``out`` of ``model.predict`` (raw scale)."""
    out = np.asarray(out, dtype=np.float64).ravel()
    activation = model.network.output_activation
    if model.class_names:
        return _classes(list(model.class_names), out, activation)
    if model.task == "binary":   # independent 0/1 targets (the adders): p(target = 1) each
        return translate("output_bars", "p(target = 1)"), [OutputRow(n, float(v), bool(v >= 0.5), CLASS_COLOURS[0])
                                 for n, v in zip(model.target_names, out)]
    spans = list(target_spans) if target_spans is not None else [None] * len(out)
    return translate("output_bars", "predicted value"), [OutputRow(n, float(v), span=s, is_value=True) for n, v, s in zip(model.target_names, out, spans)]


def _text(v: float) -> str:
    return f"{v:,.4g}" if abs(v) < 1e6 else f"{v:.4g}"


class OutputBars(QWidget):
    """The rows of ``output_rows``, painted."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Maximum)   # a room higher than it needs goes to the inputs
        self.title = ""
        self.rows: list[OutputRow] = []

    def set_rows(self, title: str, rows: list[OutputRow]) -> None:
        resized = len(rows) != len(self.rows)
        self.title, self.rows = title, list(rows)
        if resized:
            self.updateGeometry()
        self.update()

    def clear(self, note: str = "") -> None:
        self.set_rows(note, [])

    def _lines(self) -> int:
        """Rows of text the output needs: a value takes two (its number, then its place on the range)."""
        return max(1, sum(2 if r.is_value else 1 for r in self.rows))

    def _row_height(self) -> float:
        room = (self.height() - self._title_height()) / self._lines()
        return float(np.clip(room, ROW_MIN, ROW_MAX))

    def _title_height(self) -> float:
        return QFontMetricsF(self.font()).height() + 6

    def sizeHint(self) -> QSize:
        return QSize(240, int(self._title_height() + self._lines() * (ROW_MIN + 8)))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, int(self._title_height() + self._lines() * ROW_MIN))

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.setPen(QColor(90, 90, 90))
        p.drawText(QRectF(4, 0, self.width() - 8, self._title_height()), Qt.AlignLeft | Qt.AlignVCenter, self.title)
        bold = QFont(self.font())
        bold.setBold(True)
        names = max((QFontMetricsF(bold).horizontalAdvance(r.name) for r in self.rows), default=0.0)
        name_w = min(names + 8, self.width() * 0.4)
        value_w = QFontMetricsF(bold).horizontalAdvance("100.0 %") + 8
        h, y = self._row_height(), self._title_height()
        for row in self.rows:
            if row.is_value:
                self._paint_value(p, row, QRectF(0, y, self.width(), 2 * h), bold)
                y += 2 * h
                continue
            p.setFont(bold if row.bold else self.font())
            p.setPen(QColor(20, 20, 20))
            name = QFontMetricsF(p.font()).elidedText(row.name, Qt.ElideMiddle, name_w - 8)
            p.drawText(QRectF(4, y, name_w - 8, h), Qt.AlignRight | Qt.AlignVCenter, name)
            track = QRectF(name_w, y + 3, max(10.0, self.width() - name_w - value_w - 4), h - 6)
            p.fillRect(track, NEUTRAL)
            fill = QRectF(track.left(), track.top(), track.width() * float(np.clip(row.value, 0.0, 1.0)),
                          track.height())
            p.fillRect(fill, QColor(*row.colour))
            text = f"{100 * row.value:.1f} %" if 0.0 <= row.value <= 1.0 else _text(row.value)
            p.drawText(QRectF(track.right() + 6, y, value_w, h), Qt.AlignLeft | Qt.AlignVCenter, text)
            y += h
        p.end()

    def _paint_value(self, p: QPainter, row: OutputRow, rect: QRectF, bold: QFont) -> None:
        """A value: "name  value" on one line, under it a mark at its place on the data's range."""
        h = rect.height() / 2
        line = QRectF(rect.left() + 4, rect.top(), rect.width() - 8, h)
        p.setFont(self.font())
        p.setPen(QColor(20, 20, 20))
        metrics = QFontMetricsF(self.font())
        name = metrics.elidedText(row.name, Qt.ElideMiddle, line.width() * 0.6)
        p.drawText(line, Qt.AlignLeft | Qt.AlignVCenter, name)
        p.setFont(bold)
        p.drawText(line.adjusted(metrics.horizontalAdvance(name) + 10, 0, 0, 0), Qt.AlignLeft | Qt.AlignVCenter,
                   _text(row.value))
        p.setFont(self.font())
        track = QRectF(line.left(), rect.top() + h + 3, line.width(), h - 6)
        p.fillRect(track, NEUTRAL)
        lo, hi = row.span if row.span else (min(row.value, 0.0), max(row.value, 1.0))
        if row.span:   # the range's ends, faint, inside the track: where the data's targets lie
            p.setPen(QColor(120, 120, 120))
            p.drawText(track.adjusted(3, 0, -3, 0), Qt.AlignLeft | Qt.AlignVCenter, _text(lo))
            p.drawText(track.adjusted(3, 0, -3, 0), Qt.AlignRight | Qt.AlignVCenter, _text(hi))
        t = (row.value - lo) / (hi - lo) if hi > lo else 0.5
        x = track.left() + track.width() * float(np.clip(t, 0.0, 1.0))
        p.setPen(QPen(QColor(*CLASS_COLOURS[3]), 3))
        p.drawLine(QPointF(x, track.top() - 2), QPointF(x, track.bottom() + 2))
