"""The Runs panel: the kept runs as a list beside their overlaid curves.

Each row is a run in its curve's colour; its box shows or hides it, a
double-click or F2 renames it, Delete (key or button) deletes the selected
runs (Undo brings them back).  The panel only asks: the window makes the
changes in the document and shows the runs again (``show_runs``).
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton,
                               QSplitter, QVBoxLayout, QWidget)

from ..i18n import translate, translated
from ..setting_help import apply_tips
from ..views.runs_plot import RunsPlot, run_colour

__all__ = ["RunsPanel"]

_KEY = Qt.UserRole


class RunsPanel(QWidget):
    sigRename = Signal(int, str)      # key, new name
    sigHidden = Signal(int, bool)     # key, hidden
    sigDelete = Signal(object)        # list of keys
    sigExport = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.list.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        self.list.setIconSize(QSize(14, 14))
        self.list.itemChanged.connect(self._on_item_changed)
        delete = QShortcut(QKeySequence.Delete, self.list, context=Qt.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.delete_button = QPushButton(translate("runs_panel", "Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button = QPushButton(translate("runs_panel", "Export CSV…"))
        self.export_button.clicked.connect(self.sigExport)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.export_button)
        side = QWidget()
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        side_lay.addWidget(self.list)
        side_lay.addLayout(buttons)
        self.plot = RunsPlot()
        split = QSplitter(Qt.Horizontal)
        split.addWidget(side)
        split.addWidget(self.plot)
        split.setStretchFactor(1, 4)
        split.setSizes([190, 800])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        apply_tips(self)   # the tooltips, from setting_help.py
        self._runs: tuple = ()

    def show_runs(self, runs, metric: str | None, force: bool = False) -> None:
        """The runs in the list and the plot (nothing is emitted); ``force``: even the same
        runs again (a refused rename puts the name back)."""
        if runs is self._runs and not force:
            return
        self._runs = runs
        selected = {it.data(_KEY) for it in self.list.selectedItems()}
        self.list.blockSignals(True)
        self.list.clear()
        for run in runs:
            item = QListWidgetItem(run.name)
            item.setData(_KEY, run.key)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable | Qt.ItemIsEditable)
            item.setCheckState(Qt.Unchecked if run.hidden else Qt.Checked)
            item.setToolTip(translate("runs_panel", "{run}; {epochs} epochs").format(
                run=translated(run.describe()), epochs=f"{run.epochs:,}"))
            pixmap = QPixmap(14, 14)
            pixmap.fill(run_colour(run.key))
            item.setIcon(QIcon(pixmap))
            self.list.addItem(item)
            item.setSelected(run.key in selected)
        self.list.blockSignals(False)
        self.delete_button.setEnabled(bool(runs))
        self.export_button.setEnabled(any(not r.hidden for r in runs))
        self.plot.show_runs(runs, metric)

    def item(self, key: int) -> QListWidgetItem:
        return next(self.list.item(i) for i in range(self.list.count()) if self.list.item(i).data(_KEY) == key)

    @Slot()
    def delete_selected(self) -> None:
        keys = [it.data(_KEY) for it in self.list.selectedItems()]
        if keys:
            self.sigDelete.emit(keys)

    @Slot(QListWidgetItem)
    def _on_item_changed(self, item: QListWidgetItem) -> None:
        key = item.data(_KEY)
        run = next((r for r in self._runs if r.key == key), None)
        if run is None:
            return
        hidden = item.checkState() != Qt.Checked
        if hidden != run.hidden:
            self.sigHidden.emit(key, hidden)
        elif item.text() != run.name:
            self.sigRename.emit(key, item.text())
