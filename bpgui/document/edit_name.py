"""The names of the document's edits, as the Edit menu shows them ("Undo weight reset"):
marked texts of the "document" context (core/translatable.py), which the window translates."""
from __future__ import annotations

from typing import Any

from bpgui.core.translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["EditName", "QT_TRANSLATE_NOOP"]


def EditName(template: str, **values: Any) -> Text:   # noqa: N802 (reads as the type it makes)
    """An edit's name from ``template`` (marked QT_TRANSLATE_NOOP("document", ...)) and its values."""
    return Text("document", template, **values)
