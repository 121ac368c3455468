"""Checks of the data as the network sees it: targets it cannot produce, inputs of very
different or large scales, a class far rarer than the others."""
from __future__ import annotations

import numpy as np

from ..translatable import QT_TRANSLATE_NOOP
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
    return Finding.of(
        "target_range",
        QT_TRANSLATE_NOOP("coach", "The targets run from {low} to {high}, but a {activation} output can only "
                          "give values from {out_low} to {out_high}: the network can never reach {outside} of "
                          "the {rows} rows' targets."),
        {"low": f"{y_min:.4g}", "high": f"{y_max:.4g}", "activation": act, "out_low": f"{lo:g}",
         "out_high": f"{hi:g}", "outside": n_out, "rows": len(Y)},
        QT_TRANSLATE_NOOP("coach", "Scale the targets into the output's range, or use a linear output with "
                          "squared error for numbers like these."),
        {QT_TRANSLATE_NOOP("coach", "targets min"): y_min, QT_TRANSLATE_NOOP("coach", "targets max"): y_max,
         QT_TRANSLATE_NOOP("coach", "output range"): f"{lo:g} .. {hi:g}",
         QT_TRANSLATE_NOOP("coach", "rows outside"): n_out, QT_TRANSLATE_NOOP("coach", "rows"): len(Y)})


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
        template = QT_TRANSLATE_NOOP("coach", "{feature} has values of size {rms} (root mean square) as the "
                                     "network sees it; inputs much larger than 1 push units to their limits.")
    else:
        template = QT_TRANSLATE_NOOP("coach", "The inputs' spreads differ {ratio}-fold ({widest} spans "
                                     "{widest_span}, {narrowest} {narrowest_span}), so one learning rate is "
                                     "too big for some weights and too small for others.")
    params = {"feature": c.feature_name(big), "rms": f"{rms[big]:.4g}", "ratio": f"{ratio:.4g}",
              "widest": c.feature_name(widest), "widest_span": f"{spans[widest]:.4g}",
              "narrowest": c.feature_name(narrowest), "narrowest_span": f"{spans[narrowest]:.4g}"}
    return Finding.of(
        "unscaled_inputs", template, params,
        QT_TRANSLATE_NOOP("coach", "Normalise the inputs (z-score or min-max in the Data panel, --normalize on "
                          "the command line)."),
        {QT_TRANSLATE_NOOP("coach", "largest RMS"): float(rms[big]),
         QT_TRANSLATE_NOOP("coach", "of"): c.feature_name(big), QT_TRANSLATE_NOOP("coach", "range ratio"): ratio,
         QT_TRANSLATE_NOOP("coach", "features over RMS limit"): int((rms > lim.input_rms).sum())})


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
    return Finding.of(
        "class_imbalance",
        QT_TRANSLATE_NOOP("coach", "Class {rare} has {rare_rows} rows against {common_rows} of class {common}: "
                          "a network that always answers {common} is already {share} right, so accuracy hides "
                          "the rare class."),
        {"rare": c.class_name(rare), "rare_rows": counts[rare], "common_rows": counts[common],
         "common": c.class_name(common), "share": f"{share:.0%}"},
        QT_TRANSLATE_NOOP("coach", "Collect more rows of the rare class, or repeat them (oversample) so the "
                          "classes weigh alike; judge the network by the per-class figures of the Results view."),
        {QT_TRANSLATE_NOOP("coach", "rarest class"): c.class_name(rare),
         QT_TRANSLATE_NOOP("coach", "rarest rows"): int(counts[rare]),
         QT_TRANSLATE_NOOP("coach", "commonest class"): c.class_name(common),
         QT_TRANSLATE_NOOP("coach", "commonest rows"): int(counts[common]),
         QT_TRANSLATE_NOOP("coach", "ratio"): float(ratio)})
