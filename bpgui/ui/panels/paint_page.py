"""The data panel's "Paint" source: the painting itself is a tab beside the network,
where there is room for it; this page says so and brings it forward."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ..i18n import translate
from ..setting_help import apply_tips


class PaintPage(QWidget):
    sigShowPaint = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        text = QLabel(translate("paint_page", "Paint points with the mouse in the <b>Paint</b> tab beside the "
                                              "network: classes over 2 inputs, or numbers over 1."))
        text.setWordWrap(True)
        self.show_button = QPushButton(translate("paint_page", "Show the Paint tab"))
        self.show_button.clicked.connect(self.sigShowPaint)
        lay.addWidget(text)
        lay.addWidget(self.show_button)
        apply_tips(self)   # the tooltip, from setting_help.py

    def hasHeightForWidth(self) -> bool:
        """No: a stacked widget gives a page that has one the tallest height any of its
        pages has for the width (the CSV page's), and this page would stand 250 px tall."""
        return False
