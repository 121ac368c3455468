"""Plots written as SVG drawings."""
from __future__ import annotations

import os

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator


def export_svg(item, path: str) -> None:
    """Render a plot's part of its scene into an SVG file.

    pyqtgraph's SVGExporter fails on the path syntax Qt 6.11's SVG generator
    writes ("not enough values to unpack"), so the scene goes through
    QSvgGenerator directly: vector output, as the exporter would give.
    """
    rect = item.sceneBoundingRect()
    gen = QSvgGenerator()
    gen.setFileName(path)
    gen.setSize(QSize(int(rect.width()), int(rect.height())))
    gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    gen.setTitle("bpgui plot")
    painter = QPainter()
    if not painter.begin(gen):
        raise OSError(f"cannot write {path}")
    try:
        item.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    finally:
        painter.end()
    if not os.path.exists(path):
        raise OSError(f"cannot write {path}")
