"""The window never lies: what the widgets show is what the document holds,
what training uses and what Save writes.

One test per defect once reported against the window; each drives the
widgets (clicks, combo boxes, spin boxes, key presses) and checks what the
user would see and what ends up in the saved file.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLineEdit

from bpgui.core import load_model

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


# ----------------------------------------------------------------- helpers
class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: returns ``path`` and counts the calls."""

    def __init__(self, monkeypatch, path) -> None:
        self.path, self.calls = str(path), 0
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self))

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.path, ""


def use_toy(w, name: str) -> None:
    dp = w.data_panel
    dp.source.setCurrentIndex(1)
    dp.toy.setCurrentIndex(dp.toy.findData(name))
    assert name in w.dataset.name, w.dataset.name


def use_gate(w, name: str) -> None:
    dp = w.data_panel
    dp.source.setCurrentIndex(0)
    dp.gate.setCurrentText(name)


def choose_data(combo: QComboBox, data) -> None:
    idx = combo.findData(data)
    assert idx >= 0, data
    combo.setCurrentIndex(idx)


def title_name(w) -> str:
    return w.windowTitle().split("[*]")[0]


def focus(qtbot, w, widget) -> None:
    w.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=2000)


def press(qtbot, key, modifier=Qt.NoModifier) -> None:
    """A key press where the user's focus is."""
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def wait_state(qtbot, w, state: str, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: w.controller.state == state, timeout=timeout)


def saved_sizes(path) -> list[int]:
    return list(load_model(path).network.sizes)


# ------------------------------------------------------------------- tests
def test_ctrl_s_after_new_data_asks_for_a_new_name(qtbot, window, monkeypatch, tmp_path, train_to_end,
                                                   messages):
    w = window
    use_toy(w, "multigauss")
    w.training_panel.epochs.setValue(30)
    train_to_end(w)
    mg = tmp_path / "mg.bpnet"
    SaveDialog(monkeypatch, mg)
    w.acts.save_as.trigger()
    assert mg.exists() and "mg.bpnet" in title_name(w)
    original = mg.read_bytes()

    for k, load in enumerate((lambda: use_toy(w, "circle"),
                              lambda: w.data_panel.load_csv_file(str(SAMPLES / "iris.csv")))):
        load()
        assert "mg.bpnet" not in title_name(w) and "untitled" in title_name(w)
        other = SaveDialog(monkeypatch, tmp_path / f"other{k}.bpnet")
        focus(qtbot, w, w.editor.canvas)
        press(qtbot, Qt.Key_S, Qt.ControlModifier)
        assert other.calls == 1, "Save did not ask for a new name"
        assert (tmp_path / f"other{k}.bpnet").exists()
        assert mg.read_bytes() == original
    assert messages.shown == []


def test_refused_loss_is_put_back_and_never_saved(qtbot, window, monkeypatch, tmp_path, train_to_end, messages):
    w = window
    tp = w.training_panel
    assert w.data_panel.load_csv_file(str(SAMPLES / "sine.csv"))
    assert w.dataset.task == "regression"
    before_loss, before_index = w.doc.settings.loss, tp.loss.currentIndex()
    choose_data(tp.loss, "ce")
    assert len(messages.shown) == 1, messages.texts()
    kind, _title, text = messages.shown[0]
    assert kind == "warning" and "--" not in text and text[:1].isupper()
    assert tp.loss.currentIndex() == before_index
    assert w.doc.settings.loss == before_loss
    tp.epochs.setValue(5)
    train_to_end(w)
    assert w.session.model.network.loss_name == "mse"
    path = tmp_path / "sine.bpnet"
    SaveDialog(monkeypatch, path)
    w.acts.save_as.trigger()
    model = load_model(path)
    assert model.training["loss"] in (None, model.network.loss_name)

    messages.shown.clear()
    assert w.data_panel.load_csv_file(str(SAMPLES / "moons.csv"))
    assert messages.shown == [], messages.texts()
    assert w.dataset.name == "moons.csv" and w.dataset.task == "binary"


