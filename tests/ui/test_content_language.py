"""The texts that are files follow the window's language (``current_language()``, the
application's "bpgui_language" property): the lessons in the Help menu and the Lesson
dock, and the user guide; with no language set they are English."""
from __future__ import annotations

import pytest

from bpgui.ui.i18n import current_language
from bpgui.ui.user_guide import UserGuide, guide_text


@pytest.fixture
def chinese(qapp):
    qapp.setProperty("bpgui_language", "zh_CN")
    yield
    qapp.setProperty("bpgui_language", None)


def test_the_language_is_english_until_a_translation_is_loaded(qapp):
    assert current_language() == "en"
    qapp.setProperty("bpgui_language", "zh_CN")
    try:
        assert current_language() == "zh_CN"
    finally:
        qapp.setProperty("bpgui_language", None)
    assert current_language() == "en"


def test_the_user_guide_is_chosen_by_language(qapp):
    assert guide_text().startswith("# bpgui user guide")
    assert guide_text("zh_CN").startswith("# bpgui 用户指南")
    assert guide_text("fr").startswith("# bpgui user guide")   # no French guide: the English one


def test_the_guide_window_shows_the_chinese_guide(chinese, qtbot):
    guide = UserGuide()
    qtbot.addWidget(guide)
    assert guide.text.toPlainText().startswith("bpgui 用户指南")


def test_the_lessons_menu_and_dock_are_chinese(chinese, make_window):
    window = make_window()
    titles = [a.text() for a in window.help.lessons_menu.actions()]
    assert titles[0] == "1. 两层网络的计算实例" and titles[4].startswith("5. 异或")
    assert window.help.open_lesson("2-and-gate")
    assert window.help.pane.text.toPlainText().startswith("与门：sigmoid 与交叉熵")
    window.help.pane.again.click()   # Start again: the same lesson, still in Chinese
    assert window.help.pane.text.toPlainText().startswith("与门")
