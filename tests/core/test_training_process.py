"""The training child's loop (``bpgui.core.training_process``), run in a thread
of the test process over a real ``multiprocessing`` pipe."""
import gc
import multiprocessing as mp
import threading
import time

import numpy as np
import pytest

from bpgui.core.builtin_data import builtin_dataset
from bpgui.core.dataset import Dataset
from bpgui.core.session import Session
from bpgui.core.training_settings import TrainingSettings
from bpgui.core.training_process import Inbox, _Outbox, make_job, serve


def wide_session() -> Session:
    """A network whose snapshot (~1.3 MB of weights) is far more than a pipe holds."""
    rng = np.random.default_rng(0)
    X = rng.random((64, 400))
    labels = rng.integers(0, 2, 64)
    ds = Dataset(X=X, Y=labels[:, None].astype(float), feature_names=[f"x{i}" for i in range(400)],
                 target_names=["y"], class_names=["0", "1"], task="binary", source={"kind": "test"})
    return Session(ds, TrainingSettings(hidden=[(400, "relu")], optimizer="sgd", lr=0.01,
                                        normalize="none"))


def start_child(job):
    gc.collect()   # no garbage from earlier tests (Qt objects) for the thread's collections to free
    parent, child = mp.Pipe()
    thread = threading.Thread(target=serve, args=(child,), daemon=True)
    thread.start()
    parent.send(("job", job))
    return parent, thread


def read_until_end(conn, timeout=30.0):
    msgs = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if conn.poll(0.05):
            msgs.append(conn.recv())
            if msgs[-1][0] in ("finished", "error"):
                return msgs
    raise AssertionError(f"no end message; got {[m[0] for m in msgs]}")


def epochs_of(msgs):
    out = []
    for m in msgs:
        rows = {"progress": 2, "paused": 2, "finished": 3, "error": 3}[m[0]]
        out.extend(m[rows].get("epoch", []))
    return out


def test_training_goes_on_while_the_window_does_not_read():
    """A snapshot bigger than the pipe must not stall training until the window reads."""
    session = wide_session()
    conn, thread = start_child(make_job(session, None))
    time.sleep(1.5)   # the "window" is busy: nothing is read
    conn.send(("stop",))
    msgs = read_until_end(conn)
    conn.send(("quit",))
    thread.join(5)
    assert not thread.is_alive()
    kinds = [m[0] for m in msgs]
    assert kinds[-1] == "finished" and msgs[-1][1] == "stopped"
    # While nobody reads, no new progress message is made once one is stuck on its way
    # (only what the socket holds goes out: a few, not the ~37 of 1.5 s at 40 ms);
    # every epoch trained meanwhile still arrives in the history.
    assert kinds.count("progress") <= 5
    final_state = msgs[-1][4]
    done = final_state["epochs_done"]
    assert done >= 20, f"training waited for the reader: only {done} epochs in 1.5 s"
    assert epochs_of(msgs) == list(range(1, done + 1))
    assert msgs[-1][2].epoch == done


def test_every_epoch_arrives_once_in_order_with_the_final_state():
    session = Session(builtin_dataset("gate:xor"),
                      TrainingSettings(hidden=[(4, "tanh")], optimizer="adam", lr=0.05, normalize="none"))
    conn, thread = start_child(make_job(session, 2000))
    msgs = read_until_end(conn)
    conn.send(("quit",))
    thread.join(5)
    assert msgs[-1][:2] == ("finished", "completed")
    assert epochs_of(msgs) == list(range(1, 2001))
    assert msgs[-1][4]["epochs_done"] == 2000
    assert msgs[-1][2].epoch == 2000


def test_a_job_that_cannot_start_is_reported_and_the_child_lives_on():
    session = Session(builtin_dataset("gate:xor"), TrainingSettings(hidden=[(4, "tanh")], normalize="none"))
    job = make_job(session, 10)
    bad = dict(job, trainer=dict(job["trainer"], optimizer="no-such-optimizer"))
    conn, thread = start_child(bad)
    msgs = read_until_end(conn)
    assert msgs[-1][0] == "error" and "training could not start" in msgs[-1][1]
    assert "no-such-optimizer" in msgs[-1][1]
    conn.send(("job", job))   # the same child takes the next job
    msgs = read_until_end(conn)
    assert msgs[-1][:2] == ("finished", "completed")
    conn.send(("quit",))
    thread.join(5)
    assert not thread.is_alive()


