"""The speed control of the training panel: it reaches the training child during a
run, stays for the next run, and is a window preference (QSettings), not a
setting of the model.  Epochs are counted in windows of time loosely: a slowed
run can only be slower than its pace, a full-speed run far faster."""
import json
import time
import zipfile

import pytest
from PySide6.QtCore import Qt

from bpgui.ui.settings_store import settings_store
from bpgui.ui.panels.speed_control import SPEEDS

pytestmark = pytest.mark.slow   # each test trains in a child process for a second or more

TEN = SPEEDS.index(10.0)
FULL = SPEEDS.index(None)


def epochs_after(qtbot, w, seconds):
    """Epochs the window has heard of, ``seconds`` from now (the event loop runs meanwhile)."""
    qtbot.wait(int(seconds * 1000))
    return w.history.epochs


def test_the_speed_reaches_the_child_during_a_run(window, qtbot):
    w = window
    w.training_panel.unlimited.setChecked(True)
    w.act_train.trigger()
    qtbot.waitUntil(lambda: w.history.epochs > 100, timeout=20_000)   # full speed to start with
    w.training_panel.speed.slider.setValue(TEN)
    assert w.controller.speed == 10.0
    start = epochs_after(qtbot, w, 0.3)   # the change is heard within milliseconds; what was sent has come
    slow = epochs_after(qtbot, w, 1.5) - start
    assert 1 <= slow <= 25, f"{slow} epochs in 1.5 s at 10 epochs/s"
    w.training_panel.speed.slider.setValue(FULL)
    start = epochs_after(qtbot, w, 0.2)
    fast = epochs_after(qtbot, w, 0.5) - start
    assert fast > 100, f"only {fast} epochs in 0.5 s back at full speed"
    assert w.stop_and_wait()


def test_the_speed_stays_for_the_next_run_and_each_epoch_is_shown(window, qtbot, train_to_end):
    w = window
    w.training_panel.speed.slider.setValue(TEN)
    w.training_panel.epochs.setValue(5)
    for run in (1, 2):
        seen = []
        w.controller.sigSnapshot.connect(lambda snap: seen.append(snap.epoch))
        t0 = time.monotonic()
        train_to_end(w)
        took = time.monotonic() - t0
        assert took >= 0.35, f"run {run}: 5 epochs at 10/s took {took:.3f} s"   # four waits of 0.1 s
        assert w.history.epochs == 5 * run
        # One snapshot an epoch; two could share a 30 ms poll only if the window stalled.
        assert len(set(seen)) >= 4 and seen[-1] == 5 * run
        w.controller.sigSnapshot.disconnect()
        w.controller.sigSnapshot.connect(w._on_snapshot)
    assert w.controller.speed == 10.0


def test_the_speed_is_a_window_preference_not_part_of_the_model(make_window, qtbot, tmp_path):
    w = make_window()
    undo_before = w.doc.undo_text
    w.training_panel.speed.slider.setValue(TEN)
    assert w.controller.speed == 10.0
    assert not w.isWindowModified() and not w.doc.has_unsaved_work
    assert w.doc.undo_text == undo_before, "a speed is not an edit to undo"
    path = tmp_path / "net.bpnet"
    assert w.files.save_to(str(path))
    with zipfile.ZipFile(path) as z:
        assert "speed" not in json.dumps(json.loads(z.read("model.json"))["training"])
    w.training_panel.speed.set_speed(3.0)
    assert w.files.open_model(str(path))   # another document: the speed stays
    assert w.training_panel.speed.speed() == 3.0 and w.controller.speed == 3.0
    w.close()
    again = make_window()   # the next start of the program
    assert again.training_panel.speed.speed() == 3.0 and again.controller.speed == 3.0
    assert again.training_panel.speed.label.text() == "3/s"


def test_a_stored_speed_that_makes_no_sense_is_full_speed(make_window):
    settings_store().setValue("trainingSpeed", "fast")
    w = make_window()
    assert w.training_panel.speed.speed() is None and w.controller.speed is None
    w.close()
    settings_store().setValue("trainingSpeed", "12")   # not offered: the nearest that is
    assert make_window().training_panel.speed.speed() == 10.0


def test_the_slider_answers_the_keyboard(window, qtbot):
    slider = window.training_panel.speed.slider
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key_Left)
    assert window.training_panel.speed.speed() == 1000.0 and window.controller.speed == 1000.0
    qtbot.keyClick(slider, Qt.Key_Home)
    assert window.controller.speed == 1.0
