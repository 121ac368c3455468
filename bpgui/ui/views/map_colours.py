"""The output map's colours: class tints behind the points, values on a colour bar.

A class is the same colour wherever it appears: class k of a multiclass target
and class k (0 or 1) of a binary one both take ``CLASS_COLOURS[k]``.  The map
behind the points is a lighter tint of that colour, so the points stay visible.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from bpgui.ui.i18n import translate

from .theme import CLASS_COLOURS

__all__ = ["class_colour", "class_tints", "VALUE_CMAP", "value_colours", "legend_html",
           "TRAIN_SYMBOL", "TEST_SYMBOL", "TRAIN_PEN", "TEST_PEN"]

PAPER = np.array([250.0, 250.0, 250.0])   # the colour of "no class": an even chance
HARD_TINT = 0.45                          # a discretised class's tint, also the strongest sure one
_PALETTE = np.array(CLASS_COLOURS, dtype=np.float64)
_PAPER32 = PAPER.astype(np.float32)
_TOWARDS = (_PALETTE - PAPER).astype(np.float32)                           # paper to each class colour
_HARD = np.rint(PAPER + (_PALETTE - PAPER) * HARD_TINT).astype(np.uint8)   # the discretised tints

VALUE_CMAP = pg.colormap.get("viridis")   # regression: dark low, yellow high
TRAIN_SYMBOL, TEST_SYMBOL = "o", "d"
TRAIN_PEN = pg.mkPen((255, 255, 255), width=1.2)
TEST_PEN = pg.mkPen((20, 20, 20), width=1.6)   # a test point: a dark-edged diamond


def class_colour(k: int) -> tuple[int, int, int]:
    return CLASS_COLOURS[k % len(CLASS_COLOURS)]


def class_tints(probs: np.ndarray, discretise: bool = False) -> np.ndarray:
    """RGB (uint8, one row per row of ``probs``) of the likeliest class, a stronger tint
    the surer the network is (an even chance is near white); ``discretise``: one tint
    per class, whatever the probability.  Runs ten times a second on 10,000 rows: float32,
    one pass per step."""
    p = np.where(np.isnan(probs), -1.0, probs).astype(np.float32, copy=False)
    k = p.argmax(axis=1) % len(_PALETTE)
    if discretise:
        return _HARD[k]
    n = p.shape[1]
    sure = (p.max(axis=1) - 1.0 / n) * (n / (n - 1.0))     # 0 at an even chance, 1 when certain
    strength = np.float32(0.08) + np.float32(HARD_TINT - 0.08) * np.clip(sure, 0.0, 1.0)
    rgb = _PAPER32 + _TOWARDS[k] * strength[:, None]
    return (rgb + 0.5).astype(np.uint8)


def value_colours(values: np.ndarray, levels: tuple[float, float]) -> list:
    """Brushes for numbers on the colour bar's scale (the points of a regression)."""
    lo, hi = levels
    t = np.clip((np.asarray(values, dtype=np.float64) - lo) / (hi - lo), 0.0, 1.0)
    return [pg.mkBrush(c) for c in VALUE_CMAP.map(np.nan_to_num(t, nan=0.5), mode="qcolor")]


def legend_html(classes: list[str], has_test: bool, has_val: bool) -> str:
    """One line (wrapping) that names the class colours and the point symbols."""
    parts = [f'<span style="color:rgb{class_colour(k)}">&#9679;</span>&nbsp;{_escape(name)}'
             for k, name in enumerate(classes)]
    seen = translate("map_colours", "training + validation") if has_val else translate("map_colours", "training")
    parts.append(f"&#9675;&nbsp;{_escape(seen)}")
    if has_test:   # translated outside the f-string: lupdate does not look inside one
        test = translate("map_colours", "test")
        parts.append(f"&#9671;&nbsp;<b>{_escape(test)}</b>")
    return "&nbsp;&nbsp; ".join(parts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
