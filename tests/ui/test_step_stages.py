"""The step-through's stage contents (Qt-free), on the course's worked example:
the formula's plugged-in numbers and the tables are the trace's, checked by hand."""
from __future__ import annotations

import numpy as np

from bpgui.core.network import Network
from bpgui.core.training import Trainer
from bpgui.ui.views.step_stages import Stage, fmt, neuron_values, stage_formula, stage_table, stage_title, stages


def _worked_example():
    net = Network(3, [(2, "sigmoid"), (1, "sigmoid")], loss="mse", dtype="float64")
    net.weights = [np.array([[0.5, -0.6], [0.1, -0.2], [0.1, 0.7]]), np.array([[0.1], [-0.3]])]
    return Trainer(net, optimizer="sgd", lr=0.5).trace_step([[0.5, 0.1, -0.2]], [[0.6]])


def test_stages_go_forward_back_and_update():
    assert [(s.kind, s.layer) for s in stages(3)] == [
        ("forward", 0), ("forward", 1), ("forward", 2), ("backward", 2), ("backward", 1), ("backward", 0),
        ("update", 0), ("update", 1), ("update", 2)]
    trace = _worked_example()
    assert stage_title(trace, Stage("backward", 1)) == "Backward · layer 2 of 2 (output layer, 1 sigmoid)"


def test_forward_formula_plugs_in_the_weights():
    trace = _worked_example()
    text = stage_formula(trace, Stage("forward", 0), 1)   # z2 = 0.5*(-0.6) + 0.1*(-0.2) + (-0.2)*0.7 = -0.46
    assert "z = 0.5×(−0.6) + 0.1×(−0.2) + (−0.2)×0.7 + 0" in text and "= −0.46" in text
    assert "a = sigmoid(−0.46) = 0.386986" in text


def test_backward_formulas_give_the_hand_worked_deltas():
    trace = _worked_example()
    y = 0.48497343084992534
    d_out = (y - 0.6) * y * (1 - y)
    text = stage_formula(trace, Stage("backward", 1), 0)
    assert "chain rule" in text and f"= {fmt(d_out)}" in text and f"× {fmt(y * (1 - y))}" in text
    h1 = 0.55971365
    hidden = stage_formula(trace, Stage("backward", 0), 0)
    assert f"= {fmt(d_out * 0.1 * h1 * (1 - h1))}" in hidden
    table = stage_table(trace, Stage("backward", 0), 0, [1], ["x1", "x2", "x3"])
    assert table.rows == ["δ (row 1)", "db (mean δ)", "dW from x1", "dW from x2", "dW from x3"]
    np.testing.assert_allclose(table.values[2:, 0], np.array([0.5, 0.1, -0.2]) * d_out * 0.1 * h1 * (1 - h1))


def test_update_table_has_the_printed_changes():
    trace = _worked_example()
    table = stage_table(trace, Stage("update", 1), 0, [1])
    assert table.columns == ["before", "gradient", "step", "after"]
    assert table.rows == ["bias of unit 1", "W from unit 1", "W from unit 2"]
    np.testing.assert_allclose(table.values[1:, 2], [0.00804047, 0.00555918], atol=1e-8)
    np.testing.assert_allclose(table.values[1:, 3], [0.10804047, -0.29444082], atol=1e-8)
    assert "step = −lr × g = −0.5 ×" in stage_formula(trace, Stage("update", 1), 0)


def test_neuron_values_are_the_stages_layer():
    trace = _worked_example()
    forward = neuron_values(trace, Stage("forward", 0))
    np.testing.assert_allclose(forward[0], [0.5, 0.1, -0.2])
    np.testing.assert_allclose(forward[1], [0.55971365, 0.38698582], atol=1e-8)
    np.testing.assert_array_equal(neuron_values(trace, Stage("backward", 1))[2], trace.layers[1].delta[0])
