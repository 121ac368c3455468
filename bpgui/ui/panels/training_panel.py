"""The training panel: loss, optimizer (+ its hyperparameters), learning rate
and schedule, batch size, epochs, regularisation, initialiser, seed, early
stopping, and the speed of a run (a window preference, see ``speed_control``).

Hyperparameter and schedule widgets are generated from the registries'
``defaults``, so a new optimizer needs no UI code.  Signals:

* ``sigLearningRateChanged(lr)``: may be applied mid-run;
* ``sigTrainerChanged()``: settings the next run uses with the same weights;
* ``sigNetworkChanged()``: settings that make a new network (loss, init, seed);
* ``speed.sigSpeedChanged(epochs_per_second)``: not a setting of the model; applied mid-run.
"""
from __future__ import annotations

import math
import re
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QSpinBox, QVBoxLayout, QWidget)

from bpgui.core.initializers import INITIALIZERS
from bpgui.core.losses import LOSSES
from bpgui.core.optimizers import OPTIMIZERS
from bpgui.core.schedules import SCHEDULES
from bpgui.core.training_settings import TrainingSettings

from ..i18n import translate
from ..setting_help import apply_tips, param_label, param_tip
from .speed_control import SpeedControl

AUTO = "auto"


_PARTIAL_NUMBER = re.compile(r"[-+]?\d*\.?\d*([eE][-+]?\d*)?")


class CompactSpinBox(QDoubleSpinBox):
    """A number box that keeps 12 decimals (as a model file gives them), shows 6 significant
    digits, and takes what is typed as Python reads it: 1e-7, 0.5, 3E2."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDecimals(12)

    def textFromValue(self, value: float) -> str:
        return f"{value:.6g}"

    def valueFromText(self, text: str) -> float:
        return float(text)

    def validate(self, text: str, pos: int):
        try:
            value = float(text)
        except ValueError:
            state = QValidator.Intermediate if _PARTIAL_NUMBER.fullmatch(text.strip()) else QValidator.Invalid
            return state, text, pos
        inside = self.minimum() <= value <= self.maximum()
        return (QValidator.Acceptable if inside else QValidator.Intermediate), text, pos


class LogSpinBox(CompactSpinBox):
    """A spin box whose arrows walk 1 - 3 - 10 - 30 ... (a log scale)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRange(1e-12, 10.0)
        self.setKeyboardTracking(False)

    def stepBy(self, steps: int) -> None:
        v = self.value()
        for _ in range(abs(steps)):
            e = math.floor(math.log10(v))
            ladder = [m * 10.0 ** k for k in (e - 1, e, e + 1) for m in (1, 3)]
            if steps > 0:
                v = min((x for x in ladder if x > v * (1 + 1e-9)), default=v)
            else:
                v = max((x for x in ladder if x < v * (1 - 1e-9)), default=v)
        self.setValue(float(f"{v:.6g}"))


# Number boxes may be narrower than their widest value: the panel must fit a 1024-pixel screen
# beside the network (the text scrolls inside the box).
NARROW = 64


class _Elements:
    """The number boxes of a tuple hyperparameter (adam's betas), one form row each."""

    def __init__(self, spins: list[QDoubleSpinBox]) -> None:
        self.spins = spins


def _param_widget(default: Any, on_change) -> QWidget | _Elements:
    """A widget for one hyperparameter, typed by its default; a tuple gets a number box per element."""
    if isinstance(default, bool):
        w = QCheckBox()
        w.setChecked(default)
        w.toggled.connect(on_change)
        return w
    if isinstance(default, tuple):
        spins = []
        for v in default:
            s = QDoubleSpinBox()
            s.setDecimals(6)
            s.setRange(0.0, 0.999999)
            s.setSingleStep(0.001)
            s.setValue(float(v))
            s.setKeyboardTracking(False)
            s.setMinimumWidth(NARROW)
            s.valueChanged.connect(on_change)
            spins.append(s)
        return _Elements(spins)
    if isinstance(default, int) and not isinstance(default, bool):
        w = QSpinBox()
        w.setRange(1, 10_000_000)
        w.setValue(default)
        w.setKeyboardTracking(False)
        w.setMinimumWidth(NARROW)
        w.valueChanged.connect(on_change)
        return w
    w = CompactSpinBox()   # 12 decimals: adagrad's eps of 1e-10 too
    w.setRange(0.0, 1e6)
    w.setSingleStep(0.01)
    w.setValue(float(default))
    w.setKeyboardTracking(False)
    w.setMinimumWidth(NARROW)
    w.valueChanged.connect(on_change)
    return w


