"""`load_csv`: a delimited text file as a `Dataset`.

The fast path (`fast`) reads an all-numeric file with NumPy; whenever it
refuses one, the precise path (`precise`) reads it again and names the first
bad line and column.
"""
from __future__ import annotations

import os
from dataclasses import replace
from typing import NamedTuple, Sequence

import numpy as np

from bpgui.core.csv import fast, precise
from bpgui.core.csv.categories import (Targets, class_targets, coded_classes, encode_features, numeric_targets,
                                       value_labels)
from bpgui.core.csv.columns import ColumnChoice, MissingColumn, choose_columns
from bpgui.core.csv.identifiers import numeric_left_out
from bpgui.core.csv.layout import (BOM, FALLBACK_ENCODING, SAMPLE_BYTES, Layout, check_encoding, decode_text,
                                   read_bytes, sniff)
from bpgui.core.csv.missing import check_policy, drop_missing
from bpgui.core.image_shape import find_image_shape
from bpgui.core.translatable import QT_TRANSLATE_NOOP, Text
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


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _layout(path: str, delimiter: str | None, skip_rows: int = 0,
            encoding: str | None = None) -> tuple[Layout, bool]:
    """The file's layout from its first bytes, and whether it starts with a UTF-8 BOM."""
    head = _head(path, skip_rows)
    if encoding is None and head[:2] in UTF16_BOMS:   # Excel's "Unicode text" and pandas' utf-16
        encoding = "utf-16"
    bom = head.startswith(BOM) and encoding is None
    if bom:
        head = head[len(BOM):]
    if (not head or head.isspace()) and os.path.getsize(path) <= SAMPLE_BYTES:
        raise DataError(Text("reader", QT_TRANSLATE_NOOP("reader", "the file is empty")), path=path)
    if encoding is None and b"\0" in head[:8192]:   # an image, a program, or UTF-16 text: nothing to show
        raise DataError(Text("reader", QT_TRANSLATE_NOOP(
            "reader", "this is not a text file (it holds NUL bytes: binary data, or UTF-16 text without "
            "its byte order mark, which bpgui train --encoding utf-16 reads)")), path=path)
    try:
        if encoding is None:
            text, _ = decode_text(head[:head.rfind(b"\n") + 1] or head)   # no character cut at the end
        else:
            check_encoding(encoding)
            text = head.decode(encoding, errors="replace")   # a character cut at the end is no error
        return replace(sniff(text, delimiter, skip_rows), encoding=encoding), bom
    except DataError as exc:
        raise _with_path(exc, path) from None


TASKS = ("classification", "regression")


def _targets(columns: dict, choice: ColumnChoice, layout: Layout, path: str, n_rows: int,
             classes: Sequence[str] | None, task: str | None, line_of_row) -> Targets:
    names = layout.names
    t_names = [names[j] for j in choice.targets]
    text_targets = [names[j] for j in choice.targets if isinstance(columns[j], list)]
    if text_targets and task == "regression":
        raise DataError(Text("reader", QT_TRANSLATE_NOOP(
            "reader", "the target holds text, so it can only be classes; choose the task "
            "'classification' or a numeric target column")), path, layout.header_line, text_targets[0])
    if not text_targets and len(choice.targets) == 1 and task != "regression":
        # A model's classes (for evaluation) say the column holds classes, whatever its values.
        coded = _as_classes(columns[choice.targets[0]], task == "classification" or classes is not None)
        if coded is not None:
            return class_targets(coded, t_names[0], classes or sorted(set(coded), key=float), path,
                                 layout.header_line, line_of_row)
    if task == "classification" and not text_targets:
        raise DataError(Text("reader", QT_TRANSLATE_NOOP("reader", "classes come from one target column; got {names}"),
                             names=", ".join(map(repr, t_names))),
                        path, layout.header_line, t_names[0] if t_names else None)
    if text_targets:
        if len(choice.targets) > 1:
            raise DataError(Text("reader", QT_TRANSLATE_NOOP(
                "reader", "only one target column may hold class labels; got {names} (class columns: {classes})"),
                names=", ".join(map(repr, t_names)), classes=", ".join(map(repr, text_targets))),
                path, layout.header_line, text_targets[0])
        return class_targets(columns[choice.targets[0]], t_names[0], classes, path, layout.header_line,
                             line_of_row)
    if not choice.targets:
        return Targets(np.empty((n_rows, 0)), [], None, "regression")
    return numeric_targets([columns[j] for j in choice.targets], t_names)


