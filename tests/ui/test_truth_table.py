"""The truth table of a logic gate against network.predict: outputs to 3
decimals, right/wrong marks, and its tab only for gates."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from bpgui.core import Session, TrainingSettings, builtin_dataset
from bpgui.ui.views.truth_table import RIGHT, WRONG, TruthTable

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def table_for(qtbot, gate: str, epochs: int):
    ds = builtin_dataset(f"gate:{gate}")
    session = Session(ds, dataclasses.replace(TrainingSettings(), val_split=0.0, hidden=[(4, "tanh")]))
    list(session.run(epochs=epochs))
    table = TruthTable()
    qtbot.addWidget(table)
    table.set_data(ds, session)
    net = session.model.network.copy()
    table.update_model(session.model, net)
    return ds, session, net, table


def cell(table, r, c) -> str:
    return table.table.item(r, c).text()


@pytest.mark.parametrize("gate, epochs", [("xor", 5), ("full_adder", 10), ("half_adder", 20)])
def test_outputs_are_network_predict_and_the_marks_are_right(qtbot, gate, epochs):
    ds, session, net, table = table_for(qtbot, gate, epochs)
    out = net.predict(session.model.encode_inputs(ds.X))
    n_in, n_out = ds.X.shape[1], ds.Y.shape[1]
    assert table.table.rowCount() == len(ds.X)
    assert table.table.columnCount() == n_in + 2 * n_out + 1
    right = ((out >= 0.5) == (ds.Y >= 0.5)).all(axis=1)
    for r in range(len(ds.X)):
        assert [cell(table, r, c) for c in range(n_in)] == [f"{v:g}" for v in ds.X[r]]
        assert [cell(table, r, n_in + j) for j in range(n_out)] == [f"{v:g}" for v in ds.Y[r]]
        assert [cell(table, r, n_in + n_out + j) for j in range(n_out)] == [f"{v:.3f}" for v in out[r]]
        assert table.mark(r) == (RIGHT if right[r] else WRONG)
    assert f"{right.sum()} of {len(right)} rows right" in table.summary.text()
    assert 0 < right.sum() < len(right)     # briefly trained: right and wrong rows, so the marks can differ


def test_the_table_follows_the_weights_it_is_given(qtbot):
    ds, session, net, table = table_for(qtbot, "and", 1)
    net.weights = [np.zeros_like(W) for W in net.weights]
    net.biases = [np.zeros_like(b) for b in net.biases]
    table.update_model(session.model, net)
    assert [cell(table, r, 3) for r in range(4)] == ["0.500"] * 4       # sigmoid(0)
    assert [table.mark(r) for r in range(4)] == [WRONG, WRONG, WRONG, RIGHT]   # 0.5 counts as 1


def test_a_row_clicked_sends_its_inputs(qtbot):
    ds, session, net, table = table_for(qtbot, "xor", 1)
    with qtbot.waitSignal(table.sigSampleChosen) as blocker:
        table.table.setCurrentCell(2, 0)
    np.testing.assert_array_equal(blocker.args[0], ds.X[2])


def test_the_tab_is_shown_for_gates_only(window):
    w = window
    index = w.views.indexOf(w.truth_table)
    assert w.dataset.source["kind"] == "gate" and w.views.isTabVisible(index)
    assert w.data_panel.load_csv_file(str(SAMPLES / "iris.csv"))
    assert not w.views.isTabVisible(index)
    assert not w.truth_table.applies_to(w.dataset)
    assert w.data_panel.load_csv_file(str(SAMPLES / "xor.csv"))     # xor as a CSV file is no gate
    assert not w.views.isTabVisible(index)
    w.data_panel.source.setCurrentIndex(0)
    assert w.dataset.source["kind"] == "gate" and w.views.isTabVisible(index)


def test_the_window_shows_the_trained_gate(window, train_to_end):
    w = window
    w.training_panel.epochs.setValue(300)
    train_to_end(w)
    w.views.setCurrentWidget(w.truth_table)
    out = w.model.predict(w.dataset.X)
    assert [cell(w.truth_table, r, 3) for r in range(4)] == [f"{v:.3f}" for v in out[:, 0]]
