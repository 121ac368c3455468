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
from .network import Network, parameter_views
from .optimizers import Optimizer
from .step_sheet_updates import UpdateRule
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
    ``params[l]`` and ``grads[l]`` as blocks [W; b] and [dW; db], ``old_state[l]`` and
    ``stages[l]`` (key -> block), ``new_params[l]``; ``targets`` is Y.  ``loss_terms`` is per sample and output; ``loss`` their mean."""

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
    old_state: list[dict[str, np.ndarray]]
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


def _old_state(net: Network, optimizer: Optimizer, rule: UpdateRule) -> list[dict[str, np.ndarray]]:
    """Per layer, the optimizer's buffers before the step as blocks [W; b] (a fresh one's fill)."""
    per_layer: list[dict[str, np.ndarray]] = [{} for _ in range(net.n_layers)]
    for block in rule.state:
        flat = optimizer.state.get(block.name)
        flat = np.full(net.n_params, block.fill) if flat is None else np.asarray(flat, dtype=np.float64)
        for layer, values in zip(per_layer, parameter_views(flat, net.sizes)[0]):
            layer[block.key] = values.copy()
    return per_layer


def _stage_values(rule: UpdateRule, settings: dict[str, float], old: dict[str, np.ndarray],
                  P: np.ndarray, G: np.ndarray) -> dict[str, np.ndarray]:
    env = {**settings, **old, "p": P, "g": G}
    for stage in rule.stages:
        env[stage.key] = stage.compute(env)
    return {stage.key: env[stage.key] for stage in rule.stages}


def _trained(net: Network, X, Y, optimizer: Optimizer, lr: float, penalties: Penalties) -> Network:
    """The engine's step: a trainer with ``optimizer``'s settings and state, on a copy of ``net``."""
    trained = net.copy()
    trainer = Trainer(trained, optimizer.name, lr=lr, batch_size=None, shuffle=False, l1=penalties.l1,
                      l2=penalties.l2, **optimizer.hyperparameters)
    trainer.optimizer.t = optimizer.t
    trainer.optimizer.state = {k: np.array(v, dtype=np.float64) for k, v in optimizer.state.items()}
    trainer.epoch(X, Y)
    return trained


def step_values(net: Network, X: np.ndarray, Y: np.ndarray, optimizer: Optimizer, lr: float,
                penalties: Penalties, rule: UpdateRule) -> StepValues:
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
    settings = {"lr": lr, **{name: value for name, (_, value) in rule.settings.items()}}
    old_state = _old_state(net, optimizer, rule)
    stage_values = [_stage_values(rule, settings, old, P, G) for old, P, G in zip(old_state, params, grads)]
    trained = _trained(net, X, Y, optimizer, lr, penalties)
    new_params = [np.vstack([W, b]) for W, b in zip(trained.weights, trained.biases)]
    terms = _loss_terms(net.loss_name, outs[-1], Y)
    # The engine's loss, computed from z, stays finite where a term is ln 0; the sheet's sum does not.
    loss = net.loss(X, Y) if np.isfinite(terms).all() else math.nan
    return StepValues(Y, inputs, z, outs, grad_a, delta, params, grads, terms, loss, old_state, stage_values,
                      new_params)
