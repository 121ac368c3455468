"""The rows of a split with their predictions: sortable, filterable to the wrong
ones (or to one cell of the confusion matrix); choosing a row sends its raw
features out, for the map and "try it" to show."""
from __future__ import annotations

from contextlib import contextmanager

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from ..i18n import translate
from .sample_table_model import SampleTableModel

__all__ = ["SampleTable"]

SCORE_COLUMN = 3   # confidence, or error for regression
SIZED_ROWS = 50    # rows looked at to size the columns (all 1,797 would ask Python 100,000 times)


class SampleTable(QWidget):
    sigSampleChosen = Signal(object)   # the chosen row's raw feature values

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(4, 2, 4, 0)
        self.wrong_only = QCheckBox(translate("sample_table", "wrong only"))
        self.wrong_only.setToolTip(translate("sample_table", "only the rows the network gets wrong"))
        self.largest = QPushButton(translate("sample_table", "largest errors first"))
        self.cell_note = QLabel("")
        self.all_rows = QPushButton(translate("sample_table", "all rows"))
        self.count = QLabel("")
        for w in (self.wrong_only, self.largest, self.cell_note, self.all_rows):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.count)
        lay.addLayout(row)
        self.model = SampleTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self._set_up_view()
        lay.addWidget(self.view, 1)
        self._chosen: int | None = None     # the sample last sent out
        self._quiet = False                 # rows moving under the selection are not a choice
        self._sized = False
        self.wrong_only.toggled.connect(self._wrong_toggled)
        self.largest.clicked.connect(self.sort_by_error)
        self.all_rows.clicked.connect(self._show_all)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self._show_filter(None)
        self.set_regression_mode(False)

    def _set_up_view(self) -> None:
        v = self.view
        v.setSelectionBehavior(QAbstractItemView.SelectRows)
        v.setSelectionMode(QAbstractItemView.SingleSelection)
        v.setEditTriggers(QAbstractItemView.NoEditTriggers)
        v.verticalHeader().hide()
        v.verticalHeader().setDefaultSectionSize(v.fontMetrics().height() + 6)
        header = v.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setResizeContentsPrecision(SIZED_ROWS)
        header.setHighlightSections(False)
        v.setSortingEnabled(True)
        v.sortByColumn(0, Qt.AscendingOrder)
        v.setAlternatingRowColors(True)

    # ------------------------------------------------------------ what is shown
    def set_regression_mode(self, regression: bool) -> None:
        self.wrong_only.setVisible(not regression)
        self.largest.setVisible(regression)

    def set_samples(self, X: np.ndarray, feature_names: list[str], classes: bool) -> None:
        self._chosen = None
        self._sized = False
        self.set_regression_mode(not classes)
        if not classes and self.wrong_only.isChecked():
            self.wrong_only.setChecked(False)
        with self._moving():
            self.model.set_samples(X, feature_names, classes)
        self._update_count()

    def show_classes(self, truth, predicted, confidence, class_names) -> None:
        with self._moving():
            self.model.set_classes(truth, predicted, confidence, class_names)
        self._after_values()

    def show_regression(self, actual, predicted) -> None:
        with self._moving():
            self.model.set_regression(actual, predicted)
        self._after_values()

    def show_cell(self, true: int, predicted: int, note: str) -> None:
        """Only the rows of one cell of the confusion matrix."""
        self.wrong_only.blockSignals(True)
        self.wrong_only.setChecked(False)
        self.wrong_only.blockSignals(False)
        self._filter((true, predicted))
        self._show_filter(note)

    @Slot()
    def sort_by_error(self) -> None:
        self.view.sortByColumn(SCORE_COLUMN, Qt.DescendingOrder)

    def shown_samples(self) -> np.ndarray:
        """The split's rows shown, in the order shown."""
        return self.model.samples()

    def choose_row(self, row: int) -> None:
        self.view.selectRow(row)

    # ------------------------------------------------------------ filters
    @Slot(bool)
    def _wrong_toggled(self, on: bool) -> None:
        self._filter("wrong" if on else None)
        self._show_filter(None)

    @Slot()
    def _show_all(self) -> None:
        self._filter(None)
        self._show_filter(None)

    def _filter(self, kind) -> None:
        with self._moving():
            self.model.set_filter(kind)
        self._update_count()

    def _show_filter(self, note: str | None) -> None:
        self.cell_note.setText(note or "")
        self.cell_note.setVisible(bool(note))
        self.all_rows.setVisible(bool(note))

    # ------------------------------------------------------------ the chosen row
    @Slot(object, object)
    def _current_changed(self, current, _previous) -> None:
        if self._quiet or not current.isValid():
            return
        sample = self.model.sample_at(current.row())
        if sample != self._chosen:
            self._chosen = sample
            self.sigSampleChosen.emit(self.model.features_of(sample))

    @contextmanager
    def _moving(self):
        """While the model moves rows, a current row Qt moves to a neighbour is no choice of
        the user's; afterwards the chosen sample is selected again wherever it went."""
        self._quiet = True
        try:
            yield
            row = None if self._chosen is None else self.model.row_of(self._chosen)
            if row is None:
                self.view.selectionModel().clear()
            elif self.view.currentIndex().row() != row:
                self.view.selectRow(row)
        finally:
            self._quiet = False

    def _after_values(self) -> None:
        if not self._sized and self.model.rowCount():
            self._sized = True      # once per split: the widths then stay where the user puts them
            self._size_columns()
        self._update_count()

    def _size_columns(self) -> None:
        """The first columns to their contents; the features (64 for the digits) to their
        names or a number's width, without asking the model for every cell."""
        fixed = self.model.fixed_columns()
        for c in range(fixed):
            self.view.resizeColumnToContents(c)
        metrics, header = self.view.fontMetrics(), self.view.horizontalHeader()
        number = metrics.horizontalAdvance("-0.0000") + 12
        for c in range(fixed, self.model.columnCount()):
            header.resizeSection(c, max(number, header.sectionSizeHint(c)))

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.sample_count()
        self.count.setText(translate("sample_table", "{shown} of {total} rows").format(shown=f"{shown:,}", total=f"{total:,}")
                           if shown != total else translate("sample_table", "{total} rows").format(total=f"{total:,}"))

