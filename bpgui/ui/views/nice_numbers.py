"""Round axis limits: ranges move in steps, so axes are not re-laid out every frame."""
from __future__ import annotations

import numpy as np

_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(v: float) -> float:
    """The smallest of (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8) x 10^k that is >= v:
    steps of at most 25 %, so the curves keep most of the plot's width."""
    k = np.floor(np.log10(v))
    for m in _STEPS:
        if m * 10 ** k >= v * (1 - 1e-12):
            return float(m * 10 ** k)
    return float(10 ** (k + 1))
