"""The drawing pad: the mouse inks the pixels under it (the left button) or erases them (the
right), with a pen that fades over one neighbour; values on the data's scale; and a drawing
in the window changes what Try it shows to what the network says for those pixels."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt

from bpgui.ui.views.drawing_pad import DrawingPad, pen_strength

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_the_pen_inks_the_pixel_under_it_fully_and_its_neighbours_less():
    ink = pen_strength(8, 8, (3.5, 2.5))      # the centre of pixel (row 2, column 3)
    assert ink[2, 3] == 1.0
    assert ink[2, 4] == ink[2, 2] == ink[1, 3] == ink[3, 3] == pytest.approx(0.5)
    assert 0 < ink[1, 4] < 0.5                # a diagonal neighbour, further away
    assert ink[2, 5] == 0 and ink[5, 3] == 0  # two pixels away: no ink
    corner = pen_strength(8, 8, (3.05, 2.95))  # near a corner of the pixel: still full on it
    assert corner[2, 3] == 1.0


@pytest.fixture
def pad(qtbot):
    pad = DrawingPad()
    qtbot.addWidget(pad)
    pad.resize(400, 300)
    pad.show()
    pad.set_shape(8, 8, 0.0, 16.0)
    return pad


def _at(pad, row: int, col: int) -> QPoint:
    return pad.canvas.cell_rect(row, col).center().toPoint()


def test_the_left_button_paints_the_pixels_under_the_mouse_on_the_datas_scale(pad, qtbot):
    seen = []
    pad.sigChanged.connect(seen.append)
    canvas = pad.canvas
    qtbot.mousePress(canvas, Qt.LeftButton, pos=_at(pad, 2, 3))
    px = canvas.pixels
    assert px[2, 3] == 16.0 and px[2, 4] == pytest.approx(8.0, abs=0.6) and px[6, 6] == 0.0
    qtbot.mouseMove(canvas, _at(pad, 2, 6))   # a fast stroke: no pixel on its way is skipped
    qtbot.mouseRelease(canvas, Qt.LeftButton, pos=_at(pad, 2, 6))
    px = canvas.pixels
    assert [px[2, c] for c in range(3, 7)] == [16.0] * 4
    assert px[6, 6] == 0.0 and px.max() == 16.0
    assert seen and np.array_equal(seen[-1], px.ravel())          # row by row, as the data's features
    assert np.array_equal(pad.values(), px.ravel())


def test_the_right_button_erases_and_clear_blanks_the_pad(pad, qtbot):
    pad.set_values(np.full(64, 16.0))
    qtbot.mousePress(pad.canvas, Qt.RightButton, pos=_at(pad, 5, 1))
    qtbot.mouseRelease(pad.canvas, Qt.RightButton, pos=_at(pad, 5, 1))
    px = pad.canvas.pixels
    assert px[5, 1] == 0.0 and px[5, 2] == pytest.approx(8.0, abs=0.6) and px[0, 7] == 16.0
    seen = []
    pad.sigChanged.connect(seen.append)
    qtbot.mouseClick(pad.clear_button, Qt.LeftButton)
    assert np.array_equal(pad.values(), np.zeros(64)) and np.array_equal(seen[-1], np.zeros(64))


def test_a_sample_is_shown_pixel_for_pixel(pad):
    x = np.arange(64.0) % 17
    pad.show_sample(x)
    assert np.array_equal(pad.values(), x)
    assert pad.canvas.pixels[1, 0] == x[8]    # row by row: pixel (row 1, column 0) is feature 8


def test_a_drawing_in_the_window_is_what_the_network_answers(window, qtbot):
    w = window
    w.resize(1024, 700)
    assert w.data_panel.load_csv_file(str(SAMPLES / "digits.csv"))
    view = w.try_it
    w.views.setCurrentWidget(view)
    QCoreApplication.processEvents()
    assert view.pad.isVisibleTo(view) and not view.inputs.isVisibleTo(view)
    canvas = view.pad.canvas
    assert (canvas.width_px, canvas.height_px, canvas.lo, canvas.hi) == (8, 8, 0.0, 16.0)
    assert np.array_equal(view.values(), np.zeros(64))   # a drawing starts blank
    before = [r.value for r in view.output.rows]
    qtbot.mousePress(canvas, Qt.LeftButton, pos=canvas.cell_rect(1, 4).center().toPoint())
    qtbot.mouseMove(canvas, canvas.cell_rect(6, 4).center().toPoint())
    qtbot.mouseRelease(canvas, Qt.LeftButton, pos=canvas.cell_rect(6, 4).center().toPoint())
    x = view.values()
    assert all(x[r * 8 + 4] == 16.0 for r in range(1, 7)) and x[0] == 0.0
    assert np.array_equal(x, canvas.pixels.ravel())
    probabilities = w.model.network.predict(w.model.encode_inputs(x[None, :]))[0]
    assert [r.value for r in view.output.rows] == pytest.approx(list(probabilities), abs=1e-6)
    assert [r.value for r in view.output.rows] != pytest.approx(before, abs=1e-6)
    assert [r.name for r in view.output.rows if r.bold] == [w.model.class_names[int(np.argmax(probabilities))]]
