"""`diagnose`: every check of the coach on one network, its data and its run."""
from __future__ import annotations

from typing import Sequence

from ..history import History
from ..network import Network
from .coach_input import prepare
from .data_checks import class_imbalance, target_range, unscaled_inputs
from .finding import CODES, Finding
from .gradient_checks import exploding_gradients, layer_gradient_rms, vanishing_gradients
from .history_checks import lr_too_high, overfitting, underfitting
from .thresholds import THRESHOLDS, Thresholds
from .unit_checks import dead_units, saturated_units

__all__ = ["diagnose", "EXPLAINED_BY"]

# A finding left out when another explains it better: a loss stuck high because the targets are
# out of reach, the steps overshoot or the inputs are unscaled is not cured by more units, as
# underfitting would suggest.
EXPLAINED_BY = {"underfitting": ("target_range", "lr_too_high", "unscaled_inputs")}

_PLAIN_CHECKS = (target_range, unscaled_inputs, class_imbalance, lr_too_high, dead_units, saturated_units,
                 overfitting, underfitting)


def diagnose(network: Network, X, Y, history: History | None = None, *,
             feature_names: Sequence[str] | None = None, class_names: Sequence[str] | None = None,
             limits: Thresholds = THRESHOLDS, seed: int = 0) -> list[Finding]:
    """What the coach finds about ``network`` on (X, Y), ordered as ``CODES``.

    X and Y are as the network takes them (normalised, one-hot), usually the training
    rows; ``history`` (the run's record) lets the findings that need a run speak.  At
    most ``limits.max_rows`` rows (chosen with ``seed``) are looked at.  Input that does
    not fit the network, empty data or a network of NaN give no findings, never an error.
    The network is not changed."""
    c = prepare(network, X, Y, history, limits, feature_names, class_names, seed)
    if c is None:
        return []
    found = [check(c) for check in _PLAIN_CHECKS]
    rms = layer_gradient_rms(c)
    found += [vanishing_gradients(c, rms), exploding_gradients(c, rms)]
    codes = {f.code for f in found if f is not None}
    findings = [f for f in found if f is not None and not codes & set(EXPLAINED_BY.get(f.code, ()))]
    return sorted(findings, key=lambda f: CODES.index(f.code))
