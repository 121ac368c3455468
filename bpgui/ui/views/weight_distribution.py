"""One layer's weights over the run: their distribution as an image (epoch across, weight
value up, colour the number of weights), and the layer's norm beneath it on the same epochs.

The numbers come from ``LayerHistory`` (bpgui/core/layer_history.py), which counts
only the checkpoints it has not seen; the image draws at most ``MAX_COLUMNS``
evenly spaced epochs (``even_rows``).  Counts are coloured on a log scale: a
layer's weights crowd a few bins near zero, and its tails would not show on a
linear one.  Redrawn when the timeline changes, and only while in sight.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from bpgui.core.layer_history import LayerHistory, even_rows
from bpgui.core.weight_history import Distribution, kept_epochs, timeline_version

from ..i18n import translate
from .layer_choice import layer_row, set_layer_choices
from .theme import DENSITY_CMAP
from .weight_trajectories import message_label, message_text

MAX_COLUMNS = 400   # epochs drawn across: about one a pixel of the dock's plot
BINS = 64
AXIS_WIDTH = 52


class DistributionView(QWidget):
    """A layer, chosen in ``layer``: its weights' distribution and norm at each kept epoch."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        row, self.layer = layer_row()
        self.caption = QLabel()
        row.addWidget(self.caption)
        lay.addLayout(row)
        # Two plots on one epoch axis, their left axes as wide, the colour bar to the right of
        # both: so that an epoch is at the same x in both (x-linked boxes of unequal width are not).
        self.widget = pg.GraphicsLayoutWidget()
        self.plot = self.widget.addPlot(row=0, col=0)
        self.plot.setLabel("left", translate("weight_distribution", "weight"))
        self.plot.getAxis("bottom").setStyle(showValues=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(0, 1), colorMap=DENSITY_CMAP, interactive=False, width=12,
                                        label=translate("weight_distribution", "weights in bin"))
        self.colorbar.setImageItem(self.image)
        self.widget.addItem(self.colorbar, row=0, col=1, rowspan=2)
        self.norm_plot = self.widget.addPlot(row=1, col=0)
        self.norm_plot.setLabel("left", "‖W‖₂")
        self.norm_plot.setLabel("bottom", translate("weight_distribution", "epoch"))
        self.norm_plot.setXLink(self.plot)
        for plot in (self.plot, self.norm_plot):
            plot.getAxis("left").setWidth(AXIS_WIDTH)
        self.norm_curve = self.norm_plot.plot([], [], pen=pg.mkPen((31, 119, 180), width=2))
        self.widget.ci.layout.setRowStretchFactor(0, 2)
        self.widget.ci.layout.setRowStretchFactor(1, 1)
        lay.addWidget(self.widget, 1)
        self.message = message_label()
        lay.addWidget(self.message, 1)
        self.history = LayerHistory(BINS)
        self.distribution: Distribution | None = None    # what the image shows
        self.norms = np.empty(0)
        self._timeline = None
        self._message = ""
        self._drawn = None
        self._top = 0
        self.layer.currentIndexChanged.connect(self._layer_changed)
        self._show_state()

    def show_timeline(self, timeline, message: str = "") -> None:
        """The timeline to read (None: none yet, and ``message`` says why)."""
        self._timeline, self._message = timeline, message
        if timeline is not None:
            self._set_layer_count(len(timeline.sizes) - 1)
        self.refresh()

    def _set_layer_count(self, n: int) -> None:
        set_layer_choices(self.layer, n)

    @Slot(int)
    def _layer_changed(self, _index: int) -> None:
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Count and draw what changed (only when in sight)."""
        self._show_state()
        timeline, layer = self._timeline, self.layer.currentIndex()
        if not self.isVisible() or timeline is None or not len(timeline) or layer < 0:
            return
        drawn = (timeline, timeline_version(timeline), layer)
        if drawn == self._drawn:
            return
        self._drawn = drawn
        rows, step = even_rows(kept_epochs(timeline), MAX_COLUMNS, timeline.stride)
        self.distribution, self.norms = self.history.update(timeline, layer, rows)
        self._draw(self.distribution, self.norms, step)

    def _draw(self, dist: Distribution, norms: np.ndarray, step: int) -> None:
        columns = epoch_columns(dist.epochs, step)
        shown = np.full((len(columns), dist.counts.shape[1]), np.nan, np.float32)
        present = columns >= 0
        with np.errstate(divide="ignore"):
            shown[present] = np.log10(dist.counts[columns[present]])
        shown[np.isinf(shown)] = np.nan            # an empty bin: no colour, the background
        top = max(1, int(np.ceil(np.nanmax(shown, initial=0))))
        self.image.setImage(shown.T, levels=(0, top), autoLevels=False)
        first, lo, hi = float(dist.epochs[0]), float(dist.edges[0]), float(dist.edges[-1])
        self.image.setRect(first - step / 2, lo, len(columns) * step, hi - lo)
        if top != self._top:                       # a new scale re-generates the bar's axis: only when it grows
            self._top = top
            self.colorbar.setLevels((0, top))
            self.colorbar.axis.setTicks([[(k, _power_of_ten(k)) for k in range(top + 1)]])
        self.norm_curve.setData(dist.epochs, norms)
        layer = self.layer.currentIndex()
        weights = self._timeline.sizes[layer] * self._timeline.sizes[layer + 1]
        self.caption.setText(translate("weight_distribution", "{weights} weights, {epochs} epochs shown").format(
            weights=f"{weights:,}", epochs=f"{len(dist.epochs):,}"))

    def _show_state(self) -> None:
        has_history = self._timeline is not None and len(self._timeline) > 0
        self.widget.setVisible(has_history)
        self.message.setVisible(not has_history)
        self.message.setText(message_text(self._message))
        if not has_history:
            self._drawn = None


def epoch_columns(epochs: np.ndarray, step: int) -> np.ndarray:
    """For each column of the image (epochs first, first + step, ... up to the last), the row of
    ``epochs`` it shows; -1 where no kept epoch falls (drawn blank)."""
    grid = np.arange(int(epochs[0]), int(epochs[-1]) + 1, step)
    at = np.minimum(np.searchsorted(epochs, grid), len(epochs) - 1)
    return np.where(epochs[at] == grid, at, -1)


def _power_of_ten(k: int) -> str:
    return {0: "1", 1: "10", 2: "100", 3: "1k", 4: "10k", 5: "100k", 6: "1M"}.get(k, f"1e{k}")
