"""The window's runs with a real training child: recorded as a run ends, the Runs panel's
edits, branching, and Compare optimizers (each from the same initial weights).

``BPGUI_SCREENSHOTS=1`` saves the comparison's screenshot to docs/screenshots/runs.png."""
from __future__ import annotations

import csv
import math
import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QInputDialog

ROOT = Path(__file__).resolve().parents[2]


def settle(qtbot, w, timeout=60_000) -> None:
    """Until no comparison is going on and the child is idle."""
    qtbot.waitUntil(lambda: w.runs.comparison is None and w.controller.state == "idle", timeout=timeout)


def test_a_window_run_is_recorded_when_it_ends_and_shown(window, train_to_end):
    window.training_panel.epochs.setValue(30)
    train_to_end(window)
    (run,) = window.doc.runs
    assert run.epochs == 30 == window.history.epochs
    assert np.array_equal(run.train_loss, window.history.train_loss)
    assert run.settings["epochs"] == 30 and run.segments[0].final_lr == window.doc.settings.lr
    panel = window.runs.panel
    assert panel.list.count() == 1 and panel.list.item(0).text() == "run 1"
    assert len(panel.plot.curves[run.key]) >= 2   # loss and accuracy
    train_to_end(window)   # the same network: the same run goes on
    assert [r.epochs for r in window.doc.runs] == [60]


def test_panel_rename_hide_delete_and_export(window, train_to_end, messages, tmp_path):
    window.training_panel.epochs.setValue(10)
    train_to_end(window)
    window.reset_weights()
    train_to_end(window)
    panel, doc = window.runs.panel, window.doc
    k1, k2 = (r.key for r in doc.runs)
    panel.item(k1).setText("first")                 # what an edit by double-click or F2 ends with
    assert doc.run(k1).name == "first" and doc.undo_text == "rename run run 1"
    panel.item(k2).setText("first")                 # refused: the name is taken; the list shows it back
    assert "already" in messages.texts() and panel.item(k2).text() == "run 2"
    panel.item(k2).setCheckState(Qt.Unchecked)
    assert doc.run(k2).hidden and k2 not in panel.plot.curves and k1 in panel.plot.curves
    assert window.runs.write_csv(str(tmp_path / "runs.csv"))
    rows = list(csv.DictReader(open(tmp_path / "runs.csv", encoding="utf-8")))
    assert {r["run"] for r in rows} == {"first"} and len(rows) == 10
    got = [float(r["train_loss"]) for r in rows]
    assert got == doc.run(k1).train_loss.tolist()
    assert [float(r["train_accuracy"]) if r["train_accuracy"] else math.nan for r in rows] == \
        doc.run(k1).metrics["train_accuracy"].tolist()
    panel.item(k1).setSelected(True)
    panel.delete_selected()
    assert [r.key for r in doc.runs] == [k2] and panel.list.count() == 1
    window.undo()
    assert [r.name for r in doc.runs] == ["first", "run 2"]


def test_branch_from_epoch_keeps_the_run_and_retraces_it_in_the_child(window, train_to_end, monkeypatch):
    doc = window.doc
    doc.run_started()
    for _ in doc.session.run(20):   # the engine records the timeline the branch goes back in
        pass
    doc.run_finished()
    end = doc.model.network.parameters.copy()
    expected = doc.model.timeline.weights_at(9)
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *a, **k: (9, True)))
    window.runs.branch_action.trigger()
    assert doc.history.epochs == 9 and doc.branch_point.epoch == 9 and [r.epochs for r in doc.runs] == [20]
    assert all(np.array_equal(a, b) for a, b in zip(doc.model.network.weights, expected[0]))
    window.training_panel.epochs.setValue(11)
    train_to_end(window)
    assert np.array_equal(doc.model.network.parameters, end)   # unchanged settings: the same weights
    one, branch = doc.runs
    assert branch.branch.run == "run 1" and branch.epochs == 20 and "from run 1 @ 9" in branch.describe()


