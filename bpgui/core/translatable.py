"""Marks engine texts that the window shows translated (the coach's findings):
the engine imports no Qt, so it only marks them; the window translates them
with ``translate(context, text)`` where it shows them (bpgui/ui/i18n.py)."""
from __future__ import annotations

__all__ = ["QT_TRANSLATE_NOOP"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:   # noqa: N802 (the name pyside6-lupdate looks for)
    """``text``, marked for translation in ``context``."""
    return text
