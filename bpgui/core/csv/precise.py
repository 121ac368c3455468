"""The precise reader: the `csv` module, one row at a time.

It handles quoting and text columns, and it is the definition of what is
accepted: every error names the file, the line and the column.
"""
from __future__ import annotations

import math
import re
from typing import Sequence

import numpy as np

from bpgui.core.csv.layout import BOM, Layout, decode_text, is_number, read_bytes, records
from bpgui.core.dataset import DataError

__all__ = ["decode", "decode_used", "line_of_row", "looks_numeric", "read_columns"]


def decode(path: str, layout: Layout) -> str:
    """The whole file as text: UTF-8, or (a file that is not) FALLBACK_ENCODING."""
    return decode_used(path)[0]


def decode_used(path: str) -> tuple[str, str]:
    """The whole file as text, and the encoding it was read with."""
    data = read_bytes(path)
    if data.startswith(BOM):
        data = data[len(BOM):]
    return decode_text(data)


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
            hint = ("; if the column holds categories, one-hot encode it "
                    "(bpgui train --one-hot; one_hot_features=True in Python)") if text_hint else ""
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


def looks_numeric(cells: Sequence[str]) -> bool:
    """A column is numeric when most of its non-blank cells are numbers, so one
    typo in a numeric column is reported as a typo, not as a class label."""
    probe = [c for c in cells[:2000] if c.strip()]
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
                hint = "" if rows else (f"; if line {layout.first_line} is a title or a line of counts, not the "
                                        "header, skip the lines above the header (skip rows)")
                raise DataError(f"expected {width} fields, got {len(row)}{hint}", path, line, missing)
            rows.append(row)
            lines.append(line)
    except DataError as exc:
        raise DataError(exc.reason, path, exc.line, exc.column) from None
    if not rows:
        raise DataError("the file has a header but no data rows", path, layout.header_line)
    return rows, lines


def read_columns(text: str, layout: Layout, path: str, t_idx: list[int], f_idx: list[int],
                 one_hot_named: list[str], one_hot_all: bool) -> dict[int, np.ndarray | list[str]]:
    """Read every row with the csv module; return the used columns, numeric
    ones as float arrays and class/one-hot ones as lists of stripped text."""
    rows, lines = _data_rows(text, layout, path)
    raw = list(zip(*rows))
    del rows
    columns: dict[int, np.ndarray | list[str]] = {}
    for j in sorted(set(t_idx) | set(f_idx)):
        cells, name = raw[j], layout.names[j]
        numeric = looks_numeric(cells)
        if name not in one_hot_named and (values := comma_numbers(cells, lines, name, path, layout)) is not None:
            columns[j] = values
            continue
        categorical = (name in one_hot_named
                       or (j in f_idx and one_hot_all and not numeric)
                       or (j in t_idx and not numeric))
        if categorical:
            columns[j] = _text_column(cells, lines, name, path)
        else:
            # Suggest one-hot only for a column of text, not for a typo in a column of numbers.
            columns[j] = _numeric_column(cells, lines, name, path, text_hint=j in f_idx and not numeric)
    return columns


_DECIMAL_COMMA = re.compile(r"[-+]?\d*,\d+|[-+]?\d+")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?|[-+]?\d+(\.\d+)?")


def comma_numbers(cells: Sequence[str], lines: list[int], name: str, path: str,
                  layout: Layout) -> np.ndarray | None:
    """A column of numbers written with commas, or None if it is not one.  Where the
    delimiter is not a comma (European spreadsheets: ``1,5;2,0``) a comma is the decimal
    point; in a comma-separated file a quoted ``"1,200"`` could be either, so it is
    refused with what was found rather than guessed."""
    probe = [c.strip() for c in cells[:2000] if c.strip()]
    if not probe or not any("," in c for c in probe):
        return None
    if layout.delimiter != "," and all(_DECIMAL_COMMA.fullmatch(c) for c in probe):
        return _numeric_column([c.replace(",", ".") for c in cells], lines, name, path, text_hint=False)
    if layout.delimiter == "," and all(_THOUSANDS.fullmatch(c) for c in probe):
        first = next(i for i, c in enumerate(cells) if "," in c)
        raise DataError(f"{cells[first].strip()!r} is a number written with a comma: a thousands separator "
                        "or a decimal comma? Save the file with plain numbers (1200 or 1.2)",
                        path, lines[first], name)
    return None
