"""Live plots (pyqtgraph): loss and metric curves, weight heatmap, gradient
norms, and the decision boundary / regression surface of 2-D data.

Every plot item is created once; slots only call ``setData``/``setImage``.
Curves read the model's NumPy history columns through a min/max envelope
updated with the new epochs only, so a million epochs never turn into a
Python list, or a full pass over the history, per frame.
"""
from __future__ import annotations


import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

pg.setConfigOptions(antialias=True, background="w", foreground="k", useOpenGL=False)

TRAIN_PEN = pg.mkPen(color=(31, 119, 180), width=2)
VAL_PEN = pg.mkPen(color=(214, 39, 40), width=2)
CLASS_COLOURS = [(8, 119, 189), (245, 147, 34), (44, 160, 44), (214, 39, 40), (148, 103, 189),
                 (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]


class GrowingArray:
    """A float64 buffer with amortised O(1) appends; ``view()`` is a slice, not a copy."""

    def __init__(self, capacity: int = 1024) -> None:
        self._data = np.empty(capacity)
        self.n = 0

    def extend(self, values) -> None:
        values = np.asarray(values, dtype=np.float64).ravel()
        need = self.n + len(values)
        if need > len(self._data):
            grown = np.empty(max(need, 2 * len(self._data)))
            grown[:self.n] = self._data[:self.n]
            self._data = grown
        self._data[self.n:need] = values
        self.n = need

    def clear(self) -> None:
        self.n = 0

    def view(self) -> np.ndarray:
        return self._data[:self.n]


class MinMaxEnvelope:
    """What a curve of a long history shows: per bucket of epochs, the minimum
    and the maximum, kept up to date incrementally.

    Up to ``cap`` buckets are kept; when there are more, neighbours merge and
    the bucket width doubles, so a 1,000,000-epoch curve is drawn from at most
    2 * cap points and each refresh only looks at the epochs that are new.
    Peaks (spikes in the loss) survive, unlike in plain subsampling.
    """

    def __init__(self, cap: int = 2048) -> None:
        self.cap = cap
        self.clear()

    def clear(self) -> None:
        self.width = 1          # epochs per bucket
        self.seen = 0           # epochs consumed
        self.lo = GrowingArray()
        self.hi = GrowingArray()

    def update(self, y: np.ndarray) -> None:
        """Consume y[self.seen:] (y is the whole column so far)."""
        if len(y) < self.seen:
            self.clear()
        # The last row stays out of the buckets: a thinned history may replace it
        # (it was kept only for being the latest epoch); the tail shows it.
        new = y[self.seen:len(y) - 1]
        # Complete buckets only; the tail waits for the next call.
        whole = (len(new) // self.width) * self.width
        if whole:
            block = new[:whole].reshape(-1, self.width)
            with np.errstate(invalid="ignore"):
                self.lo.extend(np.fmin.reduce(block, axis=1))
                self.hi.extend(np.fmax.reduce(block, axis=1))
            self.seen += whole
        while self.lo.n > self.cap:
            n = self.lo.n // 2 * 2
            lo, hi = self.lo.view()[:n], self.hi.view()[:n]
            merged_lo = np.fmin(lo[0::2], lo[1::2])
            merged_hi = np.fmax(hi[0::2], hi[1::2])
            odd = self.lo.n % 2
            self.lo.clear()
            self.hi.clear()
            self.lo.extend(merged_lo)
            self.hi.extend(merged_hi)
            if odd:  # the last bucket would be half of a new one: its epochs are re-read
                self.seen -= self.width
            self.width *= 2

    def curve(self, y: np.ndarray, x: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """x and y to draw: the envelope, then the raw tail.  ``x`` holds each
        row's epoch (default 1, 2, 3...); a bucket spans its first and last row's epochs."""
        self.update(y)
        if x is None:
            x = np.arange(1.0, len(y) + 1)
        if self.width == 1:  # short history: the points themselves
            return np.asarray(x, dtype=np.float64), y
        k = self.lo.n
        w = self.width
        first = np.arange(k) * w
        xs = np.empty(2 * k)
        xs[0::2] = x[first]
        xs[1::2] = x[first + (w - 1)]
        out = np.empty(2 * k)
        out[0::2] = self.lo.view()
        out[1::2] = self.hi.view()
        return (np.concatenate([xs, np.asarray(x[self.seen:], dtype=np.float64)]),
                np.concatenate([out, y[self.seen:]]))


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
        self.plot.setLabel("bottom", "epoch")
        self.plot.setLabel("left", ylabel)
        # No grid: an alpha-blended grid re-rasterised in every frame cost ~2 ms a plot.
        # The legend sits in the corner the curves leave free: top right for a
        # falling loss, bottom right for a rising accuracy or R^2.
        self.legend = self.plot.addLegend(offset=(-10, -10 if legend_at_bottom else 10))
        self.train = _curve(self.plot, TRAIN_PEN, "train")
        self.val = _curve(self.plot, VAL_PEN, "validation")
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
            self.log_y = QCheckBox("log y")
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
                    self.legend.addItem(self.val, "validation")
                self._val_in_legend = not empty
            if empty:
                item.setData([], [])
                continue
            x, y = self._envelopes[item].curve(y, epoch)
            if self.log_y is not None and self.log_y.isChecked():
                y = np.where(y > 0, y, np.nan)   # log axes need positive values
            item.setData(x, y, connect="finite")
        self._step_ranges(n)

    def _step_ranges(self, n: int) -> None:
        """Set the view range in steps rather than autoranging every frame: a new
        range re-generates the axes (ticks, labels, text layout), which was the
        costliest part of a plot's frame while training."""
        ys = [item.yData for item in (self.train, self.val) if item.yData is not None and len(item.yData)]
        if not n or not ys:
            return
        x_max = _nice_ceiling(n)
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
            span = _nice_ceiling(max(hi - lo, 1e-12))
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


_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def _nice_ceiling(v: float) -> float:
    """The smallest of (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8) x 10^k that is >= v:
    steps of at most 25 %, so the curves keep most of the plot's width."""
    k = np.floor(np.log10(v))
    for m in _STEPS:
        if m * 10 ** k >= v * (1 - 1e-12):
            return float(m * 10 ** k)
    return float(10 ** (k + 1))


MAX_IMAGE_CELLS = 256   # rows (or columns) of a weight matrix coloured for the heatmap


class WeightHeatmap(QWidget):
    """One layer's weight matrix: rows = inputs, columns = outputs, symmetric levels."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(QLabel("Layer:"))
        self.layer = QComboBox()
        row.addWidget(self.layer, 1)
        lay.addLayout(row)
        self.widget = pg.GraphicsLayoutWidget()
        self.plot = self.widget.addPlot(title="weights")
        self.plot.setLabel("left", "input neuron")
        self.plot.setLabel("bottom", "output neuron")
        self.plot.invertY(True)
        self.plot.setAspectLocked(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        # The network view's colours: orange negative, blue positive, white zero,
        # so a weight reads the same in both views.
        self.cmap = pg.ColorMap([0.0, 0.5, 1.0], [(245, 147, 34), (248, 248, 248), (8, 119, 189)])
        self.image.setColorMap(self.cmap)
        self.colorbar = pg.ColorBarItem(values=(-1, 1), colorMap=self.cmap, interactive=False, width=14)
        self._title = ""
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        lay.addWidget(self.widget, 1)
        self.levels = (-1.0, 1.0)
        self._levels_layer = -1
        self._shape = None
        self._weights: list[np.ndarray] = []
        self.layer.currentIndexChanged.connect(self._layer_changed)

    def set_layer_count(self, n: int) -> None:
        if self.layer.count() == n:
            return
        old = self.layer.currentIndex()
        self.layer.blockSignals(True)
        self.layer.clear()
        self.layer.addItems([f"{k + 1}: {'hidden' if k < n - 1 else 'output'} weights" for k in range(n)])
        self.layer.setCurrentIndex(min(max(old, 0), n - 1))
        self.layer.blockSignals(False)

    @Slot(int)
    def _layer_changed(self, _index: int) -> None:
        self._draw()

    def set_weights(self, weights) -> None:
        self._weights = list(weights)
        self.set_layer_count(len(self._weights))
        self._draw()

    def _draw(self) -> None:
        k = self.layer.currentIndex()
        if not (0 <= k < len(self._weights)):
            return
        W = np.asarray(self._weights[k], dtype=np.float64)
        m = float(np.nanmax(np.abs(W))) if W.size else 1.0
        if not np.isfinite(m) or m <= 0:
            m = 1.0
        # Symmetric levels in steps (±1, ±1.2, ±1.5, ±2...): they change when the
        # largest |w| leaves them or falls below half of them, not every frame
        # (a new colour-bar scale re-generates its axis, ~2 ms).
        top = self.levels[1]
        if k != self._levels_layer or not (top / 2 < m <= top):
            self._levels_layer = k
            self.levels = (-_nice_ceiling(m), _nice_ceiling(m))
            self.colorbar.setLevels(self.levels)
        # A matrix taller or wider than the plot's pixels is shown with every k-th row
        # or column, as drawing it scaled down would (each one keeps its own colour;
        # averaging would wash random-looking weights out to white), but colouring
        # only those: a 784 x 128 layer costs a quarter of its 100k cells.
        kr, kc = (max(1, -(-n // MAX_IMAGE_CELLS)) for n in W.shape)
        self.image.setImage(W[::kr, ::kc], levels=self.levels, autoLevels=False)
        self.image.setRect(0, 0, W.shape[1], W.shape[0])
        if self._shape != W.shape:
            self._shape = W.shape
            for axis, n in (("bottom", W.shape[1]), ("left", W.shape[0])):
                step = max(1, int(np.ceil(n / 12)))
                self.plot.getAxis(axis).setTicks([[(k + 0.5, str(k + 1)) for k in range(0, n, step)]])
            self.plot.setRange(xRange=(0, W.shape[1]), yRange=(0, W.shape[0]), padding=0.02)
        # The title changes with the layer only; the colour bar shows the scale.
        # (Re-setting a title every frame re-laid out the plot.)
        title = f"layer {k + 1}: {W.shape[0]} × {W.shape[1]}"
        if title != self._title:
            self._title = title
            self.plot.setTitle(title)


class GradientBars(QWidget):
    """Per-layer gradient norms of the last batch."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.widget = pg.PlotWidget()
        self.plot = self.widget.getPlotItem()
        self.plot.setTitle("gradient norm per layer (last batch)")
        self.plot.setLabel("bottom", "layer")
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
            self._top = _nice_ceiling(top * 1.1)
            self.plot.setYRange(0, self._top, padding=0)


class BoundaryPlot(QWidget):
    """What the network computes over its inputs, behind the training points.

    Two inputs: an image over the plane (class-1 probability, class colours
    for several classes, or the regression value).  One input: the network's
    curve over the data.  More inputs: a note instead.
    """

    GRID = 72

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.widget = pg.PlotWidget()
        self.plot = self.widget.getPlotItem()
        self.plot.setTitle("output over the inputs")
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        # The map is a light tint of the points' colours, so points stay visible on it.
        self.cmap = pg.ColorMap([0.0, 0.5, 1.0], [(250, 199, 140), (248, 248, 248), (142, 192, 226)])
        self.point_cmap = pg.ColorMap([0.0, 0.5, 1.0], [(245, 147, 34), (235, 235, 235), (8, 119, 189)])
        self.image.setColorMap(self.cmap)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).enableAutoSIPrefix(False)
        self.points = pg.ScatterPlotItem(size=9, pen=pg.mkPen("w", width=1.5))
        self.plot.addItem(self.points)
        self.curve = self.plot.plot([], [], pen=pg.mkPen((214, 39, 40), width=2.5))
        self.note = pg.TextItem("", color=(90, 90, 90), anchor=(0.5, 0.5))
        self.plot.addItem(self.note)
        lay.addWidget(self.widget, 1)
        self.mode = "none"
        self._grid = None
        self.levels = (0.0, 1.0)

    def set_data(self, dataset) -> None:
        """New training points; chooses the mode from the data's shape."""
        self._grid = None
        self.image.clear()
        self.curve.setData([], [])
        self.note.setText("")
        if dataset is None:
            self.points.setData([], [])
            self.mode = "none"
            return
        X, Y = dataset.X, dataset.Y
        if dataset.n_features == 2 and dataset.n_outputs >= 1:
            self.mode = "plane"
            lo, hi = X.min(axis=0), X.max(axis=0)
            pad = np.maximum((hi - lo) * 0.08, 1e-3)
            lo, hi = lo - pad, hi + pad
            gx = np.linspace(lo[0], hi[0], self.GRID)
            gy = np.linspace(lo[1], hi[1], self.GRID)
            xx, yy = np.meshgrid(gx, gy)
            self._grid = np.column_stack([xx.ravel(), yy.ravel()])
            self._rect = (lo[0], lo[1], hi[0] - lo[0], hi[1] - lo[1])
            self.plot.setLabel("bottom", dataset.feature_names[0])
            self.plot.setLabel("left", dataset.feature_names[1])
            self.points.setData(pos=X, brush=self._brushes(dataset))
            self.plot.setAspectLocked(False)
            self.plot.setRange(xRange=(lo[0], hi[0]), yRange=(lo[1], hi[1]), padding=0)
        elif dataset.n_features == 1 and dataset.n_outputs == 1:
            self.mode = "line"
            x = X[:, 0]
            lo, hi = float(x.min()), float(x.max())
            pad = max((hi - lo) * 0.05, 1e-3)
            self._grid = np.linspace(lo - pad, hi + pad, 300)[:, None]
            self.plot.setLabel("bottom", dataset.feature_names[0])
            self.plot.setLabel("left", dataset.target_names[0])
            self.points.setData(x=x, y=Y[:, 0], brush=pg.mkBrush(31, 119, 180, 160))
            self.plot.enableAutoRange()
        else:
            self.mode = "none"
            self.points.setData([], [])
            self.plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            self.note.setPos(0.5, 0.5)
            self.note.setText(f"The output map shows networks\nwith 1 or 2 inputs;\nthis data has {dataset.n_features}.")
        for axis in ("left", "bottom"):
            self.plot.showAxis(axis, self.mode != "none")

    def _brushes(self, dataset):
        if dataset.task == "regression":
            y = dataset.Y[:, 0]
            lo, hi = float(y.min()), float(y.max())
            t = (y - lo) / (hi - lo) if hi > lo else np.full_like(y, 0.5)
            return [pg.mkBrush(self.point_cmap.map(v, mode="qcolor")) for v in t]
        if dataset.n_outputs == 1:
            k = (dataset.Y[:, 0] >= 0.5).astype(int)
            colours = [CLASS_COLOURS[1], CLASS_COLOURS[0]]   # class 1 blue, class 0 orange (as the map)
        else:
            k = dataset.Y.argmax(axis=1)
            colours = CLASS_COLOURS
        brushes = [pg.mkBrush(*colours[i % len(colours)]) for i in range(max(k.max() + 1, 2))]
        return [brushes[i] for i in k]

    def update_model(self, model, network=None) -> None:
        """Recompute the output map with ``network`` (default: the model's own)."""
        if self._grid is None or model is None:
            return
        net = network or model.network
        if net.n_inputs != self._grid.shape[1]:
            return
        with np.errstate(all="ignore"):
            out = net.predict(model.encode_inputs(self._grid)).astype(np.float64)
            out = model.y_normalizer.inverse_transform(out)
        if self.mode == "line":
            self.curve.setData(self._grid[:, 0], out[:, 0])
            return
        n = self.GRID
        if out.shape[1] == 1:
            img = out[:, 0].reshape(n, n)
            if model.task == "regression":
                lo, hi = float(np.nanmin(img)), float(np.nanmax(img))
                self.levels = (lo, hi if hi > lo else lo + 1e-9)
            else:
                self.levels = (0.0, 1.0)
            self.image.setImage(img, levels=self.levels, autoLevels=False)
        else:
            # Several classes: the winning class's colour, faded by its probability.
            k = out.argmax(axis=1)
            p = np.clip(out.max(axis=1), 0, 1)
            base = np.array(CLASS_COLOURS, dtype=float)[k % len(CLASS_COLOURS)]
            rgb = 248 + (base - 248) * (0.15 + 0.4 * p[:, None])
            self.image.setImage(rgb.reshape(n, n, 3).astype(np.uint8), levels=(0, 255), autoLevels=False)
        self.image.setRect(*self._rect)
