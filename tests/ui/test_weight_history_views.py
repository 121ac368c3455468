"""The weights' history in the window: a click on an edge or a heatmap cell plots that weight
over the run (the curve's data is the timeline's series), curves overlay, are removed and
cleared; the layer's distribution and norm; and what the tabs say without a history."""
from __future__ import annotations

import copy

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QInputDialog

from bpgui.core import builtin_dataset
from bpgui.core.modelfile import save_model
from bpgui.core.session import Session
from bpgui.core.training_settings import TrainingSettings
from bpgui.core.weight_history import weight_series
from bpgui.ui.views.weight_distribution import epoch_columns
from bpgui.ui.weight_history_tabs import RECORDING_OFF

NO_HISTORY = "Train to record the weights' history."


@pytest.fixture(scope="module")
def model_file(tmp_path_factory):
    """A spiral network (2-6-1) trained 40 epochs with its history recorded, saved."""
    settings = TrainingSettings(hidden=[(6, "tanh")], epochs=40, lr=0.05, batch_size=16)
    session = Session(builtin_dataset("toy:spiral", n_samples=120, seed=0), settings)
    list(session.run())
    path = tmp_path_factory.mktemp("models") / "spiral.bpnet"
    save_model(session.model, path)
    return path


@pytest.fixture
def recorded(window, model_file):
    assert window.open_path(str(model_file))
    assert len(window.model.timeline) == 41
    return window


def click_edge(qtbot, w, layer, i, j, double=False):
    pos = w.editor.canvas.edge_position(layer, i, j)
    assert w.editor.canvas.item_at(pos) == ("edge", layer, i, j)
    click = qtbot.mouseDClick if double else qtbot.mouseClick
    click(w.editor.canvas, Qt.LeftButton, pos=QPoint(round(pos.x()), round(pos.y())))


def click_cell(qtbot, w, layer, i, j):
    heatmap = w.heatmap
    w.plot_tabs.setCurrentWidget(heatmap)
    heatmap.layer.setCurrentIndex(layer)
    qtbot.waitUntil(lambda: heatmap.isVisible())
    scene = heatmap.plot.getViewBox().mapViewToScene(QPointF(j + 0.5, i + 0.5))
    at = heatmap.widget.mapFromScene(scene)
    assert heatmap.cell_at(scene) == (i, j)
    qtbot.mouseClick(heatmap.widget.viewport(), Qt.LeftButton, pos=at)


def curve_data(w, key):
    x, y = w.weight_history.trajectories.curves[key].getData()
    return np.asarray(x), np.asarray(y)


def test_clicking_an_edge_plots_that_weight_over_the_run(qtbot, recorded):
    w = recorded
    click_edge(qtbot, w, 0, 1, 2)         # no edit dialog: the messages fixture fails on one
    view = w.weight_history.trajectories
    assert w.plot_tabs.currentWidget() is view and view.keys == [(0, 1, 2)]
    x, y = curve_data(w, (0, 1, 2))
    timeline = w.model.timeline
    assert list(x) == timeline.epochs
    np.testing.assert_array_equal(y, [timeline.weights_at(e)[0][0][1, 2] for e in timeline.epochs])
    np.testing.assert_array_equal(y, weight_series(timeline, 0, 1, 2)[1])
    assert y.std() > 0
    label = view.legend.getLabel(view.curves[(0, 1, 2)]).text
    assert label == "layer 1: x2 → 3"     # the input's name, the hidden neuron's number
    assert "double-click: edit" in w.editor.canvas.describe(("edge", 0, 1, 2))


def test_a_heatmap_cell_adds_its_weight_and_curves_overlay(qtbot, recorded):
    w = recorded
    click_edge(qtbot, w, 0, 0, 5)
    click_cell(qtbot, w, 1, 4, 0)         # layer 2: hidden neuron 5 -> the output
    view = w.weight_history.trajectories
    assert w.plot_tabs.currentWidget() is view
    assert view.keys == [(0, 0, 5), (1, 4, 0)]
    timeline = w.model.timeline
    for key in view.keys:
        x, y = curve_data(w, key)
        expected = [timeline.weights_at(e)[0][key[0]][key[1], key[2]] for e in timeline.epochs]
        np.testing.assert_array_equal(y, expected)
    assert view.legend.getLabel(view.curves[(1, 4, 0)]).text == "layer 2: 5 → label"
    pens = {view.curves[k].opts["pen"].color().name() for k in view.keys}
    assert len(pens) == 2
    click_cell(qtbot, w, 1, 4, 0)         # the same weight again: still one curve
    view.add_weight(1, 6, 0)              # none such (6 hidden neurons): nothing
    assert view.keys == [(0, 0, 5), (1, 4, 0)]


def test_curves_are_removed_one_by_one_and_cleared(qtbot, recorded):
    w = recorded
    for edge in ((0, 0, 0), (0, 1, 1), (1, 2, 0)):
        click_edge(qtbot, w, *edge)
    view = w.weight_history.trajectories
    view.remove_menu.aboutToShow.emit()
    actions = view.remove_menu.actions()
    assert [a.text() for a in actions] == ["layer 1: x1 → 1", "layer 1: x2 → 2", "layer 2: 3 → label"]
    actions[1].trigger()
    assert view.keys == [(0, 0, 0), (1, 2, 0)] and (0, 1, 1) not in view.curves
    assert len(view.plot.listDataItems()) == 2
    qtbot.mouseClick(view.clear_button, Qt.LeftButton)
    assert view.keys == [] and view.plot.listDataItems() == []
    assert not view.clear_button.isEnabled()


