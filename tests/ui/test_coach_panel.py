"""The Coach dock: the engine's findings shown in plain words, before, while and after training,
never in a dialog; a healthy run shows "No findings"."""
from __future__ import annotations

import copy
import os
import time
from pathlib import Path

import pytest

from bpgui.core import builtin_dataset, diagnose, load_csv
from bpgui.core.coach import Finding
from bpgui.ui import coach_controller
from bpgui.ui.coach_controller import INTERVAL_S
from bpgui.ui.panels.coach_panel import CoachPanel

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def set_settings(window, **changes):
    s = copy.deepcopy(window.doc.settings)
    for name, value in changes.items():
        setattr(s, name, value)
    window.doc.set_settings(s)


def engine_findings(window):
    model = window.doc.model
    return diagnose(model.network, *window.doc.session.train_xy, model.history,
                    feature_names=model.feature_names, class_names=model.class_names)


def test_a_sigmoid_output_for_numbers_shows_target_range_at_once(window, messages):
    window._on_dataset(load_csv(SAMPLES / "sine.csv"))
    assert window.coach.panel.codes() == []                    # linear output: the targets fit
    set_settings(window, output_activation="sigmoid", loss="mse")
    panel = window.coach.panel
    assert panel.codes() == ["target_range"]
    assert [f.to_dict() for f in panel.findings] == [f.to_dict() for f in engine_findings(window)]
    text = panel.texts()[0]
    assert "sigmoid output can only give values from 0 to 1" in text and "Try:" in text
    assert "rows outside 74" in text          # zscored sine targets: 74 of 100 are below 0
    assert not panel.empty.isVisible()
    assert window.coach.dock.windowTitle() == "Coach (1)"
    assert messages.shown == []                                # never a dialog


def test_a_healthy_run_ends_with_no_findings(window, train_to_end, messages):
    panel = window.coach.panel
    train_to_end(window)
    assert window.history.epochs == 1000
    assert panel.codes() == [] and engine_findings(window) == []
    assert panel.empty.isVisible() and "No findings" in panel.empty.text()
    assert panel.status.text().startswith("Checked after epoch 1,000 on 4 of 4 training rows")
    assert window.coach.dock.windowTitle() == "Coach"
    assert messages.shown == []


def test_findings_come_while_training_at_most_every_interval(window, monkeypatch, qtbot):
    calls = []

    def timed(*args, **kwargs):
        calls.append((time.monotonic(), window.controller.state))
        return diagnose(*args, **kwargs)
    monkeypatch.setattr(coach_controller, "diagnose", timed)
    window._on_dataset(builtin_dataset("toy:circle"))
    set_settings(window, optimizer="sgd", lr=30.0, epochs=None)
    calls.clear()
    window.act_train.trigger()
    qtbot.waitUntil(lambda: "lr_too_high" in window.coach.panel.codes(), timeout=20_000)
    assert window.controller.state == "running"                # shown while the run goes on
    qtbot.waitUntil(lambda: sum(state == "running" for _, state in calls) >= 3, timeout=20_000)
    running = [t for t, state in calls if state == "running"]
    assert min(b - a for a, b in zip(running, running[1:])) >= 0.95 * INTERVAL_S
    window.train_or_pause()
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=10_000)
    assert calls[-1][1] == "paused"                            # a pause has its look at once
    window.stop_training()
    qtbot.waitUntil(lambda: window.controller.state == "idle", timeout=10_000)
    assert calls[-1][1] == "idle"
    assert "lr_too_high" in window.coach.panel.codes()         # and the run's last word keeps it
    assert [f.code for f in engine_findings(window)] == window.coach.panel.codes()


def test_a_hidden_coach_does_not_run_and_catches_up_when_shown(window, qtbot):
    window.coach.dock.hide()
    window._on_dataset(load_csv(SAMPLES / "sine.csv"))
    set_settings(window, output_activation="sigmoid", loss="mse")
    assert window.coach.panel.codes() == []
    window.coach.dock.show()
    qtbot.waitUntil(lambda: window.coach.panel.codes() == ["target_range"], timeout=2_000)


def test_the_panel_shows_each_finding_and_the_empty_state(qtbot):
    panel = CoachPanel()
    qtbot.addWidget(panel)
    panel.show()
    a = Finding("dead_units", "Three units <never> fire.", "Lower the rate.", {"layer": 1, "dead units": 3})
    b = Finding("overfitting", "Validation rises.", "Stop early.", {"best epoch": 12})
    panel.show_findings([a, b], "Checked after epoch 5")
    assert panel.codes() == ["dead_units", "overfitting"]
    assert not panel.empty.isVisible()
    text = next(t for t in panel.texts() if "Dead ReLU units" in t)
    assert "&lt;never&gt;" in text and "layer 1; dead units 3" in text and "Lower the rate." in text
    panel.show_findings([], "Checked after epoch 6")
    assert panel.codes() == [] and panel.texts() == [] and panel.empty.isVisible()
    assert panel.status.text() == "Checked after epoch 6"


@pytest.mark.slow
def test_screenshot_of_the_coach(window, qtbot, tmp_path):
    """coach.png: unnormalised iris with a learning rate far too high; in docs/screenshots/ with
    BPGUI_SCREENSHOTS=1 (as tests/ui/test_screenshots.py), else in the test's folder."""
    window._on_dataset(load_csv(SAMPLES / "iris.csv"))
    set_settings(window, normalize="none", optimizer="sgd", lr=10.0, epochs=200)
    window.act_train.trigger()
    qtbot.waitUntil(lambda: window.controller.state == "idle", timeout=30_000)
    assert "lr_too_high" in window.coach.panel.codes()
    out = ROOT / "docs" / "screenshots" if os.environ.get("BPGUI_SCREENSHOTS") else tmp_path
    window.resize(1400, 900)
    qtbot.wait(50)
    assert window.grab().save(str(out / "coach.png"))


def test_on_a_small_first_start_the_coach_is_a_tab_beside_the_plots(qapp, qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import QSize

    from bpgui.ui import window_settings
    from bpgui.ui.main_window import MainWindow

    monkeypatch.setattr(window_settings, "screen_size", lambda _w: QSize(1024, 700))
    small = MainWindow()
    qtbot.addWidget(small)
    small.show()
    try:
        for _ in range(5):
            qapp.processEvents()
        assert small.coach.dock in small.tabifiedDockWidgets(small.plots_dock)
        assert small.views.width() >= 320       # no third column takes the views' room
        small.coach.dock.raise_()
        qtbot.waitUntil(lambda: small.coach.panel.status.text().startswith("Checked"), timeout=2_000)
        small.grab().save(str(tmp_path / "small.png"))
    finally:
        small.controller.shutdown()
        small.close()