def test_outbox_reports_a_broken_pipe():
    parent, child = mp.Pipe()
    parent.close()
    box = _Outbox(child)
    with pytest.raises(OSError):
        box.post(("progress", None, {}))
    box.close()


def test_outbox_frames_messages_as_multiprocessing_does_and_never_blocks():
    parent, child = mp.Pipe()
    box = _Outbox(child)
    big = np.arange(1_000_000, dtype=np.float64)   # 8 MB: far more than the socket holds
    t0 = time.monotonic()
    box.post(("progress", big, {"epoch": [1]}))
    assert time.monotonic() - t0 < 0.5 and box.busy   # handed over, not waited for
    box.pump()
    assert box.busy                                  # still nobody reading: pump does not wait
    got = []
    reader = threading.Thread(target=lambda: got.extend([parent.recv(), parent.recv()]))
    reader.start()
    box.post(("finished", "stopped"))   # waits for the first to be out, then sends
    box.flush()
    reader.join(10)
    assert not box.busy
    np.testing.assert_array_equal(got[0][1], big)
    assert got[1] == ("finished", "stopped")
    box.close()


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
            if msgs[-1][0] == kind:
                return msgs
    raise AssertionError(f"no {kind!r}; got {[m[0] for m in msgs]}")


def test_a_long_epoch_shows_its_weights_and_pauses_at_once_back_at_the_last_epoch():
    session = long_epoch_session()
    job = make_job(session, None)
    conn, thread = start_child(job)
    msgs = wait_for(conn, "progress")
    t0 = time.monotonic()
    while time.monotonic() - t0 < 0.6:     # well inside the first epoch
        if conn.poll(0.01):
            msgs.append(conn.recv())
    progress = [m for m in msgs if m[0] == "progress"]
    assert len(progress) >= 8              # ~25 a second although no epoch has ended
    steps = [m[1].steps for m in progress]
    assert steps == sorted(steps) and steps[-1] > steps[0] > 0
    assert all(m[1].epoch == 0 for m in progress) and not any(m[2]["epoch"] for m in progress)
    assert not np.array_equal(progress[0][1].weights[0], progress[-1][1].weights[0])   # live weights

    t0 = time.monotonic()
    conn.send(("pause",))
    msgs = wait_for(conn, "paused")
    assert time.monotonic() - t0 < 0.5     # not at the end of the epoch, ~1 s away
    state = msgs[-1][3]
    # Back at the start of the interrupted epoch: what is kept is the last completed epoch,
    # and what is shown too (here: the initial weights, as no epoch has completed).
    assert state["epochs_done"] == 0 and state["steps_done"] == 0
    np.testing.assert_array_equal(state["parameters"], job["state"]["parameters"])
    shown = msgs[-1][1]
    assert shown is not None
    for W, W0 in zip(shown.weights, session.model.network.weights):
        np.testing.assert_array_equal(W, W0)

    conn.send(("resume",))
    while True:   # into the second epoch
        msgs = wait_for(conn, "progress")
        if msgs[-1][1].epoch >= 1:
            break
    conn.send(("stop",))
    msgs += wait_for(conn, "finished")
    conn.send(("quit",))
    thread.join(5)
    final = msgs[-1][4]
    done = final["epochs_done"]
    assert done == 1 and final["steps_done"] == 20_000
    # The result is the uninterrupted run's, epoch for epoch.
    tr = session.trainer
    X, Y = session.train_xy
    for _ in range(done):
        tr.epoch(X, Y)
    np.testing.assert_array_equal(final["parameters"], tr.net.parameters)


