"""A run slowed down to be watched (``SetSpeed``, ``Start(job, epochs_per_second)``,
``bpgui.runner.pace``).  Wall-clock bounds are one-sided, the ones noise cannot
break: a paced run can only be slower than its pace allows, and a command that
is heard at once arrives far inside the bounds asked here."""
import gc
import math
import multiprocessing as mp
import threading
import time

import pytest

from bpgui.core import Session, TrainingSettings, builtin_dataset
from bpgui.runner import TrainingProcess
from bpgui.runner.child import SEND_INTERVAL, serve
from bpgui.runner.job import Job
from bpgui.runner.messages import (Finished, Pause, Paused, Progress, Quit, Resume, SetSpeed, Start, Step, Stop)
from bpgui.runner.pace import CATCH_UP, EVERY_EPOCH_AT_MOST, MIN_WAIT, Pace

from child_helpers import epochs_of, read_until_end, start_child


def xor_job(epochs):
    session = Session(builtin_dataset("gate:xor"),
                      TrainingSettings(hidden=[(4, "tanh")], optimizer="adam", lr=0.05, normalize="none"))
    return Job.from_session(session, epochs)


def run(job, epochs_per_second):
    """Start ``job`` at ``epochs_per_second`` in a child's loop in a thread: (conn, thread)."""
    gc.collect()   # as child_helpers.start_child: no Qt garbage for the thread to free
    parent, child = mp.Pipe()
    thread = threading.Thread(target=serve, args=(child,), daemon=True)
    thread.start()
    parent.send(Start(job, epochs_per_second))
    return parent, thread


def end(conn, thread):
    conn.send(Quit())
    thread.join(5)
    assert not thread.is_alive()


def wait_for(conn, kind, timeout=10.0):
    """Messages up to and including the first of type ``kind``."""
    msgs = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if conn.poll(0.01):
            msgs.append(conn.recv())
            if isinstance(msgs[-1], kind):
                return msgs
    raise AssertionError(f"no {kind.__name__}; got {[type(m).__name__ for m in msgs]}")


def snapshot_epochs(msgs):
    return [m.snapshot.epoch for m in msgs if isinstance(m, (Progress, Finished)) and m.snapshot is not None]


# ------------------------------------------------------------------ the child
def test_at_20_epochs_a_second_ten_epochs_take_at_least_0_4_s_and_each_sends_its_snapshot():
    t0 = time.monotonic()
    conn, thread = run(xor_job(10), 20.0)
    msgs = read_until_end(conn)
    elapsed = time.monotonic() - t0
    end(conn, thread)
    assert isinstance(msgs[-1], Finished) and msgs[-1].reason == "completed"
    assert elapsed >= 0.4, f"10 epochs at 20/s took {elapsed:.3f} s"   # nine waits of 50 ms at least
    assert snapshot_epochs(msgs) == list(range(1, 11)), "each epoch must be shown, in order"
    assert epochs_of(msgs) == list(range(1, 11))


def test_a_stop_during_a_slow_run_ends_it_at_once():
    conn, thread = run(xor_job(None), 1.0)
    wait_for(conn, Progress)   # epoch 1 (at once); epoch 2 is a second away
    t0 = time.monotonic()
    conn.send(Stop())
    msgs = wait_for(conn, Finished)
    took = time.monotonic() - t0
    end(conn, thread)
    assert took < 0.5, f"stop took {took:.3f} s at 1 epoch/s"
    assert msgs[-1].reason == "stopped" and msgs[-1].state.epochs_done == 1


def test_pause_and_step_are_immediate_at_one_epoch_a_second():
    conn, thread = run(xor_job(None), 1.0)
    wait_for(conn, Progress)
    t0 = time.monotonic()
    conn.send(Pause())
    paused = wait_for(conn, Paused)[-1]
    assert time.monotonic() - t0 < 0.5
    assert paused.state.epochs_done == 1
    t0 = time.monotonic()
    conn.send(Step())   # a step is one epoch at once, whatever the speed
    stepped = wait_for(conn, Progress)[-1]
    assert time.monotonic() - t0 < 0.5
    assert stepped.snapshot.epoch == 2
    conn.send(Resume())
    t0 = time.monotonic()
    resumed = wait_for(conn, Progress)[-1]   # the pace goes on: the next epoch comes at once or within a second
    assert resumed.snapshot.epoch == 3 and time.monotonic() - t0 < 1.5
    conn.send(Stop())
    assert wait_for(conn, Finished)[-1].state.epochs_done == 3
    end(conn, thread)


def test_a_new_speed_is_heard_during_the_wait():
    conn, thread = run(xor_job(None), 1.0)
    wait_for(conn, Progress)
    t0 = time.monotonic()
    conn.send(SetSpeed(20.0))   # the second epoch need not wait out the rest of the old second
    second = wait_for(conn, Progress)[-1]
    assert second.snapshot.epoch == 2 and time.monotonic() - t0 < 0.5
    conn.send(SetSpeed(None))   # full speed: thousands of epochs, not a few
    time.sleep(0.5)
    conn.send(Stop())
    done = wait_for(conn, Finished)[-1].state.epochs_done
    end(conn, thread)
    assert done > 100, f"only {done} epochs in 0.5 s at full speed"


