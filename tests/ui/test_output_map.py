"""The output map against the engine: the colour (or value) at a pixel is what the
network predicts at that raw point, with the other inputs where the held panel says."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from bpgui.core import TrainingSettings, builtin_dataset
from bpgui.core.csv.reader import load_csv
from bpgui.core.dataset import Dataset
from bpgui.core.session import Session
from bpgui.ui.views.map_colours import class_tints
from bpgui.ui.views.output_map import CURVE_ITEM, BoundaryPlot
from bpgui.ui.views.theme import CLASS_COLOURS

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def trained(dataset, epochs=60, **settings):
    session = Session(dataset, TrainingSettings(**settings))
    for _ in session.run(epochs):
        pass
    return session


@pytest.fixture
def view(qtbot):
    v = BoundaryPlot()
    qtbot.addWidget(v)
    v.resize(600, 700)
    v.show()
    return v


def shown(view, session):
    view.set_data(session.dataset, session)
    view.update_model(session.model, None)
    return view


def raw_point(view, r, c):
    """The raw features of pixel (row r, column c): the grid's point there, the rest held."""
    p, n = view.plane, view.GRID
    x = view.held.values.copy()
    x[p.axes[0]] = np.linspace(p.lo[0], p.hi[0], n)[c]
    x[p.axes[1]] = np.linspace(p.lo[1], p.hi[1], n)[r]
    return x


def pixel_at(view, x, y):
    """The pixel whose centre is nearest to (x, y) in raw units."""
    p, n = view.plane, view.GRID
    c = int(round((x - p.lo[0]) / (p.hi[0] - p.lo[0]) * (n - 1)))
    r = int(round((y - p.lo[1]) / (p.hi[1] - p.lo[1]) * (n - 1)))
    return r, c


PIXELS = [(0, 0), (13, 71), (50, 50), (77, 20), (99, 99)]


def expected_tints(session, X, discretise=False, output=0):
    from bpgui.core.output_slice import class_probabilities
    return class_tints(class_probabilities(session.model.predict(X), session.dataset.task, output), discretise)


# --------------------------------------------------------------------------- classes
@pytest.fixture(scope="module")
def iris():
    return trained(load_csv(SAMPLES / "iris.csv"), epochs=40, test_split=0.2, val_split=0.1)


def test_iris_pixels_are_the_networks_prediction_with_the_others_held_at_the_means(view, iris):
    shown(view, iris)
    assert view.mode == "plane" and view.plane.axes == (2, 3)       # petal_length, petal_width
    assert (view.x_axis.currentText(), view.y_axis.currentText()) == ("petal_length", "petal_width")
    np.testing.assert_allclose(view.held.values[:2], iris.train.X[:, :2].mean(axis=0))
    X = np.array([raw_point(view, r, c) for r, c in PIXELS])
    probs = iris.model.predict(X)
    for k, (r, c) in enumerate(PIXELS):
        np.testing.assert_allclose(view.values[r, c], probs[k], rtol=1e-5, atol=1e-7)
        assert tuple(view.image.image[r, c]) == tuple(expected_tints(iris, X[k:k + 1])[0])
        # The image puts that pixel's centre at the point's coordinates on the axes.
        centre = view.image.mapToParent(QPointF(c + 0.5, r + 0.5))
        assert centre.x() == pytest.approx(X[k, 2], abs=1e-6) and centre.y() == pytest.approx(X[k, 3], abs=1e-6)


def test_moving_a_held_slider_maps_the_network_at_the_new_value(view, iris):
    shown(view, iris)
    before = view.image.image.copy()
    slider = view.held.sliders[0]                                     # sepal_length
    assert slider.isVisible() and not view.held.sliders[2].isVisible()   # on an axis: no slider
    slider.setValue(slider.maximum())
    held = view.held.values[0]
    assert held == pytest.approx(np.nanmax(iris.dataset.X[:, 0]))
    assert "the values below" in view.held.title.text()
    X = np.array([raw_point(view, r, c) for r, c in PIXELS])
    assert (X[:, 0] == held).all()
    probs = iris.model.predict(X)
    for k, (r, c) in enumerate(PIXELS):
        np.testing.assert_allclose(view.values[r, c], probs[k], rtol=1e-5, atol=1e-7)
    assert not np.array_equal(before, view.image.image)
    view.held.means_button.click()
    assert np.array_equal(before, view.image.image) and "training means" in view.held.title.text()


