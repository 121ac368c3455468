"""Built-in data: logic-gate truth tables and TensorFlow-Playground-like toy sets.

Randomness only ever comes from ``np.random.default_rng(seed)``, so the same
(name, n_samples, noise, seed) always gives the same arrays.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .dataset import DataError, Dataset
from .registry import lookup
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["builtin_dataset", "BUILTIN_DATASETS", "GATES", "gate_dataset", "toy_dataset",
           "TOY_SETS", "ToySet", "MAX_TOY_SAMPLES"]


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
    x, y = lookup(GATES, name, "gate", DataError)
    outputs = _GATE_OUTPUTS.get(name, ["out"])
    return Dataset(X=x.copy(), Y=y.copy(), feature_names=list(_GATE_INPUTS[x.shape[1]]),
                   target_names=list(outputs),
                   class_names=["0", "1"] if len(outputs) == 1 else None,
                   task="binary", source={"kind": "gate", "name": name}, name=Text("builtin_data", QT_TRANSLATE_NOOP(
                           "builtin_data", "{gate} gate"), gate=name))


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


def _text(template: str) -> Text:
    return Text("builtin_data", template)


TOY_SETS: dict[str, ToySet] = {
    "circle": ToySet("binary", _text(QT_TRANSLATE_NOOP("builtin_data", "a disc inside a ring")), _XY, ("label",), _circle),
    "xor": ToySet("binary", _text(QT_TRANSLATE_NOOP("builtin_data", "quadrants: label is sign(x1 * x2)")), _XY, ("label",), _xor),
    "gaussians": ToySet("binary", _text(QT_TRANSLATE_NOOP("builtin_data", "two Gaussian blobs")), _XY, ("label",), _gaussians),
    "spiral": ToySet("binary", _text(QT_TRANSLATE_NOOP("builtin_data", "two interleaved spiral arms")), _XY, ("label",), _spiral),
    "moons": ToySet("binary", _text(QT_TRANSLATE_NOOP("builtin_data", "two interleaving half moons")), _XY, ("label",), _moons),
    "sine": ToySet("regression", "y = sin(pi x)", ("x",), ("y",), _sine),
    "plane": ToySet("regression", "y = 0.6 x1 - 0.4 x2", _XY, ("y",), _plane),
    "multigauss": ToySet("regression", _text(QT_TRANSLATE_NOOP("builtin_data", "sum of Gaussian bumps")), _XY, ("y",), _multigauss),
}


MAX_TOY_SAMPLES = 10_000_000


def toy_dataset(name: str, n_samples: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Generate toy set `name`; the same (n_samples, noise, seed) gives the same arrays."""
    spec = lookup(TOY_SETS, name, "toy set", DataError)
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise DataError(Text("builtin_data", QT_TRANSLATE_NOOP(
                "builtin_data", "n_samples must be an integer >= 1, got {got}"), got=repr(n_samples)))
    if n_samples > MAX_TOY_SAMPLES:
        raise DataError(Text("builtin_data", QT_TRANSLATE_NOOP(
                "builtin_data", "n_samples must be at most {most}, got {got}"),
                most=f"{MAX_TOY_SAMPLES:,}", got=f"{n_samples:,}"))
    noise = float(noise)
    if not np.isfinite(noise) or noise < 0:
        raise DataError(Text("builtin_data", QT_TRANSLATE_NOOP(
                "builtin_data", "noise must be a finite number >= 0, got {got}"), got=repr(noise)))
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
    **{f"gate:{g}": Text("builtin_data", QT_TRANSLATE_NOOP("builtin_data", "{gate} gate truth table"),
                         gate=g.replace('_', ' ')) for g in GATES},
    **{f"toy:{t}": s.description for t, s in TOY_SETS.items()},
}


def builtin_dataset(spec: str, n_samples: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """``"gate:xor"`` or ``"toy:spiral"`` etc. (keys of `BUILTIN_DATASETS`);
    n_samples, noise and seed apply to toy sets only."""
    lookup(BUILTIN_DATASETS, spec, "built-in data set", DataError)
    kind, name = spec.split(":", 1)
    if kind == "gate":
        return gate_dataset(name)
    return toy_dataset(name, n_samples=n_samples, noise=noise, seed=seed)
