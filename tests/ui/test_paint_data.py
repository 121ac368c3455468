"""Paint your data (issue 12): clicks on the Paint tab's canvas place points where
they land, the eraser takes the nearest, a burst of painting is one change of the
document, and painted data trains, saves with the model and saves as CSV."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from bpgui.core import builtin_dataset, load_csv
from bpgui.core.painted_data import MAX_POINTS
from bpgui.ui.views.paint_tools import ERASER
from bpgui.ui.views.paint_view import COMMIT_DELAY_MS


@pytest.fixture
def paint(window):
    """The window with its Paint source chosen (the data panel brings the tab forward)."""
    window.data_panel.source.setCurrentIndex(3)
    assert window.views.currentWidget() is window.paint
    return window.paint


def click(qtbot, view, x: float, y: float, button=Qt.LeftButton) -> None:
    qtbot.mouseClick(view.canvas.viewport, button, pos=view.canvas.viewport_pos(x, y))


def paint_points(qtbot, view, points) -> None:
    """Clicks of class k at (x, y) for each (x, y, k)."""
    for x, y, k in points:
        view.tools.choose(k)
        click(qtbot, view, x, y)


def quadrant_points(n: int = 10, seed: int = 0):
    rng = np.random.default_rng(seed)
    return [(sx * 0.5 + rng.uniform(-0.3, 0.3), sy * 0.5 + rng.uniform(-0.3, 0.3), k)
            for sx, sy, k in ((1, 1, 0), (-1, -1, 0), (-1, 1, 1), (1, -1, 1)) for _ in range(n)]


def same_data(a, b) -> None:
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.Y, b.Y)
    assert (a.feature_names, a.target_names, a.class_names, a.task) == \
        (b.feature_names, b.target_names, b.class_names, b.task)


def test_clicks_add_points_of_the_chosen_class_where_they_land(qtbot, paint):
    paint_points(qtbot, paint, [(0.5, -0.25, 1), (-0.6, 0.7, 0), (0.0, 0.0, 2)])
    sx, sy = paint.canvas.pixel_size()
    np.testing.assert_allclose(paint.points.xy, [[0.5, -0.25], [-0.6, 0.7], [0.0, 0.0]], atol=max(sx, sy) * 1.01)
    assert paint.points.labels.tolist() == [1, 0, 2]
    assert paint.canvas.points.data["x"].size == 3   # drawn too
    assert paint.status.text().startswith("3 points: A 1 · B 1 · C 1.")


def test_a_click_on_an_axis_paints_nothing(qtbot, paint):
    qtbot.mouseClick(paint.canvas.viewport, Qt.LeftButton, pos=QPoint(3, 3))
    assert len(paint.points) == 0


def test_the_right_button_and_the_eraser_take_the_nearest_point(qtbot, paint):
    paint_points(qtbot, paint, [(-0.5, -0.5, 0), (0.5, 0.5, 1), (0.55, 0.4, 0)])
    sx, _ = paint.canvas.pixel_size()
    click(qtbot, paint, 0.5 + 3 * sx, 0.5, Qt.RightButton)   # 3 px beside B's point
    assert paint.points.labels.tolist() == [0, 0] and len(paint.points) == 2
    click(qtbot, paint, 0.0, 0.9, Qt.RightButton)   # far from every point: nothing goes
    assert len(paint.points) == 2
    paint.tools.choose(ERASER)
    click(qtbot, paint, -0.5, -0.5)
    np.testing.assert_allclose(paint.points.xy, [[0.55, 0.4]], atol=0.02)


def test_a_drag_paints_along_its_way_and_is_one_change(qtbot, window, paint):
    canvas = paint.canvas
    start, end = canvas.viewport_pos(-0.8, 0.0), canvas.viewport_pos(0.8, 0.0)
    qtbot.mousePress(canvas.viewport, Qt.LeftButton, pos=start)
    for t in np.linspace(0, 1, 12)[1:]:
        qtbot.mouseMove(canvas.viewport, pos=start + (end - start) * float(t))
    qtbot.mouseRelease(canvas.viewport, Qt.LeftButton, pos=end)
    assert len(paint.points) >= 8   # one point every 10 pixels or so
    assert window.doc.undo_text is None   # not yet offered


def test_a_burst_of_painting_becomes_one_change_of_the_document(qtbot, window, paint):
    paint_points(qtbot, paint, quadrant_points(5))
    assert window.doc.dataset.name == "xor gate" and paint.pending   # 20 clicks, no rebuild yet
    qtbot.waitUntil(lambda: not paint.pending, timeout=COMMIT_DELAY_MS * 10)
    same_data(window.doc.dataset, paint.points.dataset())
    assert window.doc.undo_text == "data painted classes (20 points)" and paint.in_use
    assert "The network trains on these points." in paint.status.text()
    first = paint.points

    paint_points(qtbot, paint, [(0.0, 0.0, 2)])
    paint.canvas.sigLeft.emit()   # the mouse leaves the canvas (to press Train): at once
    assert window.doc.dataset.class_names == ["A", "B", "C"]
    window.undo()
    assert paint.points.xy.tolist() == first.xy.tolist() and paint.in_use   # the canvas follows Undo
    window.undo()
    assert window.doc.dataset.name == "xor gate" and not paint.in_use
    assert paint.use_button.isVisible() and "Not in use: the network trains on xor gate." in paint.status.text()
    paint.use_button.click()
    assert window.doc.dataset.source["kind"] == "painted"
    assert window.data_panel.source.currentText() == "Paint"


def test_showing_another_view_hands_the_points_over_first(qtbot, window, paint):
    paint_points(qtbot, paint, [(0.2, 0.2, 0), (-0.2, -0.2, 1)])
    assert paint.pending
    window.views.setCurrentIndex(0)   # the output map, by keyboard (the mouse never left the canvas)
    assert not paint.pending and window.doc.dataset.class_names == ["A", "B"]
    assert window.boundary.mode == "plane"


def test_too_few_points_or_one_class_are_not_offered_and_say_why(qtbot, window, paint, messages):
    paint_points(qtbot, paint, [(0.1, 0.1, 0)])
    paint.use_points()
    assert "Only class A so far: paint points of a second class to train." in paint.status.text()
    assert "Until then the network trains on xor gate." in paint.status.text()
    paint_points(qtbot, paint, [(0.3, 0.1, 0)])
    paint.use_points()
    assert window.doc.dataset.name == "xor gate" and not paint.use_button.isVisible()
    paint_points(qtbot, paint, [(-0.3, 0.1, 1)])
    paint.use_points()
    assert window.doc.dataset.name == "painted classes (3 points)"
    paint.tools.clear.click()
    paint.use_points()
    assert paint.status.text() == ("Paint points of at least 2 classes to train on them. "
                                   "Until then the network trains on painted classes (3 points).")
    paint.tools.mode_box.setCurrentIndex(1)   # numbers
    paint_points(qtbot, paint, [(0.2, 0.4, 0)])
    assert paint.status.text().startswith("1 point. Paint at least 2 points (x, y) to train on them.")
    assert messages.shown == []   # said in the tab, never in a box


def test_painted_quadrants_train_to_high_accuracy_behind_their_points(qtbot, window, paint):
    paint_points(qtbot, paint, quadrant_points(8))
    paint.use_points()
    doc = window.doc
    for _ in doc.session.run(400):   # in this process: what the training child does
        pass
    doc.trained()
    window._show_weights()
    assert doc.model.evaluate(doc.dataset.X, doc.dataset.Y)["accuracy"] >= 0.95
    picture = paint.canvas.backdrop.image
    assert picture is not None and picture.shape == (64, 64, 3)
    # the first quadrant is A's (the first class colour), the second B's: a blue and an orange tint
    assert picture[56, 56, 2] > picture[56, 56, 0] and picture[56, 8, 0] > picture[56, 8, 2]


def test_numbers_paint_a_regression_and_its_curve(qtbot, window, paint):
    paint.tools.mode_box.setCurrentIndex(1)
    assert not paint.tools.class_buttons[0].isVisible() and paint.tools.number_button.isChecked()
    for x in np.linspace(-0.9, 0.9, 7):
        click(qtbot, paint, x, 0.8 * x ** 2 - 0.3)
    paint.use_points()
    ds = window.doc.dataset
    assert ds.task == "regression" and ds.feature_names == ["x"] and ds.target_names == ["y"]
    np.testing.assert_allclose(ds.Y[:, 0], 0.8 * ds.X[:, 0] ** 2 - 0.3, atol=0.03)
    x, y = paint.canvas.curve.getData()
    assert x is not None and len(x) == 200


@pytest.mark.slow
def test_a_saved_model_reopens_with_its_painted_points(qtbot, make_window, tmp_path):
    w = make_window()
    w.data_panel.source.setCurrentIndex(3)
    paint_points(qtbot, w.paint, quadrant_points(3))
    w.paint.use_points()
    painted = w.doc.dataset
    path = str(tmp_path / "painted.bpnet")
    assert w.files.save_to(path)

    w2 = make_window()
    assert w2.files.open_model(path)
    same_data(w2.doc.dataset, painted)
    assert w2.data_panel.source.currentText() == "Paint"
    w2.views.setCurrentWidget(w2.paint)
    assert w2.paint.points.xy.tolist() == painted.X.tolist() and w2.paint.in_use


def test_save_csv_writes_what_load_csv_reads_back_as_the_same_data(qtbot, window, paint, tmp_path, monkeypatch):
    paint_points(qtbot, paint, quadrant_points(3) + [(0.0, 0.0, 4)])
    paint.use_points()
    path = tmp_path / "mine"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))
    paint.tools.save_csv.click()
    assert (tmp_path / "mine.csv").read_text().splitlines()[0] == "x1,x2,label"
    same_data(load_csv(tmp_path / "mine.csv"), window.doc.dataset)
    assert "Saved 13 points to mine.csv" in paint.status.text()


def test_start_from_the_current_data(qtbot, window, paint):
    paint.tools.from_data.click()
    assert paint.points.xy.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]] and paint.points.labels.tolist() == [0, 1, 1, 0]
    assert paint.status.text().startswith("Started from xor gate (classes 0 → A, 1 → B).")
    (x0, x1), (y0, y1) = paint.canvas.plot.vb.viewRange()
    assert x0 <= -1 and x1 > 1 and y1 > 1   # every point in sight
    window.data_panel.source.setCurrentIndex(0)
    window.data_panel.gate.setCurrentText("full_adder")
    window.views.setCurrentWidget(paint)
    paint.tools.from_data.click()
    assert "full_adder gate has 3 inputs" in paint.status.text()


@pytest.mark.slow
def test_a_painting_stops_at_its_cap(qtbot, window, paint):
    window._on_dataset(builtin_dataset("toy:circle", n_samples=MAX_POINTS + 500))
    window.views.setCurrentWidget(paint)
    paint.tools.from_data.click()
    assert len(paint.points) == MAX_POINTS
    click(qtbot, paint, 0.1, 0.1)
    assert len(paint.points) == MAX_POINTS
    assert "2,000 points are the most a painting holds" in paint.status.text()


@pytest.mark.slow
def test_painting_more_while_training_stops_the_run_once_and_keeps_the_network(qtbot, window, paint, messages):
    paint_points(qtbot, paint, quadrant_points(4))
    paint.use_points()
    window.training_panel.unlimited.setChecked(True)
    window.act_train.trigger()
    qtbot.waitUntil(lambda: window.controller.state == "running" and window.history.epochs > 20, timeout=15_000)
    network = window.model
    paint_points(qtbot, paint, [(0.9, 0.9, 0), (0.8, 0.9, 0), (-0.9, 0.8, 1)])
    assert window.controller.state == "running"   # painting itself does not stop it
    paint.canvas.sigLeft.emit()
    assert window.controller.state == "idle" and messages.shown == []
    assert window.model is network and window.history.epochs > 20   # same classes: it goes on learning
    assert window.doc.dataset.n_samples == 19
    assert "goes on training on it" in window.statusBar().currentMessage()
