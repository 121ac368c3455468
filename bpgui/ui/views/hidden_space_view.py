"""The hidden space: how a hidden layer transforms the data.

The data points (coloured as on the output map) and the grid lines of the input
plane, mapped through the chosen hidden layer: a layer of two units drawn as it
is, three units turned with a slider and seen from a little above, wider layers
on the principal components of the points' activations (``core.hidden_space``).
Live while training: the window passes new weights at most ten times a second,
and only while this tab is visible (``ViewTabs``).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from bpgui.core.hidden_space import (HiddenSpace, grid_lines, hidden_space, orthographic, prepare_inputs,
                                     spread_sample)
from bpgui.core.neuron_maps import BOUNDED
from bpgui.core.output_slice import Plane, default_plane
from bpgui.ui.i18n import translate

from .point_colours import point_groups

MAX_POINTS = 1000      # data points drawn: a sample of larger data keeps a refresh cheap
GRID_LINES = 15        # lines of constant x, and of constant y
LINE_SAMPLES = 60      # points along each line: enough to show its bends
ELEVATION = 20.0       # the viewer's height (degrees) above the plane of units 1 and 2
LINE_PEN = pg.mkPen((150, 150, 150, 150), width=1)
AXIS_PEN = pg.mkPen((60, 60, 60), width=1.5)


class HiddenSpaceView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 0)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 0, 6, 0)
        self.layer_box = QComboBox()
        self.layer_box.setToolTip(translate("hidden_space_view", "the hidden layer the data goes through"))
        self.turn_label = QLabel(translate("hidden_space_view", "turn"))
        self.turn = QSlider(Qt.Horizontal)
        self.turn.setRange(0, 359)
        self.turn.setValue(35)
        self.turn.setToolTip(translate("hidden_space_view", "turn the layer's three units about the third"))
        bar.addWidget(QLabel(translate("hidden_space_view", "layer")))
        bar.addWidget(self.layer_box, 1)
        turn_row = QHBoxLayout()     # its own row: beside the picker both were cut at 1024 pixels
        turn_row.setContentsMargins(6, 0, 6, 0)
        turn_row.addWidget(self.turn_label)
        turn_row.addWidget(self.turn, 1)
        lay.addLayout(bar)
        lay.addLayout(turn_row)
        self.widget = pg.PlotWidget()
        self.plot = self.widget.getPlotItem()
        self.plot.setAspectLocked(True)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).enableAutoSIPrefix(False)
        self.lines = pg.PlotDataItem([], [], pen=LINE_PEN, connect="finite")
        self.axes_item = pg.PlotDataItem([], [], pen=AXIS_PEN, connect="pairs")
        self.axis_names = [pg.TextItem(f"n{k + 1}", color=(40, 40, 40), anchor=(0.5, 0.5)) for k in range(3)]
        self.note = pg.TextItem("", color=(90, 90, 90), anchor=(0.5, 0.5))
        for item in (self.lines, self.axes_item, *self.axis_names, self.note):
            self.plot.addItem(item)
        lay.addWidget(self.widget, 1)
        self.sample_note = QLabel("")     # how many of the data's points are drawn
        self.sample_note.setContentsMargins(6, 0, 6, 0)
        self.sample_note.setToolTip(translate("hidden_space_view",
                                              "A random sample, each class with its share (and at least one point): "
                                              "the principal components are the sample's. Drawing every point "
                                              "would slow the window while training."))
        lay.addWidget(self.sample_note)
        self.space: HiddenSpace | None = None
        self._rows = np.zeros((0, 0))
        self.groups: list[tuple[pg.ScatterPlotItem, np.ndarray]] = []   # one item a colour, and its rows
        self._inputs = None             # (model, the rows and lines encoded for it)
        self._plane: Plane | None = None
        self._lines: list[np.ndarray] = []
        self._source = None             # (model, network) of the last update
        self._layers: list[tuple[int, str]] = []
        self.layer_box.currentIndexChanged.connect(self._redraw)
        self.turn.valueChanged.connect(self._redraw)
        self._show_turn(False)

    # ------------------------------------------------------------------ data
    def set_data(self, dataset, session=None) -> None:
        """The data points (a fixed sample of at most MAX_POINTS complete rows) and the plane."""
        self._source, self.space = None, None
        for item, _ in self.groups:
            self.plot.removeItem(item)
        self.groups = []
        if dataset is None or not len(dataset.X):
            self._rows, self._plane, self._lines, self._inputs = np.zeros((0, 0)), None, [], None
            self.sample_note.setVisible(False)
            self._clear(translate("hidden_space_view", "No data"))
            return
        complete = np.flatnonzero(~np.isnan(dataset.X).any(axis=1))
        labels = np.zeros(dataset.n_samples, dtype=int)   # each row's colour: the sample keeps every one
        for k, (_, rows) in enumerate(point_groups(dataset)):
            labels[rows] = k
        shown = dataset.subset(complete[spread_sample(labels[complete], MAX_POINTS)])
        self.sample_note.setText(translate("hidden_space_view", "{shown} of {total} points shown").format(
            shown=f"{shown.n_samples:,}", total=f"{dataset.n_samples:,}")
                                 if shown.n_samples < dataset.n_samples else "")
        self.sample_note.setVisible(shown.n_samples < dataset.n_samples)
        self._rows = shown.X
        for colour, rows in point_groups(shown):
            item = pg.ScatterPlotItem(size=7, pen=pg.mkPen("w", width=1), brush=pg.mkBrush(*colour))
            self.plot.addItem(item)
            self.groups.append((item, rows))
        self.set_plane(default_plane(dataset, session.train if session is not None else None))

    def set_plane(self, plane: Plane | None) -> None:
        """The input plane whose grid lines are drawn (the window may pass the output map's)."""
        self._plane = plane
        self._lines = grid_lines(plane, GRID_LINES, LINE_SAMPLES) if plane is not None else []
        self._inputs = None
        self._redraw()

    def update_model(self, model, network) -> None:
        self._source = (model, network)
        net = model.network if network is None else network
        self._set_layers(net.layers[:-1])
        self._redraw()

    def _set_layers(self, layers: list[tuple[int, str]]) -> None:
        """The layer picker's entries; the last hidden layer at first (the one the output
        layer separates), the chosen one kept while the network keeps its layers."""
        if layers == self._layers:
            return
        keep = self.layer_box.currentIndex() if len(layers) == len(self._layers) else len(layers) - 1
        self._layers = list(layers)
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        self.layer_box.addItems([f"{k + 1}: {units} {act}" for k, (units, act) in enumerate(layers)])
        self.layer_box.setCurrentIndex(keep)
        self.layer_box.blockSignals(False)

    # --------------------------------------------------------------- drawing
    @Slot()
    def _redraw(self, *_args) -> None:
        layer = self.layer_box.currentIndex()
        if self._source is None or not len(self._rows):
            return
        if layer < 0:
            self._clear(translate("hidden_space_view", "This network has no hidden layer:\nadd one with + Layer."))
            return
        model, network = self._source
        net = model.network if network is None else network
        if net.n_inputs != self._rows.shape[1]:
            return
        units, activation = self._layers[layer]
        if self._inputs is None or self._inputs[0] is not model:
            self._inputs = (model, prepare_inputs(model, self._rows, self._lines))
        self.space = hidden_space(net, layer, self._inputs[1], view=(float(self.turn.value()), ELEVATION))
        self._show_turn(units == 3)
        self.note.setText("")
        for item, rows in self.groups:
            item.setData(pos=self.space.points[rows])
        self.lines.setData(*_joined(self.space.lines))
        self._draw_frame(units, activation)

    def _draw_frame(self, units: int, activation: str) -> None:
        """Title, axes (or the three units' axes, turned) and the range."""
        p = self.space.projection
        # Short: the picker names the layer, and the tab may be 230 pixels wide.
        if p.explained is not None:
            title = (translate("hidden_space_view", "PCA of {n} neurons") if units > 1 else
                     translate("hidden_space_view", "PCA of {n} neuron"))
        else:
            title = (translate("hidden_space_view", "{n} neurons") if units > 1 else
                     translate("hidden_space_view", "{n} neuron"))
        self.plot.setTitle(title.format(n=units))
        flat = units == 3
        for axis, label in zip(("bottom", "left"), _axis_labels(units, p)):
            self.plot.setLabel(axis, label)      # (this shows the axis)
            self.plot.showAxis(axis, not flat)   # three turned units: their own axes instead
        self._draw_unit_axes(flat)
        bounds = BOUNDED.get(activation)
        if units <= 2 and bounds is not None:   # a fixed frame while training: saturation shows at its edges
            y = bounds if units == 2 else (-0.1, 0.1)
            self.plot.setRange(xRange=bounds, yRange=y, padding=0.05)
        else:
            self.plot.enableAutoRange()

    def _draw_unit_axes(self, shown: bool) -> None:
        """For three units: each unit's axis from the origin, turned as the points are."""
        for name in self.axis_names:
            name.setVisible(shown)
        if not shown:
            self.axes_item.setData([], [])
            return
        acts = self.space.activations
        finite = np.abs(acts[np.isfinite(acts)])
        length = max(float(finite.max()) if finite.size else 1.0, 1e-3) * 1.1
        p = orthographic(float(self.turn.value()), ELEVATION)
        tips = p.apply(np.eye(3) * length)
        pairs = np.vstack([[[0.0, 0.0], tip] for tip in tips])
        self.axes_item.setData(pairs[:, 0], pairs[:, 1])
        for name, tip in zip(self.axis_names, tips):
            name.setPos(*(tip * 1.08))

    def _show_turn(self, shown: bool) -> None:
        self.turn.setVisible(shown)
        self.turn_label.setVisible(shown)

    def _clear(self, text: str) -> None:
        for item, _ in self.groups:
            item.setData([], [])
        self.lines.setData([], [])
        self._draw_unit_axes(False)
        self._show_turn(False)
        for axis in ("bottom", "left"):
            self.plot.showAxis(axis, False)
        self.plot.setTitle("")
        self.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        self.note.setPos(0.5, 0.5)
        self.note.setText(text)


def _axis_labels(units: int, p) -> list[str]:
    """The axes' names (the engine's ``p.labels``, in the window's language): principal
    components with their share of the variance, a layer's own units, or none (three turned units)."""
    if p.explained is not None:
        pc = translate("hidden_space_view", "PC{k} ({share} %)")
        return [pc.format(k=k + 1, share=f"{100 * v:.0f}") for k, v in enumerate(p.explained)]
    if units == 3:
        return ["", ""]
    neuron = translate("hidden_space_view", "neuron {k}")
    return [neuron.format(k=k + 1) if k < units else "" for k in range(2)]


def _joined(lines: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """All lines as one curve, a NaN between two lines (drawn with connect="finite")."""
    if not lines:
        return np.zeros(0), np.zeros(0)
    gap = np.full((1, 2), np.nan)
    joined = np.vstack([part for line in lines for part in (line, gap)])
    return joined[:, 0], joined[:, 1]
