"""The heatmap's row and column numbers never crowd: as many as its size leaves room for."""
from __future__ import annotations

import numpy as np

from bpgui.ui.views.weight_heatmap import WeightHeatmap


def left_ticks(view):
    return [label for _, label in view.plot.getAxis("left")._tickLevels[0]]


def test_row_numbers_thin_out_as_the_plot_gets_short(qtbot):
    view = WeightHeatmap()
    qtbot.addWidget(view)
    view.resize(340, 600)
    view.show()
    view.set_layer_count(1)
    view.set_weights([np.zeros((64, 4))])
    qtbot.wait(20)
    tall = left_ticks(view)
    view.resize(340, 200)
    qtbot.wait(20)
    short = left_ticks(view)
    height = view.plot.getViewBox().height()
    assert len(short) < len(tall) and len(short) <= max(2, height / 18)
    assert short == [str(k) for k in range(int(short[0]), 65, int(short[0]))]   # a round step from it


def test_the_colour_bar_names_its_ends_and_zero_only(qtbot):
    """Five or more labels overlapped on a short bar (the plots dock of a 1024x700 window)."""
    view = WeightHeatmap()
    qtbot.addWidget(view)
    view.resize(330, 150)
    view.show()
    view.set_layer_count(1)
    view.set_weights([np.array([[3.1, -0.5], [0.2, 1.0]])])
    qtbot.wait(20)
    (major, minor) = view.colorbar.axis._tickLevels
    assert [label for _, label in major] == ["-4", "0", "4"] and minor == []
    assert view.levels == (-4.0, 4.0)
