"""The timeline's fast recorder, appending another timeline (the training child's
checkpoints), forks that share memory until written, and branching a session."""
import pickle
from dataclasses import replace

import numpy as np
import pytest

from bpgui.core import Network, Trainer, builtin_dataset
from bpgui.core.session import Session
from bpgui.core.timeline import Timeline
from bpgui.core.optimizers import make_optimizer
from bpgui.core.timeline_columns import NUMBER_BYTES
from bpgui.core.training_settings import TrainingSettings

XOR = (np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float), np.array([[0], [1], [1], [0]], float))


def xor_trainer(optimizer="adam", **kw):
    net = Network(2, [(4, "tanh"), (1, "sigmoid")], loss="bce", seed=0, dtype="float32")
    return Trainer(net, optimizer=optimizer, lr=0.05, seed=0, **kw)


def row_bytes(trainer, moments=2):
    return trainer.net.parameters.nbytes * (1 + moments) + moments + NUMBER_BYTES


def same_checkpoints(a: Timeline, b: Timeline) -> bool:
    return (a.epochs == b.epochs and a.stride == b.stride and a.best_epoch == b.best_epoch
            and all(x.state().equals(y.state()) and x.val_loss == y.val_loss or
                    (np.isnan(x.val_loss) and np.isnan(y.val_loss) and x.state().equals(y.state()))
                    for x, y in zip(a.checkpoints(), b.checkpoints())))


def val_losses(n, seed=1):
    rng = np.random.default_rng(seed)
    return [float(v) for v in rng.random(n + 1)]


# ---------------------------------------------------------------- recorder
@pytest.mark.parametrize("optimizer,batch", [("adam", None), ("sgd", 2), ("rmsprop", None)])
def test_the_recorder_keeps_what_record_keeps(optimizer, batch):
    """Two identical trainers, one recorded by record(), one by its recorder(), through
    a small budget (thinning, moving bests), a restore and a new learning rate."""
    vals = val_losses(2500)
    timelines = []
    for use_recorder in (False, True):
        tr = xor_trainer(optimizer, batch_size=batch)
        timeline = Timeline(tr.net.sizes, 60 * row_bytes(tr))
        rec = timeline.recorder(tr) if use_recorder else (lambda e, v=None: timeline.record(tr, e, v))
        rec(0)
        for report in tr.reports(*XOR, epochs=1500):
            rec(report.stats.epoch, vals[report.stats.epoch])
        tr.restore(timeline.state_at(timeline.epochs[-3]))   # a new optimizer state and generator
        tr.lr = 0.01
        timeline.truncate(timeline.epochs[-3])
        for report in tr.reports(*XOR, epochs=1000):   # the trainer's epochs are the timeline's here
            rec(report.stats.epoch, vals[report.stats.epoch])
        timelines.append(timeline)
    recorded, recorder = timelines
    assert recorded.nbytes <= recorded.budget_bytes and recorded.stride >= 16
    assert same_checkpoints(recorded, recorder)


def test_the_recorder_sees_a_new_optimizer_and_an_earlier_epoch_is_refused():
    tr = xor_trainer("sgd")
    timeline = Timeline(tr.net.sizes)
    rec = timeline.recorder(tr)
    rec(0)
    list(tr.reports(*XOR, epochs=1))
    rec(1)
    tr.optimizer = make_optimizer("adam")
    list(tr.reports(*XOR, epochs=1))
    rec(2)
    assert timeline.state_at(2).equals(tr.state())
    assert set(timeline.state_at(2).optimizer_state) == {"exp_avg", "exp_avg_sq"}
    assert timeline.state_at(1).optimizer_state == {}
    with pytest.raises(ValueError, match="before the timeline's latest"):
        rec(1)


def test_the_budget_holds_over_a_long_run_recorded_by_the_recorder():
    tr = xor_trainer()
    budget = 200 * row_bytes(tr)
    timeline = Timeline(tr.net.sizes, budget)
    rec = timeline.recorder(tr)
    rec(0)
    for report in tr.reports(*XOR, epochs=60_000):
        rec(report.stats.epoch)
        if report.stats.epoch % 5000 == 0:
            assert timeline.nbytes <= budget
    epochs = timeline.epochs
    assert timeline.nbytes <= budget and epochs[0] == 0 and epochs[-1] == 60_000
    assert timeline.stride >= 256 and set(np.diff(epochs[:-1])) == {timeline.stride}
    assert timeline.weights_at(60_000)[0][0].tobytes() == tr.net.weights[0].tobytes()


