"""`load_csv`: a delimited text file as a `Dataset`.

The fast path (`fast`) reads an all-numeric file with NumPy; whenever it
refuses one, the precise path (`precise`) reads it again and names the first
bad line and column.
"""
from __future__ import annotations

import os
from dataclasses import replace
from typing import Sequence

import numpy as np

from bpgui.core.csv import fast, precise
from bpgui.core.csv.categories import (Targets, class_targets, coded_classes, encode_features, numeric_targets,
                                       value_labels)
from bpgui.core.csv.columns import ColumnChoice, MissingColumn, choose_columns
from bpgui.core.csv.layout import BOM, FALLBACK_ENCODING, SAMPLE_BYTES, Layout, decode_text, read_bytes, sniff
from bpgui.core.dataset import DataError, Dataset

__all__ = ["load_csv"]


def _with_path(exc: DataError, path: str) -> DataError:
    if isinstance(exc, MissingColumn):
        return MissingColumn(exc.reason, exc.role, path=path, line=exc.line, column=exc.column)
    return DataError(exc.reason, path, exc.line, exc.column)


def _head(path: str, skip_rows: int) -> bytes:
    """The file's first bytes: at least SAMPLE_BYTES, and more until they hold the lines
    skipped, the header and a few rows after it, however long (6,000 long column names)."""
    size = SAMPLE_BYTES
    while True:
        head = read_bytes(path, size)
        if len(head) < size or head.count(b"\n") >= skip_rows + 3:
            return head
        size *= 4


def _layout(path: str, delimiter: str | None, skip_rows: int = 0) -> tuple[Layout, bool]:
    """The file's layout from its first bytes, and whether it starts with a BOM."""
    head = _head(path, skip_rows)
    bom = head.startswith(BOM)
    if bom:
        head = head[len(BOM):]
    if (not head or head.isspace()) and os.path.getsize(path) <= SAMPLE_BYTES:
        raise DataError("the file is empty", path=path)
    if b"\0" in head[:8192]:   # an image, a program, or UTF-16 text: nothing to show of it
        raise DataError("this is not a text file (it holds NUL bytes: binary data, or UTF-16 text; "
                        "a CSV file is UTF-8 text)", path=path)
    text, encoding = decode_text(head[:head.rfind(b"\n") + 1] or head)   # no character cut at the end
    try:
        return replace(sniff(text, delimiter, skip_rows), encoding=encoding), bom
    except DataError as exc:
        raise _with_path(exc, path) from None


TASKS = ("classification", "regression")


def _targets(columns: dict, choice: ColumnChoice, layout: Layout, path: str, n_rows: int,
             classes: Sequence[str] | None, task: str | None) -> Targets:
    names = layout.names
    t_names = [names[j] for j in choice.targets]
    text_targets = [names[j] for j in choice.targets if isinstance(columns[j], list)]
    if text_targets and task == "regression":
        raise DataError("the target holds text, so it can only be classes; choose the task "
                        "'classification' or a numeric target column", path, layout.header_line, text_targets[0])
    if not text_targets and len(choice.targets) == 1 and task != "regression":
        # A model's classes (for evaluation) say the column holds classes, whatever its values.
        coded = _as_classes(columns[choice.targets[0]], task == "classification" or classes is not None)
        if coded is not None:
            return class_targets(coded, t_names[0], classes or sorted(set(coded), key=float), path,
                                 layout.header_line, lambda row: precise.line_of_row(path, layout, row))
    if task == "classification" and not text_targets:
        raise DataError(f"classes come from one target column; got {', '.join(map(repr, t_names))}",
                        path, layout.header_line, t_names[0] if t_names else None)
    if text_targets:
        if len(choice.targets) > 1:
            raise DataError(f"only one target column may hold class labels; "
                            f"got {', '.join(map(repr, t_names))} (class columns: "
                            f"{', '.join(map(repr, text_targets))})",
                            path, layout.header_line, text_targets[0])
        return class_targets(columns[choice.targets[0]], t_names[0], classes, path, layout.header_line,
                             lambda row: precise.line_of_row(path, layout, row))
    if not choice.targets:
        return Targets(np.empty((n_rows, 0)), [], None, "regression")
    return numeric_targets([columns[j] for j in choice.targets], t_names)


