"""The timeline bar: scrubbing to a past epoch shows it in every view (each view's
numbers against the engine's at that epoch's weights), Play, following the newest
epoch while training, and the bar without a timeline."""
from __future__ import annotations

from pathlib import Path

import time

import numpy as np
import pytest
from PySide6.QtCore import Qt

from bpgui.core import Session, TrainingSettings
from bpgui.core.csv import load_csv
from bpgui.core.epoch_gradients import EpochGradients
from bpgui.core.hidden_space import hidden_space
from bpgui.core.modelfile import save_model
from bpgui.core.neuron_maps import neuron_maps
from bpgui.core.output_slice import plane_grid
from bpgui.ui.timeline_bar import NO_TIMELINE
from bpgui.ui.views.hidden_space_view import ELEVATION

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
EPOCHS = 40


@pytest.fixture(scope="module")
def iris_model(tmp_path_factory) -> Path:
    """A model file of iris trained EPOCHS epochs, every epoch in its timeline."""
    settings = TrainingSettings(hidden=[(5, "tanh")], optimizer="adam", lr=0.05, epochs=EPOCHS, batch_size=16,
                                val_split=0.2, dtype="float64")
    session = Session(load_csv(str(SAMPLES / "iris.csv")), settings)
    for _ in session.run():
        pass
    path = tmp_path_factory.mktemp("timeline") / "iris.bpnet"
    save_model(session.model, path)
    return path


@pytest.fixture
def iris_window(window, iris_model):
    assert window.open_path(str(iris_model))
    assert window.model.timeline is not None and window.model.timeline.epochs == list(range(EPOCHS + 1))
    return window


def _network_at(window, epoch: int):
    net = window.model.network.copy()
    net.weights, net.biases = window.model.timeline.weights_at(epoch)
    return net


def _scrub_to(qtbot, window, index: int) -> int:
    """Move the slider by keyboard to checkpoint ``index``; the epoch it shows."""
    slider = window.timeline.bar.slider
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key_Home)
    for _ in range(index):
        qtbot.keyClick(slider, Qt.Key_Right)
    epoch = window.timeline.bar.epochs[index]
    qtbot.waitUntil(lambda: window.timeline.epoch == epoch, timeout=5000)
    return epoch


def test_without_a_timeline_the_bar_is_disabled_and_says_why(window):
    bar = window.timeline.bar
    assert window.model.timeline is None
    assert not bar.slider.isEnabled() and not bar.play.isEnabled()
    assert bar.toolTip() == NO_TIMELINE
    assert window.timeline.epoch is None and not window.timeline.showing_past


def test_the_slider_snaps_to_checkpoints_and_the_keys_step_them(qtbot, iris_window):
    bar = iris_window.timeline.bar
    assert bar.slider.isEnabled() and bar.toolTip() == ""
    assert bar.following and f"newest: epoch {EPOCHS}" in bar.label.text()
    assert f"{EPOCHS + 1} checkpoints" in bar.label.text()
    assert _scrub_to(qtbot, iris_window, 3) == 3
    assert "showing epoch 3</b> of 40" in bar.label.text()
    qtbot.keyClick(bar.slider, Qt.Key_Left)
    qtbot.waitUntil(lambda: iris_window.timeline.epoch == 2)
    qtbot.keyClick(bar.slider, Qt.Key_End)     # the end is the newest: following again
    qtbot.waitUntil(lambda: not iris_window.timeline.showing_past)
    assert bar.following and not bar.newest_button.isEnabled()
    # A thinned timeline: a choice between checkpoints goes to the nearest one.
    bar.set_epochs([0, 4, 8, 12], 12)
    bar.choose(7)
    assert bar.epoch == 8