def test_compare_optimizers_trains_each_from_the_same_weights(window, qtbot, monkeypatch):
    starts, labels = [], []
    real_start = window.controller.start

    def start(session, epochs):
        starts.append((session.settings.optimizer, session.model.network.parameters.copy()))
        labels.append(window.runs.comparison.label)
        real_start(session, epochs)
    monkeypatch.setattr(window.controller, "start", start)
    initial = window.model.network.parameters.copy()
    window.runs.compare([("sgd", 0.2), ("adam", 0.02), ("rmsprop", 0.01)], 25)
    settle(qtbot, window)
    assert [o for o, _ in starts] == ["sgd", "adam", "rmsprop"]
    assert labels == ["sgd: 1 of 3", "adam: 2 of 3", "rmsprop: 3 of 3"]
    assert all(np.array_equal(p, initial) for _, p in starts)
    runs = window.doc.runs
    assert [(r.name, r.epochs) for r in runs] == [("sgd 0.2", 25), ("adam 0.02", 25), ("rmsprop 0.01", 25)]
    assert len({r.train_loss[-1] for r in runs}) == 3
    assert window.history.epochs == 0 and np.array_equal(window.model.network.parameters, initial)


def test_cancel_stops_the_sequence(window, qtbot):
    comparison = window.runs.compare([("sgd", 0.1), ("adam", 0.01), ("rmsprop", 0.01)], 10_000_000)
    qtbot.waitUntil(lambda: window.controller.state == "running", timeout=20_000)
    comparison.progress.canceled.emit()   # what its Cancel button (or Esc) sends
    settle(qtbot, window)
    assert [r.name for r in window.doc.runs] in ([], ["sgd 0.1"])


@pytest.fixture
def out(tmp_path) -> Path:
    return ROOT / "docs" / "screenshots" if os.environ.get("BPGUI_SCREENSHOTS") else tmp_path


def test_screenshot_runs(window, qtbot, out):
    assert window.data_panel.load_csv_file(str(ROOT / "samples" / "moons.csv"))
    window.runs.compare([("sgd", 0.1), ("momentum", 0.05), ("adam", 0.01), ("rmsprop", 0.005)], 300)
    settle(qtbot, window)
    assert len(window.doc.runs) == 4
    window.resize(1024, 700)
    window.runs.dock.raise_()
    for _ in range(5):
        QCoreApplication.processEvents()
    out.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(out / "runs.png"))
    assert (out / "runs.png").stat().st_size > 20_000


def test_branch_here_on_the_timeline_goes_on_from_the_epoch_shown(window, train_to_end):
    """A run trained in the window, scrubbed back to epoch 8: Branch here, another learning
    rate, Train: the first run is kept whole, the branch starts from epoch 8's weights."""
    window.training_panel.epochs.setValue(20)
    train_to_end(window)
    doc, bar = window.doc, window.timeline.bar
    assert not bar.branch_button.isEnabled()          # nothing to branch from at the newest epoch
    window.timeline.show_epoch(8)
    assert bar.branch_button.isEnabled()
    at_8 = doc.model.timeline.weights_at(8)
    bar.branch_button.click()
    assert doc.history.epochs == 8 and doc.branch_point.epoch == 8
    assert all(np.array_equal(a, b) for a, b in zip(doc.model.network.weights, at_8[0]))
    window.training_panel.lr.setValue(doc.settings.lr / 2)
    window.training_panel.epochs.setValue(12)
    train_to_end(window)
    first, branch = doc.runs
    assert first.epochs == 20 and branch.epochs == 20 and branch.branch.epoch == 8
    assert branch.train_loss[7] == first.train_loss[7] and branch.train_loss[-1] != first.train_loss[-1]


def test_the_runs_panel_is_built_when_its_dock_is_first_shown(window):
    assert window.runs._panel is None                 # two plots a window need not build
    window.runs.dock.raise_()
    QApplication.processEvents()
    assert window.runs._panel is not None and window.runs.dock.widget() is window.runs._panel
