"""The "Layer:" box of the views that show one layer's weights at a time."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel

from bpgui.ui.i18n import translate

__all__ = ["layer_row", "set_layer_choices"]


def layer_row() -> tuple[QHBoxLayout, QComboBox]:
    """The row above such a view: "Layer:" and the box, which takes the row's width."""
    row = QHBoxLayout()
    row.setContentsMargins(4, 0, 4, 0)
    row.addWidget(QLabel(translate("layer_choice", "Layer:")))
    box = QComboBox()
    row.addWidget(box, 1)
    return row, box


def set_layer_choices(box: QComboBox, n: int) -> None:
    """``n`` layers to choose from ("1: hidden weights" ... "n: output weights"), the
    choice kept where it still exists, without a change signal."""
    if box.count() == n:
        return
    old = box.currentIndex()
    box.blockSignals(True)
    box.clear()
    hidden, output = translate("layer_choice", "{k}: hidden weights"), translate("layer_choice", "{k}: output weights")
    box.addItems([(hidden if k < n - 1 else output).format(k=k + 1) for k in range(n)])
    box.setCurrentIndex(min(max(old, 0), n - 1))
    box.blockSignals(False)
