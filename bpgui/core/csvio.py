"""CSV import: turn a delimited text file into a `Dataset`.

Two readers share one set of rules:

* a fast path for the common big case -- every column numeric, no quotes --
  hands the bytes to NumPy's C parser (`np.loadtxt`);
* a precise path (the `csv` module, one row at a time) handles quoting and
  text columns, and is also what reports errors: whenever the fast path
  refuses a file, the precise path reads it again and names the first bad
  line and column.  The precise path is the definition of what is accepted.

Line numbers are those a text editor shows: the header is line 1, blank
lines count, and blank or whitespace-only lines are skipped as data.
"""
from __future__ import annotations

import csv
import io
import math
import os
import warnings
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from bpgui.core.data import DataError, Dataset

__all__ = ["load_csv", "DELIMITERS"]

DELIMITERS = (",", ";", "\t")
_SAMPLE_BYTES = 1 << 16  # enough to sniff delimiter and header
_SAMPLE_ROWS = 50
_BOM = b"\xef\xbb\xbf"


@dataclass
class _Layout:
    """What the first lines tell: delimiter, header and column names."""

    delimiter: str
    has_header: bool
    names: list[str]
    first_line: int  # 1-based line of the header, or of the first data row


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def _read_bytes(path: str, limit: int = -1) -> bytes:
    """The file's bytes (the first `limit` only, if given); DataError if unreadable."""
    if os.path.isdir(path):
        raise DataError("is a directory, not a CSV file", path=path)
    try:
        with open(path, "rb") as f:
            return f.read(limit)
    except FileNotFoundError:
        raise DataError("file not found", path=path) from None
    except PermissionError:
        raise DataError("permission denied: the file cannot be read", path=path) from None
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror or exc}", path=path) from None


def _rows(text: str, delimiter: str):
    """Yield (line_number, fields) for each non-blank record of `text`."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    prev = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. an unterminated quote
            raise DataError(f"malformed CSV: {exc}", line=prev + 1) from None
        start, prev = prev + 1, reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        yield start, row


def _sniff(sample: str, delimiter: str | None) -> _Layout:
    """Choose the delimiter and decide whether the first row is a header."""
    if delimiter is not None:
        if len(delimiter) != 1 or delimiter in "\"\r\n":
            raise DataError(f"delimiter must be one character other than a quote or newline, got {delimiter!r}")
        candidates = [delimiter]
    else:
        candidates = list(DELIMITERS)
    best = None
    for cand in candidates:
        rows = []
        try:
            for line, row in _rows(sample, cand):
                rows.append((line, row))
                if len(rows) >= _SAMPLE_ROWS:
                    break
        except DataError:
            pass  # judge on the rows before it; the full read reports the error
        if not rows:
            continue
        # The sample may end inside a record; judge on all but its last row.
        judged = rows[:-1] if len(rows) > 2 else rows
        widths = {len(r) for _, r in judged}
        consistent = len(widths) == 1
        cells = [c for _, r in judged[1:] for c in r]
        numeric = sum(_is_number(c) for c in cells) / len(cells) if cells else 0.0
        score = (consistent and len(rows[0][1]) > 1, numeric, len(rows[0][1]))
        if best is None or score > best[0]:
            best = (score, cand, rows)
    if best is None:
        raise DataError("cannot read the first rows as CSV (check the quotes)", line=1)
    _, delim, rows = best
    first_line, header = rows[0]
    header = [h.strip() for h in header]
    # A header is a first row with no number in it, or with a non-blank text
    # cell above a column whose next rows are numbers.
    below = [r for _, r in rows[1:]]
    has_header = not any(_is_number(h) for h in header)
    if not has_header and below:
        for j, h in enumerate(header):
            col = [r[j] for r in below if j < len(r) and r[j].strip()]
            if h and not _is_number(h) and col and all(_is_number(c) for c in col):
                has_header = True
                break
    if has_header:
        names = [h if h else f"col{j + 1}" for j, h in enumerate(header)]
        seen: dict[str, int] = {}
        for name in names:
            if name in seen:
                raise DataError(f"the header names column {name!r} twice", line=first_line, column=name)
            seen[name] = 1
    else:
        names = [f"col{j + 1}" for j in range(len(header))]
    return _Layout(delim, has_header, names, first_line)


def _resolve(spec: str | int, names: list[str], what: str, layout: _Layout) -> int:
    line = layout.first_line if layout.has_header else None
    available = ", ".join(repr(n) for n in names)
    if isinstance(spec, (int, np.integer)) and not isinstance(spec, bool):
        if -len(names) <= spec < len(names):
            return int(spec) % len(names)
        raise DataError(f"{what} column index {spec} is out of range; the file has "
                        f"{len(names)} columns: {available}", line=line)
    if isinstance(spec, str) and spec.strip() in names:
        return names.index(spec.strip())
    raise DataError(f"no {what} column named {spec!r}; available columns: {available}",
                    line=line, column=str(spec))


def _as_list(spec, names: list[str]) -> list:
    if isinstance(spec, str):
        # A name that exists wins over splitting it at commas.
        return [spec] if spec.strip() in names else [s for s in spec.split(",") if s.strip()]
    if isinstance(spec, (int, np.integer)):
        return [spec]
    return list(spec)


def _fast_numeric(path: str, layout: _Layout, bom: bool) -> np.ndarray | None:
    """All columns via NumPy's C parser, or None when it refuses the file
    (the precise path then finds out why).  It reads the file itself, so the
    whole text is never held in memory twice; "ascii" makes any non-ASCII
    byte a refusal, which the precise path then checks as UTF-8."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "input contained no data" etc.
            A = np.loadtxt(path, delimiter=layout.delimiter, comments=None, quotechar=None,
                           skiprows=layout.first_line if layout.has_header else layout.first_line - 1,
                           ndmin=2, dtype=np.float64, encoding="utf-8-sig" if bom else "ascii")
    except (ValueError, OSError):
        return None
    if A.shape[1] != len(layout.names) or A.shape[0] == 0 or not np.isfinite(A).all():
        return None
    return A


