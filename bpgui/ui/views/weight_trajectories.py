"""Chosen weights' values over the run, overlaid: one curve a weight, read from the timeline.

A weight is chosen by a click on its edge in the network drawing or its cell
in the weights heatmap; the window passes it to ``add_weight``.  The curves
are redrawn from the timeline when it changes (``show_timeline``, on the
window's throttled path), and only while the view is in sight: a hidden view
catches up when shown.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from bpgui.core.weight_history import timeline_version, weight_series

from ..i18n import QT_TRANSLATE_NOOP, translate
from .theme import CLASS_COLOURS
from .weight_names import WeightNames

MAX_CURVES = len(CLASS_COLOURS)   # one colour each; a new one beyond drops the oldest
# Shown translated (context "weight_trajectories"); NO_HISTORY is also passed in as a message.
NO_HISTORY = QT_TRANSLATE_NOOP("weight_trajectories", "Train to record the weights' history.")
HINT = QT_TRANSLATE_NOOP("weight_trajectories",
                         "Click an edge in the network or a cell of the Weights heatmap to plot that weight over the run.")

Key = tuple[int, int, int]        # (layer, i, j)


class TrajectoryPlot(QWidget):
    """Several weights over the run; ``add_weight``, ``remove_weight``, ``clear``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 0, 4, 0)
        self.status = QLabel(translate("weight_trajectories", HINT))
        self.status.setWordWrap(True)
        self.remove_button = QToolButton()
        self.remove_button.setText(translate("weight_trajectories", "Remove"))
        self.remove_button.setToolTip(translate("weight_trajectories", "remove one weight's curve"))
        self.remove_button.setPopupMode(QToolButton.InstantPopup)
        self.remove_menu = QMenu(self.remove_button)
        self.remove_button.setMenu(self.remove_menu)
        self.clear_button = QPushButton(translate("weight_trajectories", "Clear"))
        self.clear_button.setToolTip(translate("weight_trajectories", "remove every curve"))
        bar.addWidget(self.status, 1)
        bar.addWidget(self.remove_button)
        bar.addWidget(self.clear_button)
        lay.addLayout(bar)
        self.widget = pg.PlotWidget()
        self.plot: pg.PlotItem = self.widget.getPlotItem()
        self.plot.setLabel("bottom", translate("weight_trajectories", "epoch"))
        self.plot.setLabel("left", translate("weight_trajectories", "weight"))
        self.plot.addItem(pg.InfiniteLine(0, angle=0, pen=pg.mkPen((190, 190, 190), style=Qt.DashLine)))
        # A backed legend: the curves run under it wherever it is.
        self.legend = self.plot.addLegend(offset=(-10, 10), brush=(255, 255, 255, 210), pen=(200, 200, 200),
                                          labelTextSize="8pt", verticalSpacing=-4)
        lay.addWidget(self.widget, 1)
        self.message = message_label()
        lay.addWidget(self.message, 1)
        self.keys: list[Key] = []
        self.curves: dict[Key, pg.PlotDataItem] = {}
        self._colours: dict[Key, tuple[int, int, int]] = {}
        self._timeline = None
        self._names: WeightNames | None = None
        self._message = ""
        self._drawn = None            # what the curves show: (timeline, its signature, keys)
        self.clear_button.clicked.connect(self.clear)
        self.remove_menu.aboutToShow.connect(self._fill_remove_menu)
        self._show_state()

    # ------------------------------------------------------------ what to show
    def show_timeline(self, timeline, names: WeightNames, message: str = "") -> None:
        """The timeline to read (None: none yet, and ``message`` says why); the network's names.
        A network of other sizes forgets the chosen weights."""
        if self._names is not None and names.sizes != self._names.sizes:
            self.clear()
        renamed = names != self._names
        self._timeline, self._names, self._message = timeline, names, message
        if renamed:
            for key, curve in self.curves.items():
                self.legend.getLabel(curve).setText(names.name(*key))
        self.refresh()

    def add_weight(self, layer: int, i: int, j: int) -> None:
        """Plot weight ``i -> j`` of layer ``layer`` too (once; the oldest goes beyond MAX_CURVES)."""
        key = (int(layer), int(i), int(j))
        if key in self.curves or (self._names is not None and not self._names.holds(*key)):
            return
        if len(self.keys) >= MAX_CURVES:
            self.remove_weight(*self.keys[0])
        colour = next(c for c in CLASS_COLOURS if c not in self._colours.values())
        name = self._names.name(*key) if self._names else translate("weight_trajectories", "layer {n}: {source} → {target}").format(
            n=layer + 1, source=i + 1, target=j + 1)
        curve = self.plot.plot([], [], pen=pg.mkPen(colour, width=2), name=name)
        curve.setDownsampling(auto=True, method="peak")   # a timeline of XOR holds 10^5 epochs
        curve.setClipToView(True)
        self.keys.append(key)
        self.curves[key], self._colours[key] = curve, colour
        self.refresh()

    def remove_weight(self, layer: int, i: int, j: int) -> None:
        key = (layer, i, j)
        curve = self.curves.pop(key, None)
        if curve is None:
            return
        self.keys.remove(key)
        del self._colours[key]
        self.plot.removeItem(curve)
        self._show_state()

    @Slot()
    def clear(self) -> None:
        for key in list(self.keys):
            self.remove_weight(*key)

    # ------------------------------------------------------------------ drawing
    def refresh(self) -> None:
        """Redraw the curves if the timeline or the chosen weights changed (only when in sight)."""
        self._show_state()
        if not self.isVisible() or self._timeline is None:
            return
        drawn = (self._timeline, timeline_version(self._timeline), tuple(self.keys))
        if drawn == self._drawn:
            return
        self._drawn = drawn
        for key, curve in self.curves.items():
            epochs, values = weight_series(self._timeline, *key)
            curve.setData(epochs, values)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def _show_state(self) -> None:
        """The plot, or in its place the message saying why there is nothing to plot."""
        has_history = self._timeline is not None and len(self._timeline) > 0
        self.widget.setVisible(has_history)
        self.message.setVisible(not has_history)
        self.message.setText(message_text(self._message))
        self.remove_button.setEnabled(bool(self.keys))
        self.clear_button.setEnabled(bool(self.keys))
        if not has_history:
            self._drawn = None
        n = len(self.keys)
        if n > 1:
            self.status.setText(translate("weight_trajectories", "{n} weights; click to add more").format(n=n))
        elif n:
            self.status.setText(translate("weight_trajectories", "1 weight; click to add more"))
        else:
            self.status.setText(translate("weight_trajectories", HINT))

    @Slot()
    def _fill_remove_menu(self) -> None:
        self.remove_menu.clear()
        for key in self.keys:
            action = QAction(self._names.name(*key) if self._names else str(key), self.remove_menu)
            action.triggered.connect(lambda _=False, key=key: self.remove_weight(*key))
            self.remove_menu.addAction(action)


def message_text(message: str) -> str:
    """The message saying why there is nothing to plot, translated (it may be NO_HISTORY, passed in)."""
    return translate("weight_trajectories", message or NO_HISTORY)


def message_label() -> QLabel:
    """The view's place, when there is nothing to plot, saying why."""
    label = QLabel()
    label.setAlignment(Qt.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555; font-size: 11pt;")
    return label
