import numpy as np
import pytest

from bpgui.core import DivergenceError, Network, Trainer
from bpgui.core.builtin_data import GATES
from bpgui.core.optimizers import make_optimizer

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)


def train_gate(name, seed=0, epochs=600):
    X, Y = GATES[name]
    net = Network(X.shape[1], [(4, "tanh"), (Y.shape[1], "sigmoid")], loss="bce", seed=seed)
    tr = Trainer(net, optimizer="adam", lr=0.05, seed=seed)
    for _ in range(epochs):
        stats = tr.epoch(X, Y)
    return net, stats


@pytest.mark.parametrize("gate", ["and", "or", "nand", "nor", "xor", "xnor", "not"])
def test_each_gate_reaches_full_accuracy_deterministically(gate):
    net, stats = train_gate(gate)
    X, Y = GATES[gate]
    assert stats.metrics["accuracy"] == 1.0
    np.testing.assert_array_equal(net.predict(X) >= 0.5, Y >= 0.5)
    again, _ = train_gate(gate)
    for a, b in zip(net.weights + net.biases, again.weights + again.biases):
        assert a.tobytes() == b.tobytes()  # bit-identical


def test_minibatch_shuffling_is_seeded():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    Y = (X.sum(axis=1, keepdims=True) > 0).astype(float)

    def run(seed):
        net = Network(3, [(5, "tanh"), (1, "sigmoid")], loss="bce", seed=0, dtype="float64")
        tr = Trainer(net, optimizer="sgd", lr=0.1, batch_size=8, shuffle=True, seed=seed)
        losses = [tr.epoch(X, Y).loss for _ in range(5)]
        return net.weights[0].copy(), losses

    w1, l1 = run(1)
    w1b, l1b = run(1)
    w2, _ = run(2)
    assert np.array_equal(w1, w1b) and l1 == l1b
    assert not np.array_equal(w1, w2)


def test_batch_modes_take_the_right_number_of_steps():
    X = np.random.default_rng(0).normal(size=(10, 2))
    Y = np.zeros((10, 1))
    for batch, steps in [(None, 1), (4, 3), (1, 10), (100, 1)]:
        net = Network(2, [(1, "linear")])
        assert Trainer(net, optimizer="sgd", lr=0.1, batch_size=batch).epoch(X, Y).steps == steps


def test_full_batch_epoch_equals_one_gradient_step():
    net = Network(2, [(3, "tanh"), (1, "linear")], seed=0, dtype="float64")
    dW, db = net.gradients(XOR_X, XOR_Y)
    expected = [W - 0.1 * g for W, g in zip(net.weights, dW)]
    Trainer(net, optimizer="sgd", lr=0.1).epoch(XOR_X, XOR_Y)
    for W, e in zip(net.weights, expected):
        np.testing.assert_allclose(W, e, rtol=1e-15)


def test_minibatch_loss_is_mean_of_batch_losses_before_update():
    X = np.arange(6, dtype=float).reshape(3, 2)
    Y = np.ones((3, 1))
    net = Network(2, [(1, "linear")], seed=0, dtype="float64")
    ref = net.copy()
    stats = Trainer(net, optimizer="sgd", lr=0.01, batch_size=2, shuffle=False).epoch(X, Y)
    first = ref.loss(X[:2], Y[:2])
    Trainer(ref, optimizer="sgd", lr=0.01, batch_size=2, shuffle=False).epoch(X[:2], Y[:2])
    second = ref.loss(X[2:], Y[2:])
    assert stats.loss == pytest.approx((2 * first + second) / 3, rel=1e-12)


