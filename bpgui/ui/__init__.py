"""The window: PySide6 + pyqtgraph views over `bpgui.core` (which never imports this)."""
