"""The coach (bpgui.core.coach): each finding triggered by a crafted case, and silent on
healthy runs; odd input gives no findings rather than an error."""
from __future__ import annotations

import numpy as np
import pytest

from bpgui.core import History, Network, Session, TrainingSettings, builtin_dataset, diagnose, load_csv
from bpgui.core.coach import CODES, THRESHOLDS, Finding
from bpgui.core.coach.coach_input import baseline_loss

IRIS = "samples/iris.csv"


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def trained(ds, **settings) -> Session:
    s = TrainingSettings(**settings)
    s.timeline_mb = 0
    session = Session(ds, s)
    for _ in session.run():
        pass
    return session


def diagnose_session(session: Session):
    X, Y = session.train_xy
    model = session.model
    return diagnose(model.network, X, Y, model.history, feature_names=model.feature_names,
                    class_names=model.class_names)


# ------------------------------------------------------------------ healthy runs say nothing
@pytest.mark.parametrize("data, settings", [
    ("gate:xor", {}),
    (IRIS, {}),
    (IRIS, {"hidden": [(64, "relu")], "epochs": 200}),
    ("toy:circle", {}),
    ("toy:moons", {}),
    ("samples/wine.csv", {"epochs": 300}),
    ("samples/moons.csv", {"epochs": 300, "val_split": 0.2}),
    ("samples/iris.csv", {"optimizer": "sgd", "lr": 0.1, "batch_size": 8, "epochs": 300}),   # noisy steps
    ("samples/digits.csv", {"hidden": [(64, "relu")], "batch_size": 32, "epochs": 30, "lr": 0.001}),
])
def test_a_healthy_run_has_no_findings(data, settings):
    ds = load_csv(data) if data.endswith(".csv") else builtin_dataset(data)
    session = trained(ds, **settings)
    assert session.model.evaluate(session.train.X, session.train.Y)["accuracy"] >= 0.97   # healthy indeed
    assert diagnose_session(session) == []


# ------------------------------------------------------------------------- data
def test_targets_a_sigmoid_cannot_reach_are_target_range():
    net = Network(1, [(4, "tanh"), (1, "sigmoid")], loss="mse", seed=0)
    X = np.linspace(-1, 1, 50).reshape(-1, 1)
    Y = 5 * (X + 1)                                    # 0 .. 10
    found = {f.code: f for f in diagnose(net, X, Y)}
    f = found["target_range"]
    assert f.evidence["targets max"] == pytest.approx(10.0)
    assert f.evidence["output range"] == "0 .. 1"
    assert f.evidence["rows outside"] == 45           # target above 1 where x > -0.8: rows 5..49
    assert "sigmoid" in f.message and f.suggestion


def test_targets_inside_the_output_range_are_fine():
    net = Network(1, [(4, "tanh"), (1, "tanh")], loss="mse", seed=0)
    X = np.linspace(-1, 1, 50).reshape(-1, 1)
    assert "target_range" not in codes(diagnose(net, X, np.sin(3 * X)))
    assert "target_range" in codes(diagnose(net, X, 2 * np.sin(3 * X) + 0.5))


def test_large_or_uneven_inputs_are_unscaled_inputs():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    Y = (X[:, :1] > 0).astype(float)
    net = Network(3, [(4, "tanh"), (1, "sigmoid")], loss="bce", seed=0)
    assert "unscaled_inputs" not in codes(diagnose(net, X, Y))
    large = X * [1, 50, 1]                              # one feature of size ~50
    f = next(f for f in diagnose(net, large, Y, feature_names=["a", "b", "c"]) if f.code == "unscaled_inputs")
    assert f.evidence["of"] == "b" and f.evidence["largest RMS"] > THRESHOLDS.input_rms
    uneven = X * [1, 1, 0.005]                          # spans differ ~200-fold, all small
    f = next(f for f in diagnose(net, uneven, Y) if f.code == "unscaled_inputs")
    assert f.evidence["range ratio"] > THRESHOLDS.input_range_ratio


