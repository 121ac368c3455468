"""The plane through the input space that the maps draw."""
from __future__ import annotations

import numpy as np

from bpgui.core.dataset import Dataset
from bpgui.core.model import Model
from bpgui.core.network import Network
from bpgui.core.output_slice import (band_values, class_probabilities, default_plane, nice_step, plane_grid,
                                     slice_outputs, telling_axes)


def data(X):
    X = np.asarray(X, dtype=float)
    return Dataset(X, np.zeros((len(X), 1)), [f"f{k}" for k in range(X.shape[1])], ["y"], None, "regression")


def test_default_plane_holds_the_other_features_at_the_training_means():
    ds = data([[0, 10, 1, 5], [1, 20, 3, 7], [2, 30, np.nan, 9]])
    plane = default_plane(ds, ds.subset([0, 1]))
    assert plane.axes == (0, 1)
    np.testing.assert_allclose(plane.held, [0.5, 15, 2, 6])
    assert plane.lo[0] < 0 < 2 < plane.hi[0] and plane.lo[1] < 10 and plane.hi[1] > 30


def test_grid_rows_run_x_fastest_and_hold_the_rest():
    ds = data([[0, 0, 4], [1, 2, 4]])
    plane = default_plane(ds).with_axes((2, 0), ds.X)
    X = plane_grid(plane, 3)
    assert X.shape == (9, 3)
    np.testing.assert_allclose(X[:3, 2], np.linspace(plane.lo[0], plane.hi[0], 3))   # x fastest
    np.testing.assert_allclose(X[::3, 0], np.linspace(plane.lo[1], plane.hi[1], 3))
    np.testing.assert_allclose(X[:, 1], 1.0)                                           # held at the mean
    held = plane.holding([9, 8, 7])
    np.testing.assert_allclose(plane_grid(held, 3)[:, 1], 8.0)


def test_one_axis_is_a_line():
    ds = data([[0.0], [2.0]])
    X = plane_grid(default_plane(ds), 5)
    assert X.shape == (5, 1) and X[0, 0] < 0 and X[-1, 0] > 2


# ------------------------------------------------------------------ what the maps draw
def regression_model(normalize="zscore"):
    rng = np.random.default_rng(0)
    X = rng.normal([10.0, -5.0, 100.0], [2.0, 1.0, 30.0], size=(40, 3))
    ds = Dataset(X, (X @ [1.0, 2.0, 0.1])[:, None], ["a", "b", "c"], ["y"], None, "regression")
    net = Network(3, [(5, "tanh"), (1, "linear")], loss="mse", seed=1)
    return ds, Model.for_dataset(net, ds, normalize=normalize)


def test_slice_outputs_are_the_models_predictions_at_the_raw_grid_points():
    ds, model = regression_model()
    plane = default_plane(ds).with_axes((2, 0), ds.X).holding([0.0, 7.5, 0.0])
    out = slice_outputs(model, plane, 6)
    X = plane_grid(plane, 6)
    assert out.shape == (36, 1)
    np.testing.assert_allclose(out, model.predict(X), rtol=1e-5)
    np.testing.assert_allclose(X[:, 1], 7.5)          # the held value reaches the network
    # Another held value is another slice: other numbers.
    assert not np.allclose(out, slice_outputs(model, plane.holding([0.0, -9.0, 0.0]), 6))


def test_slice_outputs_use_the_given_network_with_the_models_scaling():
    ds, model = regression_model()
    other = model.network.copy()
    other.biases = [b + 1.0 for b in other.biases]
    plane = default_plane(ds)
    moved = slice_outputs(model, plane, 4, other)
    assert not np.allclose(moved, slice_outputs(model, plane, 4))
    expected = model.y_normalizer.inverse_transform(other.predict(model.encode_inputs(plane_grid(plane, 4))))
    np.testing.assert_allclose(moved, expected, rtol=1e-5)


def test_class_probabilities_of_softmax_and_of_independent_sigmoids():
    softmax = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    np.testing.assert_allclose(class_probabilities(softmax, "multiclass"), softmax)
    adder = np.array([[0.1, 0.9], [0.8, 0.3]])       # sum, carry: two questions, never an argmax
    np.testing.assert_allclose(class_probabilities(adder, "binary", 0), [[0.9, 0.1], [0.2, 0.8]])
    np.testing.assert_allclose(class_probabilities(adder, "binary", 1), [[0.1, 0.9], [0.7, 0.3]])


def test_bands_are_round_steps_and_values_go_to_their_middles():
    assert nice_step(10.0, 8) == 2.0 and nice_step(0.7, 8) == 0.1 and nice_step(300, 8) == 50
    np.testing.assert_allclose(band_values(np.array([0.0, 0.9, 1.0, -0.1]), 1.0), [0.5, 0.5, 1.5, -0.5])


def test_telling_axes_are_the_features_that_go_with_the_target():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(200, 5))
    X[:, 0] = 4.0                                      # constant: tells nothing
    y = 3 * X[:, 4] - 2 * X[:, 1] + 0.1 * rng.normal(size=200)
    ds = Dataset(X, y[:, None], list("abcde"), ["y"], None, "regression")
    assert telling_axes(ds) == (1, 4)
    assert telling_axes(ds.subset(np.arange(200))) == (1, 4)
    assert telling_axes(data([[0, 1], [1, 0]])) == (0, 1)
