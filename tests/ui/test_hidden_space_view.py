"""The hidden space tab: the data and the input grid mapped through a hidden layer, as
the engine computes them (Network.layer_outputs), live while training."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor

from bpgui.core.dataset import Dataset
from bpgui.core.hidden_space import fit_pca, grid_lines, orthographic
from bpgui.core.model import Model
from bpgui.core.network import Network
from bpgui.core.output_slice import default_plane
from bpgui.ui.views.hidden_space_view import ELEVATION, GRID_LINES, LINE_SAMPLES, MAX_POINTS, HiddenSpaceView
from bpgui.ui.views.theme import CLASS_COLOURS, POINT_CMAP

ROOT = Path(__file__).resolve().parents[2]


def shown(window, hidden, data="moons.csv"):
    assert window.data_panel.load_csv_file(str(ROOT / "samples" / data))
    window.doc.set_hidden(list(hidden))
    k = next(i for i in range(window.views.count()) if window.views.tabText(i) == "Hidden space")
    window.views.setCurrentIndex(k)
    return window.hidden_space


def activations(window, layer, X=None):
    model = window.model
    X = window.dataset.X if X is None else X
    return model.network.layer_outputs(model.encode_inputs(X))[layer]


def drawn_points(view) -> np.ndarray:
    """The points of every colour's scatter item, in the data's order."""
    n = sum(len(rows) for _, rows in view.groups)
    out = np.full((n, 2), np.nan)
    for item, rows in view.groups:
        x, y = item.getData()
        out[rows] = np.column_stack([x, y])
    assert not np.isnan(out).any()
    return out


def drawn_lines(view) -> list[np.ndarray]:
    x, y = view.lines.getData()
    xy = np.column_stack([x, y])
    cuts = np.flatnonzero(np.isnan(x))
    parts = [part[~np.isnan(part[:, 0])] for part in np.split(xy, cuts)]
    return [part for part in parts if len(part)]


def test_two_units_are_drawn_as_they_are(window):
    view = shown(window, [(8, "tanh"), (2, "tanh")])
    assert view.layer_box.currentText() == "2: 2 tanh"          # the last hidden layer first
    np.testing.assert_allclose(drawn_points(view), activations(window, 1), rtol=1e-6)
    bottom, left = view.plot.getAxis("bottom"), view.plot.getAxis("left")
    assert bottom.labelText == "neuron 1" and left.labelText == "neuron 2" and bottom.isVisible()
    assert not view.turn.isVisible()


def test_grid_lines_are_the_planes_lines_through_the_layer(window):
    view = shown(window, [(8, "tanh"), (2, "tanh")])
    lines = grid_lines(default_plane(window.dataset, window.session.train), GRID_LINES, LINE_SAMPLES)
    drawn = drawn_lines(view)
    assert len(drawn) == 2 * GRID_LINES
    for raw, line in zip(lines, drawn):
        np.testing.assert_allclose(line, activations(window, 1, raw), rtol=1e-6, atol=1e-7)


def test_wider_layers_are_drawn_on_the_principal_components_of_the_data(window):
    view = shown(window, [(8, "tanh"), (2, "tanh")])
    view.layer_box.setCurrentIndex(0)
    acts = activations(window, 0).astype(np.float64)
    pca = fit_pca(acts)
    np.testing.assert_allclose(drawn_points(view), (acts - pca.mean) @ pca.components.T, atol=1e-5)
    assert view.plot.getAxis("bottom").labelText == f"PC1 ({100 * pca.explained[0]:.0f} %)"
    assert view.plot.getAxis("left").labelText == f"PC2 ({100 * pca.explained[1]:.0f} %)"
    assert view.plot.titleLabel.text == "PCA of 8 neurons"
    raw = grid_lines(default_plane(window.dataset, window.session.train), GRID_LINES, LINE_SAMPLES)[4]
    np.testing.assert_allclose(drawn_lines(view)[4], (activations(window, 0, raw) - pca.mean) @ pca.components.T,
                               atol=1e-5)


def test_three_units_turn_with_the_slider(window):
    view = shown(window, [(3, "tanh")])
    assert view.turn.isVisible() and not view.plot.getAxis("bottom").isVisible()
    acts = activations(window, 0).astype(np.float64)
    for turn in (35, 200):
        view.turn.setValue(turn)
        p = orthographic(turn, ELEVATION)
        np.testing.assert_allclose(drawn_points(view), acts @ p.components.T, atol=1e-5)
    assert all(name.isVisible() for name in view.axis_names)


def colour_of_each_point(view) -> list[str]:
    names = [""] * sum(len(rows) for _, rows in view.groups)
    for item, rows in view.groups:
        for r, spot in zip(rows, item.points()):
            names[r] = spot.brush().color().name()
    return names


def test_points_are_coloured_as_on_the_output_map(window):
    view = shown(window, [(2, "tanh")])
    blue, orange = QColor(*CLASS_COLOURS[0]).name(), QColor(*CLASS_COLOURS[1]).name()
    y = window.dataset.Y[:, 0]
    assert colour_of_each_point(view) == [blue if label == 1 else orange for label in y]
    iris = shown(window, [(4, "tanh")], "iris.csv")
    classes = window.dataset.Y.argmax(axis=1)
    assert colour_of_each_point(iris) == [QColor(*CLASS_COLOURS[k]).name() for k in classes]


def test_numbers_are_coloured_by_value(qtbot):
    x = np.linspace(0, 1, 50)[:, None]
    ds = Dataset(x, 3 * x + 1, ["x"], ["y"], None, "regression")
    net = Network(1, [(2, "tanh"), (1, "linear")], loss="mse")
    view = HiddenSpaceView()
    qtbot.addWidget(view)
    view.set_data(ds, None)
    view.update_model(Model.for_dataset(net, ds), None)
    colours = colour_of_each_point(view)
    lowest, highest = (QColor(*POINT_CMAP.map(t, mode="byte")[:3].astype(int)).name() for t in (0.0, 1.0))
    assert colours[0] == lowest and colours[-1] == highest and len(set(colours)) == 9
    np.testing.assert_allclose(drawn_points(view), net.layer_outputs(x)[0], rtol=1e-6)


def test_no_hidden_layer_says_so(window):
    view = shown(window, [])
    assert view.layer_box.count() == 0 and "no hidden layer" in view.note.textItem.toPlainText()
    window.doc.set_hidden([(2, "relu")])
    assert view.note.textItem.toPlainText() == ""
    np.testing.assert_allclose(drawn_points(view), activations(window, 0), rtol=1e-6)


@pytest.mark.slow
def test_live_while_training_and_the_final_weights_at_the_end(qtbot, window, monkeypatch):
    view = shown(window, [(8, "tanh"), (2, "tanh")])
    before = drawn_points(view).copy()
    live = []
    real = view.update_model

    def update(model, network):
        real(model, network)
        if window.controller.state == "running":
            live.append(drawn_points(view).copy())
    monkeypatch.setattr(view, "update_model", update)
    window.training_panel.unlimited.setChecked(True)
    window.act_train.trigger()
    qtbot.waitUntil(lambda: len(live) >= 2, timeout=20_000)
    qtbot.wait(500)
    window.controller.stop()
    qtbot.waitUntil(lambda: window.controller.state == "idle", timeout=20_000)
    assert len(live) >= 2 and not np.allclose(live[0], live[-1])
    after = drawn_points(view)
    assert not np.allclose(before, after)
    np.testing.assert_allclose(after, activations(window, 1), rtol=1e-6)


def test_large_data_is_a_fixed_sample_of_its_rows(qtbot):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(MAX_POINTS + 700, 3))
    X[5, 1] = np.nan                                              # no place in the hidden space
    ds = Dataset(X, (X[:, :1] > 0).astype(float), ["a", "b", "c"], ["y"], ["n", "p"], "binary")
    net = Network(3, [(5, "relu"), (1, "sigmoid")], loss="bce")
    model = Model.for_dataset(net, ds.subset(np.arange(10, 30)), normalize="zscore")
    view = HiddenSpaceView()
    qtbot.addWidget(view)
    view.set_data(ds, None)
    view.update_model(model, None)
    points = drawn_points(view)
    assert len(points) == MAX_POINTS
    rows = view._rows
    assert not np.isnan(rows).any() and len(np.unique(rows, axis=0)) == MAX_POINTS
    acts = net.layer_outputs(model.encode_inputs(rows))[0].astype(np.float64)
    pca = fit_pca(acts)
    np.testing.assert_allclose(points, (acts - pca.mean) @ pca.components.T, atol=1e-5)
