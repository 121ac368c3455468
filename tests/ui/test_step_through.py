"""The Step through tab, driven through its widgets: the numbers it shows are
trace_step's on a copy of the document's trainer; the document's network moves
only with "Apply this step" (and Undo takes that back)."""
from __future__ import annotations

import copy
import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication

from bpgui.core.training import Trainer
from bpgui.ui.views.step_stages import fmt

ROOT = Path(__file__).resolve().parents[2]


def _open(window):
    window.views.setCurrentIndex(window.views.index_of("Step through"))
    QCoreApplication.processEvents()
    return window.views.page("Step through")


def _expected(window, rows):
    """The step worked out here: a new trainer with the document's settings on a copy of its network."""
    s = window.doc.settings
    X, Y = window.doc.session.train_xy
    trainer = Trainer(window.doc.model.network.copy(), optimizer=s.optimizer, lr=s.lr, l1=s.l1, l2=s.l2,
                      **s.hyperparameters)
    return trainer.trace_step(X[rows], Y[rows])


def _cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _row(table, label: str) -> list[str]:
    labels = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    return _cells(table)[labels.index(label)]


def _trained_and_open(window, train_to_end, epochs: int, monkeypatch):
    """The window trained ``epochs`` epochs, the Step through tab open, a spreadsheet's file dialog cancelled."""
    from PySide6.QtWidgets import QFileDialog
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    window.training_panel.epochs.setValue(epochs)
    train_to_end(window)
    return _open(window), window.model.timeline


def _go_to(view, kind: str, layer: int) -> None:
    view.stage_index = 0
    view._show()
    while (view.stage().kind, view.stage().layer) != (kind, layer):
        view.next_button.click()


def test_the_stages_show_trace_steps_numbers(window):
    view = _open(window)
    view.row_spin.setValue(3)
    expected = _expected(window, [2])
    hidden, out = expected.layers
    _go_to(view, "forward", 0)
    assert "Forward · layer 1 of 2" in view.stage_label.text()
    assert _row(view.table, "z (row 3)") == [fmt(v) for v in hidden.z[0]]
    assert _row(view.table, "a (row 3)") == [fmt(v) for v in hidden.a[0]]
    assert _row(view.table, "W from a") == [fmt(v) for v in hidden.W_before[0]]
    assert f"= {fmt(hidden.z[0, 0])}" in view.formula.text() and f"tanh({fmt(hidden.z[0, 0])})" in view.formula.text()
    _go_to(view, "backward", 1)
    assert _row(view.table, "δ (row 3)") == [fmt(out.delta[0, 0])]
    assert "y_hat - y (sigmoid + binary cross-entropy)" in view.formula.text()
    _go_to(view, "backward", 0)
    assert _row(view.table, "δ (row 3)") == [fmt(v) for v in hidden.delta[0]]
    assert _row(view.table, "dW from b") == [fmt(v) for v in hidden.dW[1]]
    _go_to(view, "update", 0)
    view.neuron_spin.setValue(2)
    columns = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]
    assert columns == ["before", "gradient", "exp_avg", "exp_avg_sq", "m_hat", "v_hat", "step", "after"]
    weight = _row(view.table, "W from a")
    assert weight[1] == fmt(hidden.dW[0, 1]) and weight[-2] == fmt(hidden.dW_update[0, 1])
    assert weight[-1] == fmt(hidden.W_after[0, 1])
    assert _row(view.table, "bias of unit 2")[-1] == fmt(hidden.b_after[1])
    assert "bias_correction1 = 0.1" in view.formula.text()


def test_previous_and_next_go_through_every_stage_once(window):
    view = _open(window)
    _go_to(view, "forward", 0)
    assert not view.prev_button.isEnabled()
    seen = [(view.stage().kind, view.stage().layer)]
    while view.next_button.isEnabled():
        view.next_button.click()
        seen.append((view.stage().kind, view.stage().layer))
    assert seen == [("forward", 0), ("forward", 1), ("backward", 1), ("backward", 0), ("update", 0), ("update", 1)]
    view.prev_button.click()
    assert (view.stage().kind, view.stage().layer) == ("update", 0)


