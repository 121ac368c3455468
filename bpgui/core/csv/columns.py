"""Which columns of a CSV file are targets, features and one-hot features.

Decided from the header alone, so these errors come before the file is read.
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

import numpy as np

from bpgui.core.csv.layout import Layout
from bpgui.core.translatable import QT_TRANSLATE_NOOP, Text
from bpgui.core.dataset import DataError

__all__ = ["ColumnChoice", "choose_columns"]


class ColumnChoice(NamedTuple):
    targets: list[int]
    features: list[int]
    one_hot: list[str]   # names of the feature columns to one-hot encode


class MissingColumn(DataError):
    """A named column the file does not have; ``role`` is "target" or "feature"."""

    def __init__(self, reason: str, role: str, **kw) -> None:
        super().__init__(reason, **kw)
        self.role = role


# The roles a column is named for, as the messages say them.
_ROLES = {"target": QT_TRANSLATE_NOOP("columns", "target"), "feature": QT_TRANSLATE_NOOP("columns", "feature"),
          "one-hot": QT_TRANSLATE_NOOP("columns", "one-hot")}


def _resolve(spec: str | int, layout: Layout, what: str) -> int:
    names = layout.names
    available = ", ".join(repr(n) for n in names)
    if isinstance(spec, (int, np.integer)) and not isinstance(spec, bool):
        if -len(names) <= spec < len(names):
            return int(spec) % len(names)
        raise DataError(Text("columns", QT_TRANSLATE_NOOP(
            "columns", "{what} column index {spec} is out of range; the file has {count} columns: {available}"),
            what=Text("columns", _ROLES[what]), spec=spec, count=len(names), available=available),
            line=layout.header_line)
    if isinstance(spec, str) and spec.strip() in names:
        return names.index(spec.strip())
    raise MissingColumn(Text("columns", QT_TRANSLATE_NOOP("columns", "no {what} column named {spec}; available "
                                                          "columns: {available}"),
                             what=Text("columns", _ROLES[what]), spec=repr(spec), available=available), what,
                        line=layout.header_line, column=str(spec))


def _as_list(spec, names: list[str]) -> list:
    if isinstance(spec, str):
        # A name that exists wins over splitting it at commas.
        return [spec] if spec.strip() in names else [s for s in spec.split(",") if s.strip()]
    if isinstance(spec, (int, np.integer)):
        return [spec]
    return list(spec)


def _targets(target, layout: Layout) -> list[int]:
    if target is None:
        return [len(layout.names) - 1]
    specs = _as_list(target, layout.names)
    t_idx = [_resolve(t, layout, "target") for t in specs]
    # An empty list asks for features only; an empty (or all-comma) name is a mistake.
    if not t_idx and isinstance(target, str):
        raise DataError(Text("columns", QT_TRANSLATE_NOOP("columns", "no target column given")))
    return t_idx


def _one_hot_named(one_hot_features, layout: Layout, f_idx: list[int]) -> list[str]:
    if one_hot_features is True or one_hot_features is False:
        return []
    names = layout.names
    named = [names[_resolve(c, layout, "one-hot")] for c in _as_list(one_hot_features, names)]
    stray = [c for c in named if names.index(c) not in f_idx]
    if stray:
        raise DataError(Text("columns", QT_TRANSLATE_NOOP("columns", "one-hot column {name} is not a feature column"),
                             name=repr(stray[0])), column=stray[0])
    return named


def choose_columns(layout: Layout, target: str | int | Sequence[str | int] | None,
                   features: Sequence[str | int] | str | None,
                   one_hot_features: bool | Sequence[str]) -> ColumnChoice:
    """The columns `load_csv`'s arguments name, checked against the header."""
    names = layout.names
    t_idx = _targets(target, layout)
    if features is None:
        f_idx = [j for j in range(len(names)) if j not in t_idx]
    else:
        f_idx = [_resolve(f, layout, "feature") for f in _as_list(features, names)]
    both = [names[j] for j in f_idx if j in t_idx]
    if both:
        raise DataError(Text("columns", QT_TRANSLATE_NOOP("columns", "column(s) {names} cannot be both feature "
                                                          "and target"), names=", ".join(map(repr, both))),
                        line=layout.header_line, column=both[0])
    if not f_idx:
        raise DataError(Text("columns", QT_TRANSLATE_NOOP("columns", "no feature columns left; columns: {names}"),
                             names=", ".join(map(repr, names))))
    if len(set(t_idx)) != len(t_idx) or len(set(f_idx)) != len(f_idx):
        raise DataError(Text("columns", QT_TRANSLATE_NOOP("columns", "a column is listed twice")))
    return ColumnChoice(t_idx, f_idx, _one_hot_named(one_hot_features, layout, f_idx))
