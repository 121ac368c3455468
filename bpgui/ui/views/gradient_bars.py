"""Per-layer gradient norms of the last batch, as bars."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from bpgui.ui.i18n import translate

from .nice_numbers import nice_ceiling


class GradientBars(QWidget):
    """Per-layer gradient norms of the last batch."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.widget = pg.PlotWidget()
        self.plot = self.widget.getPlotItem()
        self.plot.setTitle(translate("gradient_bars", "gradient norm per layer (last batch)"))
        self.plot.setLabel("bottom", translate("gradient_bars", "layer"))
        self.bars = pg.BarGraphItem(x=[1], height=[0], width=0.6, brush=(31, 119, 180))
        self.plot.addItem(self.bars)
        lay.addWidget(self.widget, 1)
        self.values: tuple[float, ...] = ()
        self._top = 0.0

    def set_norms(self, norms) -> None:
        values = [float(v) if np.isfinite(v) else 0.0 for v in norms]
        if not values:
            return
        layers_changed = len(values) != len(self.values)
        self.values = tuple(values)
        x = np.arange(1, len(values) + 1)
        self.bars.setOpts(x=x, height=values, width=0.6)
        # Ticks and ranges change only when they must: each change re-generates
        # the axis (ticks, labels), the costliest part of this plot's frame.
        if layers_changed:
            self.plot.getAxis("bottom").setTicks([[(int(i), str(int(i))) for i in x]])
            self.plot.setXRange(0.4, len(values) + 0.6, padding=0)
        top = max(values)
        if top <= 0:   # no gradients yet (a new network): a plain 0..1 axis, not one at 1e-12
            self._top = 0.0
            self.plot.setYRange(0, 1, padding=0)
            return
        if not (self._top / 4 < top <= self._top):   # a new range when a bar leaves it, or all shrink to 1/4
            self._top = nice_ceiling(top * 1.1)
            self.plot.setYRange(0, self._top, padding=0)
