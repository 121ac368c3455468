"""What every export writes beside itself to prove it computes what bpgui computes.

An export (a Python module, C source, JSON) is checked by running it on
reference inputs and comparing with the outputs ``Model.predict`` gave for
them.  The inputs are raw features, as a user of the export passes them:
rows of the user's data when given, otherwise random rows in the range the
model's input normaliser saw (min-max: the training range; z-score: mean
plus or minus two standard deviations; none: [-1, 1], since no range is known).

``<artifact>.reference.json`` holds them: ``inputs`` and ``outputs`` (lists
of rows, raw units), ``rtol`` (the relative tolerance the check allows) and
``atol`` (for outputs near zero: in single precision rtol at the outputs' largest
magnitude, else 1e-3 of rtol), and the model's feature and target names.
"""
from __future__ import annotations

import json
import os
from typing import Any

import numpy as np

from .model import Model
from .modelfile import atomic_write
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["REFERENCE_ROWS", "RTOL_FLOAT64", "RTOL_FLOAT32", "reference_inputs", "reference_path",
           "write_reference", "read_reference", "mismatch", "check_failed", "check_passed"]

REFERENCE_ROWS = 16
RTOL_FLOAT64 = 1e-9    # a float64 export repeats the engine's arithmetic up to summation order
RTOL_FLOAT32 = 1e-5    # float32 (and C) exports: single precision's rounding through a few layers


def reference_inputs(model: Model, data: np.ndarray | None = None, rows: int = REFERENCE_ROWS,
                     seed: int = 0) -> np.ndarray:
    """``rows`` raw input rows: the first complete rows of ``data`` (raw features), or
    random ones in the range the input normaliser saw (see the module doc)."""
    n = model.network.n_inputs
    if data is not None:
        data = np.asarray(data, dtype=np.float64).reshape(-1, n)
        complete = data[~np.isnan(data).any(axis=1)]
        if len(complete):
            return complete[:rows].copy()
    norm = model.x_normalizer
    shift, scale = np.asarray(norm.shift, np.float64), np.asarray(norm.scale, np.float64)
    if norm.method == "minmax":
        low, high = shift, shift + scale
    elif norm.method == "zscore":
        low, high = shift - 2 * scale, shift + 2 * scale
    else:
        low, high = -np.ones(n), np.ones(n)
    return np.random.default_rng(seed).uniform(low, high, size=(rows, n))


def reference_path(artifact: str | os.PathLike) -> str:
    """Where the reference of ``artifact`` (a file or a directory) lies."""
    return os.fspath(artifact).rstrip("/\\") + ".reference.json"


def write_reference(artifact: str | os.PathLike, model: Model, X: np.ndarray, rtol: float) -> str:
    """Write the reference of ``artifact`` for inputs ``X``; its path."""
    X = np.asarray(X, dtype=np.float64)
    outputs = model.predict(X)
    # Single precision rounds at the scale of the largest values in the network, so a float32
    # output near 0 may miss by rtol of its larger neighbours; float64 code repeats the engine's.
    scale = max(1.0, float(np.abs(outputs).max(initial=0.0))) if rtol >= RTOL_FLOAT32 else 1e-3
    atol = rtol * scale
    record = {"inputs": X.tolist(), "outputs": outputs.tolist(), "rtol": rtol, "atol": atol,
              "feature_names": list(model.feature_names), "target_names": list(model.target_names)}
    path = reference_path(artifact)
    atomic_write(path, lambda fh: fh.write(json.dumps(record, indent=1).encode("utf-8")))
    return path


def read_reference(path: str | os.PathLike) -> dict[str, Any]:
    """A reference file's contents, inputs and outputs as float64 arrays."""
    with open(path, encoding="utf-8") as fh:
        record = json.load(fh)
    record["inputs"] = np.asarray(record["inputs"], dtype=np.float64)
    record["outputs"] = np.asarray(record["outputs"], dtype=np.float64)
    return record


def mismatch(expected: np.ndarray, got: np.ndarray, rtol: float, atol: float = 0.0) -> str | None:
    """None if ``got`` matches ``expected`` within the tolerances; else where it does not."""
    got = np.asarray(got, dtype=np.float64)
    if got.shape != expected.shape:
        return Text("export_reference", QT_TRANSLATE_NOOP("export_reference", "outputs of shape {got}, expected {expected}"),
                    got=str(got.shape), expected=str(expected.shape))
    bad = ~np.isclose(got, expected, rtol=rtol, atol=atol)
    if not bad.any():
        return None
    i, j = (int(k) for k in np.argwhere(bad)[0])
    worst = float(np.max(np.abs(got - expected) / np.maximum(np.abs(expected), atol or 1e-300)))
    return Text("export_reference", QT_TRANSLATE_NOOP(
        "export_reference", "{bad} of {size} outputs differ; the first at row {row}, output {output}: "
        "{got}, expected {expected} (largest relative error {worst}, allowed {rtol})"),
        bad=int(bad.sum()), size=bad.size, row=i + 1, output=j + 1, got=repr(got[i, j]),
        expected=repr(expected[i, j]), worst=f"{worst:.3g}", rtol=f"{rtol:g}")


def check_failed(problem: str) -> str:
    """The line of a failed self-check: ``check failed: {problem}``."""
    return Text("export_reference", QT_TRANSLATE_NOOP("export_reference", "check failed: {problem}"), problem=problem)


def check_passed(rows: int, rtol: float) -> str:
    """The line of a passed self-check of ``rows`` reference rows."""
    return Text("export_reference", QT_TRANSLATE_NOOP("export_reference", "check passed: {rows} rows agree within {rtol}"),
                rows=rows, rtol=f"{rtol:g}")