def test_a_rare_class_is_class_imbalance():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(300, 2))
    labels = np.r_[np.zeros(200, int), np.ones(90, int), np.full(10, 2)]
    Y = np.eye(3)[labels]
    net = Network(2, [(4, "tanh"), (3, "softmax")], loss="ce", seed=0)
    f = next(f for f in diagnose(net, X, Y, class_names=["a", "b", "c"]) if f.code == "class_imbalance")
    assert (f.evidence["rarest class"], f.evidence["rarest rows"]) == ("c", 10)
    assert f.evidence["ratio"] == pytest.approx(10 / 200)
    balanced = np.eye(3)[np.arange(300) % 3]
    assert "class_imbalance" not in codes(diagnose(net, X, balanced))


def test_binary_imbalance_counts_the_ones():
    X = np.zeros((100, 2))
    Y = np.r_[np.ones(5), np.zeros(95)].reshape(-1, 1)
    net = Network(2, [(1, "sigmoid")], loss="bce", seed=0)
    f = next(f for f in diagnose(net, X, Y) if f.code == "class_imbalance")
    assert (f.evidence["rarest rows"], f.evidence["commonest rows"]) == (5, 95)


# ------------------------------------------------------------------------- history
def test_a_learning_rate_far_too_high_is_lr_too_high():
    session = trained(load_csv(IRIS), optimizer="sgd", lr=20.0, epochs=200)
    f = next(f for f in diagnose_session(session) if f.code == "lr_too_high")
    assert f.evidence["loss"] in ("oscillating", "rising")
    session = trained(builtin_dataset("toy:circle"), optimizer="sgd", lr=30.0, epochs=200)
    f = next(f for f in diagnose_session(session) if f.code == "lr_too_high")
    assert f.evidence["loss"] == "rising" and f.evidence["recent median"] > 5 * f.evidence["first loss"]


@pytest.mark.parametrize("loss, how", [
    (np.r_[np.linspace(1.0, 0.2, 40), np.linspace(0.2, 0.9, 20)], "rising"),
    (np.r_[np.linspace(1.0, 0.5, 20), 0.5 + 0.2 * (np.arange(40) % 2)], "oscillating"),
    (np.r_[np.linspace(1.0, 0.5, 20), [5.0, 80.0, 200.0]], "diverged"),
    (np.r_[np.linspace(1.0, 0.5, 20), [np.inf]], "diverged"),
])
def test_lr_too_high_tells_how_the_loss_misbehaves(loss, how):
    net = Network(1, [(1, "linear")], loss="mse", seed=0)
    X = Y = np.zeros((4, 1))
    found = [f for f in diagnose(net, X, Y, History(loss)) if f.code == "lr_too_high"]
    assert [f.evidence["loss"] for f in found] == [how]


def test_a_falling_or_noisy_but_improving_loss_is_not_lr_too_high():
    net = Network(1, [(1, "linear")], loss="mse", seed=0)
    X = Y = np.zeros((4, 1))
    rng = np.random.default_rng(0)
    falling = np.exp(-np.arange(200) / 30)
    noisy = falling * (1 + 0.05 * rng.standard_normal(200))   # mini-batch noise of 5 %
    # come down from 1.1 to about 0.025, then swinging by 60 % from batch to batch (iris, sgd, batch 16,
    # at the rate the range test suggests): the noise near a minimum, not steps that overshoot
    settled = np.r_[np.linspace(1.1, 0.025, 30), 0.025 + 0.015 * (np.arange(70) % 2)]
    for loss in (falling, noisy, np.full(50, 0.3), settled):
        assert "lr_too_high" not in codes(diagnose(net, X, Y, History(loss)))


def test_validation_loss_rising_as_training_loss_falls_is_overfitting():
    session = trained(load_csv(IRIS), val_split=0.2)
    f = next(f for f in diagnose_session(session) if f.code == "overfitting")
    h = session.model.history
    best = int(np.nanargmin(h.val_loss))
    assert f.evidence["best epoch"] == h.epoch[best]
    assert f.evidence["val loss now"] > 1.1 * f.evidence["val loss then"]
    assert f.evidence["train loss now"] < f.evidence["train loss then"]
    early = trained(load_csv(IRIS), val_split=0.2, epochs=100)   # stopped before it turned
    assert "overfitting" not in codes(diagnose_session(early))


