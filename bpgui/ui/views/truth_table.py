"""A logic gate's truth table with the network's live outputs: inputs, targets,
outputs (3 decimals) and whether each row comes out right (every output on
the target's side of 0.5)."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ..i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["TruthTable"]

RIGHT, WRONG = QT_TRANSLATE_NOOP("truth_table", "✓ right"), QT_TRANSLATE_NOOP("truth_table", "✗ wrong")   # shown translated
RIGHT_BACK, WRONG_BACK = QColor(215, 240, 215), QColor(250, 215, 212)
WRONG_TEXT = QColor(190, 20, 20)


class TruthTable(QWidget):
    sigSampleChosen = Signal(object)   # the inputs of the row clicked

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.summary)
        self.X = np.zeros((0, 0))
        self.Y = np.zeros((0, 0))
        self.outputs: np.ndarray | None = None
        self.right: np.ndarray | None = None
        self.table.currentCellChanged.connect(self._row_chosen)

    @staticmethod
    def applies_to(dataset) -> bool:
        return dataset is not None and dataset.source.get("kind") == "gate"

    def set_data(self, dataset, session=None) -> None:
        self.outputs = self.right = None
        if not self.applies_to(dataset):
            self.X, self.Y = np.zeros((0, 0)), np.zeros((0, 0))
            self.table.blockSignals(True)
            self.table.clear()
            self.table.setRowCount(0)
            self.table.blockSignals(False)
            self.summary.setText("")
            return
        self.X, self.Y = dataset.X.copy(), dataset.Y.copy()
        self.table.blockSignals(True)     # a new table is no row the user chose
        self._fill(dataset)
        self.table.blockSignals(False)
        self.summary.setText(translate("truth_table", "An output counts as 1 from 0.5 up."))
        self._fit_columns()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Equal columns over the width when the widest text fits in each; else each column as
        wide as its text, and a scroll bar."""
        table, header = self.table, self.table.horizontalHeader()
        widest = max((max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(table.columnCount())),
                     default=0)
        fits = widest * table.columnCount() <= table.viewport().width()
        header.setSectionResizeMode(QHeaderView.Stretch if fits else QHeaderView.ResizeToContents)

    def _fill(self, dataset) -> None:
        targets = dataset.target_names
        if len(targets) == 1:
            headers = [*dataset.feature_names, translate("truth_table", "target"), translate("truth_table", "output"),
                       translate("truth_table", "right?")]
        else:
            headers = [*dataset.feature_names, *(translate("truth_table", "{name}\ntarget").format(name=t) for t in targets),
                       *(translate("truth_table", "{name}\noutput").format(name=t) for t in targets),
                       translate("truth_table", "right?")]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.X))
        for r, row in enumerate(np.hstack([self.X, self.Y])):
            for c, v in enumerate(row):
                self._put(r, c, f"{v:g}")
            for c in range(len(row), len(headers)):
                self._put(r, c, "–")

    def _put(self, r: int, c: int, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignCenter)
        self.table.setItem(r, c, item)

    def update_model(self, model, network) -> None:
        net = network if network is not None else getattr(model, "network", None)
        if model is None or net is None or not len(self.X) or net.n_inputs != self.X.shape[1]:
            return
        with np.errstate(all="ignore"):
            out = model.y_normalizer.inverse_transform(net.predict(model.encode_inputs(self.X)).astype(np.float64))
        if out.shape != self.Y.shape:
            return
        hits = (out >= 0.5) == (self.Y >= 0.5)
        self.outputs, self.right = out, hits.all(axis=1)
        first = self.X.shape[1] + self.Y.shape[1]
        for r in range(len(out)):
            for j, v in enumerate(out[r]):
                item = self.table.item(r, first + j)
                item.setText(f"{v:.3f}")
                item.setForeground(WRONG_TEXT if not hits[r, j] else self.palette().text().color())
            mark = self.table.item(r, first + out.shape[1])
            mark.setText(translate("truth_table", RIGHT if self.right[r] else WRONG))
            mark.setBackground(RIGHT_BACK if self.right[r] else WRONG_BACK)
        self._fit_columns()     # the marks' words are wider than the "–" before them
        n_right = int(self.right.sum())
        self.summary.setText(translate("truth_table", "{right} of {total} rows right. An output counts as 1 from 0.5 up.")
                             .format(right=n_right, total=len(out)))

    def mark(self, row: int) -> str:
        return self.table.item(row, self.table.columnCount() - 1).text()

    @Slot(int, int, int, int)
    def _row_chosen(self, row: int, _column: int, previous_row: int, _previous_column: int) -> None:
        if 0 <= row < len(self.X) and row != previous_row:
            self.sigSampleChosen.emit(self.X[row].copy())