def test_at_this_sample_holds_the_others_at_the_sample(view, iris):
    shown(view, iris)
    sample = iris.test.X[0]
    view.show_sample(sample)
    np.testing.assert_allclose(view.held.values, sample)
    assert "the sample's values" in view.held.title.text()
    marker = view.sample_marker.data
    assert len(marker) == 1 and (marker["x"][0], marker["y"][0]) == (sample[2], sample[3])
    r, c = 40, 60
    np.testing.assert_allclose(view.values[r, c], iris.model.predict(raw_point(view, r, c)[None])[0], rtol=1e-5)


def test_the_legend_names_the_classes_in_their_colours_and_test_points_are_marked(view, iris):
    shown(view, iris)
    text = view.legend.text()
    for k, name in enumerate(["setosa", "versicolor", "virginica"]):
        assert f"rgb{CLASS_COLOURS[k]}" in text and name in text
        assert text.index(f"rgb{CLASS_COLOURS[k]}") < text.index(name)
    assert "test" in text and "training + validation" in text
    assert len(view.test_points.data) == len(iris.test.X) > 0
    assert len(view.points.data) == len(iris.train.X) + len(iris.val.X)
    assert view.test_points.opts["symbol"] != view.points.opts["symbol"]
    # Each point sits at its own two coordinates (its projection onto the slice).
    np.testing.assert_allclose(view.test_points.data["x"], iris.test.X[:, 2])
    np.testing.assert_allclose(view.test_points.data["y"], iris.test.X[:, 3])


def test_discretise_paints_only_class_colours_each_the_predicted_class(view, iris):
    shown(view, iris)
    view.discretise.setChecked(True)
    hard = {tuple(class_tints(np.eye(3)[[k]], True)[0]) for k in range(3)}
    colours = {tuple(c) for c in view.image.image.reshape(-1, 3)}
    assert colours <= hard and len(colours) >= 2
    for r, c in PIXELS:
        k = iris.model.predict(raw_point(view, r, c)[None]).argmax()
        assert tuple(view.image.image[r, c]) == tuple(class_tints(np.eye(3)[[k]], True)[0])
    view.discretise.setChecked(False)
    assert len({tuple(c) for c in view.image.image.reshape(-1, 3)}) > 3


def test_binary_classes_take_the_multiclass_colours_of_classes_0_and_1(view):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]] * 3)
    ds = Dataset(X, X[:, :1], ["a", "b"], ["on"], None, "binary")     # 0/1 target, no class names
    session = Session(ds, TrainingSettings())
    shown(view, session)
    text = view.legend.text()
    assert f"rgb{CLASS_COLOURS[0]}\">&#9679;</span>&nbsp;0" in text
    assert f"rgb{CLASS_COLOURS[1]}\">&#9679;</span>&nbsp;1" in text
    view.discretise.setChecked(True)
    hard = {tuple(class_tints(np.eye(3)[[k]], True)[0]) for k in range(2)}   # iris's classes 0 and 1
    assert {tuple(c) for c in view.image.image.reshape(-1, 3)} <= hard
    p = session.model.predict(raw_point(view, 10, 90)[None])[0, 0]
    assert tuple(view.image.image[10, 90]) == tuple(class_tints(np.eye(2)[[int(p >= 0.5)]], True)[0])


def test_the_half_adder_shows_sum_and_carry_apart_and_0_0_is_0_in_both(view):
    session = trained(builtin_dataset("gate:half_adder"), epochs=600)
    shown(view, session)
    assert [view.output_picker.itemText(k) for k in range(2)] == ["sum", "carry"]
    assert view.output_picker.isVisible()
    view.discretise.setChecked(True)
    zero, one = (tuple(class_tints(np.eye(2)[[k]], True)[0]) for k in (0, 1))
    truth = {"sum": {(0, 0): zero, (1, 0): one, (0, 1): one, (1, 1): zero},
             "carry": {(0, 0): zero, (1, 0): zero, (0, 1): zero, (1, 1): one}}
    for k, name in enumerate(["sum", "carry"]):
        view.output_picker.setCurrentIndex(k)
        assert name in view.legend.text()
        for (a, b), colour in truth[name].items():
            r, c = pixel_at(view, a, b)
            assert tuple(view.image.image[r, c]) == colour, (name, a, b)
            p = session.model.predict(raw_point(view, r, c)[None])[0, k]
            np.testing.assert_allclose(view.values[r, c, 1], p, rtol=1e-5)
        # The points take this output's target as their class.
        brushes = [b.color().getRgb()[:3] for b in view.points.data["brush"]]
        targets = session.train.Y[:, k].astype(int)
        assert brushes == [CLASS_COLOURS[t] for t in targets]


