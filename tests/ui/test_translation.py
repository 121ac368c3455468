"""The window's language: which one is chosen (environment, setting, system locale), that installing
the Chinese translation changes the menus, View > Language, numbers with a dot, the application icon."""
from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QMenu

from bpgui.ui.language import LANGUAGES, apply_language, chosen_language, stored_language, store_language
from bpgui.ui.language_menu import RESTART_NOTE
from bpgui.ui.settings_store import settings_store

ROOT = Path(__file__).resolve().parents[2]
QM = ROOT / "resources" / "i18n" / "bpgui_zh_CN.qm"


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def chinese(make_window):
    """The real Chinese translation installed for this test; English again afterwards."""
    app = QApplication.instance()
    loaded = apply_language(app, "zh_CN")
    yield loaded
    apply_language(app, "en")


def test_the_environment_then_the_setting_then_the_system_locale_choose():
    assert chosen_language(None, None, QLocale("zh_CN")) == "zh_CN"
    assert chosen_language(None, None, QLocale("zh_TW")) == "zh_CN"     # any Chinese reads Simplified
    assert chosen_language(None, None, QLocale("de_DE")) == "en"
    assert chosen_language(None, "zh_CN", QLocale("de_DE")) == "zh_CN"  # the setting beats the locale
    assert chosen_language(None, "en", QLocale("zh_CN")) == "en"
    assert chosen_language("en", "zh_CN", QLocale("zh_CN")) == "en"     # the environment beats both
    assert chosen_language("fr", "xx", QLocale("zh_CN")) == "zh_CN"     # unknown codes are passed over


def test_the_setting_is_stored_and_a_wrong_value_is_ignored():
    assert stored_language() is None
    store_language("zh_CN")
    assert settings_store().value("language") == "zh_CN" and stored_language() == "zh_CN"
    settings_store().setValue("language", "klingon")
    assert stored_language() is None


def test_the_chinese_translation_changes_the_menus(chinese, make_window):
    assert str(QM) in chinese, "the shipped bpgui_zh_CN.qm was not loaded"
    w = make_window()
    language = w.findChild(QMenu, "languageMenu")
    assert language.title() == "语言(&L)"


def test_every_menu_title_is_chinese_in_chinese(chinese, make_window):
    """Fails until every helper's strings are wrapped and their translations merged into the .ts."""
    w = make_window()
    titles = [a.text() for a in w.menuBar().actions()]
    untranslated = [t for t in titles if not _has_cjk(t)]
    assert not untranslated, f"menu titles left in English: {untranslated}"


def test_without_a_translator_the_menus_are_english(window):
    assert [a.text() for a in window.menuBar().actions()][:2] == ["&File", "&Edit"]
    assert window.findChild(QMenu, "languageMenu").title() == "&Language"


def test_qts_own_chinese_is_loaded_for_standard_buttons(chinese):
    assert any(Path(p).name == "qtbase_zh_CN.qm" for p in chinese)
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_view_language_stores_the_choice_and_says_a_restart_is_needed(window, messages):
    menu = window.findChild(QMenu, "languageMenu")
    assert menu in [a.menu() for a in window.findChild(QMenu, "viewMenu").actions()]
    actions = {a.data(): a for a in menu.actions()}
    assert [a.text() for a in actions.values()] == list(LANGUAGES.values()) == ["English", "中文 (简体)"]
    assert actions["en"].isChecked() and not actions["zh_CN"].isChecked()
    actions["zh_CN"].trigger()
    assert settings_store().value("language") == "zh_CN"
    assert actions["zh_CN"].isChecked() and not actions["en"].isChecked()      # exclusive
    (kind, _title, text), = messages.shown
    assert kind == "information" and RESTART_NOTE["en"] in text and RESTART_NOTE["zh_CN"] in text
    actions["en"].trigger()          # back to the language running: stored, nothing to say
    assert settings_store().value("language") == "en" and len(messages.shown) == 1


@pytest.mark.parametrize("code", ["en", "zh_CN"])
def test_numbers_keep_a_dot_in_every_language(make_window, code):
    app = QApplication.instance()
    QLocale.setDefault(QLocale("de_DE"))    # a comma locale, as the system's might be
    try:
        apply_language(app, code)
        box = QDoubleSpinBox()
        box.setRange(0, 100000)
        box.setValue(0.5)
        assert box.text() == "0.50"
        box.setValue(12345.25)
        assert box.text() == "12345.25"
        assert QLocale().toString(1234.5, "f", 1) == "1234.5"
    finally:
        apply_language(app, "en")


def _start_app(tmp_path, env_locale: str) -> list[str]:
    """make_app() in a fresh interpreter under a system locale, with no setting and no BPGUI_LANGUAGE."""
    code = ("from PySide6.QtWidgets import QDoubleSpinBox\n"
            "from bpgui.ui.app import make_app\n"
            "app = make_app(); box = QDoubleSpinBox(); box.setValue(0.5)\n"
            "print(app.property('bpgui_language')); print(box.text()); print(app.windowIcon().isNull())\n")
    env = {k: v for k, v in os.environ.items() if k not in ("BPGUI_LANGUAGE", "LANGUAGE", "LC_NUMERIC")}
    env.update(LC_ALL=env_locale, LANG=env_locale, XDG_CONFIG_HOME=str(tmp_path), PYTHONPATH=str(ROOT),
               QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_a_chinese_system_starts_in_chinese_and_a_german_one_in_english_both_with_a_dot(tmp_path):
    assert _start_app(tmp_path, "zh_CN.UTF-8") == ["zh_CN", "0.50", "False"]
    assert _start_app(tmp_path, "de_DE.UTF-8") == ["en", "0.50", "False"]


def test_the_icon_and_the_desktop_file():
    icon = QImage(str(ROOT / "resources" / "icon.png"))
    assert (icon.width(), icon.height()) == (256, 256)
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str                 # keys are case-sensitive in a desktop file
    entry.read(ROOT / "resources" / "bpgui.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Icon"] == "bpgui"
    assert desktop["Exec"].split()[0] == "bpgui-gui" and desktop["Categories"] == "Education;Science;"
    assert _has_cjk(desktop["Name[zh_CN]"]) and _has_cjk(desktop["Comment[zh_CN]"])
    import tomllib
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["gui-scripts"]
    assert scripts["bpgui-gui"] == "bpgui.ui.app:main"
