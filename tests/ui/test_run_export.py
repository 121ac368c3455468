"""File → Export run as animation: the chosen views at evenly spaced checkpoints, one
frame each, in a GIF or PNG files; the epoch in sight comes back afterwards."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from bpgui.core import Session, TrainingSettings
from bpgui.core.csv import load_csv
from bpgui.core.modelfile import save_model
from bpgui.ui import run_export
from bpgui.ui.run_export_dialog import ExportChoice, RunExportDialog

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
EPOCHS = 30


@pytest.fixture(scope="module")
def iris_model(tmp_path_factory) -> Path:
    settings = TrainingSettings(hidden=[(4, "tanh")], optimizer="adam", lr=0.1, epochs=EPOCHS, batch_size=16,
                                dtype="float64")
    session = Session(load_csv(str(SAMPLES / "iris.csv")), settings)
    for _ in session.run():
        pass
    path = tmp_path_factory.mktemp("export") / "iris.bpnet"
    save_model(session.model, path)
    return path


def _answer(monkeypatch, choice: ExportChoice, target: Path) -> list[int]:
    """The dialogs answered: this choice, this file or folder; returns the epochs drawn."""
    monkeypatch.setattr(RunExportDialog, "exec", lambda self: QDialog.Accepted)
    monkeypatch.setattr(RunExportDialog, "choice", lambda self: choice)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "GIF (*.gif)"))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(target))
    drawn: list[int] = []
    real = run_export.compose
    monkeypatch.setattr(run_export, "compose", lambda widgets, caption: drawn.append(caption) or real(widgets, caption))
    return drawn


def test_a_gif_of_the_network_at_evenly_spaced_epochs_and_the_shown_epoch_comes_back(
        qtbot, window, iris_model, tmp_path, monkeypatch):
    assert window.open_path(str(iris_model))
    window.timeline.show_epoch(7)
    drawn = _answer(monkeypatch, ExportChoice(views=("Network", "Output map"), frames=4, gif=True, frame_ms=50),
                    tmp_path / "run.gif")
    shown_at_render = []
    real_show = window.timeline.show_epoch
    monkeypatch.setattr(window.timeline, "show_epoch",
                        lambda e: (real_show(e), shown_at_render.append(window.editor.canvas.weights[0].copy())))
    window.files.export_animation()
    assert [c.split("epoch ")[1] for c in drawn] == ["0 of 30", "10 of 30", "20 of 30", "30 of 30"]
    with Image.open(tmp_path / "run.gif") as gif:
        assert gif.n_frames == 4
    timeline = window.model.timeline
    for weights, epoch in zip(shown_at_render, (0, 10, 20, 30)):
        np.testing.assert_array_equal(weights, timeline.weights_at(epoch)[0][0])   # each frame drew its epoch
    assert window.timeline.epoch == 7      # the epoch in sight before the export


def test_png_frames_and_a_run_without_timeline_is_explained(qtbot, window, iris_model, tmp_path, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda _w, _t, text: said.append(text))
    window.files.export_animation()
    assert said and "no timeline" in said[0]
    assert window.open_path(str(iris_model))
    _answer(monkeypatch, ExportChoice(views=("Loss curve",), frames=3, gif=False, frame_ms=100), tmp_path)
    window.files.export_animation()
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert names == ["iris_0001.png", "iris_0002.png", "iris_0003.png"]
    assert not window.timeline.showing_past     # it was at the newest epoch, and is again
