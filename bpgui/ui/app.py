"""Start the window: ``run(argv)`` where argv are the command-line arguments
after the program name (``[]`` or ``["model.bpnet"]`` / ``["data.csv"]``)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from bpgui.resource_files import resource

from .language import apply_language, startup_language

def _style_sheet() -> str:
    """resources/style.qss: installed as package data (bpgui.resources), or from a source tree."""
    try:
        from importlib.resources import files
        return files("bpgui.resources").joinpath("style.qss").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        source = Path(__file__).resolve().parents[2] / "resources" / "style.qss"
        return source.read_text(encoding="utf-8") if source.is_file() else ""


def make_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "bpgui"])
    if app.property("bpgui_styled"):
        return app   # a style sheet set again re-polishes every widget of every window
    app.setProperty("bpgui_styled", True)
    app.setOrganizationName("bpgui")
    app.setApplicationName("bpgui")
    app.setStyle("Fusion")
    apply_language(app, startup_language())   # before any window: its texts are translated when built
    icon = resource("icon.png")   # a PNG: the SVG would need the Qt SVG image plugin
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    style = _style_sheet()
    if style:
        app.setStyleSheet(style)
    return app


def run(argv: list[str]) -> int:
    app = make_app()
    from .main_window import MainWindow  # after the QApplication exists (pyqtgraph likes that)

    window = MainWindow()
    window.show()
    files = [a for a in argv if not a.startswith("-")]
    if files:
        path = os.path.abspath(files[0])
        window.open_path(path)
    return app.exec()


def main() -> int:
    """The ``bpgui-gui`` launcher (the desktop file's, no console on Windows): the window alone."""
    return run(sys.argv[1:])
