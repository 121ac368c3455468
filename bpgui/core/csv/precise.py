"""The precise reader: the `csv` module, one row at a time.

It handles quoting and text columns, and it is the definition of what is
accepted: every error names the file, the line and the column.
"""
from __future__ import annotations

import math
import re
from typing import NamedTuple, Sequence

import numpy as np

from bpgui.core.csv.layout import BOM, Layout, decode_text, is_number, read_bytes, records
from bpgui.core.csv.identifiers import text_left_out
from bpgui.core.csv.missing import MISSING_WORDS, is_missing, refusal
from bpgui.core.translatable import QT_TRANSLATE_NOOP, Text
from bpgui.core.dataset import DataError

__all__ = ["Asked", "Columns", "decode", "decode_used", "line_of_row", "looks_numeric", "read_columns"]


def decode(path: str, layout: Layout) -> str:
    """The whole file as text, in the encoding its layout was read with."""
    return decode_used(path, layout.encoding)[0]


def decode_used(path: str, encoding: str | None = None) -> tuple[str, str]:
    """The whole file as text (in `encoding`, or UTF-8 else FALLBACK_ENCODING), and the
    encoding it was read with."""
    data = read_bytes(path)
    if data.startswith(BOM) and encoding is None:
        data = data[len(BOM):]
    try:
        return decode_text(data, encoding)
    except DataError as exc:
        raise DataError(exc.reason, path, exc.line) from None


def _before_data(line: int, layout: Layout) -> bool:
    """Lines skipped above the header (or the first data row), and the header itself."""
    return line < layout.first_line or (layout.has_header and line == layout.first_line)


def line_of_row(path: str, layout: Layout, row: int) -> int | None:
    """The line (1-based, as an editor counts) of data row ``row``; for error messages only."""
    seen = 0
    for line, _ in records(decode(path, layout), layout.delimiter):
        if _before_data(line, layout):
            continue
        if seen == row:
            return line
        seen += 1
    return None


def _numeric_column(cells: Sequence[str], lines: list[int], name: str, path: str,
                    text_hint: bool, missing: str) -> np.ndarray:
    """Parse one column of cells, naming the first bad cell precisely.  A missing cell is
    refused, or (when missing values are allowed) NaN."""
    try:
        values = np.array(cells, dtype=np.float64)
    except ValueError:
        values = None
    if values is not None and np.isfinite(values).all():
        return values
    values = np.empty(len(cells))
    for i, cell in enumerate(cells):
        if is_missing(cell):
            if missing == "refuse":
                raise refusal(cell, path, lines[i], name)
            values[i] = np.nan
            continue
        try:
            values[i] = v = float(cell)
        except ValueError:
            hint = Text("precise", QT_TRANSLATE_NOOP("precise", "; if the column holds categories, one-hot encode it "
                                                     "(one_hot_features=True)")) if text_hint else ""
            raise DataError(Text("precise", QT_TRANSLATE_NOOP("precise", "{cell} is not a number{hint}"),
                                 cell=repr(cell), hint=hint), path, lines[i], name) from None
        if not math.isfinite(v):
            raise DataError(Text("precise", QT_TRANSLATE_NOOP("precise", "{cell} is not a finite number (Inf is not allowed)"),
                                 cell=repr(cell)), path, lines[i], name)
    return values


def _text_column(cells: Sequence[str], lines: list[int], name: str, path: str,
                 missing: str) -> list[str | None]:
    """Stripped labels; a missing cell is refused, or (when allowed) None."""
    out: list[str | None] = [c.strip() for c in cells]
    for i, c in enumerate(out):
        if c.lower() in MISSING_WORDS:
            if missing == "refuse":
                raise refusal(c, path, lines[i], name)
            out[i] = None
    return out


def looks_numeric(cells: Sequence[str]) -> bool:
    """A column is numeric when most of its non-blank cells are numbers, so one
    typo in a numeric column is reported as a typo, not as a class label."""
    probe = [c for c in cells[:2000] if not is_missing(c)]
    return bool(probe) and sum(is_number(c) for c in probe) * 2 >= len(probe)


