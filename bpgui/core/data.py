"""Training data: the `Dataset` record and everything that makes one.

A `Dataset` is two float64 matrices, ``X`` (inputs, one row per sample) and
``Y`` (targets), with names for their columns and a ``task`` that tells the
rest of the program which output layer and loss fit it:

* ``"binary"``     -- Y holds 0/1 columns (sigmoid + binary cross-entropy);
* ``"multiclass"`` -- Y is one-hot, one column per class (softmax + CE);
* ``"regression"`` -- Y holds real values (identity + MSE).

Sources: logic gates (`GATES`), TensorFlow-Playground-like toy sets
(`TOY_SETS`), and CSV files (`load_csv`, implemented in `csvio`).
`Normalizer` rescales columns with statistics from the training split only;
`split_dataset` makes seeded, stratified train/validation/test splits.

Randomness only ever comes from ``np.random.default_rng(seed)``.
"""
from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Sequence

import numpy as np

__all__ = [
    "Dataset", "DataError", "load_csv", "builtin_dataset", "BUILTIN_DATASETS",
    "GATES", "gate_dataset", "toy_dataset", "TOY_SETS", "ToySet",
    "Normalizer", "NORMALIZATIONS", "split_dataset", "TASKS",
]

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
        self.reason = message
        where = []
        if path is not None:
            where.append(os.path.basename(str(path)) or str(path))
        if line is not None:
            where.append(f"line {line}")
        loc = " ".join(where)
        if column is not None:
            loc = f"{loc}, column {column!r}" if loc else f"column {column!r}"
        super().__init__(f"{loc}: {message}" if loc else message)


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

    def __post_init__(self) -> None:
        # Normalise once here so every consumer can rely on the layout.
        self.X = np.ascontiguousarray(self.X, dtype=np.float64)
        self.Y = np.ascontiguousarray(self.Y, dtype=np.float64)
        if self.X.ndim != 2 or self.Y.ndim != 2:
            raise DataError(f"X and Y must be 2-D, got shapes {self.X.shape} and {self.Y.shape}")
        if self.X.shape[0] != self.Y.shape[0]:
            raise DataError(f"X has {self.X.shape[0]} rows but Y has {self.Y.shape[0]}")
        if len(self.feature_names) != self.X.shape[1]:
            raise DataError(f"{len(self.feature_names)} feature names for {self.X.shape[1]} columns")
        if len(self.target_names) != self.Y.shape[1]:
            raise DataError(f"{len(self.target_names)} target names for {self.Y.shape[1]} columns")
        if self.task not in TASKS:
            raise DataError(f"task must be one of {', '.join(TASKS)}, got {self.task!r}")
        self.feature_names = list(self.feature_names)
        self.target_names = list(self.target_names)
        if self.class_names is not None:
            self.class_names = list(self.class_names)

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


def load_csv(path: str | os.PathLike, target: str | int | Sequence[str | int] | None = None,
             features: Sequence[str | int] | str | None = None,
             one_hot_features: bool | Sequence[str] = False,
             delimiter: str | None = None, classes: Sequence[str] | None = None) -> Dataset:
    """Load a CSV file as a Dataset; see `bpgui.core.csvio.load_csv`."""
    # Imported here, not at module level: csvio imports Dataset from this
    # module, and a lazy import keeps either import order working.
    from bpgui.core.csvio import load_csv as _load_csv
    return _load_csv(path, target=target, features=features,
                     one_hot_features=one_hot_features, delimiter=delimiter, classes=classes)


# --------------------------------------------------------------------------
# Logic gates
# --------------------------------------------------------------------------

def _truth_table(n_inputs: int, fn: Callable[..., tuple[int, ...]]) -> tuple[np.ndarray, np.ndarray]:
    rows = list(itertools.product((0, 1), repeat=n_inputs))
    outs = [fn(*r) for r in rows]
    return np.array(rows, dtype=np.float64), np.array(outs, dtype=np.float64)