def test_a_long_epoch_takes_a_new_learning_rate_from_the_next_epoch_without_being_interrupted():
    session = long_epoch_session()
    conn, thread = start_child(make_job(session, 2))
    wait_for(conn, "progress")          # well inside epoch 1, which takes about a second
    conn.send(("set_lr", 0.5))
    msgs = read_until_end(conn)
    conn.send(("quit",))
    thread.join(5)
    assert msgs[-1][:2] == ("finished", "completed")
    assert msgs[-1][4]["lr"] == 0.5
    assert epochs_of(msgs) == [1, 2]
    # Epoch 1 at the old rate, epoch 2 at the new one (an interrupted, redone
    # epoch 1 would have used the new rate throughout).
    tr = session.trainer
    X, Y = session.train_xy
    tr.epoch(X, Y)
    tr.lr = 0.5
    tr.epoch(X, Y)
    np.testing.assert_array_equal(msgs[-1][4]["parameters"], tr.net.parameters)


def test_resume_and_step_are_heard_during_a_long_epoch():
    session = long_epoch_session()
    conn, thread = start_child(make_job(session, None))
    wait_for(conn, "progress")
    conn.send(("pause",))
    wait_for(conn, "paused")
    conn.send(("step",))                # one epoch, about a second...
    msgs = wait_for(conn, "progress")
    conn.send(("resume",))              # ...during which the user resumes
    while True:                         # training goes on past the stepped epoch
        msgs = wait_for(conn, "progress")
        if msgs[-1][1].epoch >= 2:
            break
    conn.send(("quit",))                # quit during a job ends the child's loop
    msgs = wait_for(conn, "finished")
    assert msgs[-1][1] == "stopped"
    thread.join(5)
    assert not thread.is_alive()


def test_inbox_never_waits_for_the_rest_of_a_message():
    parent, child = mp.Pipe()
    box, inbox = _Outbox(child), Inbox(parent)
    big = np.arange(1_000_000, dtype=np.float64)    # 8 MB: written in many pieces
    box.post(("progress", big, {}))
    assert box.busy
    t0 = time.monotonic()
    assert inbox.get() is None                      # a piece is there, the rest is not: no waiting
    assert time.monotonic() - t0 < 0.05
    got = []
    deadline = time.monotonic() + 10
    while box.busy and time.monotonic() < deadline:
        box.pump()                                  # the child writes more now and then
        if (m := inbox.get()) is not None:
            got.append(m)
    box.post(("finished", "stopped"))
    while len(got) < 2 and time.monotonic() < deadline:
        if (m := inbox.get()) is not None:
            got.append(m)
    assert [m[0] for m in got] == ["progress", "finished"]
    np.testing.assert_array_equal(got[0][1], big)
    box.close()
    child.close()
    with pytest.raises(EOFError):                   # the child is gone
        while time.monotonic() < deadline:
            assert inbox.get() is None
            time.sleep(0.01)
    inbox.close()


# ------------------------------------------------------------- shared slots
def test_shared_slots_carry_a_networks_parameters_exactly_and_are_removed_by_their_owner():
    from multiprocessing.shared_memory import SharedMemory

    from bpgui.core.network import Network
    from bpgui.core.training_process import SharedSlots

    net = Network(3, [(5, "tanh"), (2, "sigmoid")], loss="bce", seed=1)
    owner = SharedSlots.create(net)
    spec = owner.spec
    assert spec["sizes"] == [3, 5, 2] and spec["dtype"] == net.dtype.name
    other = SharedSlots.attach(spec)           # what the child does, by name
    want = [W.copy() for W in net.weights] + [b.copy() for b in net.biases]
    other.write(1, net.parameters)
    net.parameters[:] += 1.0                   # the slot is a copy, not a view of the network
    weights, biases = owner.read(1)
    assert [w.shape for w in weights] == [(3, 5), (5, 2)] and [b.shape for b in biases] == [(5,), (2,)]
    for got, expected in zip(weights + biases, want):
        np.testing.assert_array_equal(got, expected)
    weights[0][0, 0] = 99.0                    # what read() gives is the reader's own copy
    assert owner.read(1)[0][0][0, 0] != 99.0
    other.close()                              # the child's close leaves the slots in place
    assert owner.read(1)[1][1].shape == (2,)
    owner.close()
    owner.close()                              # twice is harmless
    with pytest.raises(FileNotFoundError):
        SharedMemory(name=spec["name"])


