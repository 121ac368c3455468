"""Checks of the hidden units on the sampled rows: ReLUs that never fire, sigmoid and tanh
units stuck at their limits."""
from __future__ import annotations

import numpy as np

from ..translatable import QT_TRANSLATE_NOOP
from .coach_input import CoachInput
from .finding import Finding

__all__ = ["dead_units", "saturated_units"]


def _hidden(c: CoachInput):
    """(layer number from 1, activation name, outputs) of each hidden layer."""
    for l, ((_, act), a) in enumerate(zip(c.network.layers[:-1], c.outputs[:-1])):
        yield l + 1, act, a


def dead_units(c: CoachInput) -> Finding | None:
    worst = None   # (share, layer, dead, units)
    total = 0
    for layer, act, a in _hidden(c):
        if act != "relu":
            continue
        dead = int((a <= 0).all(axis=0).sum())
        total += dead
        share = dead / a.shape[1]
        if share >= c.limits.dead_share and (worst is None or share > worst[0]):
            worst = (share, layer, dead, a.shape[1])
    if worst is None:
        return None
    share, layer, dead, units = worst
    return Finding.of(
        "dead_units",
        QT_TRANSLATE_NOOP("coach", "In hidden layer {layer}, {dead} of the {units} ReLU units are never active on "
                          "the training rows: their output and gradient are zero, so they no longer learn."),
        {"layer": layer, "dead": dead, "units": units},
        QT_TRANSLATE_NOOP("coach", "Lower the learning rate, start again with He initialisation, or use leaky "
                          "ReLU or ELU, which always pass some gradient."),
        {QT_TRANSLATE_NOOP("coach", "layer"): layer, QT_TRANSLATE_NOOP("coach", "dead units"): dead,
         QT_TRANSLATE_NOOP("coach", "units"): units, QT_TRANSLATE_NOOP("coach", "dead in all ReLU layers"): total,
         QT_TRANSLATE_NOOP("coach", "rows looked at"): len(c.X)})


# The largest value of each squashing activation's derivative, as a function of its output a.
_DERIVATIVE = {"sigmoid": (lambda a: a * (1 - a), 0.25), "tanh": (lambda a: 1 - a * a, 1.0)}


def saturated_units(c: CoachInput) -> Finding | None:
    lim = c.limits
    if c.learned:   # a network that has learned the data may well answer with units at their limits
        return None
    worst = None   # (share, layer, act, saturated, units)
    for layer, act, a in _hidden(c):
        if act not in _DERIVATIVE or not a.size:
            continue
        derivative, peak = _DERIVATIVE[act]
        flat = derivative(a.astype(np.float64)) < lim.derivative_share * peak
        saturated = int((flat.mean(axis=0) >= lim.saturated_rows).sum())
        share = saturated / a.shape[1]
        if share >= lim.saturated_share and (worst is None or share > worst[0]):
            worst = (share, layer, act, saturated, a.shape[1])
    if worst is None:
        return None
    share, layer, act, saturated, units = worst
    return Finding.of(
        "saturated_units",
        QT_TRANSLATE_NOOP("coach", "In hidden layer {layer}, {saturated} of the {units} {activation} units sit at "
                          "their limits on at least {rows_share} of the rows, where their slope is nearly zero: "
                          "they pass back almost no gradient, so learning crawls."),
        {"layer": layer, "saturated": saturated, "units": units, "activation": act,
         "rows_share": f"{lim.saturated_rows:.0%}"},
        QT_TRANSLATE_NOOP("coach", "Normalise the inputs, start from smaller weights (Xavier initialisation), or "
                          "lower the learning rate; ReLU units do not saturate."),
        {QT_TRANSLATE_NOOP("coach", "layer"): layer, QT_TRANSLATE_NOOP("coach", "saturated units"): saturated,
         QT_TRANSLATE_NOOP("coach", "units"): units,
         QT_TRANSLATE_NOOP("coach", "loss / constant guess"): c.loss / c.baseline if c.baseline > 0 else float("nan")})
