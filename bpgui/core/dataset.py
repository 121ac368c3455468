"""The `Dataset` record every source produces, and `DataError` for bad input.

A `Dataset` is two float64 matrices, ``X`` (inputs, one row per sample) and
``Y`` (targets), with names for their columns and a ``task`` that tells the
rest of the program which output layer and loss fit it:

* ``"binary"``     -- Y holds 0/1 columns (sigmoid + binary cross-entropy);
* ``"multiclass"`` -- Y is one-hot, one column per class (softmax + CE);
* ``"regression"`` -- Y holds real values (identity + MSE).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Sequence

import numpy as np

from bpgui.core.translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["Dataset", "DataError", "TASKS"]

TASKS = ("binary", "multiclass", "regression")


class DataError(ValueError):
    """Bad input data.  The message says where: file, line (1-based, the
    header is line 1) and column name; the same facts are attributes
    (``None`` where they do not apply)."""

    def __init__(self, message: str, path: str | os.PathLike | None = None,
                 line: int | None = None, column: str | None = None) -> None:
        self.path = None if path is None else str(path)
        self.line = line
        self.column = column
        self.reason = message   # a core/translatable Text where the window translates it
        self.message = _located(message, path, line, column)   # the whole message, a Text if located
        super().__init__(str(self.message))


def _located(reason: str, path: str | os.PathLike | None, line: int | None, column: str | None) -> str:
    """``reason`` preceded by where it is: "FILE line N, column 'x': reason"."""
    file = None if path is None else os.path.basename(str(path)) or str(path)
    if file is not None and line is not None:
        where = Text("dataset", QT_TRANSLATE_NOOP("dataset", "{file} line {line}"), file=file, line=line)
    elif file is not None:
        where = file
    elif line is not None:
        where = Text("dataset", QT_TRANSLATE_NOOP("dataset", "line {line}"), line=line)
    else:
        where = None
    if column is not None:
        where = Text("dataset", QT_TRANSLATE_NOOP("dataset", "column {column}"), column=repr(column)) \
            if where is None else \
            Text("dataset", QT_TRANSLATE_NOOP("dataset", "{where}, column {column}"), where=where, column=repr(column))
    if where is None:
        return reason
    return Text("dataset", QT_TRANSLATE_NOOP("dataset", "{where}: {reason}"), where=where, reason=reason)


@dataclass
class Dataset:
    """Inputs ``X`` (n, n_features) and targets ``Y`` (n, n_targets), float64.

    ``class_names`` lists the classes of a class-label target in the order of
    Y's encoding (binary: Y == 1 means ``class_names[1]``; multiclass: column
    k of the one-hot Y is ``class_names[k]``); ``None`` for regression and for
    multi-output binary data such as the adders.
    """

    X: np.ndarray
    Y: np.ndarray
    feature_names: list[str]
    target_names: list[str]
    class_names: list[str] | None
    task: str
    source: dict = field(default_factory=dict)
    name: str = ""
    notes: list[str] = field(default_factory=list)   # what the reader did that the user should know
    image_shape: tuple[int, int] | None = None       # (width, height) when the features are pixels

    def __post_init__(self) -> None:
        # Normalise once here so every consumer can rely on the layout.
        self.X = np.ascontiguousarray(self.X, dtype=np.float64)
        self.Y = np.ascontiguousarray(self.Y, dtype=np.float64)
        if self.X.ndim != 2 or self.Y.ndim != 2:
            raise DataError(Text("dataset", QT_TRANSLATE_NOOP(
                    "dataset", "X and Y must be 2-D, got shapes {x_shape} and {y_shape}"),
                    x_shape=str(self.X.shape), y_shape=str(self.Y.shape)))
        if self.X.shape[0] != self.Y.shape[0]:
            raise DataError(Text("dataset", QT_TRANSLATE_NOOP(
                    "dataset", "X has {x_rows} rows but Y has {y_rows}"),
                    x_rows=self.X.shape[0], y_rows=self.Y.shape[0]))
        if len(self.feature_names) != self.X.shape[1]:
            raise DataError(Text("dataset", QT_TRANSLATE_NOOP(
                    "dataset", "{names} feature names for {columns} columns"),
                    names=len(self.feature_names), columns=self.X.shape[1]))
        if len(self.target_names) != self.Y.shape[1]:
            raise DataError(Text("dataset", QT_TRANSLATE_NOOP(
                    "dataset", "{names} target names for {columns} columns"),
                    names=len(self.target_names), columns=self.Y.shape[1]))
        if self.task not in TASKS:
            raise DataError(Text("dataset", QT_TRANSLATE_NOOP(
                    "dataset", "task must be one of {tasks}, got {got}"), tasks=', '.join(TASKS), got=repr(self.task)))
        self.feature_names = list(self.feature_names)
        self.target_names = list(self.target_names)
        if self.class_names is not None:
            self.class_names = list(self.class_names)
        if self.image_shape is not None:
            w, h = self.image_shape = (int(self.image_shape[0]), int(self.image_shape[1]))
            if w * h != self.X.shape[1]:
                raise DataError(Text("dataset", QT_TRANSLATE_NOOP(
                        "dataset", "a {width} x {height} image has {pixels} pixels, but there are {features} features"),
                        width=w, height=h, pixels=w * h, features=self.X.shape[1]))

    @property
    def n_samples(self) -> int:
        return self.X.shape[0]

    @property
    def n_features(self) -> int:
        return self.X.shape[1]

    @property
    def n_outputs(self) -> int:
        return self.Y.shape[1]

    def subset(self, indices: Sequence[int] | np.ndarray) -> "Dataset":
        """A new Dataset with the given rows (integer indices or a boolean mask)."""
        idx = np.asarray(indices)
        if idx.dtype != bool:
            idx = idx.astype(np.intp, copy=False)
        return replace(self, X=self.X[idx], Y=self.Y[idx])
