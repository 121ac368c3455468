"""Train → Find learning rate… and Check gradients…, driven through the widgets: the dialogs
show the engine's numbers, Use sets the document's rate (and Undo takes it back), the
network is left as it was, and both refuse while training runs."""
from __future__ import annotations

import math
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from bpgui.core.activations import ACTIVATIONS
from bpgui.core.gradcheck import gradient_check_sample
from bpgui.core.lr_range import lr_range_test_for
from bpgui.ui import check_commands, lr_find_dialog
from bpgui.ui.background_job import BackgroundJob
from bpgui.ui.gradient_check_dialog import FAIL_COLOUR, PASS_COLOUR
from bpgui.ui.lr_find_dialog import rounded_rate

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _iris(window):
    assert window.data_panel.load_csv_file(str(SAMPLES / "iris.csv"))
    return window


def _finished(qtbot, dialog, attribute):
    qtbot.waitUntil(lambda: getattr(dialog, attribute) is not None, timeout=20_000)
    return dialog


def test_the_dialog_shows_the_engines_range_test_and_use_sets_the_rate_undoably(qtbot, window):
    w = _iris(window)
    doc = w.doc
    before = doc.model.network.parameters.copy()
    lr_before = doc.settings.lr
    w.checks.lr_action.trigger()
    dialog = _finished(qtbot, w.checks.lr_dialog, "result")
    expected = lr_range_test_for(doc.model.network, *doc.session.train_xy, doc.settings)
    result = dialog.result
    assert result.suggestion == expected.suggestion and np.array_equal(result.losses, expected.losses)
    assert np.array_equal(dialog.curve.yData, expected.losses)
    assert np.array_equal(dialog.raw_curve.yData, expected.raw_losses)
    assert dialog.plot.getAxis("bottom").logMode   # loss against a log rate axis
    assert dialog.suggestion_line.value() == pytest.approx(math.log10(expected.suggestion))
    rate = rounded_rate(expected.suggestion)
    assert dialog.use_button.text() == f"Use {rate:g}" and dialog.use_button.isEnabled()
    assert doc.model.network.parameters.tobytes() == before.tobytes()   # the test ran on a copy

    qtbot.mouseClick(dialog.use_button, Qt.LeftButton)
    assert not dialog.isVisible()
    assert doc.settings.lr == rate != lr_before
    assert w.training_panel.lr.value() == pytest.approx(rate)
    assert doc.session.trainer.lr == rate   # the next run trains with it
    w.acts.undo.trigger()
    assert doc.settings.lr == lr_before
    assert w.training_panel.lr.value() == pytest.approx(lr_before)


def test_a_long_test_shows_its_progress_after_a_second_and_cancel_keeps_the_rates_tried(
        qtbot, window, monkeypatch):
    real = lr_range_test_for
    # 200,000 steps: long enough to be cancelled by hand
    monkeypatch.setattr(lr_find_dialog, "lr_range_test_for",
                        lambda net, X, Y, s, progress: real(net, X, Y, s, progress=progress, steps=200_000))
    w = _iris(window)
    dialog = w.checks.find_learning_rate()
    assert not dialog.progress_row.isVisible()
    qtbot.waitUntil(lambda: dialog.progress_row.isVisible() and dialog.progress.value() > 0, timeout=5_000)
    assert dialog.progress.maximum() == 200_000
    qtbot.mouseClick(dialog.cancel_button, Qt.LeftButton)
    _finished(qtbot, dialog, "result")
    assert dialog.result.stopped == "cancelled" and 0 < len(dialog.result.rates) < 200_000
    assert "Cancelled" in dialog.summary.text() and not dialog.progress_row.isVisible()
    assert dialog.use_button.isEnabled()


def test_a_failure_in_the_job_is_a_message_not_a_crash(qtbot):
    job = BackgroundJob(lambda report: 1 / 0)
    with qtbot.waitSignal(job.sigFailed, timeout=5_000) as got:
        job.start()
    assert got.args == ["division by zero"] and not job.running


