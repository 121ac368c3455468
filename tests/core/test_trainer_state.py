"""``TrainerState``: a trainer's resumable state, taken and restored bit for bit."""
import pickle

import numpy as np
import pytest

from bpgui.core import Network, Trainer
from bpgui.core.trainer_state import TrainerState


def data(n=60, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    Y = (X[:, :1] * X[:, 1:2] > 0).astype(float)
    return X, Y


def trainer(optimizer="adam", seed=0, **kw):
    net = Network(3, [(6, "tanh"), (1, "sigmoid")], loss="bce", seed=0)
    return Trainer(net, optimizer=optimizer, lr=0.05, batch_size=8, shuffle=True, seed=seed, **kw)


@pytest.mark.parametrize("optimizer", ["adam", "sgd", "rmsprop"])
def test_train_state_restore_train_equals_training_straight_through_bit_for_bit(optimizer):
    X, Y = data()
    kw = {"momentum": 0.9} if optimizer == "sgd" else {}
    straight = trainer(optimizer, **kw)
    for _ in range(7):
        straight.epoch(X, Y)

    first = trainer(optimizer, **kw)
    for _ in range(4):
        first.epoch(X, Y)
    state = pickle.loads(pickle.dumps(first.state()))   # as it travels through the pipe
    resumed = trainer(optimizer, seed=123, **kw)          # another seed: the state brings the shuffling
    resumed.restore(state)
    for _ in range(3):
        resumed.epoch(X, Y)

    assert resumed.state().equals(straight.state())
    assert resumed.net.parameters.tobytes() == straight.net.parameters.tobytes()
    assert resumed.optimizer.t == straight.optimizer.t
    for key, moment in straight.optimizer.state.items():
        assert resumed.optimizer.state[key].tobytes() == moment.tobytes()
    assert resumed.epochs_done == 7 and resumed.steps_done == straight.steps_done


def test_a_state_is_a_copy_and_can_be_restored_again():
    X, Y = data()
    tr = trainer()
    tr.epoch(X, Y)
    state = tr.state()
    before = state.parameters.copy()
    tr.epoch(X, Y)                               # the trainer moves on, the state does not
    np.testing.assert_array_equal(state.parameters, before)
    with pytest.raises(ValueError):
        state.parameters[0] = 1.0                # read-only
    a, b = trainer(seed=5), trainer(seed=6)
    a.restore(state)
    b.restore(state)
    a.epoch(X, Y)
    b.epoch(X, Y)
    assert a.net.parameters.tobytes() == b.net.parameters.tobytes()


def test_with_lr_and_without_optimizer_moments_make_new_states():
    X, Y = data()
    tr = trainer()
    for _ in range(3):
        tr.epoch(X, Y)
    state = tr.state()
    assert state.optimizer_t > 0 and state.optimizer_state
    fresh = state.without_optimizer_moments()
    assert fresh.optimizer_t == 0 and fresh.optimizer_state == {}
    assert state.optimizer_t > 0 and state.optimizer_state          # the original is unchanged
    assert fresh.epochs_done == state.epochs_done and fresh.rng == state.rng
    slower = state.with_lr(0.001)
    assert slower.lr == 0.001 and state.lr == 0.05
    other = trainer()
    other.restore(slower)
    assert other.lr == 0.001 and other.epochs_done == 3
    with pytest.raises(AttributeError):
        state.lr = 1.0                                              # frozen


def test_restoring_into_another_network_shape_is_refused():
    state = trainer().state()
    net = Network(2, [(2, "tanh"), (1, "sigmoid")], loss="bce")
    with pytest.raises(ValueError, match="parameters"):
        Trainer(net).restore(state)


def test_equals_compares_every_part():
    X, Y = data()
    tr = trainer()
    tr.epoch(X, Y)
    state = tr.state()
    assert state.equals(tr.state())
    assert not state.equals(state.with_lr(0.5))
    assert not state.equals(state.without_optimizer_moments())
    tr.epoch(X, Y)
    assert not state.equals(tr.state())
    assert isinstance(state, TrainerState)


@pytest.mark.parametrize("before, after", [("momentum", "adam"), ("adam", "rmsprop"), ("adam", "sgd")])
def test_a_state_of_another_optimizer_gives_its_weights_and_counts_but_starts_the_optimizer_afresh(before, after):
    """A checkpoint from before a change of optimizer: its moments are not this one's."""
    X, Y = data()
    first = trainer(before)
    for _ in range(3):
        first.epoch(X, Y)
    state = first.state()
    second = trainer(after)
    second.restore(state)
    assert second.optimizer.t == 0 and second.optimizer.state == {}
    np.testing.assert_array_equal(second.net.parameters, state.parameters)
    assert (second.epochs_done, second.steps_done) == (3, state.steps_done)
    same = trainer(before)
    same.restore(state)   # the same optimizer takes them all
    assert same.optimizer.t == state.optimizer_t and same.optimizer.state.keys() == state.optimizer_state.keys()
