"""Forward passes over a plane through the input space, cheap for wide inputs.

The rows of a plane's grid (output_slice.plane_grid) differ in at most two
inputs; every other input holds one value.  The first layer's product is then
one row's product plus a correction in the inputs that vary: for 784 inputs, a
50x50 map takes 2,500 x 2 x 128 multiply-adds in the first layer instead of
2,500 x 784 x 128 (the output map and the neuron maps of a past epoch drawn
within 50 ms: docs/benchmarks.md, scrubbing the timeline).
"""
from __future__ import annotations

import weakref

import numpy as np

from .activations import ACTIVATIONS
from .network import Network

__all__ = ["varying_columns", "layer_outputs_over"]

# The varying columns of the last few input arrays seen (a view passes the same grid
# every frame; looking at 2,500 x 784 values again costs a millisecond or two).
_SEEN: list[tuple[weakref.ref, np.ndarray]] = []
_SEEN_MAX = 4


def varying_columns(X: np.ndarray) -> np.ndarray:
    """The columns of X whose values are not all those of its first row."""
    return np.flatnonzero((X != X[:1]).any(axis=0)) if len(X) else np.arange(0)


def layer_outputs_over(net: Network, inputs) -> list[np.ndarray]:
    """``net.layer_outputs(inputs)``, with the first layer computed from the columns
    that vary (equal up to rounding); rows varying in many columns go the usual way."""
    X = net.prepare(inputs)[0]
    varying = _varying_of(X)
    if not len(X) or len(varying) * 4 > X.shape[1]:
        return net.layer_outputs(X)
    weights, biases = net.weights, net.biases
    W0 = weights[0]
    z = np.dot(X[0], W0) + biases[0]
    if len(varying):
        z = np.dot(X[:, varying] - X[0, varying], W0[varying]) + z
    else:
        z = np.repeat(z[None, :], len(X), axis=0)
    a = ACTIVATIONS[net.activation_names[0]].forward(z)
    outs = [a]
    for W, b, name in zip(weights[1:], biases[1:], net.activation_names[1:]):
        z = np.dot(a, W)
        z += b
        a = ACTIVATIONS[name].forward(z)
        outs.append(a)
    return outs


def _varying_of(X: np.ndarray) -> np.ndarray:
    """``varying_columns(X)``, remembered for the very array (grids are not changed in place)."""
    for ref, varying in _SEEN:
        if ref() is X:
            return varying
    varying = varying_columns(X)
    _SEEN[:] = [entry for entry in _SEEN[-(_SEEN_MAX - 1):] if entry[0]() is not None] + [(weakref.ref(X), varying)]
    return varying
