"""The window's gradient check: the engine's check on a float64 copy and a sample of rows."""
import numpy as np

from bpgui.core import Network, gradient_check
from bpgui.core.gradcheck import gradient_check_sample


def data(n, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    return X, np.eye(3)[rng.integers(0, 3, n)]


def test_a_float32_network_is_checked_in_float64_and_left_as_it_was():
    X, Y = data(20)
    net = Network(3, [(5, "tanh"), (3, "softmax")], loss="ce", dtype="float32", seed=1)
    before = net.parameters.copy()
    check, rows = gradient_check_sample(net, X, Y)
    assert rows == 20 and len(check.layer_errors) == 2
    assert check.max_error < 1e-6                       # float64: backprop agrees
    assert gradient_check(net, X, Y).max_error > 1e-6   # the float32 network itself: rounding drowns it
    assert net.parameters.dtype == np.float32 and np.array_equal(net.parameters, before)


def test_more_rows_than_asked_are_sampled_without_repeats_and_the_numbers_are_the_engines():
    X, Y = data(100)
    net = Network(3, [(4, "sigmoid"), (3, "softmax")], loss="ce", dtype="float64", seed=2)
    check, rows = gradient_check_sample(net, X, Y, rows=10, seed=7)
    assert rows == 10
    keep = np.sort(np.random.default_rng(7).choice(100, 10, replace=False))
    assert check == gradient_check(net, X[keep], Y[keep])
    assert check != gradient_check(net, X[:10], Y[:10])
