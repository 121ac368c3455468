"""Export a trained `Model` as one JSON document, for JavaScript and any other language.

The fields are documented one by one in docs/exports.md; in short: the layer
sizes, each layer's activation, weights (``fan_in`` rows of ``fan_out``
numbers) and biases, the input and output normalisation, and the names of
features, targets and classes.  Numbers are the network's own values written
as float64 decimals that read back exactly (a float32 network's values are
float32 values), so a reader evaluating in the network's ``dtype`` repeats
bpgui's arithmetic.

`predict_json` evaluates such a document with NumPy, reading nothing but its
fields: it is the self-check, and a reference for writing a reader elsewhere.
"""
from __future__ import annotations

import json
import os
from typing import Any

import numpy as np

from .. import __version__
from .activations import get_activation
from .export_reference import (RTOL_FLOAT32, RTOL_FLOAT64, check_failed, check_passed,
                               mismatch, read_reference, reference_inputs, reference_path, write_reference)
from .model import Model
from .modelfile import atomic_write

__all__ = ["export_json", "predict_json", "check_json", "JSON_FORMAT", "JSON_VERSION", "ACTIVATION_FORMULAS"]

JSON_FORMAT = "bpgui-network"
JSON_VERSION = 1

# What each activation computes, written into the document so a reader needs nothing else.
ACTIVATION_FORMULAS = {
    "sigmoid": "1 / (1 + exp(-z))",
    "tanh": "tanh(z)",
    "relu": "max(z, 0)",
    "leaky_relu": "z if z > 0 else 0.01 * z",
    "elu": "z if z > 0 else exp(z) - 1",
    "softplus": "log(1 + exp(z))",
    "linear": "z",
    "softmax": "exp(z_k - max(z)) / sum_j exp(z_j - max(z)), over the units of the layer",
    "gelu": "0.5 * z * (1 + tanh(sqrt(2 / pi) * (z + 0.044715 * z^3)))",
    "swish": "z / (1 + exp(-z))",
}


def _numbers(values) -> Any:
    """Nested lists of Python floats (float64 decimals that read back to the same value)."""
    return np.asarray(values, dtype=np.float64).tolist()


def _normalization(norm, with_fill: bool) -> dict[str, Any]:
    out = {"method": norm.method, "shift": _numbers(norm.shift), "scale": _numbers(norm.scale)}
    if with_fill:
        out["fill"] = None if norm.fill is None else _numbers(norm.fill)
    return out


def network_document(model: Model) -> dict[str, Any]:
    """The JSON document of ``model`` (see docs/exports.md for each field)."""
    net = model.network
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "producer": f"bpgui {__version__}",
        "task": model.task,
        "dtype": net.dtype.name,
        "loss": net.loss_name,
        "sizes": list(net.sizes),
        "inputs": {"names": list(model.feature_names),
                   "normalization": _normalization(model.x_normalizer, with_fill=True)},
        "outputs": {"names": list(model.target_names),
                    "classes": list(model.class_names) if model.class_names else None,
                    "normalization": _normalization(model.y_normalizer, with_fill=False)},
        "layers": [{"units": int(W.shape[1]), "activation": act, "weights": _numbers(W), "biases": _numbers(b)}
                   for W, b, act in zip(net.weights, net.biases, net.activation_names)],
        "activations": {act: ACTIVATION_FORMULAS[act] for act in dict.fromkeys(net.activation_names)},
    }


def export_json(model: Model, path: str | os.PathLike, data: np.ndarray | None = None) -> list[str]:
    """Write ``model`` as JSON at ``path`` and its reference beside it; the files written."""
    path = os.fspath(path)
    try:
        text = json.dumps(network_document(model), indent=1, allow_nan=False, ensure_ascii=False)
    except ValueError:
        raise ValueError("the network holds a weight that is not a finite number; JSON cannot carry it") from None
    atomic_write(path, lambda fh: fh.write(text.encode("utf-8")))
    rtol = RTOL_FLOAT64 if model.network.dtype == np.float64 else RTOL_FLOAT32
    return [path, write_reference(path, model, reference_inputs(model, data), rtol)]


def predict_json(document: dict[str, Any], X) -> np.ndarray:
    """Raw outputs (float64) for rows of raw inputs, from the JSON document's fields alone."""
    dtype = np.dtype(document["dtype"])
    x_norm, y_norm = document["inputs"]["normalization"], document["outputs"]["normalization"]
    X = np.asarray(X, dtype=np.float64).reshape(-1, document["sizes"][0])
    if x_norm.get("fill") is not None:
        X = np.where(np.isnan(X), x_norm["fill"], X)
    a = ((X - np.asarray(x_norm["shift"])) / np.asarray(x_norm["scale"])).astype(dtype)
    for layer in document["layers"]:
        z = np.dot(a, np.asarray(layer["weights"], dtype=dtype))
        z += np.asarray(layer["biases"], dtype=dtype)
        a = get_activation(layer["activation"]).forward(z)
    return a.astype(np.float64) * np.asarray(y_norm["scale"]) + np.asarray(y_norm["shift"])


def check_json(path: str | os.PathLike) -> tuple[bool, str]:
    """(passed, one line): `predict_json` on the reference inputs beside ``path``, compared."""
    with open(path, encoding="utf-8") as fh:
        document = json.load(fh)
    ref = read_reference(reference_path(path))
    problem = mismatch(ref["outputs"], predict_json(document, ref["inputs"]), ref["rtol"], ref["atol"])
    if problem:
        return False, check_failed(problem)
    return True, check_passed(len(ref['outputs']), ref['rtol'])
