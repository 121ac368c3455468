"""The training controller: a child process driven from the GUI thread."""

import os
import sys

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from bpgui.core.builtin_data import builtin_dataset  # noqa: E402
from bpgui.core.session import Session  # noqa: E402
from bpgui.core.training_settings import TrainingSettings  # noqa: E402
from bpgui.ui.training_controller import TrainingController  # noqa: E402


def xor_session(**kw):
    settings = TrainingSettings(**{"hidden": [(4, "tanh")], "optimizer": "adam", "lr": 0.05,
                                   "normalize": "none", **kw})
    return Session(builtin_dataset("gate:xor"), settings)


@pytest.fixture
def controller(qtbot):
    c = TrainingController()
    yield c
    c.shutdown()
    assert c.runner.process is None


def wait_state(qtbot, c, state, timeout=20000):
    qtbot.waitUntil(lambda: c.state == state, timeout=timeout)


def test_trains_xor_and_delivers_every_epoch_and_the_final_state(qtbot, controller):
    session = xor_session()
    snaps, chunks, finished = [], [], []
    controller.sigSnapshot.connect(snaps.append)
    controller.sigHistory.connect(chunks.append)
    controller.sigFinished.connect(finished.append)
    controller.start(session, 3000)
    assert controller.state == "running"
    wait_state(qtbot, controller, "idle")
    assert finished == ["completed"]
    assert snaps[-1].epoch == 3000 and snaps[-1].stopped == "completed"
    epochs = [e for chunk in chunks for block in chunk for e in block["epoch"]]
    assert epochs == list(range(1, 3001))  # every epoch, in order, none lost to throttling
    assert len(session.model.history) == 3000
    assert session.trainer.epochs_done == 3000
    # the session's network holds the final weights, equal to the last snapshot's
    np.testing.assert_array_equal(session.model.network.weights[0], snaps[-1].weights[0])
    X, Y = session.train_xy
    assert np.array_equal(session.model.network.predict(X) >= 0.5, Y >= 0.5)


def test_same_result_as_training_in_process(qtbot, controller):
    """The child continues exactly: 2 jobs of 50 epochs == 100 epochs headless."""
    a, b = xor_session(batch_size=2), xor_session(batch_size=2)
    controller.start(a, 50)
    wait_state(qtbot, controller, "idle")
    controller.start(a, 50)
    wait_state(qtbot, controller, "idle")
    for _ in b.run(epochs=100):
        pass
    for wa, wb in zip(a.model.network.weights, b.model.network.weights):
        np.testing.assert_array_equal(wa, wb)
    np.testing.assert_array_equal(a.model.history.train_loss, b.model.history.train_loss)


def test_pause_step_resume_stop(qtbot, controller):
    session = xor_session()
    snaps, finished = [], []
    controller.sigSnapshot.connect(snaps.append)
    controller.sigFinished.connect(finished.append)
    controller.start(session, None)
    qtbot.waitUntil(lambda: len(snaps) > 2, timeout=20000)
    controller.pause()
    assert controller.state == "paused"
    qtbot.wait(200)
    epoch = len(session.model.history)  # the pause message carried every epoch so far
    assert epoch > 0 and snaps[-1].epoch == epoch
    controller.step()
    qtbot.waitUntil(lambda: snaps[-1].epoch == epoch + 1, timeout=5000)
    qtbot.wait(100)
    assert len(session.model.history) == epoch + 1  # one epoch, not more
    controller.resume()
    qtbot.waitUntil(lambda: snaps[-1].epoch > epoch + 10, timeout=5000)
    controller.stop()
    wait_state(qtbot, controller, "idle")
    assert finished == ["stopped"]
    assert session.trainer.epochs_done == len(session.model.history) == snaps[-1].epoch