def test_scrubbing_shows_that_epochs_weights_in_every_view(qtbot, iris_window):
    w = iris_window
    newest_heatmap = np.array(w.heatmap.image.image)
    epoch = _scrub_to(qtbot, w, 2)
    net = _network_at(w, epoch)
    weights, biases = w.model.timeline.weights_at(epoch)
    assert not np.allclose(weights[0], w.model.network.weights[0])   # a past epoch that looks different

    # Weights: the heatmap's image and the network drawing's edges.
    k = w.heatmap.layer.currentIndex()
    np.testing.assert_array_equal(w.heatmap.image.image, weights[k])
    assert not np.array_equal(w.heatmap.image.image, newest_heatmap)
    for shown, real in zip(w.editor.canvas.weights, weights, strict=True):
        np.testing.assert_array_equal(shown, real)
    # Gradient norms recomputed at those weights on the training rows.
    session = w.doc.session
    expected = EpochGradients(session.model.network, *session.train_xy).norms(weights, biases)
    np.testing.assert_allclose(w.gradients.values, expected, rtol=1e-9)
    assert "training rows" in w.gradients.toolTip()
    # The curves' markers.
    for plot in (w.loss_plot, w.metric_plot):
        assert plot.marker.isVisible() and plot.marker.value() == epoch
    # The output map's colours: the network's class probabilities over the plane.
    boundary = w.boundary
    n = boundary.values.shape[0]
    inputs = w.model.encode_inputs(plane_grid(boundary.plane, n))
    np.testing.assert_allclose(boundary.values.reshape(n * n, -1), net.predict(inputs), atol=1e-9)
    # The neuron maps in the network drawing.
    thumbs = w.editor.canvas.thumbs
    for got, expected in zip(thumbs.maps, neuron_maps(w.model, net, thumbs.plane, thumbs.maps[0].shape[-1])):
        np.testing.assert_allclose(got, expected, atol=1e-9)


def test_results_try_it_and_hidden_space_show_the_chosen_epoch(qtbot, iris_window):
    w = iris_window
    epoch = _scrub_to(qtbot, w, 1)
    net = _network_at(w, epoch)
    titles = [w.views.tabText(k) for k in range(w.views.count())]

    w.views.setCurrentIndex(titles.index("Results"))
    results = w.results_view
    results.pacer.run_now()
    key, _, part = results._part()
    predicted = np.argmax(net.predict(w.model.encode_inputs(part.X)), axis=1)
    true = np.argmax(part.Y, axis=1)
    by_hand = np.zeros((3, 3), int)
    for t, p in zip(true, predicted):
        by_hand[t, p] += 1
    np.testing.assert_array_equal(results.matrix.values, by_hand)
    newest = np.argmax(w.model.network.predict(w.model.encode_inputs(part.X)), axis=1)
    assert not np.array_equal(newest, predicted)   # epoch 1 misclassifies what the newest does not

    w.views.setCurrentIndex(titles.index("Try it"))
    try_it = w.try_it
    out = net.predict(w.model.encode_inputs(try_it.values()[None, :]))[0]
    np.testing.assert_allclose([row.value for row in try_it.output.rows], out, atol=1e-12)

    w.views.setCurrentIndex(titles.index("Hidden space"))
    view = w.hidden_space
    qtbot.waitUntil(lambda: view.space is not None)
    expected = hidden_space(net, view.layer_box.currentIndex(), view._inputs[1],
                            view=(float(view.turn.value()), ELEVATION))
    np.testing.assert_allclose(view.space.points, expected.points, atol=1e-9)


def test_play_advances_the_epochs_and_stops_at_the_newest(qtbot, iris_window, monkeypatch):
    w = iris_window
    bar = w.timeline.bar
    bar.speed.setCurrentIndex(bar.speed.count() - 1)    # the fastest: a checkpoint each 20 ms
    start = _scrub_to(qtbot, w, EPOCHS - 8)
    label = bar._show_label

    def slow_label():   # a tick slower than the speed asked for (a loaded machine): no checkpoint is skipped
        time.sleep(0.03)
        label()
    monkeypatch.setattr(bar, "_show_label", slow_label)
    shown: list[int] = []
    w.timeline.sigEpochShown.connect(shown.append)
    qtbot.mouseClick(bar.play, Qt.LeftButton)
    assert bar.play.isChecked()
    qtbot.waitUntil(lambda: not bar.play.isChecked(), timeout=10_000)
    assert shown == list(range(start + 1, EPOCHS))      # every one in turn, then the newest: following again
    assert bar.following and not w.timeline.showing_past
    np.testing.assert_array_equal(w.heatmap.image.image, w.model.network.weights[w.heatmap.layer.currentIndex()])
    assert not w.loss_plot.marker.isVisible()


