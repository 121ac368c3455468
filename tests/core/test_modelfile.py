"""Model files: round trips, atomic saves, and a corpus of damaged files."""
from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from bpgui.core import modelfile
from bpgui.core.activations import ACTIVATIONS
from bpgui.core.builtin_data import builtin_dataset
from bpgui.core.dataset import Dataset
from bpgui.core.model import History, Model
from bpgui.core.modelfile import (FORMAT_VERSION, MODEL_SUFFIX, ModelFileError, load_model,
                                  save_model)
from bpgui.core.network import Network
from bpgui.core.preprocessing import Normalizer

REPO = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------ helpers
def make_model(layers, loss="mse", dtype="float32", n_inputs=3, task="regression",
               class_names=None, normalize="zscore", epochs=5, seed=0) -> Model:
    rng = np.random.default_rng(seed)
    n_out = layers[-1][0]
    net = Network(n_inputs, layers, loss=loss, dtype=dtype, seed=seed)
    net.biases = [rng.normal(0, 0.5, b.shape) for b in net.biases]
    X = rng.normal(20.0, 5.0, (40, n_inputs))
    if task == "regression":
        Y = rng.normal(100.0, 30.0, (40, n_out))
    elif n_out == 1:
        Y = (rng.random((40, 1)) > 0.5).astype(float)
    else:
        Y = np.eye(n_out)[rng.integers(0, n_out, 40)]
    ds = Dataset(X, Y, [f"f{i}" for i in range(n_inputs)], [f"t{i}" for i in range(n_out)],
                 class_names, task, source={"kind": "test", "seed": seed})
    model = Model.for_dataset(net, ds, normalize=normalize,
                              training={"optimizer": "adam", "lr": 0.01, "hidden": [[4, "tanh"]],
                                        "epochs": epochs, "batch_size": None, "nested": {"a": [1, 2.5]}},
                              data_source=dict(ds.source))
    metrics = {"train_accuracy": rng.random(epochs), "val_accuracy": [float("nan")] * epochs} if epochs else {}
    model.history = History(train_loss=rng.random(epochs), val_loss=[float("nan")] * epochs, metrics=metrics)
    return model


def assert_same(a: Model, b: Model, X=None) -> None:
    na, nb = a.network, b.network
    assert na.describe() == nb.describe()
    assert nb.dtype == na.dtype
    for wa, wb in zip(na.weights + na.biases, nb.weights + nb.biases):
        assert wb.dtype == na.dtype
        np.testing.assert_array_equal(wa, wb)
    assert (a.feature_names, a.target_names, a.class_names, a.task) == \
        (b.feature_names, b.target_names, b.class_names, b.task)
    for which in ("x_normalizer", "y_normalizer"):
        ga, gb = getattr(a, which), getattr(b, which)
        assert ga.method == gb.method
        np.testing.assert_array_equal(ga.shift, gb.shift)
        np.testing.assert_array_equal(ga.scale, gb.scale)
    assert a.training == b.training
    assert a.data_source == b.data_source
    da, db = a.history.to_dict(), b.history.to_dict()
    assert set(da) == set(db)
    for key in da:
        assert isinstance(db[key], list)
        np.testing.assert_array_equal(np.asarray(da[key], float), np.asarray(db[key], float))
    if X is None:
        X = np.random.default_rng(7).normal(20.0, 8.0, (64, na.n_inputs))
    pa, pb = a.predict(X), b.predict(X)
    assert pa.tobytes() == pb.tobytes()  # bit-identical


def roundtrip(model: Model, tmp_path: Path, name="m.bpnet") -> Model:
    path = tmp_path / name
    save_model(model, path)
    return load_model(path)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def write_zip(path: Path, content: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in content.items():
            z.writestr(name, data)
    return path


def npy(arr, allow_pickle=False) -> bytes:
    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=allow_pickle)
    return buf.getvalue()