def _as_classes(column: np.ndarray, asked: bool) -> list[str] | None:
    """A numeric target column's values as class labels: always when classes were asked
    for, else only when it looks like coded classes."""
    return value_labels(column) if asked else coded_classes(column)


class _Table(NamedTuple):
    """The file's used columns as read: features encoded, targets as columns."""

    X: np.ndarray
    feature_names: list[str]
    targets: dict            # file column -> float array, or list of labels
    choice: ColumnChoice     # the features without those left out
    notes: list[str]
    lines: list[int] | None = None   # each row's line, when the precise reader knows it


def _read_fast(path: str, layout: Layout, bom: bool, choice: ColumnChoice) -> _Table | None:
    """An all-numeric file through NumPy, or None when it is not one."""
    blocks = None if choice.one_hot else fast.read_numeric(path, layout, bom)
    if blocks is None:
        return None
    X = fast.columns_of(blocks, choice.features)
    targets = {j: fast.columns_of(blocks, [j])[:, 0] for j in choice.targets}
    return _Table(X, [layout.names[j] for j in choice.features], targets, choice, [])


def _read_precise(path: str, layout: Layout, choice: ColumnChoice, asked: precise.Asked) -> _Table:
    text, encoding = precise.decode_used(path, layout.encoding)
    read = precise.read_columns(text, layout, path, choice.targets, choice.features, asked)
    del text
    left_out = read.left_out
    if asked.default_features:
        left_out |= _numeric_identifiers(choice, layout, lambda j: read.values.get(j))
    notes = [] if encoding in ("utf-8", layout.encoding) else \
        [Text("reader", QT_TRANSLATE_NOOP("reader", "read as {encoding} (Windows Western European): the file is "
                                          "not UTF-8 text"), encoding=FALLBACK_ENCODING)]
    choice, left_notes = _without(choice, left_out, layout, path)
    columns = {j: read.values[j] for j in (*choice.targets, *choice.features)}
    columns, lines, missing_notes = drop_missing(columns, read.lines, choice.targets, layout.names,
                                                 asked.missing, path)
    X, feature_names = encode_features(columns, choice.features, layout.names, path, layout.header_line)
    return _Table(X, feature_names, {j: columns[j] for j in choice.targets}, choice,
                  notes + left_notes + missing_notes, lines)


def _without(choice: ColumnChoice, left_out: dict[int, str], layout: Layout,
             path: str) -> tuple[ColumnChoice, list[str]]:
    """The choice without the default features left out, and a note for each."""
    if not left_out:
        return choice, []
    kept = [j for j in choice.features if j not in left_out]
    if not kept:
        raise DataError(Text("reader", QT_TRANSLATE_NOOP(
            "reader", "every feature column looks like an identifier or a row index; name the feature "
            "columns to use")), path, layout.header_line, layout.names[choice.features[0]])
    return choice._replace(features=kept), [
        Text("reader", QT_TRANSLATE_NOOP("reader", "left out column {name}: {why}"), name=repr(layout.names[j]), why=why)
        for j, why in left_out.items()]


def _numeric_identifiers(choice: ColumnChoice, layout: Layout, column) -> dict[int, str]:
    """The feature columns that are numeric identifiers or a row index, with why;
    `column(j)` is file column j's values, or None for text."""
    return {j: why for j in choice.features
            if isinstance(values := column(j), np.ndarray)
            and (why := numeric_left_out(layout.names[j], values, j in layout.unnamed, j == 0))}


def _leave_out_numeric(table: _Table, layout: Layout, path: str) -> _Table:
    """An all-numeric file's default features without its identifiers and row index."""
    position = {j: k for k, j in enumerate(table.choice.features)}
    left_out = _numeric_identifiers(table.choice, layout, lambda j: table.X[:, position[j]])
    choice, notes = _without(table.choice, left_out, layout, path)
    if not notes:
        return table
    keep = [k for k, j in enumerate(table.choice.features) if j not in left_out]
    return table._replace(X=table.X[:, keep], feature_names=[table.feature_names[k] for k in keep],
                          choice=choice, notes=table.notes + notes)


