"""Per-layer gradient norms of the data loss at any weights, for a past epoch.

A training snapshot carries the norms of its last batch; a checkpoint of the
timeline does not, so the window recomputes them when it shows a past epoch:
the gradient of the mean data loss (no regularisation) over a fixed sample of
training rows, the same rows at every epoch so that the bars compare.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from .network import Network

__all__ = ["EpochGradients", "MAX_ROWS"]

# Up to this many training rows: a 784-128-64-10 network's gradient on 256 rows
# takes 4-6 ms on a loaded 2-core box, on all 4,096 rows 16 times as long (docs/benchmarks.md, scrubbing).
MAX_ROWS = 256


class EpochGradients:
    """Gradient norms of ``network``'s architecture on a fixed sample of (X, Y)
    (encoded, as the trainer takes them), at whatever weights are given."""

    def __init__(self, network: Network, X: np.ndarray, Y: np.ndarray, max_rows: int = MAX_ROWS,
                 seed: int = 0) -> None:
        n = len(X)
        rows = np.arange(n) if n <= max_rows else np.sort(np.random.default_rng(seed).choice(n, max_rows,
                                                                                          replace=False))
        self.rows = rows
        self.total_rows = n
        self._net = network.copy()   # a scratch network: the weights are written into it
        self._X, self._Y = self._net.prepare(X[rows], Y[rows])

    @property
    def sampled(self) -> bool:
        """Whether the norms come from a sample of the rows rather than all of them."""
        return len(self.rows) < self.total_rows

    def norms(self, weights: Sequence[np.ndarray], biases: Sequence[np.ndarray]) -> list[float]:
        """The L2 norm of each layer's (W, b) gradient at these weights."""
        net = self._net
        net.weights, net.biases = weights, biases
        net.forward(self._X)
        net.backward(self._Y)
        return net.layer_gradient_norms()
