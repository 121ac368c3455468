"""Export a trained `Model` as a standalone Python module that needs only NumPy.

The module's ``predict(X)`` repeats ``Model.predict`` operation for operation:
missing inputs filled with the training means, ``(X - shift) / scale`` in
float64, the layers in the network's dtype (``np.dot`` then ``+= b``, the
activations written as in bpgui.core.activations), then ``* scale + shift``
back to the targets' units.  So a float64 export agrees to the last bits and
its self-check asks 1e-9 relative; a float32 one 1e-5.

Weights are Python literals inside the module (``repr`` of each value as a
float64, which round-trips exactly, also for float32 values) up to
`INLINE_PARAMETERS` parameters: one file to carry, readable and diffable.
Larger networks would make a source file of megabytes that Python parses
slowly, so their weights go to a ``.npz`` sidecar loaded with
``allow_pickle=False``.
"""
from __future__ import annotations

import os

import numpy as np

from .. import __version__
from .export_reference import RTOL_FLOAT32, RTOL_FLOAT64, reference_inputs, write_reference
from .model import Model
from .modelfile import atomic_write

__all__ = ["export_numpy", "INLINE_PARAMETERS", "NUMPY_ACTIVATIONS", "sidecar_path"]

INLINE_PARAMETERS = 20_000   # about 0.5 MB of source: still quick to import

# Each activation as the module defines it, mirroring bpgui.core.activations line for line.
_SIGMOID = '''
_EXP_CAP = 80.0 if DTYPE == np.float32 else 700.0   # exp(-z) stays finite, as in bpgui


def sigmoid(z):
    e = np.minimum(-z, _EXP_CAP)
    np.exp(e, out=e)
    e += 1.0
    return np.reciprocal(e, out=e)
'''
NUMPY_ACTIVATIONS = {
    "sigmoid": _SIGMOID,
    "tanh": "\n\ndef tanh(z):\n    return np.tanh(z)\n",
    "relu": "\n\ndef relu(z):\n    return np.maximum(z, 0.0)\n",
    "leaky_relu": "\n\ndef leaky_relu(z):\n    return np.where(z > 0, z, 0.01 * z)\n",
    "elu": "\n\ndef elu(z):\n    return np.where(z > 0, z, np.expm1(np.minimum(z, 0.0)))\n",
    "softplus": "\n\ndef softplus(z):\n    return np.logaddexp(0.0, z).astype(z.dtype, copy=False)\n",
    "linear": "\n\ndef linear(z):\n    return z\n",
    "softmax": ("\n\ndef softmax(z):\n    e = np.exp(z - z.max(axis=1, keepdims=True))\n"
                "    return e / e.sum(axis=1, keepdims=True)\n"),
    "gelu": ("\n\ndef gelu(z):   # tanh approximation, as bpgui\n"
             "    t = np.tanh(math.sqrt(2.0 / math.pi) * (z + 0.044715 * z * z * z))\n"
             "    return 0.5 * z * (1.0 + t)\n"),
    "swish": "\n\ndef swish(z):\n    return z * sigmoid(z)\n",
}

_HEAD = '''"""A bpgui network as a standalone NumPy module: {arch} ({acts}), loss {loss}, {dtype}.

Exported by bpgui {version}; needs only NumPy.  Inputs are raw features
({features}); outputs are on the targets' raw scale ({targets}).

    import {stem}
    {stem}.predict(X)          rows of raw features -> raw outputs{labels_doc}

    python {file} --check      reproduce the reference outputs written beside this file
    python {file} data.csv     predictions for a CSV file's rows (columns found by name)
"""
import csv
import json
import math
import os
import sys

import numpy as np

DTYPE = np.{dtype}
FEATURE_NAMES = {features_list}
TARGET_NAMES = {targets_list}
CLASS_NAMES = {classes}
N_INPUTS = {n_inputs}

# Normalisation: the network sees (X - X_SHIFT) / X_SCALE and gives Y whose raw value is Y * Y_SCALE + Y_SHIFT.
X_SHIFT = np.array({x_shift})
X_SCALE = np.array({x_scale})
X_FILL = {x_fill}   # training means that fill missing inputs (NaN), or None
Y_SHIFT = np.array({y_shift})
Y_SCALE = np.array({y_scale})
'''

_INLINE = '''
# Layer l computes z = a @ WEIGHTS[l] + BIASES[l]; WEIGHTS[l] is (fan_in, fan_out).
WEIGHTS = [{weights}]
BIASES = [{biases}]
'''

