"""Weight initialisers.  Biases always start at zero.

Each takes ``(fan_in, fan_out, rng)`` and returns a float64 array of shape
``(fan_in, fan_out)``; the network casts it to its dtype.

* ``normal``:  N(0, 1), as ``torch.nn.init.normal_`` with its defaults
* ``uniform``: U(-1, 1)
* ``xavier``:  Glorot uniform, U(-a, a) with a = sqrt(6 / (fan_in + fan_out))
* ``he``:      He (Kaiming) normal, N(0, 2 / fan_in), for ReLU-like layers
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .registry import lookup

__all__ = ["INITIALIZERS", "get_initializer"]

Initializer = Callable[[int, int, np.random.Generator], np.ndarray]


def normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    return rng.standard_normal((fan_in, fan_out))


def uniform(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    return rng.uniform(-1.0, 1.0, (fan_in, fan_out))


def xavier(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    a = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, (fan_in, fan_out))


def he(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)


INITIALIZERS: dict[str, Initializer] = {
    "normal": normal,
    "uniform": uniform,
    "xavier": xavier,
    "he": he,
}


def get_initializer(name: str) -> Initializer:
    return lookup(INITIALIZERS, name, "initializer")
