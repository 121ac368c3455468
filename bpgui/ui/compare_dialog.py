"""The Compare optimizers dialog: which optimizers, each with its learning rate, and the epochs."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QGridLayout, QLabel,
                               QSpinBox, QVBoxLayout)

from bpgui.core.optimizers import DEFAULT_LR, OPTIMIZERS

from .i18n import translate

__all__ = ["CompareDialog", "PRESELECTED"]

PRESELECTED = ("sgd", "adam", "rmsprop")


class CompareDialog(QDialog):
    """``choices()``: [(optimizer, learning rate)] ticked; ``epochs()``."""

    def __init__(self, current_optimizer: str, current_lr: float, epochs: int, start_note: str,
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("compare_dialog", "Compare optimizers"))
        grid = QGridLayout()
        grid.addWidget(QLabel(translate("compare_dialog", "optimizer")), 0, 0)
        grid.addWidget(QLabel(translate("compare_dialog", "learning rate")), 0, 1)
        self.boxes: dict[str, tuple[QCheckBox, QDoubleSpinBox]] = {}
        for row, name in enumerate(OPTIMIZERS, start=1):
            box = QCheckBox(name)
            box.setChecked(name in PRESELECTED or name == current_optimizer)
            lr = QDoubleSpinBox()
            lr.setDecimals(5)
            lr.setRange(1e-5, 10.0)
            lr.setSingleStep(0.001)
            lr.setValue(current_lr if name == current_optimizer else DEFAULT_LR.get(name, 0.01))
            grid.addWidget(box, row, 0)
            grid.addWidget(lr, row, 1)
            self.boxes[name] = (box, lr)
        self.epoch_box = QSpinBox()
        self.epoch_box.setRange(1, 10_000_000)
        self.epoch_box.setValue(epochs)
        grid.addWidget(QLabel(translate("compare_dialog", "epochs each")), len(OPTIMIZERS) + 1, 0)
        grid.addWidget(self.epoch_box, len(OPTIMIZERS) + 1, 1)
        note = QLabel(
            translate(
                "compare_dialog",
                "Each trains the same data from the same initial weights ({start}); each "
                "becomes a run in the Runs panel. The network you are training "
                "stays as it is.",
            ).format(start=start_note)
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(translate("compare_dialog", "Train each"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(note)
        lay.addWidget(buttons)

    def choices(self) -> list[tuple[str, float]]:
        return [(name, lr.value()) for name, (box, lr) in self.boxes.items() if box.isChecked()]

    def epochs(self) -> int:
        return self.epoch_box.value()
