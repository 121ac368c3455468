"""Help > Keyboard shortcuts: every shortcut of the window, read from its actions.

Nothing here lists keys by hand: the table is the menus' actions (and any other
action of the window) that have a shortcut, as they are when the dialog opens.
"""
from __future__ import annotations

import re

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QMenu,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from .i18n import translate

__all__ = ["ShortcutsDialog", "shortcut_rows"]

def _plain(text: str) -> str:
    """A menu text without its mnemonic marker and ellipsis (a translation's "文件(&F)" loses "(&F)")."""
    text = re.sub(r"\(&\w\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.NativeText) for k in action.shortcuts() if not k.isEmpty())


def _walk(menu: QMenu, path: str, seen: set[int], rows: list[tuple[str, str, str]]) -> None:
    for action in menu.actions():
        sub = action.menu()
        if sub is not None:
            _walk(sub, f"{path} › {_plain(action.text())}", seen, rows)
        elif not action.isSeparator() and id(action) not in seen:
            seen.add(id(action))
            if keys := _keys(action):
                rows.append((path, _plain(action.text()), keys))


def shortcut_rows(window) -> list[tuple[str, str, str]]:
    """(where, what, keys) for each action with a shortcut: the menus' in menu order, then the
    window's other actions."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()
    for top in window.menuBar().actions():
        if top.menu() is not None:
            _walk(top.menu(), _plain(top.text()), seen, rows)
    for action in window.findChildren(QAction):
        if id(action) not in seen and action.menu() is None and (keys := _keys(action)):
            seen.add(id(action))
            rows.append((translate("shortcuts_dialog", "Window"), _plain(action.text()), keys))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("shortcuts_dialog", "Keyboard shortcuts – bpgui"))
        self.resize(520, 480)
        lay = QVBoxLayout(self)
        note = QLabel(
            translate(
                "shortcuts_dialog",
                "Space, Ctrl+Z and Ctrl+Shift+Z work wherever the focus is, except in text "
                "fields. On the timeline's slider, the arrow keys step one "
                "checkpoint, Home and End go to the first and the newest.",
            )
        )
        note.setWordWrap(True)
        lay.addWidget(note)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [
                translate("shortcuts_dialog", "Menu"),
                translate("shortcuts_dialog", "Command"),
                translate("shortcuts_dialog", "Keys"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        lay.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        lay.addWidget(buttons)

    def fill(self, window) -> None:
        rows = shortcut_rows(window)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
