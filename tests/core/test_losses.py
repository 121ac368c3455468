import numpy as np
import pytest

from bpgui.core import Network
from bpgui.core.losses import LOSSES, check_pair

Y_HAT = np.array([[0.8, 0.1], [0.3, 0.6]])
Y = np.array([[1.0, 0.0], [0.0, 1.0]])


def test_mse_is_half_sum_of_squares_mean_over_samples():
    # row 1: (0.2^2 + 0.1^2)/2 = 0.025; row 2: (0.3^2 + 0.4^2)/2 = 0.125; mean 0.075
    assert LOSSES["mse"].value(Y_HAT, Y) == pytest.approx(0.075, rel=1e-14)


def test_bce_sums_over_outputs_means_over_samples():
    expected = -(np.log(0.8) + np.log(0.9) + np.log(0.7) + np.log(0.6)) / 2
    assert LOSSES["bce"].value(Y_HAT, Y) == pytest.approx(expected, rel=1e-14)


def test_ce_is_minus_log_of_the_true_class():
    assert LOSSES["ce"].value(Y_HAT, Y) == pytest.approx(-(np.log(0.8) + np.log(0.6)) / 2, rel=1e-14)


def test_values_from_logits_match_values_from_outputs():
    z = np.array([[0.3, -1.2], [2.0, 0.1]])
    sig = 1 / (1 + np.exp(-z))
    assert LOSSES["bce"].value_from_logits(z, Y) == pytest.approx(LOSSES["bce"].value(sig, Y), rel=1e-13)
    soft = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    assert LOSSES["ce"].value_from_logits(z, Y) == pytest.approx(LOSSES["ce"].value(soft, Y), rel=1e-13)


def test_saturated_logits_give_exact_finite_loss():
    # sigmoid(-800) rounds to 1e-304-ish: ln of it from the output would be clipped,
    # from the logit it is exactly 800.
    z = np.array([[-800.0]])
    assert LOSSES["bce"].value_from_logits(z, np.array([[1.0]])) == pytest.approx(800.0, rel=1e-15)
    z = np.array([[900.0, 0.0]])
    assert LOSSES["ce"].value_from_logits(z, np.array([[0.0, 1.0]])) == pytest.approx(900.0, rel=1e-15)


@pytest.mark.parametrize("act,loss", [("sigmoid", "bce"), ("softmax", "ce"), ("linear", "mse")])
def test_seed_000_output_delta_is_y_hat_minus_y(act, loss):
    """Seed 000: for these pairs the output layer's delta is y_hat - y per sample."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(5, 3))
    if act == "softmax":
        Y = np.eye(3)[[0, 2, 1, 1, 0]]
    else:
        Y = rng.random((5, 3))
    net = Network(3, [(4, "tanh"), (3, act)], loss=loss, dtype="float64", seed=1)
    delta = net.output_delta(X, Y)
    np.testing.assert_allclose(delta, net.predict(X) - Y, rtol=0, atol=1e-15)
    # and it is the gradient of the per-sample loss with respect to z (checked numerically
    # on the output layer's bias, whose gradient is the batch mean of delta)
    _, db = net.gradients(X, Y)
    np.testing.assert_allclose(db[-1], delta.mean(axis=0), rtol=1e-12)


def test_nonsense_pairs_are_refused_with_the_allowed_ones_named():
    with pytest.raises(ValueError, match="loss 'ce' needs an output activation of 'softmax'"):
        check_pair("sigmoid", "ce")
    with pytest.raises(ValueError, match="loss 'bce' needs an output activation of 'sigmoid'"):
        Network(2, [(3, "tanh"), (1, "relu")], loss="bce")
    with pytest.raises(ValueError, match="choose one of: mse, bce, ce"):
        check_pair("linear", "hinge")
    check_pair("tanh", "mse")  # mse accepts any output


def test_the_canonical_pairs_are_defined_once_and_used_by_every_default():
    from bpgui.core.losses import CANONICAL_OUTPUT, CANONICAL_PAIRS, TASK_LOSS, default_output
    from bpgui.core.model import default_output as model_default_output
    from bpgui.core.training_settings import TrainingSettings

    assert CANONICAL_PAIRS == {("sigmoid", "bce"), ("softmax", "ce"), ("linear", "mse")}
    assert model_default_output is default_output
    for task in ("binary", "multiclass", "regression"):
        assert default_output(task) in CANONICAL_PAIRS and default_output(task)[1] == TASK_LOSS[task]
        for loss, act in CANONICAL_OUTPUT.items():   # a chosen loss brings its own activation
            assert TrainingSettings(loss=loss).output_for(task) == (act, loss)
    assert TrainingSettings(output_activation="tanh", loss="mse").output_for("binary") == ("tanh", "mse")


@pytest.mark.parametrize("units,ok", [(1, False), (2, True), (3, True)])
def test_softmax_needs_two_units_in_one_place(units, ok):
    from bpgui.core.losses import check_output_layer

    if ok:
        check_output_layer("softmax", units, "ce")
        return
    with pytest.raises(ValueError, match="softmax output needs at least 2 units, got 1.*needs 2 or more classes"):
        check_output_layer("softmax", units, "ce")
    check_output_layer("sigmoid", units, "bce")


def test_bce_from_logits_of_a_fitted_float32_network_is_never_below_zero():
    from bpgui.core.losses import LOSSES

    def fitted(seed):
        rng = np.random.default_rng(seed)
        y = rng.integers(0, 2, size=(4000, 1)).astype(np.float32)
        z = np.where(y == 1, 18.0, -18.0).astype(np.float32) + rng.normal(0, 0.5, y.shape).astype(np.float32)
        return y, z

    def naive(y, z):
        return float(np.add.reduce(np.logaddexp(0.0, z), axis=None)) - float(np.vdot(y, z))

    # Whether float32 cancellation reads below zero depends on how this CPU's NumPy sums:
    # the first of a few seeds where it does.
    y, z = next(case for case in map(fitted, range(40)) if naive(*case) < 0)
    assert LOSSES["bce"].value_from_logits(z, y) == 0.0
