"""The numeric fast path: every column a number, no quotes, read by NumPy's C
parser (`np.loadtxt`), in two processes for a big file (see `parallel`).

It refuses (returns None) rather than explains: whenever it does, the precise
reader reads the file again and names the first bad line and column.
"""
from __future__ import annotations

import os
import warnings

import numpy as np

from bpgui.core.csv import parallel
from bpgui.core.csv.layout import Layout, WHITESPACE

__all__ = ["read_numeric", "columns_of"]


def _loadtxt(path: str, delimiter: str, bom: bool, skiprows: int) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "input contained no data" etc.
        return np.loadtxt(path, delimiter=None if delimiter == WHITESPACE else delimiter, comments=None,
                          quotechar=None,
                          skiprows=skiprows, ndmin=2, dtype=np.float64,
                          encoding="utf-8-sig" if bom else "ascii")


def read_numeric(path: str, layout: Layout, bom: bool) -> list[np.ndarray] | None:
    """All columns as blocks of consecutive rows (two for a big file parsed in
    two processes), or None when NumPy refuses the file.  NumPy reads the file
    (or its parts) itself, so the text is never held as Python objects;
    "ascii" makes any non-ASCII byte a refusal, which the precise reader then
    checks as UTF-8."""
    skip = layout.first_line if layout.has_header else layout.first_line - 1
    blocks = parallel.UNAVAILABLE
    try:
        size = os.path.getsize(path)
        if size >= parallel.MIN_BYTES and parallel.cpu_count() >= 2:
            blocks = parallel.parse_in_two(path, layout.delimiter, bom, size,
                                           lambda head: _loadtxt(head, layout.delimiter, bom, skip))
        if blocks is parallel.UNAVAILABLE:
            blocks = [_loadtxt(path, layout.delimiter, bom, skip)]
    except (ValueError, OSError):
        return None
    if blocks is None or sum(A.shape[0] for A in blocks) == 0:
        return None
    if any(A.shape[1] != len(layout.names) or not np.isfinite(A).all() for A in blocks):
        return None
    return blocks


def columns_of(blocks: list[np.ndarray], idx: list[int]) -> np.ndarray:
    """A C-contiguous array of columns `idx` of the row blocks stacked: one
    copy; a slice when the columns are a run (much faster than a gather, which
    matters at a million rows)."""
    run = idx == list(range(idx[0], idx[0] + len(idx)))
    parts = [A[:, idx[0]:idx[0] + len(idx)] if run else np.take(A, idx, axis=1) for A in blocks]
    if len(parts) > 1:
        return np.concatenate(parts)
    return parts[0].copy() if run else parts[0]
