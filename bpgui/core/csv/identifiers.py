"""Columns left out of the default features: identifiers, row indices, and
text with so many values that one-hot encoding would flood the input layer.

Only columns the user did not name are left out, each with a note saying
why; naming (ticking) one uses it.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from bpgui.core.translatable import QT_TRANSLATE_NOOP, Text
from bpgui.core.csv.missing import is_missing

__all__ = ["MANY_VALUES", "MIN_IDENTIFIER_ROWS", "text_left_out", "numeric_left_out"]

# More distinct texts than this in one column would make as many inputs: left out unless asked for.
MANY_VALUES = 50
# Fewer rows than this, and all-different values prove nothing (a tiny table of names).
MIN_IDENTIFIER_ROWS = 10
# "id", "ID", "row_id", "id-code", "customer id"; and camelCase "PassengerId".
_ID_WORD = re.compile(r"(^|[\W_])id$|^id([\W_]|$)", re.IGNORECASE)
_CAMEL_ID = re.compile(r"[a-z]I[dD]$")


def _use_hint(inputs: int) -> Text:
    template = QT_TRANSLATE_NOOP("identifiers", "to use it, tick it (or name it in --features): {inputs} inputs") \
        if inputs > 1 else QT_TRANSLATE_NOOP("identifiers", "to use it, tick it (or name it in --features): {inputs} input")
    return Text("identifiers", template, inputs=f"{inputs:,}")


def text_left_out(cells: Sequence[str], one_hot_all: bool) -> str | None:
    """Why a text column is not a default feature, or None if it is one.  Missing cells
    do not count: a cabin number given for a third of the passengers is still an identifier."""
    present = [c.strip() for c in cells if not is_missing(c)]
    values = set(present)
    if len(values) == len(present) >= MIN_IDENTIFIER_ROWS:
        return Text("identifiers", QT_TRANSLATE_NOOP(
            "identifiers", "its {count} values are all different: an identifier, not a feature; {hint}"),
            count=f"{len(values):,}", hint=_use_hint(len(values)))
    if one_hot_all and len(values) > MANY_VALUES:
        return Text("identifiers", QT_TRANSLATE_NOOP("identifiers", "{count} different texts would make as many "
                                                      "inputs; {hint}"),
                    count=f"{len(values):,}", hint=_use_hint(len(values)))
    return None


def numeric_left_out(name: str, values: np.ndarray, unnamed: bool, first: bool) -> str | None:
    """Why a numeric column is not a default feature: a row index written by pandas (an unnamed
    first column counting 0, 1, 2...), or a column named like an identifier whose whole
    numbers all differ."""
    n = len(values)
    if unnamed and first and np.array_equal(values, np.arange(n)):
        return Text("identifiers", QT_TRANSLATE_NOOP("identifiers", "an unnamed column counting 0, 1, 2... "
                                                      "(a row index written by pandas), not a feature"))
    named_id = _ID_WORD.search(name.strip()) or _CAMEL_ID.search(name.strip())
    if named_id and n >= MIN_IDENTIFIER_ROWS and np.all(values == np.round(values)) \
            and len(np.unique(values)) == n:
        return Text("identifiers", QT_TRANSLATE_NOOP(
            "identifiers", "named like an identifier, and its whole numbers all differ: an identifier, "
            "not a feature; {hint}"), hint=_use_hint(1))
    return None
