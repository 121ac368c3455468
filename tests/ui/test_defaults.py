"""The window starts from the same defaults as the CLI: those of TrainingSettings()."""
from __future__ import annotations

import copy

from bpgui.core.training_settings import TrainingSettings


def test_a_fresh_window_shows_the_training_settings_defaults(make_window):
    w = make_window()
    assert copy.deepcopy(w.doc.settings) == TrainingSettings()
    assert w.training_panel.lr.value() == TrainingSettings().lr
    assert w.data_panel.normalize.currentText() == TrainingSettings().normalize