def test_no_hidden_layer_on_xor_is_underfitting():
    session = trained(builtin_dataset("gate:xor"), hidden=[], epochs=300)
    f = next(f for f in diagnose_session(session) if f.code == "underfitting")
    assert f.evidence["loss"] == pytest.approx(np.log(2), abs=1e-3)      # a constant 0.5 everywhere
    assert f.evidence["constant guess"] == pytest.approx(np.log(2))
    assert "underfitting" not in codes(diagnose(session.model.network, *session.train_xy))   # needs a run


def test_baseline_loss_is_the_loss_of_the_best_constant_guess():
    Y = np.array([[1.0], [0.0], [0.0], [0.0]])
    assert baseline_loss("bce", Y) == pytest.approx(-(0.25 * np.log(0.25) + 0.75 * np.log(0.75)))
    net = Network(1, [(1, "sigmoid")], loss="bce", seed=0)
    net.weights, net.biases = [np.zeros((1, 1))], [np.array([np.log(0.25 / 0.75)])]   # predicts 0.25
    assert net.loss(np.zeros((4, 1)), Y) == pytest.approx(baseline_loss("bce", Y), rel=1e-6)
    assert baseline_loss("mse", np.array([[1.0], [3.0]])) == pytest.approx(0.5)
    assert baseline_loss("ce", np.eye(2)[[0, 0, 1, 1]]) == pytest.approx(np.log(2))


# ------------------------------------------------------------------------- units and gradients
def test_relus_silent_on_every_row_are_dead_units():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 2))
    Y = (X[:, :1] > 0).astype(float)
    net = Network(2, [(10, "relu"), (1, "sigmoid")], loss="bce", init="he", seed=0)
    assert "dead_units" not in codes(diagnose(net, X, Y))
    net.biases[0][:3] = -100.0                          # three of ten units never fire
    f = next(f for f in diagnose(net, X, Y) if f.code == "dead_units")
    assert (f.evidence["layer"], f.evidence["dead units"], f.evidence["units"]) == (1, 3, 10)


def test_units_pinned_at_their_limits_are_saturated_units():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 2))
    Y = (X[:, :1] * X[:, 1:] > 0).astype(float)
    net = Network(2, [(6, "sigmoid"), (1, "sigmoid")], loss="bce", seed=0)
    assert "saturated_units" not in codes(diagnose(net, X, Y))
    net.biases[0][:] = 20.0                             # every hidden unit at 1
    f = next(f for f in diagnose(net, X, Y) if f.code == "saturated_units")
    assert f.evidence["saturated units"] == 6


def test_deep_sigmoid_stacks_have_vanishing_gradients():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(64, 4))
    Y = (X[:, :1] > 0).astype(float)
    deep = Network(4, [(8, "sigmoid")] * 8 + [(1, "sigmoid")], loss="bce", init="xavier", seed=0)
    f = next(f for f in diagnose(deep, X, Y) if f.code == "vanishing_gradients")
    dW, db = deep.gradients(X, Y)
    rms = [np.sqrt((np.sum(w**2) + np.sum(b**2)) / (w.size + b.size)) for w, b in zip(dW, db)]
    assert f.evidence["first / last"] == pytest.approx(rms[0] / rms[-1], rel=1e-4)
    assert f.evidence["first / last"] < 1 / THRESHOLDS.gradient_ratio
    assert f.message.startswith(f"The first layer's gradients are {rms[-1] / rms[0]:,.0f} times smaller")
    deep.biases[0][:] = 50.0                              # the first layer pinned at 1: no gradient at all
    f = next(f for f in diagnose(deep, X, Y) if f.code == "vanishing_gradients")
    assert f.evidence["first / last"] == 0.0 and "gradients are zero" in f.message
    shallow = Network(4, [(8, "tanh"), (1, "sigmoid")], loss="bce", seed=0)
    assert "vanishing_gradients" not in codes(diagnose(shallow, X, Y))


