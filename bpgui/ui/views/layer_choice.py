"""The "Layer:" box of the views that show one layer's weights at a time."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox

__all__ = ["set_layer_choices"]


def set_layer_choices(box: QComboBox, n: int) -> None:
    """``n`` layers to choose from ("1: hidden weights" ... "n: output weights"), the
    choice kept where it still exists, without a change signal."""
    if box.count() == n:
        return
    old = box.currentIndex()
    box.blockSignals(True)
    box.clear()
    box.addItems([f"{k + 1}: {'hidden' if k < n - 1 else 'output'} weights" for k in range(n)])
    box.setCurrentIndex(min(max(old, 0), n - 1))
    box.blockSignals(False)
