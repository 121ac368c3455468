"""Preparing a Dataset for training: column rescaling and train/validation/test splits.

`Normalizer` rescales columns with statistics from the training split only;
`split_dataset` makes seeded, stratified splits.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .dataset import DataError, Dataset
from .registry import lookup
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["Normalizer", "NORMALIZATIONS", "split_dataset"]


# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------

NORMALIZATIONS = ("none", "minmax", "zscore")


class Normalizer:
    """Column-wise affine rescaling: ``transform(X) = (X - shift) / scale``.

    ``minmax`` maps the fitted range to [0, 1]; ``zscore`` to mean 0, std 1;
    ``none`` is the identity.  Fit on the training split only, so that
    validation and test rows do not leak into the statistics.

    ``fill`` (fitted with ``fill_missing``) holds the training rows' column
    means that take the place of missing values (NaN) before rescaling.
    """

    def __init__(self, method: str = "none") -> None:
        lookup(dict.fromkeys(NORMALIZATIONS), method, "normalization", DataError)
        self.method = method
        self.shift: np.ndarray | None = None
        self.scale: np.ndarray | None = None
        self.fill: np.ndarray | None = None

    def fit(self, X: np.ndarray, fill_missing: bool = False,
            names: Sequence[str] | None = None) -> "Normalizer":
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[0] == 0:
            raise DataError(Text("preprocessing", QT_TRANSLATE_NOOP(
                    "preprocessing", "fit needs a non-empty 2-D array, got shape {shape}"), shape=str(X.shape)))
        self.fill = _column_means(X, names) if fill_missing else None
        X = self._filled(X)
        if self.method == "minmax":
            shift = X.min(axis=0)
            scale = X.max(axis=0) - shift
        elif self.method == "zscore":
            shift = X.mean(axis=0)
            scale = X.std(axis=0)
        else:
            shift = np.zeros(X.shape[1])
            scale = np.ones(X.shape[1])
        # a constant column carries no information; leave it shifted, unscaled
        scale = np.where(scale > 0, scale, 1.0)
        self.shift, self.scale = shift, scale
        return self

    def _check(self, X: np.ndarray) -> np.ndarray:
        if self.shift is None or self.scale is None:
            raise RuntimeError("Normalizer.fit must be called before transform")
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != self.shift.shape[0]:
            raise DataError(Text("preprocessing", QT_TRANSLATE_NOOP(
                    "preprocessing", "expected an array with {columns} columns, got shape {shape}"),
                    columns=self.shift.shape[0], shape=str(X.shape)))
        return X

    def _filled(self, X: np.ndarray) -> np.ndarray:
        """X with its missing values (NaN) replaced by the fitted column means."""
        gaps = np.isnan(X)
        if not gaps.any():
            return X
        if self.fill is None:
            k = int(np.argwhere(gaps)[0, 1])
            raise DataError(Text("preprocessing", QT_TRANSLATE_NOOP(
                "preprocessing", "input column {k} has missing values, and the model has no column means "
                "to fill them with (it was trained on data without missing values)"), k=k + 1))
        return np.where(gaps, self.fill, X)

    def transform(self, X: np.ndarray) -> np.ndarray:
        return (self._filled(self._check(X)) - self.shift) / self.scale

    def inverse_transform(self, X: np.ndarray) -> np.ndarray:
        return self._check(X) * self.scale + self.shift

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable state (method and plain lists of floats; ``fill`` only when fitted)."""
        out: dict[str, Any] = {"method": self.method,
                               "shift": None if self.shift is None else [float(v) for v in self.shift],
                               "scale": None if self.scale is None else [float(v) for v in self.scale]}
        if self.fill is not None:
            out["fill"] = [float(v) for v in self.fill]
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Normalizer":
        """Rebuild from `to_dict` output, checking every field."""
        if not isinstance(d, dict) or "method" not in d:
            raise DataError(Text("preprocessing", QT_TRANSLATE_NOOP(
                    "preprocessing", "normalizer: expected a dict with 'method', 'shift' and 'scale'")))
        norm = cls(d["method"])
        shift, scale = d.get("shift"), d.get("scale")
        if shift is None and scale is None:
            return norm
        try:
            shift_a = np.array(shift, dtype=np.float64)
            scale_a = np.array(scale, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise DataError(Text("preprocessing", QT_TRANSLATE_NOOP(
                    "preprocessing", "normalizer: shift and scale must be lists of numbers ({error})"),
                    error=str(exc))) from None
        if shift_a.ndim != 1 or shift_a.shape != scale_a.shape:
            raise DataError(Text("preprocessing", QT_TRANSLATE_NOOP(
                    "preprocessing", "normalizer: shift and scale must be flat lists of equal length")))
        if not (np.isfinite(shift_a).all() and np.isfinite(scale_a).all() and (scale_a > 0).all()):
            raise DataError(Text("preprocessing", QT_TRANSLATE_NOOP(
                    "preprocessing", "normalizer: shift must be finite and scale finite and > 0")))
        norm.shift, norm.scale = shift_a, scale_a
        if d.get("fill") is not None:
            fill = np.array(d["fill"], dtype=np.float64)
            if fill.shape != shift_a.shape or not np.isfinite(fill).all():
                raise DataError(Text("preprocessing", QT_TRANSLATE_NOOP(
                        "preprocessing", "normalizer: fill must be a list of finite numbers, one per column")))
            norm.fill = fill
        return norm

    def __repr__(self) -> str:
        return f"Normalizer({self.method!r}, fitted={self.shift is not None})"


def _column_means(X: np.ndarray, names: Sequence[str] | None) -> np.ndarray:
    """Each column's mean over its values present (the training rows' means fill missing cells)."""
    present = ~np.isnan(X)
    empty = np.flatnonzero(~present.any(axis=0))
    if len(empty):
        k = int(empty[0])
        name = repr(names[k]) if names is not None else str(k + 1)
        raise DataError(Text("preprocessing", QT_TRANSLATE_NOOP(
            "preprocessing", "column {name} has no values in the training rows: no mean to fill its missing cells"),
            name=name))
    return np.where(present, X, 0.0).sum(axis=0) / present.sum(axis=0)


# --------------------------------------------------------------------------
# Train / validation / test splits
# --------------------------------------------------------------------------

def _allocate(sizes: np.ndarray, ratio: float, cap: np.ndarray) -> np.ndarray:
    """Share round(sizes.sum() * ratio) rows among strata in proportion to
    their sizes (largest remainder), never more than `cap` per stratum."""
    want = sizes * ratio
    take = np.minimum(np.floor(want).astype(np.int64), cap)
    missing = int(round(sizes.sum() * ratio)) - int(take.sum())
    # ties go to the earlier stratum: np.argsort is stable on -remainder
    for k in np.argsort(-(want - np.floor(want)), kind="stable"):
        if missing <= 0:
            break
        if take[k] < cap[k]:
            take[k] += 1
            missing -= 1
    return take


def split_dataset(ds: Dataset, val: float = 0.2, test: float = 0.0, seed: int = 0,
                  stratify: bool = True) -> tuple[Dataset, Dataset | None, Dataset | None]:
    """Split into (train, val, test); an empty val or test split is ``None``.

    For binary and multiclass tasks (with ``stratify``) every distinct target
    row is a stratum and is split in the same proportions, so each class keeps
    its share.  Rows inside each split keep their original order.
    """
    for label, r in (("val", val), ("test", test)):
        if not isinstance(r, (int, float)) or isinstance(r, bool) or not (0.0 <= r < 1.0):
            raise DataError(Text("preprocessing", QT_TRANSLATE_NOOP(
                    "preprocessing", "{label} must be a fraction in [0, 1), got {got}"), label=label, got=repr(r)))
    if val + test >= 1.0:
        raise DataError(Text("preprocessing", QT_TRANSLATE_NOOP(
            "preprocessing", "val + test must be below 1 to leave training rows, got {total}"), total=f"{val + test:g}"))
    rng = np.random.default_rng(seed)
    n = ds.n_samples
    if stratify and ds.task == "multiclass":
        strata = ds.Y.argmax(axis=1)  # class order, so ties resolve by class
    elif stratify and ds.task == "binary":
        # each distinct 0/1 row is a stratum (covers multi-output gates too)
        _, strata = np.unique(ds.Y, axis=0, return_inverse=True)
        strata = strata.reshape(-1)
    else:
        strata = np.zeros(n, dtype=np.intp)
    groups = [rng.permutation(np.flatnonzero(strata == k)) for k in range(int(strata.max(initial=-1)) + 1)]
    sizes = np.array([len(g) for g in groups], dtype=np.int64)
    n_test = _allocate(sizes, test, sizes)
    n_val = _allocate(sizes, val, sizes - n_test)
    parts: dict[str, list[np.ndarray]] = {"train": [], "val": [], "test": []}
    for g, t, v in zip(groups, n_test, n_val):
        parts["test"].append(g[:t])
        parts["val"].append(g[t:t + v])
        parts["train"].append(g[t + v:])
    idx = {k: np.sort(np.concatenate(v)) if v else np.empty(0, np.intp) for k, v in parts.items()}
    if len(idx["train"]) == 0:
        raise DataError(Text("preprocessing", QT_TRANSLATE_NOOP(
            "preprocessing", "{name}: {n} rows leave no training rows after the split"),
            name=ds.name or Text("preprocessing", QT_TRANSLATE_NOOP("preprocessing", "data set")), n=n))

    def part(key: str) -> Dataset | None:
        if len(idx[key]) == 0 and key != "train":
            return None
        sub = ds.subset(idx[key])
        sub.name = f"{ds.name} [{key}]" if ds.name else key
        return sub

    return part("train"), part("val"), part("test")
