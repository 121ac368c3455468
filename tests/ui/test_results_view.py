"""The Results view against the engine's numbers: the confusion matrix counted by
hand from Model.predict, row shares, the per-class figures, the sample table
(wrong only, largest errors, a chosen row), and the regression plots."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, Qt

from bpgui.core import Session, TrainingSettings, builtin_dataset, load_csv
from bpgui.core.results import class_results
from bpgui.ui.views.results_view import ResultsView
from bpgui.ui.views.sample_table_model import RIGHT_MARK, WRONG_MARK

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def session_for(dataset, epochs: int, **settings) -> Session:
    s = dataclasses.replace(TrainingSettings(), normalize="zscore", **settings)
    session = Session(dataset, s)
    list(session.run(epochs=epochs))
    return session


@pytest.fixture(scope="module")
def iris():
    """Iris with validation and test rows, trained too briefly to get every row right."""
    ds = load_csv(SAMPLES / "iris.csv")
    return ds, session_for(ds, epochs=15, val_split=0.2, test_split=0.2, hidden=[(4, "tanh")])


@pytest.fixture(scope="module")
def diabetes():
    ds = load_csv(SAMPLES / "diabetes.csv")
    return ds, session_for(ds, epochs=40, test_split=0.2, hidden=[(4, "tanh")])


def shown(qtbot, dataset, session, split: str | None = None, table: bool = False) -> ResultsView:
    """The view with ``session``'s network; ``table``: its Samples page shown (only the page
    shown is kept up to date)."""
    view = ResultsView()
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show()
    view.set_data(dataset, session)
    if split is not None:
        view.split.setCurrentIndex([k for k in ("train", "val", "test") if getattr(session, k) is not None].index(split))
    if table:
        view.pages.setCurrentWidget(view.samples)
    view.update_model(session.model, session.model.network.copy())
    view.pacer.run_now()
    return view


def by_hand(model, part) -> np.ndarray:
    truth = part.Y.argmax(axis=1)
    predicted = model.predict(part.X).argmax(axis=1)
    k = part.Y.shape[1]
    return np.array([[np.sum((truth == i) & (predicted == j)) for j in range(k)] for i in range(k)])


@pytest.mark.parametrize("split", ["train", "val", "test"])
def test_the_matrix_is_a_count_by_hand_of_model_predict_on_the_chosen_split(qtbot, iris, split):
    ds, session = iris
    view = shown(qtbot, ds, session, split)
    part = getattr(session, split)
    expected = by_hand(session.model, part)
    assert 0 < np.trace(expected) < expected.sum()       # some right, some wrong: the test can tell
    np.testing.assert_array_equal(view.matrix.values, expected)
    assert view.matrix.cell_text(1, 2) == str(expected[1, 2])
    assert view.matrix.class_names == ["setosa", "versicolor", "virginica"]
    assert view.split.currentText().startswith({"train": "training", "val": "validation", "test": "test"}[split])
    assert f"{np.trace(expected)} of {expected.sum()} right" in view.summary.text()


def test_the_figures_come_from_the_network_handed_to_the_view(qtbot, iris):
    """The window hands the views a copy the training snapshots write into, not model.network."""
    ds, session = iris
    view = shown(qtbot, ds, session, "train")
    net = session.model.network.copy()
    net.weights = [np.random.default_rng(3).normal(0, 2, W.shape) for W in net.weights]
    view.update_model(session.model, net)
    view.pacer.run_now()
    out = session.model.y_normalizer.inverse_transform(net.predict(session.model.encode_inputs(session.train.X)))
    truth, predicted = session.train.Y.argmax(axis=1), out.argmax(axis=1)
    expected = [[np.sum((truth == i) & (predicted == j)) for j in range(3)] for i in range(3)]
    assert not np.array_equal(expected, by_hand(session.model, session.train))
    np.testing.assert_array_equal(view.matrix.values, expected)


def test_the_splits_offered_are_those_that_exist(qtbot, iris):
    ds, _ = iris
    view = shown(qtbot, ds, session_for(ds, epochs=1, val_split=0.0, test_split=0.2))
    assert [view.split.itemText(k).split(" (")[0] for k in range(view.split.count())] == ["training", "test"]
    assert view.split.currentText() == "test (30 rows)"      # held-out rows first


def test_row_shares_sum_to_one_and_the_per_class_figures_are_the_engines(qtbot, iris):
    ds, session = iris
    view = shown(qtbot, ds, session, "train")
    view.shares.setChecked(True)
    counts = by_hand(session.model, session.train)
    np.testing.assert_allclose(view.matrix.values.sum(axis=1), 1.0)
    np.testing.assert_allclose(view.matrix.values, counts / counts.sum(axis=1, keepdims=True))
    assert view.matrix.cell_text(0, 0) == f"{counts[0, 0] / counts[0].sum():.2f}"
    res = class_results(session.model.predict(session.train.X), session.train.Y, ds.class_names)
    for r in range(3):
        for c, values in enumerate((res.precision, res.recall, res.f1)):
            assert view.metrics.figure(r, c) == ("–" if np.isnan(values[r]) else f"{values[r]:.3f}")
        assert view.metrics.figure(r, 3) == str(res.support[r])
    view.counts.setChecked(True)
    np.testing.assert_array_equal(view.matrix.values, counts)


def table_column(view, column: int) -> list[str]:
    model = view.samples.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_wrong_only_shows_exactly_the_misclassified_rows(qtbot, iris):
    ds, session = iris
    view = shown(qtbot, ds, session, "train", table=True)
    predicted = session.model.predict(session.train.X).argmax(axis=1)
    wrong = np.flatnonzero(predicted != session.train.Y.argmax(axis=1))
    assert 0 < len(wrong) < len(predicted)
    assert view.samples.model.rowCount() == len(predicted)
    view.samples.wrong_only.setChecked(True)
    assert sorted(view.samples.shown_samples()) == list(wrong)
    assert set(table_column(view, 4)) == {WRONG_MARK}
    names = np.array(ds.class_names)
    assert table_column(view, 2) == list(names[predicted[view.samples.shown_samples()]])
    view.samples.wrong_only.setChecked(False)
    assert view.samples.model.rowCount() == len(predicted)
    assert set(table_column(view, 4)) == {RIGHT_MARK, WRONG_MARK}


def test_clicking_a_cell_lists_its_rows(qtbot, iris):
    ds, session = iris
    view = shown(qtbot, ds, session, "train")
    truth = session.train.Y.argmax(axis=1)
    predicted = session.model.predict(session.train.X).argmax(axis=1)
    i, j = np.argwhere(by_hand(session.model, session.train) > 0)[-1]
    view.matrix.sigCellChosen.emit(int(i), int(j))
    assert sorted(view.samples.shown_samples()) == list(np.flatnonzero((truth == i) & (predicted == j)))
    assert view.pages.currentWidget() is view.samples
    view.samples.all_rows.click()
    assert view.samples.model.rowCount() == len(truth)


def test_sorting_by_confidence_and_choosing_a_row_emits_its_raw_features(qtbot, iris):
    ds, session = iris
    view = shown(qtbot, ds, session, "val", table=True)
    view.samples.view.sortByColumn(3, Qt.DescendingOrder)
    confidence = session.model.predict(session.val.X).max(axis=1)
    order = view.samples.shown_samples()
    assert np.all(np.diff(confidence[order]) <= 1e-12)
    with qtbot.waitSignal(view.sigSampleChosen) as blocker:
        view.samples.choose_row(2)
    np.testing.assert_array_equal(blocker.args[0], session.val.X[order[2]])


def test_the_chosen_row_stays_chosen_while_the_weights_change(qtbot, iris):
    ds, session = iris
    view = shown(qtbot, ds, session, "train", table=True)
    view.samples.view.sortByColumn(3, Qt.AscendingOrder)
    view.samples.choose_row(5)
    sample = view.samples.shown_samples()[5]
    chosen = []
    view.sigSampleChosen.connect(chosen.append)
    net = session.model.network.copy()
    rng = np.random.default_rng(1)
    places = set()
    for _ in range(3):     # other weights re-sort the rows under the selection: no new choice
        net.weights = [W + rng.normal(0, 0.5, W.shape) for W in net.weights]
        view.update_model(session.model, net)
        view.pacer.run_now()
        current = view.samples.view.currentIndex().row()
        assert view.samples.shown_samples()[current] == sample
        assert view.samples.view.selectionModel().isRowSelected(current)
        places.add(current)
    assert places - {5} and chosen == []      # it moved, and was followed


def test_each_of_several_independent_outputs_is_a_two_class_matrix(qtbot):
    ds = builtin_dataset("gate:half_adder")
    session = session_for(ds, epochs=30, val_split=0.0, hidden=[(4, "tanh")])
    view = shown(qtbot, ds, session)
    assert view.output.isVisibleTo(view) and view.output.count() == 2
    out = session.model.predict(ds.X)
    for j in (0, 1):
        view.output.setCurrentIndex(j)
        truth, predicted = ds.Y[:, j] >= 0.5, out[:, j] >= 0.5
        expected = [[np.sum(~truth & ~predicted), np.sum(~truth & predicted)],
                    [np.sum(truth & ~predicted), np.sum(truth & predicted)]]
        np.testing.assert_array_equal(view.matrix.values, expected)
        assert view.matrix.class_names == ["0", "1"]
        assert view.matrix.plot.getAxis("left").labelText == f"true {ds.target_names[j]}"


def test_regression_points_are_predicted_against_actual(qtbot, diabetes):
    ds, session = diabetes
    view = shown(qtbot, ds, session)
    assert view.figures.currentWidget() is view.regression and view.pages.tabText(0) == "Plots"
    assert not view.samples.wrong_only.isVisibleTo(view)
    predicted = session.model.predict(session.test.X)[:, 0]
    actual = session.test.Y[:, 0]
    x, y = view.regression.scatter.getData()
    np.testing.assert_allclose(x, predicted)
    np.testing.assert_allclose(y, actual)
    rx, ry = view.regression.residuals.getData()
    np.testing.assert_allclose(rx, predicted)
    np.testing.assert_allclose(ry, actual - predicted)
    dx, dy = view.regression.diagonal.getData()
    np.testing.assert_array_equal(dx, dy)                  # y = x
    assert dx[0] <= min(x.min(), y.min()) and dx[-1] >= max(x.max(), y.max())
    assert "R²" in view.summary.text()


def test_largest_errors_first(qtbot, diabetes):
    ds, session = diabetes
    view = shown(qtbot, ds, session, table=True)
    view.samples.largest.click()
    error = np.abs(session.model.predict(session.test.X)[:, 0] - session.test.Y[:, 0])
    order = view.samples.shown_samples()
    assert sorted(order) == list(range(len(error)))
    assert np.all(np.diff(error[order]) <= 1e-9)
    assert float(table_column(view, 3)[0]) == pytest.approx(
        (session.model.predict(session.test.X)[:, 0] - session.test.Y[:, 0])[order[0]], rel=1e-3)


def test_no_data_and_a_network_that_does_not_fit(qtbot, iris):
    ds, session = iris
    view = shown(qtbot, ds, session)
    view.set_data(None, None)
    assert view.split.count() == 0 and view.samples.model.rowCount() == 0
    assert view.matrix.values is None and view.metrics.rowCount() == 0 and view.summary.text() == "No data."
    view.set_data(ds, session)
    other = builtin_dataset("gate:xor")
    view.update_model(session_for(other, epochs=1, val_split=0.0).model, None)
    view.pacer.run_now()
    assert "does not fit" in view.summary.text()


def test_the_window_shows_results_of_its_own_training(window, train_to_end, qtbot):
    w = window
    assert w.data_panel.load_csv_file(str(SAMPLES / "iris.csv"))
    w.data_panel.test_split.setValue(0.2)
    w.training_panel.epochs.setValue(20)
    train_to_end(w)
    w.views.setCurrentWidget(w.results_view)
    QCoreApplication.processEvents()
    test = w.session.test
    np.testing.assert_array_equal(w.results_view.matrix.values, by_hand(w.model, test))
    assert w.results_view.split.currentText() == "test (30 rows)"
    chosen = []
    w.views.sigSampleChosen.connect(chosen.append)    # the window passes it on to views.show_sample
    w.results_view.pages.setCurrentWidget(w.results_view.samples)
    w.results_view.samples.choose_row(0)
    assert len(chosen) == 1
    np.testing.assert_array_equal(chosen[0], test.X[w.results_view.samples.shown_samples()[0]])


def test_the_page_not_shown_catches_up_when_it_is_shown(qtbot, iris):
    """Only the page shown follows the training; the other is brought up to date on showing it."""
    ds, session = iris
    view = shown(qtbot, ds, session, "train")
    net = session.model.network.copy()
    net.weights = [np.random.default_rng(5).normal(0, 2, W.shape) for W in net.weights]
    view.update_model(session.model, net)
    view.pacer.run_now()
    view.pages.setCurrentWidget(view.samples)
    out = session.model.y_normalizer.inverse_transform(net.predict(session.model.encode_inputs(session.train.X)))
    names = np.array(ds.class_names)
    assert table_column(view, 2) == list(names[out.argmax(axis=1)[view.samples.shown_samples()]])