def _columns_of(A: np.ndarray, idx: list[int]) -> np.ndarray:
    """A C-contiguous copy of columns `idx`; a slice copy when they are a run
    (much faster than a gather, which matters at a million rows)."""
    if idx == list(range(idx[0], idx[0] + len(idx))):
        return A[:, idx[0]:idx[0] + len(idx)].copy()
    return np.take(A, idx, axis=1)


def _numeric_column(cells: Sequence[str], lines: list[int], name: str, path: str,
                    text_hint: bool) -> np.ndarray:
    """Parse one column of cells, naming the first bad cell precisely."""
    try:
        values = np.array(cells, dtype=np.float64)
    except ValueError:
        values = None
    if values is not None and np.isfinite(values).all():
        return values
    for i, cell in enumerate(cells):
        s = cell.strip()
        if not s:
            raise DataError("blank cell (every cell needs a value)", path, lines[i], name)
        try:
            v = float(s)
        except ValueError:
            hint = (f"; the column holds text: pass one_hot_features=[{name!r}] (or True) "
                    "to encode it as one 0/1 column per value") if text_hint else ""
            raise DataError(f"{cell!r} is not a number{hint}", path, lines[i], name) from None
        if not math.isfinite(v):
            raise DataError(f"{cell!r} is not a finite number (NaN and Inf are not allowed)",
                            path, lines[i], name)
    raise AssertionError("unreachable: a bad cell was expected")  # pragma: no cover


def _text_column(cells: Sequence[str], lines: list[int], name: str, path: str) -> list[str]:
    out = [c.strip() for c in cells]
    for i, c in enumerate(out):
        if not c:
            raise DataError("blank cell (every cell needs a value)", path, lines[i], name)
    return out


def _looks_numeric(cells: Sequence[str]) -> bool:
    """A column is numeric when most of its non-blank cells are numbers, so one
    typo in a numeric column is reported as a typo, not as a class label."""
    probe = [c for c in cells[:2000] if c.strip()]
    return bool(probe) and sum(_is_number(c) for c in probe) * 2 >= len(probe)



def _decode(path: str, layout: _Layout) -> str:
    """The whole file as text; a byte that is not UTF-8 is reported by line
    and column."""
    data = _read_bytes(path)
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        prefix = data[start:exc.start].decode("utf-8", errors="replace")
        col_i = prefix.count(layout.delimiter)
        column = layout.names[col_i] if col_i < len(layout.names) else None
        raise DataError(f"byte 0x{data[exc.start]:02x} is not valid UTF-8 text "
                        "(save the file as UTF-8)", path, line, column) from None


