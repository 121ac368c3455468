"""The sample table's model: NumPy sorting and filtering that Qt's own model
tester accepts, and persistent indexes (the view's selection) that follow
their samples while predictions change."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from bpgui.ui.views.sample_table_model import MAX_MOVES, SampleTableModel, _blocks


def random_classes(rng, n, k=3):
    truth = rng.integers(0, k, n)
    predicted = np.where(rng.random(n) < 0.6, truth, rng.integers(0, k, n))
    return truth, predicted, rng.random(n)


def test_rows_follow_the_filter_and_sort_through_many_updates(qtbot, qtlog):
    rng = np.random.default_rng(0)
    n = 60
    model = SampleTableModel()
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    model.set_samples(rng.normal(size=(n, 3)), ["a", "b", "c"], classes=True)
    model.set_classes(*random_classes(rng, n), ["x", "y", "z"])
    model.sort(3, Qt.DescendingOrder)
    model.set_filter("wrong")
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    for step in range(12):
        truth, predicted, confidence = random_classes(rng, n)
        if step % 2:      # few changes: rows removed and inserted one block at a time
            old = (model._truth, model._predicted, model._score)
            flip = rng.random(n) < 0.05
            truth, predicted = old[0], np.where(flip, rng.integers(0, 3, n), old[1])
            confidence = np.where(flip, rng.random(n), old[2])
        held = [QPersistentModelIndex(model.index(r, 1)) for r in range(0, model.rowCount(), 7)]
        samples = [model.sample_at(p.row()) for p in held]
        resets.clear()
        model.set_classes(truth, predicted, confidence, ["x", "y", "z"])
        wrong = np.flatnonzero(truth != predicted)
        expected = wrong[np.argsort(-confidence[wrong], kind="stable")]
        np.testing.assert_array_equal(model.samples(), expected)
        for p, s in zip(held, samples):     # a held row is its sample's, or gone with it
            assert (p.row() == model.row_of(s)) if (s in wrong and not resets) else not p.isValid()
    assert not [m for m in qtlog.records if "FAIL" in m.message]
    del tester


def test_blocks_of_consecutive_rows():
    assert _blocks(np.array([1, 2, 3, 7, 9, 10])) == [(1, 3), (7, 7), (9, 10)]
    assert _blocks(np.array([], dtype=int)) == []
    assert MAX_MOVES >= 8