def test_large_weights_in_a_deep_stack_give_exploding_gradients():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(64, 8))
    Y = rng.normal(size=(64, 1))
    net = Network(8, [(8, "linear")] * 5 + [(1, "linear")], loss="mse", init="normal", seed=0)
    for W in net.weights:
        W *= 2.0                                         # each layer multiplies the error ~5-fold going back
    f = next(f for f in diagnose(net, X, Y) if f.code == "exploding_gradients")
    assert max(v for k, v in f.evidence.items() if k.endswith("RMS gradient")) > THRESHOLDS.gradient_rms


# ------------------------------------------------------------------------- robustness
@pytest.mark.parametrize("X, Y", [
    (np.zeros((0, 2)), np.zeros((0, 1))),               # no rows
    (np.zeros((5, 3)), np.zeros((5, 1))),               # the wrong number of inputs
    (np.zeros((5, 2)), np.zeros((4, 1))),               # rows that do not match
    (np.full((5, 2), np.nan), np.zeros((5, 1))),        # nothing finite
    ("text", None),
])
def test_input_that_does_not_fit_gives_no_findings(X, Y):
    net = Network(2, [(3, "relu"), (1, "sigmoid")], loss="bce", seed=0)
    assert diagnose(net, X, Y) == []


def test_odd_but_usable_input_never_raises():
    net = Network(2, [(3, "relu"), (1, "sigmoid")], loss="bce", seed=0)
    X = np.array([[0.0, 1.0], [np.nan, 1.0], [0.0, 1.0]])       # constant features, a NaN row
    Y = np.array([[1.0], [0.0], [1.0]])
    assert all(isinstance(f, Finding) for f in diagnose(net, X, Y, History()))
    net.parameters[:] = np.nan
    diagnose(net, X, Y, History([np.nan] * 30, [np.nan] * 30))
    one_row = diagnose(Network(1, [(1, "linear")], loss="mse"), [[1.0]], [[2.0]])
    assert isinstance(one_row, list)


def test_diagnose_leaves_the_network_as_it_was_and_orders_by_code():
    net = Network(1, [(4, "tanh"), (1, "sigmoid")], loss="mse", seed=0)
    before = net.parameters.copy()
    X = np.linspace(-100, 100, 50).reshape(-1, 1)
    found = diagnose(net, X, X)
    assert np.array_equal(net.parameters, before)
    assert codes(found) == sorted(codes(found), key=CODES.index) and len(codes(found)) >= 2


def test_finding_reads_as_text_and_json():
    f = Finding("dead_units", "m", "s", {"layer": 1, "share": 0.123456})
    assert f.evidence_text() == "layer 1; share 0.1235"
    assert f.to_dict() == {"code": "dead_units", "message": "m", "suggestion": "s",
                           "evidence": {"layer": 1, "share": 0.123456}}


def test_a_high_loss_explained_by_the_learning_rate_or_the_targets_is_not_underfitting():
    session = trained(load_csv(IRIS), normalize="none", optimizer="sgd", lr=10.0, epochs=200)
    found = codes(diagnose_session(session))
    assert "lr_too_high" in found and "underfitting" not in found
    net = Network(1, [(4, "tanh"), (1, "sigmoid")], loss="mse", seed=0)
    X = np.linspace(-1, 1, 50).reshape(-1, 1)
    flat = History(np.full(100, 12.0))                    # stuck high for 100 epochs
    assert codes(diagnose(net, X, 10 + X, flat)) == ["target_range"]
    assert "underfitting" in codes(diagnose(net, X, 0.5 + 0.4 * X ** 3, History(np.full(100, 0.5))))
    wide = 1000 * X                                         # the same, with inputs far from scale
    found = codes(diagnose(net, wide, 0.5 + 0.4 * X ** 3, History(np.full(100, 0.5))))
    assert "unscaled_inputs" in found and "underfitting" not in found
