"""Each optimizer's update, its state included, as spreadsheet formulas.

An optimizer's rule is a few stages, each one number per parameter: a
spreadsheet formula over the parameter ``{p}``, its gradient ``{g}``, the
state before the step (``{m_old}``...), earlier stages (``{m}``...) and the
settings by name (``lr``, ``beta1``, ``step_t``...), beside the same stage in
NumPy for the value the sheet stores with the formula.  The last stage is
the new parameter; the others are the state after the step.  The rules are
those of `optimizers.py` (torch's); the tests check them against the engine.

A fresh optimizer starts with zero moments (Adagrad: its initial
accumulator) and t = 1; SGD's momentum buffer is the first gradient itself,
as in torch.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from .optimizers import Optimizer

__all__ = ["UpdateStage", "StateBlock", "UpdateRule", "update_rule"]


@dataclass(frozen=True)
class UpdateStage:
    key: str        # the name later stages use: {m}
    label: str      # the block's title in the sheet
    formula: str    # template over {p}, {g}, state and earlier keys; settings by name
    compute: Callable[[dict[str, Any]], np.ndarray]   # the same over arrays and numbers


@dataclass(frozen=True)
class StateBlock:
    key: str        # {m_old}
    name: str       # the engine's name of the buffer: Optimizer.state[name]
    label: str
    fill: float = 0.0   # its value in a fresh optimizer


@dataclass
class UpdateRule:
    """The state read before the step, the stages, and the settings the formulas use:
    sheet name -> (what it is, value)."""

    state: list[StateBlock]
    stages: list[UpdateStage]
    settings: dict[str, tuple[str, float]] = field(default_factory=dict)


def _new(formula: str, label: str, compute) -> UpdateStage:
    return UpdateStage("new", label, formula, compute)


def _sgd(opt: Optimizer) -> UpdateRule:
    if opt.hyperparameters["momentum"] == 0:
        return UpdateRule([], [_new("{p}-lr*{g}", "new = p - lr * g", lambda e: e["p"] - e["lr"] * e["g"])])
    if "momentum_buffer" in opt.state:
        state = [StateBlock("buf_old", "momentum_buffer", "momentum buffer before this step")]
        buf = UpdateStage("buf", "momentum buffer buf = momentum * buf_old + (1 - dampening) g",
                          "momentum*{buf_old}+(1-dampening)*{g}",
                          lambda e: e["momentum"] * e["buf_old"] + (1 - e["dampening"]) * e["g"])
    else:
        state = []
        buf = UpdateStage("buf", "momentum buffer buf = g (torch starts it at the first gradient)", "{g}",
                          lambda e: e["g"].copy())
    if opt.hyperparameters["nesterov"]:
        return UpdateRule(state, [buf, _new("{p}-lr*({g}+momentum*{buf})",
                                            "new = p - lr * (g + momentum * buf)  (Nesterov)",
                                            lambda e: e["p"] - e["lr"] * (e["g"] + e["momentum"] * e["buf"]))])
    return UpdateRule(state, [buf, _new("{p}-lr*{buf}", "new = p - lr * buf", lambda e: e["p"] - e["lr"] * e["buf"])])


def _adam(opt: Optimizer) -> UpdateRule:
    amsgrad = opt.hyperparameters["amsgrad"]
    state = [StateBlock("m_old", "exp_avg", "first moment m before this step"),
             StateBlock("v_old", "exp_avg_sq", "second moment v before this step")]
    stages = [
        UpdateStage("m", "first moment m = beta1 m_old + (1 - beta1) g", "beta1*{m_old}+(1-beta1)*{g}",
                    lambda e: e["beta1"] * e["m_old"] + (1 - e["beta1"]) * e["g"]),
        UpdateStage("v", "second moment v = beta2 v_old + (1 - beta2) g^2", "beta2*{v_old}+(1-beta2)*{g}^2",
                    lambda e: e["beta2"] * e["v_old"] + (1 - e["beta2"]) * e["g"] ** 2),
    ]
    if amsgrad:
        state.append(StateBlock("v_max_old", "max_exp_avg_sq", "largest v so far (amsgrad) before this step"))
        stages.append(UpdateStage("v_max", "largest v so far v_max = max(v_max_old, v)  (amsgrad)",
                                  "MAX({v_max_old},{v})", lambda e: np.maximum(e["v_max_old"], e["v"])))
    v = "v_max" if amsgrad else "v"
    stages += [
        UpdateStage("m_hat", "bias-corrected m_hat = m / (1 - beta1^t)", "{m}/(1-beta1^step_t)",
                    lambda e: e["m"] / (1 - e["beta1"] ** e["step_t"])),
        UpdateStage("v_hat", f"bias-corrected v_hat = {v} / (1 - beta2^t)", f"{{{v}}}/(1-beta2^step_t)",
                    lambda e: e[v] / (1 - e["beta2"] ** e["step_t"])),
        _new("{p}-lr*{m_hat}/(SQRT({v_hat})+eps)", "new = p - lr * m_hat / (sqrt(v_hat) + eps)",
             lambda e: e["p"] - e["lr"] * e["m_hat"] / (np.sqrt(e["v_hat"]) + e["eps"])),
    ]
    return UpdateRule(state, stages)


def _adagrad(opt: Optimizer) -> UpdateRule:
    state = [StateBlock("sum_old", "sum", "sum of squared gradients before this step (starts at "
                        "initial_accumulator_value)", opt.hyperparameters["initial_accumulator_value"])]
    return UpdateRule(state, [
        UpdateStage("sum", "sum = sum_old + g^2", "{sum_old}+{g}^2", lambda e: e["sum_old"] + e["g"] ** 2),
        _new("{p}-lr/(1+(step_t-1)*lr_decay)*{g}/(SQRT({sum})+eps)",
             "new = p - lr / (1 + (t - 1) lr_decay) * g / (sqrt(sum) + eps)",
             lambda e: e["p"] - e["lr"] / (1 + (e["step_t"] - 1) * e["lr_decay"]) * e["g"]
             / (np.sqrt(e["sum"]) + e["eps"])),
    ])


def _adadelta(opt: Optimizer) -> UpdateRule:
    state = [StateBlock("v_old", "square_avg", "square average v before this step"),
             StateBlock("u_old", "acc_delta", "step average u before this step")]
    return UpdateRule(state, [
        UpdateStage("v", "square average v = rho v_old + (1 - rho) g^2", "rho*{v_old}+(1-rho)*{g}^2",
                    lambda e: e["rho"] * e["v_old"] + (1 - e["rho"]) * e["g"] ** 2),
        UpdateStage("d", "step d = sqrt(u_old + eps) / sqrt(v + eps) * g", "SQRT({u_old}+eps)/SQRT({v}+eps)*{g}",
                    lambda e: np.sqrt(e["u_old"] + e["eps"]) / np.sqrt(e["v"] + e["eps"]) * e["g"]),
        UpdateStage("u", "step average u = rho u_old + (1 - rho) d^2", "rho*{u_old}+(1-rho)*{d}^2",
                    lambda e: e["rho"] * e["u_old"] + (1 - e["rho"]) * e["d"] ** 2),
        _new("{p}-lr*{d}", "new = p - lr * d", lambda e: e["p"] - e["lr"] * e["d"]),
    ])


def _rmsprop(opt: Optimizer) -> UpdateRule:
    hp = opt.hyperparameters
    state = [StateBlock("v_old", "square_avg", "square average v before this step")]
    stages = [UpdateStage("v", "square average v = alpha v_old + (1 - alpha) g^2", "alpha*{v_old}+(1-alpha)*{g}^2",
                          lambda e: e["alpha"] * e["v_old"] + (1 - e["alpha"]) * e["g"] ** 2)]
    if hp["centered"]:
        state.append(StateBlock("g_avg_old", "grad_avg", "gradient average before this step"))
        stages += [
            UpdateStage("g_avg", "gradient average g_avg = alpha g_avg_old + (1 - alpha) g",
                        "alpha*{g_avg_old}+(1-alpha)*{g}",
                        lambda e: e["alpha"] * e["g_avg_old"] + (1 - e["alpha"]) * e["g"]),
            UpdateStage("avg", "avg = sqrt(v - g_avg^2) + eps", "SQRT({v}-{g_avg}^2)+eps",
                        lambda e: np.sqrt(e["v"] - e["g_avg"] ** 2) + e["eps"]),
        ]
    else:
        stages.append(UpdateStage("avg", "avg = sqrt(v) + eps", "SQRT({v})+eps",
                                  lambda e: np.sqrt(e["v"]) + e["eps"]))
    if hp["momentum"] > 0:
        state.append(StateBlock("buf_old", "momentum_buffer", "momentum buffer before this step"))
        return UpdateRule(state, stages + [
            UpdateStage("buf", "momentum buffer buf = momentum buf_old + g / avg", "momentum*{buf_old}+{g}/{avg}",
                        lambda e: e["momentum"] * e["buf_old"] + e["g"] / e["avg"]),
            _new("{p}-lr*{buf}", "new = p - lr * buf", lambda e: e["p"] - e["lr"] * e["buf"]),
        ])
    return UpdateRule(state, stages + [_new("{p}-lr*{g}/{avg}", "new = p - lr * g / avg",
                                            lambda e: e["p"] - e["lr"] * e["g"] / e["avg"])])


_RULES: dict[str, Callable[[Optimizer], UpdateRule]] = {
    "sgd": _sgd, "momentum": _sgd, "nesterov": _sgd,
    "adam": _adam, "adagrad": _adagrad, "adadelta": _adadelta, "rmsprop": _rmsprop,
}

# The sheet's name of each setting a formula may use (names that cannot be read as a
# cell, like B1 or ACC0), with what it is and its value for an optimizer.
_SETTINGS: dict[str, tuple[str, Callable[[Optimizer], float]]] = {
    "momentum": ("momentum", lambda o: o.hyperparameters["momentum"]),
    "dampening": ("dampening", lambda o: o.hyperparameters["dampening"]),
    "beta1": ("betas[0]", lambda o: o.hyperparameters["betas"][0]),
    "beta2": ("betas[1]", lambda o: o.hyperparameters["betas"][1]),
    "eps": ("eps", lambda o: o.hyperparameters["eps"]),
    "lr_decay": ("lr_decay", lambda o: o.hyperparameters["lr_decay"]),
    "rho": ("rho", lambda o: o.hyperparameters["rho"]),
    "alpha": ("alpha", lambda o: o.hyperparameters["alpha"]),
    "step_t": ("this step's number t: steps taken before it + 1", lambda o: o.t + 1),
}


def update_rule(optimizer: Optimizer) -> UpdateRule:
    """The next update of ``optimizer`` (a fresh one or one with state) as sheet stages.
    An optimizer without a sheet rule: ValueError."""
    rule = _RULES.get(optimizer.name)
    if rule is None:
        raise ValueError(f"a step sheet cannot write the update of optimizer {optimizer.name!r}; "
                         f"it writes {', '.join(_RULES)}")
    found = rule(optimizer)
    found.settings = {name: (what, float(value(optimizer))) for name, (what, value) in _SETTINGS.items()
                      if any(_uses(stage.formula, name) for stage in found.stages)}
    return found


def _uses(formula: str, name: str) -> bool:
    """Whether the formula names the setting (as a whole word, not inside a {placeholder})."""
    return re.search(rf"(?<![\w{{]){name}(?![\w}}])", formula) is not None