def test_a_cancelled_job_stops_at_its_next_report(qtbot):
    started = threading.Event()

    def work(report):
        started.set()
        steps = 0
        while report(steps, 10**9):
            steps += 1
            time.sleep(0.001)
        return steps

    job = BackgroundJob(work)
    with qtbot.waitSignal(job.sigDone, timeout=5_000) as got:
        job.start()
        started.wait(5)
        job.cancel()
    assert got.args[0] < 10**9 and job.cancelled


def test_both_checks_refuse_while_training_runs(qtbot, window, messages):
    w = window
    w.doc.settings.epochs = None
    w.act_train.trigger()
    qtbot.waitUntil(lambda: w.controller.state == "running", timeout=20_000)
    try:
        assert w.checks.find_learning_rate() is None
        assert w.checks.check_gradients() is None
    finally:
        w.stop_and_wait()
    assert [m[1] for m in messages.shown] == ["Find learning rate", "Check gradients"]
    assert all("Stop training first" in m[2] for m in messages.shown)
    assert w.checks.lr_dialog is None and w.checks.gradient_dialog is None


def _table(dialog):
    t = dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_the_gradient_check_shows_one_green_row_per_layer_with_the_engines_numbers(qtbot, window):
    w = _iris(window)
    doc = w.doc
    w.checks.gradient_action.trigger()
    dialog = _finished(qtbot, w.checks.gradient_dialog, "check")
    expected, rows = gradient_check_sample(doc.model.network, *doc.session.train_xy)
    assert rows == 32 and dialog.check == expected
    table = _table(dialog)
    net = doc.model.network
    assert len(table) == net.n_layers == 2
    assert [row[2] for row in table] == [f"{e:.2e}" for e in expected.layer_errors]
    assert table[0][:2] == ["1: 4 → 4 tanh", "20"] and table[1][:2] == ["2: 4 → 3 softmax", "15"]
    assert all(dialog.table.item(r, 3).background().color() == PASS_COLOUR for r in range(2))
    assert "32 of the 150 training rows" in dialog.findChild(type(dialog.summary)).text()
    assert "agrees with the numerical gradient in every layer" in dialog.summary.text()


def test_a_wrong_backprop_shows_red(qtbot, window, monkeypatch):
    """The dialog must be able to say no: tanh' replaced by 1 breaks the hidden layer's gradient."""
    monkeypatch.setattr(type(ACTIVATIONS["tanh"]), "derivative", lambda self, z, a: np.ones_like(z))
    w = _iris(window)
    dialog = _finished(qtbot, w.checks.check_gradients(), "check")
    assert dialog.table.item(0, 3).background().color() == FAIL_COLOUR
    assert dialog.table.item(0, 3).text() == "✗ differs"
    assert "differs from the numerical gradient" in dialog.summary.text()


def test_a_network_too_big_to_check_is_refused_with_its_size(window, messages, monkeypatch):
    monkeypatch.setattr(check_commands, "MAX_CHECKED_PARAMETERS", 10)
    assert window.checks.check_gradients() is None
    assert "This network has 17 parameters" in messages.texts()


def test_the_train_menu_offers_both(window):
    train = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Train")
    texts = [a.text() for a in train.actions()]
    assert "Find learning rate…" in texts and "Check gradients…" in texts


def test_garbage_collection_pauses_while_a_job_runs_and_resumes_after(qtbot):
    """A collection in the worker thread could destroy the GUI's Qt objects there (a crash)."""
    import gc

    release = threading.Event()
    job = BackgroundJob(lambda report: release.wait(5))
    assert gc.isenabled()
    with qtbot.waitSignal(job.sigDone, timeout=5_000):
        job.start()
        assert not gc.isenabled() and job.running
        release.set()
    assert gc.isenabled() and not job.running


def test_a_job_destroyed_mid_run_gives_the_garbage_collection_back():
    import gc

    from shiboken6 import Shiboken

    release = threading.Event()
    job = BackgroundJob(lambda report: release.wait(5))
    job.start()
    assert not gc.isenabled()
    Shiboken.delete(job)   # its window closed
    assert gc.isenabled()
    release.set()
