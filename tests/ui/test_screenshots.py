"""Screenshots of the window for the README, made from real sessions at
1400x900.  A plain test run saves them in its temporary folder;
``BPGUI_SCREENSHOTS=1 pytest tests/ui/test_screenshots.py`` saves them to
docs/screenshots/.  Look at them after a change to the window."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def out(tmp_path) -> Path:
    return ROOT / "docs" / "screenshots" if os.environ.get("BPGUI_SCREENSHOTS") else tmp_path


def _grab(w, out: Path, name: str) -> Path:
    w.resize(1400, 900)
    for _ in range(5):
        QCoreApplication.processEvents()
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    assert w.grab().save(str(path))
    return path


def test_screenshot_xor_trained(window, train_to_end, out):
    window.training_panel.epochs.setValue(800)
    train_to_end(window)
    assert window.history.last("train_accuracy") == 1.0
    path = _grab(window, out, "xor-trained.png")
    assert path.stat().st_size > 20_000


def test_screenshot_csv_session(window, train_to_end, out):
    assert window.data_panel.load_csv_file(str(ROOT / "samples" / "moons.csv"))
    window.data_panel.normalize.setCurrentText("zscore")
    window.data_panel.val_split.setValue(0.2)
    ed = window.editor
    ed.controls[0].units.setValue(8)
    ed.controls[0].units.editingFinished.emit()
    ed.add_layer_button.click()
    ed.controls[1].units.setValue(6)
    ed.controls[1].units.editingFinished.emit()
    window.training_panel.epochs.setValue(300)
    window.training_panel.batch_mode.setCurrentIndex(1)
    train_to_end(window)
    window.plot_tabs.setCurrentIndex(0)
    path = _grab(window, out, "csv-session.png")
    assert path.stat().st_size > 20_000


def _train_sample(window, train_to_end, name: str, epochs: int, hidden=None, test_split=0.2):
    assert window.data_panel.load_csv_file(str(ROOT / "samples" / name))
    window.data_panel.test_split.setValue(test_split)
    if hidden:
        window.doc.set_hidden(hidden)
    window.training_panel.epochs.setValue(epochs)
    train_to_end(window)


@pytest.mark.slow
def test_screenshots_of_the_views(window, train_to_end, out):
    """Each view of what the network computes, on real data: iris (4 inputs) on the output
    map and in Try it, the digits as images, a 2-D toy set's hidden space, a regression map."""
    _train_sample(window, train_to_end, "iris.csv", 300, hidden=[(8, "tanh")])
    window.views.setCurrentWidget(window.boundary)
    shots = [_grab(window, out, "view-output-map-iris.png")]
    window.views.setCurrentWidget(window.try_it)
    shots.append(_grab(window, out, "view-try-it-iris.png"))
    _train_sample(window, train_to_end, "digits.csv", 200, hidden=[(16, "tanh")])
    window.views.setCurrentWidget(window.image_weights)
    shots.append(_grab(window, out, "view-images-digits.png"))
    _train_sample(window, train_to_end, "moons.csv", 400, hidden=[(8, "tanh"), (2, "tanh")], test_split=0.0)
    window.views.setCurrentWidget(window.hidden_space)
    shots.append(_grab(window, out, "view-hidden-space-moons.png"))
    _train_sample(window, train_to_end, "diabetes.csv", 300, hidden=[(8, "tanh")])
    window.views.setCurrentWidget(window.boundary)
    shots.append(_grab(window, out, "view-output-map-diabetes.png"))
    assert all(p.stat().st_size > 20_000 for p in shots)


def _iris_with_timeline(folder: Path, epochs: int = 200) -> Path:
    """iris trained headlessly with the timeline recording (until the window's runs record
    one), saved as a model file the window opens."""
    from bpgui.core import Session, TrainingSettings
    from bpgui.core.csv import load_csv
    from bpgui.core.modelfile import save_model

    settings = TrainingSettings(hidden=[(8, "tanh")], optimizer="adam", lr=0.03, epochs=epochs, batch_size=16,
                                val_split=0.2)
    session = Session(load_csv(str(ROOT / "samples" / "iris.csv")), settings)
    for _ in session.run():
        pass
    path = folder / "iris-timeline.bpnet"
    save_model(session.model, path)
    return path


