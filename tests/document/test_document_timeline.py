"""The document's undo and the timeline: no two versions share a timeline that
training changes, and the undo budget counts a timeline only undo keeps alive."""
from __future__ import annotations

from bpgui.core import TrainingSettings, builtin_dataset
from bpgui.document import Document


def train(doc: Document, epochs: int) -> None:
    doc.apply_pending()
    for _ in doc.session.run(epochs):
        pass
    doc.trained()


def make_doc() -> Document:
    return Document(builtin_dataset("toy:multigauss", n_samples=80), TrainingSettings(hidden=[(5, "tanh")]))


def test_training_after_a_typed_weight_leaves_the_undone_versions_timeline_as_it_was():
    doc = make_doc()
    train(doc, 30)
    before = doc.model.timeline
    epochs, at_30 = before.epochs, before.state_at(30)
    doc.set_weight(0, 0, 0, 0.5)
    assert doc.model.timeline is not before and doc.model.timeline.storage is before.storage
    train(doc, 20)
    assert doc.model.timeline.epochs == list(range(51))
    assert doc.model.timeline.state_at(30).parameters[0] == 0.5   # the typed weight, recorded anew
    assert before.epochs == epochs and before.state_at(30).equals(at_30)
    doc.undo()
    assert doc.model.timeline is before and doc.model.history.epochs == 30


def test_the_undo_budget_counts_a_timeline_only_undo_keeps_alive():
    doc = make_doc()
    train(doc, 200)
    size = doc.model.timeline.nbytes
    assert size > 0
    doc.set_weight(0, 0, 0, 0.5)
    _, shared = doc.undo_memory
    assert shared < size   # the fork still shares the checkpoints' memory
    train(doc, 1)          # the current model's timeline is its own now
    _, alone = doc.undo_memory
    assert alone >= size
    doc.set_weight(0, 0, 1, 0.25)   # a second edit: the first version's timeline counted once
    train(doc, 1)
    _, two = doc.undo_memory
    assert size * 2 <= two < size * 3


def test_a_setting_that_keeps_the_network_keeps_its_one_timeline():
    doc = make_doc()
    train(doc, 10)
    timeline = doc.model.timeline
    settings = TrainingSettings.from_dict({**doc.settings.to_dict(), "lr": 0.01})
    doc.set_settings(settings)
    kept = doc.undo_memory[1]   # the replaced session's encoded data, not the timeline
    assert doc.model.timeline is timeline and kept < timeline.nbytes
    train(doc, 5)
    assert timeline.epochs == list(range(16)) and doc.undo_memory[1] == kept
