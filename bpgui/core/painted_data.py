"""Painted data: points a user placed on a canvas, as a `Dataset` and back.

Two modes:

* ``"classes"`` -- 2-D points (x1, x2), each of a class A..E.  The Dataset is
  the one `load_csv` makes of the CSV ``x1,x2,label`` the points save as: the
  classes painted, in order; two give one 0/1 column (1 = the second),
  more give one-hot columns ``label=A``...;
* ``"numbers"`` -- 1-D regression: points (x, y), feature ``x``, target ``y``.

A painted Dataset's ``source`` holds the points themselves
(``{"kind": "painted", "mode": ..., "points": [[x, y, "A"], ...]}``), so a
model file keeps its painted data and a reopened model rebuilds it.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass

import numpy as np

from .dataset import DataError, Dataset
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["PaintedPoints", "MODES", "CLASS_NAMES", "MAX_POINTS"]

MODES = ("classes", "numbers")
CLASS_NAMES = ("A", "B", "C", "D", "E")
# The model file keeps the points as JSON text: 2,000 points are about 50 KB, and the
# canvas redraws them at once.  More is a data set for a CSV file, not for painting.
MAX_POINTS = 2000
DECIMALS = 4   # a ten-thousandth of the canvas: finer than a pixel, and short in the file

_FEATURES = {"classes": ["x1", "x2"], "numbers": ["x"]}


@dataclass(frozen=True)
class PaintedPoints:
    """Painted points: ``xy`` (n, 2), and ``labels`` (n,) indices into CLASS_NAMES
    (all 0 for "numbers", where y is the target).  Edits return new objects."""

    mode: str
    xy: np.ndarray
    labels: np.ndarray

    @classmethod
    def empty(cls, mode: str) -> "PaintedPoints":
        return cls(mode, np.zeros((0, 2)), np.zeros(0, dtype=np.intp))

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def room(self) -> int:
        """How many more points fit under MAX_POINTS."""
        return max(MAX_POINTS - len(self), 0)

    # ----------------------------------------------------------------- edits
    def added(self, xy, label: int = 0) -> "PaintedPoints":
        """With the points ``xy`` (m, 2) of class ``label`` added, as many as fit."""
        xy = np.round(np.asarray(xy, dtype=np.float64).reshape(-1, 2)[:self.room], DECIMALS) + 0.0  # no -0.0
        labels = np.full(len(xy), label if self.mode == "classes" else 0, dtype=np.intp)
        return PaintedPoints(self.mode, np.vstack([self.xy, xy]), np.concatenate([self.labels, labels]))

    def without(self, indices) -> "PaintedPoints":
        """With the point(s) at ``indices`` (one index or several) removed."""
        keep = ~np.isin(np.arange(len(self)), indices)
        return PaintedPoints(self.mode, self.xy[keep], self.labels[keep])

    def near(self, x: float, y: float, scale, radius: float, count: int = 1) -> np.ndarray:
        """The indices of at most ``count`` points within ``radius`` of (x, y), nearest
        first; each axis's distance is divided by ``scale`` (a pixel's size: distances in pixels)."""
        d = np.hypot((self.xy[:, 0] - x) / scale[0], (self.xy[:, 1] - y) / scale[1])
        order = np.argsort(d, kind="stable")[:count]
        return order[d[order] <= radius]

    # ------------------------------------------------------------- describing
    def counts(self) -> dict[str, int]:
        """Points per class painted, in class order."""
        present, n = np.unique(self.labels, return_counts=True)
        return {CLASS_NAMES[k]: int(c) for k, c in zip(present, n)}

    def problem(self) -> str | None:
        """Why these points cannot train a network, in plain words; None when they can."""
        if self.mode == "numbers":
            return None if len(self) >= 2 else "Paint at least 2 points (x, y) to train on them."
        classes = self.counts()
        if len(classes) >= 2:
            return None
        if not classes:
            return "Paint points of at least 2 classes to train on them."
        return f"Only class {next(iter(classes))} so far: paint points of a second class to train."

    # --------------------------------------------------------------- dataset
    def dataset(self) -> Dataset:
        """The Dataset of these points (any count: the document refuses fewer than two)."""
        n = len(self)
        name = f"painted {self.mode} ({n} point{'s' if n != 1 else ''})"
        source = self.source()
        if self.mode == "numbers":
            return Dataset(X=self.xy[:, :1], Y=self.xy[:, 1:], feature_names=["x"], target_names=["y"],
                           class_names=None, task="regression", source=source, name=name)
        present = np.unique(self.labels)
        names = [CLASS_NAMES[k] for k in present]
        if len(present) <= 2:   # one 0/1 column, 1 for the second class (as load_csv reads two labels)
            Y = (self.labels == present[-1]).astype(np.float64)[:, None] if len(present) == 2 else np.zeros((n, 1))
            return Dataset(X=self.xy, Y=Y, feature_names=["x1", "x2"], target_names=["label"], class_names=names,
                           task="binary", source=source, name=name)
        Y = (self.labels[:, None] == present[None, :]).astype(np.float64)
        return Dataset(X=self.xy, Y=Y, feature_names=["x1", "x2"], target_names=[f"label={c}" for c in names],
                       class_names=names, task="multiclass", source=source, name=name)

    def source(self) -> dict:
        """What a model file keeps: the points as JSON-ready rows."""
        if self.mode == "numbers":
            rows = [[float(x), float(y)] for x, y in self.xy]
        else:
            rows = [[float(x), float(y), CLASS_NAMES[k]] for (x, y), k in zip(self.xy, self.labels)]
        return {"kind": "painted", "mode": self.mode, "points": rows}

    @classmethod
    def from_source(cls, source: dict) -> "PaintedPoints":
        """The points a painted source holds; raises DataError naming the bad row."""
        mode = source.get("mode")
        if mode not in MODES:
            raise DataError(Text("painted_data", QT_TRANSLATE_NOOP("painted_data", "painted data of an unknown kind {mode}"), mode=repr(mode)))
        rows = source.get("points")
        if not isinstance(rows, list):
            raise DataError(Text("painted_data", QT_TRANSLATE_NOOP("painted_data", "the painted data holds no list of points")))
        width = 2 if mode == "numbers" else 3
        xy, labels = np.zeros((len(rows), 2)), np.zeros(len(rows), dtype=np.intp)
        for i, row in enumerate(rows):
            try:
                if len(row) != width:
                    raise ValueError(Text("painted_data", QT_TRANSLATE_NOOP("painted_data", "{count} values instead of {width}"), count=len(row), width=width))
                xy[i] = float(row[0]), float(row[1])
                labels[i] = CLASS_NAMES.index(row[2]) if width == 3 else 0
            except (TypeError, ValueError) as exc:
                reason = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Text) else str(exc)
                raise DataError(Text("painted_data", QT_TRANSLATE_NOOP("painted_data", "painted point {number} ({row}) cannot be read: {reason}"),
                                     number=i + 1, row=repr(row), reason=reason)) from None
        if not np.isfinite(xy).all():
            raise DataError(Text("painted_data", QT_TRANSLATE_NOOP("painted_data", "a painted point is not a finite number")))
        return cls(mode, xy, labels)

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> tuple["PaintedPoints", str | None]:
        """Points to paint on, made of ``dataset`` (2-D classes, or 1-D numbers), and a note
        on what was changed (classes renamed, rows left out); DataError when it cannot be painted."""
        if dataset.source.get("kind") == "painted":
            return cls.from_source(dataset.source), None
        mode, labels = _paintable(dataset)
        X = dataset.X if mode == "classes" else np.column_stack([dataset.X[:, 0], dataset.Y[:, 0]])
        rows = np.flatnonzero(np.isfinite(X).all(axis=1))
        notes = []
        if len(rows) < len(X):
            notes.append(f"{len(X) - len(rows):,} rows with a missing value left out")
        if len(rows) > MAX_POINTS:   # evenly spread, so the picture keeps its shape
            rows = rows[np.linspace(0, len(rows) - 1, MAX_POINTS).round().astype(np.intp)]
            notes.append(f"{MAX_POINTS:,} of its {len(X):,} rows taken, the most a painting holds")
        if mode == "classes" and dataset.class_names:
            renamed = [f"{old} → {new}" for old, new in zip(dataset.class_names, CLASS_NAMES) if old != new]
            if renamed:
                notes.append("classes " + ", ".join(renamed))
        return cls(mode, np.round(X[rows], DECIMALS) + 0.0, labels[rows]), "; ".join(notes) or None

    # ------------------------------------------------------------------- CSV
    def write_csv(self, path: str) -> None:
        """``x1,x2,label`` (classes) or ``x,y`` (numbers); `load_csv` reads it back as ``dataset()``."""
        with open(path, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(_FEATURES[self.mode] + (["label"] if self.mode == "classes" else ["y"]))
            for row in self.source()["points"]:
                out.writerow([repr(row[0]), repr(row[1]), *row[2:]])


def _paintable(dataset: Dataset) -> tuple[str, np.ndarray]:
    """The mode ``dataset`` paints in and its class of each row; DataError saying why not."""
    if dataset.task == "regression" and dataset.n_features == 1 and dataset.n_outputs == 1:
        return "numbers", np.zeros(dataset.n_samples, dtype=np.intp)
    if dataset.n_features != 2 or dataset.task == "regression":
        raise DataError(Text("painted_data", QT_TRANSLATE_NOOP(
            "painted_data", "Only data with 2 inputs and classes, or 1 input and 1 number, can be painted on; "
            "{name} has {inputs} inputs ({task})."), name=_name(dataset), inputs=dataset.n_features, task=dataset.task))
    if dataset.task == "binary" and dataset.n_outputs == 1:
        return "classes", (dataset.Y[:, 0] >= 0.5).astype(np.intp)
    if dataset.task == "multiclass" and dataset.n_outputs <= len(CLASS_NAMES):
        return "classes", dataset.Y.argmax(axis=1).astype(np.intp)
    raise DataError(Text("painted_data", QT_TRANSLATE_NOOP(
        "painted_data", "A painting has at most {most} classes with one label each; {name} has {outputs} outputs."),
        most=len(CLASS_NAMES), name=_name(dataset), outputs=dataset.n_outputs))


def _name(dataset: Dataset) -> str:
    return dataset.name or Text("painted_data", QT_TRANSLATE_NOOP("painted_data", "this data"))
