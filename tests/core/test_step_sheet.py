"""A training step as a spreadsheet: the workbook's formulas, evaluated by the
`formulas` library (a spreadsheet calculator in Python), equal the engine's
numbers to 1e-9, and a changed weight recomputes the whole pass."""
from __future__ import annotations

import numpy as np
import pytest

from bpgui.core import ACTIVATIONS, OPTIMIZERS, Network, Trainer
from bpgui.core.activations import get_activation
from bpgui.core.step_sheet import write_step_sheet
from bpgui.core.step_sheet_formulas import SHEET_ACTIVATIONS

formulas = pytest.importorskip("formulas")
openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("xlsxwriter")

TOL = 1e-9
# XlsxWriter warns of what Excel would refuse (a defined name that reads as a cell...).
pytestmark = pytest.mark.filterwarnings("error::UserWarning")


class EvaluatedSheet:
    """The workbook at ``path`` calculated by `formulas`; blocks found by their titles."""

    def __init__(self, path) -> None:
        self.path = path
        self.model = formulas.ExcelModel().loads(str(path)).finish()
        self.solution = self.model.calculate()
        self.ws = openpyxl.load_workbook(path)["Step"]
        self.titles = {row[0].value: row[0].row for row in self.ws.iter_rows(max_col=1) if row[0].value}

    def _key(self, ref: str) -> str:
        return f"'[{self.path.name}]STEP'!{ref}"

    def value(self, ref: str) -> float:
        return float(np.asarray(self.solution[self._key(ref)].value).ravel()[0])

    def refs(self, title_start: str, rows: int, cols: int) -> list[list[str]]:
        """Cell references of the block whose title starts with ``title_start``."""
        found = [row for title, row in self.titles.items() if title.startswith(title_start)]
        assert len(found) == 1, f"{title_start!r}: {len(found)} blocks"
        first = found[0] + 2   # under the title and the header row
        return [[f"{openpyxl.utils.get_column_letter(2 + j)}{first + i}" for j in range(cols)] for i in range(rows)]

    def block(self, title_start: str, rows: int, cols: int) -> np.ndarray:
        return np.array([[self.value(r) for r in row] for row in self.refs(title_start, rows, cols)])

    def recalculate(self, changes: dict[str, float]) -> None:
        self.solution = self.model.calculate(inputs={self._key(ref): v for ref, v in changes.items()})

    def loss(self) -> float:
        row = self.titles["loss"]
        return self.value(f"B{row}")


def _network(layers, loss, seed=3):
    net = Network(3, layers, loss=loss, dtype="float64", seed=seed)
    rng = np.random.default_rng(seed)
    for b in net.biases:   # biases start at zero: make them count
        b[...] = rng.normal(0, 0.3, b.shape)
    return net


def _data(net, n, seed=5):
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n, net.n_inputs))
    if net.loss_name == "ce":
        Y = np.eye(net.n_outputs)[rng.integers(0, net.n_outputs, n)]
    elif net.loss_name == "bce":
        Y = rng.integers(0, 2, (n, net.n_outputs)).astype(float)
    else:
        Y = rng.normal(0, 1, (n, net.n_outputs))
    return X, Y


def _engine_step(net, X, Y, optimizer, lr, hp):
    """The engine's numbers: layer outputs, z, per-sample deltas, gradients, loss, new weights."""
    outs = net.layer_outputs(X)
    inputs = [X] + outs[:-1]
    zs = [a @ W + b for a, W, b in zip(inputs, net.weights, net.biases)]
    deltas = [net.output_delta(X, Y)]
    for l in range(net.n_layers - 2, -1, -1):
        g = deltas[0] @ net.weights[l + 1].T
        deltas.insert(0, get_activation(net.activation_names[l]).backward(zs[l], outs[l], g))
    dW, db = net.gradients(X, Y)
    after = net.copy()
    Trainer(after, optimizer, lr=lr, batch_size=None, shuffle=False, **hp).epoch(X, Y)
    return dict(z=zs, a=outs, delta=deltas, dW=dW, db=db, loss=net.loss(X, Y),
                W_new=after.weights, b_new=after.biases)


