"""PyTorch export: the module's model() computes Model.predict, its network() the
network, its --check reproduces the reference (and notices an altered sidecar), its
CSV reader reads what bpgui reads, and bad paths get one clear message."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from torch_export_cases import KINDS, csv_of, load_module, trained_model

from bpgui.core import modelfile, torch_export
from bpgui.core.activations import ACTIVATIONS
from bpgui.core.csv import load_csv
from bpgui.core.dataset import Dataset
from bpgui.core.model import Model
from bpgui.core.modelfile import load_model
from bpgui.core.network import Network
from bpgui.core.torch_export import TORCH_ACTIVATIONS, export_torch

torch = pytest.importorskip("torch")

RAW_MEAN, RAW_STD = 50.0, 10.0


def make_model(hidden: str, dtype: str, task: str = "regression", fill: bool = False) -> Model:
    """A model on raw data far from the origin (normalisation matters), with
    non-zero biases so every activation sees both signs; regression targets are
    z-scored too."""
    rng = np.random.default_rng(3)
    out = {"regression": (2, "linear", "mse"), "binary": (1, "sigmoid", "bce"),
           "multiclass": (3, "softmax", "ce")}[task]
    net = Network(3, [(6, hidden), (out[0], out[1])], loss=out[2], dtype=dtype, init="he", seed=1)
    net.biases = [rng.normal(0, 0.5, b.shape) for b in net.biases]
    X = rng.normal(RAW_MEAN, RAW_STD, (60, 3))
    Y = {"regression": rng.normal(10.0, 3.0, (60, 2)), "binary": (rng.random((60, 1)) > 0.5) * 1.0,
         "multiclass": np.eye(3)[rng.integers(0, 3, 60)]}[task]
    if fill:
        X[::7, 1] = np.nan
    classes = {"binary": ["no", "yes"], "multiclass": ["a", "b", "c"]}.get(task)
    ds = Dataset(X, Y, ["f0", "f1", "f2"], [f"t{i}" for i in range(Y.shape[1])], classes, task)
    return Model.for_dataset(net, ds, normalize="zscore", fill_missing=fill)


def run_check(path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(path), "--check"], capture_output=True, text=True, timeout=120)


def test_every_bpgui_activation_has_a_torch_form():
    assert set(TORCH_ACTIVATIONS) == set(ACTIVATIONS)


# float32: the network's rounding (~1e-7 of the normalised outputs) is scaled by the
# targets' spread (3 here), so raw outputs near zero need an absolute tolerance.
@pytest.mark.parametrize("dtype, rtol, atol", [("float64", 1e-9, 1e-12), ("float32", 1e-5, 1e-5)])
@pytest.mark.parametrize("hidden", sorted(set(ACTIVATIONS) - {"softmax"}))   # softmax: output layers only
def test_model_computes_what_predict_computes(tmp_path, hidden, dtype, rtol, atol):
    for task in ("regression", "binary", "multiclass"):
        model = make_model(hidden, dtype, task)
        module = load_module(export_torch(model, tmp_path / f"{task}.py")[0])
        X = np.random.default_rng(5).normal(RAW_MEAN, 1.5 * RAW_STD, (200, 3))
        with torch.no_grad():
            got = module.model()(torch.from_numpy(X)).numpy()
        assert got.dtype == np.float64
        np.testing.assert_allclose(got, model.predict(X), rtol=rtol, atol=atol)


def test_network_is_the_network_in_normalised_units_and_its_dtype(tmp_path):
    for dtype in ("float64", "float32"):
        model = make_model("tanh", dtype, "multiclass")
        module = load_module(export_torch(model, tmp_path / f"{dtype}.py")[0])
        net = module.network()
        assert isinstance(net[-1], torch.nn.Softmax) and net[0].weight.dtype == getattr(torch, dtype)
        Xn = model.encode_inputs(np.random.default_rng(2).normal(RAW_MEAN, RAW_STD, (20, 3))).astype(dtype)
        with torch.no_grad():
            got = net(torch.from_numpy(Xn)).numpy()
        np.testing.assert_allclose(got, model.network.predict(Xn), rtol=1e-5 if dtype == "float32" else 1e-12)


def test_missing_inputs_take_the_training_means(tmp_path):
    model = make_model("relu", "float64", fill=True)
    module = load_module(export_torch(model, tmp_path / "m.py")[0])
    X = np.array([[50.0, np.nan, 45.0], [60.0, 40.0, np.nan]])
    with torch.no_grad():
        got = module.model()(torch.from_numpy(X)).numpy()
    np.testing.assert_allclose(got, model.predict(X), rtol=1e-9)
    assert np.isfinite(got).all()


def test_loss_fn_is_bpguis_loss(tmp_path):
    for task in ("regression", "binary", "multiclass"):
        model = make_model("tanh", "float64", task)
        module = load_module(export_torch(model, tmp_path / f"{task}.py")[0])
        rng = np.random.default_rng(0)
        X = model.encode_inputs(rng.normal(RAW_MEAN, RAW_STD, (30, 3)))
        Y = model.encode_targets({"regression": rng.normal(10, 3, (30, 2)), "binary": rng.random((30, 1)) > 0.5,
                                  "multiclass": np.eye(3)[rng.integers(0, 3, 30)]}[task])
        with torch.no_grad():
            got = module.loss_fn()(module.network()[:-1](torch.from_numpy(X)), torch.from_numpy(Y))
        assert float(got) == pytest.approx(model.network.loss(X, Y), rel=1e-12)


def test_the_files_written(tmp_path):
    model = make_model("tanh", "float64", "binary")
    paths = export_torch(model, tmp_path / "m.py", data=np.full((20, 3), 50.0))
    assert paths == [str(tmp_path / "m.py"), str(tmp_path / "m.npz"), str(tmp_path / "m.py.reference.json")]
    with np.load(paths[1], allow_pickle=False) as arrays:
        np.testing.assert_array_equal(arrays["W0"], model.network.weights[0])
    ref = json.loads(open(paths[2]).read())
    assert ref["rtol"] == 1e-9 and np.array_equal(ref["inputs"], np.full((16, 3), 50.0))
    # Self-contained: it runs where importing bpgui fails.
    code = ("import runpy, sys; sys.modules['bpgui'] = None; sys.argv = [sys.argv[1], '--check']; "
            "runpy.run_path(sys.argv[0], run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", code, paths[0]], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "check passed" in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_check_passes_and_notices_an_altered_sidecar(tmp_path, dtype):
    model = make_model("gelu", dtype, "regression")
    path, weights, _ = export_torch(model, tmp_path / "m.py")
    done = run_check(path)
    assert done.returncode == 0 and done.stdout.startswith("check passed: 16 rows"), done.stdout + done.stderr
    with np.load(weights, allow_pickle=False) as archive:
        arrays = {k: archive[k] for k in archive.files}
    arrays["W1"] = arrays["W1"] * (1 + 1e-4)
    np.savez(weights, **arrays)
    done = run_check(path)
    assert done.returncode == 1 and done.stdout.startswith("check failed:") and done.stdout.count("\n") == 1
    with open(weights, "r+b") as fh:   # damaged: no longer a zip archive
        fh.write(b"garbage!")
    done = run_check(path)
    assert done.returncode == 1 and done.stdout.startswith("check failed:") and done.stdout.count("\n") == 1
    os.remove(weights)
    done = run_check(path)
    assert done.returncode == 1 and done.stdout.startswith("check failed:") and "m.npz" in done.stdout


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_modules_csv_reader_reads_what_bpgui_reads(tmp_path, kind):
    model_path, ds = trained_model(kind, tmp_path)
    module = load_module(export_torch(load_model(model_path), tmp_path / "m.py")[0])
    X, Y = module.read_csv(str(csv_of(kind)))
    np.testing.assert_array_equal(X, ds.X)
    np.testing.assert_array_equal(Y, ds.Y)


def test_text_feature_columns_are_read_one_hot(tmp_path):
    csv = tmp_path / "c.csv"
    csv.write_text("x,color,y\n1.5,red,a\n2.5,blue,b\n0.5,red,b\n3,green,a\n")
    ds = load_csv(csv, one_hot_features=True)
    net = Network(ds.n_features, [(1, "sigmoid")], loss="bce", dtype="float64")
    module = load_module(export_torch(Model.for_dataset(net, ds), tmp_path / "m.py")[0])
    X, Y = module.read_csv(str(csv))
    np.testing.assert_array_equal(X, ds.X)
    np.testing.assert_array_equal(Y, ds.Y)


def test_bad_csv_gets_one_line_naming_line_and_column(tmp_path):
    model_path, _ = trained_model("regression", tmp_path)
    path = export_torch(load_model(model_path), tmp_path / "m.py")[0]
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n0.5,1\n0.7,oops\n")
    module = load_module(path)
    with pytest.raises(module.DataError, match=r"bad.csv line 3, column 'y': 'oops' is not a number"):
        module.read_csv(str(bad))
    bad.write_text("x,z\n0.5,1\n")
    with pytest.raises(module.DataError, match=r"no column 'y' \(the columns are x, z\)"):
        module.read_csv(str(bad))
    done = subprocess.run([sys.executable, str(path), "train", str(bad), "--epochs", "1"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "no column 'y'" in done.stderr
    for epochs in ("0", "-3", "ten"):   # a usage error, not the unchanged weights "saved"
        done = subprocess.run([sys.executable, str(path), "train", str(bad), "--epochs", epochs], capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 2 and "at least 1" in done.stderr and "saved" not in done.stdout, epochs


def test_bad_paths_get_one_clear_message(tmp_path):
    model = make_model("tanh", "float64")
    with pytest.raises(ValueError, match="is a folder"):
        export_torch(model, tmp_path)
    with pytest.raises(ValueError, match="ending in .py"):
        export_torch(model, tmp_path / "m.pt")
    with pytest.raises(ValueError, match="does not exist"):
        export_torch(model, tmp_path / "nowhere" / "m.py")
    (tmp_path / "file").write_text("")
    with pytest.raises(ValueError, match="does not exist"):   # a folder that is a file
        export_torch(model, tmp_path / "file" / "m.py")


def test_an_unwritable_folder_is_named(tmp_path, monkeypatch):
    """The operating system's refusal (imitated: the suite may run as root, who may write anywhere)."""
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(modelfile.os, "open", refuse)
    with pytest.raises(PermissionError, match=r"Permission denied: '.*m\.npz'"):
        export_torch(make_model("tanh", "float64"), tmp_path / "m.py")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_setting_the_module_does_not_know_is_named(tmp_path, monkeypatch):
    model = make_model("tanh", "float64")
    model.training = {"schedule": "step"}
    monkeypatch.setattr(torch_export, "TORCH_SCHEDULES", ("constant",))
    with pytest.raises(ValueError, match="the schedule 'step' has no PyTorch export yet"):
        export_torch(model, tmp_path / "m.py")
    assert not (tmp_path / "m.py").exists()


def test_missing_values_in_training_data_are_named(tmp_path):
    model_path, _ = trained_model("regression", tmp_path)
    module = load_module(export_torch(load_model(model_path), tmp_path / "m.py")[0])
    with pytest.raises(module.DataError, match=r"input 'x' is missing in data row 2 \(1 in all\)"):
        module.train((np.array([[0.1], [np.nan]]), np.array([[0.0], [1.0]])), 1)
    with pytest.raises(module.DataError, match=r"target 'y' is missing in data row 1"):
        module.train((np.array([[0.1], [0.2]]), np.array([[np.nan], [1.0]])), 1)