@pytest.fixture
def good(tmp_path) -> Path:
    """A small valid file: 3-4(tanh)-2(linear), float32, zscore, 5 epochs."""
    path = tmp_path / f"good{MODEL_SUFFIX}"
    save_model(make_model([(4, "tanh"), (2, "linear")]), path)
    return path


def damaged(tmp_path: Path, good: Path, edit_json=None, replace=None, drop=(), add=None) -> Path:
    content = members(good)
    if edit_json is not None:
        doc = json.loads(content["model.json"])
        edit_json(doc)
        content["model.json"] = json.dumps(doc).encode()
    for name, data in (replace or {}).items():
        content[name] = data
    for name in drop:
        del content[name]
    content.update(add or {})
    return write_zip(tmp_path / "bad.bpnet", content)


def refused(path, *fragments) -> ModelFileError:
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    msg = str(info.value)
    assert msg.startswith(os.path.basename(str(path)) + ":"), msg
    for frag in fragments:
        assert frag in msg, msg
    return info.value


# --------------------------------------------------------------- round trip
def test_constants():
    assert FORMAT_VERSION == 5
    assert MODEL_SUFFIX == ".bpnet"
    assert issubclass(ModelFileError, ValueError)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("layers,loss", [
    ([(1, "linear")], "mse"),                                    # no hidden layer
    ([(8, "tanh"), (2, "linear")], "mse"),
    ([(16, "relu"), (8, "gelu"), (4, "swish"), (1, "sigmoid")], "bce"),
    ([(5, "elu"), (3, "softmax")], "ce"),
])
def test_round_trip_architectures(tmp_path, dtype, layers, loss):
    model = make_model(layers, loss=loss, dtype=dtype)
    assert_same(model, roundtrip(model, tmp_path))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("act", sorted(ACTIVATIONS))
def test_round_trip_every_activation(tmp_path, act, dtype):
    # as a hidden layer and as the output (mse allows any output activation)
    model = make_model([(6, act), (3, act), (2, act)], loss="mse", dtype=dtype)
    loaded = roundtrip(model, tmp_path)
    assert loaded.network.activation_names == [act] * 3
    assert_same(model, loaded)


@pytest.mark.parametrize("normalize", ["none", "minmax", "zscore"])
def test_round_trip_regression_with_target_normalisation(tmp_path, normalize):
    model = make_model([(6, "tanh"), (2, "linear")], normalize=normalize, dtype="float64")
    assert model.y_normalizer.method == normalize
    loaded = roundtrip(model, tmp_path)
    assert loaded.y_normalizer.method == normalize
    assert_same(model, loaded)
    if normalize != "none":  # outputs really are on the raw scale
        assert abs(loaded.predict(np.full((1, 3), 20.0))).max() > 10


def test_round_trip_classifiers_with_class_names(tmp_path):
    multi = make_model([(5, "relu"), (3, "softmax")], loss="ce", task="multiclass",
                       class_names=["Iris-sétosa", "versicolor", "virginica"])
    loaded = roundtrip(multi, tmp_path, "iris.bpnet")
    assert loaded.class_names == ["Iris-sétosa", "versicolor", "virginica"]
    assert_same(multi, loaded)
    X = np.random.default_rng(3).normal(20, 5, (10, 3))
    assert list(loaded.predict_labels(X)) == list(multi.predict_labels(X))

    ds = builtin_dataset("gate:xor")
    net = Network(2, [(4, "tanh"), (1, "sigmoid")], loss="bce", dtype="float64", seed=3)
    xor = Model.for_dataset(net, ds, data_source=ds.source)
    loaded = roundtrip(xor, tmp_path, "xor.bpnet")
    assert loaded.class_names == ["0", "1"] and loaded.task == "binary"
    assert_same(xor, loaded, X=ds.X)


def test_round_trip_empty_history(tmp_path):
    model = make_model([(3, "tanh"), (1, "linear")], epochs=0)
    loaded = roundtrip(model, tmp_path)
    assert len(loaded.history) == 0 and loaded.history.metrics == {}
    assert_same(model, loaded)


