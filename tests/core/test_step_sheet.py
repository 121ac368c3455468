"""A training step as a spreadsheet: the workbook's formulas, evaluated by the
`formulas` library (a spreadsheet calculator in Python), equal the engine's
numbers to 1e-9, and a changed weight recomputes the whole pass."""
from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from bpgui.core import ACTIVATIONS, OPTIMIZERS, Network, Trainer
from bpgui.core.activations import get_activation
from bpgui.core.step_sheet import write_step_sheet
from bpgui.core.step_sheet_formulas import SHEET_ACTIVATIONS

formulas = pytest.importorskip("formulas")
openpyxl = pytest.importorskip("openpyxl")
import xlsxwriter  # noqa: E402,F401  (a dependency: the suite must not skip without it)

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
        row = self.titles["loss = sum of the terms / n"]
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
    np.testing.assert_allclose(sheet.block("Targets y", rows, n_out), Y, rtol=1e-14, atol=1e-300)


def _delta_block(sheet, l, rows, units):
    """Layer l's per-sample delta: the output's may be titled 'output delta'."""
    title = next(t for t in sheet.titles if t.startswith(f"Layer {l}: ") and "delta d" in t)
    return sheet.block(title, rows, units)


def _worked_example():
    # The classic worked example: 3-2-1 sigmoid, no biases, x = [0.5, 0.1, -0.2], target 0.6.
    net = Network(3, [(2, "sigmoid"), (1, "sigmoid")], loss="mse", dtype="float64")
    net.weights = [np.array([[0.5, -0.6], [0.1, -0.2], [0.1, 0.7]]), np.array([[0.1], [-0.3]])]
    net.biases = [np.zeros(2), np.zeros(1)]
    return net, np.array([[0.5, 0.1, -0.2]]), np.array([[0.6]])


def test_the_worked_example_shows_the_printed_changes(tmp_path):
    net, X, Y = _worked_example()
    sheet = EvaluatedSheet(write_step_sheet(net, X, Y, tmp_path / "worked.xlsx", lr=0.5))
    change = sheet.block("Layer 2: change of W2", 3, 1)
    np.testing.assert_allclose(change[:2, 0], [0.00804047, 0.00555918], atol=1e-8)
    assert change[2, 0] == pytest.approx(-0.5 * _engine_step(net, X, Y, "sgd", 0.5, {})["db"][1][0], abs=TOL)


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_changing_a_weight_cell_recomputes_the_whole_pass(optimizer, tmp_path):
    net, X, Y = _worked_example()
    X, Y = np.vstack([X, [[-0.3, 0.8, 0.2]]]), np.vstack([Y, [[0.1]]])
    sheet = EvaluatedSheet(write_step_sheet(net, X, Y, tmp_path / "step.xlsx", optimizer=optimizer, lr=0.5))
    w_cell = sheet.refs("Layer 1: weights W1", 4, 2)[0][1]   # W1[0, 1], from x1 to hidden unit 2
    x_cell = sheet.refs("Inputs a0", 2, 3)[1][2]
    sheet.recalculate({w_cell: 0.35, x_cell: -0.7})
    changed = net.copy()
    changed.weights[0][0, 1] = 0.35
    X[1, 2] = -0.7
    want = _engine_step(changed, X, Y, optimizer, 0.5, {})
    np.testing.assert_allclose(sheet.block("Layer 2: a2 =", 2, 1), changed.predict(X), atol=TOL)
    assert sheet.loss() == pytest.approx(want["loss"], abs=TOL)
    new = sheet.block("Layer 1: new W1", 4, 2)
    np.testing.assert_allclose(new[:-1], want["W_new"][0], atol=TOL)
    np.testing.assert_allclose(sheet.block("Layer 2: new W2", 3, 1)[:-1], want["W_new"][1], atol=TOL)
    assert not np.allclose(want["W_new"][0], _engine_step(net, X, Y, optimizer, 0.5, {})["W_new"][0])


