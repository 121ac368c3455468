"""What the output map calls its classes and outputs, and the range its colours span.

``output`` is the output the map shows: one of several independent ones (the
adders' sum and carry, several numbers); a multiclass target's outputs are
its classes and are shown together.
"""
from __future__ import annotations

import numpy as np

from bpgui.ui.i18n import translate

from .map_colours import legend_html

__all__ = ["class_names", "output_name", "target_levels", "legend_for"]


def class_names(dataset, output: int = 0) -> list[str]:
    """The classes' names in colour order: a binary output's "0"/"1" unless the data names
    them; one of several outputs says whose ("sum 0", "sum 1")."""
    if dataset.task == "multiclass":
        return dataset.class_names or dataset.target_names
    if dataset.n_outputs == 1 and dataset.class_names:
        return dataset.class_names
    name = dataset.target_names[output] if dataset.n_outputs > 1 else ""
    return [f"{name} 0".strip(), f"{name} 1".strip()]


def output_name(dataset, output: int = 0) -> str:
    """The y axis of a curve."""
    if dataset.task == "regression":
        return dataset.target_names[output]
    if dataset.task == "multiclass":
        return translate("map_labels", "probability")
    return f"p({class_names(dataset, output)[1]})"


def target_levels(dataset, output: int = 0) -> tuple[float, float]:
    """The colour bar's range: the output's targets (fixed while training, so a colour
    means one value throughout a run); probabilities run from 0 to 1."""
    y = dataset.Y[:, output]
    y = y[np.isfinite(y)]
    if dataset.task != "regression" or not len(y):
        return 0.0, 1.0
    lo, hi = float(y.min()), float(y.max())
    return (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)


def legend_for(dataset, session, output: int = 0) -> str:
    has_val = session is not None and session.val is not None and len(session.val.X) > 0
    has_test = session is not None and session.test is not None and len(session.test.X) > 0
    classes = [] if dataset.task == "regression" else class_names(dataset, output)
    return legend_html(classes, has_test, has_val)
