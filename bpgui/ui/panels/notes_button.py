"""`NotesButton`: what the reader did that the user should know, in sight.

Beside the target, with the number of notes ("⚠ 2"); the tooltip lists them
and a click shows them whole.  The data summary lists them too, but at
1024x700 it may be scrolled out of sight.
"""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QToolButton

from ..i18n import translate, translated

__all__ = ["NotesButton"]


class NotesButton(QToolButton):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setVisible(False)
        self.notes: list[str] = []
        self.clicked.connect(self._show_all)

    def show_notes(self, notes: list[str]) -> None:
        self.notes = [translated(note) for note in notes]   # engine notes (core/translatable Text) translated
        self.setVisible(bool(notes))
        self.setText(f"⚠ {len(notes)}")
        self.setToolTip("\n".join(f"• {note}" for note in self.notes))

    def _show_all(self) -> None:
        QMessageBox.information(self, translate("notes_button", "How the file was read"), "\n\n".join(self.notes))
