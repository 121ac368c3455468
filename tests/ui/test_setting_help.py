"""Every setting of the panels says in plain words what it does: a walk over their input widgets,
for every optimizer and schedule, finds none without a tooltip; hyperparameters have readable
names and PyTorch's name in their tooltips."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QComboBox,
                               QFormLayout, QLabel, QLineEdit, QScrollBar, QSpinBox, QWidget)

from bpgui.core import OPTIMIZERS, SCHEDULES
from bpgui.ui.panels.data_panel import DataPanel
from bpgui.ui.panels.notes_button import NotesButton
from bpgui.ui.panels.runs_panel import RunsPanel
from bpgui.ui.panels.training_panel import TrainingPanel
from bpgui.ui.setting_help import CHOICE_TIPS, HYPERPARAMETERS, TORCH_CLASS

INPUTS = (QAbstractSpinBox, QComboBox, QAbstractButton, QLineEdit, QAbstractSlider, QAbstractItemView)
PARTS_OF = (QAbstractSpinBox, QComboBox, QLineEdit, QAbstractItemView)   # widgets whose parts are theirs


def _untipped(panel) -> list[str]:
    """The input widgets of ``panel`` without a tooltip (a spin box's or combo's own line edit is
    part of it; the notes button's tooltip is the notes, when there are some)."""
    missing = []
    for w in (w for w in panel.findChildren(QWidget) if isinstance(w, INPUTS)):
        if isinstance(w, (NotesButton, QScrollBar)) or _inside(w, PARTS_OF, panel):
            continue
        if not w.toolTip().strip():
            missing.append(f"{type(w).__name__} {w.objectName() or w.accessibleName()} "
                           f"{getattr(w, 'text', lambda: '')()!r}")
    return missing


def _inside(w, types, top) -> bool:
    """Whether ``w`` is a part of a widget of ``types`` (a spin box's line edit, a combo's popup list,
    a table's headers, a line edit's clear button)."""
    parent = w.parent()
    while parent is not None and parent is not top:
        if isinstance(parent, types):
            return True
        parent = parent.parent()
    return False


def _form_labels(form_widget) -> list[str]:
    return [w.text() for w in form_widget.findChildren(QLabel)]


@pytest.fixture
def training(qtbot):
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    return panel


@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
def test_every_training_setting_has_a_tooltip_for_every_optimizer(training, optimizer):
    training.optimizer.setCurrentText(optimizer)
    assert training.hyper.widgets.keys() == OPTIMIZERS[optimizer].defaults.keys()
    assert _untipped(training) == []


@pytest.mark.parametrize("schedule", list(SCHEDULES))
def test_every_schedule_setting_has_a_tooltip(training, schedule):
    training.schedule.setCurrentText(schedule)
    assert _untipped(training) == []


def test_the_walk_finds_a_setting_without_a_tooltip(training):
    """The check of the checks: a new number box with no tooltip is caught."""
    box = QSpinBox(training)
    box.setObjectName("forgotten")
    assert _untipped(training) == ["QSpinBox forgotten ''"]


def test_data_and_runs_panels_have_a_tooltip_on_every_input(qtbot):
    data, runs = DataPanel(), RunsPanel()
    qtbot.addWidget(data)
    qtbot.addWidget(runs)
    for page in range(data.pages.count()):   # the gate, toy, CSV and paint pages
        data.pages.setCurrentIndex(page)
        assert _untipped(data) == []
    assert _untipped(runs) == []


def test_adam_shows_readable_names_with_torch_names_in_the_tooltips(training):
    training.optimizer.setCurrentText("adam")
    labels = _form_labels(training.hyper)
    assert {"momentum (beta1):", "smoothing (beta2):", "epsilon:", "AMSGrad:"} <= set(labels)
    beta1, beta2 = training.hyper.widgets["betas"].spins
    assert beta1.toolTip().endswith("torch.optim.Adam: betas[0]") and beta2.toolTip().endswith(
        "torch.optim.Adam: betas[1]")
    assert training.hyper.widgets["eps"].toolTip().endswith("torch.optim.Adam: eps")
    # the values still read back as torch's tuple
    beta1.setValue(0.8)
    assert training.hyper.values() == {"betas": [0.8, 0.999]}


def test_sgd_and_weight_decay_name_their_torch_counterparts(training):
    training.optimizer.setCurrentText("momentum")
    assert training.hyper.widgets["momentum"].toolTip().endswith("torch.optim.SGD: momentum")
    assert "Nesterov momentum:" in _form_labels(training.hyper)
    assert "weight_decay" in training.l2.toolTip() and "lr" in training.lr.toolTip()
    form = training.l2.parentWidget().layout()
    assert isinstance(form, QFormLayout) and form.labelForField(training.l2).text() == "Weight decay (L2):"


def test_every_hyperparameter_of_the_registries_has_help():
    for registry in (OPTIMIZERS, SCHEDULES):
        for name, cls in registry.items():
            for key, default in cls.defaults.items():
                assert key in HYPERPARAMETERS, f"{name}: no help for {key!r} in setting_help.HYPERPARAMETERS"
                if isinstance(default, tuple):
                    assert len(HYPERPARAMETERS[key].labels) == len(default)
            assert not cls.defaults or name in TORCH_CLASS, f"no PyTorch class for {name!r}"


@pytest.mark.parametrize("attribute", list(CHOICE_TIPS))
def test_each_choice_has_its_own_tooltip(qtbot, training, attribute):
    data = DataPanel()
    qtbot.addWidget(data)
    combo = getattr(training, attribute, None) or getattr(data, attribute)
    for i in range(combo.count()):
        key = combo.itemData(i) if isinstance(combo.itemData(i), str) else combo.itemText(i)
        if key == "auto":
            continue
        assert combo.itemData(i, Qt.ToolTipRole), f"{attribute}: choice {key!r} has no tooltip"