def _line_of_row(path: str, layout: _Layout, row: int) -> int | None:
    """The line (1-based, as an editor counts) of data row ``row``; for error messages only."""
    seen = 0
    for line, _ in _rows(_decode(path, layout), layout.delimiter):
        if layout.has_header and line <= layout.first_line:
            continue
        if seen == row:
            return line
        seen += 1
    return None


def _precise_columns(text: str, layout: _Layout, path: str, t_idx: list[int], f_idx: list[int],
                     one_hot_named: list[str], one_hot_all: bool) -> dict[int, np.ndarray | list[str]]:
    """Read every row with the csv module; return the used columns, numeric
    ones as float arrays and class/one-hot ones as lists of stripped text."""
    names = layout.names
    width = len(names)
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        for line, row in _rows(text, layout.delimiter):
            if layout.has_header and line <= layout.first_line:
                continue
            if len(row) != width:
                # name the first missing column, or none for extra fields
                missing = names[len(row)] if len(row) < width else None
                raise DataError(f"expected {width} fields, got {len(row)}", path, line, missing)
            rows.append(row)
            lines.append(line)
    except DataError as exc:
        raise DataError(exc.reason, path, exc.line, exc.column) from None
    if not rows:
        raise DataError("the file has a header but no data rows", path,
                        layout.first_line if layout.has_header else None)
    raw = list(zip(*rows))
    del rows
    columns: dict[int, np.ndarray | list[str]] = {}
    for j in sorted(set(t_idx) | set(f_idx)):
        cells, name = raw[j], names[j]
        categorical = (name in one_hot_named
                       or (j in f_idx and one_hot_all and not _looks_numeric(cells))
                       or (j in t_idx and not _looks_numeric(cells)))
        if categorical:
            columns[j] = _text_column(cells, lines, name, path)
        else:
            columns[j] = _numeric_column(cells, lines, name, path, text_hint=j in f_idx)
    return columns


def _encode_features(columns: dict[int, np.ndarray | list[str]], f_idx: list[int],
                     names: list[str]) -> tuple[np.ndarray, list[str]]:
    """Numeric columns as they are; text columns one-hot as ``name=value``
    (values in sorted order), in file column order."""
    blocks: list[np.ndarray] = []
    feature_names: list[str] = []
    for j in f_idx:
        col = columns[j]
        if isinstance(col, list):
            values = sorted(set(col))
            codes = np.searchsorted(np.array(values), np.array(col))
            blocks.append(np.eye(len(values))[codes])
            feature_names += [f"{names[j]}={v}" for v in values]
        else:
            blocks.append(col[:, None])
            feature_names.append(names[j])
    return np.concatenate(blocks, axis=1), feature_names


