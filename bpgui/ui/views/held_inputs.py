"""The inputs a map holds still: one slider per feature not on its axes.

Each slider runs over its feature's range in the data, in raw units; the
values start at the training means, and a sample ("at this sample") or the
Means button sets them all at once.  Rows are compact and scroll, so 64
pixels stay usable.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QSlider, QToolButton,
                               QVBoxLayout, QWidget)

from bpgui.ui.i18n import translate

__all__ = ["HeldInputs"]

STEPS = 200          # slider positions over a feature's range
NAME_WIDTH = 96      # the names are cut to this (the full name is the tooltip)


class HeldInputs(QWidget):
    sigChanged = Signal()   # ``values`` changed (a slider, Means, a sample)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 0)
        lay.setSpacing(2)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)   # wraps instead of widening
        self.means_button = QToolButton()
        self.means_button.setText(translate("held_inputs", "Means"))
        self.means_button.setToolTip(translate("held_inputs",
                                               "Hold every input off the axes at its mean over the training rows"))
        self.means_button.clicked.connect(self.reset_means)
        head.addWidget(self.title, 1)
        head.addWidget(self.means_button)
        lay.addLayout(head)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self._rows_widget = QWidget()
        self.grid = QGridLayout(self._rows_widget)
        self.grid.setContentsMargins(2, 0, 2, 0)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(1, 1)
        self.scroll.setWidget(self._rows_widget)
        lay.addWidget(self.scroll, 1)
        self.sliders: list[QSlider] = []
        self.names: list[QLabel] = []
        self.readouts: list[QLabel] = []
        self.values = np.zeros(0)
        self.means = np.zeros(0)
        self.axes: tuple[int, ...] = ()
        self.at_sample = False
        self._lo = self._hi = np.zeros(0)
        self._pixels = False
        self._names: list[str] = []
        self._shown_once = False   # set_axes has set every row's visibility

    # ------------------------------------------------------------ the features
    def set_features(self, names: list[str], lo: np.ndarray, hi: np.ndarray, means: np.ndarray,
                     pixels: bool = False) -> None:
        """New data: a row per feature over [lo, hi]; every value at ``means``.  The same
        features (a new network on the same data) keep their rows."""
        self._lo, self._hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
        self.means = np.asarray(means, dtype=float).copy()
        self.values = self.means.copy()
        self._pixels = pixels
        self.at_sample = False
        if names != self._names:
            self._clear_rows()
            for k, name in enumerate(names):
                self._add_row(k, name)
            self._names = list(names)
            self._shown_once = False
        for k, slider in enumerate(self.sliders):
            slider.setEnabled(bool(self._hi[k] > self._lo[k]))   # a constant column has nothing to choose
            slider.setToolTip(translate("held_inputs", "{name}: {lo} to {hi}").format(
                name=names[k], lo=f"{self._lo[k]:.4g}", hi=f"{self._hi[k]:.4g}"))
        self._show_values()

    def _add_row(self, k: int, name: str) -> None:
        label = QLabel(self.fontMetrics().elidedText(name, Qt.ElideMiddle, NAME_WIDTH))
        label.setToolTip(name)
        slider = QSlider(Qt.Horizontal)
        slider.setRange(0, STEPS)
        slider.setProperty("feature", k)
        slider.valueChanged.connect(self._moved)
        readout = QLabel()
        readout.setMinimumWidth(self.fontMetrics().horizontalAdvance("-0.0000"))
        readout.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        for col, widget in enumerate((label, slider, readout)):
            self.grid.addWidget(widget, k, col)
        self.names.append(label)
        self.sliders.append(slider)
        self.readouts.append(readout)

    def _clear_rows(self) -> None:
        for widget in (*self.names, *self.sliders, *self.readouts):
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.names, self.sliders, self.readouts = [], [], []

    def set_axes(self, axes: tuple[int, ...]) -> None:
        """The features on the map's axes have no slider here."""
        changed = set(self.axes) ^ set(axes) if self._shown_once else range(len(self.sliders))
        self.axes = tuple(axes)
        self._shown_once = True
        for k in changed:   # only the rows that come or go: 64 rows of widgets are slow to toggle
            if k < len(self.sliders):
                for widget in (self.names[k], self.sliders[k], self.readouts[k]):
                    widget.setVisible(k not in self.axes)
        self._show_title()

    def held_count(self) -> int:
        return len(self.sliders) - len([k for k in self.axes if k < len(self.sliders)])

    # ------------------------------------------------------------ the values
    @Slot()
    def reset_means(self) -> None:
        self.at_sample = False
        self._set_values(self.means)

    def hold(self, x) -> None:
        """Hold every feature at sample ``x`` (raw; a missing value takes the mean)."""
        x = np.asarray(x, dtype=float).ravel()
        if x.shape != self.means.shape:
            return
        self.at_sample = True
        self._set_values(np.where(np.isnan(x), self.means, x))

    def _set_values(self, values: np.ndarray) -> None:
        self.values = np.asarray(values, dtype=float).copy()
        self._show_values()
        self.sigChanged.emit()

    @Slot(int)
    def _moved(self, position: int) -> None:
        k = self.sender().property("feature")
        self.values[k] = self._lo[k] + (self._hi[k] - self._lo[k]) * position / STEPS
        self.readouts[k].setText(f"{self.values[k]:.4g}")
        self.at_sample = False
        self._show_title()
        self.sigChanged.emit()

    def _show_values(self) -> None:
        """Sliders and readouts show ``values`` (the sliders without emitting: the
        values are exact, the sliders' positions only the nearest step)."""
        span = np.where(self._hi > self._lo, self._hi - self._lo, 1.0)
        positions = np.rint(np.clip((self.values - self._lo) / span, 0, 1) * STEPS).astype(int)
        for k, slider in enumerate(self.sliders):
            slider.blockSignals(True)
            slider.setValue(int(positions[k]))
            slider.blockSignals(False)
            self.readouts[k].setText(f"{self.values[k]:.4g}")
        self._show_title()

    def _show_title(self) -> None:
        n = self.held_count()
        self.title.setText(self._title_text(n))
        self.title.setToolTip(translate("held_inputs", "The map is a slice through the inputs: these stay at one "
                                                       "value each while the axes' inputs vary."))
        self.means_button.setEnabled(n > 0)

    def _title_text(self, n: int) -> str:
        """Whole sentences, one per case, so that a translation need not assemble one."""
        if not n:
            return ""
        if n == 1:
            if self.at_sample:
                return translate("held_inputs", "The other input: at the sample's values")
            if self.at_means():
                return translate("held_inputs", "The other input: at its training means")
            return translate("held_inputs", "The other input: at the values below")
        if self.at_sample:
            text = (translate("held_inputs", "The other {n} pixels: at the sample's values") if self._pixels else
                    translate("held_inputs", "The other {n} inputs: at the sample's values"))
        elif self.at_means():
            text = (translate("held_inputs", "The other {n} pixels: at their training means") if self._pixels else
                    translate("held_inputs", "The other {n} inputs: at their training means"))
        else:
            text = (translate("held_inputs", "The other {n} pixels: at the values below") if self._pixels else
                    translate("held_inputs", "The other {n} inputs: at the values below"))
        return text.format(n=n)

    def at_means(self) -> bool:
        """Every input off the axes is at its training mean (not a sample's value)."""
        if self.at_sample:
            return False
        off_axes = [k for k in range(len(self.values)) if k not in self.axes]
        return bool(np.allclose(self.values[off_axes], self.means[off_axes]))