def test_l1_l2_gradient_on_weights_only():
    net = Network(2, [(3, "tanh"), (1, "linear")], seed=0, dtype="float64")
    ref = net.copy()
    l1, l2, lr = 0.01, 0.1, 0.1
    dW, db = ref.gradients(XOR_X, XOR_Y)
    tr = Trainer(net, optimizer="sgd", lr=lr, l1=l1, l2=l2)
    stats = tr.epoch(XOR_X, XOR_Y)
    for W, W0, g in zip(net.weights, ref.weights, dW):
        np.testing.assert_allclose(W, W0 - lr * (g + l2 * W0 + l1 * np.sign(W0)), rtol=1e-14)
    for b, b0, g in zip(net.biases, ref.biases, db):
        np.testing.assert_allclose(b, b0 - lr * g, rtol=1e-14)  # biases not regularised
    w = np.concatenate([W.ravel() for W in net.weights])
    assert stats.penalty == pytest.approx(l2 / 2 * w @ w + l1 * np.abs(w).sum(), rel=1e-12)


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")  # expected on the way to inf
def test_divergence_raises_and_keeps_finite_parameters():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 2)) * 10
    Y = rng.normal(size=(20, 1)) * 10
    net = Network(2, [(8, "relu"), (1, "linear")], loss="mse", seed=0)
    tr = Trainer(net, optimizer="sgd", lr=1e6)
    with pytest.raises(DivergenceError, match="diverged at epoch .*smaller learning rate") as info:
        for _ in range(1000):
            tr.epoch(X, Y)
    assert info.value.epoch >= 1
    assert np.isfinite(net.parameters).all()
    assert np.isfinite(net.loss(X, Y))  # the parameters of the last finite step
    # training can go on with a sane rate
    tr.lr = 1e-6
    assert np.isfinite(tr.epoch(X, Y).loss)


def test_divergence_from_nan_inputs_is_reported_not_spread():
    net = Network(2, [(2, "tanh"), (1, "linear")], seed=0)
    before = net.parameters.copy()
    X = np.array([[np.nan, 1.0], [0.0, 1.0]])
    with pytest.raises(DivergenceError):
        Trainer(net, optimizer="adam", lr=0.1).epoch(X, [[1.0], [0.0]])
    np.testing.assert_array_equal(net.parameters, before)


def test_run_yields_snapshots_with_copies_and_metrics():
    net = Network(2, [(4, "tanh"), (1, "sigmoid")], loss="bce", seed=0)
    tr = Trainer(net, optimizer="adam", lr=0.05)
    snaps = list(tr.run(XOR_X, XOR_Y, epochs=5, validation=(XOR_X, XOR_Y)))
    assert [s.epoch for s in snaps] == [1, 2, 3, 4, 5]
    assert snaps[-1].stopped == "completed" and snaps[0].stopped is None
    last = snaps[-1]
    assert set(last.train_metrics) == {"accuracy"} and set(last.val_metrics) == {"accuracy"}
    assert last.val_loss == pytest.approx(net.loss(XOR_X, XOR_Y), rel=1e-6)
    assert len(last.grad_norms) == 2 and all(g > 0 for g in last.grad_norms)
    assert not np.shares_memory(last.weights[0], net.weights[0])
    np.testing.assert_array_equal(last.weights[0], net.weights[0])
    assert not np.array_equal(snaps[0].weights[0], snaps[-1].weights[0])


def test_run_without_epoch_limit_goes_on_until_the_consumer_stops():
    net = Network(2, [(4, "tanh"), (1, "sigmoid")], loss="bce", seed=0)
    run = Trainer(net, optimizer="adam", lr=0.05).run(XOR_X, XOR_Y)
    for snap in run:
        if snap.epoch == 50:
            break
    assert snap.stopped is None


def test_early_stopping_restores_the_best_weights():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 1))
    Y = X + rng.normal(size=(30, 1)) * 0.3
    Xv = rng.normal(size=(30, 1))
    Yv = -Xv  # the opposite relation: validation loss grows as training fits X -> Y
    net = Network(1, [(1, "linear")], seed=0, dtype="float64")
    net.weights = [np.array([[-1.0]])]
    tr = Trainer(net, optimizer="sgd", lr=0.1)
    snaps = list(tr.run(X, Y, epochs=500, validation=(Xv, Yv), early_stopping=5))
    last = snaps[-1]
    assert last.stopped == "early_stopping"
    assert last.epoch - last.best_epoch == 5 and len(snaps) < 500
    best = min(snaps[:-1], key=lambda s: s.val_loss)
    assert best.epoch == last.best_epoch
    np.testing.assert_array_equal(net.weights[0], best.weights[0])
    assert net.loss(Xv, Yv) == pytest.approx(best.val_loss, rel=1e-12)


