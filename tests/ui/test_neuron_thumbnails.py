"""Neuron maps in the network drawing: each drawn hidden neuron as its output over the
input plane, computed by the engine, refreshed on the window's throttled path."""
from __future__ import annotations

import base64
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QToolTip

from bpgui.core.dataset import Dataset
from bpgui.core.neuron_maps import map_levels, neuron_map, neuron_maps
from bpgui.core.output_slice import default_plane, plane_grid
from bpgui.ui.views.neuron_thumbnails import THUMB_GRID
from bpgui.ui.views.theme import WEIGHT_CMAP

ROOT = Path(__file__).resolve().parents[2]


def moons(window, hidden=((8, "tanh"), (2, "tanh"))):
    assert window.data_panel.load_csv_file(str(ROOT / "samples" / "moons.csv"))
    window.doc.set_hidden(list(hidden))


def plane_of(window):
    return default_plane(window.dataset, window.session.train)


def expected_colour(value: float, levels) -> np.ndarray:
    lo, hi = levels
    return WEIGHT_CMAP.map(np.clip((value - lo) / (hi - lo), 0, 1), mode="byte")[:3].astype(int)


def pixel(image: QImage, x: int, y: int) -> np.ndarray:
    c = QColor(image.pixel(x, y))
    return np.array([c.red(), c.green(), c.blue()])


def test_each_thumbnail_pixel_is_the_neurons_activation_after_the_colour_map(window):
    moons(window)
    canvas = window.editor.canvas
    truth = neuron_maps(window.model, None, plane_of(window), THUMB_GRID)
    assert len(canvas.thumbs.maps) == 2
    for held, real in zip(canvas.thumbs.maps, truth):
        np.testing.assert_allclose(held, real)
    assert canvas.thumbs.levels == [(-1.0, 1.0), (-1.0, 1.0)]
    n = THUMB_GRID
    for layer, units in ((0, 8), (1, 2)):
        for i in range(units):
            image = canvas.thumbs.images[layer, i]
            assert (image.width(), image.height()) == (n, n)
            for r, c in ((0, 0), (3, 17), (n - 1, n - 1), (12, 5)):
                # row 0 of the map is the bottom of the plane: the image's last row
                got = pixel(image, c, n - 1 - r)
                assert np.abs(got - expected_colour(truth[layer][i, r, c], (-1, 1))).max() <= 1


def test_thumbnails_are_drawn_in_place_of_the_hidden_neurons(window):
    moons(window)
    canvas = window.editor.canvas
    shot = canvas.grab().toImage()
    dpr = shot.devicePixelRatio()
    side = canvas.thumbnail_side()
    assert side >= 2 * canvas.radius
    for layer, i in ((1, 0), (1, 5), (2, 1)):
        centre = canvas._pos[layer][i]
        image = canvas.thumbs.images[layer - 1, i]
        for fx, fy in ((0.5, 0.5), (0.25, 0.3), (0.75, 0.7)):
            x = centre.x() - side / 2 + fx * side
            y = centre.y() - side / 2 + fy * side
            drawn = pixel(shot, round(x * dpr), round(y * dpr))
            source = pixel(image, int(fx * THUMB_GRID), int(fy * THUMB_GRID))
            assert np.abs(drawn - source).max() <= 40, (layer, i, fx, fy)
        corner = centre + QPointF(side / 2 - 1, side / 2 - 1)     # outside the disc, inside the map
        assert canvas.item_at(corner) == ("neuron", layer, i)


def test_the_toggle_is_in_the_view_menu_and_hides_the_maps(window):
    moons(window)
    ed = window.editor
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert ed.maps_action in view.actions() and ed.maps_action.isChecked()
    assert ed.maps_action in ed.context_menu(QPointF(2, 2)).actions()   # also in the canvas's context menu
    ed.maps_action.setChecked(False)
    assert not ed.canvas.thumbs.images
    centre = ed.canvas._pos[1][0]
    assert ed.canvas.item_at(centre + QPointF(ed.canvas.radius + 4, 0)) != ("neuron", 1, 0)
    window.acts.reset.trigger()           # new weights while hidden: still none computed
    assert not ed.canvas.thumbs.maps
    ed.maps_action.setChecked(True)
    np.testing.assert_allclose(ed.canvas.thumbs.maps[0],
                               neuron_maps(window.model, None, plane_of(window), THUMB_GRID)[0])


