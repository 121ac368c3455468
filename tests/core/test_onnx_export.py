"""ONNX export: the exported graph computes model.predict, for every activation."""
from __future__ import annotations

import json
import sys

import numpy as np
import pytest

from bpgui.core import onnx_export
from bpgui.core.activations import ACTIVATIONS
from bpgui.core.dataset import Dataset
from bpgui.core.model import Model
from bpgui.core.network import Network
from bpgui.core.onnx_export import ONNX_ACTIVATIONS, export_onnx

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")

N_IN = 3
RAW_MEAN, RAW_STD = 50.0, 10.0


def make_model(layers, loss="mse", dtype="float32", task="regression", normalize="zscore",
               class_names=None, seed=0) -> Model:
    """A model on raw data far from the origin (so normalisation matters), with
    biases and larger weights so every activation sees both signs."""
    rng = np.random.default_rng(seed)
    n_out = layers[-1][0]
    net = Network(N_IN, layers, loss=loss, dtype=dtype, init="he", seed=seed)
    net.biases = [rng.normal(0, 0.5, b.shape) for b in net.biases]
    X = rng.normal(RAW_MEAN, RAW_STD, (100, N_IN))
    if task == "regression":
        Y = rng.normal(10.0, 3.0, (100, n_out))  # float32 graphs: error ~ 1e-7 * target scale
    elif n_out == 1:
        Y = (rng.random((100, 1)) > 0.5).astype(float)
    else:
        Y = np.eye(n_out)[rng.integers(0, n_out, 100)]
    ds = Dataset(X, Y, [f"f{i}" for i in range(N_IN)], [f"t{i}" for i in range(n_out)],
                 class_names, task)
    return Model.for_dataset(net, ds, normalize=normalize)


def run(path, X, dtype) -> np.ndarray:
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    (out,) = sess.run(["outputs"], {"features": np.asarray(X, dtype=dtype)})
    return out


def check(model: Model, tmp_path, name="m.onnx", rows=200) -> None:
    path = tmp_path / name
    export_onnx(model, path)
    X = np.random.default_rng(11).normal(RAW_MEAN, 1.5 * RAW_STD, (rows, N_IN))
    dtype = model.network.dtype
    out = run(path, X, dtype)
    assert out.dtype == dtype and out.shape == (rows, model.network.n_outputs)
    np.testing.assert_allclose(out, model.predict(X), rtol=1e-5, atol=1e-5)
    if dtype == np.float64:  # a double graph is as good as exact
        np.testing.assert_allclose(out, model.predict(X), rtol=1e-10, atol=1e-10)


def test_every_activation_has_an_onnx_form():
    assert set(ONNX_ACTIVATIONS) == set(ACTIVATIONS)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("act", sorted(ACTIVATIONS))
def test_every_activation_hidden_and_output(tmp_path, act, dtype):
    # two hidden layers and the output all use `act` (mse allows any output)
    check(make_model([(8, act), (6, act), (2, act)], dtype=dtype), tmp_path)


@pytest.mark.parametrize("act", sorted(ACTIVATIONS))
def test_every_hidden_activation_without_normalisation(tmp_path, act):
    model = make_model([(8, act), (2, "linear")], normalize="none")
    assert model.x_normalizer.method == "none" and model.y_normalizer.method == "none"
    model.network.weights[0][...] *= 1.0 / RAW_STD  # keep raw inputs in a sensible range
    check(model, tmp_path)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("normalize", ["none", "minmax", "zscore"])
def test_regression_with_target_normalisation(tmp_path, normalize, dtype):
    model = make_model([(10, "tanh"), (2, "linear")], dtype=dtype, normalize=normalize)
    if normalize == "none":
        model.network.weights[0][...] *= 1.0 / RAW_STD
    check(model, tmp_path)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("normalize", ["none", "zscore"])
def test_binary_classifier(tmp_path, normalize, dtype):
    model = make_model([(6, "relu"), (1, "sigmoid")], loss="bce", task="binary", dtype=dtype,
                       normalize=normalize, class_names=["no", "yes"])
    if normalize == "none":
        model.network.weights[0][...] *= 1.0 / RAW_STD
    check(model, tmp_path)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("hidden", ["gelu", "swish", "elu"])
def test_multiclass_classifier(tmp_path, hidden, dtype):
    model = make_model([(7, hidden), (4, "softmax")], loss="ce", task="multiclass", dtype=dtype,
                       class_names=["a", "b", "c", "d"])
    check(model, tmp_path)
    X = np.random.default_rng(2).normal(RAW_MEAN, RAW_STD, (50, N_IN))
    out = run(tmp_path / "m.onnx", X, dtype)
    np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-5)
    assert (np.asarray(model.class_names)[out.argmax(axis=1)] == model.predict_labels(X)).all()