def test_double_click_and_the_context_menu_edit_a_weight_when_a_click_plots(qtbot, recorded, monkeypatch):
    w = recorded
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("0.5", True)))
    click_edge(qtbot, w, 0, 1, 2, double=True)
    assert w.model.network.weights[0][1, 2] == np.float32(0.5)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("-1.25", True)))
    menu = w.editor.context_menu(w.editor.canvas.edge_position(0, 0, 3))
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["Plot this weight over the run", "Edit weight…", "Neuron maps"]
    next(a for a in menu.actions() if a.text() == "Edit weight…").trigger()
    assert w.model.network.weights[0][0, 3] == np.float32(-1.25)
    next(a for a in menu.actions() if a.text().startswith("Plot")).trigger()
    assert (0, 0, 3) in w.weight_history.trajectories.keys


def test_without_a_history_a_click_edits_and_the_tabs_say_why(qtbot, window, monkeypatch):
    view, dist = window.weight_history.trajectories, window.weight_history.distribution
    window.plot_tabs.setCurrentWidget(view)
    assert window.model.timeline is None
    assert view.message.isVisible() and view.message.text() == NO_HISTORY and not view.widget.isVisible()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("0.75", True)))
    click_edge(qtbot, window, 0, 1, 2)
    assert window.model.network.weights[0][1, 2] == np.float32(0.75)
    assert "(click to edit)" in window.editor.canvas.describe(("edge", 0, 1, 2))
    menu = window.editor.context_menu(window.editor.canvas.edge_position(0, 1, 2))
    assert not menu.actions()[0].isEnabled() and "train to record" in menu.actions()[0].text()
    window.plot_tabs.setCurrentWidget(dist)
    assert dist.message.isVisible() and dist.message.text() == NO_HISTORY and not dist.widget.isVisible()
    settings = copy.deepcopy(window.doc.settings)
    settings.timeline_mb = 0
    window.doc.set_settings(settings)
    assert dist.message.text() == RECORDING_OFF and view.message.text() == RECORDING_OFF


def test_the_distribution_counts_each_epochs_weights(qtbot, recorded):
    w = recorded
    dist = w.weight_history.distribution
    w.plot_tabs.setCurrentWidget(dist)
    timeline = w.model.timeline
    for layer in (0, 1):
        dist.layer.setCurrentIndex(layer)
        shown = dist.distribution
        assert list(shown.epochs) == timeline.epochs
        for e, counts, norm in zip(shown.epochs, shown.counts, dist.norms):
            W = timeline.weights_at(e)[0][layer]
            np.testing.assert_array_equal(counts, np.histogram(W.ravel(), bins=shown.edges)[0])
            assert counts.sum() == W.size
            assert norm == pytest.approx(np.linalg.norm(W.astype(np.float64)), rel=1e-12)
        x, y = dist.norm_curve.getData()
        np.testing.assert_array_equal(y, dist.norms)
        image = dist.image.image                   # value bins up, epochs across, log10 of the counts
        assert image.shape == (64, 41)
        counts = shown.counts[7]
        np.testing.assert_allclose(image[:, 7], np.where(counts > 0, np.log10(np.maximum(counts, 1)), np.nan))


def test_the_tabs_follow_a_timeline_that_grows(qtbot, recorded):
    w = recorded
    click_edge(qtbot, w, 0, 1, 2)
    list(w.session.run(epochs=5))        # five more epochs recorded in the document's timeline
    assert w.model.timeline.last_epoch == 45
    w._curves_throttle.now()             # the window's throttled redraw while training
    x, y = curve_data(w, (0, 1, 2))
    assert list(x) == list(range(46))
    np.testing.assert_array_equal(y[-1], w.model.timeline.weights_at(45)[0][0][1, 2])
    dist = w.weight_history.distribution
    w.plot_tabs.setCurrentWidget(dist)
    assert list(dist.distribution.epochs) == list(range(46))


def test_another_network_forgets_the_chosen_weights(qtbot, recorded):
    w = recorded
    click_edge(qtbot, w, 0, 1, 2)
    qtbot.mouseClick(w.editor.controls[0].plus, Qt.LeftButton)        # 2-7-1: a new network
    view = w.weight_history.trajectories
    assert view.keys == [] and view.message.text() == NO_HISTORY


def test_image_columns_are_the_kept_epochs_on_an_even_grid():
    np.testing.assert_array_equal(epoch_columns(np.array([0, 4, 8, 16]), 4), [0, 1, 2, -1, 3])
    np.testing.assert_array_equal(epoch_columns(np.array([5]), 8), [0])


def test_the_oldest_curve_makes_room_beyond_ten(qtbot, recorded):
    w = recorded
    view = w.weight_history.trajectories
    w.plot_tabs.setCurrentWidget(view)
    weights = [(0, i, j) for i in range(2) for j in range(6)]     # 12 weights
    for key in weights:
        view.add_weight(*key)
    assert view.keys == weights[2:] and len(view.plot.listDataItems()) == 10
    assert len({view.curves[k].opts["pen"].color().name() for k in view.keys}) == 10
    for key in view.keys:
        np.testing.assert_array_equal(curve_data(w, key)[1], weight_series(w.model.timeline, *key)[1])