def replay_weights(session, epochs):
    """The weights after ``epochs`` epochs of the same training, in this process."""
    job = make_job(session, epochs)
    from bpgui.core.training_process import _build

    tr = _build(job)
    for _ in tr.reports(*job["train"], epochs=epochs):
        pass
    return [W.copy() for W in tr.net.weights], [b.copy() for b in tr.net.biases]


def test_progress_weights_come_through_shared_slots_handed_back_by_the_inbox():
    from bpgui.core.training_process import SharedSlots

    session = Session(builtin_dataset("gate:xor"),
                      TrainingSettings(hidden=[(4, "tanh")], optimizer="adam", lr=0.05, normalize="none"))
    slots = SharedSlots.create(session.model.network)
    gc.collect()
    parent, child = mp.Pipe()
    inbox = Inbox(parent)
    inbox.slots = slots
    thread = threading.Thread(target=serve, args=(child,), daemon=True)
    thread.start()
    parent.send(("job", make_job(session, None, slots.spec)))
    time.sleep(0.5)     # nobody reads: the child has used both slots and waits for them
    raw = []
    while parent.poll(0):
        raw.append(parent.recv())          # read around the Inbox: no slot is handed back
    with_slot = [m for m in raw if m[0] == "progress" and len(m) == 4]
    assert 1 <= len(with_slot) <= SharedSlots.N_SLOTS
    assert all(m[1].weights == () for m in with_slot)     # the arrays are not in the pipe
    assert len([m for m in raw if m[0] == "progress"]) == len(with_slot)
    for m in with_slot:                                   # hand them back
        parent.send(("ack", m[3]))
    # From now on the Inbox reads: progress keeps coming, weights filled in.
    got = []
    deadline = time.monotonic() + 10
    while len(got) < 10 and time.monotonic() < deadline:
        if (m := inbox.get()) is not None:
            got.append(m)
        else:
            time.sleep(0.005)
    parent.send(("stop",))
    while time.monotonic() < deadline and not (got and got[-1][0] == "finished"):
        if (m := inbox.get()) is not None:
            got.append(m)
        else:
            time.sleep(0.005)
    parent.send(("quit",))
    thread.join(5)
    assert not thread.is_alive()
    progress = [m for m in got if m[0] == "progress"]
    assert len(progress) >= 10 and all(len(m) == 3 for m in got if m[0] == "progress")
    # Each progress snapshot shows exactly the weights after its epoch.
    for m in (progress[0], progress[-1]):
        snap = m[1]
        weights, biases = replay_weights(session, snap.epoch)
        for a, b in zip(snap.weights + snap.biases, weights + biases):
            np.testing.assert_array_equal(a, b)
    # Every epoch still arrives once, in order.
    epochs = epochs_of(raw) + epochs_of(got)
    assert epochs == list(range(1, got[-1][4]["epochs_done"] + 1))
    inbox.close()
    slots.close()


def test_a_progress_message_for_slots_already_removed_has_no_snapshot_but_is_handed_back():
    """After the window has removed a job's slots (the job ended), a late
    progress message still gives its history, and no weights."""
    from bpgui.core.training import Snapshot

    parent, child = mp.Pipe()
    inbox = Inbox(parent)
    snap = Snapshot(epoch=3, train_loss=0.5, val_loss=None, train_metrics={}, val_metrics=None, lr=0.1,
                    weights=(), biases=(), grad_norms=(), steps=3)
    child.send(("progress", snap, {"epoch": [3], "train_loss": [0.5]}, 1))
    deadline = time.monotonic() + 5
    while (m := inbox.get()) is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert m == ("progress", None, {"epoch": [3], "train_loss": [0.5]})
    assert child.poll(1) and child.recv() == ("ack", 1)
    inbox.close()


