"""What a model gets right and wrong on a set of rows: the confusion matrix and
per-class precision, recall and F1 for classes; errors and R² for numbers.

Computed from the model's outputs on the raw target scale (``Model.predict``),
for the Results view and ``bpgui evaluate``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .metrics import r2_score

__all__ = ["ClassResults", "RegressionResults", "class_confidence", "class_indices", "class_results",
           "regression_results"]


def class_indices(out: np.ndarray) -> np.ndarray:
    """Each row's class: argmax of several outputs, or one output thresholded at 0.5."""
    out = np.asarray(out, dtype=np.float64)
    if out.shape[1] == 1:
        return (out[:, 0] >= 0.5).astype(np.intp)
    return out.argmax(axis=1)


def class_confidence(out: np.ndarray) -> np.ndarray:
    """Each row's output for the class it is given (``class_indices``): the largest of
    several outputs, or for one output p when p >= 0.5 and 1 - p below."""
    out = np.asarray(out, dtype=np.float64)
    if out.shape[1] == 1:
        p = out[:, 0]
        return np.where(p >= 0.5, p, 1.0 - p)
    return out.max(axis=1)


@dataclass
class ClassResults:
    class_names: list[str]
    confusion: np.ndarray     # (k, k) counts: rows the true classes, columns the predicted
    precision: np.ndarray     # per class; NaN for a class never predicted
    recall: np.ndarray        # per class; NaN for a class absent from the rows
    f1: np.ndarray
    support: np.ndarray       # rows of each true class

    @property
    def accuracy(self) -> float:
        total = self.confusion.sum()
        return float(np.trace(self.confusion) / total) if total else float("nan")

    def row_normalised(self) -> np.ndarray:
        """Each true class's row as shares of its rows (NaN for a class with none)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.confusion / self.confusion.sum(axis=1, keepdims=True)

    def per_class(self) -> dict[str, dict[str, float | int | None]]:
        """JSON-ready: class name -> precision, recall, f1 (None where undefined), support."""
        def num(v: float) -> float | None:
            return None if np.isnan(v) else float(v)
        return {name: {"precision": num(p), "recall": num(r), "f1": num(f), "support": int(s)}
                for name, p, r, f, s in zip(self.class_names, self.precision, self.recall, self.f1, self.support)}


def class_results(out: np.ndarray, Y: np.ndarray, class_names: list[str]) -> ClassResults:
    """Results of outputs ``out`` against one-hot (or one 0/1 column) targets ``Y``."""
    k = len(class_names)
    truth, predicted = class_indices(Y), class_indices(out)
    confusion = np.zeros((k, k), dtype=np.int64)
    np.add.at(confusion, (truth, predicted), 1)
    hits = np.diag(confusion).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = hits / confusion.sum(axis=0)
        recall = hits / confusion.sum(axis=1)
        f1 = 2 * precision * recall / (precision + recall)
    f1 = np.where((precision == 0) | (recall == 0), 0.0, f1)   # nothing right: 0, even if never predicted
    return ClassResults(list(class_names), confusion, precision, recall, f1, confusion.sum(axis=1))


@dataclass
class RegressionResults:
    target_names: list[str]
    predicted: np.ndarray
    actual: np.ndarray

    @property
    def residuals(self) -> np.ndarray:
        return self.actual - self.predicted

    @property
    def mae(self) -> float:
        return float(np.mean(np.abs(self.residuals)))

    @property
    def rmse(self) -> float:
        return float(np.sqrt(np.mean(self.residuals ** 2)))

    @property
    def r2(self) -> float:
        return r2_score(self.predicted, self.actual)


def regression_results(out: np.ndarray, Y: np.ndarray, target_names: list[str]) -> RegressionResults:
    return RegressionResults(list(target_names), np.asarray(out, dtype=np.float64), np.asarray(Y, dtype=np.float64))