def test_early_stop_without_validation_is_refused_and_editing_goes_on(qtbot, window, monkeypatch, tmp_path,
                                                                      messages):
    w = window
    tp = w.training_panel
    assert w.doc.settings.val_split == 0
    tp.early.setChecked(True)
    assert len(messages.shown) == 1, messages.texts()
    text = messages.shown[0][2]
    assert "Validation" in text and "--val-split" not in text and "--" not in text
    assert not tp.early.isChecked() and w.doc.settings.early_stopping is None

    messages.shown.clear()
    qtbot.mouseClick(w.editor.add_layer_button, Qt.LeftButton)
    grown = list(w.model.network.sizes)
    qtbot.mouseClick(w.editor.remove_layer_button, Qt.LeftButton)
    assert messages.shown == [], messages.texts()
    sizes = list(w.model.network.sizes)
    assert len(sizes) == len(grown) - 1
    assert w.heatmap.layer.count() == len(sizes) - 1
    assert w.editor.canvas.sizes == sizes
    path = tmp_path / "net.bpnet"
    SaveDialog(monkeypatch, path)
    w.acts.save.trigger()
    assert saved_sizes(path) == sizes


def test_optimizer_change_mid_run_is_pending_until_stop(qtbot, window):
    w = window
    tp = w.training_panel
    assert tp.optimizer.currentText() == "adam"
    tp.unlimited.setChecked(True)
    w.act_train.trigger()
    wait_state(qtbot, w, "running")
    try:
        tp.optimizer.setCurrentText("sgd")
        assert w.controller.state == "running"
        assert tp.optimizer.property("pending") is True
        assert tp.pending_note.isVisibleTo(w)
        assert w.session.trainer.optimizer.name == "adam"
    finally:
        w.act_stop.trigger()
        wait_state(qtbot, w, "idle")
    assert not tp.optimizer.property("pending")
    assert not tp.pending_note.isVisibleTo(w)
    assert w.session.trainer.optimizer.name == "sgd"
    assert tp.optimizer.currentText() == "sgd"


def test_keyboard_shortcuts_work_from_combo_and_spin_boxes(qtbot, window):
    """Tested with real key presses (qtbot.keyClick to the focus widget), plus the
    ShortcutOverride check the brief describes for combo box vs line edit."""
    w = window
    tp = w.training_panel
    train_menu = next(m for m in w.menuBar().actions() if m.text() == "&Train").menu()
    for action in (w.acts.train, w.acts.step, w.acts.stop, w.acts.reset):
        assert action in train_menu.actions() and action.shortcut().toString(), action.text()

    # ShortcutOverride: a combo box leaves Space to the window, a text field keeps it.
    focus(qtbot, w, tp.optimizer)
    ev = QKeyEvent(QEvent.ShortcutOverride, Qt.Key_Space, Qt.NoModifier, " ")
    QApplication.sendEvent(tp.optimizer, ev)
    assert not ev.isAccepted()
    line = QLineEdit(w.data_panel)
    line.show()
    focus(qtbot, w, line)
    ev = QKeyEvent(QEvent.ShortcutOverride, Qt.Key_Space, Qt.NoModifier, " ")
    QApplication.sendEvent(line, ev)
    assert ev.isAccepted()
    line.deleteLater()

    tp.unlimited.setChecked(True)
    focus(qtbot, w, tp.optimizer)
    press(qtbot, Qt.Key_Space)
    wait_state(qtbot, w, "running")
    press(qtbot, Qt.Key_Space)
    wait_state(qtbot, w, "paused")
    press(qtbot, Qt.Key_Escape)
    wait_state(qtbot, w, "idle")

    focus(qtbot, w, tp.lr)
    text = tp.lr.text()
    press(qtbot, Qt.Key_Space)
    wait_state(qtbot, w, "running")
    assert tp.lr.text() == text
    press(qtbot, Qt.Key_Space)
    wait_state(qtbot, w, "paused")
    assert tp.lr.text() == text
    press(qtbot, Qt.Key_Escape)
    wait_state(qtbot, w, "idle")

    epochs = w.history.epochs
    with qtbot.waitSignal(w.controller.sigFinished, timeout=10_000):
        press(qtbot, Qt.Key_F10)
    wait_state(qtbot, w, "idle")
    assert w.history.epochs == epochs + 1

    weights = w.model.network.weights[0].copy()
    press(qtbot, Qt.Key_R, Qt.ControlModifier)
    assert w.history.epochs == 0
    assert not (w.model.network.weights[0] == weights).all()