def test_round_trip_long_history_is_stored_as_arrays(tmp_path):
    n = 1_000_000
    model = make_model([(3, "tanh"), (1, "linear")], epochs=0)
    rng = np.random.default_rng(0)
    model.history = History(train_loss=list(rng.random(n)), val_loss=list(rng.random(n)),
                            metrics={"train_r2": list(rng.random(n))})
    path = tmp_path / "long.bpnet"
    save_model(model, path)
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("model.json").file_size < 10_000   # not a JSON list of a million floats
        doc = json.loads(z.read("model.json"))
        assert doc["history"] == {"epochs": n, "columns": ["train_loss", "val_loss", "train_r2"]}
        col = np.load(z.open("history/train_r2.npy"), allow_pickle=False)
    np.testing.assert_array_equal(col, model.history.metrics["train_r2"])
    assert_same(model, load_model(path))


def test_a_history_of_every_epoch_is_written_as_format_1_without_epoch_numbers(tmp_path, good):
    with zipfile.ZipFile(good) as z:
        doc = json.loads(z.read("model.json"))
    assert doc["version"] == 1 and "epoch" not in doc["history"]["columns"]
    loaded = load_model(good)
    np.testing.assert_array_equal(loaded.history.epoch, [1, 2, 3, 4, 5])


def test_round_trip_thinned_history_keeps_its_epoch_numbers(tmp_path):
    model = make_model([(3, "tanh"), (1, "linear")], epochs=0)
    model.history = History(max_rows=100)
    for e in range(1, 1001):
        model.history.add(1.0 / e, None, {"train_r2": e / 1000})
    assert model.history.is_thinned and model.history.stride == 16
    path = tmp_path / "thin.bpnet"
    save_model(model, path)
    with zipfile.ZipFile(path) as z:
        doc = json.loads(z.read("model.json"))
    assert doc["version"] == 2
    assert doc["history"] == {"epochs": len(model.history),
                              "columns": ["train_loss", "val_loss", "epoch", "train_r2"]}
    loaded = load_model(path)
    assert_same(model, loaded)
    np.testing.assert_array_equal(loaded.history.epoch, model.history.epoch)
    assert loaded.history.epochs == 1000 and loaded.history.stride == 16
    np.testing.assert_array_equal(loaded.history.train_loss, 1.0 / model.history.epoch)


def test_bad_epoch_columns_are_refused(tmp_path, good):
    def with_epoch(version):
        return lambda d: (d.update(version=version), d["history"]["columns"].append("epoch"))
    refused(damaged(tmp_path, good, edit_json=with_epoch(1), add={"history/epoch.npy": npy(np.arange(1.0, 6))}),
            "field 'history.columns'", "needs format version 2")
    for values, words in (([1, 2, 2, 3, 4], "increasing"), ([0, 1, 2, 3, 4], "positive"),
                          ([1, 2, 3.5, 4, 5], "whole numbers"), ([1, 2, np.nan, 4, 5], "NaN")):
        refused(damaged(tmp_path, good, edit_json=with_epoch(2),
                        add={"history/epoch.npy": npy(np.array(values, dtype=float))}),
                "field 'history.epoch'", words)


def test_round_trip_str_path_and_numpy_scalars_in_settings(tmp_path):
    model = make_model([(3, "tanh"), (1, "linear")])
    model.training = {"lr": np.float64(0.5), "epochs": np.int64(10), "flag": np.bool_(True)}
    path = str(tmp_path / "s.bpnet")
    save_model(model, path)
    assert load_model(path).training == {"lr": 0.5, "epochs": 10, "flag": True}


def test_file_is_readable_with_zipfile_json_numpy(good):
    with zipfile.ZipFile(good) as z:
        names = z.namelist()
        doc = json.loads(z.read("model.json").decode("utf-8"))
        W0 = np.load(z.open("weights/0.npy"), allow_pickle=False)
    assert names[0] == "model.json"
    assert doc["format"] == "bpgui-model" and doc["version"] == 1
    assert doc["layers"] == [{"units": 4, "activation": "tanh"}, {"units": 2, "activation": "linear"}]
    assert W0.shape == (3, 4) and W0.dtype == np.float32
    assert sorted(names) == sorted(["model.json", "weights/0.npy", "weights/1.npy", "biases/0.npy",
                                    "biases/1.npy", "x_normalizer/shift.npy", "x_normalizer/scale.npy",
                                    "y_normalizer/shift.npy", "y_normalizer/scale.npy",
                                    "history/train_loss.npy", "history/val_loss.npy",
                                    "history/train_accuracy.npy", "history/val_accuracy.npy"])


