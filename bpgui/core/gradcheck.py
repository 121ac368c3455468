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

__all__ = ["GradientCheck", "gradient_check"]


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
