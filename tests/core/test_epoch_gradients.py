"""EpochGradients: the gradient norms at a past epoch's weights, against the engine's own."""
from __future__ import annotations

import numpy as np

from bpgui.core import Session, TrainingSettings, builtin_dataset
from bpgui.core.epoch_gradients import EpochGradients


def _full_batch_run(epochs: int = 6, hidden=((6, "tanh"), (5, "relu"))):
    settings = TrainingSettings(hidden=[list(h) for h in hidden], optimizer="sgd", lr=0.3, epochs=epochs,
                                batch_size=None, dtype="float64")
    session = Session(builtin_dataset("toy:spiral", n_samples=120, seed=1), settings)
    return session, list(session.run())


def test_norms_equal_the_trainers_last_batch_norms_at_the_epoch_before():
    # Full batch, no regularisation: epoch e's one step is taken with the gradient at
    # epoch e-1's weights, and its snapshot reports that gradient's norms.
    session, snaps = _full_batch_run()
    timeline = session.model.timeline
    grads = EpochGradients(session.model.network, *session.train_xy)
    assert not grads.sampled
    for snap in snaps:
        weights, biases = timeline.weights_at(snap.epoch - 1)
        np.testing.assert_allclose(grads.norms(weights, biases), snap.grad_norms, rtol=1e-9)


def test_norms_are_those_of_network_gradients_on_the_sampled_rows():
    session, _ = _full_batch_run(epochs=3)
    X, Y = session.train_xy
    grads = EpochGradients(session.model.network, X, Y, max_rows=40, seed=3)
    assert grads.sampled and len(grads.rows) == 40 and len(set(grads.rows.tolist())) == 40
    net = session.model.network.copy()
    for epoch in session.model.timeline.epochs:
        weights, biases = session.model.timeline.weights_at(epoch)
        net.weights, net.biases = weights, biases
        gW, gb = net.gradients(X[grads.rows], Y[grads.rows])
        expected = [np.sqrt(np.sum(w ** 2) + np.sum(b ** 2)) for w, b in zip(gW, gb)]
        np.testing.assert_allclose(grads.norms(weights, biases), expected, rtol=1e-9)
    # The weights given do not leak into the model's network.
    before = session.model.network.parameters.copy()
    grads.norms(*session.model.timeline.weights_at(0))
    np.testing.assert_array_equal(session.model.network.parameters, before)


def test_the_sample_is_the_same_rows_each_time():
    session, _ = _full_batch_run(epochs=1)
    a = EpochGradients(session.model.network, *session.train_xy, max_rows=30)
    b = EpochGradients(session.model.network, *session.train_xy, max_rows=30)
    np.testing.assert_array_equal(a.rows, b.rows)
    assert np.all(np.diff(a.rows) > 0)
