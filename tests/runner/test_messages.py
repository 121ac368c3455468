"""The typed messages between the processes (``bpgui.runner.messages``)."""
import dataclasses
import pickle

import numpy as np
import pytest

from bpgui.core import builtin_dataset
from bpgui.core import Session, TrainingSettings
from bpgui.core.training import Snapshot
from bpgui.runner import messages as m
from bpgui.runner.job import Job


def snapshot():
    return Snapshot(epoch=3, train_loss=0.5, val_loss=None, train_metrics={"accuracy": 1.0}, val_metrics=None,
                    lr=0.1, weights=(np.ones((2, 2)),), biases=(np.zeros(2),), grad_norms=(0.1,), steps=3)


def xor_session():
    return Session(builtin_dataset("gate:xor"), TrainingSettings(hidden=[(4, "tanh")], normalize="none"))


def test_commands_survive_the_pipe_and_compare_by_value():
    for cmd in (m.Pause(), m.Resume(), m.Step(), m.Stop(), m.Quit(), m.SetLearningRate(0.5), m.SetSpeed(10.0),
                m.SetSpeed(None), m.SlotCopied(1)):
        assert pickle.loads(pickle.dumps(cmd)) == cmd
    assert m.SetLearningRate(0.5) != m.SetLearningRate(0.25)
    assert m.SlotCopied(0) != m.SlotCopied(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.SetLearningRate(0.5).lr = 1.0


def test_a_start_carries_the_whole_job_and_its_trainer_state():
    session = xor_session()
    job = pickle.loads(pickle.dumps(m.Start(Job.from_session(session, 7)))).job
    assert job.epochs == 7 and job.shared is None
    assert job.state.equals(session.trainer.state())
    tr = job.build_trainer()
    assert tr.net.parameters.tobytes() == session.model.network.parameters.tobytes()
    assert tr.optimizer.name == session.trainer.optimizer.name and tr.lr == session.trainer.lr


def test_events_carry_their_snapshot_history_and_state_through_the_pipe():
    state = xor_session().trainer.state()
    rows = {"epoch": [3], "train_loss": [0.5], "val_loss": [0.75]}
    progress = pickle.loads(pickle.dumps(m.Progress(snapshot(), rows, slot=1)))
    assert progress.slot == 1 and progress.history == rows and progress.snapshot.epoch == 3
    assert m.Progress(None, rows).slot is None          # weights (if any) in the snapshot itself
    finished = pickle.loads(pickle.dumps(m.Finished("completed", snapshot(), rows, state)))
    assert finished.reason == "completed" and finished.state.equals(state)
    paused = pickle.loads(pickle.dumps(m.Paused(snapshot(), rows, state)))
    assert paused.state.equals(state)
    failed = m.Failed("training could not start: ValueError", None, {}, None)
    assert pickle.loads(pickle.dumps(failed)) == failed
