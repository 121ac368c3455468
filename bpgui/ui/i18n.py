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

from bpgui.core.translatable import QT_TRANSLATE_NOOP

__all__ = ["translate", "translated", "translated_error", "QT_TRANSLATE_NOOP"]

translate = QCoreApplication.translate




def current_language() -> str:
    """The language the window's translation was loaded for ("zh_CN"), or "en": the texts that
    are files rather than strings (lessons, the user guide) are picked by it."""
    app = QCoreApplication.instance()
    language = app.property("bpgui_language") if app is not None else None
    return str(language) if language else "en"


def translated(text: str) -> str:
    """``text`` in the window's language if it is a marked engine text (core/translatable.py
    ``Text``: its template translated in its context, values filled in, marked texts among
    the values translated too), else ``text`` as it is."""
    template = getattr(text, "template", None)
    if template is None:
        return text
    values = {k: translated(v) if isinstance(v, str) else v for k, v in text.values.items()}
    return translate(text.context, template).format(**values)


def translated_error(exc: BaseException) -> str:
    """An error's message in the window's language: a data error's (core/dataset.py ``DataError``:
    where it is, "FILE line N, column 'x'", and its reason) translated, any other ``str(exc)``."""
    message = getattr(exc, "message", None)
    return translated(message) if isinstance(message, str) else str(exc)
