"""Images: for image inputs, each first-layer neuron's weights drawn as an image, and samples.

A neuron of the first layer weighs every pixel; its weights laid out as the
image (column j of the first weight matrix, row by row) show what it looks
for: blue where ink raises its input, orange where ink lowers it, in the
weight heatmap's colours on one scale for all of them, so a faint image is a
neuron with small weights.  They change live while training runs.  Below, a
few samples of each class, one column a class; a sample the network gets
wrong has a red frame (its tooltip says what the network says), and a click
tries it (``sigSampleChosen``: Try it shows it).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from bpgui.ui.i18n import translate

from .image_tiles import Tile, TileGrid, to_rgb
from .input_fields import data_range
from .nice_numbers import nice_ceiling
from .sample_grid import SampleGrid
from .theme import NEGATIVE, POSITIVE, WEIGHT_CMAP

__all__ = ["ImageWeights"]

MAX_UNITS = 256           # neurons drawn; more would be specks
PER_CLASS = 10            # samples shown of each class
MAX_SAMPLES = 12          # samples shown of data without classes
WEIGHT_LUT = WEIGHT_CMAP.getLookupTable(0.0, 1.0, 256, alpha=False)
INK_LUT = np.repeat(np.linspace(255, 0, 256).round().astype(np.uint8)[:, None], 3, axis=1)   # white paper, dark ink
WRONG = (214, 39, 40)


class ImageWeights(QWidget):
    sigSampleChosen = Signal(object)    # the raw pixels of a sample clicked

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel("")
        self.title.setWordWrap(True)
        self.units = TileGrid()
        self.samples_title = QLabel("")
        self.samples_title.setWordWrap(True)
        self.samples = SampleGrid()
        below = QWidget()
        below_lay = QVBoxLayout(below)
        below_lay.setContentsMargins(0, 0, 0, 0)
        below_lay.addWidget(self.samples_title)
        below_lay.addWidget(self.samples, 1)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.units)
        split.addWidget(below)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        lay.addWidget(self.title)
        lay.addWidget(split, 1)
        self.dataset = None
        self.shape = None                    # (width, height)
        self.unit_images = np.zeros((0, 1, 1))
        self.levels = (-1.0, 1.0)
        self._ink = (0.0, 1.0)                 # the data's range: white paper to full ink
        self.groups: list[tuple[str, np.ndarray]] = []   # (label, rows of the data) per column
        self.predicted: dict[int, str] = {}                 # a drawn sample's row: the network's label
        self.samples.sigClicked.connect(self._sample_clicked)

    @staticmethod
    def applies_to(dataset) -> bool:
        return dataset is not None and dataset.image_shape is not None

    # ------------------------------------------------------------ data: the samples
    def set_data(self, dataset, session=None) -> None:
        self.dataset = dataset if self.applies_to(dataset) else None
        self.unit_images = np.zeros((0, 1, 1))
        self.units.set_tiles([])
        if self.dataset is None:
            self.shape = None
            self.groups = []
            self.samples.set_groups([])
            self.title.setText("")
            self.samples_title.setText("")
            return
        self.shape = dataset.image_shape
        self.groups = _chosen_samples(dataset)
        self.predicted = {}
        self._ink = data_range(dataset.X)
        self.samples_title.setText(
            translate("image_weights", "Samples of each class: click one to try it (a red frame: the network gets "
                                       "it wrong)") if dataset.class_names else
            translate("image_weights", "The first samples: click one to try it (a red frame: the network gets "
                                       "it wrong)"))
        self._draw_samples()

    def _draw_samples(self) -> None:
        w, h = self.shape
        groups = []
        for label, rows in self.groups:
            tiles = []
            for row in rows:
                guess = self.predicted.get(int(row), label)
                wrong = self.dataset.class_names is not None and guess != label
                tip = (translate("image_weights", "sample {row}: {label}; the network says {guess}") if wrong else
                       translate("image_weights", "sample {row}: {label}"))
                tip = tip.format(row=row + 1, label=label, guess=guess)
                tiles.append(Tile(to_rgb(self.dataset.X[row].reshape(h, w), *self._ink, INK_LUT), tip=tip,
                                  frame=WRONG if wrong else None))
            groups.append((label, tiles))
        self.samples.set_groups(groups)

    @Slot(int, int)
    def _sample_clicked(self, g: int, i: int) -> None:
        if self.dataset is not None and g < len(self.groups):
            self.sigSampleChosen.emit(self.dataset.X[self.groups[g][1][i]].copy())

    # ------------------------------------------------------------ the weights
    def update_model(self, model, network=None) -> None:
        net = network or (model.network if model is not None else None)
        if self.shape is None or net is None:
            return
        w, h = self.shape
        W = np.asarray(net.weights[0], dtype=np.float64)
        if W.shape[0] != w * h:
            return
        self.unit_images = W.T.reshape(W.shape[1], h, w)   # unit j: column j, row by row
        self._set_levels(W)
        self._draw_units(model, net)
        self._predict_samples(model, net)

    def _set_levels(self, W: np.ndarray) -> None:
        """One symmetric scale for every neuron; it moves in steps (as the weight heatmap's),
        when the largest |w| leaves it or falls below half of it."""
        m = float(np.nanmax(np.abs(W))) if W.size else 1.0
        if not np.isfinite(m) or m <= 0:
            m = 1.0
        top = self.levels[1]
        if not (top / 2 < m <= top):
            self.levels = (-nice_ceiling(m), nice_ceiling(m))

    def _draw_units(self, model, net) -> None:
        lo, hi = self.levels
        shown = self.unit_images[:MAX_UNITS]
        names = _unit_names(model, net)
        rgb = to_rgb(shown, lo, hi, WEIGHT_LUT)    # all at once: 128 neurons a frame while training
        top, bottom = shown.max(axis=(1, 2)), shown.min(axis=(1, 2))
        tip = translate("image_weights", "{name}: largest weight {top}, smallest {bottom}")
        tiles = [Tile(rgb[j], names[j], tip=tip.format(name=names[j], top=f"{top[j]:+.3g}", bottom=f"{bottom[j]:+.3g}"))
                 for j in range(len(shown))]
        self.units.set_tiles(tiles)
        more = (translate("image_weights", " (the first {shown} of {total})").format(
            shown=MAX_UNITS, total=len(self.unit_images)) if len(self.unit_images) > MAX_UNITS else "")
        title = (translate("image_weights", "Each output neuron's weights on the pixels{more}: {blue} ink raises "
                                            "its input, {orange} lowers it (±{top})") if net.n_layers == 1 else
                 translate("image_weights", "Each first-layer neuron's weights on the pixels{more}: {blue} ink "
                                            "raises its input, {orange} lowers it (±{top})"))
        self.title.setText(title.format(more=more, top=f"{hi:g}",
                                        blue=f"<span style='color:{POSITIVE.name()}'>■</span>",
                                        orange=f"<span style='color:{NEGATIVE.name()}'>■</span>"))

    def _predict_samples(self, model, net) -> None:
        if not self.dataset.class_names or model is None or not self.groups:
            return
        rows = np.concatenate([r for _, r in self.groups])
        with np.errstate(all="ignore"):
            out = net.predict(model.encode_inputs(self.dataset.X[rows])).astype(np.float64)
        labels = model.labels_of(model.y_normalizer.inverse_transform(out))
        predicted = {int(r): str(v) for r, v in zip(rows, labels)}
        if predicted != self.predicted:
            self.predicted = predicted
            self._draw_samples()


def _unit_names(model, net) -> list[str]:
    n = net.weights[0].shape[1]
    if net.n_layers == 1 and model is not None:   # no hidden layer: the units are the outputs
        return list(model.class_names if model.class_names and len(model.class_names) == n else model.target_names)
    return [str(j + 1) for j in range(n)]


def _chosen_samples(dataset) -> list[tuple[str, np.ndarray]]:
    """The samples to draw, a column each: the first of each class under its name, or
    (data without classes) the first rows, one a column under its target values."""
    Y = dataset.Y
    if dataset.class_names:
        classes = (Y[:, 0] >= 0.5).astype(int) if Y.shape[1] == 1 else np.argmax(Y, axis=1)
        return [(name, np.flatnonzero(classes == c)[:PER_CLASS]) for c, name in enumerate(dataset.class_names)]
    rows = range(min(MAX_SAMPLES, dataset.n_samples))
    return [(", ".join(f"{v:.3g}" for v in Y[r]), np.array([r])) for r in rows]
