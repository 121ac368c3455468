"""Train and validation curves of one quantity (loss, accuracy, R²) against the epoch."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from bpgui.ui.i18n import translate

from .curve_envelope import MinMaxEnvelope
from .nice_numbers import nice_ceiling
from .theme import MARKER_PEN, TRAIN_PEN, VAL_PEN


class LogFriendlyAxis(pg.AxisItem):
    """An axis whose log-mode labels stay readable: when a decade holds many
    ticks, only mantissas 1, 2 and 5 are labelled."""

    def logTickStrings(self, values, scale, spacing):
        strings = super().logTickStrings(values, scale, spacing)
        if len(values) <= 6:
            return strings
        out = []
        for v, text in zip(values, strings):
            mant = 10 ** (v - np.floor(v + 1e-9))
            keep = any(abs(mant - m) < 1e-6 * m for m in (1, 2, 5))
            out.append(text if keep else "")
        return out


def _curve(plot: pg.PlotItem, pen, name: str) -> pg.PlotDataItem:
    item = plot.plot([], [], pen=pen, name=name, connect="finite")
    item.setDownsampling(auto=True, method="peak")
    item.setClipToView(True)
    return item


def _dot_alone(item: pg.PlotDataItem, alone: bool) -> None:
    """A line needs two points: a curve of one epoch (after one Step) is drawn as a dot."""
    if alone != (item.opts["symbol"] is not None):
        pen = item.opts["pen"]
        item.setSymbol("o" if alone else None)
        item.setSymbolPen(pen)
        item.setSymbolBrush(pen.color())
        item.setSymbolSize(7)


class CurvePlot(QWidget):
    """Train and validation curves of one quantity against the epoch."""

    def __init__(self, title: str, ylabel: str, log_toggle: bool = False, legend_at_bottom: bool = False,
                 parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.widget = pg.PlotWidget(axisItems={"left": LogFriendlyAxis("left")})
        self.plot: pg.PlotItem = self.widget.getPlotItem()
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        self.plot.setTitle(title)
        self.plot.setLabel("bottom", translate("curve_plot", "epoch"))
        self.plot.setLabel("left", ylabel)
        # No grid: an alpha-blended grid re-rasterised in every frame cost ~2 ms a plot.
        # The legend sits in the corner the curves leave free: top right for a
        # falling loss, bottom right for a rising accuracy or R^2.
        self.legend = self.plot.addLegend(offset=(-10, -10 if legend_at_bottom else 10))
        self.train = _curve(self.plot, TRAIN_PEN, translate("curve_plot", "train"))
        self.val = _curve(self.plot, VAL_PEN, translate("curve_plot", "validation"))
        self.legend.removeItem(self.val)
        self._val_in_legend = False
        self._envelopes = {self.train: MinMaxEnvelope(), self.val: MinMaxEnvelope()}
        self._ranges = None
        self._n = 0
        self._source = (None, -1)   # (history, generation) the envelopes were built from
        self.plot.disableAutoRange()  # ranges are set in steps by refresh()
        self.log_y = None
        if log_toggle:
            row = QHBoxLayout()
            row.setContentsMargins(4, 0, 4, 0)
            self.log_y = QCheckBox(translate("curve_plot", "log y"))
            self.log_y.setToolTip(translate("curve_plot", "a logarithmic y axis"))
            self.log_y.setChecked(True)
            self.log_y.toggled.connect(self._set_log)
            row.addStretch(1)
            row.addWidget(self.log_y)
            lay.addLayout(row)
            self.plot.setLogMode(y=True)
        lay.addWidget(self.widget, 1)
        self._keys = ("", "")
        self._y_limits: tuple[float, float] | None = None
        self._y_fixed = False
        self.marker: pg.InfiniteLine | None = None   # the epoch the timeline shows, made when first asked

    def set_marker(self, epoch: int | None) -> None:
        """A vertical line at ``epoch`` (None: none)."""
        if epoch is None:
            if self.marker is not None:
                self.marker.setVisible(False)
            return
        if self.marker is None:
            self.marker = pg.InfiniteLine(angle=90, movable=False, pen=MARKER_PEN)
            self.plot.addItem(self.marker, ignoreBounds=True)
        self.marker.setPos(epoch)
        self.marker.setVisible(True)

    @Slot(bool)
    def _set_log(self, on: bool) -> None:
        self.plot.setLogMode(y=on)
        self._ranges = None
        self._step_ranges(self._n)

    def reset(self) -> None:
        """Forget what was drawn: the next refresh draws a new history from its start."""
        for envelope in self._envelopes.values():
            envelope.clear()
        self._ranges = None
        for item in (self.train, self.val):
            item.setData([], [])
        self.plot.setRange(xRange=(0, 10), yRange=self._y_limits or (0, 1), padding=0.02)

    def set_keys(self, train_key: str, val_key: str, ylabel: str | None = None,
                 y_limits: tuple[float, float] | None = None, fixed: bool = False) -> None:
        """Which history columns to draw; ``y_limits`` bound the y axis (``fixed``: always all of it)."""
        self._keys = (train_key, val_key)
        self._y_limits, self._y_fixed = y_limits, fixed
        self.reset()
        if ylabel:
            self.plot.setLabel("left", ylabel)

    def refresh(self, history) -> None:
        """Draw the columns of ``history`` (a ``bpgui.core.history.History``); only
        epochs new since the last call are looked at, unless the history was
        replaced, cut or thinned."""
        generation = history.generation
        if self._source[0] is not history or self._source[1] != generation:
            self._source = (history, generation)
            self.reset()
        n = self._n = history.epochs
        rows = len(history)
        epoch = history.epoch
        for item, key in zip((self.train, self.val), self._keys):
            y = history.column(key)
            empty = y is None or not rows or bool(np.all(np.isnan(y[-min(len(y), 8):])))
            if item is self.val and empty == self._val_in_legend:
                if empty:
                    self.legend.removeItem(self.val)
                else:
                    self.legend.addItem(self.val, translate("curve_plot", "validation"))
                self._val_in_legend = not empty
            if empty:
                item.setData([], [])
                continue
            x, y = self._envelopes[item].curve(y, epoch)
            if self.log_y is not None and self.log_y.isChecked():
                y = np.where(y > 0, y, np.nan)   # log axes need positive values
            _dot_alone(item, len(x) == 1)
            item.setData(x, y, connect="finite")
        self._step_ranges(n)

    def _step_ranges(self, n: int) -> None:
        """Set the view range in steps rather than autoranging every frame: a new
        range re-generates the axes (ticks, labels, text layout), which was the
        costliest part of a plot's frame while training."""
        ys = [item.yData for item in (self.train, self.val) if item.yData is not None and len(item.yData)]
        if not n or not ys:
            return
        x_max = nice_ceiling(max(n, 2))   # one epoch's dot inside the plot, not on its edge
        values = np.concatenate(ys)
        log = self.log_y is not None and self.log_y.isChecked()
        if log:
            values = values[values > 0]
        values = values[np.isfinite(values)]
        if not len(values):
            return
        lo, hi = float(values.min()), float(values.max())
        if log:  # whole half-decades
            y_range = (np.floor(np.log10(lo) * 2) / 2, np.ceil(np.log10(hi) * 2) / 2)
        else:
            span = nice_ceiling(max(hi - lo, 1e-12))
            step = span / 10
            y_range = (np.floor(lo / step) * step, np.ceil(hi / step) * step)
        if y_range[0] == y_range[1]:
            y_range = (y_range[0] - 0.5, y_range[1] + 0.5)
        if self._y_limits is not None:
            lo_limit, hi_limit = self._y_limits
            y_range = (lo_limit, hi_limit) if self._y_fixed else (max(y_range[0], lo_limit), min(y_range[1], hi_limit))
        ranges = (x_max, y_range)
        if ranges != self._ranges:
            self._ranges = ranges
            self.plot.setRange(xRange=(0, x_max), yRange=y_range, padding=0.02)