def test_snapshots_wait_while_a_past_epoch_is_shown(qtbot, iris_window, train_to_end):
    w = iris_window
    epoch = _scrub_to(qtbot, w, 5)
    weights = w.model.timeline.weights_at(epoch)[0]
    w.training_panel.epochs.setValue(30)
    train_to_end(w)
    assert w.history.epochs == EPOCHS + 30                # the run went on: snapshots came
    k = w.heatmap.layer.currentIndex()
    np.testing.assert_array_equal(w.heatmap.image.image, weights[k])   # ... and did not overwrite epoch 5
    for shown, real in zip(w.editor.canvas.weights, weights):
        np.testing.assert_array_equal(shown, real)
    assert w.timeline.epoch == epoch
    assert f"newest: {EPOCHS + 30}" in w.timeline.bar.label.text()
    # Back to the newest: the trained network everywhere.
    qtbot.mouseClick(w.timeline.bar.newest_button, Qt.LeftButton)
    assert not w.timeline.showing_past
    np.testing.assert_array_equal(w.heatmap.image.image, w.model.network.weights[k])
    for shown, real in zip(w.editor.canvas.weights, w.model.network.weights):
        np.testing.assert_allclose(shown, real)


def test_following_the_newest_the_views_take_the_snapshots(qtbot, iris_window):
    w = iris_window
    assert w.timeline.bar.following
    w.training_panel.unlimited.setChecked(True)
    w.act_train.trigger()
    # While the run goes on the bar takes the new epochs (a few times a second).
    qtbot.waitUntil(lambda: (w.timeline.bar.newest or 0) > EPOCHS, timeout=10_000)
    assert w.timeline.bar.following and not w.timeline.showing_past
    assert w.stop_and_wait()
    n = w.history.epochs
    assert w.timeline.bar.following and f"newest: epoch {n:,}" in w.timeline.bar.label.text()
    k = w.heatmap.layer.currentIndex()
    np.testing.assert_array_equal(w.heatmap.image.image, w.model.network.weights[k])


def test_a_live_snapshot_held_is_drawn_when_going_back_to_the_newest(qtbot, iris_window, monkeypatch):
    w = iris_window
    _scrub_to(qtbot, w, 4)
    snap = _snapshot_with(w.model.network, scale=0.5)
    w.controller.sigSnapshot.emit(snap)
    k = w.heatmap.layer.currentIndex()
    np.testing.assert_array_equal(w.heatmap.image.image, w.model.timeline.weights_at(4)[0][k])
    # As while a run goes on: the newest is then the latest snapshot.
    monkeypatch.setattr(type(w.controller), "state", property(lambda _self: "running"))
    w.timeline.show_newest()
    np.testing.assert_allclose(w.heatmap.image.image, snap.weights[k])
    assert w.gradients.values == pytest.approx(snap.grad_norms)
    monkeypatch.undo()


def _snapshot_with(net, scale: float):
    from bpgui.core.training import Snapshot
    return Snapshot(epoch=99, train_loss=1.0, val_loss=None, train_metrics={}, val_metrics=None, lr=0.1,
                    weights=tuple(W * scale for W in net.weights), biases=tuple(b * scale for b in net.biases),
                    grad_norms=tuple(0.1 * (k + 1) for k in range(net.n_layers)), steps=1)


def test_a_new_network_resets_the_bar(qtbot, iris_window, messages):
    w = iris_window
    _scrub_to(qtbot, w, 6)
    w.act_reset.trigger()
    assert w.model.timeline is None
    assert not w.timeline.showing_past and not w.loss_plot.marker.isVisible()
    assert not w.timeline.bar.slider.isEnabled() and w.timeline.bar.toolTip() == NO_TIMELINE
    np.testing.assert_array_equal(w.heatmap.image.image, w.model.network.weights[w.heatmap.layer.currentIndex()])


def test_no_weight_edit_on_a_past_epoch(qtbot, iris_window):
    w = iris_window
    _scrub_to(qtbot, w, 6)
    before = w.model.network.weights[0].copy()
    w.editor.sigWeightEdited.emit(0, 0, 0, 5.0)
    np.testing.assert_array_equal(w.model.network.weights[0], before)
    assert "newest epoch" in w.statusBar().currentMessage()


def test_a_run_trained_in_the_window_fills_the_bar_and_scrubs(qtbot, window, train_to_end):
    """The training child's checkpoints reach the window's model: every epoch of a short
    run, the bar spans them, and a past epoch is that epoch's weights."""
    window.training_panel.epochs.setValue(25)
    train_to_end(window)
    timeline = window.model.timeline
    assert timeline is not None and timeline.epochs == list(range(26))
    np.testing.assert_array_equal(timeline.weights_at(25)[0][0], window.model.network.weights[0])
    bar = window.timeline.bar
    assert bar.slider.isEnabled() and list(bar.epochs) == list(range(26))
    window.timeline.show_epoch(5)
    assert window.timeline.epoch == 5
    np.testing.assert_array_equal(window.editor.canvas.weights[0], timeline.weights_at(5)[0][0])