def test_regression_metrics():
    X = np.linspace(-1, 1, 40).reshape(-1, 1)
    Y = 3 * X + 1
    net = Network(1, [(1, "linear")], seed=0, dtype="float64")
    tr = Trainer(net, optimizer="adam", lr=0.1)
    for _ in range(400):
        stats = tr.epoch(X, Y)
    assert set(stats.metrics) == {"r2", "mae"}
    assert stats.metrics["r2"] > 0.999 and stats.metrics["mae"] < 0.05
    loss, metrics = tr.evaluate(X, Y)
    assert metrics["r2"] > 0.9999 and loss < 1e-4


def test_accuracy_argmax_for_softmax_threshold_for_sigmoid():
    from bpgui.core.metrics import accuracy
    y_hat = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]])
    assert accuracy(y_hat, np.array([[1, 0, 0], [0, 1, 0]])) == 0.5
    assert accuracy(np.array([[0.6], [0.4], [0.5]]), np.array([[1], [1], [1]])) == pytest.approx(2 / 3)
    # two sigmoid outputs (e.g. a half adder): a row is right only if both are
    assert accuracy(np.array([[0.9, 0.2], [0.9, 0.7]]), np.array([[1, 0], [1, 0]]), thresholded=True) == 0.5


def test_learning_rate_change_mid_run_keeps_optimizer_state():
    net = Network(2, [(4, "tanh"), (1, "sigmoid")], loss="bce", seed=0)
    tr = Trainer(net, optimizer="adam", lr=0.05)
    tr.epoch(XOR_X, XOR_Y)
    tr.lr = 0.01
    stats = tr.epoch(XOR_X, XOR_Y)
    assert stats.lr == 0.01 and tr.optimizer.t == 2


@pytest.mark.parametrize("kwargs,message", [
    (dict(lr=-1), "learning rate must be a finite number > 0"),
    (dict(lr=float("nan")), "learning rate must be a finite number > 0"),
    (dict(batch_size=0), "batch size must be a positive integer or None"),
    (dict(l2=-0.1), "l2 must be a finite number >= 0"),
    (dict(optimizer="adamw"), "unknown optimizer 'adamw'"),
    (dict(optimizer="adam", momentum=0.9), "optimizer 'adam' has no hyperparameter 'momentum'"),
    (dict(schedule="linear"), "unknown schedule 'linear'"),
])
def test_bad_trainer_settings_are_refused(kwargs, message):
    net = Network(2, [(1, "linear")])
    with pytest.raises(ValueError, match=message):
        Trainer(net, **kwargs)


def test_early_stopping_needs_validation():
    tr = Trainer(Network(2, [(1, "linear")]), optimizer="sgd", lr=0.1)
    with pytest.raises(ValueError, match="needs a validation set"):
        next(tr.run(XOR_X, XOR_Y, epochs=3, early_stopping=2))


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_divergence_at_the_first_step_of_a_continued_trainer_keeps_the_given_weights():
    """A trainer rebuilt from saved state (steps_done > 0) has no backup yet: nothing to restore."""
    net = Network(1, [(1, "linear")], loss="mse", dtype="float32")
    net.weights = [np.array([[3e38]], dtype=np.float32)]
    before = net.parameters.copy()
    tr = Trainer(net, optimizer="sgd", lr=0.1)
    tr.steps_done = 5
    with pytest.raises(DivergenceError):
        tr.epoch([[10.0]], [[0.0]])
    np.testing.assert_array_equal(net.parameters, before)


def test_epoch_sees_in_place_changes_of_the_data():
    X = np.array([[0.0], [1.0]])
    Y = np.array([[0.0], [1.0]])
    net = Network(1, [(1, "linear")], loss="mse", dtype="float32", seed=0)
    tr = Trainer(net, optimizer="sgd", lr=1e-9)
    first = tr.epoch(X, Y).loss
    Y[...] = 100.0
    assert tr.epoch(X, Y).loss > first + 1000


