"""What the network computes over its inputs, behind the data points.

Two features span the map (the user picks them); every other input is held
at a value the held-inputs panel sets (the training means, a sample, or the
sliders).  One feature (or "curve" on the y picker): the output as a curve
over the data.  The computation is ``bpgui.core.output_slice``; this widget
only chooses the plane and paints the outputs.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from bpgui.core.output_slice import (band_values, class_probabilities, default_plane, nice_step, outputs_at,
                                     plane_grid, slice_inputs, telling_axes)

from ..i18n import QT_TRANSLATE_NOOP, translate
from .held_inputs import HeldInputs
from .map_colours import TEST_PEN, TEST_SYMBOL, TRAIN_PEN, TRAIN_SYMBOL, VALUE_CMAP, class_colour, class_tints
from .map_labels import legend_for, output_name, target_levels
from .map_points import MapPoints
from .theme import PREDICTION_PEN

__all__ = ["BoundaryPlot"]

CURVE_ITEM = QT_TRANSLATE_NOOP("output_map", "none: a curve")   # the y picker's last entry: the output over x alone
BANDS = 8                      # a discretised regression map's bands over the targets' range


class BoundaryPlot(QWidget):
    """The output map: an image over two chosen inputs, or a curve over one."""

    GRID = 100            # the map's pixels on each side
    WIDE_GRID = 50        # ... for more than WIDE inputs: each pixel is a forward pass through them
    WIDE = 100
    LINE_POINTS = 300     # a curve's points
    sigSampleChosen = Signal(object)   # raw features of a data point the user clicked
    sigPlaneChanged = Signal(object)   # the Plane shown (axes, held values): the neuron maps draw it too

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(self._build_controls())
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.RichText)
        self.legend.setContentsMargins(4, 0, 4, 0)
        font = self.legend.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)   # ten digits' names in two lines of a narrow tab
        self.legend.setFont(font)
        lay.addWidget(self.legend)
        self.splitter = QSplitter(Qt.Vertical)
        self.widget = pg.PlotWidget()
        self.plot = self.widget.getPlotItem()
        self.splitter.addWidget(self.widget)
        self.held = HeldInputs()
        self.splitter.addWidget(self.held)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        lay.addWidget(self.splitter, 1)
        self._build_plot()
        self.mode = "none"
        self.dataset = self.session = None
        self.plane = None
        self.output = 0
        self.levels = (0.0, 1.0)
        self.values = None          # what the map shows: class probabilities, or the output's values
        self._model = self._network = None
        self._inputs, self._inputs_for = None, None   # the encoded grid, and for what
        self._stale = False                           # a redraw waits for the map to be shown
        self.held.sigChanged.connect(self._held_changed)

    def _build_controls(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setContentsMargins(4, 0, 4, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        self.x_axis, self.y_axis, self.output_picker = QComboBox(), QComboBox(), QComboBox()
        for combo in (self.x_axis, self.y_axis, self.output_picker):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        self.x_axis.setToolTip(translate("output_map", "The input across the map"))
        self.y_axis.setToolTip(translate("output_map", "The input up the map, or none for the output as a curve over x"))
        self.output_picker.setToolTip(translate("output_map", "Which output the map shows: each is a question of its own"))
        self.output_label = QLabel(translate("output_map", "output"))
        self.discretise = QCheckBox(translate("output_map", "discretise"))
        self.discretise.setToolTip(translate("output_map", "Classes: the likeliest class only, however sure.  "
                                                     "Numbers: bands of equal width."))
        grid.addWidget(QLabel("x"), 0, 0)
        grid.addWidget(self.x_axis, 0, 1)
        self.y_label = QLabel("y")
        grid.addWidget(self.y_label, 0, 2)
        grid.addWidget(self.y_axis, 0, 3)
        second = QHBoxLayout()   # the output picker (when there is a choice), then discretise
        second.addWidget(self.output_label)
        second.addWidget(self.output_picker, 1)
        second.addWidget(self.discretise)
        second.addStretch(0)
        grid.addLayout(second, 1, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.x_axis.currentIndexChanged.connect(self._axes_changed)
        self.y_axis.currentIndexChanged.connect(self._axes_changed)
        self.output_picker.currentIndexChanged.connect(self._output_changed)
        self.discretise.toggled.connect(self._redraw)
        return grid

    def _build_plot(self) -> None:
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).enableAutoSIPrefix(False)
        self.curves: list[pg.PlotDataItem] = []
        self.points = pg.ScatterPlotItem(size=9, pen=TRAIN_PEN, symbol=TRAIN_SYMBOL)
        self.test_points = pg.ScatterPlotItem(size=10, pen=TEST_PEN, symbol=TEST_SYMBOL)
        self.sample_marker = pg.ScatterPlotItem(size=18, symbol="star", pen=pg.mkPen("k", width=1.5),
                                                brush=pg.mkBrush(255, 255, 255, 200))
        self.sample_line = pg.InfiniteLine(angle=90, pen=pg.mkPen((40, 40, 40), width=1.2, style=Qt.DashLine))
        for item in (self.points, self.test_points, self.sample_marker, self.sample_line):
            self.plot.addItem(item)
        self.sample_line.hide()
        self.points.sigClicked.connect(self._point_clicked)
        self.test_points.sigClicked.connect(self._point_clicked)
        self.note = pg.TextItem("", color=(90, 90, 90), anchor=(0.5, 0.5))
        self.plot.addItem(self.note)
        self.colorbar = None   # made for the first numbers shown: a window may never need one
        self._colorbar_shown = False
        self._marks = MapPoints(self.points, self.test_points)

    # ---------------------------------------------------------------- data
    def set_data(self, dataset, session=None) -> None:
        """New data or a new network: the pickers, the held values and the points.
        The user's axes, output and held values stay when the features are the same."""
        keep = self.dataset is not None and dataset is not None and self.plane is not None \
            and dataset.feature_names == self.dataset.feature_names \
            and dataset.target_names == self.dataset.target_names
        held = self.held
        before = (self.plane, self.output, held.values.copy(), held.at_sample, held.at_means()) if keep else None
        self.dataset, self.session = dataset, session
        self._model = self._network = None
        self.image.clear()
        self._clear_curves()
        self.note.setText("")
        if dataset is None or dataset.n_features == 0 or dataset.n_samples == 0:
            self._show_nothing()
            return
        train = session.train if session is not None else dataset
        plane = default_plane(dataset, train).with_axes(telling_axes(train), dataset.X)
        self._fill_held(dataset, plane)
        self._fill_pickers(dataset)
        if before is not None:
            plane = self._restore(plane, *before)
        self._set_plane(plane)
        if before is None:
            self._share_height()

    def _share_height(self) -> None:
        """The held inputs get the height of their rows, up to 40 % (30 % of a small tab)."""
        rows = self.held.held_count()
        if not rows:
            return
        row = self.held.sliders[0].sizeHint().height() + 4
        total = max(self.splitter.height(), 300)
        share = min((rows * row + 3 * row) / total, 0.4 if total >= 450 else 0.3)
        self.splitter.setSizes([round(1000 * (1 - share)), round(1000 * share)])

    def _fill_held(self, dataset, plane) -> None:
        with np.errstate(all="ignore"):
            lo, hi = np.nanmin(dataset.X, axis=0), np.nanmax(dataset.X, axis=0)
        lo, hi = np.nan_to_num(lo), np.nan_to_num(hi)
        self.held.set_features(dataset.feature_names, lo, hi, plane.held, pixels=dataset.image_shape is not None)

    def _fill_pickers(self, dataset) -> None:
        names = dataset.feature_names
        several = dataset.n_outputs > 1 and dataset.task != "multiclass"   # independent outputs
        for combo, items in ((self.x_axis, names), (self.y_axis, [*names, translate("output_map", CURVE_ITEM)] if len(names) > 1 else []),
                             (self.output_picker, dataset.target_names if several else [])):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(items)
            combo.blockSignals(False)
        self.y_axis.setVisible(len(names) > 1)
        self.y_label.setVisible(len(names) > 1)
        self.output_picker.setVisible(several)
        self.output_label.setVisible(several)
        self.output = 0

    def _restore(self, plane, old_plane, output, held, at_sample, at_means):
        """The user's choices from before a new network on the same features (held at
        the means stays at the means: the new training rows' means)."""
        if output < self.output_picker.count():
            self.output = output
        if not at_means:
            self.held.blockSignals(True)
            self.held.hold(held)
            self.held.at_sample = at_sample   # values the user moved to, or a sample's
            self.held.blockSignals(False)
        return plane.holding(self.held.values).with_axes(old_plane.axes, self.dataset.X)

    def _show_nothing(self) -> None:
        self.mode = "none"
        self.plane = None
        self.values = None
        self._marks.clear()
        self.sample_marker.setData([], [])
        self.legend.setText("")
        self._show_colour_bar(False)
        self.held.setVisible(False)
        self.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        self.note.setPos(0.5, 0.5)
        self.note.setText(translate("output_map", "No data to map"))
        for axis in ("left", "bottom"):
            self.plot.showAxis(axis, False)

    # ---------------------------------------------------------------- the plane
    def _set_plane(self, plane) -> None:
        """Show ``plane``: the pickers, labels, points, legend and view range follow it."""
        ds = self.dataset
        self.plane = plane
        self.mode = "plane" if len(plane.axes) == 2 else "line"
        if self.mode == "line":   # what the other mode drew must not stay behind
            self.image.clear()
        else:
            self._clear_curves()
        for combo, k in ((self.x_axis, plane.axes[0]),
                         (self.y_axis, plane.axes[1] if len(plane.axes) == 2 else ds.n_features)):
            combo.blockSignals(True)
            combo.setCurrentIndex(k)
            combo.blockSignals(False)
        self.output_picker.blockSignals(True)
        self.output_picker.setCurrentIndex(self.output if self.output_picker.count() else -1)
        self.output_picker.blockSignals(False)
        self.held.set_axes(plane.axes)
        self.held.setVisible(self.held.held_count() > 0)
        self.levels = target_levels(ds, self.output)
        for axis in ("left", "bottom"):
            self.plot.showAxis(axis, True)
        self.plot.setLabel("bottom", ds.feature_names[plane.axes[0]])
        self.plot.setLabel("left", ds.feature_names[plane.axes[1]] if self.mode == "plane" else output_name(ds, self.output))
        self._marks.show(ds, self.session, plane.axes, self.output, self.levels)
        self._show_colour_bar(self.mode == "plane" and ds.task == "regression")
        self.legend.setText(legend_for(ds, self.session, self.output))
        self._show_sample_mark()
        self._set_view_range()
        self._redraw()
        self.sigPlaneChanged.emit(plane)

    def _set_view_range(self) -> None:
        p = self.plane
        if self.mode == "plane":
            self.plot.setRange(xRange=(p.lo[0], p.hi[0]), yRange=(p.lo[1], p.hi[1]), padding=0)
            return
        self.plot.setXRange(p.lo[0], p.hi[0], padding=0)
        if self.dataset.task == "regression":
            lo, hi = self.levels
            pad = (hi - lo) * 0.08
            self.plot.setYRange(lo - pad, hi + pad, padding=0)
        else:
            self.plot.setYRange(-0.05, 1.05, padding=0)

    def _show_colour_bar(self, show: bool) -> None:
        """The bar sits right of the map for numbers only (in the plot's layout, so an
        exported map has it)."""
        if show and self.colorbar is None:
            self.colorbar = pg.ColorBarItem(values=self.levels, colorMap=VALUE_CMAP, interactive=False, width=12,
                                            colorMapMenu=False)
        if show:
            self.colorbar.setLevels(self.levels)
            self.colorbar.axis.setLabel(self.dataset.target_names[self.output])
        if show == self._colorbar_shown:
            return
        if show:
            self.plot.layout.addItem(self.colorbar, 2, 5)
        else:
            self.plot.layout.removeItem(self.colorbar)
        self.colorbar.setVisible(show)
        self._colorbar_shown = show

    # ---------------------------------------------------------------- the user's choices
    @Slot()
    def _axes_changed(self, *_args) -> None:
        if self.plane is None:
            return
        x, y = self.x_axis.currentIndex(), self.y_axis.currentIndex()
        old = self.plane.axes
        if x == y:   # the other picker takes the feature this one left
            if self.sender() is self.x_axis:
                other, left = self.y_axis, old[0]
            else:        # from a curve (one axis), x moves on to the next feature
                other, left = self.x_axis, old[1] if len(old) == 2 else (x + 1) % self.dataset.n_features
            other.blockSignals(True)
            other.setCurrentIndex(left)
            other.blockSignals(False)
            x, y = self.x_axis.currentIndex(), self.y_axis.currentIndex()
        axes = (x, y) if y < self.dataset.n_features else (x,)
        self._set_plane(self.plane.holding(self.held.values).with_axes(axes, self.dataset.X))

    @Slot(int)
    def _output_changed(self, index: int) -> None:
        if self.plane is not None and index >= 0:
            self.output = index
            self._set_plane(self.plane)

    @Slot()
    def _held_changed(self) -> None:
        if self.plane is not None:
            self.plane = self.plane.holding(self.held.values)
            self._show_sample_mark()
            self._redraw()
            self.sigPlaneChanged.emit(self.plane)

    def show_sample(self, x) -> None:
        """At this sample: hold the other inputs at sample ``x`` (raw features) and mark it."""
        if self.plane is not None and np.size(x) == self.dataset.n_features:
            self.held.hold(x)

    def _show_sample_mark(self) -> None:
        at = self.held.values if self.held.at_sample else None
        if at is None or self.mode == "none":
            self.sample_marker.setData([], [])
            self.sample_line.hide()
        elif self.mode == "plane":
            self.sample_marker.setData([at[self.plane.axes[0]]], [at[self.plane.axes[1]]])
            self.sample_line.hide()
        else:
            self.sample_marker.setData([], [])
            self.sample_line.setValue(at[self.plane.axes[0]])
            self.sample_line.show()

    def _point_clicked(self, _item, points, _event=None) -> None:
        if len(points):
            row = self._marks.row_of(points[0])
            if row is not None:
                self.show_sample(row)
                self.sigSampleChosen.emit(row)

    # ---------------------------------------------------------------- drawing
    def update_model(self, model, network=None) -> None:
        """Draw what ``network`` (default: the model's own) computes over the plane."""
        self._model, self._network = model, network
        self._redraw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._redraw()

    @Slot()
    def _redraw(self, *_args) -> None:
        model, plane = self._model, self.plane
        if model is None or plane is None or model.network.n_inputs != self.dataset.n_features:
            return
        if not self.isVisible():   # a sample shown while another tab is up: draw when this one is
            self._stale = True
            return
        self._stale = False
        grid = self.GRID if self.dataset.n_features <= self.WIDE else self.WIDE_GRID
        n = grid if self.mode == "plane" else self.LINE_POINTS
        made = self._inputs_for   # the very objects (planes holding other values compare equal)
        if made is None or made[0] is not plane or made[1] is not model or made[2] != n:
            self._inputs = slice_inputs(model, plane, n)   # while training only the weights change
            self._inputs_for = (plane, model, n)
        out = outputs_at(model, self._inputs, self._network)
        if self.mode == "plane":
            self._paint(out, n)
        else:
            self._draw_curves(plane_grid(plane, n)[:, plane.axes[0]], out)

    def _paint(self, out: np.ndarray, n: int) -> None:
        if self.dataset.task == "regression":
            lo, hi = self.levels   # a diverged network's inf and nan: the bar's ends, not holes
            v = np.nan_to_num(out[:, self.output], nan=lo, posinf=hi, neginf=lo)
            if self.discretise.isChecked():
                v = band_values(v, nice_step(self.levels[1] - self.levels[0], BANDS))
            self.values = v.reshape(n, n)
            self.image.setColorMap(VALUE_CMAP)
            self.image.setImage(self.values, levels=self.levels, autoLevels=False)
        else:
            probs = class_probabilities(out, self.dataset.task, self.output)
            self.values = probs.reshape(n, n, -1)
            rgb = class_tints(probs, self.discretise.isChecked()).reshape(n, n, 3)
            self.image.setImage(rgb, levels=(0, 255), autoLevels=False)
        p = self.plane
        # Pixel centres on the grid's points: the image reaches half a step past each end.
        dx, dy = ((b - a) / (n - 1) for a, b in zip(p.lo, p.hi))
        self.image.setRect(p.lo[0] - dx / 2, p.lo[1] - dy / 2, p.hi[0] - p.lo[0] + dx, p.hi[1] - p.lo[1] + dy)

    def _draw_curves(self, x: np.ndarray, out: np.ndarray) -> None:
        hard = self.discretise.isChecked()
        task = self.dataset.task
        if task == "regression":
            y = out[:, self.output]
            if hard:
                y = band_values(y, nice_step(self.levels[1] - self.levels[0], BANDS))
            lines = [(y, PREDICTION_PEN)]
        else:
            probs = class_probabilities(out, task, self.output)
            if hard:
                probs = (probs == probs.max(axis=1, keepdims=True)).astype(float)
            shown = range(probs.shape[1]) if task == "multiclass" else [1]
            lines = [(probs[:, k], pg.mkPen(class_colour(k), width=2.5)) for k in shown]
        self.values = np.column_stack([y for y, _ in lines])
        while len(self.curves) < len(lines):
            self.curves.append(self.plot.plot([], []))
        for curve, (y, pen) in zip(self.curves, lines):
            curve.setData(x, y, pen=pen)
        for curve in self.curves[len(lines):]:
            curve.setData([], [])

    def _clear_curves(self) -> None:
        for curve in self.curves:
            curve.setData([], [])