def test_a_changed_setting_recomputes_the_update(tmp_path):
    net, X, Y = _worked_example()
    sheet = EvaluatedSheet(write_step_sheet(net, X, Y, tmp_path / "step.xlsx", optimizer="adam", lr=0.5))
    sheet.recalculate({f"B{sheet.titles['lr  (learning rate)']}": 0.01, f"B{sheet.titles['beta1  (betas[0])']}": 0.8})
    want = _engine_step(net, X, Y, "adam", 0.01, {"betas": (0.8, 0.999)})
    np.testing.assert_allclose(sheet.block("Layer 1: new W1", 4, 2)[:-1], want["W_new"][0], atol=TOL)


def test_stored_results_are_the_calculated_ones(tmp_path):
    """Viewers that do not recalculate show the cached results: they must be right."""
    net = _network([(4, "tanh"), (3, "softmax")], "ce")
    X, Y = _data(net, 4)
    path = write_step_sheet(net, X, Y, tmp_path / "step.xlsx", optimizer="adam", lr=0.01)
    sheet = EvaluatedSheet(path)
    formulas_ws = openpyxl.load_workbook(path)["Step"]
    cached = openpyxl.load_workbook(path, data_only=True)["Step"]
    checked = 0
    for row in formulas_ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                assert cached[cell.coordinate].value == pytest.approx(sheet.value(cell.coordinate), abs=TOL)
                checked += 1
    assert checked > 100


def test_the_sheet_is_labelled_by_layer(tmp_path):
    net = _network([(4, "relu"), (3, "softmax")], "ce")
    X, Y = _data(net, 2)
    path = write_step_sheet(net, X, Y, tmp_path / "step.xlsx", optimizer="momentum", lr=0.1)
    ws = openpyxl.load_workbook(path)["Step"]
    titles = [row[0].value for row in ws.iter_rows(max_col=1) if row[0].value]
    for expected in ("Inputs a0 = x", "Targets y", "Layer 1: weights W1 and bias b1 (last row)",
                     "Layer 1: z1 = a0 . W1 + b1", "Layer 1: a1 = relu(z1) = max(0, z)",
                     "Layer 2: z2 = a1 . W2 + b2", "Layer 2: a2 = softmax(z2) = e^z_j / sum_k e^z_k",
                     "loss = sum of the terms / n",
                     "Layer 1: dL/da1 = d2 . W2^T", "Layer 1: delta d1 = dL/da1 * f'(z1)",
                     "Layer 1: momentum buffer buf = g (torch starts it at the first gradient)",
                     "Layer 2: new W2 and b2: new = p - lr * buf", "sample 2", "from x3", "from unit 4", "bias"):
        assert expected in titles, expected
    assert any(t.startswith("Layer 2: output delta d2 = y_hat - y") for t in titles)
    assert any(t.startswith("Layer 1: gradients dW1 = a0^T . d1 / n") for t in titles)
    w_row = titles.index("Layer 1: weights W1 and bias b1 (last row)")
    assert [c.value for c in ws[_row_of(ws, "from x1")][1:5]] == pytest.approx(list(net.weights[0][0]))
    assert ws[f"B{_row_of(ws, 'Layer 1: z1 = a0 . W1 + b1') + 2}"].value.startswith("=MMULT(")
    assert w_row < titles.index("Layer 1: z1 = a0 . W1 + b1")


def _row_of(ws, label):
    return next(row[0].row for row in ws.iter_rows(max_col=1) if row[0].value == label)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_every_activation_has_a_spreadsheet_formula(name):
    assert name in SHEET_ACTIVATIONS


def test_a_float32_network_is_written_in_double_and_left_unchanged(tmp_path):
    net = Network(3, [(4, "tanh"), (1, "sigmoid")], loss="bce", seed=1)
    before = net.parameters.copy()
    X, Y = _data(net, 3)
    sheet = EvaluatedSheet(write_step_sheet(net, X, Y, tmp_path / "step.xlsx", optimizer="adam", lr=0.01))
    np.testing.assert_array_equal(net.parameters, before)
    net64 = Network(3, [(4, "tanh"), (1, "sigmoid")], loss="bce", dtype="float64")
    net64.weights, net64.biases = net.weights, net.biases
    np.testing.assert_allclose(sheet.block("Layer 2: a2 =", 3, 1), net64.predict(X), atol=TOL)


