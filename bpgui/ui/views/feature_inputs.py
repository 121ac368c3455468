"""One row per input of the network: a slider and a spin box in raw units, or a choice.

The rows do not keep the inputs: ``FeatureInputs`` holds the row of features
(``values()``), so a sample set from elsewhere is used exactly as it is, even
where a spin box shows it rounded.  A row the user moves changes only its
own features and reports the whole row (``sigChanged``).
"""
from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QGridLayout, QLabel, QScrollArea, QSizePolicy, QSlider,
                               QWidget)

from bpgui.ui.i18n import translate

from .input_fields import InputField

__all__ = ["FeatureInputs"]

MAX_SLIDER_STEPS = 1000


class _NoStrayWheel:
    """A wheel turned over an unfocused control scrolls the list instead of changing the value:
    scrolling through 64 rows would otherwise move every slider it passes."""

    def wheelEvent(self, event) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class _Slider(_NoStrayWheel, QSlider):
    pass


class _Spin(_NoStrayWheel, QDoubleSpinBox):
    pass


class _Combo(_NoStrayWheel, QComboBox):
    pass


def _short(value: float) -> str:
    """A range's end in few characters ("0", "0.4268", "2,501"): a narrow tab has room for little."""
    return f"{value:,.4g}" if abs(value) < 1e5 else f"{value:.3g}"


def _name_label(name: str, span: str = "") -> QLabel:
    """A feature's name, its range in grey after it; in a narrow tab the range wraps under
    the name rather than cut it or push the spin boxes out of sight."""
    nbsp = "\u00a0"
    grey = f"{nbsp} <span style='color:#777'>{span.replace(' ', nbsp)}</span>" if span else ""   # breaks there only
    label = QLabel(f"{html.escape(name)}{grey}")
    label.setTextFormat(Qt.RichText)
    label.setWordWrap(True)
    label.setToolTip(name)
    return label


class _NumberRow:
    """A slider over the data's range and a spin box for the exact value."""

    def __init__(self, field: InputField, grid: QGridLayout, row: int, changed) -> None:
        self.field = f = field
        name = _name_label(f.name, f"{_short(f.lo)} … {_short(f.hi)}")
        name.setToolTip(translate("feature_inputs", "{name}: {lo} … {hi} in the data").format(
            name=f.name, lo=f"{f.lo:,.{f.decimals}f}", hi=f"{f.hi:,.{f.decimals}f}"))
        self.slider = _Slider(Qt.Horizontal)
        self.slider.setFocusPolicy(Qt.StrongFocus)
        width = f.hi - f.lo
        self.steps = int(min(MAX_SLIDER_STEPS, round(width * 10 ** f.decimals))) if width > 0 else 0
        self.slider.setRange(0, self.steps)
        self.slider.setEnabled(self.steps > 0)   # a column with one value has nothing to slide over
        self.spin = _Spin()
        self.spin.setFocusPolicy(Qt.StrongFocus)
        self.spin.setDecimals(f.decimals)
        self.spin.setRange(f.lo, f.hi)
        self.spin.setSingleStep(max(width / 100, 10 ** -f.decimals) if width > 0 else 1.0)
        self.spin.setGroupSeparatorShown(True)
        grid.addWidget(name, 2 * row, 0, 1, 3)
        grid.addWidget(self.slider, 2 * row + 1, 0, 1, 2)
        grid.addWidget(self.spin, 2 * row + 1, 2)
        self._changed = changed
        self.slider.valueChanged.connect(self._slid)
        self.spin.valueChanged.connect(self._typed)

    def _at(self, step: int) -> float:
        f = self.field
        return round(f.lo + (f.hi - f.lo) * step / self.steps, f.decimals)

    def _step(self, value: float) -> int:
        f = self.field
        return int(np.clip(round((value - f.lo) / (f.hi - f.lo) * self.steps), 0, self.steps)) if self.steps else 0

    def show(self, value: float) -> None:
        """Show ``value`` without reporting it; a value outside the data's range widens the spin box."""
        if value < self.spin.minimum() or value > self.spin.maximum():
            self.spin.setRange(min(value, self.field.lo), max(value, self.field.hi))
        for w, v in ((self.spin, value), (self.slider, self._step(value))):
            w.blockSignals(True)
            w.setValue(v)
            w.blockSignals(False)

    @Slot(int)
    def _slid(self, step: int) -> None:
        value = self._at(step)
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        self._changed(self.field, value)

    @Slot(float)
    def _typed(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(self._step(value))
        self.slider.blockSignals(False)
        self._changed(self.field, value)


class _ChoiceRow:
    """A one-hot column's values in a combo box."""

    def __init__(self, field: InputField, grid: QGridLayout, row: int, changed) -> None:
        self.field = field
        self.combo = _Combo()
        self.combo.setFocusPolicy(Qt.StrongFocus)
        self.combo.addItems(list(field.choices))
        grid.addWidget(_name_label(field.name), 2 * row, 0, 1, 3)
        grid.addWidget(self.combo, 2 * row + 1, 0, 1, 3)
        self._changed = changed
        self.combo.currentIndexChanged.connect(lambda k: self._changed(self.field, float(k)))

    def show(self, value: float) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(int(value))
        self.combo.blockSignals(False)


class FeatureInputs(QScrollArea):
    """The rows of every field, scrolling when there are many (64 or 784 inputs)."""

    sigChanged = Signal(object)    # the whole row of raw features after the user moved one

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.NoFrame)
        # As high as its rows (see sizeHint) and no higher: a few inputs leave the room below
        # to the output, many scroll.
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
        self.fields: list[InputField] = []
        self.rows: list[_NumberRow | _ChoiceRow] = []
        self._x = np.zeros(0)
        self.setWidget(QWidget())

    def set_fields(self, fields: list[InputField], x: np.ndarray) -> None:
        """New rows for ``fields``, showing the features ``x``."""
        self.fields = list(fields)
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(0, 1)
        make = {True: _ChoiceRow, False: _NumberRow}
        self.rows = [make[f.is_choice](f, grid, k, self._row_changed) for k, f in enumerate(self.fields)]
        grid.setRowStretch(2 * len(self.rows), 1)   # an empty last row keeps the rows at the top
        self.setWidget(inner)
        self.updateGeometry()   # its height follows the rows (sizeHint)
        self.set_values(x)

    def sizeHint(self) -> QSize:
        inner = self.widget().sizeHint()
        return QSize(super().sizeHint().width(), inner.height() + 2 * self.frameWidth())

    def values(self) -> np.ndarray:
        return self._x.copy()

    def set_values(self, x: np.ndarray) -> None:
        """Show the features ``x`` in every row (not reported: the caller knows them)."""
        self._x = np.asarray(x, dtype=np.float64).copy()
        for row in self.rows:
            row.show(row.field.read(self._x))

    def _row_changed(self, field: InputField, value: float) -> None:
        for k, v in field.encode(value).items():
            self._x[k] = v
        self.sigChanged.emit(self.values())