def _check_arguments(path: str, task: str | None, skip_rows: int, missing: str) -> None:
    if task not in (None, *TASKS):
        raise DataError(f"task must be one of {', '.join(TASKS)}, got {task!r}", path=path)
    if isinstance(skip_rows, bool) or not isinstance(skip_rows, int) or skip_rows < 0:
        raise DataError(f"skip_rows must be a whole number >= 0, got {skip_rows!r}", path=path)
    check_policy(missing, path)


def load_csv(path: str | os.PathLike, target: str | int | Sequence[str | int] | None = None,
             features: Sequence[str | int] | str | None = None,
             one_hot_features: bool | Sequence[str] = False,
             delimiter: str | None = None, classes: Sequence[str] | None = None,
             task: str | None = None, skip_rows: int = 0, missing: str = "refuse",
             encoding: str | None = None, image_shape: str | Sequence[int] | None = None) -> Dataset:
    """Load a delimited text file as a Dataset.

    target: column name(s), ``"a,b"``, or 0-based index; default the last
    column.  features: names or indices; default every other column, except
    identifiers, a pandas row index and (with one-hot) text of more than
    MANY_VALUES values, each left out with a note (csv.identifiers).
    one_hot_features: True (every text feature column), or a list of column
    names to encode as ``name=value`` 0/1 columns.  delimiter: one of
    ``, ; \\t`` or whitespace is detected when None.

    A text target becomes classes in sorted order: two classes give one 0/1
    column (1 = ``class_names[1]``, task "binary"), more give one-hot columns
    ("multiclass").  One numeric target column of whole numbers with at most
    10 distinct values (0/1/2 coded classes) is taken for classes named by
    value ("0", "1", "2", in numeric order); other numeric targets give
    "regression", except that columns holding only 0 and 1 are "binary".
    ``task`` ("classification" or "regression") overrides that guess.
    ``skip_rows``: lines above the header to leave out (a title, a line of
    counts as in scikit-learn's bundled files, comments).  ``missing``
    (csv.missing): "refuse" a missing cell, "drop" its row, or keep it as
    NaN for the model to fill with the training rows' "mean".  ``encoding``:
    the file's text encoding; default UTF-8, else cp1252 with a note.
    ``image_shape``: "WxH" when the features are an image's pixels (found
    by itself for 8x8 and 28x28 pixel columns).  Raises DataError naming
    file, line and column for every problem found.

    classes: the class names a model was trained with; a text target is then
    encoded in that order (a file may hold only some of them, even one), and
    a label outside them is an error.  ``target=[]`` reads features only
    (Y has no columns), for prediction.
    """
    path = os.path.abspath(os.fspath(path))
    _check_arguments(path, task, skip_rows, missing)
    layout, bom = _layout(path, delimiter, skip_rows, encoding)
    try:
        choice = choose_columns(layout, target, features, one_hot_features)
    except DataError as exc:
        raise _with_path(exc, path) from None
    asked = precise.Asked(choice.one_hot, one_hot_features is True, missing, features is None)
    table = _read_fast(path, layout, bom, choice)
    if table is None:
        table = _read_precise(path, layout, choice, asked)
    elif features is None:
        table = _leave_out_numeric(table, layout, path)
    choice, names = table.choice, layout.names
    notes = ([layout.doubt] if layout.doubt else []) + table.notes
    shape = find_image_shape(table.feature_names, image_shape, path)
    line_of_row = table.lines.__getitem__ if table.lines else lambda row: precise.line_of_row(path, layout, row)
    y = _targets(table.targets, choice, layout, path, table.X.shape[0], classes, task, line_of_row)
    return Dataset(X=table.X, Y=y.Y, feature_names=table.feature_names, target_names=y.names,
                   class_names=y.class_names, task=y.task,
                   source={"kind": "csv", "path": path, "target": [names[j] for j in choice.targets],
                           "features": [names[j] for j in choice.features],
                           "one_hot_features": (True if one_hot_features is True else choice.one_hot),
                           "delimiter": layout.delimiter, "header": layout.has_header, "task": task,
                           "skip_rows": skip_rows, "missing": missing, "encoding": encoding,
                           "image_shape": None if image_shape is None else list(shape)},
                   name=os.path.basename(path), notes=notes, image_shape=shape)
