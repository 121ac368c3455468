"""Optimizers against the torch.optim update rules.

Three kinds of evidence, from the most to the least independent of the engine:

* literal numbers worked out by hand (sgd + momentum, adam);
* a scalar, element-by-element transcription of the torch.optim formulas
  (``reference_steps`` below), run for three dependent steps on a quadratic;
* torch itself, when it is installed: the same quadratic, and a small network
  trained through ``Trainer`` compared weight by weight with a torch model.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from bpgui.core.network import Network
from bpgui.core.optimizers import DEFAULT_LR, OPTIMIZERS, Optimizer, make_optimizer
from bpgui.core.training import Trainer

# The tiny problem: f(p) = 1/2 * sum(c * p^2), gradient c * p.
P0 = np.array([1.0, -2.0, 0.5])
C = np.array([1.0, 3.0, 0.5])
N_STEPS = 3

# (registry name, hyperparameters, lr).  Every hyperparameter torch needs is
# derived from these plus the documented defaults in ``effective`` below.
CASES = [
    ("sgd", {}, 0.1),
    ("sgd", {"momentum": 0.9, "dampening": 0.3}, 0.1),
    ("sgd", {"momentum": 0.8, "nesterov": True}, 0.1),
    ("momentum", {}, 0.1),
    ("momentum", {"momentum": 0.5, "dampening": 0.5}, 0.1),
    ("nesterov", {}, 0.1),
    ("adagrad", {}, 0.1),
    ("adagrad", {"lr_decay": 0.5}, 0.1),
    ("adagrad", {"lr_decay": 0.1, "initial_accumulator_value": 0.2, "eps": 1e-3}, 0.1),
    ("adadelta", {}, 1.0),
    ("adadelta", {"rho": 0.5, "eps": 1e-2}, 0.5),
    ("rmsprop", {}, 0.01),
    ("rmsprop", {"centered": True}, 0.01),
    ("rmsprop", {"momentum": 0.9}, 0.005),
    ("rmsprop", {"centered": True, "momentum": 0.5, "alpha": 0.9, "eps": 1e-4}, 0.005),
    ("adam", {}, 0.1),
    ("adam", {"betas": (0.8, 0.9), "eps": 1e-3}, 0.1),
    ("adam", {"amsgrad": True}, 0.1),
    # betas[1] = 0.5 makes v shrink at step 2, so the running max really acts.
    ("adam", {"amsgrad": True, "betas": (0.9, 0.5)}, 0.3),
]
CASE_IDS = [f"{n}-{'-'.join(f'{k}={v}' for k, v in h.items()) or 'defaults'}" for n, h, _ in CASES]

# torch.optim's defaults, written out here (not read from the engine).
TORCH_DEFAULTS = {
    "sgd": {"momentum": 0.0, "dampening": 0.0, "nesterov": False},
    "adagrad": {"lr_decay": 0.0, "eps": 1e-10, "initial_accumulator_value": 0.0},
    "adadelta": {"rho": 0.9, "eps": 1e-6},
    "rmsprop": {"alpha": 0.99, "eps": 1e-8, "momentum": 0.0, "centered": False},
    "adam": {"betas": (0.9, 0.999), "eps": 1e-8, "amsgrad": False},
}
# The registry's presets of SGD.
PRESETS = {
    "sgd": ("sgd", {}),
    "momentum": ("sgd", {"momentum": 0.9}),
    "nesterov": ("sgd", {"momentum": 0.9, "nesterov": True}),
    "adagrad": ("adagrad", {}),
    "adadelta": ("adadelta", {}),
    "rmsprop": ("rmsprop", {}),
    "adam": ("adam", {}),
}


def effective(name: str, hyper: dict) -> tuple[str, dict]:
    """The torch.optim family and the full hyperparameters a case means."""
    family, preset = PRESETS[name]
    return family, {**TORCH_DEFAULTS[family], **preset, **hyper}


# ------------------------------------------------------------ hand reference
def reference_steps(name: str, hyper: dict, lr: float, p0=P0, c=C, n_steps=N_STEPS) -> list[np.ndarray]:
    """Parameters after each step, from the torch.optim formulas, one scalar at a time."""
    family, hp = effective(name, hyper)
    out = []
    for i in range(len(p0)):
        p = float(p0[i])
        ci = float(c[i])
        traj = []
        # State, as torch names it.
        buf = None
        state_sum = hp.get("initial_accumulator_value", 0.0)
        square_avg = acc_delta = grad_avg = 0.0
        exp_avg = exp_avg_sq = max_exp_avg_sq = 0.0
        for t in range(1, n_steps + 1):
            g = ci * p
            if family == "sgd":
                mom, damp = hp["momentum"], hp["dampening"]
                d = g
                if mom != 0:
                    buf = g if buf is None else mom * buf + (1.0 - damp) * g
                    d = g + mom * buf if hp["nesterov"] else buf
                p = p - lr * d
            elif family == "adagrad":
                clr = lr / (1.0 + (t - 1) * hp["lr_decay"])
                state_sum = state_sum + g * g
                p = p - clr * g / (math.sqrt(state_sum) + hp["eps"])
            elif family == "adadelta":
                rho, eps = hp["rho"], hp["eps"]
                square_avg = rho * square_avg + (1.0 - rho) * g * g
                delta = math.sqrt(acc_delta + eps) / math.sqrt(square_avg + eps) * g
                acc_delta = rho * acc_delta + (1.0 - rho) * delta * delta
                p = p - lr * delta
            elif family == "rmsprop":
                alpha, eps, mom = hp["alpha"], hp["eps"], hp["momentum"]
                square_avg = alpha * square_avg + (1.0 - alpha) * g * g
                if hp["centered"]:
                    grad_avg = alpha * grad_avg + (1.0 - alpha) * g
                    avg = math.sqrt(square_avg - grad_avg * grad_avg) + eps
                else:
                    avg = math.sqrt(square_avg) + eps
                if mom > 0:
                    buf = (0.0 if buf is None else mom * buf) + g / avg
                    p = p - lr * buf
                else:
                    p = p - lr * g / avg
            elif family == "adam":
                b1, b2 = hp["betas"]
                exp_avg = b1 * exp_avg + (1.0 - b1) * g
                exp_avg_sq = b2 * exp_avg_sq + (1.0 - b2) * g * g
                v = exp_avg_sq
                if hp["amsgrad"]:
                    max_exp_avg_sq = max(max_exp_avg_sq, exp_avg_sq)
                    v = max_exp_avg_sq
                m_hat = exp_avg / (1.0 - b1 ** t)
                v_hat = v / (1.0 - b2 ** t)
                p = p - lr * m_hat / (math.sqrt(v_hat) + hp["eps"])
            else:  # pragma: no cover
                raise AssertionError(family)
            traj.append(p)
        out.append(traj)
    return [np.array([out[i][t] for i in range(len(p0))]) for t in range(n_steps)]


def engine_steps(name: str, hyper: dict, lr: float, p0=P0, c=C, n_steps=N_STEPS) -> list[np.ndarray]:
    opt = make_optimizer(name, **hyper)
    p = p0.copy()
    out = []
    for _ in range(n_steps):
        opt.step(p, c * p, lr)
        out.append(p.copy())
    return out


# ------------------------------------------------------------------- tests
def test_every_registered_optimizer_is_covered():
    assert set(OPTIMIZERS) == {"sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam"}
    assert {name for name, _, _ in CASES} == set(OPTIMIZERS)
    assert set(DEFAULT_LR) == set(OPTIMIZERS)


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_defaults_are_torch_defaults(name):
    _, expected = effective(name, {})
    assert OPTIMIZERS[name]().hyperparameters == expected


@pytest.mark.parametrize("name, hyper, lr", CASES, ids=CASE_IDS)
def test_three_steps_match_hand_formulas(name, hyper, lr):
    expected = reference_steps(name, hyper, lr)
    got = engine_steps(name, hyper, lr)
    for t in range(N_STEPS):
        np.testing.assert_allclose(got[t], expected[t], rtol=1e-12, atol=0, err_msg=f"step {t + 1}")
    # The updates themselves (small for adadelta), not only the parameters.
    np.testing.assert_allclose(np.diff([P0] + got, axis=0), np.diff([P0] + expected, axis=0),
                               rtol=1e-9, atol=0)
    # The problem is not degenerate: every step moved every parameter.
    traj = [P0] + expected
    for a, b in zip(traj, traj[1:]):
        assert np.all(np.abs(a - b) > 1e-4)


def test_variants_really_differ_from_their_plain_versions():
    """Guards the choice of CASES: each variant changes the numbers it is meant to."""
    def final(name, hyper, lr):
        return reference_steps(name, hyper, lr)[-1]

    assert not np.allclose(final("adam", {"betas": (0.9, 0.5)}, 0.3),
                           final("adam", {"amsgrad": True, "betas": (0.9, 0.5)}, 0.3), rtol=1e-6)
    assert not np.allclose(final("rmsprop", {}, 0.01), final("rmsprop", {"centered": True}, 0.01), rtol=1e-6)
    assert not np.allclose(final("adagrad", {}, 0.1), final("adagrad", {"lr_decay": 0.5}, 0.1), rtol=1e-6)
    assert not np.allclose(final("sgd", {"momentum": 0.9}, 0.1),
                           final("sgd", {"momentum": 0.9, "dampening": 0.3}, 0.1), rtol=1e-6)


def test_sgd_momentum_literal_values():
    # lr = 0.1, momentum = 0.9, p0 = [1, -2, 0.5], g = c * p with c = [1, 3, 0.5]
    # step 1: g = [1, -6, 0.25];  buf = g;                     p = p - 0.1 buf = [0.9, -1.4, 0.475]
    # step 2: g = [0.9, -4.2, 0.2375]; buf = 0.9*[1, -6, 0.25] + g = [1.8, -9.6, 0.4625]
    #         p = [0.9 - 0.18, -1.4 + 0.96, 0.475 - 0.04625] = [0.72, -0.44, 0.42875]
    # step 3: g = [0.72, -1.32, 0.214375]; buf = 0.9*[1.8, -9.6, 0.4625] + g = [2.34, -9.96, 0.630625]
    #         p = [0.72 - 0.234, -0.44 + 0.996, 0.42875 - 0.0630625] = [0.486, 0.556, 0.3656875]
    expected = [[0.9, -1.4, 0.475], [0.72, -0.44, 0.42875], [0.486, 0.556, 0.3656875]]
    got = engine_steps("momentum", {}, 0.1)
    for t in range(3):
        np.testing.assert_allclose(got[t], expected[t], rtol=1e-12)
    got = engine_steps("sgd", {"momentum": 0.9}, 0.1)
    np.testing.assert_allclose(got[-1], expected[-1], rtol=1e-12)


def test_sgd_dampening_and_nesterov_literal_values():
    # One parameter p0 = 1, c = 1 (g = p), lr = 0.1.
    # dampening 0.5, momentum 0.5: step 1 buf = g = 1 (no dampening on the first step), p = 0.9
    #   step 2: g = 0.9, buf = 0.5*1 + 0.5*0.9 = 0.95, p = 0.9 - 0.095 = 0.805
    got = engine_steps("sgd", {"momentum": 0.5, "dampening": 0.5}, 0.1, p0=np.array([1.0]), c=np.array([1.0]), n_steps=2)
    np.testing.assert_allclose([got[0][0], got[1][0]], [0.9, 0.805], rtol=1e-12)
    # nesterov, momentum 0.5: step 1 buf = 1, d = g + 0.5 buf = 1.5, p = 0.85
    #   step 2: g = 0.85, buf = 0.5 + 0.85 = 1.35, d = 0.85 + 0.675 = 1.525, p = 0.85 - 0.1525 = 0.6975
    got = engine_steps("sgd", {"momentum": 0.5, "nesterov": True}, 0.1, p0=np.array([1.0]), c=np.array([1.0]), n_steps=2)
    np.testing.assert_allclose([got[0][0], got[1][0]], [0.85, 0.6975], rtol=1e-12)


def test_adam_literal_values():
    # lr = 0.1, betas = (0.9, 0.999), eps = 1e-8; p0 = [1, -2, 0.5], c = [1, 3, 0.5].
    # Step 1: m = 0.1 g, v = 0.001 g^2, m_hat = g, v_hat = g^2, so
    #   p1 = p0 - 0.1 * g / (|g| + 1e-8):
    #   p0 = 1:   g = 1     -> 1 - 0.1/(1 + 1e-8)        = 0.900000001 (0.9 + 1e-9 - 1e-17)
    #   p0 = -2:  g = -6    -> -2 + 0.1*6/(6 + 1e-8)     = -1.9 - 1.6667e-10
    #   p0 = 0.5: g = 0.25  -> 0.5 - 0.1*0.25/(0.25+1e-8) = 0.4 + 4e-9
    # Steps 2 and 3 were worked out once in 50-digit decimal arithmetic
    # (m = 0.9 m + 0.1 g, v = 0.999 v + 0.001 g^2,
    #  p -= 0.1 * (m / (1 - 0.9^t)) / (sqrt(v / (1 - 0.999^t)) + 1e-8));
    # e.g. step 2, first element: g = 0.900000001, m = 0.180000000100, v = 0.0018090000018,
    #   m_hat = 0.18000000010/0.19, v_hat = 0.0018090000018/0.001999 -> p2 = 0.80041222971233738637
    expected = [
        [0.90000000099999999392, -1.9000000001666665916, 0.40000000399999985357],
        [0.80041222971233738637, -1.8001664859472366054, 0.30118742787358643298],
        [0.70158627450441424234, -1.7006233917912483289, 0.20487126209775302632],
    ]
    got = engine_steps("adam", {}, 0.1)
    for t in range(3):
        np.testing.assert_allclose(got[t], expected[t], rtol=1e-12, err_msg=f"step {t + 1}")


def test_adagrad_lr_decay_literal_values():
    # p0 = 1, c = 1, lr = 0.5, lr_decay = 1, eps = 0 (allowed: sum > 0 here).
    # step 1: g = 1,   sum = 1,    clr = 0.5,          p = 1 - 0.5 = 0.5
    # step 2: g = 0.5, sum = 1.25, clr = 0.5/2 = 0.25, p = 0.5 - 0.25*0.5/sqrt(1.25) = 0.5 - 0.125/sqrt(1.25)
    got = engine_steps("adagrad", {"lr_decay": 1.0, "eps": 0.0}, 0.5, p0=np.array([1.0]), c=np.array([1.0]), n_steps=2)
    np.testing.assert_allclose([got[0][0], got[1][0]], [0.5, 0.5 - 0.125 / math.sqrt(1.25)], rtol=1e-12)


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_step_leaves_the_gradient_alone_and_works_in_place(name):
    opt = make_optimizer(name)
    p = P0.copy()
    p_id = p.__array_interface__["data"][0]
    for _ in range(2):
        g = C * p
        g_before = g.copy()
        opt.step(p, g, 0.1)
        np.testing.assert_array_equal(g, g_before)
    assert p.__array_interface__["data"][0] == p_id
    assert not np.array_equal(p, P0)


@pytest.mark.parametrize("name, hyper, lr", CASES, ids=CASE_IDS)
def test_reset_makes_the_next_step_a_first_step(name, hyper, lr):
    opt = make_optimizer(name, **hyper)
    p = P0.copy()
    for _ in range(3):
        opt.step(p, C * p, lr)
    opt.reset()
    assert opt.t == 0
    assert opt.state == {}
    q = P0.copy()
    opt.step(q, C * q, lr)
    np.testing.assert_allclose(q, reference_steps(name, hyper, lr, n_steps=1)[0], rtol=1e-12)
    fresh = P0.copy()
    make_optimizer(name, **hyper).step(fresh, C * fresh, lr)
    np.testing.assert_array_equal(q, fresh)


def test_changing_lr_between_steps_keeps_the_state():
    # Adam: a step's size scales with lr, while the moments carry on.
    opt = make_optimizer("adam")
    p = P0.copy()
    opt.step(p, C * p, 0.1)
    p1 = p.copy()
    opt.step(p, C * p, 0.05)
    # Reference with lr 0.1 for step 2, scaled: p2 = p1 - 0.05 * update, update = (p1 - p2_ref)/0.1
    p2_ref = reference_steps("adam", {}, 0.1, n_steps=2)[1]
    np.testing.assert_allclose(p, p1 - 0.5 * (p1 - p2_ref), rtol=1e-12)


# ------------------------------------------------------------- bad settings
def test_unknown_optimizer_lists_valid_names():
    with pytest.raises(ValueError) as info:
        make_optimizer("adamw")
    msg = str(info.value)
    assert "adamw" in msg
    for name in OPTIMIZERS:
        assert name in msg
    with pytest.raises(ValueError):
        make_optimizer(None)  # type: ignore[arg-type]


def test_unknown_hyperparameter_lists_valid_ones():
    with pytest.raises(ValueError) as info:
        make_optimizer("adam", beta1=0.9)
    msg = str(info.value)
    assert "beta1" in msg
    for key in ("betas", "eps", "amsgrad"):
        assert key in msg
    with pytest.raises(ValueError, match="momentum"):
        make_optimizer("adagrad", momentum=0.9)
    # lr is a per-step argument, not a hyperparameter.
    with pytest.raises(ValueError, match="lr"):
        make_optimizer("sgd", lr=0.1)


@pytest.mark.parametrize(
    "name, hyper",
    [
        ("adam", {"eps": -1e-8}),
        ("adam", {"eps": float("nan")}),
        ("adam", {"betas": (1.0, 0.999)}),
        ("adam", {"betas": (0.9, 1.0)}),
        ("adam", {"betas": (0.9, 1.5)}),
        ("adam", {"betas": (-0.1, 0.999)}),
        ("adagrad", {"eps": -1.0}),
        ("adagrad", {"lr_decay": -0.1}),
        ("adagrad", {"initial_accumulator_value": -1.0}),
        ("adadelta", {"rho": 1.0}),
        ("adadelta", {"rho": -0.5}),
        ("adadelta", {"eps": float("inf")}),
        ("rmsprop", {"alpha": 1.0}),
        ("rmsprop", {"momentum": -0.9}),
        ("rmsprop", {"eps": -1e-8}),
        ("sgd", {"momentum": -0.5}),
        ("sgd", {"nesterov": True}),                         # momentum 0
        ("sgd", {"nesterov": True, "momentum": 0.0}),
        ("sgd", {"nesterov": True, "momentum": 0.9, "dampening": 0.1}),
        ("nesterov", {"momentum": 0.0}),
        ("momentum", {"momentum": float("nan")}),
    ],
)
def test_bad_hyperparameters_raise(name, hyper):
    with pytest.raises(ValueError):
        make_optimizer(name, **hyper)


@pytest.mark.parametrize("lr", [-0.1, 0.0, float("nan"), float("inf")])
def test_trainer_refuses_bad_learning_rates(lr):
    net = Network(n_inputs=2, layers=[(1, "sigmoid")], loss="bce", dtype="float64", seed=0)
    with pytest.raises(ValueError, match="learning rate"):
        Trainer(net, optimizer="sgd", lr=lr)
    trainer = Trainer(net, optimizer="sgd", lr=0.1)
    with pytest.raises(ValueError, match="learning rate"):
        trainer.lr = lr
    assert trainer.lr == 0.1


def test_trainer_refuses_unknown_optimizer():
    net = Network(n_inputs=2, layers=[(1, "sigmoid")], loss="bce", dtype="float64", seed=0)
    with pytest.raises(ValueError) as info:
        Trainer(net, optimizer="lbfgs")
    for name in OPTIMIZERS:
        assert name in str(info.value)


def test_trainer_passes_hyperparameters_to_the_optimizer():
    net = Network(n_inputs=2, layers=[(1, "sigmoid")], loss="bce", dtype="float64", seed=0)
    trainer = Trainer(net, optimizer="adam", lr=0.01, betas=(0.8, 0.9), amsgrad=True)
    assert isinstance(trainer.optimizer, Optimizer)
    assert trainer.optimizer.hyperparameters == {"betas": (0.8, 0.9), "eps": 1e-8, "amsgrad": True}
    with pytest.raises(ValueError):
        Trainer(net, optimizer="adam", betas=(0.9, 1.0))


# ---------------------------------------------------------------- torch
@pytest.fixture
def torch():
    return pytest.importorskip("torch")


def torch_optimizer(torch, name, hyper, params, lr):
    family, hp = effective(name, hyper)
    cls = {"sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad, "adadelta": torch.optim.Adadelta,
           "rmsprop": torch.optim.RMSprop, "adam": torch.optim.Adam}[family]
    return cls(params, lr=lr, **hp)


@pytest.mark.parametrize("name, hyper, lr", CASES, ids=CASE_IDS)
def test_three_steps_match_torch(torch, name, hyper, lr):
    p = torch.tensor(P0, dtype=torch.float64, requires_grad=True)
    c = torch.tensor(C, dtype=torch.float64)
    opt = torch_optimizer(torch, name, hyper, [p], lr)
    expected = []
    for _ in range(N_STEPS):
        opt.zero_grad()
        loss = 0.5 * (c * p * p).sum()
        loss.backward()
        opt.step()
        expected.append(p.detach().numpy().copy())
    got = engine_steps(name, hyper, lr)
    for t in range(N_STEPS):
        np.testing.assert_allclose(got[t], expected[t], rtol=1e-12, atol=0, err_msg=f"step {t + 1}")


NET_LR = {"sgd": 0.5, "momentum": 0.3, "nesterov": 0.3, "adagrad": 0.1,
          "adadelta": 1.0, "rmsprop": 0.01, "adam": 0.05}


def _problem():
    rng = np.random.default_rng(42)
    X = rng.normal(size=(8, 3))
    Y = (rng.random(size=(8, 2)) < 0.5).astype(np.float64)
    return X, Y


def _net_and_torch_model(torch):
    net = Network(n_inputs=3, layers=[(5, "tanh"), (2, "sigmoid")], loss="bce", dtype="float64", seed=1)
    # Non-zero biases, so that bias updates are compared too.
    rng = np.random.default_rng(7)
    net.biases = [0.3 * rng.normal(size=5), 0.3 * rng.normal(size=2)]
    l1 = torch.nn.Linear(3, 5, dtype=torch.float64)
    l2 = torch.nn.Linear(5, 2, dtype=torch.float64)
    with torch.no_grad():
        l1.weight.copy_(torch.from_numpy(net.weights[0].T.copy()))
        l1.bias.copy_(torch.from_numpy(net.biases[0].copy()))
        l2.weight.copy_(torch.from_numpy(net.weights[1].T.copy()))
        l2.bias.copy_(torch.from_numpy(net.biases[1].copy()))
    return net, (l1, l2)


def _compare_net_with_torch(torch, name, *, l2=0.0, batch_size=None, epochs=3, hyper=None):
    hyper = hyper or {}
    X, Y = _problem()
    net, (lin1, lin2) = _net_and_torch_model(torch)
    lr = NET_LR[name]
    trainer = Trainer(net, optimizer=name, lr=lr, batch_size=batch_size, shuffle=False, l2=l2, **hyper)
    opt = torch_optimizer(torch, name, hyper, [lin1.weight, lin1.bias, lin2.weight, lin2.bias], lr)
    bce = torch.nn.BCEWithLogitsLoss(reduction="sum")
    Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y)
    n = len(X)
    bs = n if batch_size is None else batch_size
    W0 = [W.copy() for W in net.weights]
    for epoch in range(epochs):
        for s in range(0, n, bs):
            xb, yb = Xt[s:s + bs], Yt[s:s + bs]
            opt.zero_grad()
            z = lin2(torch.tanh(lin1(xb)))
            loss = bce(z, yb) / len(xb)
            if l2:
                loss = loss + 0.5 * l2 * ((lin1.weight ** 2).sum() + (lin2.weight ** 2).sum())
            loss.backward()
            opt.step()
        stats = trainer.epoch(X, Y)
        assert stats.steps == math.ceil(n / bs)
        tag = f"{name}, epoch {epoch + 1}"
        np.testing.assert_allclose(net.weights[0], lin1.weight.detach().numpy().T, rtol=1e-10, atol=1e-12, err_msg=tag)
        np.testing.assert_allclose(net.weights[1], lin2.weight.detach().numpy().T, rtol=1e-10, atol=1e-12, err_msg=tag)
        np.testing.assert_allclose(net.biases[0], lin1.bias.detach().numpy(), rtol=1e-10, atol=1e-12, err_msg=tag)
        np.testing.assert_allclose(net.biases[1], lin2.bias.detach().numpy(), rtol=1e-10, atol=1e-12, err_msg=tag)
    # Training actually moved the weights (by more than the tolerance).
    assert all(np.abs(W - W0i).max() > 1e-4 for W, W0i in zip(net.weights, W0))


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_network_training_matches_torch(torch, name):
    _compare_net_with_torch(torch, name)


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam", "rmsprop"])
def test_network_training_with_l2_matches_torch(torch, name):
    _compare_net_with_torch(torch, name, l2=0.05)


@pytest.mark.parametrize("name", ["adam", "nesterov", "adagrad"])
def test_minibatch_training_matches_torch(torch, name):
    _compare_net_with_torch(torch, name, batch_size=3)


def test_network_training_with_variant_hyperparameters_matches_torch(torch):
    _compare_net_with_torch(torch, "rmsprop", hyper={"centered": True, "momentum": 0.5})
    _compare_net_with_torch(torch, "adam", hyper={"amsgrad": True, "betas": (0.8, 0.95)})
    _compare_net_with_torch(torch, "adagrad", hyper={"lr_decay": 0.3})


def test_l2_does_not_touch_biases():
    """l2 adds l2*W to weight gradients only: with sgd, biases move as without l2."""
    X, Y = _problem()
    runs = []
    for l2 in (0.0, 0.5):
        net = Network(n_inputs=3, layers=[(5, "tanh"), (2, "sigmoid")], loss="bce", dtype="float64", seed=1)
        Trainer(net, optimizer="sgd", lr=0.5, batch_size=None, shuffle=False, l2=l2).epoch(X, Y)
        runs.append(net)
    # One step from the same start: bias gradients do not depend on l2 yet.
    for b0, b1 in zip(runs[0].biases, runs[1].biases):
        np.testing.assert_allclose(b0, b1, rtol=1e-13)
    # Weights differ by exactly lr * l2 * W_start.
    start = Network(n_inputs=3, layers=[(5, "tanh"), (2, "sigmoid")], loss="bce", dtype="float64", seed=1)
    for W0, W_plain, W_l2 in zip(start.weights, runs[0].weights, runs[1].weights):
        np.testing.assert_allclose(W_plain - W_l2, 0.5 * 0.5 * W0, rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("betas", [(0.9,), (0.9, 0.99, 0.5)])
def test_betas_must_be_a_pair(betas):
    with pytest.raises(ValueError, match="betas must be a pair of numbers"):
        make_optimizer("adam", betas=betas)


@pytest.mark.parametrize("name,hp,message", [
    ("adam", {"eps": "1e-8"}, "eps must be a number, got '1e-8'"),
    ("sgd", {"momentum": None}, "momentum must be a number, got None"),
    ("adam", {"betas": 0.9}, "betas must be a pair of numbers"),
    ("sgd", {"nesterov": 1}, "nesterov must be true or false"),
])
def test_non_numeric_hyperparameters_are_value_errors(name, hp, message):
    with pytest.raises(ValueError, match=message):
        make_optimizer(name, **hp)
