"""Help > About: bpgui's version and licence, and those of what it is built on.

Versions are read from the installed packages (``importlib.metadata``); the
licences are the ones each project states (its package metadata, checked when
this table was written).  Qt for Python is used under the LGPL v3: bpgui links
it dynamically and it can be replaced by another build of the same version.
"""
from __future__ import annotations

import html
import importlib.metadata
import platform

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

import bpgui

from .i18n import translate

__all__ = ["AboutDialog", "COMPONENTS", "about_html"]

# (shown name, distribution name on PyPI or None, licence)
COMPONENTS = (
    ("bpgui", "bpgui", "MIT"),
    ("Python", None, "PSF-2.0"),
    ("Qt for Python (PySide6)", "PySide6-Essentials", "LGPL-3.0 (or GPL-2.0 / GPL-3.0)"),
    ("Shiboken6", "shiboken6", "LGPL-3.0 (or GPL-2.0 / GPL-3.0)"),
    ("pyqtgraph", "pyqtgraph", "MIT"),
    ("NumPy", "numpy", "BSD-3-Clause (bundled OpenBLAS: BSD-3-Clause)"),
    ("tqdm", "tqdm", "MPL-2.0 and MIT"),
    ("Pillow", "pillow", "MIT-CMU"),
    ("XlsxWriter", "XlsxWriter", "BSD-2-Clause"),
)

URL = "https://www.qt.io/licensing/open-source-lgpl-obligations"


def _version(dist: str | None) -> str:
    if dist is None:
        return platform.python_version()
    if dist == "bpgui":
        return bpgui.__version__   # the code running, also from a source tree
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return translate("about_dialog", "not installed")


def about_html() -> str:
    rows = "".join(f"<tr><td>{html.escape(name)}</td><td>{html.escape(_version(dist))}</td>"
                   f"<td>{html.escape(licence)}</td></tr>" for name, dist, licence in COMPONENTS)
    return (
        f"<h2>bpgui {html.escape(bpgui.__version__)}</h2>"
        + "<p>"
        + translate(
            "about_dialog",
            "A desktop trainer for backpropagation networks: draw a network, train it live, "
            "step through backpropagation with the numbers.",
        )
        + "</p>"
        + "<p>"
        + translate("about_dialog", "bpgui is free software under the MIT licence.")
        + "</p>"
        + "<p>"
        + translate(
            "about_dialog",
            "Qt {version}, used through Qt for Python under the {licence}: bpgui links the Qt "
            "libraries dynamically, so they can be replaced by another build.",
        ).format(version=html.escape(qVersion()), licence=f"<a href='{URL}'>GNU LGPL v3</a>")
        + "</p>"
        + "<table cellpadding='3'><tr><th align='left'>"
        + translate("about_dialog", "Component")
        + "</th><th align='left'>"
        + translate("about_dialog", "Version")
        + "</th><th align='left'>"
        + translate("about_dialog", "Licence")
        + f"</th></tr>{rows}</table>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("about_dialog", "About bpgui"))
        self.resize(540, 440)
        lay = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.text.setHtml(about_html())
        lay.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        lay.addWidget(buttons)