def _data_rows(text: str, layout: Layout, path: str) -> tuple[list[list[str]], list[int]]:
    """Every data row (checked for width) and its line."""
    names = layout.names
    width = len(names)
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        for line, row in records(text, layout.delimiter):
            if _before_data(line, layout):
                continue
            if len(row) != width:
                # name the first missing column, or none for extra fields
                missing = names[len(row)] if len(row) < width else None
                hint = "" if rows else Text("precise", QT_TRANSLATE_NOOP(
                    "precise", "; if line {line} is a title or a line of counts, not the header, "
                    "skip the lines above the header (skip rows)"), line=layout.first_line)
                raise DataError(Text("precise", QT_TRANSLATE_NOOP("precise", "expected {width} fields, got {count}{hint}"),
                                     width=width, count=len(row), hint=hint), path, line, missing)
            rows.append(row)
            lines.append(line)
    except DataError as exc:
        raise DataError(exc.reason, path, exc.line, exc.column) from None
    if not rows:
        raise DataError(Text("precise", QT_TRANSLATE_NOOP("precise", "the file has a header but no data rows")),
                        path, layout.header_line)
    return rows, lines


class Asked(NamedTuple):
    """What the caller asked of the columns."""

    one_hot_named: Sequence[str] = ()   # feature columns to one-hot encode
    one_hot_all: bool = False           # one-hot every text feature column
    missing: str = "refuse"             # see csv.missing
    default_features: bool = False      # features not named: identifiers may be left out


class Columns(NamedTuple):
    """The used columns of a file, read."""

    values: dict[int, np.ndarray | list[str | None]]   # file column -> floats, or labels
    left_out: dict[int, str]    # default feature columns not read, and why (csv.identifiers)
    lines: list[int]            # each row's line in the file


def read_columns(text: str, layout: Layout, path: str, t_idx: list[int], f_idx: list[int],
                 asked: Asked) -> Columns:
    """Read every row with the csv module; the used columns, numeric ones as
    float arrays and class/one-hot ones as lists of stripped text (missing
    cells, when allowed, as NaN and None)."""
    rows, lines = _data_rows(text, layout, path)
    raw = list(zip(*rows))
    del rows
    columns: dict[int, np.ndarray | list[str | None]] = {}
    left_out: dict[int, str] = {}
    for j in sorted(set(t_idx) | set(f_idx)):
        cells, name = raw[j], layout.names[j]
        if name not in asked.one_hot_named and \
                (values := comma_numbers(cells, lines, name, path, layout, asked.missing)) is not None:
            columns[j] = values
            continue
        numeric = looks_numeric(cells)
        if asked.default_features and j in f_idx and not numeric and name not in asked.one_hot_named \
                and (why := text_left_out(cells, asked.one_hot_all)):
            left_out[j] = why
        elif name in asked.one_hot_named or (not numeric and (j in t_idx or asked.one_hot_all)):
            columns[j] = _text_column(cells, lines, name, path, asked.missing)
        else:
            # Suggest one-hot only for a column of text, not for a typo in a column of numbers.
            columns[j] = _numeric_column(cells, lines, name, path, j in f_idx and not numeric, asked.missing)
    return Columns(columns, left_out, lines)


_DECIMAL_COMMA = re.compile(r"[-+]?\d*,\d+|[-+]?\d+")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?|[-+]?\d+(\.\d+)?")


def comma_numbers(cells: Sequence[str], lines: list[int], name: str, path: str,
                  layout: Layout, missing: str = "refuse") -> np.ndarray | None:
    """A column of numbers written with commas, or None if it is not one.  Where the
    delimiter is not a comma (European spreadsheets: ``1,5;2,0``) a comma is the decimal
    point; in a comma-separated file a quoted ``"1,200"`` could be either, so it is
    refused with what was found rather than guessed."""
    probe = [c.strip() for c in cells[:2000] if not is_missing(c)]
    if not probe or not any("," in c for c in probe):
        return None
    if layout.delimiter != "," and all(_DECIMAL_COMMA.fullmatch(c) for c in probe):
        return _numeric_column([c.replace(",", ".") for c in cells], lines, name, path, False, missing)
    if layout.delimiter == "," and all(_THOUSANDS.fullmatch(c) for c in probe):
        first = next(i for i, c in enumerate(cells) if "," in c)
        raise DataError(Text("precise", QT_TRANSLATE_NOOP(
            "precise", "{cell} is a number written with a comma: a thousands separator or a decimal comma? "
            "Save the file with plain numbers (1200 or 1.2)"), cell=repr(cells[first].strip())),
            path, lines[first], name)
    return None
