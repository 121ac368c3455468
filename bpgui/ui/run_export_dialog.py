"""File → Export run as animation…: which views, how many frames, GIF or PNG sequence."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QSpinBox, QVBoxLayout, QWidget)

from .frame_writer import MAX_GIF_FRAMES
from .i18n import translate

__all__ = ["ExportChoice", "RunExportDialog"]

MAX_PNG_FRAMES = 5000


@dataclass(frozen=True)
class ExportChoice:
    views: tuple[str, ...]     # names of the views drawn side by side in each frame
    frames: int
    gif: bool                  # False: a numbered PNG sequence
    frame_ms: int


class RunExportDialog(QDialog):
    def __init__(self, view_names: list[str], checkpoints: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("run_export_dialog", "Export run as animation"))
        self.boxes = [QCheckBox(name) for name in view_names]
        for box in self.boxes[:2]:      # the network and the view in sight
            box.setChecked(True)
        self.format = QComboBox()
        self.format.addItem(translate("run_export_dialog", "Animated GIF"), True)
        self.format.addItem(translate("run_export_dialog", "PNG sequence (a numbered file a frame)"), False)
        self.frames = QSpinBox()
        self.frame_ms = QSpinBox()
        self.frame_ms.setRange(20, 5000)
        self.frame_ms.setValue(100)
        self.frame_ms.setSuffix(translate("run_export_dialog", " ms a frame"))
        self._checkpoints = checkpoints
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self._lay_out()
        self.format.currentIndexChanged.connect(self._limit_frames)
        for box in self.boxes:
            box.toggled.connect(self._enable_ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._limit_frames()

    def _lay_out(self) -> None:
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(translate("run_export_dialog", "Views in each frame:")))
        for box in self.boxes:
            lay.addWidget(box)
        form = QFormLayout()
        form.addRow(translate("run_export_dialog", "Format:"), self.format)
        form.addRow(translate("run_export_dialog", "Frames:"), self.frames)
        form.addRow(translate("run_export_dialog", "Speed:"), self.frame_ms)
        lay.addLayout(form)
        lay.addWidget(self.hint)
        lay.addWidget(self.buttons)

    def _limit_frames(self) -> None:
        gif = bool(self.format.currentData())
        most = min(self._checkpoints, MAX_GIF_FRAMES if gif else MAX_PNG_FRAMES)
        self.frames.setRange(min(2, most), most)
        self.frames.setValue(min(most, 100))
        self.frame_ms.setEnabled(gif)
        self.hint.setText(
            translate(
                "run_export_dialog",
                "The run has {n} checkpoints; the frames are spread evenly over them, "
                "the first and the last always included.",
            ).format(n=f"{self._checkpoints:,}")
            + (
                translate("run_export_dialog", " A GIF holds at most {n} frames.").format(n=MAX_GIF_FRAMES)
                if gif
                else ""
            )
        )

    def _enable_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(any(b.isChecked() for b in self.boxes))

    def choice(self) -> ExportChoice:
        return ExportChoice(views=tuple(b.text() for b in self.boxes if b.isChecked()),
                            frames=self.frames.value(), gif=bool(self.format.currentData()),
                            frame_ms=self.frame_ms.value())