def _type_l2_and_grow_layer(qtbot, w):
    """Type L2 = 0.001 (Enter commits it), then one more unit in the hidden layer;
    returns the hidden layers before and after."""
    tp = w.training_panel
    focus(qtbot, w, tp.l2)
    tp.l2.selectAll()
    qtbot.keyClicks(tp.l2, "0.001")
    qtbot.keyClick(tp.l2, Qt.Key_Return)
    assert w.doc.settings.l2 == pytest.approx(0.001)
    before = list(w.doc.settings.hidden)
    qtbot.mouseClick(w.editor.controls[0].plus, Qt.LeftButton)
    assert w.doc.settings.hidden != before
    return before, list(w.doc.settings.hidden)


def _check_undo_redo_keys(qtbot, w, before_hidden, after_hidden):
    tp = w.training_panel
    press(qtbot, Qt.Key_Z, Qt.ControlModifier)
    assert w.doc.settings.hidden == before_hidden
    assert list(w.editor.hidden) == before_hidden and w.editor.canvas.sizes[1] == before_hidden[0][0]
    press(qtbot, Qt.Key_Z, Qt.ControlModifier)
    assert w.doc.settings.l2 == 0.0 and tp.l2.value() == 0.0
    press(qtbot, Qt.Key_Z, Qt.ShiftModifier | Qt.ControlModifier)
    assert w.doc.settings.l2 == pytest.approx(0.001) and tp.l2.value() == pytest.approx(0.001)
    press(qtbot, Qt.Key_Z, Qt.ShiftModifier | Qt.ControlModifier)
    assert w.doc.settings.hidden == after_hidden and list(w.editor.hidden) == after_hidden
    assert w.editor.canvas.sizes[1] == after_hidden[0][0]


def test_ctrl_z_and_ctrl_shift_z_restore_typed_settings(qtbot, window):
    """Keys pressed with the focus on a combo box (not a text field)."""
    w = window
    before, after = _type_l2_and_grow_layer(qtbot, window)
    focus(qtbot, w, w.training_panel.optimizer)
    _check_undo_redo_keys(qtbot, w, before, after)


def test_ctrl_z_in_the_spin_box_just_typed_into_undoes_the_setting(qtbot, window):
    w = window
    before, after = _type_l2_and_grow_layer(qtbot, window)
    focus(qtbot, w, w.training_panel.l2)
    _check_undo_redo_keys(qtbot, w, before, after)


def test_plots_start_afresh_for_new_data(qtbot, window, train_to_end):
    w = window
    assert w.data_panel.load_csv_file(str(SAMPLES / "sine.csv"))
    w.training_panel.epochs.setValue(50)
    train_to_end(w)
    assert w.metric_plot.plot.titleLabel.text == "R²"
    use_gate(w, "not")
    assert w.dataset.task != "regression"
    lo, hi = w.metric_plot.plot.viewRange()[1]
    assert -0.05 <= lo <= 0.0 and 1.0 <= hi <= 1.05, (lo, hi)
    lo, hi = w.gradients.plot.viewRange()[1]
    assert lo == pytest.approx(0.0, abs=0.05) and hi == pytest.approx(1.0, abs=0.05), (lo, hi)


@pytest.mark.parametrize("source", ["circle", "sine.csv"])
def test_status_line_shows_test_split_figures(qtbot, window, train_to_end, source):
    w = window
    if source == "circle":
        use_toy(w, "circle")
    else:
        assert w.data_panel.load_csv_file(str(SAMPLES / source))
    w.data_panel.test_split.setValue(0.25)
    assert w.doc.settings.test_split == 0.25 and w.session.test is not None
    w.training_panel.epochs.setValue(100)
    train_to_end(w)
    text = w.status_line.test.text()
    figures = w.session.model.evaluate(w.session.test.X, w.session.test.Y)
    assert "test" in text and "loss" in text and f"{figures['loss']:.4g}" in text, text
    if source == "circle":
        assert "accuracy" in text and f"{figures['accuracy']:.1%}" in text, text
    else:
        assert "R²" in text and f"{figures['r2']:.4f}" in text, text


