"""The network drawn as columns of neurons.

``NetworkCanvas`` paints the whole network in one ``paintEvent`` (no item
per edge): edges blue for positive and orange for negative weights, thicker
for larger |w|; neurons filled by their bias.  Layers wider than
``MAX_DRAWN`` neurons are drawn condensed ("… 500 more") but exist in full.
Inputs and outputs are named beside their neurons (texts from neuron_labels.py,
with as much room at the sides as the names need and the width allows).
Hovering shows a weight or bias; an edge clicked or double-clicked is signalled
(the editor decides what that does, and ``edge_hint`` tells it in the hover).
Hidden neurons can show their maps: their output over a plane through the
input space, drawn in place of the disc (neuron_thumbnails.py).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QToolTip, QWidget)

from bpgui.core.activations import ACTIVATIONS
from bpgui.ui.i18n import translate

from .neuron_labels import NeuronName, input_names, labels, output_names
from .neuron_numbers import NeuronNumbers
from .neuron_thumbnails import NeuronThumbnails
from .theme import NEGATIVE, POSITIVE, mix

MAX_DRAWN = 16          # neurons drawn per column before condensing
EDGE_LEVELS = 8         # strength bins of the edge pens
SHOWN_WHEN_CONDENSED = 14
MAX_UNITS = 4096
HIDDEN_ACTIVATIONS = [a for a in ACTIVATIONS if a != "softmax"]


def _shown(n: int) -> list[int]:
    """Indices of the neurons drawn for a layer of n (a condensed layer shows a prefix)."""
    return list(range(n)) if n <= MAX_DRAWN else list(range(SHOWN_WHEN_CONDENSED))


def _column_captions(sizes: Sequence[int], output_activation: str) -> list[tuple[str, str]]:
    """(caption, short caption) under the input and the output column."""
    n_in, n_out, act = sizes[0], sizes[-1], output_activation
    return [(translate("network_canvas", "input ({n})").format(n=n_in),
             translate("network_canvas", "{n} in").format(n=n_in)),
            (translate("network_canvas", "output ({n} {activation})").format(n=n_out, activation=act),
             f"{n_out} {act}")]


class NetworkCanvas(QWidget):
    """Paints a network; emits ``sigEdgeClicked(layer, i, j)`` and ``sigEdgeDoubleClicked``."""

    sigEdgeClicked = Signal(int, int, int)
    sigEdgeDoubleClicked = Signal(int, int, int)

    TOP = 78          # room for one row of layer controls above the columns
    BOTTOM = 26
    SIDE = 70         # the least room for input/output names
    SIDE_SHARE = (0.3, 0.25)   # the most of the width the input and the output names may take

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(220, 200)   # the editor must fit beside the side panels at 1024x700
        self.sizes: list[int] = [2, 1]
        self.activations: list[str] = ["sigmoid"]
        self.input_names: list[str] = []      # the data's feature names
        self.output_names: list[str] = []     # each output as its hover names it: "setosa", "diagnosis = malignant"
        self.inputs: list[NeuronName] = []
        self.outputs: list[NeuronName] = []
        self.sides = (float(self.SIDE), float(self.SIDE))
        self._labels: tuple[list[str], list[str]] = ([], [])   # beside the drawn inputs and outputs
        self.weights: list[np.ndarray] = [np.zeros((2, 1))]
        self.biases: list[np.ndarray] = [np.zeros(1)]
        self._hover: tuple | None = None
        self._pos: list[dict[int, QPointF]] = []
        self._more: list[tuple[QPointF, int]] = []
        self._edges = np.zeros((0, 7))   # x0 y0 x1 y1 layer i j
        self._edge_index: list = []
        self._lines: list[QLineF] = []
        self._layer = None               # (size, edge pens, QPixmap): the cached background layer
        self._keys: np.ndarray | None = None   # the edges' pens for the current weights (hover repaints reuse them)
        self._edge_prev: np.ndarray | None = None   # the pens last drawn (hysteresis)
        self._edge_scale = 0.0
        self.radius = 9.0
        self.spacing = 46.0
        self.top = self.TOP
        self.thumbs = NeuronThumbnails()
        self._model = None               # (model, network) of the last update_model, for the maps
        self.edge_hint = translate("network_canvas", "click to edit")
        self.numbers = NeuronNumbers()   # the step-through's values, beside the neurons (set, then update())

    # ------------------------------------------------------------------ data
    def set_structure(self, sizes: Sequence[int], activations: Sequence[str], feature_names: Sequence[str],
                      target_names: Sequence[str], class_names: Sequence[str] | None = None) -> None:
        self.sizes = list(sizes)
        self.activations = list(activations)
        self.input_names = list(feature_names)
        self.inputs = input_names(feature_names)
        self.outputs = output_names(target_names, class_names)
        self.output_names = [o.title for o in self.outputs]
        self.weights = [np.zeros((a, b)) for a, b in zip(self.sizes[:-1], self.sizes[1:])]
        self.biases = [np.zeros(b) for b in self.sizes[1:]]
        self._hover = None
        self._model = None
        self.thumbs.clear()
        self.numbers.set(None)
        self._relayout()
        self.update()

    def set_parameters(self, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray]) -> None:
        """New values for the current structure (from a snapshot); repaint later."""
        if len(weights) != len(self.weights):
            return
        self.weights = list(weights)
        self.biases = list(biases)
        self._keys = None
        self.update()

    # ---------------------------------------------------------- neuron maps
    def set_plane(self, plane) -> None:
        """The plane through the input space the neuron maps are drawn over (None: no maps)."""
        self.thumbs.set_plane(plane, self.input_names)
        self._refresh_maps()

    def update_model(self, model, network) -> None:
        """New weights for the maps (``network``, or the model's own when None); the window
        calls this on its throttled path, not on every snapshot: a refresh is a forward pass."""
        self._model = (model, network)
        self._refresh_maps()

    def set_maps_visible(self, visible: bool) -> None:
        self.thumbs.visible = visible
        self._refresh_maps()

    def _refresh_maps(self) -> None:
        if self._model is None:
            self.thumbs.clear()
        else:
            model, network = self._model
            net = model.network if network is None else network
            if list(net.sizes) == self.sizes:
                self.thumbs.update(model, network, self.activations[:-1],
                                   [list(column) for column in self._pos[1:-1]])
        self.update()

    def thumbnail_side(self) -> float:
        xs = self.column_x()
        gap = xs[1] - xs[0] if len(xs) > 1 else self.width()
        return self.thumbs.side(self.spacing, self.radius, gap)

    def column_x(self) -> list[float]:
        n = len(self.sizes)
        left, right = self.sides[0], self.width() - self.sides[1]
        if n == 1:
            return [self.width() / 2]
        return [left + (right - left) * k / (n - 1) for k in range(n)]

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        return font

    def _fit_labels(self) -> None:
        """Room at the sides for the drawn names (up to SIDE_SHARE of the width), then their texts in it."""
        metrics = QFontMetricsF(self._label_font())
        sides, texts = [], []
        for names, n, share in ((self.inputs, self.sizes[0], self.SIDE_SHARE[0]),
                                (self.outputs, self.sizes[-1], self.SIDE_SHARE[1])):
            drawn = [names[i] for i in _shown(n) if i < len(names)]
            wanted = max((metrics.horizontalAdvance(name.full) for name in drawn), default=0) + self.radius + 8
            side = min(max(self.SIDE, wanted), max(self.SIDE, share * self.width()))
            room = side - self.radius - 4      # the width of the text's rectangle in _paint_labels
            sides.append(side)
            texts.append(labels(drawn, lambda text, room=room: metrics.horizontalAdvance(text) <= room))
        self.sides = (sides[0], sides[1])
        self._labels = (texts[0], texts[1])

    def drawn_labels(self) -> tuple[list[str], list[str]]:
        """The texts beside the drawn input and output neurons, top to bottom."""
        return self._labels

    def _relayout(self) -> None:
        top, bottom = self.top, self.height() - self.BOTTOM
        self._pos, self._more = [], []
        max_rows = max(len(_shown(n)) + (n > MAX_DRAWN) for n in self.sizes)
        spacing = self.spacing = min(46.0, (bottom - top) / max(max_rows, 1))
        self.radius = max(3.0, min(11.0, spacing * 0.32))
        self._fit_labels()      # the names' room is what the neurons leave at the sides
        xs = self.column_x()
        for x, n in zip(xs, self.sizes):
            shown = _shown(n)
            rows = len(shown) + (n > MAX_DRAWN)
            y0 = (top + bottom) / 2 - spacing * (rows - 1) / 2
            self._pos.append({idx: QPointF(x, y0 + k * spacing) for k, idx in enumerate(shown)})
            if n > MAX_DRAWN:
                self._more.append((QPointF(x, y0 + len(shown) * spacing), n - len(shown)))
        rows = []
        for l in range(len(self.sizes) - 1):
            for i, p in self._pos[l].items():
                for j, q in self._pos[l + 1].items():
                    rows.append((p.x(), p.y(), q.x(), q.y(), l, i, j))
        self._edges = np.array(rows, dtype=float).reshape(-1, 7)
        # Per layer: which edge rows it fills and from which (i, j) of its matrix.
        self._edge_index = []
        for l in range(len(self.sizes) - 1):
            sel = np.flatnonzero(self._edges[:, 4] == l)
            if len(sel):
                self._edge_index.append((sel, self._edges[sel, 5].astype(int), self._edges[sel, 6].astype(int), l))
        self._lines = [QLineF(x0, y0, x1, y1) for x0, y0, x1, y1 in self._edges[:, :4].tolist()]
        self._layer = None
        self._keys = None
        self._edge_prev = None

    def resizeEvent(self, event) -> None:
        self._relayout()
        super().resizeEvent(event)

    # ------------------------------------------------------------- painting
    def _edge_keys(self) -> np.ndarray:
        """Each drawn edge's pen: sign * EDGE_LEVELS + strength level (0..2*EDGE_LEVELS-1).

        With hysteresis: an edge keeps its previous level until its strength is
        more than a quarter of a level past that level's bounds, and the scale
        (110 % of the largest |w|) is kept until a weight exceeds it or all
        fall below 80 % of it.  While training, weights drift a little every frame; without
        this some edge crossed a bound in almost every frame, and the edge layer
        (the costliest drawing) was redrawn for a change nobody could see."""
        w = np.empty(len(self._edges))
        for rows, i, j, l in self._edge_index:
            if l < len(self.weights):
                w[rows] = self.weights[l][i, j]
        w = np.where(np.isfinite(w), w, 0.0)
        m = self._max_abs()
        if not (0.8 * self._edge_scale <= m <= self._edge_scale):
            self._edge_scale = 1.1 * m   # room to grow: the strongest edges still get the top pen
            self._edge_prev = None
        u = np.minimum(np.abs(w) / self._edge_scale, 1.0) * EDGE_LEVELS     # strength in levels
        level = np.minimum(u.astype(int), EDGE_LEVELS - 1)
        keys = (w >= 0) * EDGE_LEVELS + level
        prev = self._edge_prev
        if prev is not None and prev.shape == keys.shape:
            prev_level = prev % EDGE_LEVELS
            keep = ((prev >= EDGE_LEVELS) == (w >= 0)) & (u > prev_level - 0.25) & (u < prev_level + 1.25)
            keys = np.where(keep, prev, keys)
        self._edge_prev = keys
        return keys

    def _max_abs(self) -> float:
        m = max((float(np.max(np.abs(W))) for W in self.weights if W.size), default=0.0)
        return m if m > 0 and np.isfinite(m) else 1.0

    def _layer_pixmap(self) -> QPixmap:
        """Background, edges and labels: everything but the neurons and the hover mark.

        Drawn again only when an edge changes pen (sign or strength bin), the
        size or the structure changes.  Antialiased wide lines are the costliest
        thing in a frame (~5 ms for a condensed 784-128-64-10 network); while
        training, most frames leave every edge in its bin and reuse this layer."""
        if self._keys is None:
            self._keys = self._edge_keys() if len(self._edges) else np.zeros(0, dtype=int)
        keys = self._keys
        dpr = self.devicePixelRatioF()
        state = (self.width(), self.height(), dpr)
        cached = self._layer
        if cached is not None and cached[0] == state and np.array_equal(cached[1], keys):
            return cached[2]
        pm = QPixmap(max(1, round(self.width() * dpr)), max(1, round(self.height() * dpr)))
        pm.setDevicePixelRatio(dpr)
        pm.fill(QColor("white"))
        p = QPainter(pm)
        p.setRenderHint(QPainter.Antialiasing, True)
        pen = QPen()
        pen.setCapStyle(Qt.FlatCap)
        # Edges are binned by sign and strength, one pen and one drawLines call a
        # bin (a QPainter call per edge cost ~80 us, 45 ms a frame for 784-128-64-10).
        order = np.argsort(keys % EDGE_LEVELS, kind="stable")   # weak edges first, strong ones on top
        for k in sorted(set(keys.tolist()), key=lambda k: (k % EDGE_LEVELS, k)):
            level = k % EDGE_LEVELS
            t = (level + 0.5) / EDGE_LEVELS
            pen.setColor(mix(POSITIVE if k >= EDGE_LEVELS else NEGATIVE, 0.25 + 0.75 * t))
            pen.setWidthF(0.6 + 5.0 * t)
            p.setPen(pen)
            p.drawLines([self._lines[i] for i in order[keys[order] == k].tolist()])
        self._paint_labels(p)
        p.end()
        self._layer = (state, keys, pm)
        return pm

    def _paint_labels(self, p: QPainter) -> None:
        r = self.radius
        p.setFont(self._label_font())
        p.setPen(QColor(60, 60, 60))
        xs = self.column_x()
        room = min(90.0, (xs[1] - xs[0]) - 4) if len(xs) > 1 else 90.0   # neighbours' texts must not run together
        for c, more in self._more:
            text = translate("network_canvas", "… {n} more").format(n=more)
            text = text if p.fontMetrics().horizontalAdvance(text) <= room else f"+{more}"
            p.drawText(QRectF(c.x() - room / 2, c.y() - 9, room, 18), Qt.AlignCenter, text)
        if not self._pos:
            return
        # Names of inputs and outputs, beside the outer columns (labels of the drawn neurons, in order).
        (left, right), (ins, outs) = self.sides, self._labels
        for text, c in zip(ins, self._pos[0].values()):
            rect = QRectF(c.x() - left, c.y() - 9, left - r - 4, 18)
            p.drawText(rect, Qt.AlignRight | Qt.AlignVCenter, text)
        for text, c in zip(outs, self._pos[-1].values()):
            p.drawText(QRectF(c.x() + r + 4, c.y() - 9, right - r - 4, 18), Qt.AlignLeft | Qt.AlignVCenter, text)
        h = self.height()
        # Hidden layers carry their own controls above the column: only the input and output
        # columns are captioned, each in half the room between them so they never run together.
        room = min(160.0, (xs[-1] - xs[0]) - 6) if len(xs) > 1 else 160.0
        metrics = p.fontMetrics()
        for x, (full, short) in zip((xs[0], xs[-1]), _column_captions(self.sizes, self.activations[-1])):
            text = full if metrics.horizontalAdvance(full) <= room else \
                metrics.elidedText(short, Qt.ElideRight, int(room))
            p.drawText(QRectF(x - room / 2, h - self.BOTTOM + 2, room, 20), Qt.AlignCenter, text)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.drawPixmap(0, 0, self._layer_pixmap())
        p.setRenderHint(QPainter.Antialiasing, True)
        if self._hover is not None and self._hover[0] == "edge":
            _, l, i, j = self._hover
            pen = QPen(QColor(30, 30, 30), 2.0)
            pen.setCapStyle(Qt.FlatCap)
            p.setPen(pen)
            p.drawLine(self._pos[l][i], self._pos[l + 1][j])
        # Neurons, filled by their bias (these change every frame while training), or hidden
        # ones as their maps framed in that colour.
        r = self.radius
        side = self.thumbnail_side()
        for l, column in enumerate(self._pos):
            fills = self._bias_colours(l)
            if 0 < l < len(self._pos) - 1 and self.thumbs.paint(p, l - 1, column, side, fills):
                continue
            p.setPen(QPen(QColor(90, 90, 90), 1.2))
            for idx, c in column.items():
                p.setBrush(fills.get(idx, QColor(250, 250, 250)))
                p.drawEllipse(c, r, r)
        self.numbers.paint(p, self._pos, r)
        p.end()

    def _bias_colours(self, l: int) -> dict[int, QColor]:
        """The drawn neurons of column ``l`` coloured by their bias (none for the inputs)."""
        if l == 0:
            return {}
        bscale = max((float(np.max(np.abs(b))) for b in self.biases if b.size), default=0.0) or 1.0
        bias = self.biases[l - 1]
        return {idx: mix(POSITIVE if bias[idx] >= 0 else NEGATIVE,
                         abs(float(bias[idx])) / bscale if np.isfinite(bias[idx]) else 0.0)
                for idx in self._pos[l]}

    # ------------------------------------------------------------- hovering
    def item_at(self, pos: QPointF) -> tuple | None:
        """("neuron", layer, index) or ("edge", layer, i, j) under pos, or None."""
        r = self.radius
        half = self.thumbnail_side() / 2 + 1
        for l, column in enumerate(self._pos):
            for idx, c in column.items():
                if (l - 1, idx) in self.thumbs.images:   # a square map
                    if abs(c.x() - pos.x()) <= half and abs(c.y() - pos.y()) <= half:
                        return ("neuron", l, idx)
                elif (c.x() - pos.x()) ** 2 + (c.y() - pos.y()) ** 2 <= (r + 2) ** 2:
                    return ("neuron", l, idx)
        if not len(self._edges):
            return None
        e = self._edges
        px, py = pos.x(), pos.y()
        dx, dy = e[:, 2] - e[:, 0], e[:, 3] - e[:, 1]
        t = np.clip(((px - e[:, 0]) * dx + (py - e[:, 1]) * dy) / np.maximum(dx * dx + dy * dy, 1e-9), 0, 1)
        d2 = (e[:, 0] + t * dx - px) ** 2 + (e[:, 1] + t * dy - py) ** 2
        k = int(np.argmin(d2))
        if d2[k] <= 16.0:
            return ("edge", int(e[k, 4]), int(e[k, 5]), int(e[k, 6]))
        return None

    def describe(self, item: tuple) -> str:
        if item[0] == "neuron":
            _, l, idx = item
            if l == 0:
                return translate("network_canvas", "input {name}").format(name=self._named(self.inputs, idx))
            act = self.activations[l - 1]
            if l == len(self.sizes) - 1:
                title, _, meaning = self._named(self.outputs, idx).partition("\n")
                kind = translate("network_canvas", "output {name} ({activation})").format(name=title, activation=act)
                kind += f"\n{meaning}" if meaning else ""
            else:
                kind = translate("network_canvas", "hidden layer {layer}, neuron {neuron} ({activation})").format(
                    layer=l, neuron=idx + 1, activation=act)
            bias = translate("network_canvas", "bias = {value}").format(value=f"{float(self.biases[l - 1][idx]):.5g}")
            return f"{kind}\n{bias}"
        _, l, i, j = item
        return translate("network_canvas", "weight layer {layer}: neuron {i} → {j}\nw = {value}\n({hint})").format(
            layer=l + 1, i=i + 1, j=j + 1, value=f"{float(self.weights[l][i, j]):.5g}", hint=self.edge_hint)

    def hover_text(self, item: tuple) -> str:
        """What the hover shows: the description, and for a hidden neuron with a map the
        map enlarged (rich text)."""
        text = self.describe(item)
        if item[0] == "neuron" and 0 < item[1] < len(self.sizes) - 1:
            return self.thumbs.hover_html(item[1] - 1, item[2], text) or text
        return text

    @staticmethod
    def _named(names: list[NeuronName], idx: int) -> str:
        """A neuron's whole name for its hover, and on a second line what it stands for."""
        if idx >= len(names):
            return f"#{idx + 1}"
        n = names[idx]
        return f"{n.title}\n{n.meaning}" if n.meaning else n.title

    def mouseMoveEvent(self, event) -> None:
        item = self.item_at(event.position())
        if item != self._hover:
            self._hover = item
            self.update()
        if item is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.hover_text(item), self)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:
        item = self.item_at(event.position())
        if event.button() == Qt.LeftButton and item is not None and item[0] == "edge":
            self.sigEdgeClicked.emit(item[1], item[2], item[3])
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        item = self.item_at(event.position())
        if event.button() == Qt.LeftButton and item is not None and item[0] == "edge":
            self.sigEdgeDoubleClicked.emit(item[1], item[2], item[3])
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def edge_position(self, layer: int, i: int, j: int, t: float = 0.3) -> QPointF:
        """A point on a drawn edge, fraction t from its source (for tests; edges cross at midpoints)."""
        a, b = self._pos[layer][i], self._pos[layer + 1][j]
        return QPointF(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t)
