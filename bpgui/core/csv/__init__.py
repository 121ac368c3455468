"""CSV import: a delimited text file as a `Dataset` (`load_csv`).

One concern a module: `layout` sniffs delimiter, header and BOM; `columns`
picks targets and features; `fast` reads all-numeric files with NumPy, in two
processes for big ones (`parallel`); `precise` reads row by row and names
line and column in errors; `categories` encodes text columns; `reader` ties
them together.  (The stdlib module is still ``import csv``: imports are
absolute, so inside this package ``csv`` is never this package.)
"""
from __future__ import annotations

from bpgui.core.csv.layout import DELIMITERS
from bpgui.core.csv.reader import load_csv

__all__ = ["load_csv", "DELIMITERS"]
