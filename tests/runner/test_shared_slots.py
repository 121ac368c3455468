"""Progress weights through shared memory (``bpgui.runner.shared_slots``) and
their hand-back by the parent's ``Receiver``."""
import gc
import multiprocessing as mp
import threading
import time

import numpy as np
import pytest

from bpgui.core import builtin_dataset
from bpgui.core import Session, TrainingSettings
from bpgui.runner.child import serve
from bpgui.runner.job import Job
from bpgui.runner.messages import Finished, Progress, Quit, SlotCopied, Start, Stop
from bpgui.runner.parent import Receiver

from child_helpers import epochs_of


def test_shared_slots_carry_a_networks_parameters_exactly_and_are_removed_by_their_owner():
    from multiprocessing.shared_memory import SharedMemory

    from bpgui.core.network import Network
    from bpgui.runner.shared_slots import SharedSlots

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
    job = Job.from_session(session, epochs)
    tr = job.build_trainer()
    for _ in tr.reports(*job.train, epochs=epochs):
        pass
    return [W.copy() for W in tr.net.weights], [b.copy() for b in tr.net.biases]


def test_progress_weights_come_through_shared_slots_handed_back_by_the_receiver():
    from bpgui.runner.shared_slots import SharedSlots

    session = Session(builtin_dataset("gate:xor"),
                      TrainingSettings(hidden=[(4, "tanh")], optimizer="adam", lr=0.05, normalize="none"))
    slots = SharedSlots.create(session.model.network)
    gc.collect()
    parent, child = mp.Pipe()
    receiver = Receiver(parent)
    receiver.slots = slots
    thread = threading.Thread(target=serve, args=(child,), daemon=True)
    thread.start()
    parent.send(Start(Job.from_session(session, None, slots.spec)))
    time.sleep(0.5)     # nobody reads: the child has used both slots and waits for them
    raw = []
    while parent.poll(0):
        raw.append(parent.recv())          # read around the Receiver: no slot is handed back
    with_slot = [m for m in raw if isinstance(m, Progress) and m.slot is not None]
    assert 1 <= len(with_slot) <= SharedSlots.N_SLOTS
    assert all(m.snapshot.weights == () for m in with_slot)     # the arrays are not in the pipe
    assert len([m for m in raw if isinstance(m, Progress)]) == len(with_slot)
    for m in with_slot:                                   # hand them back
        parent.send(SlotCopied(m.slot))
    # From now on the Receiver reads: progress keeps coming, weights filled in.
    got = []
    deadline = time.monotonic() + 10
    while len(got) < 10 and time.monotonic() < deadline:
        if (m := receiver.get()) is not None:
            got.append(m)
        else:
            time.sleep(0.005)
    parent.send(Stop())
    while time.monotonic() < deadline and not (got and isinstance(got[-1], Finished)):
        if (m := receiver.get()) is not None:
            got.append(m)
        else:
            time.sleep(0.005)
    parent.send(Quit())
    thread.join(5)
    assert not thread.is_alive()
    progress = [m for m in got if isinstance(m, Progress)]
    assert len(progress) >= 10 and all(m.slot is None for m in progress)
    # Each progress snapshot shows exactly the weights after its epoch.
    for m in (progress[0], progress[-1]):
        snap = m.snapshot
        weights, biases = replay_weights(session, snap.epoch)
        for a, b in zip(snap.weights + snap.biases, weights + biases):
            np.testing.assert_array_equal(a, b)
    # Every epoch still arrives once, in order.
    epochs = epochs_of(raw) + epochs_of(got)
    assert epochs == list(range(1, got[-1].state.epochs_done + 1))
    receiver.close()
    slots.close()


def test_a_progress_message_for_slots_already_removed_has_no_snapshot_but_is_handed_back():
    """After the window has removed a job's slots (the job ended), a late
    progress message still gives its history, and no weights."""
    from bpgui.core.training import Snapshot

    parent, child = mp.Pipe()
    receiver = Receiver(parent)
    snap = Snapshot(epoch=3, train_loss=0.5, val_loss=None, train_metrics={}, val_metrics=None, lr=0.1,
                    weights=(), biases=(), grad_norms=(), steps=3)
    child.send(Progress(snap, {"epoch": [3], "train_loss": [0.5]}, 1))
    deadline = time.monotonic() + 5
    while (m := receiver.get()) is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert m == Progress(None, {"epoch": [3], "train_loss": [0.5]})
    assert child.poll(1) and child.recv() == SlotCopied(1)
    receiver.close()


def test_shared_slots_are_refused_when_the_shared_memory_file_system_has_too_little_room(monkeypatch, tmp_path):
    """A container's /dev/shm is often 64 MB: slots bigger than half its free room
    are refused (writing past it would kill the child with SIGBUS)."""
    import os

    from bpgui.runner import shared_slots as tp
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
