"""Checks of the data as the network sees it: targets it cannot produce, inputs of very
different or large scales, a class far rarer than the others."""
from __future__ import annotations

import numpy as np

from .coach_input import CoachInput
from .finding import Finding

__all__ = ["target_range", "unscaled_inputs", "class_imbalance", "OUTPUT_RANGES"]

# What each output activation can produce (closed where a limit is reached in practice:
# a sigmoid's 0/1 targets are what binary cross-entropy is made for).
OUTPUT_RANGES = {
    "sigmoid": (0.0, 1.0), "softmax": (0.0, 1.0), "tanh": (-1.0, 1.0), "relu": (0.0, np.inf),
    "softplus": (0.0, np.inf), "elu": (-1.0, np.inf), "gelu": (-0.1700, np.inf), "swish": (-0.2785, np.inf),
}
_TOLERANCE = 1e-6


def target_range(c: CoachInput) -> Finding | None:
    act = c.network.output_activation
    lo, hi = OUTPUT_RANGES.get(act, (-np.inf, np.inf))
    Y = c.Y_all
    outside = (Y < lo - _TOLERANCE) | (Y > hi + _TOLERANCE)
    n_out = int(outside.any(axis=1).sum())
    if not n_out:
        return None
    y_min, y_max = float(Y.min()), float(Y.max())
    return Finding(
        "target_range",
        f"The targets run from {y_min:.4g} to {y_max:.4g}, but a {act} output can only give values "
        f"from {lo:g} to {hi:g}: the network can never reach {n_out} of the {len(Y)} rows' targets.",
        "Scale the targets into the output's range, or use a linear output with squared error "
        "for numbers like these.",
        {"targets min": y_min, "targets max": y_max, "output range": f"{lo:g} .. {hi:g}",
         "rows outside": n_out, "rows": len(Y)})


def unscaled_inputs(c: CoachInput) -> Finding | None:
    X = c.X.astype(np.float64)
    if X.shape[1] == 0:
        return None
    rms = np.sqrt(np.mean(X * X, axis=0))
    spans = X.max(axis=0) - X.min(axis=0)
    varying = spans[spans > 0]
    ratio = float(varying.max() / varying.min()) if len(varying) > 1 else 1.0
    big = int(np.argmax(rms))
    lim = c.limits
    if rms[big] <= lim.input_rms and ratio <= lim.input_range_ratio:
        return None
    widest = int(np.argmax(np.where(spans > 0, spans, -np.inf)))
    narrowest = int(np.argmin(np.where(spans > 0, spans, np.inf)))
    if rms[big] > lim.input_rms:
        what = (f"{c.feature_name(big)} has values of size {rms[big]:.4g} (root mean square) as the "
                f"network sees it; inputs much larger than 1 push units to their limits.")
    else:
        what = (f"The inputs' spreads differ {ratio:.4g}-fold ({c.feature_name(widest)} spans "
                f"{spans[widest]:.4g}, {c.feature_name(narrowest)} {spans[narrowest]:.4g}), so one "
                f"learning rate is too big for some weights and too small for others.")
    return Finding(
        "unscaled_inputs", what,
        "Normalise the inputs (z-score or min-max in the Data panel, --normalize on the command line).",
        {"largest RMS": float(rms[big]), "of": c.feature_name(big), "range ratio": ratio,
         "features over RMS limit": int((rms > lim.input_rms).sum())})


def _class_counts(c: CoachInput) -> np.ndarray | None:
    """Rows per class for a classifier's targets (softmax: one-hot; one sigmoid: 0/1), else None."""
    act, Y = c.network.output_activation, c.Y_all
    if act == "softmax" and Y.shape[1] > 1:
        return np.bincount(np.argmax(Y, axis=1), minlength=Y.shape[1])
    if act == "sigmoid" and Y.shape[1] == 1 and np.isin(Y, (0.0, 1.0)).all():
        ones = int(Y.sum())
        return np.array([len(Y) - ones, ones])
    return None


def class_imbalance(c: CoachInput) -> Finding | None:
    counts = _class_counts(c)
    lim = c.limits
    if counts is None or counts.sum() < lim.class_min_rows or counts.max() == 0:
        return None
    rare, common = int(np.argmin(counts)), int(np.argmax(counts))
    ratio = counts[rare] / counts[common]
    if ratio >= lim.class_ratio:
        return None
    share = counts[common] / counts.sum()
    return Finding(
        "class_imbalance",
        f"Class {c.class_name(rare)} has {counts[rare]} rows against {counts[common]} of class "
        f"{c.class_name(common)}: a network that always answers {c.class_name(common)} is already "
        f"{share:.0%} right, so accuracy hides the rare class.",
        "Collect more rows of the rare class, or repeat them (oversample) so the classes weigh alike; "
        "judge the network by the per-class figures of the Results view.",
        {"rarest class": c.class_name(rare), "rarest rows": int(counts[rare]),
         "commonest class": c.class_name(common), "commonest rows": int(counts[common]), "ratio": float(ratio)})
