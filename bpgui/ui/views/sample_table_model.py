"""The rows of one split with the network's predictions, as a Qt table model.

Sorting and filtering happen here, in NumPy: a QSortFilterProxyModel would
call back into Python for every comparison (tens of thousands of calls to
re-sort 1,797 digits after each update).  New predictions move the rows
with the signals Qt expects (rows removed, rows inserted, layout changed),
so the view keeps its selection and scroll position while training runs.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ..i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["SampleTableModel", "CLASS_COLUMNS", "REGRESSION_COLUMNS", "RIGHT_MARK", "WRONG_MARK"]

# The fixed columns' headers and tips, shown translated (context "sample_table_model").
CLASS_COLUMNS = ("#", QT_TRANSLATE_NOOP("sample_table_model", "true"), QT_TRANSLATE_NOOP("sample_table_model", "predicted"), QT_TRANSLATE_NOOP("sample_table_model", "confidence"), QT_TRANSLATE_NOOP("sample_table_model", "right"))
REGRESSION_COLUMNS = ("#", QT_TRANSLATE_NOOP("sample_table_model", "actual"), QT_TRANSLATE_NOOP("sample_table_model", "predicted"), QT_TRANSLATE_NOOP("sample_table_model", "error"))
HEADER_TIPS = {"#": QT_TRANSLATE_NOOP("sample_table_model", "the row's place in this split"),
               "confidence": QT_TRANSLATE_NOOP("sample_table_model", "the network's output for the class it predicts"),
               "right": QT_TRANSLATE_NOOP("sample_table_model", "✓ predicted right, ✗ wrong"),
               "error": QT_TRANSLATE_NOOP("sample_table_model", "predicted − actual; sorted by its size")}
RIGHT_MARK, WRONG_MARK = "✓", "✗"
RIGHT_COLOUR, WRONG_COLOUR = QColor(30, 130, 50), QColor(200, 30, 30)
NUMBER_ALIGN = int(Qt.AlignRight | Qt.AlignVCenter)
NAME_ALIGN = int(Qt.AlignLeft | Qt.AlignVCenter)
MARK_ALIGN = int(Qt.AlignCenter)
MARK_FONT = QFont()
MARK_FONT.setBold(True)     # a thin ✓ and ✗ are hard to tell apart at table size
# Qt's roles looked up once: each `Qt.DisplayRole` costs PySide ~6 µs, and the view asks
# for several roles of every visible cell at each repaint.
DISPLAY, ALIGNMENT, FOREGROUND, FONT, TOOLTIP = (Qt.DisplayRole, Qt.TextAlignmentRole, Qt.ForegroundRole,
                                                 Qt.FontRole, Qt.ToolTipRole)
HORIZONTAL, DESCENDING = Qt.Horizontal, Qt.DescendingOrder
MAX_MOVES = 64   # blocks of rows removed one by one; beyond that the model is reset (a selection is lost)


def _number(v: float, signed: bool = False) -> str:
    if np.isnan(v):
        return "–"
    return f"{v:+.4g}" if signed else f"{v:.4g}"


class SampleTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._X = np.zeros((0, 0))
        self._features: list[str] = []
        self._columns = CLASS_COLUMNS
        self._names: list[str] = []
        self._truth = self._predicted = self._score = np.zeros(0)
        self._right: np.ndarray | None = None
        self._rows = np.zeros(0, dtype=np.intp)      # the samples shown, in the order shown
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._filter = None                          # None, "wrong", or a confusion cell (true, predicted)

    # ------------------------------------------------------------ what is shown
    def set_samples(self, X: np.ndarray, feature_names: list[str], classes: bool) -> None:
        """New rows (a split's raw features); their predictions come with set_classes / set_regression."""
        self.beginResetModel()
        self._X = np.asarray(X, dtype=np.float64)
        self._features = list(feature_names)
        self._columns = CLASS_COLUMNS if classes else REGRESSION_COLUMNS
        n = len(self._X)
        self._truth, self._predicted, self._score = (np.full(n, np.nan) for _ in range(3))
        self._right = None
        self._rows = np.arange(n)
        if self._filter is not None:
            self._rows = self._rows[:0]     # nothing is wrong (or in a cell) before there are predictions
        self.endResetModel()

    def set_classes(self, truth: np.ndarray, predicted: np.ndarray, confidence: np.ndarray,
                    class_names: list[str]) -> None:
        self._names = list(class_names)
        self._truth, self._predicted = np.asarray(truth), np.asarray(predicted)
        self._score = np.asarray(confidence, dtype=np.float64)
        self._right = self._truth == self._predicted
        self._values_changed()

    def set_regression(self, actual: np.ndarray, predicted: np.ndarray) -> None:
        self._truth = np.asarray(actual, dtype=np.float64)
        self._predicted = np.asarray(predicted, dtype=np.float64)
        self._score = self._predicted - self._truth
        self._values_changed()

    def set_filter(self, kind) -> None:
        """None (every row), "wrong" (the misclassified rows) or (true, predicted) (one cell's rows)."""
        self._filter = kind
        self._arrange()

    def fixed_columns(self) -> int:
        """Columns before the features."""
        return len(self._columns)

    def sample_count(self) -> int:
        return len(self._X)

    def sample_at(self, row: int) -> int:
        return int(self._rows[row])

    def samples(self) -> np.ndarray:
        """The samples shown, in the order shown (indices into the split)."""
        return self._rows.copy()

    def features_of(self, sample: int) -> np.ndarray:
        return self._X[sample].copy()

    def row_of(self, sample: int) -> int | None:
        hits = np.flatnonzero(self._rows == sample)
        return int(hits[0]) if len(hits) else None

    # ------------------------------------------------------------ Qt's model interface
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns) + len(self._features)

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation != HORIZONTAL or role not in (DISPLAY, TOOLTIP):
            return None
        fixed = len(self._columns)
        if section >= fixed:   # a feature: its name as in the data
            return self._features[section - fixed] if role == DISPLAY else \
                translate("sample_table_model", "a feature, as in the data")
        name = self._columns[section]
        if role == DISPLAY:
            return translate("sample_table_model", name)
        return translate("sample_table_model", HEADER_TIPS[name]) if name in HEADER_TIPS else None

    def data(self, index, role=DISPLAY):
        if role not in (DISPLAY, ALIGNMENT, FOREGROUND, FONT) or not index.isValid():
            return None
        s, c = int(self._rows[index.row()]), index.column()
        if role == DISPLAY:
            return self._text(s, c)
        if role == ALIGNMENT:
            return self._alignment(c)
        if not self._is_mark(c):
            return None
        if role == FONT:
            return MARK_FONT
        return None if self._right is None else (RIGHT_COLOUR if self._right[s] else WRONG_COLOUR)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self._sort = (column, order)
        self._arrange()

    # ------------------------------------------------------------ cells
    def _alignment(self, c: int) -> int:
        if self._is_mark(c):
            return MARK_ALIGN
        return NAME_ALIGN if c in (1, 2) and self._columns is CLASS_COLUMNS else NUMBER_ALIGN

    def _is_mark(self, c: int) -> bool:
        return c == 4 and self._columns is CLASS_COLUMNS

    def _text(self, s: int, c: int) -> str:
        fixed = len(self._columns)
        if c >= fixed:
            return _number(self._X[s, c - fixed])
        if c == 0:
            return str(s + 1)
        if self._columns is REGRESSION_COLUMNS:
            return _number((self._truth, self._predicted, self._score)[c - 1][s], signed=c == 3)
        if c == 3:
            return _number(self._score[s])
        if self._right is None:
            return "–"
        if c == 4:
            return RIGHT_MARK if self._right[s] else WRONG_MARK
        return self._names[int((self._truth, self._predicted)[c - 1][s])]

    def _sort_key(self, c: int) -> np.ndarray:
        fixed = len(self._columns)
        if c >= fixed:
            return self._X[:, c - fixed]
        if c == 0 or (c == 4 and self._right is None):
            return np.arange(len(self._X), dtype=np.float64)
        if c == 4:
            return ~self._right.astype(np.float64)      # wrong rows first when ascending
        if c == 3 and self._columns is REGRESSION_COLUMNS:
            return np.abs(self._score)
        return np.asarray((self._truth, self._predicted, self._score)[c - 1], dtype=np.float64)

    # ------------------------------------------------------------ moving rows
    def _kept(self) -> np.ndarray:
        n = len(self._X)
        if self._filter is None:
            return np.ones(n, dtype=bool)
        if self._right is None:
            return np.zeros(n, dtype=bool)
        if self._filter == "wrong":
            return ~self._right
        i, j = self._filter
        return (self._truth == i) & (self._predicted == j)

    def _arrange(self) -> None:
        rows = np.flatnonzero(self._kept())
        if self._sort is not None and self._sort[0] < self.columnCount():
            column, order = self._sort
            key = self._sort_key(column)[rows]
            # stable both ways: equal keys keep the split's order; NaN (missing) last both ways
            rows = rows[np.argsort(-key if order == DESCENDING else key, kind="stable")]
        self._move_to(rows)

    def _values_changed(self) -> None:
        self._arrange()
        if len(self._rows):
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._rows) - 1, len(self._columns) - 1))

    def _move_to(self, rows: np.ndarray) -> None:
        """Show ``rows``: remove the rows that go, add the new ones at the end, then reorder,
        moving the view's persistent indexes (selection, current row) with their samples."""
        if np.array_equal(rows, self._rows):
            return
        gone = np.flatnonzero(~np.isin(self._rows, rows))
        blocks = _blocks(gone)
        if len(blocks) > MAX_MOVES:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        for first, last in reversed(blocks):
            self.beginRemoveRows(QModelIndex(), first, last)
            self._rows = np.delete(self._rows, np.s_[first:last + 1])
            self.endRemoveRows()
        added = rows[~np.isin(rows, self._rows)]
        if len(added):
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(added) - 1)
            self._rows = np.concatenate([self._rows, added])
            self.endInsertRows()
        if not np.array_equal(rows, self._rows):
            self._reorder(rows)

    def _reorder(self, rows: np.ndarray) -> None:
        self.layoutAboutToBeChanged.emit()
        position = np.empty(len(self._X), dtype=np.intp)
        position[rows] = np.arange(len(rows))
        old = self.persistentIndexList()
        new = [self.index(int(position[self._rows[i.row()]]), i.column()) for i in old]
        self._rows = rows
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()


def _blocks(positions: np.ndarray) -> list[tuple[int, int]]:
    """Runs of consecutive positions as (first, last)."""
    if not len(positions):
        return []
    breaks = np.flatnonzero(np.diff(positions) != 1)
    starts = np.concatenate([[0], breaks + 1])
    ends = np.concatenate([breaks, [len(positions) - 1]])
    return [(int(positions[a]), int(positions[b])) for a, b in zip(starts, ends)]
