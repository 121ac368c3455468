"""layer_outputs_over: the layer outputs over a plane's grid, from the inputs that vary."""
from __future__ import annotations

import numpy as np
import pytest

from bpgui.core.network import Network
from bpgui.core.output_slice import Plane, plane_grid
from bpgui.core.plane_forward import layer_outputs_over, varying_columns


def _net(n_in: int, dtype: str = "float64") -> Network:
    return Network(n_in, [(7, "tanh"), (5, "relu"), (3, "softmax")], loss="ce", seed=2, dtype=dtype)


@pytest.mark.parametrize("axes", [(3, 11), (5,)])
def test_equals_the_networks_layer_outputs_on_a_plane_grid(axes):
    rng = np.random.default_rng(0)
    held = rng.normal(size=40)
    plane = Plane(axes=axes, lo=tuple(-2.0 for _ in axes), hi=tuple(3.0 for _ in axes), held=held)
    X = plane_grid(plane, 9)
    assert varying_columns(X).tolist() == list(axes)
    net = _net(40)
    for got, expected in zip(layer_outputs_over(net, X), net.layer_outputs(X), strict=True):
        np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)


def test_rows_that_vary_everywhere_and_rows_all_alike():
    rng = np.random.default_rng(1)
    net = _net(12, dtype="float32")
    X = rng.normal(size=(30, 12))
    for got, expected in zip(layer_outputs_over(net, X), net.layer_outputs(X)):
        np.testing.assert_array_equal(got, expected)     # the usual way
    same = np.tile(X[:1], (6, 1))
    assert varying_columns(same).size == 0
    for got, expected in zip(layer_outputs_over(net, same), net.layer_outputs(same)):
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)
