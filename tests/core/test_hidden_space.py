"""The hidden space: data points and grid lines mapped through a hidden layer."""
from __future__ import annotations

import numpy as np
import pytest

from bpgui.core.dataset import Dataset
from bpgui.core.hidden_space import fit_pca, grid_lines, hidden_space, orthographic, prepare_inputs
from bpgui.core.model import Model
from bpgui.core.network import Network
from bpgui.core.output_slice import default_plane, plane_grid


def model_with(hidden, n_features: int = 2, seed: int = 0) -> tuple[Model, Dataset]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(60, n_features)) * 2.0 + 5.0
    ds = Dataset(X, (X[:, :1] > 5).astype(float), [f"f{k}" for k in range(n_features)], ["y"],
                 ["a", "b"], "binary")
    net = Network(n_features, list(hidden) + [(1, "sigmoid")], loss="bce", seed=seed, dtype="float64")
    net.biases[0] = rng.normal(size=hidden[0][0])
    return Model.for_dataset(net, ds, normalize="zscore"), ds


def test_two_unit_layer_points_are_the_layers_activations():
    model, ds = model_with([(5, "tanh"), (2, "tanh")])
    lines = grid_lines(default_plane(ds), count=4, samples=10)
    space = hidden_space(model.network, 1, prepare_inputs(model, ds.X, lines))
    truth = model.network.layer_outputs(model.encode_inputs(ds.X))[1]
    np.testing.assert_allclose(space.points, truth)
    np.testing.assert_allclose(space.activations, truth)
    assert space.projection.explained is None and space.projection.labels == ("neuron 1", "neuron 2")


def test_lines_pass_through_the_mapped_grid_points():
    model, ds = model_with([(2, "relu")], n_features=3)
    plane = default_plane(ds).with_axes((2, 1), ds.X)
    lines = grid_lines(plane, count=5, samples=9)
    assert len(lines) == 10
    # a line of constant x: the x feature fixed, y runs from lo to hi; the others held
    first = lines[0]
    np.testing.assert_allclose(first[:, 2], plane.lo[0])
    np.testing.assert_allclose(first[:, 1], np.linspace(plane.lo[1], plane.hi[1], 9))
    np.testing.assert_allclose(first[:, 0], plane.held[0])
    np.testing.assert_allclose(lines[5][:, 1], plane.lo[1])
    space = hidden_space(model.network, 0, prepare_inputs(model, ds.X[:3], lines))
    for raw, mapped in zip(lines, space.lines):
        np.testing.assert_allclose(mapped, model.network.layer_outputs(model.encode_inputs(raw))[0])
    # both lines through a grid point of plane_grid pass through its mapped point
    # (9 samples a line: grid point k of 5 is sample 2k)
    grid = model.network.layer_outputs(model.encode_inputs(plane_grid(plane, 5)))[0]
    for r in range(5):
        for c in range(5):
            np.testing.assert_allclose(space.lines[c][2 * r], grid[r * 5 + c])
            np.testing.assert_allclose(space.lines[5 + r][2 * c], grid[r * 5 + c])


def test_pca_matches_numpys_svd():
    rng = np.random.default_rng(4)
    A = rng.normal(size=(200, 6)) @ rng.normal(size=(6, 6))
    p = fit_pca(A)
    C = p.components
    np.testing.assert_allclose(C @ C.T, np.eye(2), atol=1e-12)          # orthonormal
    centred = A - A.mean(axis=0)
    _, s, vt = np.linalg.svd(centred)
    np.testing.assert_allclose(np.abs(C @ vt[:2].T), np.eye(2), atol=1e-9)   # the same axes, up to sign
    np.testing.assert_allclose(p.explained, s[:2] ** 2 / np.sum(s ** 2))
    assert p.explained.sum() <= 1.0 and p.explained[0] >= p.explained[1]
    var = np.var(p.apply(A), axis=0) * len(A)
    np.testing.assert_allclose(var, s[:2] ** 2)
    assert p.labels[0] == f"PC1 ({100 * p.explained[0]:.0f} %)"


@pytest.mark.parametrize("rows", [5, 12, 13, 400])     # short data by the SVD itself, tall by the Gram matrix
def test_pca_of_short_and_tall_data_agree_with_the_svd(rows):
    A = np.random.default_rng(rows).normal(size=(rows, 6)) * [4, 2, 1, 1, 0.5, 0.1]
    p = fit_pca(A)
    _, s, vt = np.linalg.svd(A - A.mean(axis=0), full_matrices=False)
    np.testing.assert_allclose(np.abs(np.sum(p.components * vt[:2], axis=1)), 1.0, atol=1e-9)
    np.testing.assert_allclose(p.explained, s[:2] ** 2 / np.sum(s ** 2), rtol=1e-9)


def test_pca_signs_are_stable_while_the_data_drifts():
    rng = np.random.default_rng(5)
    A = rng.normal(size=(100, 5)) * [5, 3, 1, 1, 1]
    a, b = fit_pca(A), fit_pca(-A + 1e-6 * rng.normal(size=A.shape))
    np.testing.assert_allclose(a.components, b.components, atol=1e-4)


def test_wide_layers_use_the_pca_of_the_data_and_the_lines_follow_it():
    model, ds = model_with([(7, "tanh")])
    lines = grid_lines(default_plane(ds), count=3, samples=5)
    space = hidden_space(model.network, 0, prepare_inputs(model, ds.X, lines))
    p = space.projection
    assert p.explained is not None and 0 < p.explained.sum() <= 1
    acts = model.network.layer_outputs(model.encode_inputs(ds.X))[0]
    pca = fit_pca(acts)
    np.testing.assert_allclose(space.points, (acts - pca.mean) @ pca.components.T)
    np.testing.assert_allclose(space.points.mean(axis=0), 0, atol=1e-12)
    raw = model.network.layer_outputs(model.encode_inputs(lines[2]))[0]
    np.testing.assert_allclose(space.lines[2], (raw - pca.mean) @ pca.components.T)


@pytest.mark.parametrize("azimuth, elevation", [(0, 0), (35, 20), (200, -40)])
def test_three_units_are_seen_orthographically(azimuth, elevation):
    p = orthographic(azimuth, elevation)
    np.testing.assert_allclose(p.components @ p.components.T, np.eye(2), atol=1e-12)
    if elevation == 0:
        np.testing.assert_allclose(p.apply(np.array([[0, 0, 1.0]])), [[0, 1]], atol=1e-12)   # unit 3 points up
    model, ds = model_with([(3, "tanh")])
    space = hidden_space(model.network, 0, prepare_inputs(model, ds.X, []), view=(azimuth, elevation))
    np.testing.assert_allclose(space.points, space.activations @ p.components.T, atol=1e-12)


def test_one_unit_layer_lies_on_the_x_axis_and_a_one_axis_plane_is_one_line():
    model, ds = model_with([(1, "tanh")], n_features=1)
    lines = grid_lines(default_plane(ds), samples=20)
    assert len(lines) == 1 and lines[0].shape == (20, 1)
    space = hidden_space(model.network, 0, prepare_inputs(model, ds.X, lines))
    np.testing.assert_allclose(space.points[:, 1], 0)
    np.testing.assert_allclose(space.points[:, 0], space.activations[:, 0])