def test_early_stopping_history_keeps_each_epochs_own_validation_loss():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 1))
    Y = X + rng.normal(size=(30, 1)) * 0.3
    Xv = rng.normal(size=(30, 1))
    net = Network(1, [(1, "linear")], seed=0, dtype="float64")
    net.weights = [np.array([[-1.0]])]
    snaps = list(Trainer(net, optimizer="sgd", lr=0.1).run(X, Y, epochs=500, validation=(Xv, -Xv),
                                                            early_stopping=5))
    assert snaps[-1].val_loss > min(s.val_loss for s in snaps)  # not the restored best value


def test_a_snapshot_refuses_non_finite_parameters_and_restores_the_last_finite_step():
    net = Network(2, [(3, "tanh"), (1, "linear")], dtype="float64", seed=0)
    tr = Trainer(net, optimizer="sgd", lr=0.1)
    reports = tr.reports(XOR_X, XOR_Y)
    report = next(reports)
    before_last_update = tr._backup.copy()
    net.parameters[0] = np.nan  # as if the last update had overflowed
    with pytest.raises(DivergenceError):
        tr.snapshot(report.stats, report.val)
    np.testing.assert_array_equal(net.parameters, before_last_update)


# ----------------------------------------------------------- the step hook
def moons_like(n=64, seed=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    Y = (X[:, :1] * X[:, 1:] > 0).astype(float)
    return X, Y


def fresh_trainer(optimizer="adam"):
    net = Network(2, [(6, "tanh"), (1, "sigmoid")], loss="bce", seed=1, dtype="float64")
    return Trainer(net, optimizer=optimizer, lr=0.05, batch_size=8, seed=2)


def test_step_hook_runs_between_the_steps_of_an_epoch_only():
    from bpgui.core.training import EpochInterrupted  # noqa: F401 (public name)
    X, Y = moons_like()
    tr = fresh_trainer()
    seen = []
    tr.step_hook = lambda: seen.append(tr.steps_done)
    tr.epoch(X, Y)
    assert seen == [1, 2, 3, 4, 5, 6, 7]       # 8 steps: the hook between them, never after the last
    full = Trainer(Network(2, [(1, "sigmoid")], loss="bce"), batch_size=None)
    full.step_hook = lambda: seen.append("full")
    full.epoch(X, Y)
    assert "full" not in seen                   # one step an epoch: nothing in between


@pytest.mark.parametrize("optimizer", ["adam", "sgd", "rmsprop"])
def test_an_interrupted_epoch_is_rewound_and_redone_bit_identically(optimizer):
    from bpgui.core.training import EpochInterrupted
    X, Y = moons_like()
    Xv, Yv = moons_like(16, seed=9)
    plain = fresh_trainer(optimizer)
    expected = [r.stats for r in plain.reports(X, Y, epochs=6, validation=(Xv, Yv))]

    tr = fresh_trainer(optimizer)
    calls = {"n": 0}

    def hook():   # interrupt the 2nd and 4th epochs half-way (at their 4th step)
        calls["n"] += 1
        if calls["n"] in (7 + 3, 7 * 3 + 3 + 3):
            raise EpochInterrupted

    tr.step_hook = hook
    got, interrupted_after = [], []
    for report in tr.reports(X, Y, epochs=6, validation=(Xv, Yv)):
        if report.stats is None:
            # back at the last completed epoch: parameters and counters as they were
            assert tr.epochs_done == len(got) and tr.steps_done == 8 * len(got)
            interrupted_after.append(len(got))
            continue
        got.append(report.stats)
    assert interrupted_after == [1, 3] and len(got) == 6
    for a, b in zip(got, expected):
        assert a == b   # every figure equal, to the bit
    np.testing.assert_array_equal(tr.net.parameters, plain.net.parameters)
    assert tr.optimizer.t == plain.optimizer.t == 48


def test_snapshot_mid_epoch_may_skip_the_finiteness_check():
    tr = fresh_trainer()
    X, Y = moons_like()
    stats = tr.epoch(X, Y)
    tr.net.parameters[0] = np.nan
    snap = tr.snapshot(stats, check_finite=False)
    assert np.isnan(snap.weights[0][0, 0])
    with pytest.raises(DivergenceError):
        tr.snapshot(stats)


def test_keep_best_keeps_the_best_validation_epochs_parameters_without_stopping():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 3))
    Y = X @ np.array([[0.5], [-1.0], [2.0]]) + rng.normal(0, 0.5, size=(40, 1))
    net = Network(3, [(16, "tanh"), (1, "linear")], loss="mse", dtype="float64", seed=1)
    tr = Trainer(net, optimizer="adam", lr=0.05, seed=0)
    val = (X[:10], Y[:10])
    snaps = list(tr.run(X[10:], Y[10:], epochs=300, validation=val, keep_best=True))
    losses = [s.val_loss for s in snaps]
    best = int(np.argmin(losses))
    assert best < len(snaps) - 1            # overfits: the best epoch is not the last
    assert tr.best.epoch == snaps[best].epoch == snaps[-1].best_epoch and tr.best.loss == losses[best]
    assert snaps[-1].stopped == "completed"   # keep_best alone never stops the run
    assert tr.best.restore(net.parameters)
    assert net.loss(*val) == pytest.approx(losses[best], rel=1e-12)