def test_learning_rate_changes_mid_run(qtbot, controller):
    session = xor_session(optimizer="sgd", lr=0.1)
    snaps = []
    controller.sigSnapshot.connect(snaps.append)
    controller.start(session, None)
    qtbot.waitUntil(lambda: len(snaps) > 1, timeout=20000)
    controller.set_lr(0.02)
    qtbot.waitUntil(lambda: snaps[-1].lr == 0.02, timeout=5000)
    controller.stop()
    wait_state(qtbot, controller, "idle")
    assert session.trainer.lr == 0.02


def test_divergence_reaches_the_user_and_keeps_finite_weights(qtbot, controller):
    settings = TrainingSettings(hidden=[(8, "relu")], optimizer="sgd", lr=1e30, loss="mse",
                                output_activation="linear")
    session = Session(builtin_dataset("toy:sine", n_samples=50), settings)
    errors = []
    controller.sigError.connect(errors.append)
    controller.start(session, 1000)
    wait_state(qtbot, controller, "idle")
    assert len(errors) == 1 and "diverged" in errors[0]
    assert np.isfinite(session.model.network.parameters).all()


def test_a_crashed_child_is_reported_and_replaced(qtbot, controller):
    session = xor_session()
    errors = []
    controller.sigError.connect(errors.append)
    controller.start(session, None)
    qtbot.wait(300)
    controller.runner.process.kill()
    wait_state(qtbot, controller, "idle")
    assert errors and "ended unexpectedly" in errors[0]
    controller.start(session, 10)  # a new child
    wait_state(qtbot, controller, "idle")


@pytest.mark.slow
def test_start_pause_step_stop_close_50_times(qtbot):
    """No crash, no process or thread left behind."""
    import threading

    threads_before = threading.active_count()
    from bpgui.runner.shared_slots import NAME_PREFIX
    ours = f"{NAME_PREFIX}{os.getpid()}-"    # other test workers' slots come and go meanwhile

    def our_slots() -> set[str]:
        return {n for n in os.listdir("/dev/shm") if n.startswith(ours)} if os.path.isdir("/dev/shm") else set()
    shm_before = our_slots()
    session = xor_session()
    c = TrainingController()
    for i in range(50):
        c.start(session, None)
        if i % 2:
            c.pause()
            c.step()
        c.stop()
        assert c.wait_idle(10), f"round {i} did not stop"
    proc = c.runner.process
    c.shutdown()
    assert proc is not None and not proc.is_alive()
    assert threading.active_count() <= threads_before + 1
    # Each job's shared weights slots were removed when it ended.
    assert our_slots() - shm_before == set()


def test_without_shared_memory_the_weights_come_through_the_pipe(qtbot, monkeypatch):
    """Where no shared slots can be made (no room, no /dev/shm), training and
    its live weights work as before, through the pipe."""
    from bpgui.runner import shared_slots

    def refuse(network):
        raise OSError("no room")

    monkeypatch.setattr(shared_slots.SharedSlots, "create", staticmethod(refuse))
    session = xor_session()
    c = TrainingController()
    snaps = []
    c.sigSnapshot.connect(snaps.append)
    c.start(session, 300)
    assert not c.runner.uses_shared_memory
    assert c.wait_idle(20)
    assert len(snaps) >= 1 and all(len(s.weights) == 2 for s in snaps)
    np.testing.assert_array_equal(snaps[-1].weights[0], session.model.network.weights[0])
    c.shutdown()


def test_one_blas_thread_here_while_the_child_trains(qtbot, controller):
    from bpgui.core import blas_threads as bt

    if sys.platform != "linux":
        pytest.skip("the threads are set on Linux only (core/blas_threads.py)")
    assert bt.blas_threads() is not None, "NumPy's wheels bring OpenBLAS: it should be found"
    before = bt.blas_threads()
    bt._openblas()[0](2)
    try:
        controller.start(xor_session(), None)
        wait_state(qtbot, controller, "running")
        assert bt.blas_threads() == 1
        controller.pause()
        assert bt.blas_threads() == 2       # paused: the child computes nothing
        controller.resume()
        assert bt.blas_threads() == 1
        controller.stop()
        wait_state(qtbot, controller, "idle")
        assert bt.blas_threads() == 2
    finally:
        bt._openblas()[0](before)