# --------------------------------------------------------------------------- numbers
def test_one_input_regression_draws_the_models_curve_over_the_data(view):
    session = trained(load_csv(SAMPLES / "sine.csv"), epochs=30)
    shown(view, session)
    assert view.mode == "line" and not view.y_axis.isVisible()
    x, y = view.curves[0].getData()
    assert len(x) == view.LINE_POINTS and x[0] < session.dataset.X.min() and x[-1] > session.dataset.X.max()
    np.testing.assert_allclose(y, session.model.predict(x[:, None])[:, 0], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(view.points.data["y"], session.train.Y[:, 0])


@pytest.fixture(scope="module")
def diabetes():
    return trained(load_csv(SAMPLES / "diabetes.csv"), epochs=20)


def test_regression_map_values_and_colour_bar(view, diabetes):
    shown(view, diabetes)
    assert [view.dataset.feature_names[k] for k in view.plane.axes] == ["bmi", "s5"]
    assert view.colorbar.isVisible() and view.colorbar.levels() == view.levels
    y = diabetes.dataset.Y[:, 0]
    assert view.levels == (y.min(), y.max())
    for r, c in PIXELS:
        np.testing.assert_allclose(view.image.image[r, c], diabetes.model.predict(raw_point(view, r, c)[None])[0, 0],
                                   rtol=1e-5)
    points = view.points.data["brush"]
    assert len(points) == len(diabetes.train.X)
    view.discretise.setChecked(True)
    assert len(np.unique(view.image.image)) <= 12        # bands, not a gradient
    value = diabetes.model.predict(raw_point(view, 50, 50)[None])[0, 0]
    assert abs(view.image.image[50, 50] - value) <= 25.0   # the middle of its band (bands of 50)


def test_picking_axes_swaps_a_repeated_one_and_none_gives_a_curve(view, diabetes):
    shown(view, diabetes)
    x, y = view.plane.axes
    view.y_axis.setCurrentIndex(x)                     # y takes x's feature: x takes y's
    assert view.plane.axes == (y, x)
    view.y_axis.setCurrentText(CURVE_ITEM)
    assert view.mode == "line" and view.plane.axes == (y,) and not view.colorbar.isVisible()
    assert view.image.image is None                    # the map left with its mode
    assert view.held.held_count() == diabetes.dataset.n_features - 1
    cx, cy = view.curves[0].getData()
    X = np.tile(view.held.values, (len(cx), 1))
    X[:, y] = cx
    np.testing.assert_allclose(cy, diabetes.model.predict(X)[:, 0], rtol=1e-5)
    view.y_axis.setCurrentIndex(x)
    assert view.mode == "plane" and view.curves[0].getData()[0] is None and view.image.image is not None


def test_wide_image_data_keeps_the_held_panel_compact_and_says_so(view):
    ds = load_csv(SAMPLES / "digits.csv")
    view.set_data(ds, None)
    assert ds.image_shape is not None and view.held.held_count() == 62
    assert view.held.title.text() == "The other 62 pixels: at their training means"
    assert view.held.scroll.verticalScrollBar().maximum() > 0         # the rows scroll
    assert view.held.height() <= 0.45 * view.splitter.height()


# --------------------------------------------------------------------------- in the window
def test_the_window_maps_iris_with_four_inputs(window):
    assert window.data_panel.load_csv_file(str(SAMPLES / "iris.csv"))
    view = window.boundary
    assert view.mode == "plane" and view.plane.axes == (2, 3) and "setosa" in view.legend.text()
    r, c = 30, 70
    np.testing.assert_allclose(view.values[r, c], window.model.predict(raw_point(view, r, c)[None])[0], rtol=1e-5)


def test_a_new_network_on_the_same_data_keeps_the_users_choices(view, iris):
    data = iris.dataset
    first = Session(data, TrainingSettings())
    view.set_data(data, first)
    view.x_axis.setCurrentIndex(1)                                     # sepal_width across
    assert view.plane.axes == (1, 3)
    view.set_data(data, iris)                                          # other splits: other training means
    assert view.plane.axes == (1, 3)
    np.testing.assert_allclose(view.held.values[[0, 2]], iris.train.X[:, [0, 2]].mean(axis=0))
    view.held.sliders[0].setValue(0)                                  # a value the user chose stays
    view.set_data(data, first)
    assert view.held.values[0] == np.nanmin(data.X[:, 0]) and "the values below" in view.held.title.text()
    view.show_sample(data.X[7])
    view.set_data(data, iris)
    np.testing.assert_allclose(view.held.values, data.X[7])
    assert "the sample's values" in view.held.title.text()


def test_nothing_is_computed_while_the_map_is_hidden(view, iris, monkeypatch):
    import bpgui.ui.views.output_map as output_map
    shown(view, iris)
    calls = []
    real = output_map.outputs_at
    monkeypatch.setattr(output_map, "outputs_at", lambda *a: calls.append(1) or real(*a))
    view.hide()
    view.show_sample(iris.dataset.X[3])
    view.update_model(iris.model, None)
    assert calls == []
    view.show()
    assert len(calls) == 1
    r, c = 20, 80
    np.testing.assert_allclose(view.values[r, c], iris.model.predict(raw_point(view, r, c)[None])[0], rtol=1e-5)


def test_clicking_a_point_holds_the_map_at_that_sample_and_says_which(view, iris, qtbot):
    shown(view, iris)
    spot = view.test_points.points()[2]
    with qtbot.waitSignal(view.sigSampleChosen) as chosen:
        view._point_clicked(view.test_points, [spot])
    np.testing.assert_allclose(chosen.args[0], iris.test.X[2])
    np.testing.assert_allclose(view.held.values, iris.test.X[2])


def test_one_input_classes_draw_each_class_probability_as_a_curve(view):
    x = np.linspace(0, 3, 30)[:, None]
    ds = Dataset(x, np.eye(3)[np.minimum((x[:, 0]).astype(int), 2)], ["x"], ["a", "b", "c"], ["a", "b", "c"],
                 "multiclass")
    session = trained(ds, epochs=20)
    shown(view, session)
    grid = view.curves[0].getData()[0][:, None]
    probs = session.model.predict(grid)
    for k in range(3):
        np.testing.assert_allclose(view.curves[k].getData()[1], probs[:, k], rtol=1e-5)
        assert view.curves[k].opts["pen"].color().getRgb()[:3] == CLASS_COLOURS[k]


def test_a_diverged_network_is_drawn_without_holes(view, diabetes):
    shown(view, diabetes)
    broken = diabetes.model.network.copy()
    broken.biases = [np.full_like(b, np.nan) for b in broken.biases]
    view.update_model(diabetes.model, broken)
    assert np.isfinite(view.image.image).all()
    view.set_data(load_csv(SAMPLES / "iris.csv"), None)
    model = trained(load_csv(SAMPLES / "iris.csv"), epochs=1).model
    broken = model.network.copy()
    broken.biases = [np.full_like(b, np.nan) for b in broken.biases]
    view.update_model(model, broken)
    assert view.image.image.dtype == np.uint8 and view.image.image.shape == (100, 100, 3)


def test_the_neuron_maps_draw_the_output_maps_plane(window, messages):
    import pathlib
    iris = pathlib.Path(__file__).resolve().parents[2] / "samples" / "iris.csv"
    assert window.data_panel.load_csv_file(str(iris))
    window.views.setCurrentWidget(window.boundary)
    plane = window.boundary.plane
    assert window.editor.canvas.thumbs.plane is plane
    window.boundary.x_axis.setCurrentIndex(0)
    assert window.editor.canvas.thumbs.plane is window.boundary.plane and window.boundary.plane.axes[0] == 0