def _is_pandas_index(layout: Layout, choice: ColumnChoice, X: np.ndarray) -> bool:
    """An unnamed first column holding 0..n-1, with other features beside it."""
    return (0 in layout.unnamed and choice.features[:1] == [0] and X.shape[1] > 1
            and np.array_equal(X[:, 0], np.arange(X.shape[0])))


def _as_classes(column: np.ndarray, asked: bool) -> list[str] | None:
    """A numeric target column's values as class labels: always when classes were asked
    for, else only when it looks like coded classes."""
    return value_labels(column) if asked else coded_classes(column)


def load_csv(path: str | os.PathLike, target: str | int | Sequence[str | int] | None = None,
             features: Sequence[str | int] | str | None = None,
             one_hot_features: bool | Sequence[str] = False,
             delimiter: str | None = None, classes: Sequence[str] | None = None,
             task: str | None = None, skip_rows: int = 0) -> Dataset:
    """Load a delimited text file as a Dataset.

    target: column name(s), ``"a,b"``, or 0-based index; default the last
    column.  features: names or indices; default every other column.
    one_hot_features: True (every text feature column), or a list of column
    names to encode as ``name=value`` 0/1 columns.  delimiter: one of
    ``, ; \\t`` is detected when None.

    A text target becomes classes in sorted order: two classes give one 0/1
    column (1 = ``class_names[1]``, task "binary"), more give one-hot columns
    ("multiclass").  One numeric target column of whole numbers with at most
    10 distinct values (0/1/2 coded classes) is taken for classes named by
    value ("0", "1", "2", in numeric order); other numeric targets give
    "regression", except that columns holding only 0 and 1 are "binary".
    ``task`` ("classification" or "regression") overrides that guess.
    ``skip_rows``: lines above the header to leave out (a title, a line of
    counts as in scikit-learn's bundled files, comments).  Raises
    DataError naming file, line and column for every problem found.

    classes: the class names a model was trained with; a text target is then
    encoded in that order (a file may hold only some of them, even one), and
    a label outside them is an error.  ``target=[]`` reads features only
    (Y has no columns), for prediction.
    """
    path = os.path.abspath(os.fspath(path))
    if task not in (None, *TASKS):
        raise DataError(f"task must be one of {', '.join(TASKS)}, got {task!r}", path=path)
    if isinstance(skip_rows, bool) or not isinstance(skip_rows, int) or skip_rows < 0:
        raise DataError(f"skip_rows must be a whole number >= 0, got {skip_rows!r}", path=path)
    layout, bom = _layout(path, delimiter, skip_rows)
    names = layout.names
    try:
        choice = choose_columns(layout, target, features, one_hot_features)
    except DataError as exc:
        raise _with_path(exc, path) from None

    blocks = None if choice.one_hot else fast.read_numeric(path, layout, bom)
    encoding = "utf-8"   # the fast path reads ASCII (or UTF-8 after a BOM) only
    if blocks is not None:
        X = fast.columns_of(blocks, choice.features)
        feature_names = [names[j] for j in choice.features]
        columns: dict = {j: fast.columns_of(blocks, [j])[:, 0] for j in choice.targets}
        del blocks
    else:
        text, encoding = precise.decode_used(path)
        columns = precise.read_columns(text, layout, path, choice.targets,
                                       choice.features, choice.one_hot, one_hot_features is True)
        X, feature_names = encode_features(columns, choice.features, names, path, layout.header_line)

    y = _targets(columns, choice, layout, path, X.shape[0], classes, task)
    notes = [] if encoding == "utf-8" else \
        [f"read as {FALLBACK_ENCODING} (Windows Western European): the file is not UTF-8 text"]
    if features is None and _is_pandas_index(layout, choice, X):
        notes.append(f"left out column {feature_names[0]!r}: an unnamed column counting 0, 1, 2... "
                     "(a row index written by pandas), not a feature")
        X, feature_names = X[:, 1:], feature_names[1:]
        choice = choice._replace(features=choice.features[1:])
    return Dataset(X=X, Y=y.Y, feature_names=feature_names, target_names=y.names,
                   class_names=y.class_names, task=y.task,
                   source={"kind": "csv", "path": path, "target": [names[j] for j in choice.targets],
                           "features": [names[j] for j in choice.features],
                           "one_hot_features": (True if one_hot_features is True else choice.one_hot),
                           "delimiter": layout.delimiter, "header": layout.has_header, "task": task,
                           "skip_rows": skip_rows},
                   name=os.path.basename(path), notes=notes)
