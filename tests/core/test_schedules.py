"""Learning-rate schedules: hand formulas, torch.optim.lr_scheduler, and the trainer's use of them."""
from __future__ import annotations

import math

import numpy as np
import pytest

from bpgui.core.network import Network
from bpgui.core.schedules import SCHEDULES, make_schedule
from bpgui.core.training import Trainer


def test_registry():
    assert set(SCHEDULES) == {"constant", "step", "exponential", "cosine"}


def test_constant():
    s = make_schedule("constant")
    assert [s(0.3, e) for e in (0, 1, 7, 1000)] == [0.3, 0.3, 0.3, 0.3]


def test_step_literal_values():
    s = make_schedule("step", step_size=3, gamma=0.1)
    # lr * 0.1 ** (epoch // 3)
    got = [s(2.0, e) for e in range(8)]
    np.testing.assert_allclose(got, [2.0, 2.0, 2.0, 0.2, 0.2, 0.2, 0.02, 0.02], rtol=1e-15)


@pytest.mark.parametrize("step_size, gamma", [(1, 0.5), (2, 0.5), (5, 0.9), (3, 1.5)])
def test_step_formula(step_size, gamma):
    s = make_schedule("step", step_size=step_size, gamma=gamma)
    for e in range(0, 30):
        assert s(0.1, e) == pytest.approx(0.1 * gamma ** (e // step_size), rel=1e-14)


def test_step_defaults():
    s = make_schedule("step")
    # step_size 100, gamma 0.5
    assert s(1.0, 99) == 1.0
    assert s(1.0, 100) == 0.5
    assert s(1.0, 250) == 0.25


def test_exponential():
    s = make_schedule("exponential", gamma=0.5)
    np.testing.assert_allclose([s(1.0, e) for e in range(5)], [1.0, 0.5, 0.25, 0.125, 0.0625], rtol=1e-15)
    s = make_schedule("exponential", gamma=0.97)
    for e in (0, 1, 10, 123):
        assert s(0.02, e) == pytest.approx(0.02 * 0.97 ** e, rel=1e-13)
    assert make_schedule("exponential")(1.0, 1) == pytest.approx(0.99)  # default gamma


def test_cosine_literal_values():
    s = make_schedule("cosine", T_max=4, eta_min=0.0)
    # (1 + cos(pi e / 4)) / 2 at e = 0..4: 1, (1 + sqrt(2)/2)/2, 1/2, (1 - sqrt(2)/2)/2, 0
    r = math.sqrt(2) / 2
    expected = [1.0, (1 + r) / 2, 0.5, (1 - r) / 2, 0.0]
    np.testing.assert_allclose([s(1.0, e) for e in range(5)], expected, rtol=1e-14, atol=1e-16)


@pytest.mark.parametrize("T_max, eta_min", [(10, 0.0), (10, 0.01), (7, 0.05), (1, 0.0)])
def test_cosine_formula_and_hold_after_t_max(T_max, eta_min):
    s = make_schedule("cosine", T_max=T_max, eta_min=eta_min)
    lr = 0.1
    for e in range(T_max + 1):
        expected = eta_min + (lr - eta_min) * (1 + math.cos(math.pi * e / T_max)) / 2
        assert s(lr, e) == pytest.approx(expected, rel=1e-13, abs=1e-16)
    assert s(lr, 0) == pytest.approx(lr, rel=1e-15)
    assert s(lr, T_max) == pytest.approx(eta_min, abs=1e-16)
    for e in (T_max + 1, T_max + 5, 10 * T_max + 3):
        assert s(lr, e) == pytest.approx(eta_min, abs=1e-16)
    # Monotone non-increasing up to T_max.
    values = [s(lr, e) for e in range(T_max + 3)]
    assert all(a >= b for a, b in zip(values, values[1:]))


def test_schedules_scale_with_the_base_rate():
    for name, params in [("step", {"step_size": 2, "gamma": 0.3}), ("exponential", {"gamma": 0.8}),
                         ("cosine", {"T_max": 6})]:
        s = make_schedule(name, **params)
        for e in range(8):
            assert s(0.5, e) == pytest.approx(5 * s(0.1, e), rel=1e-13)


# ------------------------------------------------------------------ torch
@pytest.mark.parametrize(
    "name, params, torch_name, torch_params, n_epochs",
    [
        ("step", {"step_size": 3, "gamma": 0.7}, "StepLR", {"step_size": 3, "gamma": 0.7}, 20),
        ("step", {"step_size": 1, "gamma": 0.5}, "StepLR", {"step_size": 1, "gamma": 0.5}, 20),
        ("exponential", {"gamma": 0.9}, "ExponentialLR", {"gamma": 0.9}, 20),
        ("cosine", {"T_max": 20, "eta_min": 0.001}, "CosineAnnealingLR", {"T_max": 20, "eta_min": 0.001}, 20),
        # torch's cosine restarts after T_max; ours holds, so compare up to T_max only.
        ("cosine", {"T_max": 7, "eta_min": 0.0}, "CosineAnnealingLR", {"T_max": 7, "eta_min": 0.0}, 7),
    ],
)
def test_matches_torch_lr_scheduler(name, params, torch_name, torch_params, n_epochs):
    torch = pytest.importorskip("torch")
    base_lr = 0.05
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=base_lr)
    sched = getattr(torch.optim.lr_scheduler, torch_name)(opt, **torch_params)
    expected = []
    for _ in range(n_epochs + 1):
        expected.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    s = make_schedule(name, **params)
    got = [s(base_lr, e) for e in range(n_epochs + 1)]
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-15)


