"""Neuron maps: each hidden neuron's activation over the plane's grid, laid out as an image."""
from __future__ import annotations

import numpy as np
import pytest

from bpgui.core.dataset import Dataset
from bpgui.core.model import Model
from bpgui.core.network import Network
from bpgui.core.neuron_maps import map_levels, neuron_map, neuron_maps
from bpgui.core.output_slice import default_plane, plane_grid


def model_on(n_features: int, layers, seed: int = 3) -> tuple[Model, Dataset]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, n_features)) * [3.0, 0.5, 2.0][:n_features] + [10.0, -1.0, 4.0][:n_features]
    ds = Dataset(X, (X[:, :1] > 10).astype(float), [f"f{k}" for k in range(n_features)], ["y"],
                 ["no", "yes"], "binary")
    net = Network(n_features, layers, loss="bce", seed=seed, dtype="float64")
    net.biases[0] = rng.normal(size=layers[0][0])
    return Model.for_dataset(net, ds, normalize="zscore"), ds


def test_each_pixel_is_the_neurons_activation_at_that_grid_point():
    model, ds = model_on(3, [(4, "tanh"), (3, "relu"), (1, "sigmoid")])
    plane = default_plane(ds)
    n = 7
    maps = neuron_maps(model, None, plane, n)
    assert [m.shape for m in maps] == [(4, n, n), (3, n, n)]
    grid = plane_grid(plane, n)
    truth = model.network.layer_outputs(model.encode_inputs(grid))
    for layer in range(2):
        for r in range(n):
            for c in range(n):
                np.testing.assert_allclose(maps[layer][:, r, c], truth[layer][r * n + c])
    # row 0 is the bottom of the plane (lowest y), x grows along a row
    assert grid[0, 1] == pytest.approx(plane.lo[1]) and grid[n - 1, 0] == pytest.approx(plane.hi[0])


def test_the_given_network_is_used_not_the_models():
    model, ds = model_on(2, [(3, "tanh"), (1, "sigmoid")])
    other = model.network.copy()
    other.weights[0] = -np.asarray(other.weights[0])
    plane = default_plane(ds)
    mine, theirs = neuron_maps(model, None, plane, 5)[0], neuron_maps(model, other, plane, 5)[0]
    assert not np.allclose(mine, theirs)
    truth = other.layer_outputs(model.encode_inputs(plane_grid(plane, 5)))[0]
    np.testing.assert_allclose(theirs[2].ravel(), truth[:, 2])


def test_one_neurons_finer_map_matches_the_layer_maps():
    model, ds = model_on(3, [(4, "relu"), (2, "tanh"), (1, "sigmoid")])
    plane = default_plane(ds).with_axes((2, 0), ds.X)
    maps = neuron_maps(model, None, plane, 9)
    np.testing.assert_allclose(neuron_map(model, None, plane, 9, 1, 1), maps[1][1])
    np.testing.assert_allclose(neuron_map(model, None, plane, 9, 0, 3), maps[0][3])


def test_a_plane_with_one_axis_gives_strips():
    model, ds = model_on(1, [(2, "tanh"), (1, "sigmoid")])
    maps = neuron_maps(model, None, default_plane(ds), 11)
    assert maps[0].shape == (2, 1, 11)


def test_levels_bounded_activations_use_their_range_others_the_layers_largest_value():
    maps = np.array([[[0.2, -3.0], [np.nan, 1.0]]])
    assert map_levels("tanh", maps) == (-1.0, 1.0)
    assert map_levels("sigmoid", maps) == (0.0, 1.0)
    assert map_levels("relu", maps) == (-3.0, 3.0)
    assert map_levels("linear", np.zeros((2, 3, 3))) == (-1.0, 1.0)
