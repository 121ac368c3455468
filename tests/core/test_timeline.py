"""The weights' timeline: the budget, which epochs stay, and bit-for-bit replays."""
import math
import pickle

import numpy as np
import pytest

from bpgui.core import Network, Trainer, builtin_dataset
from bpgui.core.session import Session
from bpgui.core.timeline import MB, Timeline
from bpgui.core.timeline_columns import NUMBER_BYTES
from bpgui.core.training_settings import TrainingSettings

XOR = (np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float), np.array([[0], [1], [1], [0]], float))


def xor_trainer(optimizer="adam", dtype="float32", **kw):
    net = Network(2, [(4, "tanh"), (1, "sigmoid")], loss="bce", seed=0, dtype=dtype)
    return Trainer(net, optimizer=optimizer, lr=0.05, seed=0, **kw)


def checkpoint_size(trainer, moments=2):
    """One checkpoint's bytes: parameters and adam's two moments, a flag for each moment, the numbers."""
    return trainer.net.parameters.nbytes * (1 + moments) + moments + NUMBER_BYTES


def interior_is_the_grid(timeline):
    """Kept: first, best, last, and every multiple of the stride between first and last."""
    epochs = timeline.epochs
    first, last, stride = epochs[0], epochs[-1], timeline.stride
    grid = {e for e in range(first + 1, last) if e % stride == 0}
    extras = {first, last} | ({timeline.best_epoch} if timeline.best_epoch is not None else set())
    return set(epochs) == grid | extras


def spiral_session(optimizer="adam", dtype="float32", epochs=30, **kw):
    settings = TrainingSettings(hidden=[(8, "tanh")], optimizer=optimizer, lr=0.01, batch_size=16,
                                epochs=epochs, val_split=0.2, dtype=dtype, **kw)
    return Session(builtin_dataset("toy:spiral", n_samples=120, seed=0), settings)


# ------------------------------------------------------------------ budget
def test_every_epoch_is_kept_while_it_fits():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes)
    timeline.record(tr, 0)
    for report in tr.reports(*XOR, epochs=200):
        timeline.record(tr, report.stats.epoch)
    assert timeline.epochs == list(range(201)) and timeline.stride == 1
    assert timeline.nbytes == 201 * checkpoint_size(tr) == 201 * (3 * 68 + 2 + 96)


def test_the_budget_holds_over_5000_epochs_and_the_kept_epochs_stay_evenly_spaced():
    tr = xor_trainer()
    budget = 40 * checkpoint_size(tr)
    timeline = Timeline(tr.net.sizes, budget)
    timeline.record(tr, 0)
    rng = np.random.default_rng(1)
    strides = set()
    for report in tr.reports(*XOR, epochs=5000):
        # A validation loss that improves now and then: the best moves about.
        timeline.record(tr, report.stats.epoch, float(rng.random()))
        assert timeline.nbytes <= budget
        strides.add(timeline.stride)
        if report.stats.epoch % 7 == 0:
            assert interior_is_the_grid(timeline)
    assert timeline.epochs[0] == 0 and timeline.epochs[-1] == 5000
    assert len(timeline) >= 20 and max(strides) == timeline.stride >= 64
    assert sorted(strides) == [2**k for k in range(len(strides))]   # doubled, one step at a time


@pytest.mark.parametrize("validation", [False, True])
def test_epochs_sorted_in_batches_are_those_sorted_one_by_one(validation):
    """record() leaves the policy to batches of epochs; reading after every epoch
    sorts them one at a time.  Both keep the same checkpoints."""
    tr = xor_trainer()
    budget = 30 * checkpoint_size(tr)
    batched, one_by_one = Timeline(tr.net.sizes, budget), Timeline(tr.net.sizes, budget)
    rng = np.random.default_rng(3)
    for timeline in (batched, one_by_one):
        timeline.record(tr, 0)
    for report in tr.reports(*XOR, epochs=3000):
        val = float(rng.random()) if validation else None
        batched.record(tr, report.stats.epoch, val)
        one_by_one.record(tr, report.stats.epoch, val)
        assert one_by_one.nbytes <= budget   # sorts what is pending
    assert batched.epochs == one_by_one.epochs and batched.stride == one_by_one.stride
    assert batched.best_epoch == one_by_one.best_epoch and batched.nbytes == one_by_one.nbytes
    assert interior_is_the_grid(batched)


def test_first_best_and_last_are_kept_when_little_fits():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes, 5 * checkpoint_size(tr))
    timeline.record(tr, 0)
    for report in tr.reports(*XOR, epochs=300):
        e = report.stats.epoch
        timeline.record(tr, e, abs(e - 123) / 1000)   # the lowest validation loss at epoch 123
        assert timeline.best_epoch == min(e, 123)
    assert timeline.best_epoch == 123 and 123 in timeline.epochs
    assert timeline.epochs[0] == 0 and timeline.epochs[-1] == 300
    assert timeline.nbytes <= timeline.budget_bytes and interior_is_the_grid(timeline)


