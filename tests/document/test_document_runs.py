"""The document's runs without Qt: recorded when a run ends, kept through undo,
branched from a checkpoint, compared from the same initial weights."""
from __future__ import annotations

import copy

import numpy as np
import pytest

from bpgui.core import TrainingSettings, builtin_dataset
from bpgui.core.runs import BranchPoint
from bpgui.document import ChangeRefused, Document
from bpgui.document.comparison import comparison_run, comparison_session


def train(doc: Document, epochs: int = 20) -> None:
    """What the window does around a run of the training child."""
    doc.apply_pending()
    doc.run_started()
    for _ in doc.session.run(epochs):
        pass
    doc.trained()
    doc.run_finished()


@pytest.fixture
def doc() -> Document:
    return Document(builtin_dataset("toy:multigauss", n_samples=80),
                    TrainingSettings(hidden=[(5, "tanh")], batch_size=16, val_split=0.25, optimizer="adam"))


def with_settings(doc: Document, **changes) -> None:
    s = copy.deepcopy(doc.settings)
    for k, v in changes.items():
        setattr(s, k, v)
    doc.set_settings(s)


def test_a_finished_run_is_recorded_with_its_settings_and_goes_on_in_the_same_run(doc):
    assert doc.runs == ()
    train(doc, 10)
    (run,) = doc.runs
    assert run.name == "run 1" and run.epochs == 10 and doc.live_run is run
    assert np.array_equal(run.train_loss, doc.history.train_loss)
    assert run.segments[0].settings["optimizer"] == "adam" and run.segments[0].first_epoch == 1
    with_settings(doc, lr=0.005)
    train(doc, 5)
    (run,) = doc.runs
    assert run.epochs == 15 and [(s.first_epoch, s.last_epoch, s.settings["lr"]) for s in run.segments] == [
        (1, 10, 0.03), (11, 15, 0.005)]
    assert run.describe().startswith("adam, lr 0.03→0.005")


def test_a_new_network_trains_into_a_new_run_and_undo_loses_neither(doc):
    train(doc, 10)
    doc.reset_weights()
    train(doc, 7)
    assert [(r.name, r.epochs) for r in doc.runs] == [("run 1", 10), ("run 2", 7)]
    doc.undo()   # the reset: the first network comes back, the second's run stays
    assert doc.history.epochs == 10 and [r.epochs for r in doc.runs] == [10, 7]
    train(doc, 3)
    assert [r.epochs for r in doc.runs] == [13, 7] and doc.live_run.name == "run 1"
    doc.redo()
    assert [r.epochs for r in doc.runs] == [13, 7] and doc.live_run.name == "run 2"


def test_rename_hide_and_delete_are_edits_that_undo(doc):
    train(doc, 5)
    doc.reset_weights()
    train(doc, 5)
    k1, k2 = (r.key for r in doc.runs)
    doc.rename_run(k1, "first")
    doc.set_run_hidden(k2, True)
    assert [(r.name, r.hidden) for r in doc.runs] == [("first", False), ("run 2", True)]
    with pytest.raises(ChangeRefused, match="already"):
        doc.rename_run(k2, "first")
    doc.delete_runs([k1])
    assert [r.name for r in doc.runs] == ["run 2"] and doc.undo_text == "delete run first"
    train(doc, 2)   # trained while the delete is on the undo stack: kept through undo
    doc.undo()
    assert [(r.name, r.epochs) for r in doc.runs] == [("first", 5), ("run 2", 7)]
    doc.undo()
    doc.undo()
    assert [(r.name, r.hidden, r.epochs) for r in doc.runs] == [("run 1", False, 5), ("run 2", False, 7)]
    doc.delete_runs([k2])   # the current network's run: its next training is a new run
    train(doc, 1)
    assert [r.name for r in doc.runs] == ["run 1", "run 3"] and doc.runs[1].epochs == 8


