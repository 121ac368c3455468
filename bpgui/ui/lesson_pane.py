"""The Lesson dock: a lesson's text beside the network, open while the learner plays.

It shows Markdown (``QTextBrowser.setMarkdown``); **Start again** asks for the
lesson's data, settings and weights once more (``sigStartAgain(key)``).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from bpgui.document.lesson import Lesson

from .i18n import translate

__all__ = ["LessonPane"]


class LessonPane(QDockWidget):
    sigStartAgain = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(translate("lesson_pane", "Lesson"), parent)
        self.setObjectName("lessonDock")
        self.key: str | None = None
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(6, 6, 6, 6)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        lay.addWidget(self.text, 1)
        row = QHBoxLayout()
        self.again = QPushButton(translate("lesson_pane", "Start again"))
        self.again.setToolTip(translate("lesson_pane", "Load this lesson's data, settings and starting weights again "
                                                   "(what you trained or changed is replaced, as opening a file "
                                                   "does)"))
        self.again.clicked.connect(self._start_again)
        row.addStretch(1)
        row.addWidget(self.again)
        lay.addLayout(row)
        self.setWidget(body)
        self.setAllowedAreas(Qt.LeftDockWidgetArea | Qt.RightDockWidgetArea)

    def show_lesson(self, lesson: Lesson) -> None:
        self.key = lesson.key
        self.text.setMarkdown(lesson.text)
        self.text.setToolTip(lesson.title)
        self.show()
        self.raise_()

    @Slot()
    def _start_again(self) -> None:
        if self.key is not None:
            self.sigStartAgain.emit(self.key)
