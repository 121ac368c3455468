"""Requirements of "The trainer window" that the other window tests leave out:
the command line entries, the data panel's seed and feature picker, the
editor's shrink buttons, the training panel reaching the trainer, log y,
the Space shortcut, reset, status bar and progress bar, quitting and closing
mid-run, ONNX export and the recent-files menu."""
from __future__ import annotations

import copy

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def _patch_open(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _patch_save(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _weights(net):
    return [W.copy() for W in net.weights], [b.copy() for b in net.biases]


def _same_parameters(net, weights, biases) -> bool:
    return (len(net.weights) == len(weights)
            and all(np.array_equal(a, b) for a, b in zip(net.weights, weights))
            and all(np.array_equal(a, b) for a, b in zip(net.biases, biases)))


# ------------------------------------------------------------- 1. python -m bpgui
def test_python_m_bpgui_help_and_the_no_display_launch():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    helped = subprocess.run([sys.executable, "-m", "bpgui", "--help"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("usage: bpgui")
    for command in ("train", "predict", "evaluate", "export", "info", "demo"):
        assert command in helped.stdout

    # With no display at all (and no QT_QPA_PLATFORM) the bare command cannot open
    # the window on Linux: it says so and trains XOR in the terminal instead.
    if sys.platform.startswith("linux"):
        bare = subprocess.run([sys.executable, "-m", "bpgui"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
        assert bare.returncode == 0, bare.stderr
        assert "no display to open the window on" in bare.stderr
        assert "on XOR" in bare.stdout and "epoch  2000" in bare.stdout
        answers = re.findall(r"(\d) xor (\d) = (\d)\s+network says [0-9.]+ -> (\d)", bare.stdout)
        assert len(answers) == 4
        for a, b, truth, said in answers:
            assert int(a) ^ int(b) == int(truth) == int(said)
        # A display no X server answers on: the same, not Qt's abort (SIGABRT).
        unreachable = subprocess.run([sys.executable, "-m", "bpgui"], cwd=ROOT, env={**env, "DISPLAY": ":55"},
                                     capture_output=True, text=True, timeout=60)
        assert unreachable.returncode == 0, unreachable.stderr
        assert "the display ':55' cannot be reached" in unreachable.stderr and "on XOR" in unreachable.stdout


# ------------------------------------------------- 2. bpgui MODEL.bpnet restores the session
def test_command_line_model_argument_restores_the_whole_session(qtbot, window, monkeypatch, tmp_path,
                                                                train_to_end, messages):
    from bpgui import cli
    from bpgui.ui.main_window import MainWindow

    tp = window.training_panel
    tp.seed.setValue(4)                                      # a new network from seed 4
    qtbot.mouseClick(window.editor.controls[0].plus, Qt.LeftButton)   # 2-5-1
    tp.optimizer.setCurrentText("sgd")
    tp.hyper.widgets["momentum"].setValue(0.5)
    tp.lr.setValue(0.2)
    tp.batch_mode.setCurrentIndex(1)
    tp.batch_size.setValue(2)
    tp.l2.setValue(0.001)
    tp.epochs.setValue(120)
    train_to_end(window)
    assert len(window.model.history) == 120
    path = tmp_path / "xor.bpnet"
    _patch_save(monkeypatch, path)
    window.acts.save_as.trigger()
    assert path.exists() and not window.doc.has_unsaved_work
    weights, biases = _weights(window.model.network)
    losses = window.model.history.train_loss.copy()

    seen = {}

    def fake_exec(*_args):
        mine = [w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w is not window and w.doc.path == str(path)]
        assert len(mine) == 1
        w = mine[0]
        seen["sizes"] = list(w.model.network.sizes)
        seen["same_parameters"] = _same_parameters(w.model.network, weights, biases)
        seen["losses"] = w.model.history.train_loss.copy()
        seen["shown_epochs"] = w.status_line.epoch.text()
        seen["settings"] = copy.deepcopy(w.doc.settings)
        seen["panel"] = (w.training_panel.optimizer.currentText(), w.training_panel.seed.value())
        seen["data"] = w.dataset.name
        seen["session_ok"] = w.session is not None and w.session.model is w.model
        seen["title"] = w.windowTitle()
        w.controller.shutdown()
        w.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert cli.main([str(path)]) == 0
    assert messages.shown == []
    assert seen["sizes"] == [2, 5, 1]
    assert seen["same_parameters"]
    np.testing.assert_array_equal(seen["losses"], losses)
    assert seen["shown_epochs"] == "epoch 120"
    s = seen["settings"]
    assert s.hidden == [(5, "tanh")] and s.optimizer == "sgd" and s.hyperparameters == {"momentum": 0.5}
    assert abs(s.lr - 0.2) < 1e-12 and s.batch_size == 2 and s.l2 == 0.001
    assert s.epochs == 120 and s.seed == 4
    assert seen["panel"] == ("sgd", 4)
    assert seen["data"] == "xor gate" and seen["session_ok"]
    assert seen["title"].startswith("xor.bpnet")


# ---------------------------------------------------------------- 3. data panel
def test_toy_seed_changes_the_generated_data(window):
    dp = window.data_panel
    dp.source.setCurrentIndex(1)
    dp.toy.setCurrentText("circle")
    dp.samples.setValue(80)
    dp.regenerate.click()
    first = window.dataset
    assert first.source["seed"] == 0 and first.n_samples == 80
    dp.toy_seed.setValue(5)
    dp.regenerate.click()
    other = window.dataset
    assert other.source["seed"] == 5 and other.X.shape == first.X.shape
    assert not np.array_equal(other.X, first.X)
    assert window.session.dataset is other
    dp.toy_seed.setValue(0)
    dp.regenerate.click()
    again = window.dataset
    assert again is not first
    np.testing.assert_array_equal(again.X, first.X)
    np.testing.assert_array_equal(again.Y, first.Y)


def test_unchecking_a_csv_feature_shrinks_the_input_layer(window, messages):
    dp = window.data_panel
    assert dp.load_csv_file(str(SAMPLES / "iris.csv"))
    assert window.model.network.sizes == [4, 4, 3]
    names = [dp.features.item(k).text() for k in range(dp.features.count())]
    assert names == ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    dp.features.item(1).setCheckState(Qt.Unchecked)
    kept = ["sepal_length", "petal_length", "petal_width"]
    assert messages.shown == []
    assert window.dataset.feature_names == kept and window.dataset.X.shape[1] == 3
    assert window.model.network.sizes == [3, 4, 3] and window.model.feature_names == kept
    assert window.editor.canvas.sizes == [3, 4, 3] and window.editor.canvas.input_names == kept
    assert window.session.train.X.shape[1] == 3
    # The picker shows the choice it made.
    states = [dp.features.item(k).checkState() for k in range(dp.features.count())]
    assert states == [Qt.Checked, Qt.Unchecked, Qt.Checked, Qt.Checked]


# ----------------------------------------------------------- 4. network editor
def test_remove_layer_and_neuron_minus_shrink_the_network(qtbot, window):
    ed = window.editor
    qtbot.mouseClick(ed.add_layer_button, Qt.LeftButton)
    assert window.model.network.sizes == [2, 4, 4, 1]
    qtbot.mouseClick(ed.controls[1].minus, Qt.LeftButton)
    assert window.model.network.sizes == [2, 4, 3, 1] and ed.canvas.sizes == [2, 4, 3, 1]
    qtbot.mouseClick(ed.remove_layer_button, Qt.LeftButton)
    assert window.model.network.sizes == [2, 4, 1] and ed.canvas.sizes == [2, 4, 1]
    assert len(ed.controls) == 1
    qtbot.mouseClick(ed.controls[0].minus, Qt.LeftButton)
    net = window.model.network
    assert net.sizes == [2, 3, 1] and ed.canvas.sizes == [2, 3, 1]
    assert net.weights[0].shape == (2, 3) and net.weights[1].shape == (3, 1)
    assert ed.summary.text().startswith("2 – 3 – 1")
    qtbot.mouseClick(ed.remove_layer_button, Qt.LeftButton)      # no hidden layer left
    assert window.model.network.sizes == [2, 1] and ed.canvas.sizes == [2, 1]
    assert ed.controls == [] and not ed.remove_layer_button.isEnabled()


# --------------------------------------------- 5. training panel reaches the trainer
def test_training_panel_settings_reach_the_trainer(qtbot, window):
    dp, tp = window.data_panel, window.training_panel
    dp.source.setCurrentIndex(1)
    dp.toy.setCurrentText("circle")
    dp.samples.setValue(60)
    dp.regenerate.click()
    dp.val_split.setValue(0.25)
    # Settings that make a new network.
    tp.loss.setCurrentIndex(tp.loss.findData("mse"))
    tp.init.setCurrentText("he")
    tp.seed.setValue(7)
    net = window.model.network
    assert net.loss_name == "mse" and net.init_name == "he" and window.session.settings.seed == 7
    # Settings for the next run, with the same weights.
    tp.schedule.setCurrentText("step")
    tp.schedule_params.widgets["step_size"].setValue(10)
    tp.batch_mode.setCurrentIndex(2)              # "1 (per sample)"
    tp.l1.setValue(0.001)
    tp.early.setChecked(True)
    tp.patience.setValue(3)
    tp.epochs.setValue(300)
    s = copy.deepcopy(window.doc.settings)
    assert s.loss == "mse" and s.init == "he" and s.seed == 7
    assert s.schedule == "step" and s.schedule_params == {"step_size": 10}
    assert s.batch_size == 1 and s.l1 == 0.001 and s.early_stopping == 3 and s.val_split == 0.25
    assert s.epochs == 300

    from bpgui.core.session import Session
    fresh = Session(window.dataset, copy.deepcopy(window.doc.settings)).model.network
    assert _same_parameters(window.model.network, *_weights(fresh))   # seed 7 + he made these weights

    finished = []
    window.controller.sigFinished.connect(finished.append)
    with qtbot.waitSignal(window.controller.sigFinished, timeout=30_000):
        window.act_train.trigger()
    qtbot.waitUntil(lambda: window.controller.state == "idle", timeout=10_000)
    session = window.session
    tr = session.trainer
    assert session.settings.early_stopping == 3 and session.settings.val_split == 0.25
    assert tr.batch_size == 1 and tr.l1 == 0.001
    assert tr.schedule.name == "step" and tr.schedule.params["step_size"] == 10
    assert session.model.network.loss_name == "mse"
    # Early stopping ended the run well before 300 epochs, and every epoch took
    # one step per training sample (batch size 1 reached the child process).
    assert finished == ["early_stopping"]
    n = tr.epochs_done
    assert 0 < n < 300 and len(window.model.history) == n
    assert session.train.n_samples == 45 and tr.steps_done == n * 45
    assert not np.isnan(window.model.history.val_loss).any()


# ---------------------------------------------------------------- 6. log y
def test_log_y_toggle_switches_the_loss_axis(window, train_to_end):
    window.training_panel.epochs.setValue(200)
    train_to_end(window)
    lp = window.loss_plot
    axis = lp.plot.getAxis("left")
    assert lp.log_y.isChecked() and lp.plot.ctrl.logYCheck.isChecked() and axis.logMode
    assert lp.train.opts["logMode"][1]
    losses = window.model.history.train_loss
    lo, hi = lp.plot.vb.viewRange()[1]
    # log10 units: the losses (all below 1 here) give a range at or below 0.
    assert hi <= np.log10(losses.max()) + 0.6 and lo <= np.log10(losses.min())
    assert lo < -0.5

    lp.log_y.setChecked(False)
    assert not lp.plot.ctrl.logYCheck.isChecked() and not axis.logMode
    assert not lp.train.opts["logMode"][1]
    lo, hi = lp.plot.vb.viewRange()[1]
    assert -0.1 < lo <= losses.min() and hi >= losses.max()

    lp.log_y.setChecked(True)
    assert lp.plot.ctrl.logYCheck.isChecked() and axis.logMode and lp.train.opts["logMode"][1]


# ------------------------------------------------------------- 7. Space shortcut
def test_space_trains_and_pauses(qtbot, window):
    assert window.act_train.shortcut() == QKeySequence(Qt.Key_Space)
    window.training_panel.unlimited.setChecked(True)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    qtbot.keyClick(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: window.controller.state == "running", timeout=10_000)
    qtbot.waitUntil(lambda: len(window.model.history) > 0, timeout=10_000)
    qtbot.keyClick(window, Qt.Key_Space)
    assert window.controller.state == "paused"
    assert window.act_train.text() == "▶ Resume"
    with qtbot.waitSignal(window.controller.sigFinished, timeout=10_000):
        window.act_stop.trigger()
    assert window.controller.state == "idle"


# ------------------------------------------------------------- 8. reset weights
def test_reset_weights_asks_nothing_gives_fresh_weights_and_undo_restores_the_trained_ones(
        window, train_to_end, messages):
    initial = _weights(window.model.network)
    window.training_panel.epochs.setValue(50)
    train_to_end(window)
    trained = _weights(window.model.network)
    assert not _same_parameters(window.model.network, *initial)
    model = window.model

    window.act_reset.trigger()
    assert messages.shown == [] and window.acts.undo.text() == "Undo weight reset"
    net = window.model.network
    assert window.model is not model and not _same_parameters(net, *trained)
    assert _same_parameters(net, *initial)          # fresh weights from the panel's seed
    assert len(window.model.history) == 0 and window.history.epochs == 0
    assert window.status_line.epoch.text() == "epoch 0" and window.status_line.loss.text() == "loss –"
    assert window.session.model is window.model and window.session.trainer.epochs_done == 0
    for shown, real in zip(window.editor.canvas.weights, net.weights):
        np.testing.assert_array_equal(shown, real)
    window.acts.undo.trigger()
    assert window.model is model and len(model.history) == 50 and _same_parameters(window.model.network, *trained)
    for shown, real in zip(window.editor.canvas.weights, window.model.network.weights):
        np.testing.assert_array_equal(shown, real)


# ------------------------------------------------------------------ 9. status bar
def test_status_bar_shows_rate_while_running_and_final_loss(qtbot, window, train_to_end):
    window.training_panel.unlimited.setChecked(True)
    window.act_train.trigger()

    def rate():
        m = re.fullmatch(r"([\d,]+) epochs/s", window.status_line.rate.text())
        return int(m.group(1).replace(",", "")) if m else 0

    qtbot.waitUntil(lambda: rate() > 0, timeout=10_000)
    assert window.controller.state == "running"
    with qtbot.waitSignal(window.controller.sigFinished, timeout=10_000):
        window.act_stop.trigger()
    assert window.status_line.rate.text() == ""            # no rate once stopped

    window.training_panel.unlimited.setChecked(False)
    window.training_panel.epochs.setValue(300)
    n0 = window.history.epochs
    train_to_end(window)
    h = window.model.history
    assert h.epochs == n0 + 300
    assert window.status_line.epoch.text() == f"epoch {h.epochs:,}"
    assert window.status_line.loss.text() == f"loss {h.train_loss[-1]:.4g}"
    assert window.status_line.metric.text() == f"accuracy {h.last('train_accuracy'):.1%}"


# ---------------------------------------------------------------- 10. progress bar
def test_progress_bar_follows_a_target_and_hides_when_unlimited(qtbot, window, train_to_end):
    bar = window.status_line.progress
    assert not bar.isVisible()
    values = []
    bar.valueChanged.connect(values.append)
    window.training_panel.epochs.setValue(300)
    with qtbot.waitSignal(window.controller.sigFinished, timeout=30_000):
        window.act_train.trigger()
        assert bar.isVisible() and bar.minimum() == 0 and bar.maximum() == 300 and bar.value() == 0
    assert values and values[-1] == 300 == max(values)
    assert values == sorted(values)
    assert not bar.isVisible()            # hidden again once the run is over

    window.training_panel.unlimited.setChecked(True)
    values.clear()
    window.act_train.trigger()
    qtbot.waitUntil(lambda: window.history.epochs > 320, timeout=10_000)
    assert window.controller.state == "running" and not bar.isVisible()
    with qtbot.waitSignal(window.controller.sigFinished, timeout=10_000):
        window.act_stop.trigger()
    assert not bar.isVisible() and values == []


# --------------------------------------------------- 11. quitting with unsaved work
def test_quitting_with_an_unsaved_network_asks(qtbot, make_window, monkeypatch, tmp_path, train_to_end,
                                               messages):
    w = make_window()
    w.training_panel.epochs.setValue(20)
    train_to_end(w)
    model = w.model
    messages.answers.append(QMessageBox.Cancel)
    assert not w.close()
    assert messages.shown[-1][:2] == ("question", "Unsaved network")
    assert w.isVisible() and w.model is model and w.doc.has_unsaved_work
    messages.answers.append(QMessageBox.Discard)
    assert w.close()
    assert not w.isVisible() and len(messages.shown) == 2

    # Answering Save saves first, then closes.
    w2 = make_window()
    w2.training_panel.epochs.setValue(20)
    train_to_end(w2)
    path = tmp_path / "kept.bpnet"
    _patch_save(monkeypatch, path)
    messages.answers.append(QMessageBox.Save)
    assert w2.close()
    assert not w2.isVisible() and path.exists() and w2.doc.path == str(path)
    from bpgui.core import load_model
    np.testing.assert_array_equal(load_model(path).network.weights[0], w2.model.network.weights[0])

    # Nothing trained: no question.
    w3 = make_window()
    assert w3.close() and len(messages.shown) == 3


# --------------------------------------------------- 12. closing mid-training
def test_closing_mid_training_ends_the_child_and_leaves_no_thread(qtbot, make_window, messages):
    threads_before = set(threading.enumerate())
    w = make_window()
    w.training_panel.unlimited.setChecked(True)
    snaps = []
    w.controller.sigSnapshot.connect(snaps.append)
    w.act_train.trigger()
    qtbot.waitUntil(lambda: len(snaps) >= 3, timeout=10_000)
    proc = w.controller.runner.process
    assert proc is not None and proc.is_alive() and w.controller.state == "running"

    assert w.close()                      # the default answer to "Unsaved network" is Discard
    assert [k for k, *_ in messages.shown] == ["question"]
    assert not w.isVisible()
    assert w.controller.runner.process is None and w.controller.state == "idle"
    proc.join(5)
    assert not proc.is_alive() and proc.exitcode is not None
    leftover = [t for t in threading.enumerate() if t not in threads_before and t.is_alive()]
    assert leftover == []
    # The history up to the stop is kept in the model.
    assert len(w.model.history) >= snaps[-1].epoch > 0


def test_shutdown_with_an_unresponsive_child_leaves_the_controller_idle(qtbot, window):
    """A child that does not answer the stop in time (one very long step, or a
    hung process) is ended, even if it ignores SIGTERM, and the controller is
    idle again: stop() is harmless and a new start gets a new child."""
    c = window.controller
    window.training_panel.unlimited.setChecked(True)
    window.act_train.trigger()
    qtbot.waitUntil(lambda: len(window.history) > 0, timeout=10_000)
    proc = c.runner.process
    os.kill(proc.pid, signal.SIGSTOP)          # the child can no longer answer (as in a very long step)
    try:
        c.shutdown(timeout=0.3)
        state, alive = c.state, proc.is_alive()
        c.stop()                               # harmless once shut down
    finally:
        if proc.is_alive():
            os.kill(proc.pid, signal.SIGKILL)  # the child this test started
        proc.join(5)
    assert state == "idle" and not alive
    window.act_train.trigger()                 # a new run starts a new child
    qtbot.waitUntil(lambda: c.state == "running", timeout=10_000)
    new = c.runner.process
    assert new is not None and new.pid != proc.pid and new.is_alive()
    c.stop()
    assert c.wait_idle(10)


# ------------------------------------------------------------------ 13. ONNX
def test_export_onnx_from_the_window(window, monkeypatch, tmp_path, train_to_end, messages):
    import onnx
    import onnxruntime as ort

    window.training_panel.epochs.setValue(100)
    train_to_end(window)
    path = tmp_path / "xor.onnx"
    _patch_save(monkeypatch, path)
    window.acts.onnx.trigger()
    assert messages.shown == []
    assert path.exists() and path.stat().st_size > 0
    onnx.checker.check_model(onnx.load(str(path)))
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    dtype = window.model.network.dtype
    (out,) = sess.run(["outputs"], {"features": XOR_X.astype(dtype)})
    expected = window.model.predict(XOR_X)
    assert out.shape == (4, 1)
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-5)


# ------------------------------------------------------------- 14. recent files
def _recent_actions(w):
    w.recent_menu.aboutToShow.emit()
    return [a for a in w.recent_menu.actions() if a.data()]


def test_recent_files_menu_reopens_files(qtbot, make_window, monkeypatch, tmp_path, train_to_end,
                                         messages):
    w = make_window()
    w.recent_menu.aboutToShow.emit()
    (none,) = w.recent_menu.actions()
    assert none.text() == "(none)" and not none.isEnabled()

    w.training_panel.epochs.setValue(30)
    train_to_end(w)
    path = tmp_path / "recent.bpnet"
    _patch_save(monkeypatch, path)
    w.acts.save_as.trigger()
    assert path.exists()
    saved = _weights(w.model.network)
    assert w.data_panel.load_csv_file(str(SAMPLES / "moons.csv"))
    actions = _recent_actions(w)
    assert [a.data() for a in actions] == [str(SAMPLES / "moons.csv"), str(path)]
    assert [a.text() for a in actions] == ["moons.csv", "recent.bpnet"]

    # A new window (the list is shared) opens the model from the menu.
    w2 = make_window()
    actions = _recent_actions(w2)
    model_action = next(a for a in actions if a.data() == str(path))
    model_action.trigger()
    assert messages.shown == []
    assert w2.doc.path == str(path) and len(w2.model.history) == 30
    assert _same_parameters(w2.model.network, *saved)
    assert w2.dataset.name == "xor gate"
    # ...and the CSV.
    csv_action = next(a for a in _recent_actions(w2) if a.data() == str(SAMPLES / "moons.csv"))
    csv_action.trigger()
    assert w2.dataset.name == "moons.csv" and w2.model.network.sizes[0] == 2
    # Each file opened goes to the top of the list.
    assert [a.data() for a in _recent_actions(w2)] == [str(SAMPLES / "moons.csv"), str(path)]


# ------------------------------------------------------------------ the views' content
def test_edges_are_coloured_by_sign_and_widened_by_magnitude(window, train_to_end):
    from bpgui.ui.views.network_canvas import EDGE_LEVELS, NEGATIVE, POSITIVE

    window.training_panel.epochs.setValue(300)
    train_to_end(window)
    canvas = window.editor.canvas
    W = [np.asarray(w) for w in window.model.network.weights]
    assert np.array_equal(canvas.weights[0], W[0])          # the view shows the final weights
    canvas._edge_prev = None                                 # no hysteresis: the plain binning
    keys = canvas._edge_keys()
    w = np.array([W[int(l)][int(i), int(j)] for l, i, j in canvas._edges[:, 4:7]])   # each drawn edge's weight
    assert np.array_equal(keys >= EDGE_LEVELS, w >= 0)      # pen colour by sign
    level = keys % EDGE_LEVELS
    order = np.argsort(np.abs(w))
    assert np.all(np.diff(level[order]) >= 0)               # stronger |w| never a thinner pen
    assert level[order[-1]] == EDGE_LEVELS - 1 and level[order[0]] < level[order[-1]]

    # The strongest edge is drawn on top in its sign's colour.
    l, i, j = max(((l, i, j) for l in range(len(W)) for i in range(W[l].shape[0]) for j in range(W[l].shape[1])),
                  key=lambda e: abs(W[e[0]][e[1], e[2]]))
    image = canvas.grab().toImage()
    pos = canvas.edge_position(l, i, j, 0.5).toPoint()
    dpr = image.devicePixelRatio()
    pixel = image.pixelColor(int(pos.x() * dpr), int(pos.y() * dpr))
    expected = POSITIVE if W[l][i, j] >= 0 else NEGATIVE
    other = NEGATIVE if W[l][i, j] >= 0 else POSITIVE
    dist = lambda a, b: abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())  # noqa: E731
    assert dist(pixel, expected) < dist(pixel, other)


def test_heatmap_uses_a_diverging_map_with_a_symmetric_colour_bar(window, train_to_end):
    window.training_panel.epochs.setValue(300)
    train_to_end(window)
    hm = window.heatmap
    lo, hi = hm.colorbar.levels()
    assert lo == -hi and hi >= float(np.max(np.abs(window.model.network.weights[0])))
    assert tuple(hm.image.levels) == (lo, hi)
    neg, mid, pos = (hm.cmap.map(x, mode="qcolor") for x in (0.0, 0.5, 1.0))
    assert min(mid.red(), mid.green(), mid.blue()) > 230                 # white at zero
    assert neg.red() > neg.blue() and pos.blue() > pos.red()             # orange below, blue above
    bar_map = hm.colorbar.colorMap()                                     # the bar shows the same map
    assert [bar_map.map(x, mode="qcolor") for x in (0.0, 0.5, 1.0)] == [neg, mid, pos]


def test_gradient_bars_show_the_last_snapshots_norms(qtbot, window, train_to_end):
    got = []
    window.controller.sigSnapshot.connect(got.append)
    window.training_panel.epochs.setValue(200)
    train_to_end(window)
    norms = got[-1].grad_norms
    assert len(norms) == 2 and all(n > 0 for n in norms)
    assert window.gradients.values == tuple(float(n) for n in norms)
    assert list(window.gradients.bars.opts["height"]) == [float(n) for n in norms]


def test_snapshots_are_throttled_but_live(qtbot, window):
    """Tens of thousands of epochs a second reach the window as at most one
    snapshot every ~30-50 ms, and at least several a second."""
    import time

    stamps = []
    window.controller.sigSnapshot.connect(lambda s: stamps.append(time.monotonic()))
    window.training_panel.unlimited.setChecked(True)
    window.act_train.trigger()
    qtbot.waitUntil(lambda: len(stamps) >= 2, timeout=10_000)
    first = len(stamps)
    qtbot.wait(2000)
    n = len(stamps) - first
    window.controller.stop()
    assert window.controller.wait_idle(10)
    assert 6 <= n <= 2.0 / 0.03 + 2, n
    assert window.history.epochs > 20 * n       # many epochs a snapshot: nothing floods the GUI


@pytest.mark.slow
def test_windows_started_paused_stepped_stopped_and_closed_50_times_leave_nothing(qtbot, make_window, messages):
    """The issue's stress test through whole windows: each round opens a window,
    trains, pauses, steps, stops and closes it (discarding the trained network
    when asked).  No crash, and no training process or Python thread is left."""
    import multiprocessing

    threads_before = set(threading.enumerate())
    for i in range(50):
        w = make_window()
        w.training_panel.unlimited.setChecked(True)
        w.act_train.trigger()
        qtbot.waitUntil(lambda: len(w.history) > 0, timeout=10_000)   # trained work to ask about
        if i % 2:
            w.act_train.trigger()                      # pause
            qtbot.waitUntil(lambda: w.controller.state == "paused", timeout=10_000)
            w.act_step.trigger()
        w.act_stop.trigger()
        assert w.controller.wait_idle(10), f"round {i} did not stop"
        proc = w.controller.runner.process
        messages.answers.append(QMessageBox.Discard)
        assert w.close(), f"round {i}: the window did not close"
        assert messages.answers == [], f"round {i}: closing did not ask about the trained network"
        assert proc is not None and not proc.is_alive(), f"round {i}: its training process lives on"
    assert multiprocessing.active_children() == []
    assert [t for t in threading.enumerate() if t not in threads_before and t.is_alive()] == []


def test_the_panels_validation_and_test_splits_reach_the_session(window, train_to_end):
    dp = window.data_panel
    dp.source.setCurrentIndex(1)
    dp.toy.setCurrentText("circle")
    dp.samples.setValue(200)
    dp.regenerate.click()
    dp.val_split.setValue(0.2)
    dp.test_split.setValue(0.25)
    s = window.session
    assert (s.settings.val_split, s.settings.test_split) == (0.2, 0.25)
    n_train, n_val, n_test = len(s.train_xy[0]), len(s.val_xy[0]), len(s.test_xy[0])
    assert n_train + n_val + n_test == 200
    assert n_test == 50 and n_val == 40
    window.training_panel.epochs.setValue(20)
    train_to_end(window)
    assert len(window.model.history) == 20
    assert np.all(np.isfinite(window.model.history.val_loss))   # validation figures every epoch
