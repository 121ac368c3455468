"""The training child records the timeline; the window's model gets it with the
events that end a stretch of training, and a run goes back or branches from it."""
import time

import numpy as np
import pytest

from bpgui.core import Session, TrainingSettings, builtin_dataset
from bpgui.core.modelfile import load_model, save_model
from bpgui.runner import TrainingProcess
from bpgui.runner.job import Job
from bpgui.runner.messages import Finished, Pause, Paused, Quit, Resume

from child_helpers import read_until_end, start_child


def spiral_session(**kw):
    settings = TrainingSettings(hidden=[(8, "tanh")], optimizer="adam", lr=0.01, batch_size=16, val_split=0.2, **kw)
    return Session(builtin_dataset("toy:spiral", n_samples=120, seed=0), settings)


def read_until(conn, kind, timeout=30.0):
    deadline = time.monotonic() + timeout
    msgs = []
    while time.monotonic() < deadline:
        if conn.poll(0.05):
            msgs.append(conn.recv())
            if isinstance(msgs[-1], kind):
                return msgs
    raise AssertionError(f"no {kind.__name__}; got {[type(m).__name__ for m in msgs]}")


def test_the_child_hands_over_each_stretchs_checkpoints_at_a_pause_and_at_the_end():
    session = spiral_session()
    list(session.run(epochs=5))   # the job goes on from epoch 5 of the model's history
    session.begin_timeline()
    job = Job.from_session(session, 4000)   # long enough that the pause comes before the end
    assert job.timeline_bytes == 256 * 2**20 and job.first_epoch == 5
    conn, thread = start_child(job)
    time.sleep(0.05)
    conn.send(Pause())
    paused = read_until(conn, Paused)[-1]
    conn.send(Resume())
    finished = read_until_end(conn)[-1]
    conn.send(Quit())
    thread.join(5)
    first, second = paused.timeline, finished.timeline
    done = paused.state.epochs_done   # the trainer's count: the job began at 5
    assert first.epochs == list(range(6, done + 1))
    assert second.epochs == list(range(done + 1, 4006))
    assert first.state_at(done).equals(paused.state) and second.state_at(4005).equals(finished.state)
    assert not np.isnan(second.checkpoint(4005).val_loss)   # the validation loss names the best


def test_an_early_stopped_jobs_last_checkpoint_holds_the_best_weights_and_no_validation_loss():
    """As Session.run records it: the stopped epoch's checkpoint is the network the job ends
    with (the best epoch's weights), so the loss measured on other weights is not its own."""
    session = spiral_session(early_stopping=3)
    session.begin_timeline()
    conn, thread = start_child(Job.from_session(session, 400))
    end = read_until_end(conn)[-1]
    conn.send(Quit())
    thread.join(5)
    assert end.reason == "early_stopping"
    last = end.timeline.last_epoch
    assert np.isnan(end.timeline.checkpoint(last).val_loss)
    np.testing.assert_array_equal(end.timeline.checkpoint(last).parameters, end.state.parameters)
    assert not np.isnan(end.timeline.checkpoint(last - 1).val_loss)


def test_a_job_without_a_timeline_records_none():
    session = spiral_session(timeline_mb=0)
    assert session.begin_timeline() is None
    conn, thread = start_child(Job.from_session(session, 20))
    end = read_until_end(conn)[-1]
    conn.send(Quit())
    thread.join(5)
    assert isinstance(end, Finished) and end.timeline is None


@pytest.fixture
def proc():
    p = TrainingProcess()
    yield p
    p.shutdown()


def test_the_windows_model_gets_the_childs_timeline_and_saves_it(proc, tmp_path):
    session = spiral_session()
    proc.start(session, 60)
    proc.wait_idle(60)
    proc.start(session, 40)   # a second job goes on from epoch 60
    proc.wait_idle(60)
    timeline, net = session.model.timeline, session.model.network
    assert timeline.epochs == list(range(101)) and session.model.history.epochs == 100
    weights, biases = timeline.weights_at(100)
    assert all(a.tobytes() == b.tobytes() for a, b in zip(weights + biases, net.weights + net.biases))
    assert timeline.state_at(100).equals(session.trainer.state())
    path = tmp_path / "spiral.bpgui"
    save_model(session.model, str(path))
    again = load_model(str(path)).timeline
    assert again.epochs == timeline.epochs and again.state_at(37).equals(timeline.state_at(37))


def test_rewinding_in_the_runner_retraces_the_childs_run_bit_for_bit(proc):
    session = spiral_session()
    proc.start(session, 80)
    proc.wait_idle(60)
    first = {e: session.model.timeline.state_at(e) for e in range(30, 81)}
    proc.rewind(30)
    assert session.model.history.epochs == 30 and session.model.timeline.epochs[-1] == 30
    proc.start(session, 50)
    proc.wait_idle(60)
    for e in range(30, 81):
        assert session.model.timeline.state_at(e).equals(first[e]), e


def test_branching_in_the_runner_trains_a_new_session_from_the_checkpoint(proc):
    session = spiral_session()
    proc.start(session, 40)
    proc.wait_idle(60)
    end = session.model.network.parameters.copy()
    settings = TrainingSettings.from_dict({**session.settings.to_dict(), "lr": 0.05})
    branch = proc.branch(20, settings)
    proc.start(branch, 20)
    proc.wait_idle(60)
    assert branch.model.timeline.epochs == list(range(41)) and branch.trainer.lr == 0.05
    start, origin = branch.model.timeline.state_at(20), session.model.timeline.state_at(20)
    assert start.parameters.tobytes() == origin.parameters.tobytes()   # the branch's start: the new rate
    assert (start.lr, origin.lr) == (0.05, 0.01)
    assert branch.model.network.parameters.tobytes() != end.tobytes()
    assert session.model.network.parameters.tobytes() == end.tobytes()


def test_rewind_and_branch_wait_for_the_job_to_end(proc):
    session = spiral_session()
    proc.start(session, None)
    try:
        with pytest.raises(RuntimeError, match="stop the job first"):
            proc.rewind(0)
        with pytest.raises(RuntimeError, match="stop the job first"):
            proc.branch(0, session.settings)
    finally:
        proc.stop()
        proc.wait_idle(30)
    with pytest.raises(RuntimeError, match="no session"):
        TrainingProcess().rewind(0)