def test_docs_reading_example_runs(tmp_path, monkeypatch, capsys):
    text = (REPO / "docs" / "model-format.md").read_text(encoding="utf-8")
    code = text.split("## Reading a model file without bpgui", 1)[1].split("```python", 1)[1].split("```")[0]
    ds = builtin_dataset("gate:xor")
    net = Network(2, [(4, "tanh"), (1, "sigmoid")], loss="bce", seed=1)
    model = Model.for_dataset(net, ds, normalize="zscore")
    monkeypatch.chdir(tmp_path)
    save_model(model, "xor.bpnet")
    sandbox: dict = {}
    exec(compile(code, "model-format.md", "exec"), sandbox)
    np.testing.assert_allclose(sandbox["a"] * sandbox["yc"] + sandbox["ys"],
                               model.predict([[0.0, 1.0]]), rtol=1e-6)
    assert "['0', '1']" in capsys.readouterr().out


def test_loaded_fortran_order_member_is_accepted(tmp_path, good):
    W = np.asfortranarray(np.arange(12, dtype=np.float32).reshape(3, 4))
    path = damaged(tmp_path, good, replace={"weights/0.npy": npy(W)})
    np.testing.assert_array_equal(load_model(path).network.weights[0], W)


# ------------------------------------------------------------------ saving
def test_save_is_atomic_when_a_write_fails_midway(tmp_path, monkeypatch):
    path = tmp_path / "keep.bpnet"
    old = make_model([(4, "tanh"), (2, "linear")], seed=1)
    save_model(old, path)
    before = path.read_bytes()

    real = modelfile._write_npy
    calls = []

    def failing(zf, name, arr):
        calls.append(name)
        if len(calls) == 3:
            with zf.open(name, "w") as out:  # a partial member, then the disk "fills up"
                out.write(b"\x93NUMPY partial")
            raise OSError(28, "No space left on device")
        real(zf, name, arr)

    monkeypatch.setattr(modelfile, "_write_npy", failing)
    new = make_model([(4, "tanh"), (2, "linear")], seed=2)
    with pytest.raises(OSError, match="No space left"):
        save_model(new, path)
    assert len(calls) == 3
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.bpnet"]  # no temp file left
    assert_same(old, load_model(path))


