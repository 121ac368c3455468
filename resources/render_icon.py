"""Renders resources/icon.svg into resources/icon.png (256 px), the window's and the desktop file's icon.

Run after editing the SVG: ``QT_QPA_PLATFORM=offscreen python resources/render_icon.py``."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent


def render(svg: Path, png: Path, size: int = 256) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(png)):
        raise SystemExit(f"{png}: cannot be written")


if __name__ == "__main__":
    app = QGuiApplication.instance() or QGuiApplication([])
    render(HERE / "icon.svg", HERE / "icon.png")