def test_no_questions_on_gate_switch_or_reset_while_paused(qtbot, window, train_to_end, messages):
    w = window
    w.training_panel.epochs.setValue(20)
    train_to_end(w)
    use_gate(w, "and")
    assert messages.shown == [], messages.texts()
    assert "and" in w.dataset.name.lower(), w.dataset.name

    w.training_panel.unlimited.setChecked(True)
    w.act_train.trigger()
    wait_state(qtbot, w, "running")
    w.act_train.trigger()
    wait_state(qtbot, w, "paused")
    w.act_reset.trigger()
    wait_state(qtbot, w, "idle")
    assert messages.shown == [], messages.texts()
    assert w.history.epochs == 0


def test_small_window_still_shows_everything(qtbot, window):
    w = window
    assert w.minimumSize().width() >= 800
    w.resize(1024, 700)
    qtbot.waitUntil(lambda: w.width() == 1024, timeout=2000)
    QApplication.processEvents()
    canvas = w.editor.canvas
    assert canvas.isVisible() and canvas.width() > 0
    xs = canvas.column_x()
    assert xs[-1] < canvas.width(), (xs, canvas.width())
    assert xs[0] > 0
    scroll = w.training_dock.widget()
    seed = w.training_panel.seed
    assert scroll.widget().isAncestorOf(seed)
    scroll.ensureWidgetVisible(seed)
    QApplication.processEvents()
    top_left = seed.mapTo(scroll.viewport(), seed.rect().topLeft())
    bottom = seed.mapTo(scroll.viewport(), seed.rect().bottomLeft())
    assert 0 <= top_left.y() and bottom.y() <= scroll.viewport().height(), (top_left, bottom,
                                                                            scroll.viewport().height())
    assert top_left.x() >= 0 and seed.width() > 0
    assert seed.mapTo(scroll.viewport(), seed.rect().topRight()).x() <= scroll.viewport().width()


def test_quitting_after_replacing_a_trained_network_asks_once(qtbot, window, train_to_end, messages):
    from PySide6.QtWidgets import QMessageBox
    window.training_panel.epochs.setValue(20)
    train_to_end(window)
    window.act_reset.trigger()                       # the trained network now lives only in Undo
    messages.answers.append(QMessageBox.Cancel)
    assert not window.close() and window.isVisible()
    assert messages.shown[-1][0] == "question" and "Undo" in messages.shown[-1][2]


def test_unticking_the_last_feature_is_refused_and_keeps_the_network(qtbot, window, train_to_end, messages):
    assert window.data_panel.load_csv_file(str(SAMPLES / "sine.csv"))
    window.training_panel.epochs.setValue(10)
    train_to_end(window)
    model = window.model
    item = window.data_panel.features.item(0)
    item.setCheckState(Qt.Unchecked)
    assert "at least one feature" in messages.shown[-1][2]
    assert item.checkState() == Qt.Checked and window.model is model and window.history.epochs == 10


def test_undo_puts_every_hyperparameter_box_back(qtbot, window):
    eps = window.training_panel.hyper.widgets["eps"]
    default = eps.value()
    eps.setValue(0.001)
    assert window.doc.settings.hyperparameters == {"eps": 0.001}
    window.acts.undo.trigger()
    assert window.doc.settings.hyperparameters == {} and eps.value() == default
    window.training_panel.epochs.setValue(123)     # a later edit does not bring the undone value back
    assert window.doc.settings.hyperparameters == {}


def test_number_boxes_take_what_is_typed_as_written(qtbot, window):
    tp = window.training_panel
    for box, typed, field in ((tp.l2, "1e-7", "l2"), (tp.lr, "2.5E-4", "lr")):
        box.lineEdit().selectAll()
        qtbot.keyClicks(box.lineEdit(), typed)
        qtbot.keyClick(box.lineEdit(), Qt.Key_Return)
        assert getattr(window.doc.settings, field) == float(typed), typed
    eps = tp.hyper.widgets["eps"]
    eps.lineEdit().selectAll()
    qtbot.keyClicks(eps.lineEdit(), "1e-10")
    qtbot.keyClick(eps.lineEdit(), Qt.Key_Return)
    assert window.doc.settings.hyperparameters == {"eps": 1e-10}
