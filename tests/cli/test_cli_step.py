"""`bpgui step`: one training step of a saved model, printed; and its refusals."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bpgui.cli import main
from bpgui.core.csv import load_csv
from bpgui.core.modelfile import load_model
from bpgui.core.training import Trainer
from bpgui.core.training_settings import TrainingSettings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def iris_model(tmp_path_factory):
    model = tmp_path_factory.mktemp("step") / "iris.bpnet"
    code = main(["train", str(SAMPLES / "iris.csv"), "--target", "species", "--layers", "3:tanh",
                 "--optimizer", "momentum", "--lr", "0.1", "--epochs", "5", "--dtype", "float64",
                 "--out", str(model), "--quiet"])
    assert code == 0
    return model


def test_step_prints_the_trace_of_normalised_rows(iris_model, capsys):
    code, out, err = run(capsys, "step", iris_model, SAMPLES / "iris.csv", "--row", 3, "--batch", 2)
    assert code == 0 and err == ""
    # The expected step, worked out here: rows 3 and 4 z-scored over the whole file
    # (no splits), the model's network, its optimizer (momentum, lr 0.1) from a fresh state.
    raw = load_csv(SAMPLES / "iris.csv", target="species")
    X = (raw.X[2:4] - raw.X.mean(axis=0)) / raw.X.std(axis=0)
    net = load_model(iris_model).network
    trace = Trainer(net, optimizer="sgd", lr=0.1, momentum=0.9).trace_step(X, raw.Y[2:4])
    assert "rows 3 to 4" in out and "normalised by the model (zscore)" in out
    assert f"loss (ce, mean over the batch): {trace.loss:.10g}" in out
    assert "delta = y_hat - y (softmax + cross-entropy)" in out
    assert "delta = (delta_next . W_next^T) * tanh'(z)" in out
    assert "momentum_buffer (weights)" in out and "rule: buf = momentum * buf" in out
    for stage in ("FORWARD", "BACKWARD", "UPDATE"):
        assert stage in out
    # Numbers as printed (8 decimals): the first normalised input, an output delta, a new weight.
    printed = _numbers_after(out, "a_prev = x")
    np.testing.assert_allclose(printed[:4], X[0], atol=1e-8)
    np.testing.assert_allclose(_numbers_after(out, "delta = y_hat - y")[:3], trace.layers[-1].delta[0], atol=1e-8)
    w_new = _numbers_after(out, "W_new", last=True)
    np.testing.assert_allclose(w_new[:3], trace.layers[-1].W_after[0], atol=1e-8)


def _numbers_after(text: str, label: str, last: bool = False) -> np.ndarray:
    """The numbers printed under the line starting with ``label`` (the last such line if ``last``)."""
    lines = text.splitlines()
    starts = [k for k, line in enumerate(lines) if line.strip().startswith(label)]
    k = starts[-1] if last else starts[0]
    values = []
    for line in lines[k + 1:]:
        if not line.strip().startswith("["):
            break
        values += [float(v) for v in line.replace("[", " ").replace("]", " ").split()]
    return np.array(values)


def test_step_does_not_change_the_model_file(iris_model, capsys):
    before = iris_model.read_bytes()
    assert run(capsys, "step", iris_model, SAMPLES / "iris.csv", "--row", 1)[0] == 0
    assert iris_model.read_bytes() == before


@pytest.mark.parametrize("args, message", [
    (["--row", "151"], "--row 151: "),
    (["--row", "150", "--batch", "2"], "needs rows up to 151"),
    (["--row", "1", "--batch", "9"], "--batch must be 1 to 8, got 9"),
    (["--row", "1", "--batch", "0"], "--batch: expected a whole number >= 1"),
    (["--row", "0"], "--row: expected a whole number >= 1"),
])
def test_bad_rows_and_batches_are_usage_errors(iris_model, capsys, args, message):
    with pytest.raises(SystemExit) as exc:
        main(["step", str(iris_model), str(SAMPLES / "iris.csv"), *args])
    out, err = capsys.readouterr()
    assert exc.value.code == 2 and message in err and len(err.strip().splitlines()) == 1 and out == ""


def test_a_missing_model_file_is_one_line(tmp_path, capsys):
    code, out, err = run(capsys, "step", tmp_path / "none.bpnet", SAMPLES / "iris.csv", "--row", 1)
    assert code == 1 and "none.bpnet" in err and len(err.strip().splitlines()) == 1 and out == ""


def test_a_model_that_does_not_fit_the_data_is_one_line(iris_model, capsys):
    code, out, err = run(capsys, "step", iris_model, SAMPLES / "xor.csv", "--row", 1)
    assert code == 1 and err.startswith("bpgui step: error:") and len(err.strip().splitlines()) == 1


def test_xlsx_writes_the_same_step_as_a_spreadsheet(iris_model, tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    sheet = tmp_path / "s.xlsx"
    code, out, err = run(capsys, "step", iris_model, SAMPLES / "iris.csv", "--row", 3, "--batch", 2, "--xlsx", sheet)
    assert code == 0 and "FORWARD" in out and str(sheet) in err
    model = load_model(iris_model)
    ds = load_csv(SAMPLES / "iris.csv", target="species")
    X, Y = model.encode_inputs(ds.X[2:4]), model.encode_targets(ds.Y[2:4])
    s = TrainingSettings.from_dict(model.training)
    trace = Trainer(model.network, optimizer=s.optimizer, lr=s.lr, shuffle=False, **s.hyperparameters).trace_step(X, Y)
    cells = [c.value for row in openpyxl.load_workbook(sheet, data_only=True).active.iter_rows() for c in row]
    numbers = np.array([v for v in cells if isinstance(v, float)])
    for layer in trace.layers:   # the sheet's cached results hold the step's new weights
        for w in layer.W_after.ravel():
            assert np.abs(numbers - w).min() <= 1e-9 * max(1.0, abs(w))


def test_xlsx_into_a_missing_folder_is_one_line(iris_model, tmp_path, capsys):
    code, out, err = run(capsys, "step", iris_model, SAMPLES / "iris.csv", "--row", 1,
                         "--xlsx", tmp_path / "no" / "s.xlsx")
    assert code == 1 and err.startswith("bpgui step: error: --xlsx") and len(err.strip().splitlines()) == 1


def test_a_regression_models_targets_are_normalised_too(tmp_path, capsys):
    model = tmp_path / "sine.bpnet"
    assert main(["train", str(SAMPLES / "sine.csv"), "--epochs", "2", "--out", str(model), "--quiet"]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, "step", model, SAMPLES / "sine.csv", "--row", 5, "--optimizer", "sgd", "--lr", 0.1)
    raw = load_csv(SAMPLES / "sine.csv")
    y = (raw.Y[4] - raw.Y.mean(axis=0)) / raw.Y.std(axis=0)
    assert code == 0 and "targets normalised too, as in training (zscore)" in out
    np.testing.assert_allclose(_numbers_after(out, "y (target)"), y, atol=1e-7)
    assert "delta = y_hat - y (linear + squared error)" in out and "rule: W -= lr * g" in out
