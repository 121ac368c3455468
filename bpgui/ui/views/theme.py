"""The views' colours, in one place: curves, classes, and the signs of weights."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

pg.setConfigOptions(antialias=True, background="w", foreground="k", useOpenGL=False)

TRAIN_PEN = pg.mkPen(color=(31, 119, 180), width=2)
VAL_PEN = pg.mkPen(color=(214, 39, 40), width=2)
# The epoch the timeline bar shows, on the loss and metric curves.
MARKER_PEN = pg.mkPen(color=(90, 90, 90), width=1.5, style=Qt.DashLine)
CLASS_COLOURS = [(8, 119, 189), (245, 147, 34), (44, 160, 44), (214, 39, 40), (148, 103, 189),
                 (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]

# Weights and the output map: positive blue, negative orange (TensorFlow Playground's choice).
POSITIVE = QColor(8, 119, 189)      # Playground's blue
NEGATIVE = QColor(245, 147, 34)     # and orange
NEUTRAL = QColor(235, 235, 235)


def mix(c: QColor, t: float) -> QColor:
    """Colour between NEUTRAL (t=0) and c (t=1)."""
    t = min(max(t, 0.0), 1.0)
    return QColor(round(NEUTRAL.red() + (c.red() - NEUTRAL.red()) * t),
                  round(NEUTRAL.green() + (c.green() - NEUTRAL.green()) * t),
                  round(NEUTRAL.blue() + (c.blue() - NEUTRAL.blue()) * t))


def _rgb(c: QColor) -> tuple[int, int, int]:
    return c.red(), c.green(), c.blue()


# Diverging maps from NEGATIVE through near-white to POSITIVE: the weight heatmap and the
# output map's points; the map behind the points is a lighter tint of the same, so points stay visible.
WEIGHT_CMAP = pg.ColorMap([0.0, 0.5, 1.0], [_rgb(NEGATIVE), (248, 248, 248), _rgb(POSITIVE)])
POINT_CMAP = pg.ColorMap([0.0, 0.5, 1.0], [_rgb(NEGATIVE), _rgb(NEUTRAL), _rgb(POSITIVE)])
MAP_CMAP = pg.ColorMap([0.0, 0.5, 1.0], [(250, 199, 140), (248, 248, 248), (142, 192, 226)])
PREDICTION_PEN = pg.mkPen((214, 39, 40), width=2.5)
# How many of a layer's weights a value has, light (few) to dark (many): the weights'
# distribution over a run. The lightest is still a tint, so that few reads apart from none (white).
DENSITY_CMAP = pg.ColorMap([0.0, 0.5, 1.0], [(198, 219, 239), (66, 146, 198), (8, 48, 107)])