# ------------------------------------------------------------ bad settings
def test_unknown_schedule_lists_valid_names():
    with pytest.raises(ValueError) as info:
        make_schedule("linear")
    msg = str(info.value)
    assert "linear" in msg
    for name in SCHEDULES:
        assert name in msg


def test_unknown_parameter_lists_valid_ones():
    with pytest.raises(ValueError) as info:
        make_schedule("step", step=3)
    msg = str(info.value)
    assert "'step'" in msg and "step_size" in msg and "gamma" in msg
    with pytest.raises(ValueError):
        make_schedule("constant", gamma=0.5)
    with pytest.raises(ValueError, match="T_max"):
        make_schedule("cosine", t_max=10)


@pytest.mark.parametrize(
    "name, params",
    [
        ("step", {"step_size": 0}),
        ("step", {"step_size": -2}),
        ("step", {"step_size": 0.5}),
        ("step", {"gamma": -0.5}),
        ("step", {"gamma": float("nan")}),
        ("step", {"step_size": float("inf")}),
        ("exponential", {"gamma": -0.1}),
        ("exponential", {"gamma": float("inf")}),
        ("cosine", {"T_max": 0}),
        ("cosine", {"T_max": -10}),
        ("cosine", {"eta_min": -0.01}),
        ("cosine", {"eta_min": float("nan")}),
    ],
)
def test_bad_parameters_raise(name, params):
    with pytest.raises(ValueError):
        make_schedule(name, **params)


def test_trainer_refuses_bad_schedules():
    net = Network(n_inputs=2, layers=[(1, "sigmoid")], loss="bce", dtype="float64", seed=0)
    with pytest.raises(ValueError, match="constant"):
        Trainer(net, schedule="warmup")
    with pytest.raises(ValueError):
        Trainer(net, schedule="step", schedule_params={"step_size": 0})
    with pytest.raises(ValueError):
        Trainer(net, schedule="exponential", schedule_params={"decay": 0.5})


# ----------------------------------------------------------------- trainer
def _xor():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    Y = np.array([[0], [1], [1], [0]], dtype=np.float64)
    return X, Y


def _epoch_checking_lr(trainer, X, Y):
    """Run one epoch and check that sgd really stepped with the reported rate."""
    net = trainer.net
    before = net.parameters.copy()
    net.gradients(X, Y)
    grad = net.gradient_vector.copy()  # laid out like net.parameters
    stats = trainer.epoch(X, Y)
    np.testing.assert_allclose(net.parameters, before - stats.lr * grad, rtol=1e-12, atol=1e-15)
    return stats


