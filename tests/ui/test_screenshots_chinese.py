"""The window in Chinese at 1280x800 (the issue's size) and View > Language, as screenshots to look at:
``BPGUI_SCREENSHOTS=1 pytest tests/ui/test_screenshots_chinese.py`` saves them to docs/screenshots/."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtWidgets import QApplication, QMenu

from bpgui.ui.language import apply_language

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def out(tmp_path) -> Path:
    return ROOT / "docs" / "screenshots" if os.environ.get("BPGUI_SCREENSHOTS") else tmp_path


@pytest.fixture
def chinese_window(make_window):
    app = QApplication.instance()
    apply_language(app, "zh_CN")
    try:
        w = make_window()
        w.resize(1280, 800)
        yield w
    finally:
        apply_language(app, "en")


def _settle() -> None:
    for _ in range(5):
        QCoreApplication.processEvents()


def test_screenshot_the_window_in_chinese(chinese_window, train_to_end, out):
    chinese_window.training_panel.epochs.setValue(800)
    train_to_end(chinese_window)
    _settle()
    out.mkdir(parents=True, exist_ok=True)
    path = out / "window-zh_CN.png"
    assert chinese_window.grab().save(str(path)) and path.stat().st_size > 20_000


def test_screenshot_view_language_in_chinese(chinese_window, out):
    view = chinese_window.findChild(QMenu, "viewMenu")
    language = chinese_window.findChild(QMenu, "languageMenu")
    assert language.title() == "语言(&L)"
    view.popup(chinese_window.mapToGlobal(QPoint(200, 30)))
    _settle()
    language.popup(view.geometry().topRight())
    _settle()
    out.mkdir(parents=True, exist_ok=True)
    for menu, name in ((view, "view-menu-zh_CN.png"), (language, "language-menu-zh_CN.png")):
        assert menu.grab().save(str(out / name))
    view.hide()
    language.hide()
