"""The Qt window (PySide6 + pyqtgraph). Talks to bpgui.core; never the other way."""