@pytest.mark.slow
def test_maps_follow_training_at_most_ten_times_a_second(qtbot, window, monkeypatch):
    moons(window)
    canvas = window.editor.canvas
    refreshes, snapshots = [], []
    real = canvas.update_model

    def counted(model, network):
        if window.controller.state == "running":
            refreshes.append(time.perf_counter())
        real(model, network)
    monkeypatch.setattr(canvas, "update_model", counted)
    window.controller.sigSnapshot.connect(snapshots.append)
    window.training_panel.unlimited.setChecked(True)
    window.act_train.trigger()
    qtbot.waitUntil(lambda: len(snapshots) >= 2, timeout=20_000)
    qtbot.wait(1500)
    window.controller.stop()
    qtbot.waitUntil(lambda: window.controller.state == "idle", timeout=20_000)
    assert len(snapshots) >= 6 and len(refreshes) >= 3
    assert min(np.diff(refreshes)) >= 0.08       # snapshots come every ~30 ms
    assert len(refreshes) <= 1.5 / 0.1 + 6
    truth = neuron_maps(window.model, None, plane_of(window), THUMB_GRID)
    for held, real_maps in zip(canvas.thumbs.maps, truth):
        np.testing.assert_allclose(held, real_maps, atol=1e-6)


def test_a_condensed_layer_images_only_its_drawn_neurons(window):
    moons(window, [(40, "relu")])
    thumbs = window.editor.canvas.thumbs
    assert thumbs.maps[0].shape == (40, THUMB_GRID, THUMB_GRID)
    assert sorted(i for _, i in thumbs.images) == list(range(14))
    assert thumbs.levels[0] == map_levels("relu", thumbs.maps[0])


def test_hover_enlarges_the_map_with_the_name_and_the_planes_axes(qtbot, window):
    moons(window)
    canvas = window.editor.canvas
    text = canvas.hover_text(("neuron", 1, 3))
    assert text.startswith("<b>hidden layer 1, neuron 4 (tanh)</b>")
    assert "→ x1:" in text and "↑ x2:" in text and "bias = " in text
    data = text.split("base64,")[1].split('"')[0]
    image = QImage.fromData(base64.b64decode(data))
    assert image.width() == 168 and image.height() == 168
    fine = neuron_map(window.model, None, plane_of(window), 64, 0, 3)
    # the enlarged image's centre is the finer map's centre, coloured alike
    centre = pixel(image, 84, 84)
    assert np.abs(centre - expected_colour(fine[32, 32], (-1, 1))).max() <= 25
    # and the mouse on the thumbnail shows it
    c = canvas._pos[1][3]
    qtbot.mouseMove(canvas, QPoint(round(c.x()), round(c.y())))
    qtbot.waitUntil(lambda: "base64" in QToolTip.text(), timeout=3000)
    # output neurons keep their plain hover
    assert "<img" not in canvas.hover_text(("neuron", 3, 0))


def test_one_input_gives_strips_and_no_data_gives_no_maps(qtbot):
    from bpgui.core.model import Model
    from bpgui.core.network import Network
    from bpgui.ui.views.network_editor import NetworkEditor

    x = np.linspace(-2, 2, 30)[:, None]
    ds = Dataset(x, np.sin(x), ["x"], ["y"], None, "regression")
    net = Network(1, [(3, "tanh"), (1, "linear")], loss="mse")
    model = Model.for_dataset(net, ds, normalize="zscore")
    ed = NetworkEditor()
    qtbot.addWidget(ed)
    ed.set_network(net, ["x"], ["y"])
    plane = default_plane(ds)
    ed.set_plane(plane)
    ed.update_model(model, None)
    assert ed.canvas.thumbs.images[0, 2].height() == 1
    line = model.encode_inputs(plane_grid(plane, THUMB_GRID))
    np.testing.assert_allclose(ed.canvas.thumbs.maps[0][:, 0, :], net.layer_outputs(line)[0].T)
    ed.set_plane(None)
    assert not ed.canvas.thumbs.images