def load_csv(path: str | os.PathLike, target: str | int | Sequence[str | int] | None = None,
             features: Sequence[str | int] | str | None = None,
             one_hot_features: bool | Sequence[str] = False,
             delimiter: str | None = None, classes: Sequence[str] | None = None) -> Dataset:
    """Load a delimited text file as a Dataset.

    target: column name(s), ``"a,b"``, or 0-based index; default the last
    column.  features: names or indices; default every other column.
    one_hot_features: True (every text feature column), or a list of column
    names to encode as ``name=value`` 0/1 columns.  delimiter: one of
    ``, ; \\t`` is detected when None.

    A text target becomes classes in sorted order: two classes give one 0/1
    column (1 = ``class_names[1]``, task "binary"), more give one-hot columns
    ("multiclass").  Numeric targets give "regression", except that targets
    holding only 0 and 1 are "binary".  Raises DataError naming file, line
    and column for every problem found.

    classes: the class names a model was trained with; a text target is then
    encoded in that order (a file may hold only some of them, even one), and
    a label outside them is an error.  ``target=[]`` reads features only
    (Y has no columns), for prediction.
    """
    path = os.path.abspath(os.fspath(path))
    head = _read_bytes(path, _SAMPLE_BYTES)
    bom = head.startswith(_BOM)
    if bom:
        head = head[len(_BOM):]
    if (not head or head.isspace()) and os.path.getsize(path) <= _SAMPLE_BYTES:
        raise DataError("the file is empty", path=path)

    head = head.decode("utf-8", errors="replace")
    try:
        layout = _sniff(head, delimiter)
    except DataError as exc:
        raise DataError(exc.reason, path, exc.line, exc.column) from None
    names = layout.names

    try:
        # Column choice first: errors here need no more than the header.
        features_only = target is not None and not isinstance(target, (str, int, np.integer)) \
            and len(list(target)) == 0
        if target is None:
            t_idx = [len(names) - 1]
        else:
            t_idx = [_resolve(t, names, "target", layout) for t in _as_list(target, names)]
        if not t_idx and not features_only:
            raise DataError("no target column given", line=None)
        if features is None:
            f_idx = [j for j in range(len(names)) if j not in t_idx]
        else:
            f_idx = [_resolve(f, names, "feature", layout) for f in _as_list(features, names)]
        both = [names[j] for j in f_idx if j in t_idx]
        if both:
            raise DataError(f"column(s) {', '.join(map(repr, both))} cannot be both feature and target",
                            line=layout.first_line if layout.has_header else None, column=both[0])
        if not f_idx:
            raise DataError(f"no feature columns left; columns: {', '.join(map(repr, names))}")
        if len(set(t_idx)) != len(t_idx) or len(set(f_idx)) != len(f_idx):
            raise DataError("a column is listed twice")
        if one_hot_features is True or one_hot_features is False:
            one_hot_named: list[str] = []
        else:
            one_hot_named = [names[_resolve(c, names, "one-hot", layout)]
                             for c in _as_list(one_hot_features, names)]
            stray = [c for c in one_hot_named if names.index(c) not in f_idx]
            if stray:
                raise DataError(f"one-hot column {stray[0]!r} is not a feature column",
                                column=stray[0])
    except DataError as exc:
        raise DataError(exc.reason, path, exc.line, exc.column) from None

    header_line = layout.first_line if layout.has_header else None
    A = None if one_hot_named else _fast_numeric(path, layout, bom)
    if A is not None:
        X = _columns_of(A, f_idx)
        feature_names = [names[j] for j in f_idx]
        columns: dict[int, np.ndarray | list[str]] = {j: A[:, j] for j in t_idx}
    else:
        columns = _precise_columns(_decode(path, layout), layout, path, t_idx, f_idx,
                                   one_hot_named, one_hot_features is True)
        X, feature_names = _encode_features(columns, f_idx, names)

    # ---- targets
    t_names = [names[j] for j in t_idx]
    text_targets = [names[j] for j in t_idx if isinstance(columns[j], list)]
    class_names: list[str] | None = None
    if text_targets:
        if len(t_idx) > 1:
            raise DataError(f"only one target column may hold class labels; "
                            f"got {', '.join(map(repr, t_names))} (class columns: "
                            f"{', '.join(map(repr, text_targets))})",
                            path, header_line, text_targets[0])
        labels = columns[t_idx[0]]
        if classes is not None:
            class_names = [str(c) for c in classes]
            unknown = sorted(set(labels) - set(class_names))
            if unknown:
                row = labels.index(unknown[0])
                raise DataError(f"class {unknown[0]!r} is not one of the model's classes "
                                f"({', '.join(map(repr, class_names))})", path,
                                _line_of_row(path, layout, row), t_names[0])
        else:
            class_names = sorted(set(labels))
        if len(class_names) < 2:
            raise DataError(f"every row has the class {class_names[0]!r}; a class target "
                            "needs at least two classes", path, header_line, t_names[0])
        codes = np.searchsorted(np.array(class_names), np.array(labels))
        if len(class_names) == 2:
            Y = codes.astype(np.float64)[:, None]
            task, target_names = "binary", t_names
        else:
            Y = np.eye(len(class_names))[codes]
            task, target_names = "multiclass", [f"{t_names[0]}={c}" for c in class_names]
    elif not t_idx:
        Y = np.empty((X.shape[0], 0))
        target_names, task = [], "regression"
    else:
        Y = np.column_stack([columns[j] for j in t_idx])
        target_names = t_names
        zero_one = np.isin(Y, (0.0, 1.0)).all()
        if zero_one and all(len(np.unique(Y[:, k])) == 2 for k in range(Y.shape[1])):
            # 0/1 columns are class indicators (gates, labels already coded)
            task = "binary"
            class_names = ["0", "1"] if Y.shape[1] == 1 else None
        else:
            task = "regression"

    return Dataset(X=X, Y=Y, feature_names=feature_names, target_names=target_names,
                   class_names=class_names, task=task,
                   source={"kind": "csv", "path": path, "target": t_names,
                           "features": [names[j] for j in f_idx],
                           "one_hot_features": (True if one_hot_features is True else one_hot_named),
                           "delimiter": layout.delimiter, "header": layout.has_header},
                   name=os.path.basename(path))
