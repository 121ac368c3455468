"""The learning-rate range test: known losses, geometric rates, the network left as it was,
a suggestion that trains iris and the digits well."""
from pathlib import Path

import numpy as np
import pytest

from bpgui.core import OPTIMIZERS, Network, Session, TrainingSettings, load_csv, lr_range_test
from bpgui.core.lr_range import SMOOTHING

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def problem(seed=0, n=40):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    Y = (X[:, :1] * X[:, 1:2] > 0).astype(float)
    net = Network(3, [(6, "tanh"), (1, "sigmoid")], loss="bce", dtype="float64", seed=seed)
    return net, X, Y


def test_the_network_given_is_left_bit_for_bit_as_it_was():
    net, X, Y = problem()
    params, grads = net.parameters.copy(), net.gradient_vector.copy()
    result = lr_range_test(net, X, Y, optimizer="adam", stop=1e4, batch_size=8)
    assert result.stopped == "diverged"   # it went all the way to an explosion...
    assert net.parameters.tobytes() == params.tobytes()   # ...on a copy
    assert net.gradient_vector.tobytes() == grads.tobytes()


def test_rates_are_geometric_from_start_to_stop():
    net, X, Y = problem()
    result = lr_range_test(net, X, Y, start=1e-6, stop=1e-2, steps=50)
    assert result.stopped == "completed" and len(result.rates) == 50
    assert result.rates[0] == pytest.approx(1e-6) and result.rates[-1] == pytest.approx(1e-2)
    ratios = result.rates[1:] / result.rates[:-1]
    np.testing.assert_allclose(ratios, (1e4) ** (1 / 49), rtol=1e-12)


def test_losses_are_those_of_sgd_steps_at_the_growing_rates_smoothed():
    """Full batch, plain SGD, by hand with Network.gradients: each raw loss is the loss
    before the step at that rate; the smoothed loss is the bias-corrected average."""
    net, X, Y = problem(n=12)
    result = lr_range_test(net, X, Y, optimizer="sgd", start=0.01, stop=1.0, steps=5, batch_size=None)
    ref = net.copy()
    raw = []
    for lr in result.rates:
        raw.append(ref.loss(X, Y))
        dW, db = ref.gradients(X, Y)
        ref.weights = [W - lr * g for W, g in zip(ref.weights, dW)]
        ref.biases = [b - lr * g for b, g in zip(ref.biases, db)]
    np.testing.assert_allclose(result.raw_losses, raw, rtol=1e-12)
    average, smooth = 0.0, []
    for i, loss in enumerate(raw):
        average = SMOOTHING * average + (1 - SMOOTHING) * loss
        smooth.append(average / (1 - SMOOTHING ** (i + 1)))
    np.testing.assert_allclose(result.losses, smooth, rtol=1e-12)
    assert result.losses[0] == pytest.approx(raw[0])   # bias correction: no pull towards 0


@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
def test_every_optimizer_gives_a_finite_suggestion_within_the_range(optimizer):
    net, X, Y = problem(seed=1)
    result = lr_range_test(net, X, Y, optimizer=optimizer, batch_size=8, seed=3)
    assert len(result.rates) == len(result.losses) == len(result.raw_losses) >= 2
    assert np.isfinite(result.losses).all()
    assert 1e-7 <= result.suggestion <= 10 and np.isfinite(result.suggestion)
    best = result.rates[int(np.argmin(result.losses))]
    assert result.minimum == best and result.suggestion == pytest.approx(max(best / 10, 1e-7))


def test_it_stops_when_the_smoothed_loss_passes_four_times_the_best():
    net, X, Y = problem()
    result = lr_range_test(net, X, Y, optimizer="sgd", stop=1e6, steps=300, batch_size=8)
    assert result.stopped == "diverged" and len(result.rates) < 300
    assert result.minimum < result.rates[-1]
    finite = np.isfinite(result.losses)
    # Every step but the last one stayed within 4x the best so far (the last one, if it ran, did not).
    running_best = np.minimum.accumulate(result.losses[finite])
    assert (result.losses[finite][:-1] <= 4 * running_best[:-1]).all()


def test_hyperparameters_reach_the_optimizer_and_the_same_seed_gives_the_same_test():
    net, X, Y = problem()
    a = lr_range_test(net, X, Y, optimizer="sgd", momentum=0.9, batch_size=8, seed=5)
    b = lr_range_test(net, X, Y, optimizer="sgd", momentum=0.9, batch_size=8, seed=5)
    c = lr_range_test(net, X, Y, optimizer="sgd", batch_size=8, seed=5)
    np.testing.assert_array_equal(a.losses, b.losses)
    assert not np.array_equal(a.losses[:20], c.losses[:20])
    with pytest.raises(ValueError, match="no hyperparameter 'beta'"):
        lr_range_test(net, X, Y, optimizer="sgd", beta=0.9)


def test_progress_is_told_every_step_and_can_cancel():
    net, X, Y = problem()
    seen = []
    result = lr_range_test(net, X, Y, steps=100, progress=lambda i, n: seen.append((i, n)) or i < 7)
    assert seen == [(i, 100) for i in range(1, 8)]
    assert result.stopped == "cancelled" and len(result.rates) == 7


@pytest.mark.parametrize("kw,message", [
    (dict(start=1.0, stop=0.1), "0 < start < stop"),
    (dict(start=0.0), "0 < start < stop"),
    (dict(stop=float("inf")), "0 < start < stop"),
    (dict(steps=1), "steps must be a whole number >= 2"),
    (dict(batch_size=0), "batch size must be a whole number >= 1 or None"),
    (dict(batch_size=2.5), "batch size must be a whole number >= 1 or None"),
])
def test_bad_arguments_are_named(kw, message):
    net, X, Y = problem()
    with pytest.raises(ValueError, match=message):
        lr_range_test(net, X, Y, **kw)


@pytest.mark.parametrize("name,hidden,optimizer", [
    ("iris", [(8, "tanh")], "sgd"), ("iris", [(8, "tanh")], "adam"),
    ("digits", [(16, "tanh")], "sgd"), ("digits", [(16, "tanh")], "adam"),
])
def test_the_suggestion_trains_iris_and_the_digits_well(name, hidden, optimizer):
    """30 epochs of mini-batches of 32 at the suggested rate, judged on held-out rows."""
    settings = TrainingSettings(hidden=hidden, optimizer=optimizer, batch_size=32, test_split=0.3)
    session = Session(load_csv(str(SAMPLES / f"{name}.csv")), settings)
    result = lr_range_test(session.model.network, *session.train_xy, optimizer=optimizer, batch_size=32)
    session.trainer.lr = result.suggestion
    for _ in session.trainer.run(*session.train_xy, epochs=30):
        pass
    accuracy = session.model.evaluate(session.test.X, session.test.Y)["accuracy"]
    assert accuracy >= 0.9, (result.suggestion, accuracy)
