"""View > Language: English or 中文 (简体), stored in the settings; it takes
effect when bpgui starts again (every window text is translated when it is
built, so switching live would mean rebuilding the window)."""
from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from .i18n import translate
from .language import LANGUAGES, startup_language, store_language

__all__ = ["add_language_menu", "RESTART_NOTE"]

# The note in the language just chosen, whose translations are not loaded yet (so not through translate)
RESTART_NOTE = {"en": "The language takes effect when bpgui starts again.",
                "zh_CN": "界面语言将在 bpgui 下次启动时生效。"}


def running_language() -> str:
    app = QApplication.instance()
    code = app.property("bpgui_language") if app is not None else None
    return code if code in LANGUAGES else startup_language()


def add_language_menu(view_menu: QMenu) -> QMenu:
    """The Language submenu at the end of ``view_menu``; one checkable action per language."""
    view_menu.addSeparator()
    menu = view_menu.addMenu(translate("language_menu", "&Language"))
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    current = running_language()
    for code, name in LANGUAGES.items():
        action = QAction(name, menu)   # each language's own name, readable whatever is shown now
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        group.addAction(action)
        menu.addAction(action)
    group.triggered.connect(_chosen)   # a plain function: nothing of the window held in the group
    return menu


def _chosen(action: QAction) -> None:
    code, menu = action.data(), action.parent()
    store_language(code)
    if code == running_language():
        return
    note = translate("language_menu", "The language takes effect when bpgui starts again.")
    text = note if RESTART_NOTE[code] == note else f"{note}\n{RESTART_NOTE[code]}"
    QMessageBox.information(menu.window(), translate("language_menu", "Language"), text)
