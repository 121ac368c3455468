"""The names of the document's edits, as the Edit menu shows them ("Undo weight reset").

The document imports no Qt, so a name is the English text, built from a
template marked for translation and its values; the window shows it translated
(``EditName.template`` in the "document" context, then the values filled in).
"""
from __future__ import annotations

from typing import Any

from bpgui.core.translatable import QT_TRANSLATE_NOOP

__all__ = ["EditName", "QT_TRANSLATE_NOOP"]


class EditName(str):
    """A str (the English name) that keeps its ``template`` and ``values``."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> "EditName":
        name = super().__new__(cls, template.format(**values))
        name.template, name.values = template, values
        return name

