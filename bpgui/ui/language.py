"""The window's language: chosen when the application starts, from the
environment (BPGUI_LANGUAGE, which the test suite sets to "en"), the setting
View > Language stores, or else the system locale; its translations installed
with QTranslator.  Numbers keep a dot as the decimal mark in every language."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from bpgui.resource_files import resource

from .settings_store import settings_store

__all__ = ["LANGUAGES", "SETTINGS_KEY", "ENV_VAR", "chosen_language", "language_from_locale",
           "stored_language", "store_language", "apply_language", "translation_file"]

# code -> the name shown in View > Language, in its own language (so it is found whatever is shown)
LANGUAGES = {"en": "English", "zh_CN": "中文 (简体)"}
SETTINGS_KEY = "language"
ENV_VAR = "BPGUI_LANGUAGE"
_TRANSLATOR = "bpgui_translator"   # the objectName of the translators installed here, to remove them again


def language_from_locale(locale: QLocale) -> str:
    """Any Chinese locale reads Simplified Chinese (the only translation); every other one English."""
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def stored_language() -> str | None:
    value = settings_store().value(SETTINGS_KEY)
    return value if value in LANGUAGES else None


def store_language(code: str) -> None:
    settings_store().setValue(SETTINGS_KEY, code)


def chosen_language(env: str | None = None, stored: str | None = None, system: QLocale | None = None) -> str:
    """The environment's choice, then the stored one, then the system locale's; unknown codes are passed over."""
    for code in (env, stored):
        if code in LANGUAGES:
            return code
    return language_from_locale(QLocale.system() if system is None else system)


def startup_language() -> str:
    return chosen_language(os.environ.get(ENV_VAR), stored_language())


def translation_file(code: str) -> Path | None:
    """resources/i18n/bpgui_<code>.qm, shipped in the package; None for English (the source) or if missing."""
    if code == "en":
        return None
    path = resource("i18n", f"bpgui_{code}.qm")
    return Path(str(path)) if path.is_file() else None


def _number_locale(code: str) -> QLocale:
    """The language's locale with a dot as the decimal mark and no group separators, whatever the system's."""
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China) if code == "zh_CN" \
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator | QLocale.NumberOption.RejectGroupSeparator)
    return locale


def _install(app: QApplication, path: str) -> bool:
    translator = QTranslator(app)   # a child of the application: it lives as long as the application
    translator.setObjectName(_TRANSLATOR)
    if translator.load(path) and app.installTranslator(translator):
        return True
    translator.deleteLater()
    return False


def apply_language(app: QApplication, code: str) -> list[str]:
    """Installs ``code``'s translations (bpgui's, and Qt's own for standard buttons and dialogs) in place of
    the ones installed before, and the number locale; returns the files loaded.  Windows built later read
    the new language; the ones already built keep their texts."""
    for old in app.findChildren(QTranslator, _TRANSLATOR):
        app.removeTranslator(old)
        old.setObjectName("")
        old.deleteLater()
    QLocale.setDefault(_number_locale(code))
    loaded = []
    ours = translation_file(code)
    if ours is not None:
        qt_own = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / f"qtbase_{code}.qm"
        loaded = [str(p) for p in (qt_own, ours) if p.is_file() and _install(app, str(p))]
    app.setProperty("bpgui_language", code)
    return loaded
