"""Where the window keeps what it remembers between runs (recent files, geometry, speed,
language): one named store, whatever the application's names are set to."""
from __future__ import annotations

from PySide6.QtCore import QSettings

__all__ = ["settings_store"]


def settings_store() -> QSettings:
    return QSettings("bpgui", "bpgui")
