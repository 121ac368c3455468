"""Document.apply_step: the step the step-through showed becomes the network's,
the optimizer's moments with it; undo takes it back; refusals change nothing."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from bpgui.core import TrainingSettings, builtin_dataset
from bpgui.core.step_preview import preview_step
from bpgui.document import ChangeRefused, Document


@pytest.fixture
def doc() -> Document:
    return Document(builtin_dataset("gate:xor"), TrainingSettings(hidden=[(3, "tanh")], optimizer="adam", lr=0.1))


def _trained(doc: Document) -> None:
    doc.apply_pending()
    for _ in doc.session.run(5):
        pass
    doc.trained()


def test_applying_takes_the_steps_weights_and_moments_and_keeps_the_epoch_count(doc):
    _trained(doc)
    before = doc.model.network.parameters.copy()
    trainer = doc.session.trainer
    X, Y = doc.session.train_xy
    trace, after = preview_step(trainer, X[:2], Y[:2])
    np.testing.assert_array_equal(doc.model.network.parameters, before)   # the preview changed nothing
    doc.apply_step(after)
    net, trainer = doc.model.network, doc.session.trainer
    for l, layer in enumerate(trace.layers):
        np.testing.assert_array_equal(net.weights[l], layer.W_after)
    assert trainer.optimizer.t == 6 and trainer.epochs_done == 5 and doc.history.epochs == 5
    np.testing.assert_array_equal(trainer.optimizer.state["exp_avg"], trace.optimizer.state["exp_avg"])
    assert trainer.net is net and doc.has_unsaved_work
    assert doc.undo_text == "one step (step-through)"
    doc.undo()
    np.testing.assert_array_equal(doc.model.network.parameters, before)


def test_a_step_of_another_network_or_while_training_is_refused(doc):
    X, Y = doc.session.train_xy
    _, after = preview_step(doc.session.trainer, X, Y)
    before = doc.model.network.parameters.copy()
    with pytest.raises(ChangeRefused, match="another network"):
        doc.apply_step(replace(after, parameters=np.zeros(3)))
    doc.running = True
    with pytest.raises(ChangeRefused, match="Stop training"):
        doc.apply_step(after)
    np.testing.assert_array_equal(doc.model.network.parameters, before)
