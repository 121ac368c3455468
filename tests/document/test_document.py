"""The document model without Qt: lost work decided in one place, refused changes
change nothing, undo/redo restore weights bit for bit."""
from __future__ import annotations

import copy

import numpy as np
import pytest

from bpgui.core import TrainingSettings, builtin_dataset, load_csv
from bpgui.document import ChangeRefused, Document
from bpgui.document.undo_stack import Entry, UndoStack


def train(doc: Document, epochs: int = 20) -> None:
    """What the window's training does to the document's session."""
    doc.apply_pending()
    for _ in doc.session.run(epochs):
        pass
    doc.trained()


def params(doc: Document) -> np.ndarray:
    return doc.model.network.parameters.copy()


@pytest.fixture
def doc() -> Document:
    return Document(builtin_dataset("toy:multigauss", n_samples=80), TrainingSettings(hidden=[(5, "tanh")]))


def test_a_fresh_document_is_untitled_and_holds_no_work(doc):
    assert doc.path is None and not doc.has_unsaved_work
    assert doc.model.network.sizes == [2, 5, 1] and doc.undo_text is None


def test_data_that_does_not_fit_makes_a_new_untitled_document(doc):
    train(doc)
    doc.saved("/tmp/mg.bpnet")
    assert doc.path == "/tmp/mg.bpnet" and not doc.has_unsaved_work
    trained = params(doc)
    assert doc.set_data(builtin_dataset("toy:circle", n_samples=60)) == "new"
    assert doc.path is None, "Save must never write an untrained circle network over mg.bpnet"
    assert doc.history.epochs == 0 and doc.model.task != "regression"
    doc.undo()
    assert doc.path == "/tmp/mg.bpnet" and np.array_equal(params(doc), trained) and doc.history.epochs == 20


def test_data_with_the_same_columns_keeps_the_trained_network_and_its_file(doc):
    train(doc, 30)
    doc.saved("/tmp/mg.bpnet")
    trained, epochs = params(doc), doc.session.trainer.epochs_done
    assert doc.set_data(builtin_dataset("toy:multigauss", n_samples=50, seed=3)) == "kept"
    assert doc.path == "/tmp/mg.bpnet" and doc.has_unsaved_work
    assert np.array_equal(params(doc), trained) and doc.history.epochs == 30
    assert doc.session.trainer.epochs_done == epochs, "training goes on from where it was"
    train(doc, 5)
    assert doc.history.epochs == 35


def test_an_opened_model_without_its_data_trains_on_with_data_of_the_same_columns(tmp_path):
    ds = load_csv("samples/iris.csv", target="species")
    doc = Document(ds, TrainingSettings(hidden=[(6, "tanh")]))
    train(doc, 25)
    model = copy.deepcopy(doc.model)
    doc.open_model(model, str(tmp_path / "iris.bpnet"), None, doc.settings)
    assert doc.session is None and doc.dataset is None and doc.missing_source["kind"] == "csv"
    trained = params(doc)
    with pytest.raises(ChangeRefused, match="Load data first"):
        doc.reset_weights()
    assert doc.set_data(load_csv("samples/iris.csv", target="species")) == "kept"
    assert np.array_equal(params(doc), trained) and doc.history.epochs == 25
    assert doc.path == str(tmp_path / "iris.bpnet")
    train(doc, 3)
    assert doc.history.epochs == 28


def test_a_new_network_or_reset_is_untitled_and_undo_brings_the_trained_one_back_bit_for_bit(doc):
    train(doc)
    doc.saved("/tmp/a.bpnet")
    trained, history = params(doc), doc.history.train_loss.copy()
    doc.set_hidden([(3, "relu"), (2, "tanh")])
    assert doc.path is None and doc.model.network.sizes == [2, 3, 2, 1]
    doc.reset_weights()
    assert doc.undo() and doc.undo()
    assert np.array_equal(params(doc), trained) and np.array_equal(doc.history.train_loss, history)
    assert doc.path == "/tmp/a.bpnet" and doc.settings.hidden == [(5, "tanh")]
    assert doc.redo() and doc.model.network.sizes == [2, 3, 2, 1]


@pytest.mark.parametrize("change, message", [
    (dict(loss="ce"), "softmax|2 or more|classes"),
    (dict(early_stopping=20), "Validation above 0"),
    (dict(val_split=0.6, test_split=0.4), "too few rows"),
    (dict(optimizer="nosuch"), "nosuch"),
    (dict(lr=-1.0), "lr"),
])
def test_a_refused_change_changes_nothing(doc, change, message):
    train(doc, 5)
    before_settings, before_params, model = copy.deepcopy(doc.settings), params(doc), doc.model
    settings = copy.deepcopy(doc.settings)
    for k, v in change.items():
        setattr(settings, k, v)
    with pytest.raises(ChangeRefused, match=message) as info:
        doc.set_settings(settings)
    assert "--" not in str(info.value), "no command-line flags in the window's words"
    assert doc.settings == before_settings and doc.model is model
    assert np.array_equal(params(doc), before_params) and doc.undo_text is None
    assert doc.session.settings.loss == doc.settings.loss


def test_trainer_settings_keep_the_weights_and_are_pending_while_running(doc):
    train(doc, 10)
    trained = params(doc)
    s = copy.deepcopy(doc.settings)
    s.optimizer, s.l2 = "sgd", 0.001
    doc.running = True
    doc.set_settings(s)
    assert doc.pending_fields() == {"optimizer", "l2"}
    assert doc.session.trainer.optimizer.name == "adam", "the running job keeps what it started with"
    doc.running = False
    doc.apply_pending()
    assert doc.pending_fields() == set() and doc.session.trainer.optimizer.name == "sgd"
    assert np.array_equal(params(doc), trained) and doc.session.trainer.epochs_done == 10


