"""The one error a document change raises: a change it did not make."""
from __future__ import annotations

from bpgui.core.translatable import Text

__all__ = ["ChangeRefused", "message_of"]


class ChangeRefused(ValueError):
    """A change the document did not make; the message is for the user.  ``str(exc)`` is the
    English; ``exc.message`` is the message as given, a ``core.translatable.Text`` the window
    shows translated (``bpgui.ui.i18n.translated``) when it is one."""

    @property
    def message(self) -> str:
        return self.args[0] if self.args and isinstance(self.args[0], str) else str(self)


def message_of(exc: BaseException) -> str:
    """``str(exc)``, kept a ``Text`` when the engine raised one (so the window can translate it)."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Text):
        return exc.args[0]
    return str(exc)
