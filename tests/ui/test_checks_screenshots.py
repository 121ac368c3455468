"""Screenshots of the checks' dialogs (docs/screenshots/lr-find.png, gradient-check.png).
A plain run saves them in its temporary folder; ``BPGUI_SCREENSHOTS=1`` saves them to
docs/screenshots/, as tests/ui/test_screenshots.py does.  Look at them after a change."""
from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def out(tmp_path) -> Path:
    return ROOT / "docs" / "screenshots" if os.environ.get("BPGUI_SCREENSHOTS") else tmp_path


def _grab(dialog, out: Path, name: str) -> Path:
    for _ in range(5):
        QCoreApplication.processEvents()
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    assert dialog.grab().save(str(path))
    return path


def test_screenshots_of_the_range_test_and_the_gradient_check(qtbot, window, out):
    """Digits with sgd in mini-batches of 32: the curve flat, falling, then exploding."""
    w = window
    assert w.data_panel.load_csv_file(str(ROOT / "samples" / "digits.csv"))
    settings = copy.deepcopy(w.doc.settings)
    settings.optimizer, settings.batch_size, settings.hidden = "sgd", 32, [(16, "tanh")]
    w.doc.set_settings(settings)
    dialog = w.checks.find_learning_rate()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    assert dialog.use_button.text().startswith("Use ")
    assert _grab(dialog, out, "lr-find.png").stat().st_size > 15_000
    dialog.close()

    settings = copy.deepcopy(w.doc.settings)
    settings.hidden = [(8, "tanh"), (6, "relu")]
    w.doc.set_settings(settings)
    check = w.checks.check_gradients()
    qtbot.waitUntil(lambda: check.check is not None, timeout=20_000)
    assert check.table.rowCount() == 3
    assert _grab(check, out, "gradient-check.png").stat().st_size > 5_000
