"""The window's translations: every string a user reads goes through ``translate``.

Convention (so that ``pyside6-lupdate`` finds every string): call
``translate("context", "Source text")`` with two string literals, the context
being the module's name (``translate("training_panel", "Learning rate:")``);
placeholders are named and filled after translation
(``translate("status_line", "epoch {epoch}").format(epoch=n)``), never an
f-string inside.  Strings defined at import time (tables, constants) are marked
``QT_TRANSLATE_NOOP("context", "text")`` and translated where they are shown,
since the language is chosen when the application starts.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

__all__ = ["translate", "QT_TRANSLATE_NOOP"]

translate = QCoreApplication.translate


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:   # noqa: N802 (Qt's name, which lupdate looks for)
    """Marks ``text`` for translation in ``context`` without translating it now."""
    return text