_SIDECAR = '''
# Layer l computes z = a @ WEIGHTS[l] + BIASES[l]; WEIGHTS[l] is (fan_in, fan_out).
# The weights lie in a .npz file beside this module (arrays only: allow_pickle=False).
_WEIGHTS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), {sidecar!r})
with np.load(_WEIGHTS_FILE, allow_pickle=False) as _arrays:
    WEIGHTS = [_arrays[f"W{{l}}"].astype(DTYPE) for l in range({layers})]
    BIASES = [_arrays[f"b{{l}}"].astype(DTYPE) for l in range({layers})]
'''

_TAIL = '''
LAYER_ACTIVATIONS = [{layer_functions}]


def predict(X):
    """Outputs (float64, raw target units) for rows of raw features."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim == 1:
        X = X.reshape(1, -1) if X.shape[0] == N_INPUTS else X.reshape(-1, 1)
    if X.ndim != 2 or X.shape[1] != N_INPUTS:
        raise ValueError(f"expected rows of {{N_INPUTS}} inputs, got an array of shape {{X.shape}}")
    gaps = np.isnan(X)
    if gaps.any():
        if X_FILL is None:
            raise ValueError("missing inputs (NaN): this network keeps no training means to fill them with")
        X = np.where(gaps, X_FILL, X)
    a = ((X - X_SHIFT) / X_SCALE).astype(DTYPE)
    for W, b, f in zip(WEIGHTS, BIASES, LAYER_ACTIVATIONS):
        z = np.dot(a, W)
        z += b
        a = f(z)
    return a.astype(np.float64) * Y_SCALE + Y_SHIFT


def predict_labels(X):
    """Class names: the largest output, or output >= 0.5 for a single one (classifiers only)."""
    return labels_of(predict(X))


def labels_of(out):
    """Class names for outputs of predict."""
    if not CLASS_NAMES:
        raise ValueError("this network predicts numbers, not named classes")
    idx = (out[:, 0] >= 0.5).astype(int) if out.shape[1] == 1 else out.argmax(axis=1)
    return [CLASS_NAMES[i] for i in idx]


def _mismatch(expected, got, rtol, atol):
    """None, or where got and expected differ beyond rtol (the rule of numpy.isclose)."""
    if got.shape != expected.shape:
        return f"outputs of shape {{got.shape}}, expected {{expected.shape}}"
    bad = ~np.isclose(got, expected, rtol=rtol, atol=atol)
    if not bad.any():
        return None
    i, j = (int(k) for k in np.argwhere(bad)[0])
    return (f"{{int(bad.sum())}} of {{bad.size}} outputs differ; the first at row {{i + 1}}, output {{j + 1}}: "
            f"{{got[i, j]!r}}, expected {{expected[i, j]!r}} (allowed {{rtol:g}})")


def check(reference=None):
    """(passed, one line): predict the reference inputs and compare with bpgui's outputs."""
    path = reference or os.path.abspath(__file__) + ".reference.json"
    with open(path, encoding="utf-8") as fh:
        ref = json.load(fh)
    expected = np.asarray(ref["outputs"], dtype=np.float64)
    problem = _mismatch(expected, predict(np.asarray(ref["inputs"], dtype=np.float64)),
                        ref["rtol"], ref.get("atol", 0.0))
    if problem:
        return False, f"check failed: {{problem}}"
    return True, f"check passed: {{len(expected)}} rows agree within {{ref['rtol']:g}}"


def _number(cell, where):
    try:
        return float(cell) if cell.strip() else math.nan
    except ValueError:
        sys.exit(f"{{where}}: {{cell!r}} is not a number")


def predict_csv(path, out=sys.stdout):
    """Write a CSV file's rows with the predictions added (inputs found by their column names)."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        rows = [row for row in csv.reader(fh) if row]
    if not rows or not all(name in rows[0] for name in FEATURE_NAMES):
        sys.exit(f"{{path}}: line 1 must name the input columns {{', '.join(FEATURE_NAMES)}}")
    cols = [rows[0].index(name) for name in FEATURE_NAMES]
    X = [[_number(row[c] if c < len(row) else "", f"{{path}}, line {{n}}, column {{c + 1}}") for c in cols]
         for n, row in enumerate(rows[1:], start=2)]
    outputs = predict(np.array(X, dtype=np.float64).reshape(-1, N_INPUTS))
    writer = csv.writer(out, lineterminator="\\n")
    labels = labels_of(outputs) if CLASS_NAMES else None
    writer.writerow(rows[0] + (["predicted"] if labels else []) + [f"predicted_{{t}}" for t in TARGET_NAMES])
    for k, row in enumerate(rows[1:]):
        writer.writerow(row + ([labels[k]] if labels else []) + [repr(float(v)) for v in outputs[k]])


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        passed, line = check()
        print(line)
        sys.exit(0 if passed else 1)
    if len(sys.argv) == 2 and not sys.argv[1].startswith("-"):
        try:
            predict_csv(sys.argv[1])
        except BrokenPipeError:   # `python net.py data.csv | head`: the reader has gone, nothing to report
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError as exc:   # a missing or unreadable file: one line, as bpgui says it
            sys.exit(f"{{sys.argv[1]}}: {{exc.strerror or exc}}")
        sys.exit(0)
    sys.exit(f"usage: python {{os.path.basename(__file__)}} --check | DATA.csv")
'''


