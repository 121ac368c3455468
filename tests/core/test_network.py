import subprocess
import sys

import numpy as np
import pytest

from bpgui.core import DEFAULT_DTYPE, Network


def test_public_api_shapes():
    net = Network(n_inputs=2, layers=[(4, "tanh"), (1, "sigmoid")], loss="bce",
                  init="xavier", seed=0, dtype="float64")
    assert [W.shape for W in net.weights] == [(2, 4), (4, 1)]
    assert [b.shape for b in net.biases] == [(4,), (1,)]
    assert all(not b.any() for b in net.biases)  # biases start at zero
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    assert net.predict(X).shape == (4, 1)
    assert isinstance(net.loss(X, [0, 1, 1, 0]), float)
    dW, db = net.gradients(X, [[0], [1], [1], [0]])
    assert [g.shape for g in dW] == [(2, 4), (4, 1)] and [g.shape for g in db] == [(4,), (1,)]
    assert net.n_params == 2 * 4 + 4 + 4 + 1


def test_forward_is_x_dot_w_plus_b_per_layer():
    net = Network(2, [(3, "relu"), (2, "linear")], dtype="float64", seed=1)
    X = np.array([[1.0, -2.0], [0.5, 0.25]])
    h = np.maximum(X @ net.weights[0] + net.biases[0], 0)
    np.testing.assert_allclose(net.predict(X), h @ net.weights[1] + net.biases[1], rtol=1e-15)


def test_weights_are_assignable_whole_and_per_layer():
    net = Network(2, [(3, "tanh"), (1, "linear")], dtype="float64")
    net.weights = [np.ones((2, 3)), np.full((3, 1), 2.0)]
    net.biases[1] = [0.5]
    net.weights[0][0, 0] = -1.0
    np.testing.assert_array_equal(net.weights[0], [[-1, 1, 1], [1, 1, 1]])
    X = np.array([[1.0, 0.0]])
    expected = np.tanh(np.array([[-1.0, 1.0, 1.0]])) @ np.full((3, 1), 2.0) + 0.5
    np.testing.assert_allclose(net.predict(X), expected)
    with pytest.raises(ValueError, match=r"weights\[1\] must have shape \(3, 1\)"):
        net.weights = [np.ones((2, 3)), np.ones((1, 3))]
    with pytest.raises(ValueError, match="expected 2 biases"):
        net.biases = [np.zeros(3)]


def test_same_seed_same_weights_other_seed_other_weights():
    a = Network(3, [(5, "tanh"), (2, "linear")], seed=7)
    b = Network(3, [(5, "tanh"), (2, "linear")], seed=7)
    c = Network(3, [(5, "tanh"), (2, "linear")], seed=8)
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights))
    assert not np.array_equal(a.weights[0], c.weights[0])


@pytest.mark.parametrize("init,check", [
    ("xavier", lambda W, fi, fo: np.abs(W).max() <= np.sqrt(6 / (fi + fo))),
    ("he", lambda W, fi, fo: abs(W.std() - np.sqrt(2 / fi)) < 0.1 * np.sqrt(2 / fi)),
    ("normal", lambda W, fi, fo: abs(W.std() - 1) < 0.1),
    ("uniform", lambda W, fi, fo: np.abs(W).max() <= 1 and abs(W.std() - 1 / np.sqrt(3)) < 0.06),
])
def test_initialisers_have_their_documented_scale(init, check):
    net = Network(400, [(300, "relu"), (1, "linear")], init=init, seed=0, dtype="float64")
    assert check(net.weights[0], 400, 300)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_dtype_is_kept_everywhere(dtype):
    net = Network(2, [(3, "tanh"), (1, "sigmoid")], loss="bce", dtype=dtype)
    X = np.array([[0.0, 1.0]])
    assert net.predict(X).dtype == np.dtype(dtype)
    assert all(W.dtype == np.dtype(dtype) for W in net.weights)
    assert all(g.dtype == np.dtype(dtype) for g in net.gradients(X, [[1.0]])[0])


def test_default_dtype_is_the_measured_choice():
    assert DEFAULT_DTYPE == "float32"
    assert Network(1, [(1, "linear")]).dtype == np.float32


