"""The JSON export, read by readers written from docs/exports.md alone: plain Python here, and the
documentation's JavaScript example under node when node is installed."""
from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from bpgui.core.export_reference import read_reference
from bpgui.core.json_export import check_json, export_json

from export_models import DTYPES, KINDS, data_of, make_model

DOCS = Path(__file__).resolve().parents[2] / "docs" / "exports.md"

# The documented activations, written from the "activations" field's formulas (not from bpgui's code).
_ELEMENTWISE = {
    "sigmoid": lambda z: 1 / (1 + math.exp(-z)) if z > -700 else 0.0,
    "tanh": math.tanh, "relu": lambda z: max(z, 0.0), "leaky_relu": lambda z: z if z > 0 else 0.01 * z,
    "elu": lambda z: z if z > 0 else math.exp(z) - 1, "softplus": lambda z: math.log1p(math.exp(z)),
    "linear": lambda z: z,
    "gelu": lambda z: 0.5 * z * (1 + math.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z ** 3))),
    "swish": lambda z: z / (1 + math.exp(-z)),
}


def _activate(name, z):
    if name == "softmax":
        e = [math.exp(v - max(z)) for v in z]
        return [v / sum(e) for v in e]
    return [_ELEMENTWISE[name](v) for v in z]


def read_row(doc, x):
    """One row of raw inputs to raw outputs, in double precision, field by field as documented."""
    assert doc["format"] == "bpgui-network" and doc["version"] == 1
    xn, yn = doc["inputs"]["normalization"], doc["outputs"]["normalization"]
    a = [((xn["fill"][i] if math.isnan(v) and xn["fill"] else v) - xn["shift"][i]) / xn["scale"][i]
         for i, v in enumerate(x)]
    for layer in doc["layers"]:
        z = [sum(a[i] * layer["weights"][i][j] for i in range(len(a))) + b for j, b in enumerate(layer["biases"])]
        a = _activate(layer["activation"], z)
    return [v * yn["scale"][j] + yn["shift"][j] for j, v in enumerate(a)]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("kind", KINDS)
def test_a_reader_written_from_the_docs_reproduces_bpgui(tmp_path, kind, dtype):
    model = make_model(kind, dtype, fill=kind == "regression")
    path = tmp_path / "net.json"
    assert export_json(model, path) == [str(path), f"{path}.reference.json"]
    doc = json.loads(path.read_text(encoding="utf-8"))
    net = model.network
    assert doc["sizes"] == list(net.sizes) and doc["dtype"] == dtype and doc["loss"] == net.loss_name
    assert [layer["activation"] for layer in doc["layers"]] == net.activation_names
    assert doc["inputs"]["names"] == ["width", "depth (m)", "h"] and doc["outputs"]["names"] == model.target_names
    assert doc["outputs"]["classes"] == model.class_names and doc["task"] == kind
    assert set(doc["activations"]) == set(net.activation_names)
    for layer, W, b in zip(doc["layers"], net.weights, net.biases):
        np.testing.assert_array_equal(np.array(layer["weights"], dtype=net.dtype), W)   # the values, exactly
        assert np.array(layer["weights"]).tolist() == W.astype(np.float64).tolist()     # no float32 rounding lost
        assert layer["units"] == len(b) == len(layer["biases"])
    X = data_of(kind)
    X[2, 1] = np.nan if kind == "regression" else X[2, 1]    # a missing input, filled by the means
    got = np.array([read_row(doc, x) for x in X])
    # In double the reader repeats a float64 network up to summation order; a float32 one up to its rounding.
    np.testing.assert_allclose(got, model.predict(X), rtol=1e-9 if dtype == "float64" else 1e-5, atol=1e-9)
    rtol = "1e-09" if dtype == "float64" else "1e-05"
    assert check_json(path) == (True, f"check passed: 16 rows agree within {rtol}")


def test_the_check_fails_when_a_weight_is_altered(tmp_path):
    path = tmp_path / "net.json"
    export_json(make_model("multiclass", "float64"), path)
    doc = json.loads(path.read_text())
    doc["layers"][1]["weights"][2][0] += 1e-6
    path.write_text(json.dumps(doc))
    passed, line = check_json(path)
    assert passed is False and line.startswith("check failed: ") and "outputs differ" in line


def _js_example() -> str:
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(r"<!-- js-predict -->\s*```js\n(.*?)```\s*<!-- /js-predict -->", text, re.S)
    assert block, "docs/exports.md lost its JavaScript example"
    return block.group(1)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("kind,dtype", [(k, "float64") for k in KINDS] + [("multiclass", "float32")])
def test_the_documented_javascript_reproduces_the_reference(tmp_path, kind, dtype):
    path = tmp_path / "net.json"
    export_json(make_model(kind, dtype), path)
    script = tmp_path / "run.js"
    script.write_text(_js_example() + """
const fs = require("fs");
const net = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const ref = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
console.log(JSON.stringify(ref.inputs.map(x => predict(net, x))));
""")
    done = subprocess.run(["node", str(script), str(path), f"{path}.reference.json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    ref = read_reference(f"{path}.reference.json")
    np.testing.assert_allclose(np.array(json.loads(done.stdout)), ref["outputs"],
                               rtol=1e-9 if dtype == "float64" else 1e-5, atol=1e-12)