def test_screenshot_timeline(window, out, tmp_path, make_window, monkeypatch, qtbot):
    """The timeline bar scrubbed back to an early epoch of iris; and at 1024x700, as a
    first start on a small screen lays the window out, the bar still has room."""
    from PySide6.QtCore import QSize

    from bpgui.ui import window_settings
    from bpgui.ui.main_window import MainWindow

    model = _iris_with_timeline(tmp_path)
    assert window.open_path(str(model))
    window.timeline.show_epoch(6)
    assert window.timeline.epoch == 6
    path = _grab(window, out, "timeline.png")
    assert path.stat().st_size > 20_000

    monkeypatch.setattr(window_settings, "screen_size", lambda _w: QSize(1024, 700))
    small = MainWindow()
    qtbot.addWidget(small)
    small.show()
    try:
        assert small.open_path(str(model))
        small.timeline.show_epoch(6)
        for _ in range(5):
            QCoreApplication.processEvents()
        bar = small.timeline.bar
        assert small.width() == 1024 and not bar.visibleRegion().isEmpty()
        assert bar.slider.width() >= 150 and bar.newest_button.isVisible()
        assert small.grab().save(str(tmp_path / "timeline-1024x700.png"))
    finally:
        small.doc.saved(str(model))
        small.controller.shutdown()
        small.close()


def _trained_file(tmp_path: Path, sample: str, *options: str) -> Path:
    """A model of a sample trained by the CLI, its weights' history recorded (the window's own
    runs bring theirs once the training child sends it)."""
    from bpgui.cli import main
    path = tmp_path / (sample.replace(".csv", "") + ".bpnet")
    assert main(["train", str(ROOT / "samples" / sample), *options, "--quiet", "--out", str(path)]) == 0
    return path


def _click_edges(qtbot, window, edges) -> None:
    from PySide6.QtCore import QPoint, Qt
    canvas = window.editor.canvas
    for edge in edges:
        pos = canvas.edge_position(*edge)
        qtbot.mouseClick(canvas, Qt.LeftButton, pos=QPoint(round(pos.x()), round(pos.y())))


def _grab_with_tall_plots(window, out: Path, name: str, size=(1400, 900), plots_height=330) -> Path:
    from PySide6.QtCore import QEvent, Qt
    window.resize(*size)
    QCoreApplication.processEvents()
    window.resizeDocks([window.plots_dock], [plots_height], Qt.Vertical)
    for _ in range(5):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)   # the previous model's widgets
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    assert window.grab().save(str(path))
    return path


@pytest.mark.slow
def test_screenshots_of_the_weights_history(qtbot, window, out, tmp_path):
    """Iris's weights over 300 epochs (four chosen by clicks), and digits' first layer's
    distribution and norm over 200; also at 1024x700, to look at them there."""
    assert window.open_path(str(_trained_file(tmp_path, "iris.csv", "--layers", "8:tanh", "--epochs", "300",
                                              "--lr", "0.05")))
    _click_edges(qtbot, window, [(0, 2, 0), (0, 3, 5), (1, 0, 0), (1, 5, 2)])
    assert window.plot_tabs.currentWidget() is window.weight_history.trajectories
    shots = [_grab_with_tall_plots(window, out, "trajectories.png")]
    shots.append(_grab_with_tall_plots(window, tmp_path, "trajectories-1024.png", (1024, 700), 260))
    assert window.open_path(str(_trained_file(tmp_path, "digits.csv", "--layers", "32:tanh", "--epochs", "200",
                                              "--batch-size", "64", "--lr", "0.01", "--optimizer", "adam")))
    window.plot_tabs.setCurrentWidget(window.weight_history.distribution)
    shots.append(_grab_with_tall_plots(window, out, "distribution.png"))
    shots.append(_grab_with_tall_plots(window, tmp_path, "distribution-1024.png", (1024, 700), 260))
    assert window.weight_history.distribution.distribution.counts.shape == (201, 64)
    assert all(p.stat().st_size > 20_000 for p in shots)
