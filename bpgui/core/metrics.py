"""Metrics: accuracy for classifiers, R^2 and MAE for regression.

Which metric a network gets follows from its output: sigmoid or softmax
outputs (or a bce / ce loss) make a classifier, anything else a regressor.

Accuracy: with softmax (or any multi-unit non-sigmoid output) a row is right
when the argmax of the prediction is the argmax of the target; with sigmoid
outputs each unit is thresholded at 0.5 and a row is right when all of its
units are (for a single output, the usual 0.5 threshold).
"""
from __future__ import annotations

import numpy as np

__all__ = ["is_classifier", "accuracy", "r2_score", "mae", "evaluate_metrics"]


def is_classifier(output_activation: str, loss: str) -> bool:
    return loss in ("bce", "ce") or output_activation in ("sigmoid", "softmax")


def correct_count(y_hat: np.ndarray, y: np.ndarray, thresholded: bool) -> int:
    """Rows predicted right (see the module docstring for the rule)."""
    if y_hat.shape[1] == 1:
        return int(np.count_nonzero((y_hat >= 0.5) == (y >= 0.5)))
    if thresholded:
        return int(np.count_nonzero(((y_hat >= 0.5) == (y >= 0.5)).all(axis=1)))
    return int(np.count_nonzero(y_hat.argmax(axis=1) == y.argmax(axis=1)))


def accuracy(y_hat: np.ndarray, y: np.ndarray, thresholded: bool = False) -> float:
    return correct_count(y_hat, y, thresholded) / len(y)


def r2_score(y_hat: np.ndarray, y: np.ndarray) -> float:
    """Coefficient of determination, averaged over the output columns.

    A constant target column has no variance to explain: it scores 1 when
    predicted exactly and 0 otherwise (scikit-learn's convention).
    """
    sse = ((y - y_hat) ** 2).sum(axis=0)
    sst = ((y - y.mean(axis=0)) ** 2).sum(axis=0)
    return float(np.mean(r2_from_sums(sse, sst)))


def r2_from_sums(sse: np.ndarray, sst: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        r2 = 1.0 - sse / sst
    return np.where(sst > 0, r2, np.where(sse == 0, 1.0, 0.0))


def mae(y_hat: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.abs(y_hat - y)))


def evaluate_metrics(y_hat: np.ndarray, y: np.ndarray, output_activation: str, loss: str) -> dict[str, float]:
    if is_classifier(output_activation, loss):
        return {"accuracy": accuracy(y_hat, y, thresholded=output_activation == "sigmoid")}
    return {"r2": r2_score(y_hat, y), "mae": mae(y_hat, y)}