def test_a_mini_batch_averages_over_its_rows(window):
    view = _open(window)
    view.row_spin.setValue(2)
    view.batch_spin.setValue(3)
    expected = _expected(window, [1, 2, 3])
    assert view.trace.batch_size == 3
    np.testing.assert_array_equal(view.trace.X, window.doc.session.train_xy[0][1:4])
    _go_to(view, "backward", 0)
    assert _row(view.table, "db (mean δ)") == [fmt(v) for v in expected.layers[0].db]
    assert [_row(view.table, f"δ (row {n})") for n in (2, 3, 4)] == \
        [[fmt(v) for v in expected.layers[0].delta[r]] for r in range(3)]
    assert "n = 3" in view.formula.text()
    view.batch_spin.setValue(8)   # past the last of XOR's four rows: the rows there are
    assert view.trace.batch_size == 3


def test_stepping_changes_nothing_until_applied_and_undo_takes_it_back(window):
    before = window.doc.model.network.parameters.copy()
    view = _open(window)
    view.row_spin.setValue(4)
    for _ in range(6):
        view.next_button.click()
    np.testing.assert_array_equal(window.doc.model.network.parameters, before)
    after = [layer.W_after for layer in view.trace.layers], [layer.b_after for layer in view.trace.layers]
    view.apply_button.click()
    net = window.doc.model.network
    for l in range(net.n_layers):
        np.testing.assert_array_equal(net.weights[l], after[0][l])
        np.testing.assert_array_equal(net.biases[l], after[1][l])
    assert window.doc.session.trainer.optimizer.t == 1          # Adam's moments came along
    assert view.trace.optimizer.t == 2                           # and the view shows the next step
    window.undo()
    np.testing.assert_array_equal(window.doc.model.network.parameters, before)
    assert view.trace.optimizer.t == 1 and view.trace.layers[0].W_before.tolist() == \
        window.doc.model.network.weights[0].tolist()


def test_a_changed_optimizer_is_the_one_stepped(window):
    view = _open(window)
    settings = copy.deepcopy(window.doc.settings)
    settings.optimizer, settings.lr, settings.hyperparameters = "sgd", 0.5, {}
    window.doc.set_settings(settings)
    expected = _expected(window, [0])
    assert view.trace.optimizer.name == "sgd" and view.trace.lr == 0.5
    _go_to(view, "update", 1)
    assert _row(view.table, "W from unit 1")[-2] == fmt(expected.layers[1].dW_update[0, 0])
    assert "step = −lr × g = −0.5 ×" in view.formula.text()


def test_a_wide_layer_shows_the_chosen_units_numbers(window):
    window.doc.set_hidden([(12, "tanh")])
    view = _open(window)
    _go_to(view, "forward", 0)
    view.neuron_spin.setValue(10)
    assert [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())] == ["unit 10"]
    assert _row(view.table, "a (row 1)") == [fmt(view.trace.layers[0].a[0, 9])]
    assert "unit 10, first row" in view.formula.text()


def test_the_layers_values_are_written_beside_its_neurons(window):
    view = _open(window)
    canvas = window.editor.canvas
    _go_to(view, "forward", 0)
    a = view.trace.layers[0].a[0]
    assert canvas.numbers.texts(1, [0, 1, 2, 3]) == [f"{v:.4g}".replace("-", "−") for v in a]
    assert canvas.numbers.texts(0, [0, 1]) == [f"{v:.4g}".replace("-", "−") for v in view.trace.X[0]]
    _go_to(view, "backward", 1)
    assert canvas.numbers.texts(2, [0]) == [f"{view.trace.layers[1].delta[0, 0]:.4g}".replace("-", "−")]
    window.views.setCurrentIndex(window.views.index_of("Results"))
    QCoreApplication.processEvents()
    assert canvas.numbers.values == {}