def test_a_budget_below_three_checkpoints_keeps_first_best_and_last_only():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes, 0)
    timeline.record(tr, 0)
    for report in tr.reports(*XOR, epochs=50):
        timeline.record(tr, report.stats.epoch, 1.0 if report.stats.epoch != 20 else 0.5)
    assert timeline.epochs == [0, 20, 50]


def test_a_smaller_budget_thins_at_once():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes)
    timeline.record(tr, 0)
    for report in tr.reports(*XOR, epochs=100):
        timeline.record(tr, report.stats.epoch)
    timeline.budget_bytes = 20 * checkpoint_size(tr)   # 101 kept: halved twice, 26 are still too many
    assert timeline.nbytes <= timeline.budget_bytes and timeline.stride == 8
    assert timeline.epochs == [0, *range(8, 100, 8), 100]
    with pytest.raises(ValueError, match="budget"):
        timeline.budget_bytes = -1


# ----------------------------------------------------------------- reading
def test_weights_at_the_last_epoch_are_the_networks_and_copies():
    s = spiral_session(epochs=12)
    list(s.run())
    timeline, net = s.model.timeline, s.model.network
    weights, biases = timeline.weights_at(timeline.epochs[-1])
    assert timeline.epochs == list(range(13))
    for got, want in zip(weights + biases, net.weights + net.biases):
        assert got.dtype == want.dtype and got.tobytes() == want.tobytes()
    weights[0][0, 0] += 1.0   # a copy: the timeline is unchanged
    assert timeline.weights_at(12)[0][0][0, 0] == net.weights[0][0, 0]


def test_epoch_zero_holds_the_initial_weights():
    s = spiral_session(epochs=3)
    initial = s.model.network.parameters.copy()
    list(s.run())
    assert s.model.timeline.state_at(0).parameters.tobytes() == initial.tobytes()
    assert s.model.timeline.state_at(0).optimizer_t == 0


def test_an_epoch_not_kept_names_the_nearest_kept_ones():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes, 0)
    timeline.record(tr, 0)
    for report in tr.reports(*XOR, epochs=40):
        timeline.record(tr, report.stats.epoch, 0.1 if report.stats.epoch == 10 else 1.0)
    assert timeline.epochs == [0, 10, 40]
    with pytest.raises(KeyError, match="epoch 17 is not kept.*nearest kept: 10 and 40"):
        timeline.weights_at(17)
    with pytest.raises(KeyError, match="nearest kept: 40"):
        timeline.state_at(99)
    assert [timeline.nearest(e) for e in (3, 5, 6, 17, 30, 99)] == [0, 0, 10, 10, 40, 40]
    with pytest.raises(KeyError, match="no checkpoint"):
        Timeline(tr.net.sizes).weights_at(0)


def test_the_generator_state_is_taken_when_it_moved():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes)
    for report in tr.reports(*XOR, epochs=5):
        timeline.record(tr, report.stats.epoch)
    assert all(cp.rng == tr.rng.bit_generator.state for cp in timeline.checkpoints())   # full batch: never
    tr = xor_trainer(batch_size=2)
    timeline = Timeline(tr.net.sizes)
    for report in tr.reports(*XOR, epochs=5):
        timeline.record(tr, report.stats.epoch)
        assert timeline.state_at(report.stats.epoch).rng == tr.rng.bit_generator.state
    rngs = [cp.rng for cp in timeline.checkpoints()]
    assert all(a != b for a, b in zip(rngs, rngs[1:]))


def test_plain_sgd_keeps_no_scratch_buffer_and_still_replays():
    tr = xor_trainer("sgd", batch_size=2)
    timeline = Timeline(tr.net.sizes)
    for report in tr.reports(*XOR, epochs=6):
        timeline.record(tr, report.stats.epoch)
    assert all(cp.moments == {} for cp in timeline.checkpoints())
    other = xor_trainer("sgd", batch_size=2)
    other.restore(timeline.state_at(3))
    list(other.reports(*XOR, epochs=3))
    assert other.net.parameters.tobytes() == timeline.state_at(6).parameters.tobytes()


def test_recording_an_earlier_epoch_is_refused_and_the_same_epoch_replaces():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes)
    timeline.record(tr, 0)
    list(tr.reports(*XOR, epochs=2))
    timeline.record(tr, 2, 0.5)
    with pytest.raises(ValueError, match="before the timeline's latest"):
        timeline.record(tr, 1)
    list(tr.reports(*XOR, epochs=1))
    timeline.record(tr, 2)
    assert timeline.epochs == [0, 2] and timeline.best_epoch is None
    assert timeline.state_at(2).equals(tr.state())


