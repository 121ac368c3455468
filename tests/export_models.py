"""Small trained-looking models every export is tested on: a binary classifier (sigmoid + bce),
a multi-class one (softmax + ce) and a regression with z-score inputs and targets; between them
every activation bpgui has, in float32 and float64."""
from __future__ import annotations

import numpy as np

from bpgui.core import Network
from bpgui.core.dataset import Dataset
from bpgui.core.model import Model

KINDS = ("binary", "multiclass", "regression")
DTYPES = ("float32", "float64")

# Hidden layers per kind: together they use every activation at least once.
_HIDDEN = {"binary": [(5, "tanh"), (4, "relu"), (3, "leaky_relu")],
           "multiclass": [(6, "elu"), (5, "softplus"), (4, "gelu")],
           "regression": [(5, "swish"), (4, "sigmoid"), (3, "linear")]}


def _data(kind: str, rng: np.random.Generator) -> Dataset:
    X = rng.normal([3.0, -20.0, 0.5], [2.0, 7.0, 0.1], size=(40, 3))
    names = ["width", "depth (m)", "h"]
    if kind == "binary":
        Y = (X[:, :1] > 3.0).astype(float)
        return Dataset(X, Y, names, ["label"], ["no", "yes"], task="binary")
    if kind == "multiclass":
        Y = np.eye(3)[rng.integers(0, 3, 40)]
        return Dataset(X, Y, names, ["a", "b", "c"], ["a", "b", "c"], task="multiclass")
    Y = np.column_stack([X[:, 0] * 50 + 1000, X[:, 1] * 0.01])
    return Dataset(X, Y, names, ["price", "tilt"], None, task="regression")


def make_model(kind: str, dtype: str = "float64", seed: int = 0, fill: bool = False) -> Model:
    """A model of ``kind`` with random weights of a usable size (so outputs are not all saturated)."""
    rng = np.random.default_rng(seed)
    ds = _data(kind, rng)
    out = {"binary": (1, "sigmoid", "bce"), "multiclass": (3, "softmax", "ce"),
           "regression": (2, "linear", "mse")}[kind]
    net = Network(3, [*_HIDDEN[kind], out[:2]], loss=out[2], dtype=dtype, seed=seed)
    net.weights = [W * 1.5 for W in net.weights]
    net.biases = [rng.normal(0, 0.3, b.shape) for b in net.biases]
    normalize = "zscore" if kind == "regression" else ("minmax" if kind == "binary" else "none")
    return Model.for_dataset(net, ds, normalize, fill_missing=fill)


def data_of(kind: str) -> np.ndarray:
    return _data(kind, np.random.default_rng(0)).X