def test_save_is_atomic_when_fsync_fails(tmp_path, monkeypatch):
    path = tmp_path / "keep.bpnet"
    old = make_model([(4, "tanh"), (2, "linear")], seed=1)
    save_model(old, path)
    before = path.read_bytes()

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(modelfile.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        save_model(make_model([(4, "tanh"), (2, "linear")], seed=2), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.bpnet"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_save_keeps_permission_bits_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "m.bpnet"
    save_model(make_model([(2, "tanh"), (1, "linear")]), path)
    os.chmod(path, 0o640)
    save_model(make_model([(2, "tanh"), (1, "linear")], seed=4), path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_save_refuses_what_load_would_refuse(tmp_path):
    path = tmp_path / "m.bpnet"
    model = make_model([(4, "tanh"), (2, "linear")])
    model.network.weights[1][0, 0] = np.nan
    with pytest.raises(ModelFileError, match=r"m\.bpnet: cannot save: field 'weights\[1\]': .*NaN"):
        save_model(model, path)
    assert not path.exists()

    model = make_model([(4, "tanh"), (2, "linear")])
    model.training = {"callback": object()}
    with pytest.raises(ModelFileError, match="field 'training'.*JSON"):
        save_model(model, path)

    model = make_model([(4, "tanh"), (2, "linear")])
    model.history.extend({"train_loss": [0.5], "bad/name": [1.0]})
    with pytest.raises(ModelFileError, match="history.columns"):
        save_model(model, path)

    with pytest.raises(ModelFileError, match="is a directory"):
        save_model(make_model([(4, "tanh"), (2, "linear")]), tmp_path)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------- damaged: the file
def test_missing_file_directory_and_empty_file(tmp_path):
    refused(tmp_path / "nope.bpnet", "no such file")
    d = tmp_path / "dir.bpnet"
    d.mkdir()
    refused(d, "is a directory")
    empty = tmp_path / "empty.bpnet"
    empty.write_bytes(b"")
    refused(empty, "empty")


def test_not_a_zip(tmp_path):
    path = tmp_path / "text.bpnet"
    path.write_text('{"format": "bpgui-model"}')
    refused(path, "not a ZIP archive")


def test_truncated_at_many_offsets(tmp_path, good):
    data = good.read_bytes()
    offsets = sorted({1, 4, 30, 100, len(data) // 3, len(data) // 2, len(data) - 100,
                      len(data) - 23, len(data) - 1})
    for cut in offsets:
        path = tmp_path / f"cut{cut}.bpnet"
        path.write_bytes(data[:cut])
        refused(path, "ZIP")


def test_random_byte_damage_never_escapes_as_another_exception(tmp_path, good):
    data = bytearray(good.read_bytes())
    rng = np.random.default_rng(0)
    path = tmp_path / "flip.bpnet"
    for pos in rng.integers(0, len(data), 300):
        copy = bytearray(data)
        copy[pos] ^= 0xFF
        path.write_bytes(bytes(copy))
        try:
            load_model(path)   # a flip in a timestamp or similar is harmless
        except ModelFileError as exc:
            assert str(exc).startswith("flip.bpnet: ")


def test_corrupt_member_data_fails_the_crc(tmp_path, good):
    content = members(good)
    raw = bytearray(good.read_bytes())
    W = content["weights/0.npy"]
    at = bytes(raw).find(W) + len(W) - 3
    raw[at] ^= 0x01
    path = tmp_path / "crc.bpnet"
    path.write_bytes(bytes(raw))
    refused(path, "weights/0.npy", "corrupt")


def test_zip_bomb_member_is_refused_before_decompressing(tmp_path, good):
    content = members(good)
    path = tmp_path / "bomb.bpnet"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in content.items():
            if name == "history/train_loss.npy":   # 5 epochs declared, 64 MB inside
                data = npy(np.zeros(5)) + bytes(64 * 2**20)
            z.writestr(name, data)
    assert path.stat().st_size < 1_000_000
    refused(path, "history.train_loss", "declares", "bytes")


def test_json_member_too_large_is_refused(tmp_path, good, monkeypatch):
    monkeypatch.setattr(modelfile, "MAX_JSON_BYTES", 100)
    refused(good, "model.json", "limit")


# ----------------------------------------------------- damaged: model.json
def test_newer_version_is_refused_with_upgrade_message(tmp_path, good):
    path = damaged(tmp_path, good, edit_json=lambda d: d.update(version=6, layers="new layout"))
    refused(path, "made by a newer bpgui (format 6); this version reads formats 1 to 5: upgrade bpgui")


def test_non_utf8_json(tmp_path, good):
    text = members(good)["model.json"].replace(b'"f0"', b'"f\xe90"')
    refused(damaged(tmp_path, good, replace={"model.json": text}), "not UTF-8")


@pytest.mark.parametrize("text,fragment", [
    (b"{not json", "not valid JSON"),
    (b"", "not valid JSON"),
    (b'{"format": "bpgui-model", "version": NaN}', "NaN"),
    (b'{"format": "bpgui-model", "format": "x"}', "appears twice"),
    (b"[1, 2]", "JSON object"),
    (b"[" * 100_000, "model.json"),
])
def test_malformed_json(tmp_path, good, text, fragment):
    refused(damaged(tmp_path, good, replace={"model.json": text}), fragment)


def _set(path, value):
    def edit(doc):
        *parents, last = path
        target = doc
        for p in parents:
            target = target[p]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value
    return edit


_DELETE = object()


@pytest.mark.parametrize("path,value,fragments", [
    (["format"], "other-format", ["field 'format'", "not a bpgui model"]),
    (["version"], "1", ["field 'version'"]),
    (["version"], 0, ["field 'version'"]),
    (["version"], True, ["field 'version'"]),
    (["n_inputs"], "3", ["field 'n_inputs'", "positive integer", '"3"']),
    (["n_inputs"], 3.0, ["field 'n_inputs'", "positive integer"]),
    (["layers", 1, "units"], -3, ["field 'layers[1].units': expected a positive integer, got -3"]),
    (["layers"], [], ["field 'layers'", "non-empty"]),
    (["layers", 0], [4, "tanh"], ["field 'layers[0]'", "expected an object"]),
    (["layers", 0, "activation"], "banana", ["field 'layers[0].activation'", "unknown activation 'banana'"]),
    (["layers", 0, "activation"], 7, ["field 'layers[0].activation'"]),
    (["layers", 0, "dropout"], 0.5, ["field 'layers[0].dropout'", "unexpected"]),
    (["loss"], "hinge", ["field 'loss'", "unknown loss 'hinge'"]),
    (["init"], "zeros", ["field 'init'", "unknown initializer"]),
    (["dtype"], "float16", ["field 'dtype'", "unknown dtype 'float16'"]),
    (["task"], "clustering", ["field 'task'", "unknown task"]),
    (["feature_names"], "f0,f1,f2", ["field 'feature_names'", "list"]),
    (["feature_names"], ["f0", "f1"], ["field 'feature_names'", "expected 3 names, got 2"]),
    (["feature_names", 1], 5, ["field 'feature_names[1]'", "expected a string"]),
    (["target_names"], ["t0", "t1", "t2"], ["field 'target_names'", "expected 2 names"]),
    (["class_names"], ["a", "b", "c"], ["field 'class_names'", "expected 2 names, got 3"]),
    (["x_normalizer", "method"], "robust", ["field 'x_normalizer.method'", "unknown normalization"]),
    (["y_normalizer"], "zscore", ["field 'y_normalizer'", "expected an object"]),
    (["history", "epochs"], -1, ["field 'history.epochs'", "non-negative"]),
    (["history", "epochs"], 10**12, ["field 'history.epochs'", "limit"]),
    (["history", "columns"], ["val_loss", "train_loss"], ["field 'history.columns'", "start with"]),
    (["history", "columns", 2], "../../etc/passwd", ["field 'history.columns[2]'"]),
    (["training"], [1, 2], ["field 'training'", "expected an object"]),
    (["data_source"], None, ["field 'data_source'", "expected an object"]),
    (["created_by"], 12, ["field 'created_by'"]),
    (["loss"], _DELETE, ["field 'loss': missing"]),
    (["history"], _DELETE, ["field 'history': missing"]),
    (["comment"], "hi", ["field 'comment'", "unexpected"]),
])
def test_wrong_json_fields(tmp_path, good, path, value, fragments):
    err = refused(damaged(tmp_path, good, edit_json=_set(path, value)), *fragments)
    assert err.field is not None or path == ["format"]


def test_unknown_loss_and_bad_pair(tmp_path, good):
    refused(damaged(tmp_path, good, edit_json=_set(["loss"], "focal")), "unknown loss 'focal'")
    # ce needs a softmax output; this file's output is linear, then sigmoid
    refused(damaged(tmp_path, good, edit_json=_set(["loss"], "ce")), "field 'loss'", "softmax")

    def sigmoid_ce(doc):
        doc["layers"][-1]["activation"] = "sigmoid"
        doc["loss"] = "ce"
    refused(damaged(tmp_path, good, edit_json=sigmoid_ce), "field 'loss'", "'ce'", "'sigmoid'")


def test_softmax_output_with_one_unit(tmp_path):
    model = make_model([(4, "tanh"), (1, "sigmoid")], loss="bce", task="binary")
    path = tmp_path / "m.bpnet"
    save_model(model, path)

    def edit(doc):
        doc["layers"][-1]["activation"] = "softmax"
        doc["loss"] = "ce"
    refused(damaged(tmp_path, path, edit_json=edit), "softmax output needs at least 2 units")


def test_huge_declared_sizes_are_refused_before_allocating(tmp_path, good):
    def huge(doc):
        doc["layers"][0]["units"] = 10**9
    refused(damaged(tmp_path, good, edit_json=huge), "field 'layers'", "parameters", "200,000,000")

    def huge_inputs(doc):
        doc["n_inputs"] = 10**15
    refused(damaged(tmp_path, good, edit_json=huge_inputs), "parameters")


# ------------------------------------------------------ damaged: the arrays
def test_wrong_shape_member(tmp_path, good):
    path = damaged(tmp_path, good, replace={"weights/0.npy": npy(np.zeros((3, 3), np.float32))})
    refused(path, "field 'weights[0]'", "expected shape (3, 4), got (3, 3)")


def test_shapes_that_do_not_chain(tmp_path, good):
    # layer 0 claims 5 units and ships a (3, 5) matrix, but layer 1 still takes 4 inputs
    def five(doc):
        doc["layers"][0]["units"] = 5
    path = damaged(tmp_path, good, edit_json=five,
                   replace={"weights/0.npy": npy(np.zeros((3, 5), np.float32)),
                            "biases/0.npy": npy(np.zeros(5, np.float32))})
    refused(path, "field 'weights[1]'", "expected shape (5, 2), got (4, 2)")


def test_npy_header_declaring_a_huge_shape(tmp_path, good):
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, {"descr": "<f4", "fortran_order": False,
                                               "shape": (10**10, 10**10)})
    forged = buf.getvalue() + b"\x00" * 48
    refused(damaged(tmp_path, good, replace={"weights/0.npy": forged}),
            "field 'weights[0]'", "expected shape (3, 4), got (10000000000, 10000000000)")


def test_object_array_member_is_refused_without_unpickling(tmp_path, good):
    obj = np.empty((3, 4), dtype=object)
    obj[...] = [[{"x": i}] * 4 for i in range(3)][0][0]
    data = npy(obj, allow_pickle=True)
    refused(damaged(tmp_path, good, replace={"weights/0.npy": data}), "Python objects", "pickle")
    # a pickle that could not even be unpickled gives the same answer: it is never read
    header_end = data.index(b"\n") + 1
    refused(damaged(tmp_path, good, replace={"weights/0.npy": data[:header_end] + b"garbage"}),
            "Python objects")


@pytest.mark.parametrize("arr,fragment", [
    (np.zeros((3, 4), np.float64), "expected float32 values, got '<f8'"),
    (np.zeros((3, 4), np.int32), "expected float32 values"),
    (np.zeros((3, 4), "U4"), "expected float32 values"),
    (np.zeros((3, 4), [("a", "<f4")]), "expected float32 values"),
])
def test_wrong_dtype_member(tmp_path, good, arr, fragment):
    refused(damaged(tmp_path, good, replace={"weights/0.npy": npy(arr)}), fragment)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_weights(tmp_path, good, bad):
    W = np.ones((4, 2), np.float32)
    W[2, 1] = bad
    refused(damaged(tmp_path, good, replace={"weights/1.npy": npy(W)}),
            "field 'weights[1]'", "NaN or infinite", "(2, 1)")


def test_bad_normaliser_statistics(tmp_path, good):
    refused(damaged(tmp_path, good, replace={"x_normalizer/scale.npy": npy(np.array([1.0, 0.0, 2.0]))}),
            "field 'x_normalizer.scale'", "> 0")
    refused(damaged(tmp_path, good, replace={"y_normalizer/shift.npy": npy(np.array([np.nan, 0.0]))}),
            "field 'y_normalizer.shift'", "NaN")


def test_history_columns_must_have_equal_length(tmp_path, good):
    refused(damaged(tmp_path, good, replace={"history/val_loss.npy": npy(np.zeros(4))}),
            "field 'history.val_loss'", "expected shape (5,), got (4,)")
    refused(damaged(tmp_path, good, replace={"history/val_loss.npy": npy(np.zeros((5, 1)))}),
            "expected shape (5,), got (5, 1)")


def test_missing_and_extra_members(tmp_path, good):
    refused(damaged(tmp_path, good, drop=["biases/1.npy"]), "missing member 'biases/1.npy'")
    refused(damaged(tmp_path, good, drop=["model.json"]), "missing member 'model.json'")
    refused(damaged(tmp_path, good, add={"notes.txt": b"hi"}), "unexpected member 'notes.txt'")
    refused(damaged(tmp_path, good, add={"history/train_r2.npy": npy(np.zeros(5))}),
            "unexpected member 'history/train_r2.npy'")


def test_truncated_and_padded_npy_members(tmp_path, good):
    data = npy(np.ones((3, 4), np.float32))
    refused(damaged(tmp_path, good, replace={"weights/0.npy": data[:-5]}), "truncated")
    refused(damaged(tmp_path, good, replace={"weights/0.npy": data + b"xx"}), "bytes after")
    refused(damaged(tmp_path, good, replace={"weights/0.npy": b"not an npy file at all"}),
            "not a valid .npy")


def test_duplicate_and_encrypted_members(tmp_path, good):
    content = members(good)
    path = tmp_path / "dup.bpnet"
    with pytest.warns(UserWarning):  # zipfile warns about the duplicate name
        with zipfile.ZipFile(path, "w") as z:
            for name, data in content.items():
                z.writestr(name, data)
            z.writestr("weights/0.npy", content["weights/0.npy"])
    refused(path, "appears twice")

    # set the "encrypted" flag bit in the central directory entry of one member
    raw = bytearray(good.read_bytes())
    name = b"weights/1.npy"
    entry = next(m.start() for m in re.finditer(re.escape(b"PK\x01\x02"), bytes(raw))
                 if bytes(raw[m.start() + 46:m.start() + 46 + len(name)]) == name)
    raw[entry + 8] |= 0x01
    path = tmp_path / "enc.bpnet"
    path.write_bytes(bytes(raw))
    refused(path, "encrypted")


def test_error_carries_path_field_and_reason(tmp_path, good):
    err = refused(damaged(tmp_path, good, edit_json=_set(["layers", 1, "units"], -3)))
    assert str(err) == "bad.bpnet: field 'layers[1].units': expected a positive integer, got -3"
    assert err.field == "layers[1].units"
    assert err.reason == "expected a positive integer, got -3"
    assert err.path == str(tmp_path / "bad.bpnet")


def test_normalizer_public_api_still_matches(tmp_path):
    # the loader builds Normalizer(method) and sets shift/scale; guard that contract
    n = Normalizer("zscore")
    n.shift, n.scale = np.array([1.0]), np.array([2.0])
    np.testing.assert_array_equal(n.transform(np.array([[5.0]])), [[2.0]])


def test_duplicate_class_names_are_refused(tmp_path, good):
    def edit(doc):
        doc["task"] = "regression"
        doc["class_names"] = ["a", "a"]
    refused(damaged(tmp_path, good, edit_json=edit), "class_names", "distinct")


def test_a_small_file_declaring_a_huge_network_is_refused_before_building_it(tmp_path, good, monkeypatch):
    import bpgui.core.modelfile as mf

    def edit(doc):
        doc["n_inputs"] = 10_000
        doc["feature_names"] = [f"f{i}" for i in range(10_000)]
        doc["layers"][0]["units"] = 10_000
    path = damaged(tmp_path, good, edit_json=edit)
    built = []
    monkeypatch.setattr(mf, "Network", lambda *a, **k: built.append(a) or (_ for _ in ()).throw(AssertionError))
    refused(path, "weights/0.npy", "fewer than")
    assert not built
