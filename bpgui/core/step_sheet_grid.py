"""Labelled blocks of cells, written one under another down a worksheet.

A step sheet is a column of blocks (inputs, weights, z, a, deltas...), each
a title, a header row and one labelled row per sample or input.  `Block`
gives the spreadsheet references of its cells, rows and columns, which the
formulas of later blocks use.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

__all__ = ["Block", "BlockWriter"]

_NUMBER_FORMAT = "0.000000"


def _column(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _cached(value) -> float | str:
    """A formula's stored result: a number, or the error a spreadsheet shows where the
    value is not finite (ln 0 of a saturated unit's loss), never the text "inf"."""
    value = float(value)
    return value if np.isfinite(value) else "#NUM!"


def cell_ref(row: int, col: int, absolute: bool = False) -> str:
    """A1-style reference of a 0-based (row, col)."""
    sign = "$" if absolute else ""
    return f"{sign}{_column(col)}{sign}{row + 1}"


@dataclass(frozen=True)
class Block:
    """``rows`` x ``cols`` cells whose top-left cell is at 0-based (row, col)."""

    row: int
    col: int
    rows: int
    cols: int

    def cell(self, i: int, j: int) -> str:
        return cell_ref(self.row + i, self.col + j)

    def row_range(self, i: int) -> str:
        return f"{self.cell(i, 0)}:{self.cell(i, self.cols - 1)}"

    def col_range(self, j: int, rows: int | None = None) -> str:
        """Column j, its first ``rows`` cells (all of them by default)."""
        return f"{self.cell(0, j)}:{self.cell((self.rows if rows is None else rows) - 1, j)}"

    def range(self) -> str:
        return f"{self.cell(0, 0)}:{self.cell(self.rows - 1, self.cols - 1)}"


class BlockWriter:
    """Writes lines and blocks to an XlsxWriter worksheet, top to bottom."""

    def __init__(self, workbook, worksheet) -> None:
        self.ws = worksheet
        self.row = 0
        self.fmt = {
            "title": workbook.add_format({"bold": True, "font_size": 13}),
            "section": workbook.add_format({"bold": True, "font_size": 12, "bg_color": "#DDEBF7"}),
            "label": workbook.add_format({"bold": True}),
            "note": workbook.add_format({"italic": True, "font_color": "#555555", "indent": 1}),
            "header": workbook.add_format({"italic": True, "font_color": "#555555", "align": "center"}),
            "value": workbook.add_format({"num_format": _NUMBER_FORMAT, "bg_color": "#FFF2CC",
                                          "font_color": "#1F4E9E", "border": 1, "border_color": "#BFBFBF"}),
            "formula": workbook.add_format({"num_format": _NUMBER_FORMAT}),
            # Optimizer state and settings span 1e-8 (eps) to 1: General switches to 1E-08 where needed.
            "general": workbook.add_format({"num_format": "General"}),
            "setting": workbook.add_format({"num_format": "General", "bg_color": "#FFF2CC", "font_color": "#1F4E9E",
                                            "border": 1, "border_color": "#BFBFBF"}),
            "result": workbook.add_format({"num_format": _NUMBER_FORMAT, "bold": True}),
        }
        worksheet.fit_to_pages(1, 0)   # printed as a handout: one page wide, as many pages long as it takes
        worksheet.set_column(0, 0, 30)
        worksheet.set_column(1, 40, 12)

    def line(self, text: str, kind: str = "note") -> None:
        self.ws.write_string(self.row, 0, text, self.fmt[kind])
        self.row += 1

    def skip(self, rows: int = 1) -> None:
        self.row += rows

    def formula_line(self, label: str, formula: str, value: float, note: str = "") -> str:
        """One labelled result on a line of its own; returns its cell's reference."""
        self.ws.write_string(self.row, 0, label, self.fmt["label"])
        self.ws.write_formula(self.row, 1, "=" + formula, self.fmt["result"], _cached(value))
        if note:
            self.ws.write_string(self.row, 2, note, self.fmt["note"])
        self.row += 1
        return cell_ref(self.row - 1, 1)

    def _frame(self, title: str, row_labels: Sequence[str], col_labels: Sequence[str]) -> Block:
        self.ws.write_string(self.row, 0, title, self.fmt["label"])
        for j, label in enumerate(col_labels):
            self.ws.write_string(self.row + 1, 1 + j, label, self.fmt["header"])
        for i, label in enumerate(row_labels):
            self.ws.write_string(self.row + 2 + i, 0, label)
        block = Block(self.row + 2, 1, len(row_labels), len(col_labels))
        self.row += 3 + len(row_labels)
        return block

    def values(self, title: str, row_labels: Sequence[str], col_labels: Sequence[str],
               values: np.ndarray, kind: str = "value") -> Block:
        """A block of value cells, the ones a reader edits (``kind`` "setting": General format)."""
        block = self._frame(title, row_labels, col_labels)
        for i in range(block.rows):
            for j in range(block.cols):
                self.ws.write_number(block.row + i, block.col + j, float(values[i, j]), self.fmt[kind])
        return block

    def formulas(self, title: str, row_labels: Sequence[str], col_labels: Sequence[str],
                 formula: Callable[[int, int], str], values: np.ndarray, kind: str = "formula") -> Block:
        """A block of formulas ``formula(i, j)``, each stored with its value ``values[i, j]``."""
        block = self._frame(title, row_labels, col_labels)
        for i in range(block.rows):
            for j in range(block.cols):
                self.ws.write_formula(block.row + i, block.col + j, "=" + formula(i, j), self.fmt[kind],
                                      _cached(values[i, j]))
        return block
