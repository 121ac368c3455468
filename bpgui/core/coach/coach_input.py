"""What every check of the coach looks at, prepared once: a sample of the rows, the
network's outputs on it, its loss and the loss of a constant guess."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from ..history import History
from ..network import Network
from .thresholds import Thresholds

__all__ = ["CoachInput", "prepare", "baseline_loss"]


@dataclass
class CoachInput:
    network: Network               # a copy: the checks may run passes on it
    X: np.ndarray                  # the sampled rows, finite, as the network takes them
    Y: np.ndarray
    Y_all: np.ndarray              # every finite target row (class shares, target range)
    outputs: list[np.ndarray]      # each layer's activations on X
    loss: float                    # the network's mean data loss on X
    baseline: float                # the loss of the best constant guess on X
    history: History | None
    limits: Thresholds
    names: Sequence[str] = field(default_factory=tuple)
    classes: Sequence[str] = field(default_factory=tuple)

    def feature_name(self, j: int) -> str:
        return str(self.names[j]) if j < len(self.names) else f"input {j + 1}"

    def class_name(self, k: int) -> str:
        return str(self.classes[k]) if k < len(self.classes) else str(k + 1)

    @property
    def learned(self) -> bool:
        """The network explains most of the data (its loss is a small share of a constant guess's)."""
        return self.baseline > 0 and self.loss <= self.limits.learned_share * self.baseline


def prepare(network: Network, X, Y, history: History | None, limits: Thresholds,
            names: Sequence[str] | None = None, classes: Sequence[str] | None = None,
            seed: int = 0) -> CoachInput | None:
    """The checks' input, or None when X and Y do not fit the network (nothing to say then)."""
    try:
        X, Y = network.prepare(X, Y)
    except (ValueError, TypeError):
        return None
    Y_all = Y if np.isfinite(Y).all() else Y[np.isfinite(Y).all(axis=1)]   # targets: cheap, all of them
    if len(X) > limits.max_rows:   # the sample first: 60,000 x 784 inputs are not scanned every 2 s
        rows = np.sort(np.random.default_rng(seed).choice(len(X), limits.max_rows, replace=False))
        X, Y = X[rows], Y[rows]
    finite = np.isfinite(X).all(axis=1) & np.isfinite(Y).all(axis=1)
    if not finite.all():
        X, Y = X[finite], Y[finite]
    if not len(X) or not len(Y_all):
        return None
    net = network.copy()
    with np.errstate(all="ignore"):
        outputs = net.layer_outputs(X)
        loss = float(net.loss(X, Y))
    return CoachInput(net, X, Y, Y_all, outputs, loss, baseline_loss(net.loss_name, Y), history, limits,
                      tuple(names or ()), tuple(classes or ()))


def baseline_loss(loss_name: str, Y: np.ndarray) -> float:
    """The loss of predicting the same thing for every row, as well as that can be done:
    the mean target (mse), each output's share of ones (bce), the class shares (ce)."""
    Y = np.asarray(Y, dtype=np.float64)
    if loss_name == "mse":
        return 0.5 * float(np.sum(np.var(Y, axis=0)))
    p = np.clip(Y.mean(axis=0), 1e-12, 1 - 1e-12)
    if loss_name == "bce":
        return float(-np.sum(p * np.log(p) + (1 - p) * np.log(1 - p)))
    return float(-np.sum(p * np.log(p)))