@pytest.fixture
def out(tmp_path) -> Path:
    return ROOT / "docs" / "screenshots" if os.environ.get("BPGUI_SCREENSHOTS") else tmp_path


def test_screenshots_of_each_stage(window, out):
    """``BPGUI_SCREENSHOTS=1`` saves them to docs/screenshots/ (look at them after a change)."""
    window.resize(1400, 900)
    view = _open(window)
    view.batch_spin.setValue(2)
    out.mkdir(parents=True, exist_ok=True)
    for kind, layer, name in (("forward", 0, "step-forward.png"), ("backward", 0, "step-backward.png"),
                              ("update", 1, "step-update.png")):
        _go_to(view, kind, layer)
        for _ in range(5):
            QCoreApplication.processEvents()
        assert window.grab().save(str(out / name)) and (out / name).stat().st_size > 20_000


def test_the_spreadsheet_button_saves_the_step_shown(window, tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    from PySide6.QtWidgets import QFileDialog
    target = tmp_path / "step.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    view = _open(window)
    view.row_spin.setValue(2)
    view.batch_spin.setValue(2)
    before = window.doc.model.network.copy()
    view.sheet_button.click()
    expected = _expected(window, [1, 2])
    cells = [c.value for row in openpyxl.load_workbook(target, data_only=True).active.iter_rows() for c in row]
    numbers = np.array([v for v in cells if isinstance(v, float)])
    tol = 1e-9 if before.dtype == np.float64 else 1e-6   # the sheet computes in double precision
    for layer in expected.layers:   # the sheet's cached results hold the new weights of the step shown
        for w in layer.W_after.ravel():
            assert np.abs(numbers - w).min() <= tol * max(1.0, abs(w))
    for old, now in zip(before.weights, window.doc.model.network.weights):
        np.testing.assert_array_equal(old, now)   # saving the step does not take it
    assert str(target) in window.statusBar().currentMessage()


def test_a_sheet_that_cannot_be_written_is_a_message_naming_the_file(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    target = tmp_path / "missing" / "step.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text)))
    _open(window).sheet_button.click()
    assert len(shown) == 1 and str(target) in shown[0] and not target.exists()


def test_snapshots_of_a_run_retake_the_step_at_most_once_a_second(window, monkeypatch):
    import bpgui.ui.views.step_through_view as stv
    view = _open(window)
    taken = []
    real = stv.preview_step
    monkeypatch.setattr(stv, "preview_step", lambda *a: taken.append(1) or real(*a))
    snapshot = window.doc.model.network.copy()
    for _ in range(5):   # five redraws of a run within a second: one step taken
        view.update_model(window.doc.model, snapshot)
    assert len(taken) == 1
    now = stv.time.monotonic()
    monkeypatch.setattr(stv.time, "monotonic", lambda: now + stv.FOLLOW_S + 0.01)
    view.update_model(window.doc.model, snapshot)   # a second later: the newest weights again
    view.update_model(window.doc.model, None)       # the run's end: always
    assert len(taken) == 3


def test_a_too_wide_layer_for_a_sheet_is_refused_in_chinese(window, tmp_path, monkeypatch):
    from chinese import chinese_installed
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "s.xlsx"), "")))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text)))
    window.doc.set_hidden([(40, "tanh")])
    view = _open(window)
    with chinese_installed():
        view.sheet_button.click()
    assert len(shown) == 1 and "隐藏层 1有 40 个神经元" in shown[0] and not (tmp_path / "s.xlsx").exists()


