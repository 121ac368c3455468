"""Try it: set the inputs by hand (or draw an image) and see what the network says, live.

Sliders and spin boxes in raw units for number columns, a choice for each
one-hot column, and a drawing pad instead when the inputs are an image's
pixels.  The output follows at once when an input moves, and with the
weights while training runs (``update_model``).  The inputs survive a new
network on the same columns (another architecture, a reset), so the user
sees what the change does to the same question.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..i18n import translate
from .drawing_pad import DrawingPad
from .feature_inputs import FeatureInputs
from .input_fields import data_range, input_fields, starting_row
from .output_bars import OutputBars, output_rows

__all__ = ["TryIt"]

WIDE = 1.3     # wider than this times its height, the view puts the output beside the inputs


class TryIt(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.inputs = FeatureInputs()
        self.pad = DrawingPad()
        self.output = OutputBars()
        self.note = QLabel("")
        self.note.setStyleSheet("color: #777;")
        self.note.setWordWrap(True)
        self.means_button = QPushButton(translate("try_it", "Means"))
        self.means_button.setToolTip(translate("try_it", "every input at its mean over the training rows"))
        self.sample_button = QPushButton(translate("try_it", "Random sample"))
        self.sample_button.setToolTip(translate("try_it", "the inputs of a sample of the data, picked at random"))
        self._layout = QBoxLayout(QBoxLayout.TopToBottom, self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        # The inputs or the pad, whichever the data needs (the other hidden takes no room).
        # The rows of a few inputs take only their height, so the output sits right under
        # them; the stretch after it takes what is left.  The pad takes all it can get.
        self._layout.addWidget(self.inputs, 1, Qt.AlignTop)
        self._layout.addWidget(self.pad, 1)
        self._layout.addLayout(self._output_column(), 0)
        self._layout.addStretch(0)
        self.pad.hide()
        self._wide = False
        self.dataset = None
        self.model = self.network = None
        self.fields = []
        self._x = np.zeros(0)
        self._ink, self._spans = (0.0, 1.0), []
        self._pending = None          # a sample given before this view had its data
        self._rng = np.random.default_rng()
        self.inputs.sigChanged.connect(self._moved)
        self.pad.sigChanged.connect(self._drawn)
        self.means_button.clicked.connect(self._means)
        self.sample_button.clicked.connect(self._random_sample)

    def _output_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(self.output, 1)
        column.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.means_button)
        buttons.addWidget(self.sample_button)
        column.addLayout(buttons)
        column.addStretch(1)   # beside the inputs (a wide view), the output at the top
        return column

    # ------------------------------------------------------------ the view's interface
    def set_data(self, dataset, session=None) -> None:
        same_columns = (dataset is not None and self.dataset is not None
                        and dataset.feature_names == self.dataset.feature_names)
        self.dataset, self.model = dataset, None
        if dataset is None:
            self.fields, self._x = [], np.zeros(0)
            self.inputs.set_fields([], self._x)
            self.output.clear(translate("try_it", "no data: load data to try the network on"))
            self.note.setText("")
            return
        train = session.train.X if session is not None and session.train is not None else None
        # The data's ranges once per data, not per mouse move (60,000 MNIST rows take a while).
        self._ink = data_range(dataset.X)
        self._spans = [data_range(c) if np.isfinite(c).any() else None for c in dataset.Y.T]
        # An image is drawn, not set by sliders: its 784 fields would only cost time.
        self.fields = [] if self._is_image() else input_fields(dataset.X, dataset.feature_names, train)
        if same_columns:
            x, note = self._x, self.note.text()
        elif self._pending is not None and len(self._pending) == dataset.n_features:
            x, note = self._pending, translate("try_it", "a sample chosen in another view")
        else:
            x, note = self._start_row(), self._start_note()
        self._pending = None
        self._show_inputs(x, note)

    @staticmethod
    def applies_to(dataset) -> bool:
        return dataset is not None

    def update_model(self, model, network=None) -> None:
        self.model, self.network = model, network or (model.network if model is not None else None)
        self._predict()

    def show_sample(self, x) -> None:
        x = np.asarray(x, dtype=np.float64).ravel()
        if self.dataset is None or len(x) != self.dataset.n_features:
            self._pending = x.copy()   # this view gets the data the sample is from when it is shown
            return
        self._show_inputs(x, translate("try_it", "a sample chosen in another view"))
        self._predict()

    def values(self) -> np.ndarray:
        """The raw inputs the output is for."""
        return self._x.copy()

    # ------------------------------------------------------------ inputs
    def _is_image(self) -> bool:
        return self.dataset is not None and self.dataset.image_shape is not None

    def _start_row(self) -> np.ndarray:
        """The training means; for an image a blank one (on the data's scale): drawn over the
        mean image, a digit would be a smudge."""
        if self._is_image():
            return np.full(self.dataset.n_features, self._ink[0])
        return starting_row(self.fields, self.dataset.n_features)

    def _start_note(self) -> str:
        return translate("try_it", "a blank image") if self._is_image() else translate("try_it", "inputs at the training means")

    def _show_inputs(self, x: np.ndarray, note: str) -> None:
        x = np.asarray(x, dtype=np.float64).copy()
        missing = np.isnan(x)
        if missing.any():   # no slider shows "missing": such an input is shown (and used) at its start
            x[missing] = self._start_row()[missing]
            note += " " + translate("try_it", "({n} missing, filled in)").format(n=int(missing.sum()))
        self._x = x
        self.note.setText(note)
        self.means_button.setVisible(not self._is_image())
        if self._is_image():
            width, height = self.dataset.image_shape
            lo, hi = self._ink
            if (self.pad.canvas.width_px, self.pad.canvas.height_px, self.pad.canvas.lo, self.pad.canvas.hi) \
                    != (width, height, lo, hi):
                self.pad.set_shape(width, height, lo, hi)
            self.pad.set_values(self._x)
        else:
            if self.inputs.fields != self.fields:
                self.inputs.set_fields(self.fields, self._x)
            else:
                self.inputs.set_values(self._x)
        self.pad.setVisible(self._is_image())
        self.inputs.setVisible(not self._is_image())
        self._arrange()

    @Slot(object)
    def _moved(self, x) -> None:
        self._x = np.asarray(x, dtype=np.float64).copy()
        self.note.setText(translate("try_it", "your inputs"))
        self._predict()

    @Slot(object)
    def _drawn(self, x) -> None:
        self._x = np.asarray(x, dtype=np.float64).copy()
        self.note.setText(translate("try_it", "your drawing"))
        self._predict()

    @Slot()
    def _means(self) -> None:
        if self.dataset is not None:
            self._show_inputs(self._start_row(), self._start_note())
            self._predict()

    @Slot()
    def _random_sample(self) -> None:
        ds = self.dataset
        if ds is None or not ds.n_samples:
            return
        k = int(self._rng.integers(ds.n_samples))
        self._show_inputs(ds.X[k], translate("try_it", "sample {k} of {n}: {label}").format(k=k + 1, n=ds.n_samples, label=_label(ds, k)))
        self._predict()

    # ------------------------------------------------------------ output
    def _predict(self) -> None:
        model, net = self.model, self.network
        if model is None or net is None or self.dataset is None or net.n_inputs != len(self._x):
            return
        with np.errstate(all="ignore"):
            out = net.predict(model.encode_inputs(self._x[None, :])).astype(np.float64)
            out = model.y_normalizer.inverse_transform(out)[0]
        self.output.set_rows(*output_rows(model, out, self._spans))

    def resizeEvent(self, event) -> None:
        wide = self.width() > WIDE * self.height()
        if wide != self._wide:
            self._wide = wide
            self._layout.setDirection(QBoxLayout.LeftToRight if wide else QBoxLayout.TopToBottom)
            self._arrange()
        super().resizeEvent(event)

    def _arrange(self) -> None:
        """Who gets the room: side by side, the inputs and the output share the width; one above
        the other, the pad takes all it can, and the inputs as much as their rows need (the
        room under a few rows goes below the output, to the layout's end)."""
        stretches = (1, 1, 1, 0) if self._wide else (0, 1, 0, 0 if self._is_image() else 1)
        for k, stretch in enumerate(stretches):
            self._layout.setStretch(k, stretch)


def _label(ds, k: int) -> str:
    """What sample ``k`` is: its class, or its target values."""
    y = ds.Y[k]
    if ds.class_names:
        index = int(y[0] >= 0.5) if len(y) == 1 else int(np.argmax(y))
        return ds.class_names[index]
    return ", ".join(f"{n} = {v:.4g}" for n, v in zip(ds.target_names, y))