def test_truncate_and_pickle():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes)
    for report in tr.reports(*XOR, epochs=10):
        timeline.record(tr, report.stats.epoch, 1.0 / report.stats.epoch)
    assert timeline.best_epoch == 10
    again = pickle.loads(pickle.dumps(timeline))
    assert again.epochs == timeline.epochs and again.state_at(7).equals(timeline.state_at(7))
    timeline.truncate(6)
    assert timeline.epochs == list(range(1, 7)) and timeline.best_epoch == 6
    assert timeline.nbytes == 6 * checkpoint_size(tr)
    again.record(tr, 11)   # a trainer the unpickled timeline never saw: its state is taken afresh
    assert again.state_at(11).equals(tr.state())


# ------------------------------------------------------------------ replay
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("optimizer,hyper", [("adam", {}), ("sgd", {"momentum": 0.9})])
def test_going_back_to_epoch_10_of_30_retraces_the_run_bit_for_bit(dtype, optimizer, hyper):
    s = spiral_session(optimizer, dtype, hyperparameters=hyper)
    list(s.run())
    first = s.model.timeline
    states = {e: first.state_at(e) for e in first.epochs}
    assert sorted(states) == list(range(31))
    s.rewind(10)
    assert s.model.history.epochs == 10 and s.model.timeline.epochs[-1] == 10
    list(s.run(epochs=20))
    again = s.model.timeline
    assert again.epochs == list(range(31))
    for e in range(10, 31):
        assert again.state_at(e).equals(states[e]), e
    assert s.model.network.parameters.tobytes() == states[30].parameters.tobytes()


def test_a_replay_with_trainer_restore_alone():
    """Without a session: restore a checkpoint into a trainer and train on."""
    tr = xor_trainer(batch_size=2)
    timeline = Timeline(tr.net.sizes)
    timeline.record(tr, 0)
    for report in tr.reports(*XOR, epochs=30):
        timeline.record(tr, report.stats.epoch)
    other = xor_trainer(batch_size=2)
    other.rng = np.random.default_rng(99)   # the checkpoint brings the shuffling back
    other.restore(timeline.state_at(10))
    for report in other.reports(*XOR, epochs=20):
        assert timeline.state_at(report.stats.epoch).equals(other.state())


def test_going_back_to_an_epoch_not_kept_says_which_are():
    s = spiral_session(epochs=5, timeline_mb=0)
    list(s.run())
    with pytest.raises(KeyError, match="no timeline"):
        s.rewind(2)
    s = spiral_session(epochs=5)
    list(s.run())
    s.model.timeline.budget_bytes = 0
    with pytest.raises(KeyError, match="nearest kept"):
        s.rewind(2)


# ------------------------------------------------------------------ session
def test_a_continued_model_continues_its_timeline():
    s = spiral_session(epochs=8)
    list(s.run())
    again = Session(s.dataset, s.settings, init_model=s.model)
    list(again.run(epochs=5))
    timeline = again.model.timeline
    assert timeline.epochs == list(range(14)) and again.model.history.epochs == 13
    # epoch 8 is now where the second run began: its fresh optimizer, its validation loss kept
    assert timeline.state_at(8).optimizer_t == 0 and not math.isnan(timeline.checkpoint(8).val_loss)


def test_recording_off_drops_a_continued_models_timeline():
    s = spiral_session(epochs=4)
    list(s.run())
    settings = s.settings
    settings.timeline_mb = 0
    again = Session(s.dataset, settings, init_model=s.model)
    list(again.run(epochs=2))
    assert again.model.timeline is None


def test_early_stopping_ends_the_timeline_with_the_weights_the_model_keeps():
    s = spiral_session(epochs=2000, early_stopping=5)
    last = list(s.run())[-1]
    assert last.stopped == "early_stopping"
    timeline = s.model.timeline
    assert timeline.epochs[-1] == last.epoch and timeline.best_epoch == last.best_epoch
    assert timeline.state_at(last.epoch).parameters.tobytes() == s.model.network.parameters.tobytes()
    assert timeline.state_at(last.best_epoch).parameters.tobytes() == s.model.network.parameters.tobytes()


def test_the_budget_setting_reaches_the_timeline():
    s = spiral_session(epochs=3, timeline_mb=0.5)
    list(s.run())
    assert s.model.timeline.budget_bytes == MB // 2
    assert TrainingSettings().timeline_mb == 256
    assert TrainingSettings.from_dict({"timeline_mb": 1.5}).timeline_mb == 1.5
    with pytest.raises(ValueError, match="timeline_mb"):
        TrainingSettings.from_dict({"timeline_mb": -1})
