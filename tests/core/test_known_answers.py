"""Known answers: one SGD step of a small sigmoid network worked out by hand, to 8 digits."""
import numpy as np
import pytest

from bpgui.core import Network, Trainer


def worked_example_network():
    # x = [0.5, 0.1, -0.2], target 0.6, sigmoid hidden (2) and output (1), no biases.
    net = Network(3, [(2, "sigmoid"), (1, "sigmoid")], loss="mse", dtype="float64")
    net.weights = [np.array([[0.5, -0.6], [0.1, -0.2], [0.1, 0.7]]), np.array([[0.1], [-0.3]])]
    net.biases = [np.zeros(2), np.zeros(1)]
    return net, np.array([[0.5, 0.1, -0.2]]), np.array([[0.6]])


def test_worked_example_one_sgd_step_changes_weights_as_printed():
    net, X, Y = worked_example_network()
    before = [W.copy() for W in net.weights]
    Trainer(net, optimizer="sgd", lr=0.5, batch_size=None).epoch(X, Y)
    change_ho = net.weights[1].ravel() - before[1].ravel()
    change_ih = net.weights[0] - before[0]
    # The worked-out weight changes:
    np.testing.assert_allclose(change_ho, [0.00804047, 0.00555918], rtol=0, atol=1e-8)
    np.testing.assert_allclose(
        change_ih,
        [[1.77005547e-04, -5.11178506e-04],
         [3.54011093e-05, -1.02235701e-04],
         [-7.08022187e-05, 2.04471402e-04]],
        rtol=0, atol=1e-8,
    )


def test_worked_example_gradients_are_minus_change_over_lr():
    net, X, Y = worked_example_network()
    dW, db = net.gradients(X, Y)
    np.testing.assert_allclose(-0.5 * dW[1].ravel(), [0.008040473948, 0.005559180912], atol=1e-12)
    # The worked example has no biases, but their gradient is the delta itself.
    out = net.predict(X)[0, 0]
    assert db[1][0] == pytest.approx((out - 0.6) * out * (1 - out), rel=1e-12)


def test_seed_004_and_gate_with_sigmoid_and_bce():
    """Seed 004: sigmoid + bce trains an AND gate; delta = y_hat - y."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    Y = np.array([[0], [0], [0], [1]], dtype=float)
    net = Network(2, [(1, "sigmoid")], loss="bce", seed=0, dtype="float64")
    tr = Trainer(net, optimizer="sgd", lr=0.5)
    for _ in range(1000):
        stats = tr.epoch(X, Y)
    assert stats.metrics["accuracy"] == 1.0
    assert stats.loss < 0.15
    np.testing.assert_array_equal(net.predict(X) > 0.5, Y > 0.5)
