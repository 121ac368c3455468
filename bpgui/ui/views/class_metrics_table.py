"""Per-class precision, recall, F1 and support, one row per class."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from bpgui.core.results import ClassResults
from bpgui.ui.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["ClassMetricsTable"]

COLUMNS = (QT_TRANSLATE_NOOP("class_metrics_table", "precision"), QT_TRANSLATE_NOOP("class_metrics_table", "recall"),
           QT_TRANSLATE_NOOP("class_metrics_table", "F1"), QT_TRANSLATE_NOOP("class_metrics_table", "support"))
# In a narrow table; the tooltips say what they are.
SHORT = (QT_TRANSLATE_NOOP("class_metrics_table", "prec."), QT_TRANSLATE_NOOP("class_metrics_table", "rec."),
         QT_TRANSLATE_NOOP("class_metrics_table", "F1"), QT_TRANSLATE_NOOP("class_metrics_table", "n"))
NARROW = 340     # pixels below which the headers are short and support (the counts' row sums) is hidden
TIPS = (QT_TRANSLATE_NOOP("class_metrics_table", "of the rows predicted as this class, the share that are"),
        QT_TRANSLATE_NOOP("class_metrics_table", "of the rows of this class, the share predicted as it"),
        QT_TRANSLATE_NOOP("class_metrics_table", "the harmonic mean of precision and recall"),
        QT_TRANSLATE_NOOP("class_metrics_table", "rows of this class"))
# Why precision / recall has no value.
UNDEFINED = {0: QT_TRANSLATE_NOOP("class_metrics_table", "never predicted"),
             1: QT_TRANSLATE_NOOP("class_metrics_table", "no rows of this class")}


class ClassMetricsTable(QTableWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.NoSelection)
        self.setHorizontalHeaderLabels([translate("class_metrics_table", c) for c in COLUMNS])
        for c, tip in enumerate(TIPS):
            self.horizontalHeaderItem(c).setToolTip(translate("class_metrics_table", tip))
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.horizontalHeader().setMinimumSectionSize(36)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.setMinimumSize(200, 90)

    def resizeEvent(self, event) -> None:
        narrow = event.size().width() < NARROW
        for c, text in enumerate(SHORT if narrow else COLUMNS):
            self.horizontalHeaderItem(c).setText(translate("class_metrics_table", text))
        self.setColumnHidden(3, narrow)
        super().resizeEvent(event)

    def show_results(self, results: ClassResults) -> None:
        names = results.class_names
        if self.rowCount() != len(names) or self._names() != names:
            self._new_rows(names)
        columns = (results.precision, results.recall, results.f1, results.support)
        for c, values in enumerate(columns):
            for r, v in enumerate(values):
                text = str(int(v)) if c == 3 else ("–" if np.isnan(v) else f"{v:.3f}")
                item = self.item(r, c)
                if item.text() != text:
                    item.setText(text)
                    undefined = text == "–" and c in UNDEFINED
                    item.setToolTip(translate("class_metrics_table", UNDEFINED[c]) if undefined else "")

    def figure(self, row: int, column: int) -> str:
        return self.item(row, column).text()

    def _names(self) -> list[str]:
        return [self.verticalHeaderItem(r).text() for r in range(self.rowCount())]

    def _new_rows(self, names: list[str]) -> None:
        self.setRowCount(len(names))
        self.setVerticalHeaderLabels(names)
        for r in range(len(names)):
            for c in range(len(COLUMNS)):
                item = QTableWidgetItem("")
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.setItem(r, c, item)