GATES: dict[str, tuple[np.ndarray, np.ndarray]] = {
    "and": _truth_table(2, lambda a, b: (a & b,)),
    "or": _truth_table(2, lambda a, b: (a | b,)),
    "nand": _truth_table(2, lambda a, b: (1 - (a & b),)),
    "nor": _truth_table(2, lambda a, b: (1 - (a | b),)),
    "xor": _truth_table(2, lambda a, b: (a ^ b,)),
    "xnor": _truth_table(2, lambda a, b: (1 - (a ^ b),)),
    "not": _truth_table(1, lambda a: (1 - a,)),
    "half_adder": _truth_table(2, lambda a, b: (a ^ b, a & b)),
    "full_adder": _truth_table(3, lambda a, b, c: (a ^ b ^ c, (a & b) | (c & (a ^ b)))),
}
for _x, _y in GATES.values():  # shared tables: make accidental in-place edits fail loudly
    _x.flags.writeable = False
    _y.flags.writeable = False

_GATE_INPUTS = {1: ["a"], 2: ["a", "b"], 3: ["a", "b", "cin"]}
_GATE_OUTPUTS = {"half_adder": ["sum", "carry"], "full_adder": ["sum", "cout"]}


def gate_dataset(name: str) -> Dataset:
    """The truth table of gate `name` as a binary Dataset.

    Single-output gates get ``class_names == ["0", "1"]``; the adders have
    two independent 0/1 outputs and ``class_names is None``.
    """
    if name not in GATES:
        raise DataError(f"unknown gate {name!r}; choose one of: {', '.join(GATES)}")
    x, y = GATES[name]
    outputs = _GATE_OUTPUTS.get(name, ["out"])
    return Dataset(X=x.copy(), Y=y.copy(), feature_names=list(_GATE_INPUTS[x.shape[1]]),
                   target_names=list(outputs),
                   class_names=["0", "1"] if len(outputs) == 1 else None,
                   task="binary", source={"kind": "gate", "name": name}, name=f"{name} gate")


# --------------------------------------------------------------------------
# Toy sets (after TensorFlow Playground).  Inputs lie roughly in [-1, 1].
# Classification: noise is the std of Gaussian jitter added to the points.
# Regression: noise is the std of Gaussian noise added to the target.
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class ToySet:
    """A toy-set generator: ``generate(rng, n, noise) -> (X, Y)``."""

    task: str
    description: str
    feature_names: tuple[str, ...]
    target_names: tuple[str, ...]
    generate: Callable[[np.random.Generator, int, float], tuple[np.ndarray, np.ndarray]]


def _two_classes(n: int) -> tuple[int, int]:
    return n // 2, n - n // 2


