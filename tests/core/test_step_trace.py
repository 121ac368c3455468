"""Trainer.trace_step: one training step with every number, against independent answers.

* the gradients against ``Network.gradients`` on a copy, and torch's autograd
  for the per-sample deltas;
* the parameter changes against ``Trainer.epoch`` (full batch) on a copy, for
  every optimizer, over two dependent steps;
* the optimizer state against its torch.optim formula (Adam, momentum);
* the worked two-layer example of the course texts, by hand to 1e-8.
"""
from __future__ import annotations

import numpy as np
import pytest

from bpgui.core import OPTIMIZERS, StepTrace
from bpgui.core.network import Network
from bpgui.core.step_trace import output_delta_rule
from bpgui.core.training import Trainer

RNG = np.random.default_rng(7)
X = RNG.normal(size=(5, 3))
Y_BIN = (RNG.random((5, 2)) > 0.5).astype(float)


def _net(output="sigmoid", loss="bce", hidden="tanh", n_out=2, seed=1):
    return Network(3, [(4, hidden), (3, "relu" if hidden == "tanh" else hidden), (n_out, output)],
                   loss=loss, seed=seed, dtype="float64")


def _pair(name, **kw):
    """A trainer on a network, and an independent trainer on a copy with the same settings."""
    net = _net()
    a = Trainer(net, optimizer=name, lr=0.05, **kw)
    b = Trainer(net.copy(), optimizer=name, lr=0.05, **kw)
    return a, b


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_gradients_equal_network_gradients(name):
    trainer, _ = _pair(name)
    dW, db = trainer.net.copy().gradients(X, Y_BIN)
    trace = trainer.trace_step(X, Y_BIN)
    for layer, gW, gb in zip(trace.layers, dW, db):
        np.testing.assert_allclose(layer.dW, gW, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(layer.db, gb, rtol=1e-12, atol=1e-15)
        # and the batch-mean formulas the step-through shows
        n = len(X)
        np.testing.assert_allclose(layer.dW, layer.a_prev.T @ layer.delta / n, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(layer.db, layer.delta.sum(axis=0) / n, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_updates_equal_full_batch_epochs(name):
    trainer, reference = _pair(name)
    for _ in range(2):  # the second step uses the state the first one left
        trace = trainer.trace_step(X, Y_BIN)
        before = [W.copy() for W in reference.net.weights], [b.copy() for b in reference.net.biases]
        reference.epoch(X, Y_BIN)
        for l, layer in enumerate(trace.layers):
            np.testing.assert_array_equal(layer.W_before, before[0][l])
            np.testing.assert_array_equal(layer.W_after, reference.net.weights[l])
            np.testing.assert_array_equal(layer.b_after, reference.net.biases[l])
            np.testing.assert_array_equal(layer.dW_update, reference.net.weights[l] - before[0][l])
            np.testing.assert_array_equal(layer.db_update, reference.net.biases[l] - before[1][l])
            assert np.any(layer.dW_update != 0)
    assert (trainer.epochs_done, trainer.steps_done) == (reference.epochs_done, reference.steps_done) == (2, 2)
    assert trainer.optimizer.t == reference.optimizer.t == 2
    assert trace.optimizer.t == 2 and (trace.epoch, trace.steps) == (2, 2)


def test_the_schedule_gives_the_rate_and_regularisation_is_in_dW():
    kw = dict(schedule="exponential", schedule_params={"gamma": 0.5}, l1=0.01, l2=0.1)
    trainer, reference = _pair("sgd", **kw)
    trainer.trace_step(X, Y_BIN)
    reference.epoch(X, Y_BIN)
    dW, _ = trainer.net.copy().gradients(X, Y_BIN)
    trace = trainer.trace_step(X, Y_BIN)
    stats = reference.epoch(X, Y_BIN)
    assert trace.lr == pytest.approx(0.025) and stats.lr == pytest.approx(0.025)
    for l, layer in enumerate(trace.layers):
        W = layer.W_before
        np.testing.assert_allclose(layer.dW_penalty, 0.1 * W + 0.01 * np.sign(W), rtol=1e-12)
        np.testing.assert_allclose(layer.dW, dW[l] + layer.dW_penalty, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(layer.dW_update, -0.025 * layer.dW, rtol=1e-9, atol=1e-15)
        np.testing.assert_array_equal(layer.W_after, reference.net.weights[l])


def test_deltas_follow_the_recurrence_and_torch():
    torch = pytest.importorskip("torch")
    net = Network(3, [(4, "tanh"), (3, "sigmoid"), (2, "sigmoid")], loss="mse", seed=3, dtype="float64")
    Y = RNG.random((5, 2))
    weights = [torch.tensor(W.copy(), requires_grad=True) for W in net.weights]
    biases = [torch.tensor(b.copy()) for b in net.biases]
    trace = Trainer(net, optimizer="sgd", lr=0.1).trace_step(X, Y)
    # delta_l = (delta_{l+1} W_{l+1}^T) * f'(z_l), with f' written out here
    derivative = {"tanh": lambda a: 1 - a ** 2, "sigmoid": lambda a: a * (1 - a)}
    for lower, upper in zip(trace.layers[:-1], trace.layers[1:]):
        expected = (upper.delta @ upper.W_before.T) * derivative[lower.activation](lower.a)
        np.testing.assert_allclose(lower.delta, expected, rtol=1e-12, atol=1e-15)
    # per-sample delta = d(sum of per-sample losses)/dz, by autograd
    a, zs = torch.tensor(X), []
    for W, b, act in zip(weights, biases, (torch.tanh, torch.sigmoid, torch.sigmoid)):
        z = a @ W + b
        z.retain_grad()
        zs.append(z)
        a = act(z)
    (0.5 * ((a - torch.tensor(Y)) ** 2).sum()).backward()
    for layer, z in zip(trace.layers, zs):
        np.testing.assert_allclose(layer.z, z.detach().numpy(), rtol=1e-12)
        np.testing.assert_allclose(layer.delta, z.grad.numpy(), rtol=1e-10, atol=1e-14)
    assert trace.output_rule == "chain rule: dL/dy_hat * f'(z)"


@pytest.mark.parametrize("output, loss, n_out", [("sigmoid", "bce", 2), ("softmax", "ce", 3), ("linear", "mse", 2)])
def test_output_delta_is_y_hat_minus_y_for_the_canonical_pairs(output, loss, n_out):
    net = _net(output, loss, n_out=n_out)
    Y = np.eye(n_out)[RNG.integers(0, n_out, 5)] if loss == "ce" else RNG.random((5, n_out))
    trace = Trainer(net, optimizer="adam").trace_step(X, Y)
    out = trace.layers[-1]
    np.testing.assert_allclose(out.delta, trace.y_hat - Y, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(out.a, trace.y_hat)
    words = {"bce": "binary cross-entropy", "ce": "cross-entropy", "mse": "squared error"}[loss]
    assert trace.output_rule == f"y_hat - y ({output} + {words})" == output_delta_rule(output, loss)


def test_adam_state_explains_the_update():
    trainer = Trainer(_net(), optimizer="adam", lr=0.01, betas=(0.8, 0.9), eps=1e-6)
    first = trainer.trace_step(X, Y_BIN)
    trace = trainer.trace_step(X, Y_BIN)
    assert trace.optimizer.scalars == pytest.approx({"bias_correction1": 1 - 0.8 ** 2,
                                                     "bias_correction2": 1 - 0.9 ** 2})
    for l0, layer in zip(first.layers, trace.layers):
        for grads0, grads, part in ((l0.dW, layer.dW, 0), (l0.db, layer.db, 1)):
            m = 0.8 * (0.2 * grads0) + 0.2 * grads
            v = 0.9 * (0.1 * grads0 ** 2) + 0.1 * grads ** 2
            np.testing.assert_allclose(layer.state["exp_avg"][part], m, rtol=1e-12, atol=1e-18)
            np.testing.assert_allclose(layer.state["exp_avg_sq"][part], v, rtol=1e-12, atol=1e-18)
            m_hat, v_hat = m / (1 - 0.8 ** 2), v / (1 - 0.9 ** 2)
            np.testing.assert_allclose(layer.state["m_hat"][part], m_hat, rtol=1e-12, atol=1e-18)
            step = -0.01 * m_hat / (np.sqrt(v_hat) + 1e-6)
            update = layer.dW_update if part == 0 else layer.db_update
            np.testing.assert_allclose(update, step, rtol=1e-7, atol=1e-15)


def test_momentum_buffer_and_plain_sgd_state():
    trainer = Trainer(_net(), optimizer="momentum", lr=0.1, momentum=0.5)
    first = trainer.trace_step(X, Y_BIN)
    trace = trainer.trace_step(X, Y_BIN)
    for l0, layer in zip(first.layers, trace.layers):
        np.testing.assert_allclose(layer.state["momentum_buffer"][0], 0.5 * l0.dW + layer.dW, rtol=1e-12)
        np.testing.assert_allclose(layer.dW_update, -0.1 * layer.state["momentum_buffer"][0], rtol=1e-9)
    assert "buf" in trace.optimizer.rule
    plain = Trainer(_net(), optimizer="sgd", lr=0.1).trace_step(X, Y_BIN)
    assert plain.optimizer.state == {} and plain.optimizer.rule == "W -= lr * g"
    assert plain.layers[0].state == {}


def test_trace_holds_copies():
    trainer = Trainer(_net(), optimizer="adam")
    trace = trainer.trace_step(X, Y_BIN)
    kept = [layer.W_after.copy() for layer in trace.layers], [layer.z.copy() for layer in trace.layers]
    trainer.trace_step(X[:2], Y_BIN[:2])  # moves the network and reuses its buffers
    for l, layer in enumerate(trace.layers):
        np.testing.assert_array_equal(layer.W_after, kept[0][l])
        np.testing.assert_array_equal(layer.z, kept[1][l])
    assert isinstance(trace, StepTrace) and trace.batch_size == 5


def test_empty_batch_is_refused():
    with pytest.raises(ValueError, match="no training samples"):
        Trainer(_net()).trace_step(np.zeros((0, 3)), np.zeros((0, 2)))


# The worked example of the course texts (docs/step-through.md): a 3-2-1 sigmoid
# network without biases, x = [0.5, 0.1, -0.2], target 0.6, SGD with rate 0.5,
# loss 1/2 (y_hat - y)^2 (bpgui's mse: 1/2 * sum over outputs, one output here).
W_IN = np.array([[0.5, -0.6], [0.1, -0.2], [0.1, 0.7]])
W_OUT = np.array([[0.1], [-0.3]])


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def test_worked_two_layer_example():
    net = Network(3, [(2, "sigmoid"), (1, "sigmoid")], loss="mse", dtype="float64")
    net.weights = [W_IN, W_OUT]
    net.biases = [np.zeros(2), np.zeros(1)]
    trace = Trainer(net, optimizer="sgd", lr=0.5).trace_step([[0.5, 0.1, -0.2]], [[0.6]])
    hidden, out = trace.layers
    # The printed hidden-to-output changes.
    np.testing.assert_allclose(out.dW_update[:, 0], [0.00804047, 0.00555918], atol=1e-8)
    # The rest, by hand: forward, the deltas, and the input-to-hidden changes.
    x = np.array([0.5, 0.1, -0.2])
    h = _sigmoid(np.array([0.25 + 0.01 - 0.02, -0.30 - 0.02 - 0.14]))  # z = [0.24, -0.46]
    np.testing.assert_allclose(hidden.z[0], [0.24, -0.46], atol=1e-12)
    np.testing.assert_allclose(hidden.a[0], h, atol=1e-12)
    y = _sigmoid(0.1 * h[0] - 0.3 * h[1])
    np.testing.assert_allclose(trace.y_hat[0, 0], y, atol=1e-12)
    assert trace.loss == pytest.approx(0.5 * (y - 0.6) ** 2, abs=1e-14)
    d_out = (y - 0.6) * y * (1 - y)
    np.testing.assert_allclose(out.delta[0, 0], d_out, atol=1e-12)
    d_hidden = d_out * np.array([0.1, -0.3]) * h * (1 - h)
    np.testing.assert_allclose(hidden.delta[0], d_hidden, atol=1e-12)
    np.testing.assert_allclose(hidden.dW_update, -0.5 * np.outer(x, d_hidden), atol=1e-12)
    np.testing.assert_allclose(out.W_after[:, 0], [0.1 + 0.00804047, -0.3 + 0.00555918], atol=1e-8)
    # Rounded numbers of the hand computation, for the docs' table.
    np.testing.assert_allclose(hidden.a[0], [0.55971365, 0.38698582], atol=1e-8)
    assert trace.y_hat[0, 0] == pytest.approx(0.48497343, abs=1e-8)
    np.testing.assert_allclose(hidden.dW_update[:, 0], [1.77005547e-04, 3.54011093e-05, -7.08022187e-05],
                               atol=1e-12)


def test_preview_leaves_the_trainer_as_it_was_and_continues_its_state():
    from bpgui.core.step_preview import preview_step, trainer_copy

    trainer = Trainer(_net(), optimizer="adam", lr=0.01, l2=0.01, batch_size=2)
    trainer.epoch(X, Y_BIN)   # moments, a step count and a shuffled generator to carry
    state = trainer.state()
    trace, after = preview_step(trainer, X, Y_BIN)
    assert trainer.state().equals(state)
    assert trace.optimizer.t == state.optimizer_t + 1 and after.optimizer_t == trace.optimizer.t
    # the same step as the trainer itself would take
    reference = trainer.trace_step(X, Y_BIN)
    for mine, theirs in zip(trace.layers, reference.layers):
        np.testing.assert_array_equal(mine.W_after, theirs.W_after)
    np.testing.assert_array_equal(after.parameters, trainer.net.parameters)
    other = _net(seed=5)
    copied = trainer_copy(trainer, other)
    np.testing.assert_array_equal(copied.net.parameters, other.parameters)
    assert copied.net is not other and copied.batch_size == 2 and copied.l2 == 0.01
    with pytest.raises(ValueError, match="network for a trainer"):
        trainer_copy(trainer, Network(2, [(1, "sigmoid")], loss="bce"))
