"""Helpers for the runner's tests: a child's loop in a thread over a real pipe."""
import gc
import multiprocessing as mp
import threading
import time

import numpy as np

from bpgui.core import Dataset
from bpgui.core import Session, TrainingSettings
from bpgui.runner.child import serve
from bpgui.runner.messages import Failed, Finished, Start


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
    parent.send(Start(job))
    return parent, thread


def read_until_end(conn, timeout=30.0):
    msgs = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if conn.poll(0.05):
            msgs.append(conn.recv())
            if isinstance(msgs[-1], (Finished, Failed)):
                return msgs
    raise AssertionError(f"no end message; got {[type(m).__name__ for m in msgs]}")


def epochs_of(msgs):
    out = []
    for m in msgs:
        out.extend(m.history.get("epoch", []))
    return out