@pytest.mark.parametrize("layers, message", [
    ([(33, "tanh"), (1, "sigmoid")], "hidden layer 1 has 33 units; a step sheet lays out layers of at most 32"),
    ([(4, "tanh"), (40, "sigmoid")], "the output layer has 40 units"),
])
def test_a_too_wide_layer_is_refused(layers, message, tmp_path):
    net = Network(3, layers, loss="bce")
    with pytest.raises(ValueError, match=message):
        write_step_sheet(net, np.zeros((1, 3)), np.zeros((1, layers[-1][0])), tmp_path / "x.xlsx")
    wide = Network(50, [(2, "sigmoid")], loss="bce")
    with pytest.raises(ValueError, match="the input layer has 50 units"):
        write_step_sheet(wide, np.zeros((1, 50)), np.zeros((1, 2)), tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("kwargs, message", [
    ({"optimizer": "lbfgs"}, "unknown optimizer 'lbfgs'"),
    ({"optimizer": "adam", "momentum": 0.9}, "no hyperparameter 'momentum'"),
    ({"lr": -1}, "learning rate must be a finite number > 0"),
    ({"lr": "fast"}, "learning rate must be a number"),
    ({"l2": -0.1}, "l2 must be a finite number >= 0"),
])
def test_bad_settings_get_one_clear_message(kwargs, message, tmp_path):
    net, X, Y = _worked_example()
    with pytest.raises(ValueError, match=message):
        write_step_sheet(net, X, Y, tmp_path / "x.xlsx", **kwargs)


def test_bad_batches_get_one_clear_message(tmp_path):
    net, X, Y = _worked_example()
    with pytest.raises(ValueError, match="1 to 8 rows"):
        write_step_sheet(net, np.zeros((9, 3)), np.zeros((9, 1)), tmp_path / "x.xlsx")
    with pytest.raises(ValueError, match="X must be finite"):
        write_step_sheet(net, [[np.nan, 0, 0]], Y, tmp_path / "x.xlsx")
    with pytest.raises(ValueError, match=r"Y must have shape \(1, 1\)"):
        write_step_sheet(net, X, [[1, 2]], tmp_path / "x.xlsx")


def test_an_unwritable_path_is_one_os_error(tmp_path):
    net, X, Y = _worked_example()
    with pytest.raises(OSError, match="cannot write"):
        write_step_sheet(net, X, Y, tmp_path / "missing" / "x.xlsx")


def test_a_folder_for_a_file_is_refused_and_leaves_nothing_behind(tmp_path):
    net, X, Y = _worked_example()
    folder = tmp_path / "sheets"
    folder.mkdir()
    with pytest.raises(OSError, match="it is a folder"):
        write_step_sheet(net, X, Y, folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheets"]   # no sheets.part beside it


def test_without_xlsxwriter_the_message_says_what_to_install(monkeypatch, tmp_path):
    import sys
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)   # makes `import xlsxwriter` fail
    net, X, Y = _worked_example()
    with pytest.raises(ImportError, match="pip install XlsxWriter"):
        write_step_sheet(net, X, Y, tmp_path / "x.xlsx")


def test_every_optimizer_of_the_engine_has_a_sheet_rule(tmp_path):
    net, X, Y = _worked_example()
    for name in OPTIMIZERS:
        write_step_sheet(net, X, Y, tmp_path / f"{name}.xlsx", optimizer=name)


_RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_recalculates_an_edited_sheet_as_the_engine(tmp_path):
    """A real office program, where one is installed: a weight edited in the file (which drops
    every cached result) and the sheet recalculated on load by headless LibreOffice."""
    net, X, Y = _worked_example()
    X, Y = np.vstack([X, [[-0.3, 0.8, 0.2]]]), np.vstack([Y, [[0.1]]])
    path = write_step_sheet(net, X, Y, tmp_path / "step.xlsx", optimizer="adam", lr=0.5)
    book = openpyxl.load_workbook(path)
    book["Step"].cell(_row_of(book["Step"], "from x1"), 3).value = 0.35   # W1[0, 1]
    book.save(tmp_path / "edited.xlsx")
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALCULATE_ON_LOAD)
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(tmp_path / "out"), str(tmp_path / "edited.xlsx")],
                   check=True, capture_output=True, timeout=120)
    ws = openpyxl.load_workbook(tmp_path / "out" / "edited.xlsx", data_only=True)["Step"]

    def block(title_start, rows, cols):
        first = next(r[0].row for r in ws.iter_rows(max_col=1) if str(r[0].value).startswith(title_start)) + 2
        return np.array([[ws.cell(first + i, 2 + j).value for j in range(cols)] for i in range(rows)], dtype=float)

    changed = net.copy()
    changed.weights[0][0, 1] = 0.35
    want = _engine_step(changed, X, Y, "adam", 0.5, {})
    np.testing.assert_allclose(block("Layer 2: a2 =", 2, 1), changed.predict(X), atol=TOL)
    np.testing.assert_allclose(block("Layer 1: new W1", 4, 2)[:-1], want["W_new"][0], atol=TOL)
    np.testing.assert_allclose(block("Layer 2: new W2", 3, 1)[:-1], want["W_new"][1], atol=TOL)
    assert ws.cell(_row_of(ws, "loss = sum of the terms / n"), 2).value == pytest.approx(want["loss"], abs=TOL)


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_the_call_for_a_trainer_shows_its_next_step(optimizer, tmp_path):
    """The call the window and `bpgui step --xlsx` make for a fresh trainer, penalties included:
    the sheet's new weights are the ones the trainer's own step then gives."""
    net = _network([(4, "tanh"), (2, "sigmoid")], "bce")
    X, Y = _data(net, 4)
    trainer = Trainer(net, optimizer, lr=0.05, batch_size=None, shuffle=False, l1=0.01, l2=0.1)
    path = write_step_sheet(trainer.net, X, Y, tmp_path / "step.xlsx", optimizer=trainer.optimizer,
                            lr=trainer.current_lr, l1=trainer.l1, l2=trainer.l2)
    sheet = EvaluatedSheet(path)
    dW, _ = net.gradients(X, Y)
    grads = sheet.block("Layer 1: gradients", 4, 4)
    np.testing.assert_allclose(grads[:-1], dW[0] + 0.01 * np.sign(net.weights[0]) + 0.1 * net.weights[0], atol=TOL)
    trainer.epoch(X, Y)
    for l in (1, 2):
        new = sheet.block(f"Layer {l}: new W{l}", net.sizes[l - 1] + 1, net.sizes[l])
        np.testing.assert_allclose(new[:-1], net.weights[l - 1], atol=TOL)
        np.testing.assert_allclose(new[-1], net.biases[l - 1], atol=TOL)