def _recorded_both_ways(script, optimizer="adam", budget_rows=None):
    """Two identical trainers driven by ``script(trainer, rec)``, one recorded by record(),
    one by its recorder(): the two timelines."""
    timelines = []
    for use_recorder in (False, True):
        tr = xor_trainer(optimizer)
        timeline = Timeline(tr.net.sizes) if budget_rows is None else Timeline(tr.net.sizes, budget_rows * row_bytes(tr))
        rec = timeline.recorder(tr) if use_recorder else (lambda e, v=None, t=timeline, tr=tr: t.record(tr, e, v))
        script(tr, rec, timeline)
        timelines.append(timeline)
    return timelines


def test_paced_rows_equal_exact_ones_through_every_change_of_course():
    """A new learning rate, batch size and optimizer mid-run, validation losses on some
    epochs, reads of the timeline between epochs: the recorder's rows, mostly paced, are
    record()'s, block after block (2,048 rows a block here)."""
    def script(tr, rec, timeline):
        rec(0)
        vals = val_losses(6000, seed=3)
        for report in tr.reports(*XOR, epochs=6000):
            e = report.stats.epoch
            rec(e, vals[e] if 1000 <= e < 1100 else None)
            if e == 2500:
                tr.lr = 0.02
            elif e == 3000:
                tr.batch_size = 2
            elif e == 3100:
                tr.batch_size = None
            elif e == 4000:
                tr.optimizer = make_optimizer("rmsprop")
            if e % 777 == 0:
                assert timeline.last_epoch == e and len(timeline) == e + 1
    recorded, recorder = _recorded_both_ways(script)
    assert recorded.epochs == list(range(6001))
    assert same_checkpoints(recorded, recorder)


def test_the_last_epoch_counts_the_paced_rows_and_other_writers_end_them():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes)
    rec = timeline.recorder(tr)
    rec(0)
    for report in tr.reports(*XOR, epochs=50):
        rec(report.stats.epoch)
    assert timeline._stage.paced_rows() > 40 and timeline.last_epoch == 50
    timeline.truncate(30)   # another writer: the recorder's next row is exact again
    assert timeline.last_epoch == 30 and timeline.epochs == list(range(31))
    tr.restore(timeline.state_at(30))
    for report in tr.reports(*XOR, epochs=20):
        rec(report.stats.epoch)
    timeline.add(50, tr.state(), 0.5)   # replaces the recorder's row of epoch 50
    for report in tr.reports(*XOR, epochs=5):
        rec(report.stats.epoch)
    assert timeline.epochs == list(range(56)) and timeline.state_at(55).equals(tr.state())
    assert timeline.checkpoint(50).val_loss == 0.5 and timeline.best_epoch == 50


def test_counts_moved_without_a_new_course_are_caught_where_the_block_ends():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes)
    rec = timeline.recorder(tr)
    with pytest.raises(RuntimeError, match="changed course without saying so"):
        for report in tr.reports(*XOR, epochs=3000):
            rec(report.stats.epoch)
            if report.stats.epoch == 100:
                tr.steps_done += 1   # not through the trainer's methods: no new course


def _against_the_truth(drive, **trainer):
    """``drive(trainer, rec)`` trains and records; every kept checkpoint must be the
    trainer's state as it was when recorded, whether by record() or by a recorder."""
    for use_recorder in (False, True):
        tr = xor_trainer(**trainer)
        timeline = Timeline(tr.net.sizes)
        rec = timeline.recorder(tr) if use_recorder else (lambda e, v=None: timeline.record(tr, e, v))
        truths = {}

        def recorded(epoch, val=None):
            rec(epoch, val)
            truths[epoch] = tr.state()
        drive(tr, recorded)
        assert timeline.epochs == sorted(truths)
        for epoch in (*range(1, 12), 3004):
            if epoch in truths:
                assert timeline.state_at(epoch).equals(truths[epoch]), (use_recorder, epoch)


def _epochs(tr, recorded, first, count, prepared=None):
    """``count`` epochs of XOR, recorded as ``first`` on; one course unless something changes it."""
    prepared = prepared or tr._prepare(*XOR)
    for epoch in range(first, first + count):
        tr._epoch(*prepared)
        recorded(epoch)
    return prepared


