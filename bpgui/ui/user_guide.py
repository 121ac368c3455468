"""Help > User guide: resources/help/user-guide.md in a window of its own (not modal).

The guide ships inside the package (bpgui.resources), so an installed wheel has it.
"""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from bpgui.resource_files import resource

from .i18n import current_language, translate

__all__ = ["UserGuide", "guide_text"]


def guide_text(language: str | None = None) -> str:
    """The guide in ``language`` (the window's, by default) where there is one
    (resources/help/user-guide.<language>.md), else in English."""
    language = current_language() if language is None else language
    path = resource("help", f"user-guide.{language}.md")
    if language == "en" or not path.is_file():
        path = resource("help", "user-guide.md")
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:  # a damaged install: say so instead of an empty window
        return (
            "# "
            + translate("user_guide", "User guide")
            + "\n\n"
            + translate("user_guide", "The guide could not be read ({error}).").format(error=exc)
        )


class UserGuide(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("user_guide", "User guide – bpgui"))
        self.resize(720, 640)
        lay = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.text.setMarkdown(guide_text())
        lay.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        lay.addWidget(buttons)
