"""The training child's loop (``bpgui.runner.child``), run in a thread of the
test process over a real ``multiprocessing`` pipe."""
import time
from dataclasses import replace

import numpy as np

from bpgui.core import Dataset, builtin_dataset
from bpgui.core import Session, TrainingSettings
from bpgui.runner.job import Job
from bpgui.runner.messages import (Failed, Finished, Pause, Paused, Progress, Quit, Resume, SetLearningRate, Start,
                                   Step, Stop)

from child_helpers import epochs_of, read_until_end, start_child, wide_session


def test_training_goes_on_while_the_window_does_not_read():
    """A snapshot bigger than the pipe must not stall training until the window reads."""
    session = wide_session()
    conn, thread = start_child(Job.from_session(session, None))
    time.sleep(1.5)   # the "window" is busy: nothing is read
    conn.send(Stop())
    msgs = read_until_end(conn)
    conn.send(Quit())
    thread.join(5)
    assert not thread.is_alive()
    kinds = [type(m).__name__ for m in msgs]
    assert kinds[-1] == "Finished" and msgs[-1].reason == "stopped"
    # While nobody reads, no new progress message is made once one is stuck on its way
    # (only what the socket holds goes out: a few, not the ~37 of 1.5 s at 40 ms);
    # every epoch trained meanwhile still arrives in the history.
    assert kinds.count("Progress") <= 5
    final_state = msgs[-1].state
    done = final_state.epochs_done
    assert done >= 20, f"training waited for the reader: only {done} epochs in 1.5 s"
    assert epochs_of(msgs) == list(range(1, done + 1))
    assert msgs[-1].snapshot.epoch == done


def test_every_epoch_arrives_once_in_order_with_the_final_state():
    session = Session(builtin_dataset("gate:xor"),
                      TrainingSettings(hidden=[(4, "tanh")], optimizer="adam", lr=0.05, normalize="none"))
    conn, thread = start_child(Job.from_session(session, 2000))
    msgs = read_until_end(conn)
    conn.send(Quit())
    thread.join(5)
    assert isinstance(msgs[-1], Finished) and msgs[-1].reason == "completed"
    assert epochs_of(msgs) == list(range(1, 2001))
    assert msgs[-1].state.epochs_done == 2000
    assert msgs[-1].snapshot.epoch == 2000


def test_a_job_that_cannot_start_is_reported_and_the_child_lives_on():
    session = Session(builtin_dataset("gate:xor"), TrainingSettings(hidden=[(4, "tanh")], normalize="none"))
    job = Job.from_session(session, 10)
    bad = replace(job, trainer={**job.trainer, "optimizer": "no-such-optimizer"})
    conn, thread = start_child(bad)
    msgs = read_until_end(conn)
    assert isinstance(msgs[-1], Failed) and "training could not start" in msgs[-1].message
    assert "no-such-optimizer" in msgs[-1].message
    conn.send(Start(job))   # the same child takes the next job
    msgs = read_until_end(conn)
    assert isinstance(msgs[-1], Finished) and msgs[-1].reason == "completed"
    conn.send(Quit())
    thread.join(5)
    assert not thread.is_alive()



