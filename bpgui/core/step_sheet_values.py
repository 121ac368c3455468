"""The numbers of one training step, in float64, for a step sheet's cells.

A spreadsheet stores each formula's last result beside it, so viewers that
do not recalculate still show numbers.  These are those results: the
engine's own where it offers them (layer outputs, output delta, gradients,
loss, the trainer's update) and, for what it keeps internal (z, hidden
deltas, an optimizer's intermediate stages), the same computation from the
engine's activation and loss objects.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .activations import ACTIVATIONS
from .losses import CANONICAL_PAIRS, get_loss
from .network import Network
from .optimizers import Optimizer
from .step_sheet_updates import UpdateStage
from .training import Trainer

__all__ = ["Penalties", "StepValues", "float64_copy", "step_values"]


class Penalties(NamedTuple):
    """The trainer's penalties on the weights (not the biases): dW += l1 sign(W) + l2 W."""

    l1: float = 0.0
    l2: float = 0.0


@dataclass
class StepValues:
    """Per layer l (0-based): ``inputs[l]`` (a_{l-1}), ``z[l]``, ``a[l]``, ``grad_a[l]``
    (dL/da; None for an output whose delta is y_hat - y), ``delta[l]`` (per sample),
    ``params[l]`` and ``grads[l]`` as blocks [W; b] and [dW; db], ``stages[l]`` (key ->
    block), ``new_params[l]``; ``targets`` is Y.  ``loss_terms`` is per sample and output; ``loss`` their mean."""

    targets: np.ndarray
    inputs: list[np.ndarray]
    z: list[np.ndarray]
    a: list[np.ndarray]
    grad_a: list[np.ndarray | None]
    delta: list[np.ndarray]
    params: list[np.ndarray]
    grads: list[np.ndarray]
    loss_terms: np.ndarray
    loss: float
    stages: list[dict[str, np.ndarray]]
    new_params: list[np.ndarray]


def float64_copy(net: Network) -> Network:
    """The same network in float64 (a sheet computes in double precision)."""
    copy = Network(net.n_inputs, net.layers, loss=net.loss_name, init=net.init_name, dtype="float64")
    copy.weights = net.weights
    copy.biases = net.biases
    return copy


def _loss_terms(loss: str, y_hat: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The sheet's textbook terms: ln 0 (a saturated unit) is -inf here and an error in the sheet."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if loss == "mse":
            return 0.5 * (y_hat - y) ** 2
        if loss == "bce":
            return -(y * np.log(y_hat) + (1 - y) * np.log1p(-y_hat))
        return -y * np.log(y_hat)


def _stage_values(stages: list[UpdateStage], settings: dict[str, float], P: np.ndarray, G: np.ndarray):
    env = {**settings, "p": P, "g": G}
    for stage in stages:
        env[stage.key] = stage.compute(env)
    return {stage.key: env[stage.key] for stage in stages}


def step_values(net: Network, X: np.ndarray, Y: np.ndarray, optimizer: Optimizer, lr: float,
                penalties: Penalties, stages: list[UpdateStage], settings: dict[str, float]) -> StepValues:
    """One step of the float64 network ``net`` on the prepared batch (X, Y); ``net`` is left as it was."""
    outs = net.layer_outputs(X)
    inputs = [X] + outs[:-1]
    z = [a_in @ W + b for a_in, W, b in zip(inputs, net.weights, net.biases)]
    acts = [ACTIVATIONS[name] for name in net.activation_names]
    canonical = (net.output_activation, net.loss_name) in CANONICAL_PAIRS
    grad_a: list[np.ndarray | None] = [None] * net.n_layers
    if not canonical:
        grad_a[-1] = get_loss(net.loss_name).per_sample_grad(outs[-1], Y)
    delta = [None] * net.n_layers
    delta[-1] = net.output_delta(X, Y)
    for l in range(net.n_layers - 2, -1, -1):
        grad_a[l] = delta[l + 1] @ net.weights[l + 1].T
        delta[l] = acts[l].backward(z[l], outs[l], grad_a[l])
    dW, db = net.gradients(X, Y)
    params = [np.vstack([W, b]) for W, b in zip(net.weights, net.biases)]
    l1, l2 = penalties
    grads = [np.vstack([gW + l1 * np.sign(W) + l2 * W, gb]) for gW, gb, W in zip(dW, db, net.weights)]
    settings = {"lr": lr, **settings}
    stage_values = [_stage_values(stages, settings, P, G) for P, G in zip(params, grads)]
    trained = net.copy()
    Trainer(trained, optimizer.name, lr=lr, batch_size=None, shuffle=False, l1=l1, l2=l2,
            **optimizer.hyperparameters).epoch(X, Y)
    new_params = [np.vstack([W, b]) for W, b in zip(trained.weights, trained.biases)]
    terms = _loss_terms(net.loss_name, outs[-1], Y)
    # The engine's loss, computed from z, stays finite where a term is ln 0; the sheet's sum does not.
    loss = net.loss(X, Y) if np.isfinite(terms).all() else math.nan
    return StepValues(Y, inputs, z, outs, grad_a, delta, params, grads, terms, loss, stage_values, new_params)
