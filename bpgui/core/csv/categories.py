"""Text columns as numbers: one-hot features (``name=value``) and class targets."""
from __future__ import annotations

from typing import NamedTuple, Sequence

import numpy as np

from bpgui.core.translatable import QT_TRANSLATE_NOOP, Text
from bpgui.core.dataset import DataError

__all__ = ["MAX_CATEGORIES", "one_hot", "encode_features", "Targets", "class_targets", "numeric_targets"]

# More distinct text values than this in one column is an identifier, not a
# category: one-hot encoding it would make a matrix of rows x values.
MAX_CATEGORIES = 1000
# A class target with more values than this, most seen once, is taken for a name (see class_targets).
MANY_CLASSES = 50


class Targets(NamedTuple):
    Y: np.ndarray
    names: list[str]
    class_names: list[str] | None
    task: str


def check_category_count(count: int, column: str, path: str, line: int | None, role: str) -> None:
    if count > MAX_CATEGORIES:
        template = QT_TRANSLATE_NOOP("categories", "{count} distinct values: too many for a class target column "
                                     "(at most {most}); is it an identifier? leave it out") if role == "target" else \
            QT_TRANSLATE_NOOP("categories", "{count} distinct values: too many for a class feature column "
                              "(at most {most}); is it an identifier? leave it out")
        raise DataError(Text("categories", template, count=f"{count:,}", most=f"{MAX_CATEGORIES:,}"), path, line, column)


def one_hot(labels: list[str], classes: list[str]) -> np.ndarray:
    """Rows of 0/1 with a 1 in the column of each label's class (classes in the given order)."""
    index = {c: k for k, c in enumerate(classes)}
    codes = np.fromiter((index[v] for v in labels), dtype=np.intp, count=len(labels))
    out = np.zeros((len(labels), len(classes)))
    out[np.arange(len(labels)), codes] = 1.0
    return out


def _one_hot_with_missing(labels: list[str | None], values: list[str]) -> np.ndarray:
    """One-hot rows; a missing label (None) is a row of NaN, for the column means to fill."""
    gaps = [k for k, v in enumerate(labels) if v is None]
    block = one_hot([values[0] if v is None else v for v in labels] if gaps else labels, values)
    block[gaps] = np.nan
    return block


def encode_features(columns: dict[int, np.ndarray | list[str]], f_idx: list[int],
                    names: list[str], path: str, header_line: int | None) -> tuple[np.ndarray, list[str]]:
    """Numeric columns as they are; text columns one-hot as ``name=value``
    (values in sorted order), in file column order."""
    blocks: list[np.ndarray] = []
    feature_names: list[str] = []
    for j in f_idx:
        col = columns[j]
        if isinstance(col, list):
            values = sorted({v for v in col if v is not None})
            check_category_count(len(values), names[j], path, header_line, "feature")
            blocks.append(_one_hot_with_missing(col, values))
            feature_names += [f"{names[j]}={v}" for v in values]
        else:
            blocks.append(col[:, None])
            feature_names.append(names[j])
    return np.concatenate(blocks, axis=1), feature_names


def _check_not_an_identifier(count: int, rows: int, column: str, path: str, line: int | None) -> None:
    """A text target with more than MANY_CLASSES values, most of them seen once, names the rows
    (a car's name, a person's) rather than classing them: refused with advice."""
    if count > MANY_CLASSES and count * 2 > rows:
        raise DataError(Text("categories", QT_TRANSLATE_NOOP(
            "categories", "{count} different texts in {rows} rows: an identifier, not classes to learn; "
            "choose the target column (Target, or --target)"), count=f"{count:,}", rows=f"{rows:,}"),
            path, line, column)


def class_targets(labels: list[str], column: str, classes: Sequence[str] | None, path: str,
                  header_line: int | None, line_of_row) -> Targets:
    """A text target as classes: two give one 0/1 column (1 = ``class_names[1]``,
    "binary"), more give one-hot columns ("multiclass").  `classes` (a model's)
    fixes the order; `line_of_row(i)` finds the line of row i for a message."""
    if classes is not None:
        class_names = [str(c) for c in classes]
        unknown = sorted(set(labels) - set(class_names))
        if unknown:
            raise DataError(Text("categories", QT_TRANSLATE_NOOP(
                "categories", "class {name} is not one of the model's classes ({classes})"),
                name=repr(unknown[0]), classes=", ".join(map(repr, class_names))), path,
                            line_of_row(labels.index(unknown[0])), column)
    else:
        class_names = sorted(set(labels))
        _check_not_an_identifier(len(class_names), len(labels), column, path, header_line)
    if len(class_names) < 2:
        raise DataError(Text("categories", QT_TRANSLATE_NOOP(
            "categories", "every row has the class {name}; a class target needs at least two classes"),
            name=repr(class_names[0])), path, header_line, column)
    check_category_count(len(class_names), column, path, header_line, "target")
    encoded = one_hot(labels, class_names)   # in class_names' order, sorted or not
    if len(class_names) == 2:
        return Targets(encoded[:, 1:], [column], class_names, "binary")
    return Targets(encoded, [f"{column}={c}" for c in class_names], class_names, "multiclass")


# A numeric target of whole numbers with at most this many distinct values, each seen at
# least twice, is taken for classes named by value (iris, wine and digits come coded
# 0/1/2...); `task` overrides the guess.
MAX_CODED_CLASSES = 10


def coded_classes(column: np.ndarray) -> list[str] | None:
    """The values of a numeric column as class labels ("0", "1", "2"...) when it looks like
    coded classes (whole numbers, at most MAX_CODED_CLASSES of them, none seen once), else None."""
    values, counts = np.unique(column, return_counts=True)
    if len(values) > MAX_CODED_CLASSES or not np.all(np.isfinite(values)) or np.any(values != np.round(values)):
        return None
    return value_labels(column) if counts.min() >= 2 else None


def value_labels(column: np.ndarray) -> list[str]:
    """Numbers as class names: 2.0 -> "2", 1.5 -> "1.5"."""
    return [str(int(v)) if v == int(v) else f"{v:g}" for v in column.tolist()]


def numeric_targets(values: list[np.ndarray], names: list[str]) -> Targets:
    """Numeric target columns: "regression", except that columns holding only
    0 and 1 (both) are class indicators, "binary" (gates, labels already coded)."""
    Y = np.column_stack(values)
    zero_one = np.isin(Y, (0.0, 1.0)).all()
    if zero_one and all(len(np.unique(Y[:, k])) == 2 for k in range(Y.shape[1])):
        return Targets(Y, names, ["0", "1"] if Y.shape[1] == 1 else None, "binary")
    return Targets(Y, names, None, "regression")
