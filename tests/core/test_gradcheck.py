"""Backpropagation against central differences for every pair the engine accepts."""
import numpy as np
import pytest

from bpgui.core import ACTIVATIONS, LOSSES, Network, gradient_check
from bpgui.core.losses import ALLOWED_OUTPUTS

PAIRS = [
    (act, loss)
    for loss in LOSSES
    for act in ACTIVATIONS
    if ALLOWED_OUTPUTS[loss] is None or act in ALLOWED_OUTPUTS[loss]
]


def problem(out_act, loss, n_out, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(7, 3))
    if loss == "ce":
        Y = np.eye(n_out)[rng.integers(0, n_out, 7)]
    elif loss == "bce":
        Y = rng.integers(0, 2, (7, n_out)).astype(float)
    else:
        Y = rng.normal(size=(7, n_out))
    return X, Y


def test_pairs_cover_every_activation_with_mse_plus_the_canonical_ones():
    assert len(PAIRS) == len(ACTIVATIONS) + 2
    assert ("sigmoid", "bce") in PAIRS and ("softmax", "ce") in PAIRS


@pytest.mark.parametrize("out_act,loss", PAIRS)
def test_gradient_check_every_pair(out_act, loss):
    X, Y = problem(out_act, loss, 3)
    net = Network(3, [(5, "tanh"), (4, "swish"), (3, out_act)], loss=loss, dtype="float64", seed=2)
    # Move off the Xavier start so no unit sits in a special spot.
    net.biases = [np.full(5, 0.1), np.full(4, -0.2), np.full(3, 0.05)]
    result = gradient_check(net, X, Y)
    assert len(result.layer_errors) == 3
    assert result.max_error < 1e-6, result


@pytest.mark.parametrize("hidden", list(ACTIVATIONS))
def test_gradient_check_every_hidden_activation(hidden):
    X, Y = problem("softmax", "ce", 3, seed=1)
    net = Network(3, [(6, hidden), (5, hidden), (3, "softmax")], loss="ce", dtype="float64", seed=4)
    result = gradient_check(net, X, Y)
    assert result.max_error < 1e-6, result


def test_gradient_check_catches_a_wrong_gradient(monkeypatch):
    """The check itself must fail when backprop is wrong (here: tanh' replaced by 1)."""
    X, Y = problem("linear", "mse", 2)
    net = Network(3, [(4, "tanh"), (2, "linear")], loss="mse", dtype="float64", seed=0)
    monkeypatch.setattr(type(ACTIVATIONS["tanh"]), "derivative", lambda self, z, a: np.ones_like(z))
    result = gradient_check(net, X, Y)
    assert result.layer_errors[0] > 1e-3
    assert not result


def test_deep_and_wide_network():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(4, 2))
    Y = rng.normal(size=(4, 1))
    net = Network(2, [(3, "elu")] * 6 + [(1, "linear")], loss="mse", dtype="float64", seed=0)
    assert gradient_check(net, X, Y).max_error < 1e-6