def test_a_past_epoch_in_sight_is_stepped_from_its_checkpoint_moments_and_all(window, train_to_end, monkeypatch):
    """Scrubbed to epoch 6 of an Adam run, the step shown (and the one a spreadsheet gets)
    is the one the run took from there (the checkpoint's weights, moments and step count),
    not the newest moments paired with old weights; back at the newest, the document's
    trainer again."""
    view, timeline = _trained_and_open(window, train_to_end, 12, monkeypatch)
    window.timeline.show_epoch(6)
    state = timeline.state_at(6)
    twin = Trainer(window.doc.model.network.copy(), optimizer="adam", lr=window.doc.settings.lr,
                   **window.doc.settings.hyperparameters)
    twin.restore(state)
    expected = twin.trace_step(*(a[[0]] for a in window.doc.session.train_xy))
    assert view.trace.optimizer.t == state.optimizer_t + 1 == 7
    assert view.note.text().startswith("From epoch 6 of the timeline")
    for shown, right in zip(view.trace.layers, expected.layers):
        np.testing.assert_array_equal(shown.W_before, right.W_before)
        np.testing.assert_array_equal(shown.W_after, right.W_after)   # Adam's step from epoch 6's moments
    np.testing.assert_array_equal(view.after.parameters, twin.state().parameters)
    exported = []
    view.sigExportStep.connect(exported.append)
    view.sheet_button.click()
    network, trainer, _, _ = exported[0]
    assert trainer.optimizer.t == 6
    np.testing.assert_array_equal(trainer.optimizer.state["exp_avg"], state.optimizer_state["exp_avg"])
    np.testing.assert_array_equal(network.parameters, state.parameters)
    window.timeline.show_epoch(7)   # another epoch within the second: stepped at once all the same
    assert view.trace.optimizer.t == 8
    window.timeline.show_newest()
    assert view.trace.optimizer.t == window.doc.session.trainer.optimizer.t + 1 == 13
    assert "timeline" not in view.note.text()
    np.testing.assert_array_equal(view.trace.layers[0].W_before, window.doc.model.network.weights[0])


def test_the_last_snapshot_of_a_stream_is_stepped_within_a_second(qtbot, window, monkeypatch):
    """Snapshots retake the step at most once a second; the last of them is not left unstepped."""
    view = _open(window)
    snapshot = window.doc.model.network.copy()
    view.update_model(window.doc.model, snapshot)
    later = snapshot.copy()
    later.weights = [w + 0.25 for w in later.weights]
    view.update_model(window.doc.model, later)    # within the second: put off
    assert view.trace.layers[0].W_before.tolist() == snapshot.weights[0].tolist()
    qtbot.waitUntil(lambda: view.trace.layers[0].W_before.tolist() == later.weights[0].tolist(), timeout=2500)


def test_a_past_epoch_of_another_optimizer_is_stepped_with_this_one_afresh(window, train_to_end, monkeypatch):
    """Adam's checkpoints, then the optimizer changed to momentum: the past epoch's step
    takes its weights, and momentum starts afresh (as a branch from there would)."""
    view, _ = _trained_and_open(window, train_to_end, 12, monkeypatch)
    settings = copy.deepcopy(window.doc.settings)
    settings.optimizer, settings.hyperparameters = "momentum", {"momentum": 0.9}
    window.doc.set_settings(settings)
    window.timeline.show_epoch(6)
    state = window.model.timeline.state_at(6)
    assert view.trace.optimizer.name == "momentum" and view.trace.optimizer.t == 1
    np.testing.assert_array_equal(view.trace.layers[0].W_before, window.model.timeline.weights_at(6)[0][0])
    assert "the optimizer starts afresh" in view.note.text() and state.optimizer_t == 6


def test_the_spreadsheet_of_a_past_step_is_the_step_shown_even_once_its_epoch_is_thinned_away(
        window, train_to_end, monkeypatch):
    view, timeline = _trained_and_open(window, train_to_end, 40, monkeypatch)
    window.timeline.show_epoch(7)
    shown = view.trace.optimizer.t
    timeline.budget_bytes = timeline.nbytes // 3   # a smaller budget: epoch 7 is thinned away
    assert 7 not in timeline.epochs
    exported = []
    view.sigExportStep.connect(exported.append)
    view.sheet_button.click()
    assert exported[0][1].optimizer.t + 1 == shown == 8
    window.timeline.reset()   # new data or network: the step-through leaves the past too
    assert view._checkpoint is None
