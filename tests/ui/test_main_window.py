"""The window end to end: build a network in the editor, train XOR through
the toolbar, edit a weight, wide layers, and the toolbar under stress."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog



def test_starts_with_xor_session(window):
    net = window.model.network
    assert window.dataset.name == "xor gate"
    assert net.sizes == [2, 4, 1]
    assert net.activation_names == ["tanh", "sigmoid"] and net.loss_name == "bce"
    assert window.session.settings.optimizer == "adam"
    assert window.boundary.mode == "plane"


def test_build_in_editor_and_train_xor(qtbot, window, train_to_end):
    ed = window.editor
    qtbot.mouseClick(ed.add_layer_button, Qt.LeftButton)               # 2-4-4-1
    qtbot.mouseClick(ed.controls[0].plus, Qt.LeftButton)               # 2-5-4-1
    ed.controls[1].activation.setCurrentText("relu")                   # second hidden layer: relu
    net = window.model.network
    assert net.sizes == [2, 5, 4, 1]
    assert net.activation_names == ["tanh", "relu", "sigmoid"]
    assert len(ed.controls) == 2 and ed.canvas.sizes == [2, 5, 4, 1]
    window.training_panel.epochs.setValue(600)

    train_to_end(window)

    model = window.model
    assert model.evaluate(window.dataset.X, window.dataset.Y)["accuracy"] == 1.0
    assert len(model.history) == 600
    # The views got the final state.
    assert window.status_line.epoch.text() == "epoch 600"
    assert "accuracy 100.0%" in window.status_line.metric.text()
    assert len(window.loss_plot.train.xData) == 600
    assert window.history.last("train_loss") == model.history.train_loss[-1]
    k = window.heatmap.layer.currentIndex()
    m = float(np.abs(model.network.weights[k]).max())
    lo, hi = window.heatmap.levels   # symmetric, in steps, covering the largest |w|
    assert lo == -hi and m <= hi < 2 * m
    np.testing.assert_allclose(window.heatmap.image.image, model.network.weights[k], rtol=1e-6)
    for shown, real in zip(ed.canvas.weights, model.network.weights):
        np.testing.assert_allclose(shown, real, rtol=1e-6)
    assert window.act_train.text() == "▶ Train"

    # Pressing Train again goes on from these weights, with the history growing.
    window.training_panel.epochs.setValue(10)
    train_to_end(window)
    assert len(model.history) == 610 and len(window.loss_plot.train.xData) == 610
    assert window.doc.has_unsaved_work


def test_click_edge_sets_weight_and_hover_tells_value(qtbot, window, monkeypatch):
    canvas = window.editor.canvas
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("0.5", True)))
    pos = canvas.edge_position(0, 1, 2)
    assert canvas.item_at(pos) == ("edge", 0, 1, 2)
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=QPoint(round(pos.x()), round(pos.y())))
    assert window.model.network.weights[0][1, 2] == 0.5
    assert canvas.weights[0][1, 2] == 0.5
    assert "w = 0.5" in canvas.describe(("edge", 0, 1, 2))
    assert "bias" in canvas.describe(("neuron", 1, 0))


def test_a_typed_weight_is_taken_as_written(qtbot, window, monkeypatch, messages):
    canvas = window.editor.canvas
    pos = canvas.edge_position(0, 1, 2)
    click = QPoint(round(pos.x()), round(pos.y()))
    for typed, expected in (("1e9", 1e9), ("-2.5E-3", -2.5e-3)):
        monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, t=typed, **k: (t, True)))
        qtbot.mouseClick(canvas, Qt.LeftButton, pos=click)
        assert window.model.network.weights[0][1, 2] == np.float32(expected)
    for typed in ("abc", "1e39", "nan"):    # not a number, too big for float32, not finite
        monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, t=typed, **k: (t, True)))
        qtbot.mouseClick(canvas, Qt.LeftButton, pos=click)
        assert window.model.network.weights[0][1, 2] == np.float32(-2.5e-3)
        assert "not a number" in messages.shown[-1][2] or "finite" in messages.shown[-1][2]
    window.acts.undo.trigger()
    assert window.model.network.weights[0][1, 2] == np.float32(1e9)


def test_wide_layer_is_condensed_but_trained_in_full(qtbot, window, train_to_end):
    ctl = window.editor.controls[0]
    ctl.units.setValue(500)
    ctl.units.editingFinished.emit()
    assert window.model.network.sizes == [2, 500, 1]
    canvas = window.editor.canvas
    assert canvas._more and canvas._more[0][1] == 500 - 14
    assert len(canvas._edges) < 2 * 20 + 20
    window.training_panel.epochs.setValue(5)
    train_to_end(window)
    assert len(window.model.history) == 5
    # The heatmap spans all 500 columns, colouring every 2nd (at most 256 a side).
    img = window.heatmap.image
    np.testing.assert_allclose(img.image, window.model.network.weights[0][:, ::2], rtol=1e-6)
    assert img.mapRectToParent(img.boundingRect()).width() == 500


def test_learning_rate_changes_mid_run(qtbot, window):
    window.training_panel.unlimited.setChecked(True)
    window.act_train.trigger()
    qtbot.waitUntil(lambda: len(window.history) > 5, timeout=10_000)
    seen = []
    window.controller.sigSnapshot.connect(lambda snap: seen.append(snap.lr))
    window.training_panel.lr.setValue(0.001)
    qtbot.waitUntil(lambda: bool(seen) and abs(seen[-1] - 0.001) < 1e-12, timeout=10_000)
    assert window.controller.state == "running", "a new learning rate does not stop the run"
    with qtbot.waitSignal(window.controller.sigFinished, timeout=10_000):
        window.act_stop.trigger()
    assert window.controller.state == "idle"


def test_architecture_change_while_running_stops_without_asking_and_undo_brings_the_network_back(
        qtbot, window, messages):
    window.training_panel.unlimited.setChecked(True)
    window.act_train.trigger()
    qtbot.waitUntil(lambda: window.controller.state == "running" and window.history.epochs > 20, timeout=10_000)
    qtbot.mouseClick(window.editor.add_layer_button, Qt.LeftButton)
    assert window.controller.state == "idle" and messages.shown == []
    assert window.model.network.sizes == [2, 4, 4, 1] and window.history.epochs == 0
    trained_epochs = None
    window.acts.undo.trigger()
    trained_epochs = window.history.epochs
    assert window.model.network.sizes == [2, 4, 1] and trained_epochs > 20
    assert window.editor.canvas.sizes == [2, 4, 1] and window.heatmap.image.image.shape == (2, 4)


def test_toolbar_stress_start_pause_step_stop(qtbot, window):
    window.training_panel.unlimited.setChecked(True)
    for _ in range(50):
        window.act_train.trigger()                      # start
        qtbot.waitUntil(lambda: window.controller.state == "running", timeout=10_000)
        window.act_train.trigger()                      # pause
        qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=10_000)
        window.act_step.trigger()
        window.act_stop.trigger()
        qtbot.waitUntil(lambda: window.controller.state == "idle", timeout=10_000)
    assert len(window.model.history) == len(window.history)
    assert np.isfinite(window.model.network.parameters).all()


def test_settings_changed_between_runs_keep_the_trained_state(window, train_to_end):
    window.training_panel.epochs.setValue(40)
    train_to_end(window)
    session = window.session
    steps = session.trainer.optimizer.t
    assert steps == 40 and session.trainer.epochs_done == 40
    window.training_panel.lr.setValue(0.02)        # idle: straight into the trainer, its state kept
    session = window.session
    assert session.trainer.lr == 0.02 and session.trainer.optimizer.t == 40 and session.trainer.epochs_done == 40
    window.training_panel.batch_mode.setCurrentIndex(1)   # a new trainer, same weights and state
    window.training_panel.epochs.setValue(10)
    train_to_end(window)
    assert window.session is not session
    assert window.session.trainer.epochs_done == 50 and window.session.trainer.optimizer.t > 40
    assert len(window.model.history) == 50


def test_one_step_is_a_dot_on_the_curves_and_a_second_makes_it_a_line(window, qtbot):
    """A line of one point draws nothing: the first Step's loss is shown as a dot."""
    assert window.help.open_lesson("1-worked-example")
    window.act_step.trigger()
    qtbot.waitUntil(lambda: window.controller.state == "idle" and window.history.epochs == 1, timeout=20_000)
    train = window.loss_plot.train
    assert len(train.xData) == 1 and train.opts["symbol"] == "o"
    assert train.yData[0] == pytest.approx(window.history.column("train_loss")[0])
    assert len(train.scatter.points()) == 1 and train.scatter.isVisible()
    (x_low, x_high), _ = window.loss_plot.plot.viewRange()
    assert x_low < 1 - 0.25 and 1 + 0.25 < x_high   # the dot well inside the plot, not cut by its edge
    assert window.statusBar().currentMessage() == "Training completed after one epoch."
    window.act_step.trigger()
    qtbot.waitUntil(lambda: window.controller.state == "idle" and window.history.epochs == 2, timeout=20_000)
    assert len(train.xData) == 2 and train.opts["symbol"] is None