CASES = {
    # name: (layers, loss, optimizer, hyperparameters, rows)
    "tanh-sigmoid-bce-sgd-1": ([(4, "tanh"), (1, "sigmoid")], "bce", "sgd", {}, 1),
    "relu-softmax-ce-momentum-4": ([(5, "relu"), (3, "softmax")], "ce", "momentum", {}, 4),
    "tanh-linear-mse-adam-4": ([(4, "tanh"), (2, "linear")], "mse", "adam", {}, 4),
    "sigmoid-tanh-mse-nesterov-4": ([(3, "sigmoid"), (2, "tanh")], "mse", "nesterov", {}, 4),
    "leaky-softmax-mse-rmsprop-3": ([(4, "leaky_relu"), (3, "softmax")], "mse", "rmsprop",
                                    {"momentum": 0.5, "centered": True}, 3),
    "elu-gelu-softplus-mse-adagrad-2": ([(3, "elu"), (3, "gelu"), (2, "softplus")], "mse", "adagrad", {}, 2),
    "swish-sigmoid-bce-adadelta-4": ([(4, "swish"), (2, "sigmoid")], "bce", "adadelta", {}, 4),
    "relu-sigmoid-mse-sgd-momentum-4": ([(4, "relu"), (1, "sigmoid")], "mse", "sgd", {"momentum": 0.9}, 4),
    "rmsprop-plain-1": ([(3, "tanh"), (1, "linear")], "mse", "rmsprop", {}, 1),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_every_formula_equals_the_engine(case, tmp_path):
    layers, loss, optimizer, hp, rows = CASES[case]
    net = _network(layers, loss)
    X, Y = _data(net, rows)
    lr = 0.1
    path = write_step_sheet(net, X, Y, tmp_path / "step.xlsx", optimizer=optimizer, lr=lr, **hp)
    sheet = EvaluatedSheet(path)
    want = _engine_step(net, X, Y, optimizer, lr, hp)
    n_out = net.n_outputs
    # The calculator reads numbers to 15 digits, as Excel does (the file holds all 17).
    np.testing.assert_allclose(sheet.block("Inputs a0", rows, 3), X, rtol=1e-14, atol=0)
    for l, units in enumerate(net.sizes[1:], start=1):
        fan_in = net.sizes[l - 1]
        np.testing.assert_allclose(sheet.block(f"Layer {l}: z{l} =", rows, units), want["z"][l - 1], atol=TOL)
        np.testing.assert_allclose(sheet.block(f"Layer {l}: a{l} =", rows, units), want["a"][l - 1], atol=TOL)
        np.testing.assert_allclose(_delta_block(sheet, l, rows, units), want["delta"][l - 1], atol=TOL)
        grads = sheet.block(f"Layer {l}: gradients", fan_in + 1, units)
        np.testing.assert_allclose(grads[:-1], want["dW"][l - 1], atol=TOL)
        np.testing.assert_allclose(grads[-1], want["db"][l - 1], atol=TOL)
        new = sheet.block(f"Layer {l}: new W{l}", fan_in + 1, units)
        np.testing.assert_allclose(new[:-1], want["W_new"][l - 1], atol=TOL)
        np.testing.assert_allclose(new[-1], want["b_new"][l - 1], atol=TOL)
    assert sheet.loss() == pytest.approx(want["loss"], abs=TOL)
    assert n_out == sheet.block("Targets y", rows, n_out).shape[1]


def _delta_block(sheet, l, rows, units):
    """Layer l's per-sample delta: the output's may be titled 'output delta'."""
    title = next(t for t in sheet.titles if t.startswith(f"Layer {l}: ") and "delta d" in t)
    return sheet.block(title, rows, units)
