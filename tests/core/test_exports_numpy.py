"""The NumPy export: a standalone module whose predict repeats Model.predict, and its --check."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import numpy as np
import pytest

from bpgui.core.numpy_export import export_numpy, sidecar_path

from export_models import DTYPES, KINDS, data_of, make_model


def _load(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _check(path):
    return subprocess.run([sys.executable, str(path), "--check"], capture_output=True, text=True)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("kind", KINDS)
def test_the_module_predicts_what_bpgui_predicts(tmp_path, kind, dtype):
    model = make_model(kind, dtype)
    path = tmp_path / f"{kind}.py"
    files = export_numpy(model, path)
    assert files == [str(path), f"{path}.reference.json"]
    done = _check(path)
    rtol = "1e-09" if dtype == "float64" else "1e-05"
    assert (done.returncode, done.stdout) == (0, f"check passed: 16 rows agree within {rtol}\n"), done.stderr
    module = _load(path)
    X = data_of(kind)
    # The same operations in the same order: equal to the last bit, in either dtype.
    np.testing.assert_array_equal(module.predict(X), model.predict(X))
    np.testing.assert_array_equal(module.predict(X[0]), model.predict(X[:1]))
    if model.class_names:
        assert module.predict_labels(X) == list(model.predict_labels(X))
    else:
        with pytest.raises(ValueError, match="numbers, not named classes"):
            module.predict_labels(X)


def test_the_check_fails_when_an_output_or_a_weight_is_altered(tmp_path):
    path = tmp_path / "net.py"
    export_numpy(make_model("regression", "float64"), path)
    reference = tmp_path / "net.py.reference.json"
    record = json.loads(reference.read_text())
    record["outputs"][3][1] *= 1 + 1e-7       # far inside float32's noise, far outside 1e-9
    reference.write_text(json.dumps(record))
    done = _check(path)
    assert done.returncode == 1
    assert done.stdout.startswith("check failed: 1 of 32 outputs differ; the first at row 4, output 2:")
    export_numpy(make_model("regression", "float64"), path)
    assert _check(path).returncode == 0
    source = path.read_text()
    weight = source.split("WEIGHTS = [np.array([\n        [")[1].split(",")[0]
    path.write_text(source.replace(weight, repr(float(weight) + 1e-6), 1))
    assert _check(path).returncode == 1


def test_weights_are_exact_literals_or_an_npz_sidecar_for_large_networks(tmp_path):
    model = make_model("multiclass", "float32")
    inline, sidecar = tmp_path / "small.py", tmp_path / "large.py"
    export_numpy(model, inline)
    files = export_numpy(model, sidecar, inline_limit=10)
    assert files[1] == sidecar_path(sidecar) == str(tmp_path / "large.npz")
    assert "np.load(_WEIGHTS_FILE, allow_pickle=False)" in sidecar.read_text()
    assert "WEIGHTS = [np.array(" in inline.read_text()
    for path in (inline, sidecar):
        module = _load(path)
        assert all(W.dtype == np.float32 for W in module.WEIGHTS)
        for mine, theirs in zip(module.WEIGHTS + module.BIASES, model.network.weights + model.network.biases):
            np.testing.assert_array_equal(mine, theirs)
        assert _check(path).returncode == 0


def test_missing_inputs_take_the_training_means(tmp_path):
    model = make_model("binary", "float64", fill=True)
    export_numpy(model, tmp_path / "gaps.py")
    module = _load(tmp_path / "gaps.py")
    X = data_of("binary")[:5].copy()
    X[1, 2] = X[3, 0] = np.nan
    np.testing.assert_array_equal(module.predict(X), model.predict(X))
    export_numpy(make_model("binary", "float64"), tmp_path / "strict.py")
    with pytest.raises(ValueError, match="missing inputs"):
        _load(tmp_path / "strict.py").predict(X)


def test_the_module_needs_only_numpy_and_predicts_a_csv(tmp_path):
    model = make_model("binary", "float32")
    export_numpy(model, tmp_path / "net.py")
    X = data_of("binary")[:3]
    # the columns in another order, and one the network does not use
    lines = ["h,note,width,depth (m)"] + [f"{float(h)!r},x,{float(w)!r},{float(d)!r}" for w, d, h in X]
    (tmp_path / "rows.csv").write_text("\n".join(lines) + "\n")
    probe = ("import sys; sys.path.insert(0, sys.argv[1]); import net; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('bpgui', 'torch', 'PySide6')))")
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
    done = subprocess.run([sys.executable, str(tmp_path / "net.py"), str(tmp_path / "rows.csv")],
                          capture_output=True, text=True)
    rows = done.stdout.strip().splitlines()
    assert done.returncode == 0 and rows[0] == "h,note,width,depth (m),predicted,predicted_label"
    expected = model.predict(X)[:, 0]
    assert [float(r.split(",")[-1]) for r in rows[1:]] == [float(v) for v in expected]
    assert [r.split(",")[-2] for r in rows[1:]] == list(model.predict_labels(X))
    (tmp_path / "bad.csv").write_text("width,depth (m),h\n1,2,x\n")
    done = subprocess.run([sys.executable, str(tmp_path / "net.py"), str(tmp_path / "bad.csv")],
                          capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr.strip() == f"{tmp_path / 'bad.csv'}, line 2, column 3: 'x' is not a number"


def test_a_missing_csv_is_one_line_not_a_traceback(tmp_path):
    export_numpy(make_model("binary", "float32"), tmp_path / "net.py")
    done = subprocess.run([sys.executable, str(tmp_path / "net.py"), str(tmp_path / "nope.csv")],
                          capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr == f"{tmp_path / 'nope.csv'}: No such file or directory\n"