def _labelled(rng: np.random.Generator, parts: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Stack class blocks (class k = parts[k]) and shuffle rows, so that a
    prefix of the data is not all one class."""
    X = np.concatenate(parts)
    Y = np.concatenate([np.full(len(p), k, dtype=np.float64) for k, p in enumerate(parts)])
    order = rng.permutation(len(X))
    return X[order], Y[order, None]


def _circle(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    n_out, n_in = _two_classes(n)

    def ring(m: int, r_lo: float, r_hi: float) -> np.ndarray:
        r = rng.uniform(r_lo, r_hi, m)
        a = rng.uniform(0.0, 2 * np.pi, m)
        return np.column_stack([r * np.cos(a), r * np.sin(a)])

    # class 0 = outer ring, class 1 = inner disc; a gap keeps noise=0 separable
    X, Y = _labelled(rng, [ring(n_out, 0.7, 1.0), ring(n_in, 0.0, 0.5)])
    return X + rng.normal(0.0, noise, X.shape), Y


def _xor(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    X = rng.uniform(-1.0, 1.0, (n, 2))
    X += np.where(X >= 0, 0.05, -0.05)  # keep a margin around the axes
    Y = (X[:, 0] * X[:, 1] > 0).astype(np.float64)[:, None]
    return X + rng.normal(0.0, noise, X.shape), Y


def _gaussians(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    n0, n1 = _two_classes(n)
    # a base spread of 0.1 keeps noise=0 a cloud, not two points
    spread = 0.1 + noise
    return _labelled(rng, [rng.normal((-0.5, -0.5), spread, (n0, 2)),
                           rng.normal((0.5, 0.5), spread, (n1, 2))])


def _spiral(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    def arm(m: int, phase: float) -> np.ndarray:
        t = rng.uniform(0.05, 1.0, m)
        angle = 1.75 * 2 * np.pi * t + phase
        return np.column_stack([t * np.sin(angle), t * np.cos(angle)])

    n0, n1 = _two_classes(n)
    X, Y = _labelled(rng, [arm(n0, 0.0), arm(n1, np.pi)])
    return X + rng.normal(0.0, noise, X.shape), Y


def _moons(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    n0, n1 = _two_classes(n)
    a0 = rng.uniform(0.0, np.pi, n0)
    a1 = rng.uniform(0.0, np.pi, n1)
    upper = np.column_stack([np.cos(a0), np.sin(a0)])
    lower = np.column_stack([1.0 - np.cos(a1), 0.5 - np.sin(a1)])
    X, Y = _labelled(rng, [upper, lower])
    X = (X - (0.5, 0.25)) * (2 / 3)  # centre on the origin, fit in [-1, 1]
    return X + rng.normal(0.0, noise, X.shape), Y


def _sine(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    x = np.sort(rng.uniform(-1.0, 1.0, n))
    y = np.sin(np.pi * x) + rng.normal(0.0, noise, n)
    return x[:, None], y[:, None]


def _plane(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    X = rng.uniform(-1.0, 1.0, (n, 2))
    y = 0.6 * X[:, 0] - 0.4 * X[:, 1] + rng.normal(0.0, noise, n)
    return X, y[:, None]


_BUMPS = np.array([[-0.5, -0.5, 1.0], [0.5, 0.5, 1.0], [-0.5, 0.5, -1.0],
                   [0.5, -0.5, -1.0], [0.0, 0.0, 0.6], [0.9, 0.0, -0.6]])


def _multigauss(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    X = rng.uniform(-1.0, 1.0, (n, 2))
    d2 = ((X[:, None, :] - _BUMPS[None, :, :2]) ** 2).sum(axis=2)
    y = (_BUMPS[:, 2] * np.exp(-d2 / (2 * 0.2 ** 2))).sum(axis=1)
    return X, (y + rng.normal(0.0, noise, n))[:, None]


_XY = ("x1", "x2")
TOY_SETS: dict[str, ToySet] = {
    "circle": ToySet("binary", "a disc inside a ring", _XY, ("label",), _circle),
    "xor": ToySet("binary", "quadrants: label is sign(x1 * x2)", _XY, ("label",), _xor),
    "gaussians": ToySet("binary", "two Gaussian blobs", _XY, ("label",), _gaussians),
    "spiral": ToySet("binary", "two interleaved spiral arms", _XY, ("label",), _spiral),
    "moons": ToySet("binary", "two interleaving half moons", _XY, ("label",), _moons),
    "sine": ToySet("regression", "y = sin(pi x)", ("x",), ("y",), _sine),
    "plane": ToySet("regression", "y = 0.6 x1 - 0.4 x2", _XY, ("y",), _plane),
    "multigauss": ToySet("regression", "sum of Gaussian bumps", _XY, ("y",), _multigauss),
}


MAX_TOY_SAMPLES = 10_000_000


def toy_dataset(name: str, n_samples: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Generate toy set `name`; the same (n_samples, noise, seed) gives the same arrays."""
    if name not in TOY_SETS:
        raise DataError(f"unknown toy set {name!r}; choose one of: {', '.join(TOY_SETS)}")
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise DataError(f"n_samples must be an integer >= 1, got {n_samples!r}")
    if n_samples > MAX_TOY_SAMPLES:
        raise DataError(f"n_samples must be at most {MAX_TOY_SAMPLES:,}, got {n_samples:,}")
    noise = float(noise)
    if not np.isfinite(noise) or noise < 0:
        raise DataError(f"noise must be a finite number >= 0, got {noise!r}")
    spec = TOY_SETS[name]
    X, Y = spec.generate(np.random.default_rng(seed), int(n_samples), noise)
    return Dataset(X=X, Y=Y, feature_names=list(spec.feature_names),
                   target_names=list(spec.target_names),
                   class_names=["0", "1"] if spec.task == "binary" else None,
                   task=spec.task,
                   source={"kind": "toy", "name": name, "n_samples": int(n_samples),
                           "noise": noise, "seed": seed},
                   name=name)


# --------------------------------------------------------------------------
# One registry of everything built in, for combo boxes and the CLI
# --------------------------------------------------------------------------

BUILTIN_DATASETS: dict[str, str] = {
    **{f"gate:{g}": f"{g.replace('_', ' ')} gate truth table" for g in GATES},
    **{f"toy:{t}": s.description for t, s in TOY_SETS.items()},
}


def builtin_dataset(spec: str, n_samples: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """``"gate:xor"`` or ``"toy:spiral"`` etc. (keys of `BUILTIN_DATASETS`);
    n_samples, noise and seed apply to toy sets only."""
    if spec not in BUILTIN_DATASETS:
        raise DataError(f"unknown built-in data set {spec!r}; choose one of: "
                        f"{', '.join(BUILTIN_DATASETS)}")
    kind, name = spec.split(":", 1)
    if kind == "gate":
        return gate_dataset(name)
    return toy_dataset(name, n_samples=n_samples, noise=noise, seed=seed)


# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------

NORMALIZATIONS = ("none", "minmax", "zscore")


class Normalizer:
    """Column-wise affine rescaling: ``transform(X) = (X - shift) / scale``.

    ``minmax`` maps the fitted range to [0, 1]; ``zscore`` to mean 0, std 1;
    ``none`` is the identity.  Fit on the training split only, so that
    validation and test rows do not leak into the statistics.
    """

    def __init__(self, method: str = "none") -> None:
        if method not in NORMALIZATIONS:
            raise DataError(f"unknown normalization {method!r}; choose one of: {', '.join(NORMALIZATIONS)}")
        self.method = method
        self.shift: np.ndarray | None = None
        self.scale: np.ndarray | None = None

    def fit(self, X: np.ndarray) -> "Normalizer":
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[0] == 0:
            raise DataError(f"fit needs a non-empty 2-D array, got shape {X.shape}")
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
            raise DataError(f"expected an array with {self.shift.shape[0]} columns, got shape {X.shape}")
        return X

    def transform(self, X: np.ndarray) -> np.ndarray:
        return (self._check(X) - self.shift) / self.scale

    def inverse_transform(self, X: np.ndarray) -> np.ndarray:
        return self._check(X) * self.scale + self.shift

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable state (method and plain lists of floats)."""
        return {"method": self.method,
                "shift": None if self.shift is None else [float(v) for v in self.shift],
                "scale": None if self.scale is None else [float(v) for v in self.scale]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Normalizer":
        """Rebuild from `to_dict` output, checking every field."""
        if not isinstance(d, dict) or "method" not in d:
            raise DataError("normalizer: expected a dict with 'method', 'shift' and 'scale'")
        norm = cls(d["method"])
        shift, scale = d.get("shift"), d.get("scale")
        if shift is None and scale is None:
            return norm
        try:
            shift_a = np.array(shift, dtype=np.float64)
            scale_a = np.array(scale, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise DataError(f"normalizer: shift and scale must be lists of numbers ({exc})") from None
        if shift_a.ndim != 1 or shift_a.shape != scale_a.shape:
            raise DataError("normalizer: shift and scale must be flat lists of equal length")
        if not (np.isfinite(shift_a).all() and np.isfinite(scale_a).all() and (scale_a > 0).all()):
            raise DataError("normalizer: shift must be finite and scale finite and > 0")
        norm.shift, norm.scale = shift_a, scale_a
        return norm

    def __repr__(self) -> str:
        return f"Normalizer({self.method!r}, fitted={self.shift is not None})"


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
            raise DataError(f"{label} must be a fraction in [0, 1), got {r!r}")
    if val + test >= 1.0:
        raise DataError(f"val + test must be below 1 to leave training rows, got {val + test:g}")
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
        raise DataError(f"{ds.name or 'data set'}: {n} rows leave no training rows after the split")

    def part(key: str) -> Dataset | None:
        if len(idx[key]) == 0 and key != "train":
            return None
        sub = ds.subset(idx[key])
        sub.name = f"{ds.name} [{key}]" if ds.name else key
        return sub

    return part("train"), part("val"), part("test")