@pytest.mark.parametrize("change", ["trace_step", "optimizer state replaced", "reset", "float64 moments"])
def test_a_change_the_recorder_cannot_pace_is_recorded_as_it_is(change):
    """What the review of the paced rows found: each must end the pace (or be refused)."""
    def drive(tr, recorded):
        prepared = _epochs(tr, recorded, 1, 4)
        if change == "trace_step":   # one full-batch step counted as an epoch of two steps
            tr.trace_step(*XOR)
        elif change == "optimizer state replaced":
            tr.optimizer.state = {k: v.copy() for k, v in tr.optimizer.state.items()}
        elif change == "reset":   # (nothing recorded before the next step makes new moments)
            tr.reset()
        else:
            state = tr.state()
            tr.restore(replace(state, optimizer_state={k: v.astype(np.float64)
                                                       for k, v in state.optimizer_state.items()}))
        if change != "reset":
            recorded(5)
        _epochs(tr, recorded, 6, 3000, prepared)   # past the end of a block, where paces are checked
    _against_the_truth(drive, **(dict(batch_size=2, shuffle=False) if change == "trace_step" else {}))


def test_two_trainers_recorded_into_one_timeline_keep_their_own_rows():
    a, b = xor_trainer(), xor_trainer(batch_size=2, shuffle=False)   # the same moments: one staging
    timeline = Timeline(a.net.sizes)
    rec_a, rec_b = timeline.recorder(a), timeline.recorder(b)
    on_a = _epochs(a, rec_a, 1, 3)
    _epochs(b, rec_b, 4, 3)
    _epochs(a, rec_a, 7, 1, on_a)
    assert timeline.state_at(7).equals(a.state()) and timeline.state_at(6).steps_done == b.steps_done


def test_another_recorders_rows_end_this_ones_pace_even_when_its_next_epoch_comes():
    a, b = xor_trainer(), xor_trainer(batch_size=2, shuffle=False)
    timeline = Timeline(a.net.sizes)
    rec_a, rec_b = timeline.recorder(a), timeline.recorder(b)
    on_a = _epochs(a, rec_a, 1, 3)   # a is paced: its next epoch would be 4
    _epochs(b, rec_b, 4, 3)          # b's rows 4..6, paced too (its own room)
    with pytest.raises(ValueError, match="before the timeline's latest, 6"):
        _epochs(a, rec_a, 4, 1, on_a)   # through record(), which refuses it: not a paced row after b's
    assert timeline.epochs == [1, 2, 3, 4, 5, 6] and timeline.state_at(6).steps_done == b.steps_done


def test_a_skipped_epoch_is_not_taken_as_the_next_paced_one():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes)
    rec = timeline.recorder(tr)
    prepared = tr._prepare(*XOR)
    states = {}
    for epoch in (0, 1, 2, 3, 5, 6):   # 4 skipped: a caller that numbers the epochs itself
        tr._epoch(*prepared)
        rec(epoch)
        states[epoch] = tr.state()
    assert timeline.epochs == [0, 1, 2, 3, 5, 6]
    assert all(timeline.state_at(epoch).equals(state) for epoch, state in states.items())


def test_add_after_a_recorder_filled_the_staging_block():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes)
    last = _epochs(tr, timeline.recorder(tr), 0, 2048) and 2047   # XOR's block: 2,048 rows
    timeline.add(last + 1, tr.state(), 0.5)
    assert timeline.epochs[-2:] == [last, last + 1] and timeline.checkpoint(last + 1).val_loss == 0.5


# ------------------------------------------------------------------ extend
@pytest.mark.parametrize("budget_rows", [10_000, 40])
def test_a_timeline_extended_by_a_later_one_is_the_one_recorded_whole(budget_rows):
    """What the window does with the child's checkpoints: they go through the policy."""
    vals = val_losses(3000, seed=4)
    tr = xor_trainer()
    budget = budget_rows * row_bytes(tr)
    whole, first = Timeline(tr.net.sizes, budget), Timeline(tr.net.sizes, budget)
    for timeline in (whole, first):
        timeline.record(tr, 0, vals[0])
    later = None
    for report in tr.reports(*XOR, epochs=3000):
        e = report.stats.epoch
        whole.record(tr, e, vals[e])
        if e <= 1234:
            first.record(tr, e, vals[e])
        else:
            later = later or Timeline(tr.net.sizes, budget)
            later.record(tr, e, vals[e])
    first.extend(later)
    assert first.epochs[0] == 0 and first.epochs[-1] == 3000 and first.nbytes <= budget
    assert first.best_epoch == whole.best_epoch
    if budget_rows == 10_000:
        assert same_checkpoints(first, whole)
    else:   # evenly spaced throughout, at the coarser of the two strides
        epochs = first.epochs
        grid = [e for e in epochs[1:-1] if e != first.best_epoch]
        assert all(e % first.stride == 0 for e in grid) and first.stride >= later.stride


