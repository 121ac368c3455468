"""Engine texts that the window shows translated (the coach's findings, the document's edit
names, data errors, the step-through's rules): the engine imports no Qt, so it only marks them.

``QT_TRANSLATE_NOOP(context, template)`` marks a template where pyside6-lupdate finds it;
``Text(template, **values)`` is the English text (a ``str``, so the command line and every
``str()`` of it read as before) that keeps its template and values, from which the window
makes the translation (``bpgui.ui.i18n.translated``).
"""
from __future__ import annotations

from typing import Any

__all__ = ["QT_TRANSLATE_NOOP", "Text"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:   # noqa: N802 (the name pyside6-lupdate looks for)
    """``text``, marked for translation in ``context``."""
    return text


class Text(str):
    """A str (the English text) that keeps its ``context``, ``template`` and ``values``."""

    context: str
    template: str
    values: dict[str, Any]

    def __new__(cls, context: str, template: str, **values: Any) -> "Text":
        text = super().__new__(cls, template.format(**values))
        text.context, text.template, text.values = context, template, values
        return text

    def __getnewargs_ex__(self) -> tuple[tuple[str, str], dict[str, Any]]:
        """So that a copy or a pickle of a Text is that Text again (``str``'s would be the bare English)."""
        return (self.context, self.template), self.values
