"""Each real sample trains as well in the window as on the command line.

The CLI runs `bpgui train samples/X.csv` with its defaults; the window opens
the file as a user would and trains it with its defaults in the real training
child.  Neither default holds out a test split, so both are given the same
20 % (same seed, so the same rows) and compared on it: the window must reach
the CLI's figure within 2 points.  The issue behind it: digits reached 39 % in
the window and 97 % on the command line, because the window did not normalise.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from bpgui.cli import main
from bpgui.core.training_settings import TrainingSettings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TEST_SPLIT = 0.2
TOLERANCE = 0.02
# sample: (metric, what the CLI's defaults reach at least on the test split; seed 0 gives
# 0.90, 1.0, 0.912, 0.858 and R² 0.384: the floors leave room for another machine's rounding)
FLOORS = {
    "iris.csv": ("accuracy", 0.85),
    "wine.csv": ("accuracy", 0.95),
    "breast_cancer.csv": ("accuracy", 0.88),
    "digits.csv": ("accuracy", 0.80),
    "diabetes.csv": ("r2", 0.30),
}


def cli_figures(path: Path, metric: str, out: Path, capsys) -> dict:
    """The test figure, epochs and test rows that `bpgui train` prints."""
    capsys.readouterr()
    assert main(["train", str(path), "--test-split", str(TEST_SPLIT), "--quiet", "--out", str(out)]) == 0
    line = capsys.readouterr().out
    found = re.search(rf"(\d+) epochs.*, test .*\b{metric} (-?[\d.e+-]+).* on (\d+) rows", line)
    assert found, f"no test {metric} in the CLI's summary: {line!r}"
    return {"figure": float(found[2]), "epochs": int(found[1]), "rows": int(found[3])}


def window_figure(w, metric: str) -> float:
    """The test figure the status bar shows after the run."""
    text = w.status_line.test.text()
    pattern = r"accuracy ([\d.]+)%" if metric == "accuracy" else r"R² (-?[\d.]+)"
    found = re.search(pattern, text)
    assert found, f"no test {metric} in the window's status bar: {text!r}"
    return float(found[1]) / (100 if metric == "accuracy" else 1)


def settings_difference(window_settings: TrainingSettings) -> dict:
    """Where the window's settings differ from the CLI's defaults with the test split."""
    cli = dataclasses.replace(TrainingSettings(), test_split=TEST_SPLIT)
    return {f.name: (getattr(window_settings, f.name), getattr(cli, f.name))
            for f in dataclasses.fields(TrainingSettings)
            if getattr(window_settings, f.name) != getattr(cli, f.name)}


@pytest.mark.slow
@pytest.mark.parametrize("name", FLOORS)
def test_the_window_reaches_the_clis_test_figure_on_each_sample(name, make_window, train_to_end, tmp_path,
                                                                 capsys, messages):
    path, (metric, floor) = SAMPLES / name, FLOORS[name]
    cli = cli_figures(path, metric, tmp_path / "cli.bpnet", capsys)
    assert cli["figure"] >= floor, f"{name}: the CLI's defaults reach only {metric} {cli['figure']}"

    w = make_window()
    assert w.open_path(str(path)), messages.texts()
    w.data_panel.test_split.setValue(TEST_SPLIT)   # what a user types in the Test box
    assert w.doc.settings.test_split == TEST_SPLIT
    train_to_end(w, timeout=120_000)
    assert not messages.shown, messages.texts()
    got = window_figure(w, metric)
    why = (f"{name}: window {metric} {got:.4g} after {w.history.epochs} epochs on {w.doc.session.test.n_samples} "
           f"test rows; CLI {cli['figure']:.4g} after {cli['epochs']} epochs on {cli['rows']} rows; "
           f"settings that differ (window, CLI): {settings_difference(w.doc.settings)}")
    assert got >= cli["figure"] - TOLERANCE, why
