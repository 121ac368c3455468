"""What an optimizer held and did in one step, for the step-through.

The optimizers keep their state in flat vectors laid out like the network's
parameters (``core.optimizers``); ``optimizer_trace`` copies that state after a
step, names the update rule in a line of text, adds the step's scalars (Adam's
bias corrections, Adagrad's decayed rate) and Adam's bias-corrected moments,
and splits every vector into per-layer weight and bias parts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .network import parameter_views
from .optimizers import SCRATCH, Optimizer
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["OptimizerTrace", "optimizer_trace", "update_rule"]


@dataclass(frozen=True)
class OptimizerTrace:
    """The optimizer's side of one step."""

    name: str
    hyperparameters: dict[str, Any]
    lr: float
    t: int                                   # the optimizer's step count, this step included
    rule: str                                # the update, in one or two lines of text
    scalars: dict[str, float]                # e.g. bias_correction1, bias_correction2
    state: dict[str, np.ndarray]             # flat vectors after the step, by torch's names
    sizes: tuple[int, ...] = field(repr=False, default=())

    @property
    def state_names(self) -> tuple[str, ...]:
        return tuple(self.state)

    def layer_state(self, layer: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Layer ``layer``'s share of every state vector: name -> (weights part, biases part)."""
        out = {}
        for name, flat in self.state.items():
            _, Ws, bs = parameter_views(flat, list(self.sizes))
            out[name] = (Ws[layer], bs[layer])
        return out


def update_rule(opt: Optimizer) -> str:
    """The update ``opt`` applies, written with its own hyperparameters' names (g = the gradient)."""
    hp = opt.hyperparameters
    if opt.name in ("sgd", "momentum", "nesterov"):
        if hp["momentum"] == 0:
            return "W -= lr * g"
        if hp["nesterov"]:
            return Text("optimizer_step_state", QT_TRANSLATE_NOOP(
                "optimizer_step_state", "buf = momentum * buf + (1 - dampening) * g  (buf = g at the first step)"
                "; W -= lr * (g + momentum * buf)"))
        return Text("optimizer_step_state", QT_TRANSLATE_NOOP(
            "optimizer_step_state", "buf = momentum * buf + (1 - dampening) * g  (buf = g at the first step)"
            "; W -= lr * buf"))
    return _RULES[opt.name]


_RULES = {
    "adagrad": "sum += g^2; clr = lr / (1 + (t - 1) * lr_decay); W -= clr * g / (sqrt(sum) + eps)",
    "adadelta": ("square_avg = rho * square_avg + (1 - rho) * g^2; "
                 "d = sqrt(acc_delta + eps) / sqrt(square_avg + eps) * g; "
                 "acc_delta = rho * acc_delta + (1 - rho) * d^2; W -= lr * d"),
    "rmsprop": Text("optimizer_step_state", QT_TRANSLATE_NOOP(
        "optimizer_step_state", "square_avg = alpha * square_avg + (1 - alpha) * g^2 "
        "(centered: minus grad_avg^2); W -= lr * g / (sqrt(square_avg) + eps) "
        "(with momentum: through momentum_buffer)")),
    "adam": ("m = beta1 * m + (1 - beta1) * g; v = beta2 * v + (1 - beta2) * g^2; "
             "m_hat = m / (1 - beta1^t); v_hat = v / (1 - beta2^t); W -= lr * m_hat / (sqrt(v_hat) + eps)"),
}


def _scalars(opt: Optimizer, lr: float) -> dict[str, float]:
    hp, t = opt.hyperparameters, opt.t
    if opt.name == "adam":
        b1, b2 = hp["betas"]
        return {"bias_correction1": 1.0 - b1 ** t, "bias_correction2": 1.0 - b2 ** t}
    if opt.name == "adagrad":
        return {"clr": lr / (1.0 + (t - 1) * hp["lr_decay"])}
    return {}


def optimizer_trace(opt: Optimizer, lr: float, sizes) -> OptimizerTrace:
    """``opt``'s state just after a step taken with rate ``lr`` on a network of layer sizes ``sizes``."""
    state = {k: v.copy() for k, v in opt.state.items() if k not in SCRATCH}
    scalars = _scalars(opt, lr)
    if opt.name == "adam":  # the bias-corrected moments the update divided
        v = state.get("max_exp_avg_sq", state["exp_avg_sq"])
        state["m_hat"] = state["exp_avg"] / scalars["bias_correction1"]
        state["v_hat"] = v / scalars["bias_correction2"]
    return OptimizerTrace(name=opt.name, hyperparameters=dict(opt.hyperparameters), lr=float(lr), t=opt.t,
                          rule=update_rule(opt), scalars=scalars, state=state, sizes=tuple(sizes))
