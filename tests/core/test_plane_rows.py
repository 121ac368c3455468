"""Rows sharing all but a few columns: found from the rows, and their forward pass the same."""
from __future__ import annotations

import numpy as np
import pytest

from bpgui.core.network import Network
from bpgui.core.output_slice import Plane, plane_grid
from bpgui.core.plane_rows import PlaneRows, layer_outputs, plane_rows


def wide_plane(n_inputs: int = 30) -> Plane:
    rng = np.random.default_rng(1)
    held = rng.normal(size=n_inputs) + 3.0          # far from zero: a held value must count
    return Plane((4, 17), held, (-2.0, 1.0), (3.0, 6.0))


def test_the_varying_columns_are_the_planes_and_the_rows_come_back_whole():
    rows = plane_grid(wide_plane(), 7)
    split = plane_rows(rows)
    assert list(split.columns) == [4, 17] and len(split) == 49
    np.testing.assert_array_equal(split.full(), rows)
    np.testing.assert_array_equal(split.values, rows[:, [4, 17]])


def test_a_missing_value_is_a_varying_column():
    rows = np.ones((3, 4))
    rows[:, 2] = np.nan
    assert list(plane_rows(rows).columns) == [2]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_every_layers_outputs_are_the_full_forward_pass(dtype):
    rows = plane_grid(wide_plane(), 9).astype(dtype)
    net = Network(30, [(12, "tanh"), (6, "relu"), (3, "softmax")], loss="ce", seed=3, dtype=dtype)
    net.biases[0] = np.linspace(-1, 1, 12)
    tol = 1e-12 if dtype == "float64" else 2e-5
    for mine, truth in zip(layer_outputs(net, plane_rows(rows)), net.layer_outputs(rows)):
        np.testing.assert_allclose(mine, truth, rtol=tol, atol=tol)


def test_plain_rows_go_through_the_network_as_they_are():
    rows = np.random.default_rng(0).normal(size=(5, 30))
    net = Network(30, [(4, "tanh"), (1, "sigmoid")], loss="bce", dtype="float64")
    for mine, truth in zip(layer_outputs(net, rows), net.layer_outputs(rows)):
        np.testing.assert_array_equal(mine, truth)
    assert not isinstance(rows, PlaneRows)