def test_without_keep_best_or_early_stopping_no_parameters_are_copied():
    net = Network(2, [(2, "tanh"), (1, "sigmoid")], loss="bce")
    tr = Trainer(net, optimizer="adam", lr=0.05)
    list(tr.run(XOR_X, XOR_Y, epochs=5, validation=(XOR_X, XOR_Y)))
    assert tr.best.epoch == 5 and tr.best.params is None and not tr.best.restore(net.parameters)


def test_finite_float32_parameters_whose_sum_overflows_are_not_a_divergence():
    net = Network(2, [(2, "tanh"), (1, "sigmoid")], loss="bce", dtype="float32")
    tr = Trainer(net, optimizer="sgd", lr=0.1)
    stats = tr.epoch(XOR_X, XOR_Y)
    net.parameters[:] = np.float32(3e38)
    with np.errstate(over="ignore"):
        assert np.isfinite(net.parameters).all() and not np.isfinite(net.parameters.sum())
    snap = tr.snapshot(stats)                      # checks the parameters: all finite
    assert snap.weights[0][0, 0] == np.float32(3e38)
    net.parameters[-1] = np.inf
    with pytest.raises(DivergenceError):
        tr.snapshot(stats)


@pytest.mark.parametrize("change", ["lr", "batch size", "optimizer", "reset", "restore", "new data"])
def test_every_change_but_one_more_epoch_like_the_last_starts_a_new_course(change):
    """A timeline's recorder works a course's counts out from its pace: whatever changes
    them otherwise must start a new course (Trainer.course)."""
    X, Y = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float), np.array([[0], [1], [1], [0]], float)
    tr = Trainer(Network(2, [(3, "tanh"), (1, "sigmoid")], loss="bce", seed=0), optimizer="adam", lr=0.1)
    reports = tr.reports(X, Y)
    next(reports)
    course = tr.course
    next(reports)
    assert tr.course is course   # full batch: nothing moved but the epoch
    {"lr": lambda: setattr(tr, "lr", 0.05), "batch size": lambda: setattr(tr, "batch_size", 2),
     "optimizer": lambda: setattr(tr, "optimizer", make_optimizer("adam")), "reset": tr.reset,
     "restore": lambda: tr.restore(tr.state()), "new data": lambda: tr.reports(X[:3], Y[:3]).__next__()}[change]()
    assert tr.course is not course


def test_a_shuffle_starts_a_new_course():
    X = np.arange(8.0).reshape(4, 2)
    tr = Trainer(Network(2, [(1, "sigmoid")], loss="bce", seed=0), optimizer="sgd", batch_size=2)
    reports = tr.reports(X, X[:, :1] > 3)
    next(reports)
    course = tr.course
    next(reports)
    assert tr.course is not course