def test_shared_slots_are_refused_when_the_shared_memory_file_system_has_too_little_room(monkeypatch, tmp_path):
    """A container's /dev/shm is often 64 MB: slots bigger than half its free room
    are refused (writing past it would kill the child with SIGBUS)."""
    import os

    from bpgui.core import training_process as tp
    from bpgui.core.network import Network

    class Full:
        f_bavail, f_frsize = 100, 4096     # 400 kB free

    monkeypatch.setattr(tp, "SHM_DIR", str(tmp_path))
    monkeypatch.setattr(os, "statvfs", lambda path: Full)
    small = Network(2, [(4, "tanh"), (1, "sigmoid")], loss="bce")            # 2 x 17 float32
    tp.SharedSlots.create(small).close()
    big = Network(784, [(128, "relu"), (10, "softmax")], loss="ce")          # 2 x 101,770 float32
    with pytest.raises(OSError, match="shared memory wanted"):
        tp.SharedSlots.create(big)


def test_history_columns_through_the_pipe_equal_the_engines_own_reports_with_validation():
    """The child turns its gathered reports into columns (``_History.take``):
    every epoch's figures, validation ones included, equal an in-process run."""
    settings = TrainingSettings(hidden=[(6, "tanh")], optimizer="adam", lr=0.05, val_split=0.25, seed=3)
    session = Session(builtin_dataset("toy:moons"), settings)
    conn, thread = start_child(make_job(session, 300))
    msgs = read_until_end(conn)
    conn.send(("quit",))
    thread.join(5)
    cols: dict[str, list] = {}
    for m in msgs:
        rows = m[2] if m[0] in ("progress", "paused") else m[3]
        for key, values in rows.items():
            cols.setdefault(key, []).extend(values)
    assert set(cols) == {"epoch", "train_loss", "val_loss", "train_accuracy", "val_accuracy"}

    tr = make_job(session, 300)
    from bpgui.core.training_process import _build
    trainer = _build(tr)
    reports = list(trainer.reports(*tr["train"], epochs=300, validation=tr["validation"]))
    assert cols["epoch"] == list(range(1, 301))
    assert cols["train_loss"] == [r.stats.loss for r in reports]
    assert cols["train_accuracy"] == [r.stats.metrics["accuracy"] for r in reports]
    assert cols["val_loss"] == [r.val[0] for r in reports]
    assert cols["val_accuracy"] == [r.val[1]["accuracy"] for r in reports]


def test_history_take_fills_missing_figures_with_nan():
    from bpgui.core.training import EpochReport, EpochStats
    from bpgui.core.training_process import _History

    h = _History()
    assert h.take() == {"epoch": [], "train_loss": [], "val_loss": []}
    h.add(EpochReport(EpochStats(1, 0.5, 0.0, 0.1, 1, {"r2": 0.25}), None, None, None))
    h.add(EpochReport(EpochStats(2, 0.4, 0.0, 0.1, 1, {"r2": 0.5, "mae": 0.3}), (0.7, {"r2": 0.1}), 2, None))
    rows = h.take()
    assert rows["epoch"] == [1, 2] and rows["train_loss"] == [0.5, 0.4]
    assert rows["train_r2"] == [0.25, 0.5]
    assert np.isnan(rows["train_mae"][0]) and rows["train_mae"][1] == 0.3
    assert np.isnan(rows["val_loss"][0]) and rows["val_loss"][1] == 0.7
    assert np.isnan(rows["val_r2"][0]) and rows["val_r2"][1] == 0.1
    assert set(rows) == {"epoch", "train_loss", "val_loss", "train_r2", "train_mae", "val_r2"}
    h.add(EpochReport(EpochStats(3, 0.3, 0.0, 0.1, 1, {"r2": 0.6}), None, None, None))
    rows = h.take()   # the columns start afresh after a take
    assert set(rows) == {"epoch", "train_loss", "val_loss", "train_r2"}
    assert rows["epoch"] == [3] and rows["train_r2"] == [0.6] and np.isnan(rows["val_loss"][0])
