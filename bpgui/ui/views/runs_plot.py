"""The kept runs' curves overlaid: loss (log scale) and the metric, one colour per run.

Training loss is a solid line, validation loss a dashed one of the same
colour.  The legend names each visible run with what tells it apart
(optimizer, learning rate, initialiser, seed, branch point: ``Run.describe``).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ..i18n import QT_TRANSLATE_NOOP, translate, translated
from .curve_plot import LogFriendlyAxis
from .theme import CLASS_COLOURS

__all__ = ["RunsPlot", "run_colour"]


METRIC_TITLES = {"accuracy": QT_TRANSLATE_NOOP("runs_plot", "accuracy")}   # other metrics (r2) keep their names


def run_colour(key: int) -> QColor:
    """A run keeps its colour while it is kept (its key picks it)."""
    return QColor(*CLASS_COLOURS[(key - 1) % len(CLASS_COLOURS)])


def _plot(title: str, log: bool = False) -> pg.PlotWidget:
    widget = pg.PlotWidget(axisItems={"left": LogFriendlyAxis("left")})
    item = widget.getPlotItem()
    item.setTitle(title)
    item.setLabel("bottom", translate("runs_plot", "epoch"))
    item.showGrid(x=True, y=True, alpha=0.2)
    item.getAxis("left").enableAutoSIPrefix(False)
    item.setLogMode(y=log)
    return widget


def _metric_title(metric: str) -> str:
    """The right-hand plot's title: the history key without its split (train_accuracy: accuracy)."""
    name = metric.replace("train_", "")
    return translate("runs_plot", METRIC_TITLES[name]) if name in METRIC_TITLES else name


class RunsPlot(QWidget):
    """Loss and metric curves of the visible runs; ``show_runs(runs, metric_key)``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.loss = _plot(translate("runs_plot", "loss of each run (log)"), log=True)
        self.metric = _plot(translate("runs_plot", "accuracy"))
        self.legend = self.loss.getPlotItem().addLegend(offset=(-4, 4), labelTextSize="8pt", verSpacing=-6)
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 210))   # the curves behind it stay faintly visible
        lay.addWidget(self.loss, 3)
        lay.addWidget(self.metric, 2)
        self.curves: dict[int, list[pg.PlotDataItem]] = {}

    def show_runs(self, runs, metric: str | None) -> None:
        """Draw the runs not hidden; ``metric`` is the history key of the right-hand plot
        (train_accuracy, train_r2...) or None to leave it empty."""
        for item in (self.loss.getPlotItem(), self.metric.getPlotItem()):
            item.clear()
        self.legend.clear()
        self.curves = {}
        self.metric.getPlotItem().setTitle(_metric_title(metric) if metric else "")
        for run in runs:
            if run.hidden or not len(run.epoch):
                continue
            colour = run_colour(run.key)
            solid, dashed = pg.mkPen(colour, width=2), pg.mkPen(colour, width=1.5, style=Qt.DashLine)
            label = f"{run.name}: {translated(run.describe())}"
            x = run.epoch.astype(np.float64)
            curves = [self._line(self.loss, x, run.train_loss, solid, label, log=True)]
            if np.isfinite(run.val_loss).any():
                curves.append(self._line(self.loss, x, run.val_loss, dashed, None, log=True))
            for key, pen in ((metric, solid), (metric and metric.replace("train_", "val_"), dashed)):
                values = run.column(key) if key else None
                if values is not None and np.isfinite(values).any():
                    curves.append(self._line(self.metric, x, values, pen, None))
            self.curves[run.key] = curves

    @staticmethod
    def _line(widget: pg.PlotWidget, x: np.ndarray, y: np.ndarray, pen, name: str | None,
              log: bool = False) -> pg.PlotDataItem:
        if log:   # a loss of 0 has no place on a log scale
            y = np.where(y > 0, y, np.nan)
        item = widget.getPlotItem().plot(x, y, pen=pen, name=name, connect="finite")
        item.setDownsampling(auto=True, method="peak")
        return item
