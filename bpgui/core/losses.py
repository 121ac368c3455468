"""Losses: the value (mean over the samples of a batch) and its gradient.

Conventions:

* ``mse``: 1/2 * sum over outputs of (y_hat - y)^2
* ``bce``: -sum over outputs of [y ln y_hat + (1 - y) ln(1 - y_hat)]
* ``ce``:  -sum over outputs of y ln y_hat

each averaged over the rows of the batch.  ``per_sample_grad`` is the gradient
of the *per-sample* loss with respect to y_hat (the network divides by the
batch size once, at the end).

Three output activations pair with a loss so that the output delta is simply
y_hat - y: sigmoid + bce, softmax + ce and linear + mse.  For those the value
is computed from the pre-activation z (log-sigmoid, log-softmax), so that it
stays exact for saturated units; see ``CANONICAL_PAIRS``.
"""
from __future__ import annotations

import numpy as np

from .activations import log_softmax
from .registry import lookup

__all__ = ["Loss", "LOSSES", "ALLOWED_OUTPUTS", "CANONICAL_OUTPUT", "CANONICAL_PAIRS", "TASK_LOSS",
           "check_pair", "check_output_layer", "default_output", "get_loss"]

# Clip used only on the general (non-canonical) path, where y_hat is all we have.
_EPS = {np.dtype(np.float32): 1e-7, np.dtype(np.float64): 1e-15}


class Loss:
    name: str = ""

    def value(self, y_hat: np.ndarray, y: np.ndarray) -> float:
        raise NotImplementedError

    def per_sample_grad(self, y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def value_from_logits(self, z: np.ndarray, y: np.ndarray) -> float:
        """Value computed from the pre-activation (canonical pairs only)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<loss {self.name}>"


class MSE(Loss):
    name = "mse"

    def value(self, y_hat, y):
        d = y_hat - y
        return 0.5 * float(np.einsum("ij,ij->", d, d)) / len(y)

    def per_sample_grad(self, y_hat, y):
        return y_hat - y

    def value_from_logits(self, z, y):  # linear output: z is y_hat
        return self.value(z, y)


class BCE(Loss):
    name = "bce"

    def value(self, y_hat, y):
        eps = _EPS.get(y_hat.dtype, 1e-15)
        p = np.clip(y_hat, eps, 1.0 - eps)
        return -float(np.sum(y * np.log(p) + (1.0 - y) * np.log1p(-p))) / len(y)

    def per_sample_grad(self, y_hat, y):
        eps = _EPS.get(y_hat.dtype, 1e-15)
        p = np.clip(y_hat, eps, 1.0 - eps)
        return (p - y) / (p * (1.0 - p))

    def value_from_logits(self, z, y):
        # -[y ln s(z) + (1-y) ln(1-s(z))] = ln(1 + e^z) - y z; the two sums cancel
        # for a fitted network, and float32 rounding then reads as a loss below 0.
        total = float(np.add.reduce(np.logaddexp(0.0, z), axis=None)) - float(np.vdot(y, z))
        return max(total, 0.0) / len(y)


class CE(Loss):
    name = "ce"

    def value(self, y_hat, y):
        eps = _EPS.get(y_hat.dtype, 1e-15)
        return -float(np.sum(y * np.log(np.maximum(y_hat, eps)))) / len(y)

    def per_sample_grad(self, y_hat, y):
        eps = _EPS.get(y_hat.dtype, 1e-15)
        return -y / np.maximum(y_hat, eps)

    def value_from_logits(self, z, y):
        return -float(np.vdot(y, log_softmax(z))) / len(y)


LOSSES: dict[str, Loss] = {loss.name: loss for loss in (MSE(), BCE(), CE())}

# The canonical output activation of each loss: the pairs whose output delta
# is y_hat - y, and whose loss is computed from z.
CANONICAL_OUTPUT: dict[str, str] = {"bce": "sigmoid", "ce": "softmax", "mse": "linear"}
CANONICAL_PAIRS = frozenset((act, loss) for loss, act in CANONICAL_OUTPUT.items())

# Output activations each loss accepts: bce needs outputs in (0, 1) per unit
# and ce a probability distribution per row, which only their canonical
# activations give; mse works with any activation (None).
ALLOWED_OUTPUTS: dict[str, tuple[str, ...] | None] = {
    loss: None if loss == "mse" else (act,) for loss, act in CANONICAL_OUTPUT.items()
}

# The loss that fits each task of a Dataset (see ``Dataset.task``).
TASK_LOSS: dict[str, str] = {"binary": "bce", "multiclass": "ce", "regression": "mse"}


def default_output(task: str) -> tuple[str, str]:
    """Output activation and loss that fit a task: its loss and that loss's canonical activation."""
    loss = TASK_LOSS[task]
    return CANONICAL_OUTPUT[loss], loss


def get_loss(name: str) -> Loss:
    return lookup(LOSSES, name, "loss")


def check_pair(output_activation: str, loss: str) -> None:
    """Refuse output activation / loss pairs that make no sense, naming the allowed ones."""
    get_loss(loss)
    allowed = ALLOWED_OUTPUTS[loss]
    if allowed is not None and output_activation not in allowed:
        raise ValueError(
            f"loss {loss!r} needs an output activation of {', '.join(map(repr, allowed))}, "
            f"not {output_activation!r} (use loss 'mse' for any output activation)"
        )


def check_output_layer(activation: str, units: int, loss: str) -> None:
    """`check_pair`, and softmax's own need: a distribution over 2 or more units."""
    check_pair(activation, loss)
    if activation == "softmax" and units < 2:
        raise ValueError(f"a softmax output needs at least 2 units, got {units}: a softmax over classes "
                         "needs 2 or more classes (for one output use sigmoid with loss 'bce' or 'mse')")