@pytest.mark.parametrize("kwargs,message", [
    (dict(n_inputs=0, layers=[(1, "linear")]), "n_inputs must be a positive integer"),
    (dict(n_inputs=2, layers=[]), "at least one layer"),
    (dict(n_inputs=2, layers=[(0, "tanh"), (1, "linear")]), "layer 0: units must be a positive integer"),
    (dict(n_inputs=2, layers=[(3, "tanhh"), (1, "linear")]), "unknown activation 'tanhh'"),
    (dict(n_inputs=2, layers=[(3,)]), r"layer 0: expected \(units, activation\)"),
    (dict(n_inputs=2, layers=[(1, "softmax")], loss="ce"), "softmax output needs at least 2 units"),
    (dict(n_inputs=2, layers=[(1, "linear")], dtype="float16"), "dtype must be one of float32, float64"),
    (dict(n_inputs=2, layers=[(1, "linear")], init="zeros"), "unknown initializer 'zeros'"),
    (dict(n_inputs=100_000, layers=[(100_000, "relu"), (1, "linear")]), "the limit is"),
])
def test_bad_architecture_is_refused_with_a_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Network(**kwargs)


def test_bad_input_shapes_are_refused():
    net = Network(3, [(2, "tanh"), (2, "linear")])
    with pytest.raises(ValueError, match=r"X must have shape \(n, 3\), got \(4, 2\)"):
        net.predict(np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"Y must have shape \(4, 2\), got \(4, 1\)"):
        net.loss(np.zeros((4, 3)), np.zeros((4, 1)))


def test_copy_is_independent():
    net = Network(2, [(3, "tanh"), (1, "linear")], seed=0)
    other = net.copy()
    other.weights[0][...] = 0
    assert net.weights[0].any()
    np.testing.assert_array_equal(other.predict([[1, 2]]), np.zeros((1, 1)))


def test_core_imports_no_qt():
    """The engine is Qt-free, checked in a fresh interpreter (pytest-qt imports Qt here)."""
    code = ("import bpgui.core, sys; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'shiboken6'))]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_forward_buffers_are_reused_for_batches_but_not_kept_for_huge_inputs():
    net = Network(3, [(5, "tanh"), (1, "linear")], dtype="float64", seed=0)
    X = np.random.default_rng(0).normal(size=(8, 3))
    first = net.predict(X).copy()
    net.loss(X, np.zeros((8, 1)))
    net.loss(X * 2, np.zeros((8, 1)))  # same batch size: the buffers are reused ...
    np.testing.assert_array_equal(net.predict(X), first)  # ... without leaking into results
    assert 8 in net._buffers
    big = np.zeros((1_000_000, 3))
    net.loss(big, np.zeros((1_000_000, 1)))
    assert 1_000_000 not in net._buffers


@pytest.mark.parametrize("sizes", [[2, 1], [2, 4, 1], [784, 128, 64, 10], [3, 5, 5, 5, 2]])
def test_parameter_count_is_the_size_of_the_flat_vector(sizes):
    from bpgui.core.network import parameter_count

    acts = ["tanh"] * (len(sizes) - 2) + ["linear"]
    net = Network(sizes[0], list(zip(sizes[1:], acts)), loss="mse")
    assert parameter_count(sizes) == net.n_params == net.parameters.size
    assert parameter_count(sizes) == sum(W.size + b.size for W, b in zip(net.weights, net.biases))


def test_parameter_count_does_not_overflow():
    from bpgui.core.network import parameter_count

    assert parameter_count(np.array([2**40, 2**40], dtype=np.int64)) == (2**40 + 1) * 2**40


def test_layer_outputs_are_each_layers_activations_by_hand():
    from bpgui.core.network import Network
    net = Network(2, [(3, "tanh"), (2, "softmax")], loss="ce", seed=1, dtype="float64")
    X = np.array([[0.5, -1.0], [2.0, 0.25]])
    hidden, out = net.layer_outputs(X)
    np.testing.assert_allclose(hidden, np.tanh(X @ net.weights[0] + net.biases[0]))
    z = hidden @ net.weights[1] + net.biases[1]
    np.testing.assert_allclose(out, np.exp(z) / np.exp(z).sum(axis=1, keepdims=True))
    np.testing.assert_array_equal(out, net.predict(X))
