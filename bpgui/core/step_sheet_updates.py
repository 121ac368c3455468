"""The first update of each optimizer, from a fresh state, as spreadsheet formulas.

A step sheet shows one training step of a fresh optimizer (step count 1,
moments and buffers zero), the step a new run takes first.  Each optimizer's
rule is a few stages, each one number per parameter: a spreadsheet formula
over the parameter ``{p}``, its gradient ``{g}``, earlier stages (``{m}``...)
and the hyperparameters by name (``lr``, ``beta1``...), beside the same
stage in NumPy for the value the sheet stores with the formula.  The last
stage is the new parameter.  The rules are those of `optimizers.py` (torch's)
with t = 1 and zero state; the tests check them against the engine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .optimizers import Optimizer

__all__ = ["UpdateStage", "first_update"]


@dataclass(frozen=True)
class UpdateStage:
    key: str        # the name later stages use: {m}
    label: str      # the block's title in the sheet
    formula: str    # template over {p}, {g}, earlier keys; hyperparameters by name
    compute: Callable[[dict[str, Any]], np.ndarray]   # the same over arrays and numbers


def _new(formula: str, label: str, compute) -> UpdateStage:
    return UpdateStage("new", label, formula, compute)


def _sgd(hp: dict) -> list[UpdateStage]:
    if hp["momentum"] == 0:
        return [_new("{p}-lr*{g}", "new = p - lr * g", lambda e: e["p"] - e["lr"] * e["g"])]
    buf = UpdateStage("buf", "momentum buffer buf = g (torch starts it at the first gradient)", "{g}",
                      lambda e: e["g"].copy())
    if hp["nesterov"]:
        return [buf, _new("{p}-lr*({g}+momentum*{buf})", "new = p - lr * (g + momentum * buf)  (Nesterov)",
                          lambda e: e["p"] - e["lr"] * (e["g"] + e["momentum"] * e["buf"]))]
    return [buf, _new("{p}-lr*{buf}", "new = p - lr * buf", lambda e: e["p"] - e["lr"] * e["buf"])]


def _adam(hp: dict) -> list[UpdateStage]:
    # amsgrad keeps max(v_max, v), which at the first step is v itself.
    return [
        UpdateStage("m", "first moment m = (1 - beta1) g  (m starts at 0)", "(1-beta1)*{g}",
                    lambda e: (1 - e["beta1"]) * e["g"]),
        UpdateStage("v", "second moment v = (1 - beta2) g^2  (v starts at 0)", "(1-beta2)*{g}^2",
                    lambda e: (1 - e["beta2"]) * e["g"] ** 2),
        UpdateStage("m_hat", "bias-corrected m_hat = m / (1 - beta1^1)", "{m}/(1-beta1)",
                    lambda e: e["m"] / (1 - e["beta1"])),
        UpdateStage("v_hat", "bias-corrected v_hat = v / (1 - beta2^1)", "{v}/(1-beta2)",
                    lambda e: e["v"] / (1 - e["beta2"])),
        _new("{p}-lr*{m_hat}/(SQRT({v_hat})+eps)", "new = p - lr * m_hat / (sqrt(v_hat) + eps)",
             lambda e: e["p"] - e["lr"] * e["m_hat"] / (np.sqrt(e["v_hat"]) + e["eps"])),
    ]


def _adagrad(hp: dict) -> list[UpdateStage]:
    return [
        UpdateStage("sum", "sum = initial_accumulator_value + g^2", "acc_init+{g}^2",
                    lambda e: e["acc_init"] + e["g"] ** 2),
        _new("{p}-lr*{g}/(SQRT({sum})+eps)", "new = p - lr * g / (sqrt(sum) + eps)",
             lambda e: e["p"] - e["lr"] * e["g"] / (np.sqrt(e["sum"]) + e["eps"])),
    ]


def _adadelta(hp: dict) -> list[UpdateStage]:
    return [
        UpdateStage("v", "square average v = (1 - rho) g^2  (v starts at 0)", "(1-rho)*{g}^2",
                    lambda e: (1 - e["rho"]) * e["g"] ** 2),
        UpdateStage("d", "step d = sqrt(0 + eps) / sqrt(v + eps) * g", "SQRT(eps)/SQRT({v}+eps)*{g}",
                    lambda e: np.sqrt(e["eps"]) / np.sqrt(e["v"] + e["eps"]) * e["g"]),
        _new("{p}-lr*{d}", "new = p - lr * d", lambda e: e["p"] - e["lr"] * e["d"]),
    ]


def _rmsprop(hp: dict) -> list[UpdateStage]:
    stages = [UpdateStage("v", "square average v = (1 - alpha) g^2  (v starts at 0)", "(1-alpha)*{g}^2",
                          lambda e: (1 - e["alpha"]) * e["g"] ** 2)]
    if hp["centered"]:
        stages += [
            UpdateStage("g_avg", "gradient average g_avg = (1 - alpha) g", "(1-alpha)*{g}",
                        lambda e: (1 - e["alpha"]) * e["g"]),
            UpdateStage("avg", "avg = sqrt(v - g_avg^2) + eps", "SQRT({v}-{g_avg}^2)+eps",
                        lambda e: np.sqrt(e["v"] - e["g_avg"] ** 2) + e["eps"]),
        ]
    else:
        stages.append(UpdateStage("avg", "avg = sqrt(v) + eps", "SQRT({v})+eps",
                                  lambda e: np.sqrt(e["v"]) + e["eps"]))
    if hp["momentum"] > 0:
        return stages + [
            UpdateStage("buf", "momentum buffer buf = g / avg  (buf starts at 0)", "{g}/{avg}",
                        lambda e: e["g"] / e["avg"]),
            _new("{p}-lr*{buf}", "new = p - lr * buf", lambda e: e["p"] - e["lr"] * e["buf"]),
        ]
    return stages + [_new("{p}-lr*{g}/{avg}", "new = p - lr * g / avg",
                          lambda e: e["p"] - e["lr"] * e["g"] / e["avg"])]


_RULES: dict[str, Callable[[dict], list[UpdateStage]]] = {
    "sgd": _sgd, "momentum": _sgd, "nesterov": _sgd,
    "adam": _adam, "adagrad": _adagrad, "adadelta": _adadelta, "rmsprop": _rmsprop,
}

# The sheet's name of each hyperparameter a formula uses, with its value and torch's name.
_SETTINGS: dict[str, tuple[str, Callable[[dict], float]]] = {
    "momentum": ("momentum", lambda hp: hp["momentum"]),
    "beta1": ("betas[0]", lambda hp: hp["betas"][0]),
    "beta2": ("betas[1]", lambda hp: hp["betas"][1]),
    "eps": ("eps", lambda hp: hp["eps"]),
    "acc_init": ("initial_accumulator_value", lambda hp: hp["initial_accumulator_value"]),
    "rho": ("rho", lambda hp: hp["rho"]),
    "alpha": ("alpha", lambda hp: hp["alpha"]),
}


def first_update(optimizer: Optimizer) -> tuple[list[UpdateStage], dict[str, tuple[str, float]]]:
    """The stages of ``optimizer``'s first step, and the hyperparameters they use:
    sheet name -> (torch's name, value).  An optimizer without a sheet rule: ValueError."""
    rule = _RULES.get(optimizer.name)
    if rule is None:
        raise ValueError(f"a step sheet cannot write the update of optimizer {optimizer.name!r}; "
                         f"it writes {', '.join(_RULES)}")
    hp = optimizer.hyperparameters
    stages = rule(hp)
    used = {name: (torch_name, float(value(hp))) for name, (torch_name, value) in _SETTINGS.items()
            if any(_uses(stage.formula, name) for stage in stages)}
    return stages, used


def _uses(formula: str, name: str) -> bool:
    """Whether the formula names the hyperparameter (as a whole word)."""
    return re.search(rf"(?<![\w{{]){name}(?![\w}}])", formula) is not None