def test_undoing_a_setting_keeps_what_training_did_since(doc):
    s = copy.deepcopy(doc.settings)
    s.l2 = 0.01
    doc.set_settings(s)
    train(doc, 10)
    trained = params(doc)
    doc.undo()
    assert doc.settings.l2 == 0.0 and np.array_equal(params(doc), trained)
    assert doc.session.trainer.epochs_done == 10 and doc.history.epochs == 10


def test_typed_weights_undo_and_redo_bit_for_bit(doc):
    train(doc, 5)
    before = params(doc)
    doc.set_weight(0, 1, 2, 1e9)
    assert doc.model.network.weights[0][1, 2] == np.float32(1e9)
    after = params(doc)
    doc.undo()
    assert np.array_equal(params(doc), before)
    doc.redo()
    assert np.array_equal(params(doc), after)
    with pytest.raises(ChangeRefused):
        doc.set_weight(0, 0, 0, float("nan"))


def test_the_network_follows_the_data_and_listeners_hear_every_change(doc):
    heard = []
    doc.subscribe(heard.append)
    doc.set_data(load_csv("samples/iris.csv", target="species"))
    assert doc.model.network.sizes[0] == 4 and doc.model.network.sizes[-1] == 3
    assert "data" in heard[-1] and "network" in heard[-1]


def test_the_undo_stack_is_bounded_by_entries_and_bytes():
    stack: UndoStack[int] = UndoStack(max_entries=3, max_bytes=100)
    for k in range(5):
        stack.push(Entry(f"e{k}", k, k + 1, 10))
    assert len(stack) == 3 and stack.undo_text == "e4"
    stack.push(Entry("big", 5, 6, 95))
    assert len(stack) == 1 and stack.nbytes == 95
    assert stack.undo().text == "big" and stack.redo_text == "big"
    stack.push(Entry("new", 5, 7, 1))
    assert stack.redo_text is None, "a new edit ends what could be redone"


def test_a_reset_after_training_is_bounded_in_memory(doc):
    for _ in range(3):
        train(doc, 2)
        doc.reset_weights()
    edits, nbytes = doc.undo_memory
    assert edits == 3 and nbytes >= 3 * doc.model.network.parameters.nbytes


def test_undoing_a_setting_while_training_runs_leaves_the_running_trainer_alone(doc):
    train(doc, 10)
    s = copy.deepcopy(doc.settings)
    s.l2 = 0.01
    doc.set_settings(s)
    session = doc.session
    doc.running = True
    doc.undo()
    assert doc.session is session and doc.settings.l2 == 0.0 and doc.pending_fields() == {"l2"}
    for _ in session.run(5):       # the run goes on in the trainer it started with
        pass
    doc.running = False
    doc.apply_pending()
    assert doc.session.trainer.epochs_done == 15 and doc.session.trainer.l2 == 0.0


def test_unsaved_work_is_what_the_current_network_holds(doc):
    assert not doc.has_unsaved_work
    doc.set_weight(0, 0, 0, 0.5)
    assert doc.has_unsaved_work, "a typed weight is work, even untrained"
    doc.reset_weights()
    assert not doc.has_unsaved_work, "a fresh untitled network holds nothing to save"
    doc.undo()
    assert doc.has_unsaved_work
    train(doc, 3)
    doc.saved("/tmp/x.bpnet")
    assert not doc.has_unsaved_work
    s = copy.deepcopy(doc.settings)
    s.epochs = 7
    doc.set_settings(s)
    assert doc.has_unsaved_work, "a file's settings changed"


def test_a_saved_model_names_the_data_it_went_on_training_on(doc):
    doc.set_data(builtin_dataset("gate:xor"))
    train(doc, 5)
    doc.saved("/tmp/xor.bpnet")
    assert doc.set_data(builtin_dataset("gate:and")) == "kept"
    assert doc.model_to_save().data_source == {"kind": "gate", "name": "and"}


def test_a_save_names_the_network_in_every_version_of_the_history(doc):
    train(doc, 3)
    doc.reset_weights()
    train(doc, 3)
    doc.saved("/tmp/b.bpnet")
    doc.undo()
    doc.redo()
    assert doc.path == "/tmp/b.bpnet" and doc.history.epochs == 3


def test_a_replaced_trained_network_is_work_that_quitting_would_lose(doc):
    train(doc, 3)
    assert doc.has_unsaved_work and not doc.has_replaced_work
    doc.reset_weights()
    assert not doc.has_unsaved_work and doc.has_replaced_work


def test_typed_weights_are_work_that_same_column_data_keeps(doc):
    xor = Document(builtin_dataset("gate:xor"))
    xor.set_weight(0, 0, 0, 2.5)
    assert xor.set_data(builtin_dataset("gate:and")) == "kept"
    assert xor.model.network.weights[0][0, 0] == 2.5


def test_a_learning_rate_the_trainer_missed_reaches_it_before_the_next_run(doc):
    s = copy.deepcopy(doc.settings)
    s.lr = 0.2
    doc.running = True
    doc.set_settings(s)             # sent to the child as its run was ending: the trainer kept the old rate
    doc.running = False
    assert doc.session.trainer.lr != 0.2 and doc.pending_fields() == set()
    doc.apply_pending()
    assert doc.session.trainer.lr == 0.2


def test_the_undo_memory_counts_the_data_and_sessions_it_keeps_alive(doc):
    big = builtin_dataset("toy:circle", n_samples=5000)
    doc.set_data(big)
    doc.set_data(builtin_dataset("toy:circle", n_samples=10))
    edits, nbytes = doc.undo_memory
    assert nbytes >= big.X.nbytes + big.Y.nbytes
