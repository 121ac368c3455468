"""How the data panel reads a CSV file: task, lines to skip, missing values, image shape.

The same settings as `load_csv`'s keywords (and the command line's options);
a change of any of them reads the file again.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from ..i18n import QT_TRANSLATE_NOOP, translate
from ..setting_help import apply_tips

__all__ = ["CsvOptions", "narrow"]

# Short item texts: at 1024x700 the boxes are about 60 px wide; their tooltips say more.
# The item's data is the value read back, so its text may be translated.
TASKS = ((QT_TRANSLATE_NOOP("csv_options", "auto"), None),
         (QT_TRANSLATE_NOOP("csv_options", "classes"), "classification"),
         (QT_TRANSLATE_NOOP("csv_options", "numbers"), "regression"))
MISSING = ((QT_TRANSLATE_NOOP("csv_options", "refuse"), "refuse"),
           (QT_TRANSLATE_NOOP("csv_options", "drop"), "drop"),
           (QT_TRANSLATE_NOOP("csv_options", "mean"), "mean"))


def narrow(combo: QComboBox) -> None:
    """Long item texts must not widen the dock."""
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(6)
    combo.setMinimumWidth(64)


class CsvOptions(QWidget):
    sigChanged = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.task = QComboBox()
        for text, task in TASKS:
            self.task.addItem(translate("csv_options", text), task)
        self.skip_rows = QSpinBox()
        self.skip_rows.setRange(0, 1000)
        self.skip_rows.setPrefix(translate("csv_options", "skip "))   # in the box (with its tooltip): a label beside it widened the dock
        self.skip_rows.setMinimumWidth(64)
        self.missing = QComboBox()
        for text, policy in MISSING:
            self.missing.addItem(translate("csv_options", text), policy)
        self.image = QLineEdit()
        self.image.setPlaceholderText(translate("csv_options", "image: no"))
        self.image.setMaximumWidth(96)
        for combo in (self.task, self.missing):
            narrow(combo)
        form.addRow(translate("csv_options", "Task:"), self._row(self.task, self.skip_rows))
        form.addRow(translate("csv_options", "Missing:"), self._row(self.missing, self.image))
        apply_tips(self)   # the tooltips, from setting_help.py
        self.task.currentIndexChanged.connect(self.sigChanged)
        self.skip_rows.valueChanged.connect(self.sigChanged)
        self.missing.currentIndexChanged.connect(self.sigChanged)
        self.image.editingFinished.connect(self._image_edited)
        self._image_text = ""

    @staticmethod
    def _row(wide: QWidget, narrow: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(wide, 1)
        row.addWidget(narrow)
        return row

    def _image_edited(self) -> None:
        text = self.image.text().strip()
        if text != self._image_text:   # editingFinished also comes on focus loss with nothing changed
            self._image_text = text
            self.sigChanged.emit()

    def image_shape(self) -> str | None:
        """The image shape typed, or None (automatic); a wrong one is load_csv's to refuse."""
        return self.image.text().strip() or None

    def values(self) -> dict:
        """`load_csv`'s keywords for these settings."""
        return {"task": self.task.currentData(), "skip_rows": self.skip_rows.value(),
                "missing": self.missing.currentData(), "image_shape": self.image_shape()}

    def show_source(self, source: dict, found_shape: tuple[int, int] | None) -> None:
        """Show how a data set was read, without reading it again."""
        widgets = (self.task, self.skip_rows, self.missing, self.image)
        for w in widgets:
            w.blockSignals(True)
        self.task.setCurrentIndex(max(0, self.task.findData(source.get("task"))))
        self.skip_rows.setValue(int(source.get("skip_rows", 0)))
        self.missing.setCurrentIndex(max(0, self.missing.findData(source.get("missing", "refuse"))))
        asked = source.get("image_shape")
        self._image_text = "" if not asked else asked if isinstance(asked, str) else f"{asked[0]}x{asked[1]}"
        self.image.setText(self._image_text)
        self.image.setPlaceholderText(
            translate("csv_options", "image: {width}x{height}").format(width=found_shape[0], height=found_shape[1])
            if found_shape else translate("csv_options", "image: no"))
        for w in widgets:
            w.blockSignals(False)

