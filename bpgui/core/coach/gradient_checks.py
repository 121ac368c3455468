"""Vanishing and exploding gradients: each layer's root mean square gradient on a sample of
rows, the first layer's against the last's, and any layer's against a plain limit."""
from __future__ import annotations

import numpy as np

from ..translatable import QT_TRANSLATE_NOOP
from .coach_input import CoachInput
from .finding import Finding

__all__ = ["layer_gradient_rms", "vanishing_gradients", "exploding_gradients"]


def layer_gradient_rms(c: CoachInput) -> list[float] | None:
    """The root mean square of each layer's (W, b) gradient on up to ``gradient_rows`` rows,
    per parameter so that a wide first layer compares with a narrow last one; None if not finite."""
    n = min(len(c.X), c.limits.gradient_rows)
    with np.errstate(all="ignore"):
        dW, db = c.network.gradients(c.X[:n], c.Y[:n])
    rms = [float(np.sqrt((np.vdot(w, w) + np.vdot(b, b)) / (w.size + b.size))) for w, b in zip(dW, db)]
    return rms if np.all(np.isfinite(rms)) else None


def _ratio(rms: list[float], floor: float) -> float | None:
    """First layer's RMS gradient over the last's, when there are two layers and the last still learns."""
    if len(rms) < 2 or rms[-1] < floor:
        return None
    return rms[0] / rms[-1]


def _times(x: float) -> str:
    """A factor in plain figures: 3.2, 45, 1,400, 250,000."""
    return f"{x:,.0f}" if x >= 100 else f"{x:.2g}"


LAYER_RMS = QT_TRANSLATE_NOOP("coach", "layer {layer} RMS gradient")


def _evidence(rms: list[float], ratio) -> tuple[dict, dict]:
    """The evidence, and the templates its per-layer names were made from (for the window)."""
    names = {LAYER_RMS.format(layer=l + 1): (LAYER_RMS, {"layer": l + 1}) for l in range(len(rms))}
    evidence = dict(zip(names, rms))
    if ratio is not None:
        evidence[QT_TRANSLATE_NOOP("coach", "first / last")] = ratio
    return evidence, names


def _finding(code: str, template: str, params: dict, suggestion: str, rms: list[float], ratio) -> Finding:
    evidence, names = _evidence(rms, ratio)
    return Finding.of(code, template, params, suggestion, evidence, evidence_names=names)


def vanishing_gradients(c: CoachInput, rms: list[float] | None) -> Finding | None:
    if rms is None:
        return None
    ratio = _ratio(rms, c.limits.gradient_floor)
    if ratio is None or ratio * c.limits.gradient_ratio >= 1:
        return None
    if ratio > 0:
        template = QT_TRANSLATE_NOOP("coach", "The first layer's gradients are {times} times smaller than the last "
                                     "layer's: by the time the error reaches the first layers it has faded, so "
                                     "they barely learn.")
    else:
        template = QT_TRANSLATE_NOOP("coach", "The first layer's gradients are zero while the last layer's are "
                                     "not: by the time the error reaches the first layers it has faded, so they "
                                     "barely learn.")
    return _finding(
        "vanishing_gradients", template, {"times": _times(1 / ratio) if ratio > 0 else ""},
        QT_TRANSLATE_NOOP("coach", "Use ReLU (or leaky ReLU) hidden units instead of sigmoid or tanh, fewer "
                          "layers, Xavier or He initialisation, or normalised inputs."),
        rms, ratio)


def exploding_gradients(c: CoachInput, rms: list[float] | None) -> Finding | None:
    if rms is None:
        return None
    lim = c.limits
    ratio = _ratio(rms, lim.gradient_floor)
    biggest = int(np.argmax(rms))
    if rms[biggest] <= lim.gradient_rms and (ratio is None or ratio <= lim.gradient_ratio):
        return None
    if rms[biggest] > lim.gradient_rms:
        template = QT_TRANSLATE_NOOP("coach", "Layer {layer}'s gradients are huge (root mean square {rms} per "
                                     "weight): one step moves its weights far, so training jumps about or "
                                     "diverges.")
    else:
        template = QT_TRANSLATE_NOOP("coach", "The first layer's gradients are {times} times larger than the "
                                     "last layer's: the error grows as it goes back, so the first layers take "
                                     "wild steps.")
    params = {"layer": biggest + 1, "rms": f"{rms[biggest]:.3g}", "times": _times(ratio) if ratio else ""}
    return _finding(
        "exploding_gradients", template, params,
        QT_TRANSLATE_NOOP("coach", "Lower the learning rate, normalise the inputs, start from smaller weights "
                          "(Xavier), or add L2 regularisation."),
        rms, ratio)