def test_trainer_steps_the_schedule_per_epoch():
    X, Y = _xor()
    net = Network(n_inputs=2, layers=[(3, "tanh"), (1, "sigmoid")], loss="bce", dtype="float64", seed=3)
    lr = 0.4
    trainer = Trainer(net, optimizer="sgd", lr=lr, batch_size=None, shuffle=False,
                      schedule="step", schedule_params={"step_size": 2, "gamma": 0.5})
    assert trainer.current_lr == lr
    lrs = [_epoch_checking_lr(trainer, X, Y).lr for _ in range(5)]
    np.testing.assert_allclose(lrs, [lr, lr, lr / 2, lr / 2, lr / 4], rtol=1e-15)
    # Five epochs done: the sixth uses lr * 0.5 ** (5 // 2) = lr / 4, the seventh lr / 8.
    assert trainer.current_lr == pytest.approx(lr / 4, rel=1e-15)
    assert _epoch_checking_lr(trainer, X, Y).lr == pytest.approx(lr / 4, rel=1e-15)
    assert trainer.current_lr == pytest.approx(lr / 8, rel=1e-15)


def test_changing_lr_mid_run_rescales_what_follows():
    X, Y = _xor()
    net = Network(n_inputs=2, layers=[(3, "tanh"), (1, "sigmoid")], loss="bce", dtype="float64", seed=3)
    trainer = Trainer(net, optimizer="sgd", lr=0.4, batch_size=None, shuffle=False,
                      schedule="step", schedule_params={"step_size": 2, "gamma": 0.5})
    lrs = [_epoch_checking_lr(trainer, X, Y).lr for _ in range(3)]
    trainer.lr = 1.0
    # The schedule keeps its position (epoch 3, 4, 5) and applies to the new base rate.
    assert trainer.current_lr == pytest.approx(0.5, rel=1e-15)
    lrs += [_epoch_checking_lr(trainer, X, Y).lr for _ in range(3)]
    np.testing.assert_allclose(lrs, [0.4, 0.4, 0.2, 0.5, 0.25, 0.25], rtol=1e-15)


def test_cosine_schedule_in_trainer_and_snapshots():
    X, Y = _xor()
    net = Network(n_inputs=2, layers=[(3, "tanh"), (1, "sigmoid")], loss="bce", dtype="float64", seed=3)
    trainer = Trainer(net, optimizer="sgd", lr=0.2, batch_size=None, shuffle=False,
                      schedule="cosine", schedule_params={"T_max": 4, "eta_min": 0.02})
    snaps = list(trainer.run(X, Y, epochs=6))
    expected = [0.02 + 0.18 * (1 + math.cos(math.pi * min(e, 4) / 4)) / 2 for e in range(6)]
    np.testing.assert_allclose([s.lr for s in snaps], expected, rtol=1e-14)
    assert [s.epoch for s in snaps] == [1, 2, 3, 4, 5, 6]


def test_lr_is_constant_within_an_epoch_of_mini_batches():
    X, Y = _xor()
    net = Network(n_inputs=2, layers=[(3, "tanh"), (1, "sigmoid")], loss="bce", dtype="float64", seed=3)
    trainer = Trainer(net, optimizer="sgd", lr=0.4, batch_size=1, shuffle=False,
                      schedule="exponential", schedule_params={"gamma": 0.5})
    trainer.epoch(X, Y)
    # Epoch 2 (epochs_done = 1): four per-sample sgd steps, all with 0.4 * 0.5 = 0.2.
    expected = net.copy()
    for i in range(4):
        gW, gb = expected.gradients(X[i:i + 1], Y[i:i + 1])
        for W, g in zip(expected.weights, gW):
            W -= 0.2 * g
        for b, g in zip(expected.biases, gb):
            b -= 0.2 * g
    stats = trainer.epoch(X, Y)
    assert stats.steps == 4
    assert stats.lr == pytest.approx(0.2, rel=1e-15)
    np.testing.assert_allclose(net.parameters, expected.parameters, rtol=1e-12, atol=1e-15)


def test_trainer_reset_restarts_the_schedule():
    X, Y = _xor()
    net = Network(n_inputs=2, layers=[(3, "tanh"), (1, "sigmoid")], loss="bce", dtype="float64", seed=3)
    trainer = Trainer(net, optimizer="sgd", lr=0.4, schedule="step", schedule_params={"step_size": 1, "gamma": 0.5})
    for _ in range(3):
        trainer.epoch(X, Y)
    assert trainer.current_lr == pytest.approx(0.05)
    trainer.reset()
    assert trainer.current_lr == pytest.approx(0.4)
    assert trainer.epoch(X, Y).lr == pytest.approx(0.4)
