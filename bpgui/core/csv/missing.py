"""Missing values: which cells are missing, and what a file's missing cells become.

A missing cell is empty or one of the words spreadsheets, R, pandas and the
UCI files write for "no value".  By default a missing cell is refused with
its line and column; on request its row is dropped, or the cell is kept as
NaN for the model to fill with the training split's column mean (see
`Normalizer`).  A row whose target is missing is dropped either way: there
is nothing to learn from it.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from bpgui.core.translatable import QT_TRANSLATE_NOOP, Text
from bpgui.core.dataset import DataError

__all__ = ["MISSING_POLICIES", "MISSING_WORDS", "is_missing", "check_policy", "refusal", "drop_missing"]

MISSING_POLICIES = ("refuse", "drop", "mean")
# Compared without case: NA, N/A, NaN, null, None, #N/A (Excel) and UCI's "?".
MISSING_WORDS = frozenset({"", "na", "n/a", "nan", "null", "none", "#n/a", "?"})


def is_missing(cell: str) -> bool:
    return cell.strip().lower() in MISSING_WORDS


def check_policy(missing: str, path: str) -> None:
    if missing not in MISSING_POLICIES:
        raise DataError(f"missing must be one of {', '.join(MISSING_POLICIES)}, got {missing!r}", path=path)


def refusal(cell: str, path: str, line: int, column: str) -> DataError:
    shown = Text("missing", QT_TRANSLATE_NOOP("missing", "an empty cell")) if not cell.strip() else repr(cell.strip())
    return DataError(Text("missing", QT_TRANSLATE_NOOP(
        "missing", "missing value ({shown}); to use the file, drop the rows with missing values or fill "
        "them with the column mean (Missing in the data panel; --missing drop|mean)"), shown=shown),
        path, line, column)


def _missing_rows(column: np.ndarray | list) -> np.ndarray:
    if isinstance(column, list):
        return np.fromiter((v is None for v in column), dtype=bool, count=len(column))
    return np.isnan(column)


def _rows_to_drop(columns: dict[int, np.ndarray | list], targets: Sequence[int], missing: str) -> np.ndarray:
    """Those missing a target, and under "drop" those missing any used cell."""
    n = len(next(iter(columns.values())))
    drop = np.zeros(n, dtype=bool)
    for j, column in columns.items():
        if missing == "drop" or j in targets:
            drop |= _missing_rows(column)
    return drop


def _kept(column: np.ndarray | list, keep: np.ndarray) -> np.ndarray | list:
    return column[keep] if isinstance(column, np.ndarray) else [v for v, k in zip(column, keep) if k]


def _filled_note(cells: int, in_columns: int) -> Text:
    if cells == 1:
        template = QT_TRANSLATE_NOOP("missing", "{cells} missing value in {columns} column "
                                     "take the column's mean over the training rows")
    elif in_columns == 1:
        template = QT_TRANSLATE_NOOP("missing", "{cells} missing values in {columns} column "
                                     "take the column's mean over the training rows")
    else:
        template = QT_TRANSLATE_NOOP("missing", "{cells} missing values in {columns} columns "
                                     "take the column's mean over the training rows")
    return Text("missing", template, cells=f"{cells:,}", columns=in_columns)


def drop_missing(columns: dict[int, np.ndarray | list], lines: list[int], targets: Sequence[int],
                 names: Sequence[str], missing: str, path: str) -> tuple[dict, list[int], list[str]]:
    """The columns and their rows' lines without the rows to leave out, and notes saying
    what was done."""
    if missing == "refuse":
        return columns, lines, []
    drop = _rows_to_drop(columns, targets, missing)
    notes = []
    if drop.any():
        what = Text("missing", QT_TRANSLATE_NOOP("missing", "a missing value")) if missing == "drop" else \
            Text("missing", QT_TRANSLATE_NOOP("missing", "a missing target"))
        if drop.all():
            raise DataError(Text("missing", QT_TRANSLATE_NOOP("missing", "every row has {what}; nothing is left to train on"),
                                 what=what), path)
        notes.append(Text("missing", QT_TRANSLATE_NOOP(
            "missing", "dropped {dropped} of {rows} rows with {what} (the first on line {line})"),
            dropped=f"{int(drop.sum()):,}", rows=f"{len(drop):,}", what=what, line=lines[int(np.argmax(drop))]))
        columns = {j: _kept(column, ~drop) for j, column in columns.items()}
        lines = _kept(lines, ~drop)
    filled = {j: int(_missing_rows(column).sum()) for j, column in columns.items() if j not in targets}
    for j, count in filled.items():
        if count == len(drop) - int(drop.sum()):
            raise DataError(Text("missing", QT_TRANSLATE_NOOP(
                "missing", "every cell of the column is missing: it has no mean to fill them with")),
                path, column=names[j])
    if sum(filled.values()):
        cells, in_columns = sum(filled.values()), sum(c > 0 for c in filled.values())
        notes.append(_filled_note(cells, in_columns))
    return columns, lines, notes