def _widget_value(w: QWidget, default: Any) -> Any:
    if isinstance(w, QCheckBox):
        return w.isChecked()
    if hasattr(w, "spins"):
        return tuple(s.value() for s in w.spins)
    if isinstance(w, QSpinBox):
        return int(w.value())
    return float(w.value())


def _set_widget_value(w: QWidget, value: Any) -> None:
    if isinstance(w, QCheckBox):
        w.setChecked(bool(value))
    elif hasattr(w, "spins"):
        for s, v in zip(w.spins, value):
            s.setValue(float(v))
    else:
        w.setValue(value)


class ParamForm(QWidget):
    """Widgets for a ``defaults`` dict; ``values()`` returns only what differs."""

    def __init__(self, on_change, parent=None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(12, 0, 0, 0)
        self.on_change = on_change
        self.defaults: dict[str, Any] = {}
        self.widgets: dict[str, QWidget] = {}

    def set_defaults(self, defaults: dict[str, Any], owner: str = "") -> None:
        """Widgets for ``defaults``, named and explained for ``owner`` (an optimizer's or schedule's name)."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.defaults = dict(defaults)
        self.widgets = {}
        for key, default in defaults.items():
            w = _param_widget(default, self.on_change)
            self.widgets[key] = w
            if isinstance(w, _Elements):   # a row each, with its own name: momentum (beta1), smoothing (beta2)
                for i, spin in enumerate(w.spins):
                    spin.setToolTip(param_tip(owner, key, i))
                    self.form.addRow(translate("training_panel", "{name}:").format(name=param_label(key, i)), spin)
            else:
                w.setToolTip(param_tip(owner, key))
                self.form.addRow(translate("training_panel", "{name}:").format(name=param_label(key)), w)
        self.setVisible(bool(defaults))

    def values(self) -> dict[str, Any]:
        out = {}
        for key, w in self.widgets.items():
            v = _widget_value(w, self.defaults[key])
            if v != self.defaults[key]:
                out[key] = list(v) if isinstance(v, tuple) else v
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        """Show ``values``; every other widget shows its default (``values`` lists what differs)."""
        for key, w in self.widgets.items():
            _set_widget_value(w, values.get(key, self.defaults[key]))


class TrainingPanel(QWidget):
    sigLearningRateChanged = Signal(float)
    sigTrainerChanged = Signal()
    sigNetworkChanged = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._quiet = False
        defaults = TrainingSettings()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)

        opt = QGroupBox(translate("training_panel", "Optimisation"))
        f = QFormLayout(opt)
        self.loss = QComboBox()
        self.loss.addItem(translate("training_panel", "auto (from the data)"), AUTO)
        for name in LOSSES:
            self.loss.addItem(name, name)
        self.optimizer = QComboBox()
        self.optimizer.addItems(list(OPTIMIZERS))
        self.optimizer.setCurrentText(defaults.optimizer)
        self.hyper = ParamForm(self._trainer_changed)
        self.lr = LogSpinBox()
        self.lr.setValue(defaults.lr)
        self.schedule = QComboBox()
        self.schedule.addItems(list(SCHEDULES))
        self.schedule.setCurrentText(defaults.schedule)
        self.schedule_params = ParamForm(self._trainer_changed)
        f.addRow(translate("training_panel", "Loss:"), self.loss)
        f.addRow(translate("training_panel", "Optimizer:"), self.optimizer)
        f.addRow(self.hyper)
        f.addRow(translate("training_panel", "Learning rate:"), self.lr)
        f.addRow(translate("training_panel", "Schedule:"), self.schedule)
        f.addRow(self.schedule_params)
        lay.addWidget(opt)

        run = QGroupBox(translate("training_panel", "Run"))
        f = QFormLayout(run)
        batch_row = QHBoxLayout()
        self.batch_mode = QComboBox()
        # read back by index: the texts may be translated
        self.batch_mode.addItems([translate("training_panel", "full batch"), translate("training_panel", "mini-batch"),
                                  translate("training_panel", "1 (per sample)")])
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 1_000_000)
        self.batch_size.setValue(32)
        self.batch_size.setEnabled(False)
        batch_row.addWidget(self.batch_mode, 1)
        batch_row.addWidget(self.batch_size)
        f.addRow(translate("training_panel", "Batch:"), batch_row)
        epochs_row = QHBoxLayout()
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 100_000_000)
        self.epochs.setValue(defaults.epochs)
        self.epochs.setSingleStep(100)
        self.unlimited = QCheckBox(translate("training_panel", "unlimited"))
        epochs_row.addWidget(self.epochs, 1)
        epochs_row.addWidget(self.unlimited)
        f.addRow(translate("training_panel", "Epochs:"), epochs_row)
        early_row = QHBoxLayout()
        self.early = QCheckBox(translate("training_panel", "patience"))
        self.patience = QSpinBox()
        self.patience.setRange(1, 1_000_000)
        self.patience.setValue(50)
        self.patience.setEnabled(False)
        early_row.addWidget(self.early)
        early_row.addWidget(self.patience, 1)
        f.addRow(translate("training_panel", "Early stop:"), early_row)
        self.speed = SpeedControl()
        f.addRow(translate("training_panel", "Speed:"), self.speed)
        lay.addWidget(run)

        reg = QGroupBox(translate("training_panel", "Regularisation and start"))
        f = QFormLayout(reg)
        self.l1 = CompactSpinBox()
        self.l2 = CompactSpinBox()
        for s in (self.l1, self.l2):
            s.setRange(0.0, 10.0)
            s.setSingleStep(0.0001)
            s.setKeyboardTracking(False)
        self.init = QComboBox()
        self.init.addItems(list(INITIALIZERS))
        self.init.setCurrentText(defaults.init)
        self.seed = QDoubleSpinBox()   # not QSpinBox: model files may hold seeds past 2^31
        self.seed.setDecimals(0)
        self.seed.setRange(0, 2.0**53)
        self.seed.setValue(defaults.seed)
        f.addRow(translate("training_panel", "L1 penalty:"), self.l1)
        f.addRow(translate("training_panel", "Weight decay (L2):"), self.l2)
        f.addRow(translate("training_panel", "Initialiser:"), self.init)
        f.addRow(translate("training_panel", "Seed:"), self.seed)
        lay.addWidget(reg)
        for box in (self.batch_size, self.epochs, self.patience, self.lr, self.l1, self.l2, self.seed):
            box.setMinimumWidth(NARROW)
        self.pending_note = QLabel(translate("training_panel", "Marked settings apply at the next run."))
        self.pending_note.setObjectName("pendingNote")
        self.pending_note.setWordWrap(True)
        self.pending_note.setVisible(False)
        lay.addWidget(self.pending_note)
        lay.addStretch(1)

        self.hyper.set_defaults(OPTIMIZERS[defaults.optimizer].defaults, defaults.optimizer)
        self.schedule_params.set_defaults(SCHEDULES[defaults.schedule].defaults, defaults.schedule)
        apply_tips(self)   # every setting's tooltip, from setting_help.py
        self.optimizer.currentTextChanged.connect(self._optimizer_changed)
        self.schedule.currentTextChanged.connect(self._schedule_changed)
        self.lr.valueChanged.connect(self._lr_changed)
        self.batch_mode.currentIndexChanged.connect(self._batch_mode_changed)
        self.unlimited.toggled.connect(self._unlimited_toggled)
        self.early.toggled.connect(self._early_toggled)
        for w in (self.batch_size.valueChanged, self.epochs.valueChanged, self.patience.valueChanged,
                  self.l1.valueChanged, self.l2.valueChanged):
            w.connect(self._trainer_changed)
        self.loss.currentIndexChanged.connect(self._network_changed)
        self.init.currentIndexChanged.connect(self._network_changed)
        self.seed.valueChanged.connect(self._network_changed)

    # --------------------------------------------------------------- slots
    @Slot()
    def _trainer_changed(self, *_args) -> None:
        if not self._quiet:
            self.sigTrainerChanged.emit()

    @Slot()
    def _network_changed(self, *_args) -> None:
        if not self._quiet:
            self.sigNetworkChanged.emit()

    @Slot(float)
    def _lr_changed(self, value: float) -> None:
        if not self._quiet:
            self.sigLearningRateChanged.emit(value)

    @Slot(str)
    def _optimizer_changed(self, name: str) -> None:
        self.hyper.set_defaults(OPTIMIZERS[name].defaults, name)
        self._trainer_changed()

    @Slot(str)
    def _schedule_changed(self, name: str) -> None:
        self.schedule_params.set_defaults(SCHEDULES[name].defaults, name)
        self._trainer_changed()

    @Slot(int)
    def _batch_mode_changed(self, index: int) -> None:
        self.batch_size.setEnabled(index == 1)
        self._trainer_changed()

    @Slot(bool)
    def _unlimited_toggled(self, on: bool) -> None:
        self.epochs.setEnabled(not on)
        self._trainer_changed()

    @Slot(bool)
    def _early_toggled(self, on: bool) -> None:
        self.patience.setEnabled(on)
        self._trainer_changed()

    # ------------------------------------------------------------ settings
    def apply_to(self, s: TrainingSettings) -> TrainingSettings:
        """Write this panel's values into settings ``s`` (returned)."""
        loss = self.loss.currentData()
        s.loss = None if loss == AUTO else loss
        s.optimizer = self.optimizer.currentText()
        s.hyperparameters = self.hyper.values()
        s.lr = float(self.lr.value())
        s.schedule = self.schedule.currentText()
        s.schedule_params = self.schedule_params.values()
        mode = self.batch_mode.currentIndex()
        s.batch_size = None if mode == 0 else (self.batch_size.value() if mode == 1 else 1)
        s.epochs = None if self.unlimited.isChecked() else self.epochs.value()
        s.early_stopping = self.patience.value() if self.early.isChecked() else None
        s.l1, s.l2 = float(self.l1.value()), float(self.l2.value())
        s.init = self.init.currentText()
        s.seed = int(self.seed.value())
        return s

    def set_settings(self, s: TrainingSettings) -> None:
        """Show settings (from a model file) without announcing changes."""
        self._quiet = True
        try:
            idx = self.loss.findData(s.loss if s.loss else AUTO)
            self.loss.setCurrentIndex(max(idx, 0))
            self.optimizer.setCurrentText(s.optimizer)
            self.hyper.set_values(s.hyperparameters)
            self.lr.setValue(s.lr)
            self.schedule.setCurrentText(s.schedule)
            self.schedule_params.set_values(s.schedule_params)
            if s.batch_size is None:
                self.batch_mode.setCurrentIndex(0)
            elif s.batch_size == 1:
                self.batch_mode.setCurrentIndex(2)
            else:
                self.batch_mode.setCurrentIndex(1)
                self.batch_size.setValue(s.batch_size)
            self.unlimited.setChecked(s.epochs is None)
            if s.epochs is not None:
                self.epochs.setValue(s.epochs)
            self.early.setChecked(s.early_stopping is not None)
            if s.early_stopping is not None:
                self.patience.setValue(s.early_stopping)
            self.l1.setValue(s.l1)
            self.l2.setValue(s.l2)
            self.init.setCurrentText(s.init)
            self.seed.setValue(float(s.seed))
        finally:
            self._quiet = False

    def mark_pending(self, fields: set[str], running) -> None:
        """Mark the settings that apply at the next run (``running``: the settings in use)."""
        widgets = {"optimizer": self.optimizer, "hyperparameters": self.hyper, "schedule": self.schedule,
                   "schedule_params": self.schedule_params, "batch_size": self.batch_mode, "epochs": self.epochs,
                   "early_stopping": self.early, "l1": self.l1, "l2": self.l2}
        for name, widget in widgets.items():
            pending = name in fields
            if bool(widget.property("pending")) == pending:
                continue
            if widget.property("plainTip") is None:
                widget.setProperty("plainTip", widget.toolTip())
            widget.setProperty("pending", pending)
            widget.setToolTip(translate("training_panel", "Applies at the next run; this run uses {value}.").format(
                value=repr(getattr(running, name))) if pending else widget.property("plainTip"))
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.pending_note.setVisible(bool(fields))

    def set_auto_loss(self, loss: str) -> None:
        """Say which loss 'auto' means for the current data."""
        self.loss.setItemText(0, translate("training_panel", "auto ({loss})").format(loss=loss))