def test_a_saturated_output_stores_an_error_not_an_infinity(tmp_path):
    """sigmoid(40) is 1.0 in double precision, so ln(1 - y_hat) is ln 0: the sheet stores the
    error a spreadsheet shows there, and the rest of the step stays numbers."""
    net = Network(1, [(1, "sigmoid")], loss="bce", dtype="float64")
    net.weights, net.biases = [np.array([[40.0]])], [np.zeros(1)]
    path = write_step_sheet(net, [[1.0]], [[0.0]], tmp_path / "step.xlsx")
    ws = openpyxl.load_workbook(path, data_only=True)["Step"]
    terms_row = next(r[0].row for r in ws.iter_rows(max_col=1) if str(r[0].value).startswith("Loss terms")) + 2
    assert ws.cell(terms_row, 2).value == "#NUM!"
    assert ws.cell(_row_of(ws, "loss = sum of the terms / n"), 2).value == "#NUM!"
    new_row = next(r[0].row for r in ws.iter_rows(max_col=1) if str(r[0].value).startswith("Layer 1: new W1")) + 2
    assert ws.cell(new_row, 2).value == pytest.approx(40.0 - 0.01 * 1.0)


STATEFUL = {
    # optimizer, hyperparameters: every buffer the engine keeps
    "momentum-dampening": ("sgd", {"momentum": 0.8, "dampening": 0.3}),
    "nesterov": ("nesterov", {}),
    "adam": ("adam", {"betas": (0.8, 0.95)}),
    "adam-amsgrad": ("adam", {"amsgrad": True}),
    "adagrad-decay": ("adagrad", {"lr_decay": 0.1, "initial_accumulator_value": 0.2}),
    "adadelta": ("adadelta", {}),
    "rmsprop-centered-momentum": ("rmsprop", {"centered": True, "momentum": 0.6}),
}


