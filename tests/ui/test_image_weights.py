"""Images: each first-layer neuron's weights drawn as the image they weigh (column j of the
first weight matrix, row by row), coloured on one symmetric scale; samples of each class
as images; shown only for image inputs."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, Qt

from bpgui.core.dataset import Dataset
from bpgui.core.model import Model
from bpgui.core.network import Network
from bpgui.ui.views.image_weights import INK_LUT, WEIGHT_LUT, ImageWeights

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _wide_images() -> tuple[Dataset, Model]:
    """4 x 2 images (wider than high, so a swapped width and height shows), three classes."""
    rng = np.random.default_rng(3)
    X = rng.integers(0, 10, size=(30, 8)).astype(float)
    classes = np.arange(30) % 3
    ds = Dataset(X, np.eye(3)[classes], [f"p{k}" for k in range(8)], ["c=a", "c=b", "c=c"], ["a", "b", "c"],
                 "multiclass", image_shape=(4, 2))
    net = Network(8, [(5, "tanh"), (3, "softmax")], loss="ce", seed=1)
    return ds, Model.for_dataset(net, ds, normalize="zscore")


@pytest.fixture
def view(qtbot):
    v = ImageWeights()
    qtbot.addWidget(v)
    v.resize(500, 600)
    v.show()
    return v


def test_each_neurons_image_is_its_column_of_the_first_weights_row_by_row(view):
    ds, model = _wide_images()
    view.set_data(ds)
    view.update_model(model, None)
    W = model.network.weights[0]
    assert view.unit_images.shape == (5, 2, 4)        # (neurons, height, width)
    for j in range(5):
        for r in range(2):
            for c in range(4):
                assert view.unit_images[j, r, c] == W[r * 4 + c, j]
    assert [t.caption for t in view.units.tiles] == ["1", "2", "3", "4", "5"]


def test_without_a_hidden_layer_the_images_are_the_outputs_by_class(view):
    ds, model = _wide_images()
    model = Model.for_dataset(Network(8, [(3, "softmax")], loss="ce", seed=2), ds)
    view.set_data(ds)
    view.update_model(model, None)
    assert [t.caption for t in view.units.tiles] == ["a", "b", "c"]
    assert view.title.text().startswith("Each output neuron's weights")
    assert np.array_equal(view.unit_images[2], model.network.weights[0][:, 2].reshape(2, 4))


def test_the_colours_are_one_symmetric_scale_blue_positive_orange_negative(view):
    ds, model = _wide_images()
    net = model.network.copy()
    W = np.zeros((8, 5))
    W[0, 0], W[7, 0], W[3, 4] = 0.9, -0.9, 0.45      # the largest |w| is 0.9: the scale is ±1
    net.weights = [W, net.weights[1]]
    view.set_data(ds)
    view.update_model(model, net)
    assert view.levels == (-1.0, 1.0)
    first, last = view.units.tiles[0].rgb, view.units.tiles[4].rgb
    positive, negative, zero = first[0, 0], first[1, 3], first[0, 1]   # pixel (row, column) = W[row*4 + column]
    assert positive[2] > positive[0] + 100               # blue
    assert negative[0] > negative[2] + 100               # orange
    assert list(zero) == list(WEIGHT_LUT[128]) and min(zero) > 230   # zero: the middle of the map, near white
    assert list(last[0, 3]) == list(WEIGHT_LUT[round(0.725 * 255)])   # 0.45 on ±1 is 72.5 % up the map
    assert (last[1] == zero).all()


def test_the_images_follow_the_weights_they_are_given(view):
    ds, model = _wide_images()
    view.set_data(ds)
    view.update_model(model, None)
    trained = model.network.copy()
    trained.weights = [trained.weights[0] * 3 + 0.1, trained.weights[1]]
    view.update_model(model, trained)                # a training snapshot's copy
    assert np.array_equal(view.unit_images, trained.weights[0].T.reshape(5, 2, 4))


def test_samples_are_drawn_by_class_and_the_ones_the_network_gets_wrong_are_framed(view, qtbot):
    ds, model = _wide_images()
    view.set_data(ds)
    view.update_model(model, None)
    groups = view.samples.groups
    assert [name for name, _ in groups] == ["a", "b", "c"]
    labels = model.predict_labels(ds.X)
    for (name, rows), (_, tiles) in zip(view.groups, groups):
        assert all(ds.class_names[int(np.argmax(ds.Y[r]))] == name for r in rows) and len(rows) == 10
        for r, tile in zip(rows, tiles):
            assert (tile.frame is not None) == (labels[r] != name)
            expected = INK_LUT[np.round(ds.X[r].reshape(2, 4) / 9 * 255).astype(int)]   # the data's 0..9, dark ink
            assert np.array_equal(tile.rgb, expected)
    chosen = []
    view.sigSampleChosen.connect(chosen.append)
    rect = view.samples.tile_rect(1, 0)
    qtbot.mouseClick(view.samples, Qt.LeftButton, pos=rect.center().toPoint())
    assert len(chosen) == 1 and np.array_equal(chosen[0], ds.X[view.groups[1][1][0]])


def test_the_images_tab_is_hidden_for_iris_and_shown_for_digits(window, train_to_end):
    w = window
    index = w.views.indexOf(w.image_weights)
    assert w.data_panel.load_csv_file(str(SAMPLES / "iris.csv"))
    assert not w.views.isTabVisible(index)
    assert w.data_panel.load_csv_file(str(SAMPLES / "digits.csv"))
    assert w.views.isTabVisible(index)
    w.views.setCurrentWidget(w.image_weights)
    QCoreApplication.processEvents()
    W = w.model.network.weights[0]
    assert np.array_equal(w.image_weights.unit_images[:, 3, 5], W[3 * 8 + 5, :])
    assert [name for name, _ in w.image_weights.samples.groups] == [str(k) for k in range(10)]
    w.training_panel.epochs.setValue(5)
    train_to_end(w)
    W = w.model.network.weights[0]                  # trained: what the view shows follows
    assert np.array_equal(w.image_weights.unit_images, W.T.reshape(-1, 8, 8))


def test_a_sample_clicked_in_images_is_tried_in_try_it(window, qtbot):
    w = window
    assert w.data_panel.load_csv_file(str(SAMPLES / "digits.csv"))
    w.views.setCurrentWidget(w.image_weights)
    QCoreApplication.processEvents()
    grid = w.image_weights.samples
    qtbot.mouseClick(grid, Qt.LeftButton, pos=grid.tile_rect(7, 0).center().toPoint())
    x = w.dataset.X[w.image_weights.groups[7][1][0]]
    w.views.setCurrentWidget(w.try_it)
    assert np.array_equal(w.try_it.values(), x) and np.array_equal(w.try_it.pad.values(), x)
    assert w.try_it.output.rows[7].value == pytest.approx(w.model.predict(x)[0, 7], abs=1e-9)
