"""The training speed: a slider from a few epochs a second (to watch each one) to full speed.

XOR trains a thousand epochs in under a second; at 1-10 epochs a second a
learner sees each step in every view.  The speed changes how fast, not what
is learned, so it is a window preference (kept in QSettings by
``window_settings``), not a setting of the model: it is not saved in model
files, not undone, and never makes a document unsaved.  ``sigSpeedChanged``
carries epochs per second, or None for full speed.
"""
from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from ..i18n import QT_TRANSLATE_NOOP, translate
from ..setting_help import PANEL_TIPS

__all__ = ["SpeedControl", "SPEEDS", "parse_speed", "speed_text"]

# Slow on the left, full speed (None) on the right: 1-3-10 steps, as the learning rate's arrows.
SPEEDS: tuple[float | None, ...] = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, None)
FULL = QT_TRANSLATE_NOOP("speed_control", "full")


def speed_text(epochs_per_second: float | None) -> str:
    """The slider's reading: "full", or epochs per second ("30/s")."""
    return translate("speed_control", FULL) if epochs_per_second is None else f"{epochs_per_second:g}/s"


def parse_speed(value) -> float | None:
    """A stored speed (``str(speed)``, a number, "full" or nothing) as epochs per second or None."""
    try:
        speed = float(value)
    except (TypeError, ValueError):
        return None
    return speed if math.isfinite(speed) and speed > 0 else None


def _nearest(epochs_per_second: float | None) -> int:
    """The slider position whose speed is nearest (on a log scale) to the one asked for."""
    if epochs_per_second is None:
        return len(SPEEDS) - 1
    steps = SPEEDS[:-1]
    return min(range(len(steps)), key=lambda i: abs(math.log(steps[i] / epochs_per_second)))


class SpeedControl(QWidget):
    """A slider over ``SPEEDS`` and the speed it stands at."""

    sigSpeedChanged = Signal(object)   # float epochs per second, or None: full speed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, len(SPEEDS) - 1)
        self.slider.setPageStep(1)
        self.slider.setValue(len(SPEEDS) - 1)
        self.slider.setTickPosition(QSlider.TicksBelow)
        # Narrow enough for the panel at 1024 pixels: the slider must not widen the dock.
        self.slider.setMinimumWidth(60)
        self.slider.setAccessibleName(translate("speed_control", "Training speed"))
        self.label = QLabel(speed_text(None))
        widest = max(self.label.fontMetrics().horizontalAdvance(speed_text(s)) for s in SPEEDS)
        self.label.setFixedWidth(widest + 4)   # the slider does not jump as the text changes
        self.label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.label)
        tip = translate("setting_help", PANEL_TIPS["SpeedControl"]["slider"])
        for w in (self, self.slider, self.label):
            w.setToolTip(tip)
        self.slider.valueChanged.connect(self._moved)

    def speed(self) -> float | None:
        """Epochs per second, or None for full speed."""
        return SPEEDS[self.slider.value()]

    def set_speed(self, epochs_per_second: float | None) -> None:
        """Show the offered speed nearest to ``epochs_per_second`` (announced if it changes)."""
        self.slider.setValue(_nearest(epochs_per_second))

    @Slot(int)
    def _moved(self, index: int) -> None:
        self.label.setText(speed_text(SPEEDS[index]))
        self.sigSpeedChanged.emit(SPEEDS[index])