def test_branch_keeps_the_run_and_starts_at_the_checkpoint_exactly(doc):
    train(doc, 20)
    original = doc.model
    end = original.network.parameters.copy()
    expected = original.timeline.weights_at(8)
    doc.branch_at(8)
    assert doc.model is not original and doc.history.epochs == 8 and doc.model.timeline.last_epoch == 8
    for got, want in zip(doc.model.network.weights + doc.model.network.biases, expected[0] + expected[1]):
        assert np.array_equal(got, want)
    assert original.history.epochs == 20 and original.timeline.last_epoch == 20   # the original is kept
    assert np.array_equal(original.network.parameters, end)
    assert [r.epochs for r in doc.runs] == [20] and doc.session.trainer.epochs_done == 8
    doc.undo()
    assert doc.model is original and doc.history.epochs == 20
    doc.redo()
    assert doc.history.epochs == 8


def test_a_branch_with_unchanged_settings_retraces_the_original_bit_for_bit(doc):
    train(doc, 20)
    end = doc.model.network.parameters.copy()
    doc.branch_at(8)
    train(doc, 12)
    assert np.array_equal(doc.model.network.parameters, end)
    one, branch = doc.runs
    assert branch.branch == BranchPoint("run 1", 8) and branch.epochs == 20
    assert np.array_equal(branch.train_loss, one.train_loss)


def test_a_branch_with_changed_settings_diverges_and_both_runs_stay(doc):
    train(doc, 20)
    doc.branch_at(8)
    with_settings(doc, optimizer="sgd", lr=0.5)
    train(doc, 12)
    one, branch = doc.runs
    assert branch.segments[0].settings["optimizer"] == "sgd" and branch.segments[0].first_epoch == 9
    assert np.array_equal(branch.train_loss[:8], one.train_loss[:8])
    assert not np.array_equal(branch.train_loss[8:], one.train_loss[8:])
    assert "from run 1 @ 8" in branch.describe()


def test_branching_needs_a_checkpoint(doc):
    with_settings(doc, timeline_mb=0.0)
    train(doc, 5)
    with pytest.raises(ChangeRefused, match="no checkpoint"):
        doc.branch_at(3)


def test_compare_trains_each_optimizer_from_the_same_initial_weights(doc):
    initial = doc.initial_parameters()
    train(doc, 5)
    assert np.array_equal(doc.initial_parameters(), initial)   # the timeline's epoch 0
    first_steps = []
    for opt, lr in (("sgd", 0.1), ("adam", 0.01), ("rmsprop", 0.01)):
        session = comparison_session(doc, opt, lr, 6, doc.initial_parameters())
        first_steps.append(session.model.network.parameters.copy())
        list(session.run())
        run = doc.keep_run(comparison_run(session))
        assert run.epochs == 6 and run.settings["optimizer"] == opt and run.settings["lr"] == lr
    assert all(np.array_equal(p, initial) for p in first_steps)
    assert [r.name for r in doc.runs] == ["run 1", "sgd 0.1", "adam 0.01", "rmsprop 0.01"]
    assert doc.history.epochs == 5   # the document's own network was not touched
    losses = [r.train_loss[-1] for r in doc.runs[1:]]
    assert len(set(losses)) == 3


def test_a_saved_document_keeps_its_runs_and_its_current_run(doc, tmp_path):
    from bpgui.core import load_model, save_model
    train(doc, 5)
    doc.reset_weights()
    train(doc, 3)
    save_model(doc.model_to_save(), tmp_path / "r.bpnet")
    other = Document(builtin_dataset("toy:multigauss", n_samples=80), TrainingSettings(hidden=[(5, "tanh")]))
    other.open_model(load_model(tmp_path / "r.bpnet"), str(tmp_path / "r.bpnet"), doc.dataset, doc.settings)
    assert [(r.name, r.epochs) for r in other.runs] == [("run 1", 5), ("run 2", 3)]
    train(other, 2)
    assert [r.epochs for r in other.runs] == [5, 5]