def sidecar_path(path: str | os.PathLike) -> str:
    """Where the weights of a large network's module lie: ``net.py`` -> ``net.npz``."""
    stem, ext = os.path.splitext(os.fspath(path))
    return (stem if ext.lower() == ".py" else os.fspath(path)) + ".npz"


def _literal(values: np.ndarray) -> str:
    """A float array as nested Python lists; repr of each float64 round-trips exactly."""
    if values.ndim == 1:
        return "[" + ", ".join(repr(float(v)) for v in values) + "]"
    return "[\n        " + ",\n        ".join(_literal(row) for row in values) + "]"


def _array(values: np.ndarray) -> str:
    return f"np.array({_literal(values)}, dtype=DTYPE)"


def _optional(values: np.ndarray | None) -> str:
    return "None" if values is None else f"np.array({_literal(values)})"


def _source(model: Model, path: str, sidecar: str | None) -> str:
    net = model.network
    labels_doc = "\n    {stem}.predict_labels(X)   class names" if model.class_names else ""
    stem = os.path.splitext(os.path.basename(path))[0]
    head = _HEAD.format(
        arch="-".join(map(str, net.sizes)), acts=", ".join(net.activation_names), loss=net.loss_name,
        dtype=net.dtype.name, version=__version__, features=", ".join(model.feature_names),
        targets=", ".join(model.target_names), labels_doc=labels_doc.format(stem=stem), stem=stem,
        file=os.path.basename(path), features_list=repr(list(model.feature_names)),
        targets_list=repr(list(model.target_names)),
        classes=repr(list(model.class_names)) if model.class_names else "None", n_inputs=net.n_inputs,
        x_shift=_literal(model.x_normalizer.shift), x_scale=_literal(model.x_normalizer.scale),
        x_fill=_optional(model.x_normalizer.fill), y_shift=_literal(model.y_normalizer.shift),
        y_scale=_literal(model.y_normalizer.scale))
    if sidecar is None:
        layers = _INLINE.format(weights=",\n    ".join(_array(W) for W in net.weights),
                                biases=",\n    ".join(_array(b) for b in net.biases))
    else:
        layers = _SIDECAR.format(sidecar=os.path.basename(sidecar), layers=net.n_layers)
    needed = set(net.activation_names) | ({"sigmoid"} if "swish" in net.activation_names else set())
    functions = "".join(source for name, source in NUMPY_ACTIVATIONS.items() if name in needed)
    return head + layers + functions + _TAIL.format(layer_functions=", ".join(net.activation_names))


def export_numpy(model: Model, path: str | os.PathLike, data: np.ndarray | None = None,
                 inline_limit: int = INLINE_PARAMETERS) -> list[str]:
    """Write ``model`` as a NumPy module at ``path``, its reference beside it (and, for a
    network over ``inline_limit`` parameters, its weights in a .npz sidecar); the files written."""
    path = os.fspath(path)
    net = model.network
    for name in net.activation_names:
        if name not in NUMPY_ACTIVATIONS:
            raise ValueError(f"activation {name!r} has no NumPy export yet")
    sidecar = sidecar_path(path) if net.n_params > inline_limit else None
    written = []
    if sidecar is not None:
        arrays = {f"W{l}": W for l, W in enumerate(net.weights)} | {f"b{l}": b for l, b in enumerate(net.biases)}
        atomic_write(sidecar, lambda fh: np.savez(fh, **arrays))
        written.append(sidecar)
    text = _source(model, path, sidecar)
    atomic_write(path, lambda fh: fh.write(text.encode("utf-8")))
    rtol = RTOL_FLOAT64 if net.dtype == np.float64 else RTOL_FLOAT32
    reference = write_reference(path, model, reference_inputs(model, data), rtol)
    return [path, *written, reference]