def test_a_full_speed_run_slows_down_when_told_and_the_epochs_all_arrive():
    conn, thread = run(xor_job(None), None)
    time.sleep(0.3)
    conn.send(SetSpeed(10.0))
    time.sleep(0.2)   # the change is heard within a few milliseconds
    conn.send(Pause())
    before = wait_for(conn, Paused)[-1].state.epochs_done
    conn.send(Resume())
    time.sleep(1.0)   # about 10 epochs; noise can only make it fewer
    conn.send(Stop())
    msgs = wait_for(conn, Finished, timeout=10)
    end(conn, thread)
    slow = msgs[-1].state.epochs_done - before
    assert slow <= 14, f"{slow} epochs in ~1 s at 10 epochs/s"
    assert before > 100
    assert epochs_of(msgs)[-slow:] == list(range(before + 1, before + slow + 1))


def test_full_speed_sends_what_it_sent_before_speeds_existed():
    """No speed and full speed are one thing: throttled progress (not one a epoch), every epoch in order."""
    for speed in (None, "no speed field"):
        job = xor_job(3000)
        t0 = time.monotonic()
        if speed is None:
            conn, thread = run(job, None)
        else:
            conn, thread = start_child(job)   # Start(job) as before this change
        msgs = read_until_end(conn)
        elapsed = time.monotonic() - t0
        end(conn, thread)
        kinds = {type(m).__name__ for m in msgs}
        assert kinds <= {"Progress", "Finished"} and isinstance(msgs[-1], Finished)
        assert epochs_of(msgs) == list(range(1, 3001))
        progress = sum(isinstance(m, Progress) for m in msgs)
        assert progress <= elapsed / SEND_INTERVAL + 2, f"{progress} progress messages in {elapsed:.2f} s"


# ---------------------------------------------------------------- the parent
def test_the_process_keeps_its_speed_for_the_next_run_and_refuses_nonsense():
    proc = TrainingProcess()
    for bad in (0, -1.0, math.nan, math.inf):
        with pytest.raises(ValueError):
            proc.set_speed(bad)
    assert proc.speed is None
    proc.set_speed(20)
    assert proc.speed == 20.0
    proc.set_speed(None)
    assert proc.speed is None


@pytest.mark.slow
def test_a_paced_run_through_the_real_child_shows_every_epoch_with_its_weights():
    session = Session(builtin_dataset("gate:xor"), TrainingSettings(hidden=[(4, "tanh")], normalize="none"))
    proc = TrainingProcess()
    try:
        proc.set_speed(20)
        proc.start(session, 10)
        events = proc.wait_idle(30)
        first = [e.snapshot.epoch for e in events if e.snapshot is not None]
        t0 = time.monotonic()
        proc.start(session, 10)   # the next run keeps the speed
        events = proc.wait_idle(30)
        assert time.monotonic() - t0 >= 0.4
    finally:
        proc.shutdown()
    assert first == list(range(1, 11))
    snaps = [e.snapshot for e in events if e.snapshot is not None]
    assert [s.epoch for s in snaps] == list(range(11, 21))
    assert all(len(s.weights) == 2 for s in snaps), "weights come with every snapshot (shared slots)"


# ------------------------------------------------------------------- the pace
def test_the_pace_waits_a_period_between_epochs_and_makes_up_for_late_wake_ups():
    pace = Pace(10.0, now=100.0)
    assert pace.wait(100.0) == 0.0   # the first epoch at once
    pace.started(100.0)
    assert pace.wait(100.0) == pytest.approx(0.1)
    assert pace.wait(100.1 - MIN_WAIT / 2) == 0.0   # too short a wait to be worth a system call
    pace.started(100.1 + CATCH_UP / 2)   # woke up a little late: the next turn keeps the schedule
    assert pace.wait(100.1 + CATCH_UP / 2) == pytest.approx(0.1 - CATCH_UP / 2)
    pace.started(105.0)   # resumed after a pause: no burst of epochs to catch up
    assert pace.wait(105.0) == pytest.approx(0.1 - CATCH_UP)


def test_a_faster_pace_does_not_wait_out_the_slower_period():
    pace = Pace(1.0, now=0.0)
    pace.started(0.0)
    pace.set(20.0, now=0.1)
    assert pace.wait(0.1) == pytest.approx(0.05)
    pace.set(1.0, now=0.12)   # slower: the turn already given stands
    assert pace.wait(0.12) == pytest.approx(0.03)


def test_every_epoch_is_shown_at_a_watchable_speed_only():
    assert Pace(EVERY_EPOCH_AT_MOST, 0.0).every_epoch and Pace(1.0, 0.0).every_epoch
    assert not Pace(100.0, 0.0).every_epoch
