"""Gradient check: backpropagation against central differences.

For every parameter p, the numerical gradient is
``(L(p + h) - L(p - h)) / 2h``; per layer the relative error is
``||g_backprop - g_numeric|| / (||g_backprop|| + ||g_numeric||)``
over that layer's weights and biases together (the AI-Edu / CS231n measure).
Values below 1e-7 mean backprop is right; above 1e-4 it is wrong.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import Network, parameter_views

__all__ = ["GradientCheck", "gradient_check", "gradient_check_sample"]


@dataclass(frozen=True)
class GradientCheck:
    layer_errors: tuple[float, ...]   # relative error per layer
    max_error: float

    def __bool__(self) -> bool:  # truthy when the check passes at the usual 1e-6
        return self.max_error < 1e-6


def gradient_check(net: Network, X, Y, h: float = 1e-5) -> GradientCheck:
    """Compare ``net.gradients`` with central differences of ``net.loss``.

    Run it in float64: in float32 the differences drown in rounding.
    Cost: two forward passes per parameter, so keep the network small.
    """
    X, Y = net.prepare(X, Y)
    net.forward(X)
    analytic = net.backward(Y).copy()  # same layout as net.parameters
    params = net.parameters
    numeric = np.empty_like(analytic)
    for i in range(params.size):
        old = params[i]
        params[i] = old + h
        up = net.loss(X, Y)
        params[i] = old - h
        down = net.loss(X, Y)
        params[i] = old
        numeric[i] = (up - down) / (2.0 * h)

    errors = []
    # Layer l's weights and biases form one block [W; b] of the flat vector.
    for a, n in zip(parameter_views(analytic, net.sizes)[0], parameter_views(numeric, net.sizes)[0]):
        denom = np.linalg.norm(a) + np.linalg.norm(n)
        errors.append(0.0 if denom == 0 else float(np.linalg.norm(a - n) / denom))
    return GradientCheck(tuple(errors), max(errors))


def gradient_check_sample(net: Network, X, Y, rows: int = 32, seed: int = 0) -> tuple[GradientCheck, int]:
    """``gradient_check`` on a float64 copy of ``net`` (``net`` is not touched) and at
    most ``rows`` rows of (X, Y), drawn at random with ``seed`` when there are more;
    the check and the number of rows it used.  The window's check: its cost grows
    with the rows and the parameters, its verdict does not need many rows."""
    X, Y = np.asarray(X), np.asarray(Y)
    if len(X) > rows:
        keep = np.sort(np.random.default_rng(seed).choice(len(X), rows, replace=False))
        X, Y = X[keep], Y[keep]
    exact = Network(net.n_inputs, net.layers, loss=net.loss_name, init=net.init_name, dtype="float64")
    np.copyto(exact.parameters, net.parameters)
    X, Y = X.astype(np.float64), Y.astype(np.float64)
    return gradient_check(exact, X, Y), len(X)
