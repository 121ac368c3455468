"""The training child's loop (``bpgui.core.training_process``), run in a thread
of the test process over a real ``multiprocessing`` pipe."""
import multiprocessing as mp
import threading
import time

import numpy as np
import pytest

from bpgui.core.data import Dataset, builtin_dataset
from bpgui.core.session import Session, TrainingSettings
from bpgui.core.training_process import _Outbox, make_job, serve


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
    # Only one progress message can be on its way while nobody reads: the others were
    # never made, yet every epoch trained meanwhile arrives in the history.
    assert kinds.count("progress") <= 2
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


def test_outbox_reports_a_broken_pipe_at_the_next_post():
    parent, child = mp.Pipe()
    parent.close()
    box = _Outbox(child)
    box.post(("progress", None, {}))   # sending fails in the thread...
    with pytest.raises(OSError):
        box.post(("progress", None, {}))   # ...and the loop learns of it here
    box.close()