def test_extend_replaces_the_epochs_it_brings_again_and_refuses_another_network():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes)
    for e in range(6):
        timeline.record(tr, e)
    later = Timeline(tr.net.sizes)
    list(tr.reports(*XOR, epochs=1))
    later.record(tr, 4)
    timeline.extend(later)
    assert timeline.epochs == [0, 1, 2, 3, 4] and timeline.state_at(4).equals(tr.state())
    timeline.extend(Timeline(tr.net.sizes))   # nothing to add
    assert timeline.epochs == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError, match="2-3-1"):
        timeline.extend(Timeline([2, 3, 1]))


# -------------------------------------------------------------------- fork
def test_a_fork_shares_memory_until_either_side_writes():
    tr = xor_trainer()
    timeline = Timeline(tr.net.sizes)
    for report in tr.reports(*XOR, epochs=20):
        timeline.record(tr, report.stats.epoch, 1.0 / report.stats.epoch)
    before = {e: timeline.state_at(e) for e in timeline.epochs}
    fork = timeline.fork()
    assert fork.storage is timeline.storage and fork.epochs == timeline.epochs
    assert fork.best_epoch == timeline.best_epoch == 20
    fork.truncate(10)
    list(tr.reports(*XOR, epochs=3))
    fork.record(tr, 11)   # writes: the fork copies first
    assert fork.storage is not timeline.storage
    assert fork.epochs == list(range(1, 12)) and timeline.epochs == list(range(1, 21))
    assert all(timeline.state_at(e).equals(state) for e, state in before.items())
    timeline.record(tr, 21)   # the original alone now: no copy needed, and the fork unchanged
    assert fork.epochs == list(range(1, 12)) and fork.state_at(11).equals(tr.state())
    again = pickle.loads(pickle.dumps(fork))
    assert again.epochs == fork.epochs and again.storage is not fork.storage


# ------------------------------------------------------------------ branch
def spiral_session(**kw):
    settings = TrainingSettings(hidden=[(8, "tanh")], optimizer="adam", lr=0.01, batch_size=16, epochs=30,
                                val_split=0.2, **kw)
    return Session(builtin_dataset("toy:spiral", n_samples=120, seed=0), settings)


def test_a_branch_with_unchanged_settings_retraces_the_run_and_leaves_it_alone():
    s = spiral_session()
    list(s.run())
    original = {e: s.model.timeline.state_at(e) for e in s.model.timeline.epochs}
    branch = s.branch(12, s.settings)
    assert branch.model is not s.model and branch.model.history.epochs == 12
    assert branch.model.network.parameters.tobytes() == original[12].parameters.tobytes()
    list(branch.run(epochs=18))
    for e in range(12, 31):
        assert branch.model.timeline.state_at(e).equals(original[e]), e
    assert s.model.timeline.epochs == list(range(31)) and s.model.history.epochs == 30
    assert all(s.model.timeline.state_at(e).equals(state) for e, state in original.items())


def test_a_branch_with_a_new_learning_rate_or_optimizer_goes_its_own_way():
    s = spiral_session()
    list(s.run())
    end = s.model.network.parameters.copy()
    settings = s.settings
    faster = TrainingSettings.from_dict({**settings.to_dict(), "lr": 0.05})
    branch = s.branch(10, faster)
    assert branch.trainer.lr == 0.05 and branch.trainer.optimizer.t == s.model.timeline.state_at(10).optimizer_t
    list(branch.run(epochs=20))
    assert branch.model.network.parameters.tobytes() != end.tobytes()
    assert s.model.network.parameters.tobytes() == end.tobytes()
    other = s.branch(10, TrainingSettings.from_dict({**settings.to_dict(), "optimizer": "sgd", "lr": 0.1}))
    assert other.trainer.optimizer.t == 0 and other.trainer.optimizer.state == {}
    assert other.trainer.epochs_done == s.model.timeline.state_at(10).epochs_done
    with pytest.raises(ValueError, match="hidden"):
        s.branch(10, TrainingSettings.from_dict({**settings.to_dict(), "hidden": [[3, "tanh"]]}))
    with pytest.raises(KeyError, match="nearest kept"):
        s.branch(99, settings)
