"""What the network computes behind the painted points, in the canvas's own colours.

Each class's region is a light tint of the colour its points are painted in
(class A always in the first class colour, whatever classes were painted),
fading to white where the network is unsure: so a painted point on a
region of another colour is one the network gets wrong.
"""
from __future__ import annotations

import numpy as np

from bpgui.core.painted_data import CLASS_NAMES

from .theme import CLASS_COLOURS

GRID = 64
CURVE_POINTS = 200
PAPER = 248.0          # the white the tints fade to
FAINTEST, STRONGEST = 0.06, 0.42   # how much of a class colour an unsure and a sure region get
UNKNOWN_CLASS = (127, 127, 127)


def _outputs(model, network, X: np.ndarray) -> np.ndarray:
    net = network or model.network
    with np.errstate(all="ignore"):
        out = net.predict(model.encode_inputs(X)).astype(np.float64)
    return model.y_normalizer.inverse_transform(out) if model.task == "regression" else out


def class_picture(model, network, x_range, y_range) -> tuple[np.ndarray, tuple]:
    """An RGB picture (GRID, GRID, 3) of the winning class over the range, and its rect."""
    gx = np.linspace(*x_range, GRID)
    gy = np.linspace(*y_range, GRID)
    xx, yy = np.meshgrid(gx, gy)
    out = _outputs(model, network, np.column_stack([xx.ravel(), yy.ravel()]))
    probs = np.column_stack([1 - out[:, 0], out[:, 0]]) if out.shape[1] == 1 else out
    probs = np.nan_to_num(np.clip(probs, 0, 1))
    winner, sure = probs.argmax(axis=1), probs.max(axis=1)
    k = probs.shape[1]
    certainty = np.clip((sure - 1 / k) / (1 - 1 / k), 0, 1)   # 0 at a tie, 1 when sure
    colours = np.array([_colour(name) for name in model.class_names or CLASS_NAMES[:k]], dtype=float)
    strength = FAINTEST + (STRONGEST - FAINTEST) * certainty
    rgb = PAPER + (colours[winner] - PAPER) * strength[:, None]
    rect = (x_range[0], y_range[0], x_range[1] - x_range[0], y_range[1] - y_range[0])
    return rgb.reshape(GRID, GRID, 3).astype(np.uint8), rect


def number_curve(model, network, x_range) -> tuple[np.ndarray, np.ndarray]:
    """The network's y over the x range."""
    x = np.linspace(*x_range, CURVE_POINTS)
    return x, _outputs(model, network, x[:, None])[:, 0]


def _colour(name: str) -> tuple[int, int, int]:
    return CLASS_COLOURS[CLASS_NAMES.index(name)] if name in CLASS_NAMES else UNKNOWN_CLASS
