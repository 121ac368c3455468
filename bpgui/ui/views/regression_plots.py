"""A regression target's predictions: predicted against actual with the y = x
diagonal, and the residuals (actual - predicted) against the prediction."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..i18n import translate
from .adaptive_splitter import AdaptiveSplitter

__all__ = ["RegressionPlots"]

POINT_BRUSH = pg.mkBrush(31, 119, 180, 150)
GUIDE_PEN = pg.mkPen((120, 120, 120), width=1.5, style=Qt.DashLine)


def _plot(title: str) -> tuple[pg.PlotWidget, pg.PlotItem, pg.ScatterPlotItem]:
    widget = pg.PlotWidget()
    widget.setMinimumSize(160, 140)
    plot = widget.getPlotItem()
    plot.setTitle(title)
    for axis in ("left", "bottom"):
        plot.getAxis(axis).enableAutoSIPrefix(False)
    points = pg.ScatterPlotItem(size=6, pen=None, brush=POINT_BRUSH)
    plot.addItem(points)
    return widget, plot, points


class RegressionPlots(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.fit_widget, self.fit_plot, self.scatter = _plot(translate("regression_plots", "predicted and actual"))
        self.diagonal = self.fit_plot.plot([], [], pen=GUIDE_PEN)
        self.diagonal.setZValue(-1)
        self.residual_widget, self.residual_plot, self.residuals = _plot(translate("regression_plots", "residuals"))
        self.residual_plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=GUIDE_PEN))
        self.residual_plot.setLabel("left", translate("regression_plots", "actual − predicted"))
        self.splitter = AdaptiveSplitter(wide_ratio=1.6)
        self.splitter.addWidget(self.fit_widget)
        self.splitter.addWidget(self.residual_widget)
        lay.addWidget(self.splitter)
        self._name = None

    def show_values(self, predicted: np.ndarray, actual: np.ndarray, name: str) -> None:
        """One target's predictions and true values over the rows of a split."""
        predicted = np.asarray(predicted, dtype=np.float64)
        actual = np.asarray(actual, dtype=np.float64)
        if name != self._name:
            self._name = name
            predicted_name = translate("regression_plots", "predicted {name}").format(name=name)
            self.fit_plot.setLabel("bottom", predicted_name)
            self.fit_plot.setLabel("left", translate("regression_plots", "actual {name}").format(name=name))
            self.residual_plot.setLabel("bottom", predicted_name)
        ok = np.isfinite(predicted) & np.isfinite(actual)
        self.scatter.setData(x=predicted[ok], y=actual[ok])
        self.residuals.setData(x=predicted[ok], y=(actual - predicted)[ok])
        if ok.any():   # the diagonal across both ranges, so every point is measured against it
            both = np.concatenate([predicted[ok], actual[ok]])
            lo, hi = float(both.min()), float(both.max())
            self.diagonal.setData([lo, hi], [lo, hi])
        else:
            self.diagonal.setData([], [])

    def clear(self) -> None:
        for item in (self.scatter, self.residuals, self.diagonal):
            item.setData([], [])