@pytest.mark.parametrize("case", STATEFUL, ids=list(STATEFUL))
def test_an_optimizer_under_way_shows_its_next_step_and_state(case, tmp_path):
    """A trainer three steps into a run: the sheet of ``trainer.optimizer`` (step count and
    buffers as value cells) gives the trainer's own next weights and its buffers after it."""
    optimizer, hp = STATEFUL[case]
    net = _network([(4, "tanh"), (2, "sigmoid")], "bce")
    X, Y = _data(net, 4)
    trainer = Trainer(net, optimizer, lr=0.05, batch_size=None, shuffle=False, l2=0.01, **hp)
    for seed in (1, 2, 3):
        trainer.epoch(*_data(net, 6, seed=seed))
    t_before = trainer.optimizer.t
    path = write_step_sheet(net, X, Y, tmp_path / "step.xlsx", optimizer=trainer.optimizer,
                            lr=trainer.current_lr, l2=trainer.l2)
    assert trainer.optimizer.t == t_before
    sheet = EvaluatedSheet(path)
    trainer.epoch(X, Y)
    from bpgui.core.network import parameter_views
    state_titles = {"momentum_buffer": "momentum buffer buf =", "exp_avg": "first moment m =",
                    "exp_avg_sq": "second moment v =", "max_exp_avg_sq": "largest v so far v_max =",
                    "sum": "sum =", "square_avg": "square average v =", "acc_delta": "step average u =",
                    "grad_avg": "gradient average g_avg ="}
    for l in (1, 2):
        rows, cols = net.sizes[l - 1] + 1, net.sizes[l]
        new = sheet.block(f"Layer {l}: new W{l}", rows, cols)
        np.testing.assert_allclose(new[:-1], net.weights[l - 1], atol=TOL)
        np.testing.assert_allclose(new[-1], net.biases[l - 1], atol=TOL)
        for name, buffer in trainer.optimizer.state.items():
            if name != "scratch":
                after = parameter_views(buffer, net.sizes)[0][l - 1]
                np.testing.assert_allclose(sheet.block(f"Layer {l}: {state_titles[name]}", rows, cols), after,
                                           atol=TOL, err_msg=name)


def test_an_optimizer_with_hyperparameters_besides_is_refused(tmp_path):
    net, X, Y = _worked_example()
    trainer = Trainer(net, "adam")
    with pytest.raises(ValueError, match="give hyperparameters with an optimizer's name"):
        write_step_sheet(net, X, Y, tmp_path / "x.xlsx", optimizer=trainer.optimizer, eps=1e-6)
    other = Trainer(Network(2, [(1, "sigmoid")], loss="bce"), "adam")
    other.epoch([[0, 1]], [[1]])
    with pytest.raises(ValueError, match="the optimizer's 'exp_avg' holds 3 values; the network has 11"):
        write_step_sheet(net, X, Y, tmp_path / "x.xlsx", optimizer=other.optimizer)