def test_graph_dtype_follows_the_network(tmp_path):
    for dtype, elem in (("float32", onnx.TensorProto.FLOAT), ("float64", onnx.TensorProto.DOUBLE)):
        export_onnx(make_model([(4, "tanh"), (1, "linear")], dtype=dtype), tmp_path / "d.onnx")
        proto = onnx.load(str(tmp_path / "d.onnx"))
        for vi in (*proto.graph.input, *proto.graph.output):
            assert vi.type.tensor_type.elem_type == elem
        assert all(init.data_type == elem for init in proto.graph.initializer)


def test_extreme_inputs_stay_finite(tmp_path):
    # softplus/elu/sigmoid written to avoid exp of large numbers, as in NumPy
    for act in ("softplus", "elu", "sigmoid", "swish", "gelu", "softmax"):
        model = make_model([(4, act), (3, act)], normalize="none")
        model.network.weights[0][...] *= 100.0
        export_onnx(model, tmp_path / "x.onnx")
        X = np.array([[1e3, -1e3, 5.0], [-1e3, 1e3, -5.0]])
        out = run(tmp_path / "x.onnx", X, np.float32)
        assert np.isfinite(out).all(), act
        np.testing.assert_allclose(out, model.predict(X), rtol=1e-5, atol=1e-4)


def test_structure_metadata_and_dynamic_batch(tmp_path):
    model = make_model([(5, "tanh"), (3, "softmax")], loss="ce", task="multiclass",
                       class_names=["setosa", "versicolor", "virginica"])
    path = tmp_path / "iris.onnx"
    export_onnx(model, path)
    proto = onnx.load(str(path))
    onnx.checker.check_model(proto, full_check=True)
    assert [i.name for i in proto.graph.input] == ["features"]
    assert [o.name for o in proto.graph.output] == ["outputs"]
    dims = proto.graph.input[0].type.tensor_type.shape.dim
    assert dims[0].dim_param == "N" and dims[1].dim_value == N_IN
    assert proto.opset_import[0].version == onnx_export.DEFAULT_OPSET
    meta = {p.key: p.value for p in proto.metadata_props}
    assert json.loads(meta["feature_names"]) == ["f0", "f1", "f2"]
    assert json.loads(meta["class_names"]) == ["setosa", "versicolor", "virginica"]
    assert meta["task"] == "multiclass" and meta["architecture"] == "3-5-3"
    assert "setosa" in proto.doc_string and "raw" in proto.doc_string
    ops = {n.op_type for n in proto.graph.node}
    assert {"Sub", "Div", "MatMul", "Add", "Tanh", "Softmax"} <= ops
    assert "Mul" not in ops  # no target normalisation on a classifier
    for rows in (1, 7):
        X = np.full((rows, N_IN), RAW_MEAN)
        assert run(path, X, np.float32).shape == (rows, 3)


def test_opset_argument(tmp_path):
    model = make_model([(4, "gelu"), (1, "linear")])
    export_onnx(model, tmp_path / "o.onnx", opset=13)
    assert onnx.load(str(tmp_path / "o.onnx")).opset_import[0].version == 13
    check(model, tmp_path, name="o.onnx")
    for bad in (12, 10_000, "17", True):
        with pytest.raises(ValueError, match="opset"):
            export_onnx(model, tmp_path / "bad.onnx", opset=bad)
    assert not (tmp_path / "bad.onnx").exists()


def test_missing_onnx_package_gives_install_hint(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnx", None)  # `import onnx` now raises ImportError
    model = make_model([(4, "tanh"), (1, "linear")])
    with pytest.raises(ImportError) as info:
        export_onnx(model, tmp_path / "m.onnx")
    assert str(info.value) == "ONNX export needs the onnx package: pip install 'bpgui[onnx]'"
    assert not (tmp_path / "m.onnx").exists()


def test_export_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "keep.onnx"
    old = make_model([(4, "tanh"), (1, "linear")], seed=1)
    export_onnx(old, path)
    before = path.read_bytes()

    class Full(OSError):
        pass

    real_write = onnx_export.atomic_write

    def failing_atomic_write(p, write):
        def partial(fh):
            fh.write(b"half an onnx file")
            raise Full(28, "No space left on device")
        real_write(p, partial)

    monkeypatch.setattr(onnx_export, "atomic_write", failing_atomic_write)
    with pytest.raises(Full):
        export_onnx(make_model([(4, "tanh"), (1, "linear")], seed=2), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.onnx"]
    check_out = run(path, np.full((2, N_IN), RAW_MEAN), np.float32)
    np.testing.assert_allclose(check_out, old.predict(np.full((2, N_IN), RAW_MEAN)), rtol=1e-5, atol=1e-5)


def test_importing_the_module_does_not_import_onnx():
    import subprocess
    code = "import sys, bpgui.core.onnx_export, bpgui.core.modelfile; assert 'onnx' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
