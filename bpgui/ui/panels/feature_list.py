"""The data panel's feature picker: a CSV's columns to tick, with a filter and All / None.

A change the user makes is announced once with ``sigChosen(names)``, however
many columns it ticks (All on 64 columns reads the file once, not 64 times).
A change that would leave no feature is undone and announced with
``sigRefused(reason)``: a network needs at least one input.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from ..i18n import QT_TRANSLATE_NOOP, translate
from ..setting_help import apply_tips

NO_FEATURE = QT_TRANSLATE_NOOP("feature_list", "Choose at least one feature column.")   # translated when sent


class FeatureList(QWidget):
    sigChosen = Signal(list)    # the ticked column names after a user's change; never empty
    sigRefused = Signal(str)    # why a user's change was undone

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(translate("feature_list", "filter columns"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setMaximumHeight(64)
        # Long names end in "…" (the whole name in the tooltip): a scroll bar would hide a row of four.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.all_button = QPushButton(translate("feature_list", "All"))
        self.none_button = QPushButton(translate("feature_list", "None"))
        apply_tips(self)   # the tooltips, from setting_help.py
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("feature_list", "Features:")))
        top.addWidget(self.filter, 1)
        lay.addLayout(top)
        # The buttons beside the list, not on a row of their own: at 1024x700 the
        # preparation settings below stay in sight.
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        buttons_ = (self.all_button, self.none_button)   # as wide as the wider text, in any language
        for b in buttons_:
            b.setMaximumWidth(max(b.fontMetrics().horizontalAdvance(f" {x.text()} ") for x in buttons_) + 16)
            buttons.addWidget(b)
        buttons.addStretch(1)
        body.addLayout(buttons)
        lay.addLayout(body)

        self.list.itemChanged.connect(self._toggled)
        self.filter.textChanged.connect(self._apply_filter)
        self.all_button.clicked.connect(lambda: self._tick_shown(Qt.Checked))
        self.none_button.clicked.connect(lambda: self._tick_shown(Qt.Unchecked))

    # ------------------------------------------------------------ contents
    def item(self, row: int) -> QListWidgetItem | None:
        return self.list.item(row)

    def count(self) -> int:
        return self.list.count()

    def names(self) -> list[str]:
        return [self.list.item(k).text() for k in range(self.list.count())]

    def checked(self) -> list[str]:
        return [item.text() for item in self._items() if item.checkState() == Qt.Checked]

    def set_columns(self, names: list[str], ticked) -> None:
        """Show ``names``, those in ``ticked`` ticked, announcing nothing.  The same
        columns again keep their items, so the list does not scroll back to the top."""
        ticked = set(ticked)
        self.list.blockSignals(True)
        try:
            if names != self.names():
                self.list.clear()
                for name in names:
                    item = QListWidgetItem(name)
                    item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                    item.setToolTip(name)
                    self.list.addItem(item)
            for item in self._items():
                item.setCheckState(Qt.Checked if item.text() in ticked else Qt.Unchecked)
        finally:
            self.list.blockSignals(False)
        self._apply_filter(self.filter.text())

    def clear_filter(self) -> None:
        self.filter.clear()

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(k) for k in range(self.list.count())]

    # ------------------------------------------------------------- changes
    @Slot(str)
    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for item in self._items():
            item.setHidden(needle not in item.text().casefold())

    @Slot(QListWidgetItem)
    def _toggled(self, item: QListWidgetItem) -> None:
        chosen = self.checked()
        if chosen:
            self.sigChosen.emit(chosen)
            return
        self._set_states({item.text(): Qt.Checked})   # refused: ticked again before the message shows
        self.sigRefused.emit(translate("feature_list", NO_FEATURE))

    def _tick_shown(self, state) -> None:
        """Tick or untick the columns the filter shows, then announce the result once."""
        shown = {item.text(): state for item in self._items() if not item.isHidden()}
        before = self.checked()
        if state == Qt.Unchecked and not set(before) - set(shown):
            self.sigRefused.emit(translate("feature_list", NO_FEATURE))
            return
        self._set_states(shown)
        if self.checked() != before:
            self.sigChosen.emit(self.checked())

    def _set_states(self, states: dict) -> None:
        """Set check states by name without an itemChanged for each."""
        self.list.blockSignals(True)
        try:
            for item in self._items():
                if item.text() in states:
                    item.setCheckState(states[item.text()])
        finally:
            self.list.blockSignals(False)
