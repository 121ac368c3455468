"""Files through the window (CSV in, model out and back) and every error
path: a message that names the problem, and the previous state kept."""
from __future__ import annotations

import copy

import shutil
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _patch_open(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _patch_save(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_csv_train_save_reopen(qtbot, make_window, monkeypatch, tmp_path, train_to_end, messages):
    w = make_window()
    _patch_open(monkeypatch, SAMPLES / "moons.csv")
    qtbot.mouseClick(w.data_panel.open_button, Qt.LeftButton)
    ds = w.dataset
    assert ds.name == "moons.csv" and ds.task == "binary" and ds.n_features == 2
    assert "classes: " + ", ".join(ds.class_names) in w.data_panel.summary.text()
    assert w.data_panel.preview.rowCount() > 0 and w.data_panel.target.currentText() == "label"
    # Settings through the widgets.
    w.data_panel.normalize.setCurrentText("zscore")
    w.data_panel.val_split.setValue(0.2)
    tp = w.training_panel
    tp.optimizer.setCurrentText("rmsprop")
    tp.hyper.widgets["alpha"].setValue(0.95)
    tp.lr.setValue(0.01)
    tp.batch_mode.setCurrentIndex(1)
    tp.batch_size.setValue(16)
    tp.epochs.setValue(40)
    tp.l2.setValue(0.0001)
    qtbot.mouseClick(w.editor.controls[0].plus, Qt.LeftButton)
    assert w.model.network.sizes == [2, 5, 1]
    train_to_end(w)
    assert len(w.model.history) == 40
    assert not np.isnan(w.model.history.val_loss).any()      # the validation curve is there
    assert w.loss_plot.val.xData is not None and len(w.loss_plot.val.xData) == 40

    path = tmp_path / "moons.bpnet"
    _patch_save(monkeypatch, path)
    w.acts.save.trigger()
    assert path.exists() and not w.doc.has_unsaved_work and w.doc.path == str(path)
    before = w.model.predict(ds.X)

    w2 = make_window()
    _patch_open(monkeypatch, path)
    w2.acts.open_model.trigger()
    assert messages.shown == []
    np.testing.assert_array_equal(w2.model.predict(ds.X), before)
    s = copy.deepcopy(w2.doc.settings)
    assert s.optimizer == "rmsprop" and s.hyperparameters == {"alpha": 0.95}
    assert abs(s.lr - 0.01) < 1e-12 and s.batch_size == 16 and s.epochs == 40 and s.l2 == 0.0001
    assert s.normalize == "zscore" and s.val_split == 0.2 and s.hidden == [(5, "tanh")]
    assert w2.data_panel.csv_path == str(SAMPLES / "moons.csv") and w2.dataset.name == "moons.csv"
    assert len(w2.history) == 40 and len(w2.loss_plot.train.xData) == 40
    assert w2.session is not None and w2.session.model is w2.model
    # The reopened session trains on from where it was.
    tp2 = w2.training_panel
    tp2.epochs.setValue(5)
    train_to_end(w2)
    assert len(w2.model.history) == 45
    # The recent-files list remembers both files.
    assert str(path) in w2.files.recent_files()


def test_bad_csv_keeps_previous_data(qtbot, window, monkeypatch, tmp_path, messages):
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,label\n1,2,a\n3,4\n5,6,b\n")
    model, dataset = window.model, window.dataset
    _patch_open(monkeypatch, bad)
    qtbot.mouseClick(window.data_panel.open_button, Qt.LeftButton)
    assert len(messages.shown) == 1
    kind, title, text = messages.shown[0]
    assert kind == "warning" and "bad.csv" in text and "line 3" in text
    assert window.dataset is dataset and window.model is model
    assert window.model.network.sizes == [2, 4, 1]


def test_bad_model_file_keeps_session_and_asks_nothing_first(window, tmp_path, monkeypatch, messages,
                                                             train_to_end):
    bad = tmp_path / "broken.bpnet"
    bad.write_bytes(b"this is not a zip archive")
    window.training_panel.epochs.setValue(3)
    train_to_end(window)
    model = window.model
    assert window.doc.has_unsaved_work
    _patch_open(monkeypatch, bad)
    window.acts.open_model.trigger()
    # The file is read first: no "save your work?" for a file that cannot replace it.
    assert [kind for kind, *_ in messages.shown] == ["warning"] and "broken.bpnet" in messages.shown[0][2]
    assert window.model is model and window.doc.path is None
    missing = tmp_path / "nowhere.bpnet"
    window.open_path(str(missing))
    assert len(messages.shown) == 2 and "nowhere.bpnet" in messages.shown[1][2]
    assert window.model is model


def test_divergence_message_and_state_kept(qtbot, window, messages):
    dp = window.data_panel
    dp.source.setCurrentIndex(1)
    dp.toy.setCurrentText("sine")
    assert window.dataset.task == "regression" and window.boundary.mode == "line"
    tp = window.training_panel
    tp.optimizer.setCurrentText("sgd")
    tp.lr.setValue(10.0)
    tp.epochs.setValue(500)
    with qtbot.waitSignal(window.controller.sigError, timeout=20_000):
        window.act_train.trigger()
    qtbot.waitUntil(lambda: window.controller.state == "idle", timeout=10_000)
    assert any("diverged" in text for _, _, text in messages.shown)
    net = window.model.network
    assert np.isfinite(net.parameters).all()
    assert len(window.history) == len(window.model.history)
    assert window.act_train.text() == "▶ Train"


def test_missing_csv_of_restored_model(qtbot, make_window, monkeypatch, tmp_path, messages, train_to_end):
    data = tmp_path / "moons_copy.csv"
    shutil.copy(SAMPLES / "moons.csv", data)
    w = make_window()
    assert w.data_panel.load_csv_file(str(data))
    w.training_panel.epochs.setValue(5)
    train_to_end(w)
    model_path = tmp_path / "m.bpnet"
    assert w.files.save_to(str(model_path))
    data.unlink()

    w2 = make_window()
    assert w2.files.open_model(str(model_path))
    assert len(messages.shown) == 1 and "moons_copy.csv" in messages.shown[0][2]
    assert "no longer exists" in messages.shown[0][2]
    # The model still opened, with its history; the panel says its data is missing (not XOR's).
    assert w2.doc.path == str(model_path) and len(w2.model.history) == 5 and len(w2.history) == 5
    assert w2.dataset is None and "missing" in w2.data_panel.summary.text()
    assert "moons_copy.csv (missing)" in w2.windowTitle()
    np.testing.assert_array_equal(w2.model.network.weights[0], w.model.network.weights[0])
    # Training needs data now: a message, nothing started.
    w2.act_train.trigger()
    assert len(messages.shown) == 2 and w2.controller.state == "idle"
    # Data with the same columns: the trained network goes on, its history and file kept.
    shutil.copy(SAMPLES / "moons.csv", tmp_path / "moons_again.csv")
    assert w2.data_panel.load_csv_file(str(tmp_path / "moons_again.csv"))
    assert w2.doc.path == str(model_path) and w2.history.epochs == 5 and w2.dataset.name == "moons_again.csv"
    np.testing.assert_array_equal(w2.model.network.weights[0], w.model.network.weights[0])
    train_to_end(w2)
    assert w2.history.epochs == 10 and w2.doc.has_unsaved_work


def test_switching_data_asks_nothing_and_undo_brings_the_trained_network_back(qtbot, window, messages,
                                                                             train_to_end):
    window.training_panel.epochs.setValue(5)
    train_to_end(window)
    assert window.doc.has_unsaved_work
    model, trained = window.model, window.model.network.parameters.copy()
    window.data_panel.gate.setCurrentText("and")      # the same columns: the network trains on
    assert window.model is model and window.dataset.name == "and gate" and window.history.epochs == 5
    window.data_panel.source.setCurrentIndex(1)       # a toy set: other columns, a new network
    assert window.model is not model and window.history.epochs == 0 and window.dataset.source["kind"] == "toy"
    assert messages.shown == [], "no question: Undo brings the network back"
    window.acts.undo.trigger()
    assert window.model is model and window.dataset.name == "and gate"
    np.testing.assert_array_equal(window.model.network.parameters, trained)
    assert window.data_panel.gate.currentText() == "and" and window.data_panel.pages.currentIndex() == 0
    window.acts.undo.trigger()
    assert window.dataset.name == "xor gate" and window.data_panel.gate.currentText() == "xor"
    assert "Undo" in window.acts.undo.text() or not window.acts.undo.isEnabled()
    window.acts.redo.trigger()
    assert window.dataset.name == "and gate"


def test_exports(window, tmp_path, monkeypatch, train_to_end):
    window.training_panel.epochs.setValue(20)
    train_to_end(window)
    for key in ("loss", "metric", "weights", "gradients", "boundary"):
        assert window.files.export_plot(key, str(tmp_path / f"{key}.png"))
        assert (tmp_path / f"{key}.png").stat().st_size > 1000
    assert window.files.export_plot("loss", str(tmp_path / "loss.svg"))
    assert "<svg" in (tmp_path / "loss.svg").read_text()
    _patch_save(monkeypatch, tmp_path / "history.csv")
    window.acts.history.trigger()
    lines = (tmp_path / "history.csv").read_text().splitlines()
    assert lines[0].startswith("epoch,train_loss,val_loss") and len(lines) == 21


def test_model_with_unreadable_settings_or_absurd_source_opens_with_a_message(window, tmp_path, messages):
    from bpgui.core import load_model, save_model

    path = tmp_path / "odd.bpnet"
    model = window.model
    model.training = {"lr": "fast", "hidden": "4:tanh"}
    model.data_source = {"kind": "toy", "name": "spiral", "n_samples": 2 * 10**10}
    save_model(model, path)
    assert window.open_path(str(path))
    texts = " | ".join(m[2] for m in messages.shown)
    assert "training settings could not be read" in texts and "'lr'" in texts
    assert "n_samples must be at most" in texts
    assert window.model is not model and window.model.network.sizes == load_model(path).network.sizes


def test_export_history_csv_and_a_thinned_history_through_save_and_open(
        qtbot, make_window, monkeypatch, tmp_path, train_to_end, messages):
    import csv as csv_module

    from bpgui.core.history import History

    w = make_window()
    w.training_panel.epochs.setValue(30)
    train_to_end(w)
    out = tmp_path / "history.csv"
    _patch_save(monkeypatch, out)
    w.acts.history.trigger()
    rows = list(csv_module.reader(out.open()))
    assert rows[0] == ["epoch", "train_loss", "val_loss", "train_accuracy"]
    assert [int(r[0]) for r in rows[1:]] == list(range(1, 31))
    assert [float(r[1]) for r in rows[1:]] == list(w.model.history.train_loss)
    assert all(r[2] == "" for r in rows[1:])          # no validation split: empty, not "nan"

    # A history long enough to have been thinned keeps its epoch numbers in the
    # model file, on the curves and in the export.
    h = History(max_rows=50)
    for e in range(1, 1001):
        h.add(1.0 / e, None, {"train_accuracy": 1.0})
    w.model.history = h
    model_path = tmp_path / "long.bpnet"
    _patch_save(monkeypatch, model_path)
    w.acts.save_as.trigger()
    assert messages.shown == []
    w2 = make_window()
    _patch_open(monkeypatch, model_path)
    w2.acts.open_model.trigger()
    assert messages.shown == []
    assert w2.history.epochs == 1000 and w2.history.is_thinned
    assert w2.status_line.epoch.text() == "epoch 1,000"
    x = w2.loss_plot.train.xData
    assert x[-1] == 1000 and x[0] == w2.history.stride
    _patch_save(monkeypatch, out)
    w2.acts.history.trigger()
    epochs = [int(r[0]) for r in list(csv_module.reader(out.open()))[1:]]
    assert epochs == list(w2.history.epoch) and epochs[-1] == 1000 and len(epochs) <= 50


def test_a_regression_model_of_whole_numbers_reopens_with_its_data(make_window, tmp_path, messages):
    from bpgui.core import load_model, save_model
    data = tmp_path / "ratings.csv"
    data.write_text("x,rating\n" + "".join(f"{k / 10},{k % 3 + 1}\n" for k in range(12)))
    w = make_window()
    assert w.data_panel.load_csv_file(str(data))
    w.data_panel.task.setCurrentIndex(w.data_panel.task.findData("regression"))
    path = tmp_path / "r.bpnet"
    assert w.files.save_to(str(path))
    model = load_model(path)
    del model.data_source["task"]                  # as a model file written before coded classes
    save_model(model, path)
    w2 = make_window()
    assert w2.files.open_model(str(path))
    assert w2.dataset is not None and w2.dataset.task == "regression" and not messages.shown