def long_epoch_session(n=80_000):
    """Epochs of 20,000 small steps: about a second each."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 2))
    Y = (X[:, :1] * X[:, 1:] > 0).astype(float)
    ds = Dataset(X=X, Y=Y, feature_names=["a", "b"], target_names=["y"], class_names=["0", "1"],
                 task="binary", source={"kind": "test"})
    return Session(ds, TrainingSettings(hidden=[(4, "tanh")], optimizer="adam", lr=0.01, batch_size=4,
                                        normalize="none"))


def wait_for(conn, kind, timeout=30.0):
    msgs = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if conn.poll(0.01):
            msgs.append(conn.recv())
            if isinstance(msgs[-1], kind):
                return msgs
    raise AssertionError(f"no {kind.__name__}; got {[type(m).__name__ for m in msgs]}")


def test_a_long_epoch_shows_its_weights_and_pauses_at_once_back_at_the_last_epoch():
    session = long_epoch_session()
    job = Job.from_session(session, None)
    conn, thread = start_child(job)
    msgs = wait_for(conn, Progress)
    t0 = time.monotonic()
    while time.monotonic() - t0 < 0.6:     # well inside the first epoch
        if conn.poll(0.01):
            msgs.append(conn.recv())
    progress = [m for m in msgs if isinstance(m, Progress)]
    assert len(progress) >= 8              # ~25 a second although no epoch has ended
    steps = [m.snapshot.steps for m in progress]
    assert steps == sorted(steps) and steps[-1] > steps[0] > 0
    assert all(m.snapshot.epoch == 0 for m in progress) and not any(m.history["epoch"] for m in progress)
    assert not np.array_equal(progress[0].snapshot.weights[0], progress[-1].snapshot.weights[0])   # live weights

    t0 = time.monotonic()
    conn.send(Pause())
    msgs = wait_for(conn, Paused)
    assert time.monotonic() - t0 < 0.5     # not at the end of the epoch, ~1 s away
    state = msgs[-1].state
    # Back at the start of the interrupted epoch: what is kept is the last completed epoch,
    # and what is shown too (here: the initial weights, as no epoch has completed).
    assert state.epochs_done == 0 and state.steps_done == 0
    np.testing.assert_array_equal(state.parameters, job.state.parameters)
    shown = msgs[-1].snapshot
    assert shown is not None
    for W, W0 in zip(shown.weights, session.model.network.weights):
        np.testing.assert_array_equal(W, W0)

    conn.send(Resume())
    while True:   # into the second epoch
        msgs = wait_for(conn, Progress)
        if msgs[-1].snapshot.epoch >= 1:
            break
    conn.send(Stop())
    msgs += wait_for(conn, Finished)
    conn.send(Quit())
    thread.join(5)
    final = msgs[-1].state
    done = final.epochs_done
    assert done == 1 and final.steps_done == 20_000
    # The result is the uninterrupted run's, epoch for epoch.
    tr = session.trainer
    X, Y = session.train_xy
    for _ in range(done):
        tr.epoch(X, Y)
    np.testing.assert_array_equal(final.parameters, tr.net.parameters)


def test_a_long_epoch_takes_a_new_learning_rate_from_the_next_epoch_without_being_interrupted():
    session = long_epoch_session()
    conn, thread = start_child(Job.from_session(session, 2))
    wait_for(conn, Progress)          # well inside epoch 1, which takes about a second
    conn.send(SetLearningRate(0.5))
    msgs = read_until_end(conn)
    conn.send(Quit())
    thread.join(5)
    assert isinstance(msgs[-1], Finished) and msgs[-1].reason == "completed"
    assert msgs[-1].state.lr == 0.5
    assert epochs_of(msgs) == [1, 2]
    # Epoch 1 at the old rate, epoch 2 at the new one (an interrupted, redone
    # epoch 1 would have used the new rate throughout).
    tr = session.trainer
    X, Y = session.train_xy
    tr.epoch(X, Y)
    tr.lr = 0.5
    tr.epoch(X, Y)
    np.testing.assert_array_equal(msgs[-1].state.parameters, tr.net.parameters)


def test_resume_and_step_are_heard_during_a_long_epoch():
    session = long_epoch_session()
    conn, thread = start_child(Job.from_session(session, None))
    wait_for(conn, Progress)
    conn.send(Pause())
    wait_for(conn, Paused)
    conn.send(Step())                # one epoch, about a second...
    msgs = wait_for(conn, Progress)
    conn.send(Resume())              # ...during which the user resumes
    while True:                         # training goes on past the stepped epoch
        msgs = wait_for(conn, Progress)
        if msgs[-1].snapshot.epoch >= 2:
            break
    conn.send(Quit())                # quit during a job ends the child's loop
    msgs = wait_for(conn, Finished)
    assert msgs[-1].reason == "stopped"
    thread.join(5)
    assert not thread.is_alive()
