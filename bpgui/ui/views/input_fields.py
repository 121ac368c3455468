"""The inputs a user can set by hand, read from the data: no Qt here, so it is tested alone.

A number column becomes one field over the data's range (min..max, missing
values left out) that starts at the training rows' mean.  The one-hot inputs
of one text column ("colour=red", "colour=blue") become a single choice among
the column's values, which sets exactly one of them to 1: setting them one by
one would let the user ask about a sample no data can hold (red *and* blue).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .neuron_labels import one_hot_parts

__all__ = ["InputField", "input_fields", "decimals_for", "starting_row", "data_range"]

MAX_DECIMALS = 6
READ_AT_MOST = 5000      # values of a column read for its decimals
STEPS_ACROSS = 200
WHOLE_STEPS = 10         # a whole-number column of fewer steps across slides in fractions      # a spin box's step is at most 1/200 of its range, so a slider moves smoothly


@dataclass(frozen=True)
class InputField:
    """One control: a number (``indices`` has one entry) or a one-hot choice (one per value)."""

    name: str                    # the column's name ("petal_length", "colour")
    indices: tuple[int, ...]     # the features it sets
    lo: float = 0.0              # a number's range in the data, raw units
    hi: float = 0.0
    start: float = 0.0           # a number's training mean; a choice's most common value (its position)
    decimals: int = 2
    choices: tuple[str, ...] = ()   # a choice's values, in the order of ``indices``

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)

    def encode(self, value: float) -> dict[int, float]:
        """The features this field sets for ``value`` (a number, or the chosen value's position)."""
        if not self.is_choice:
            return {self.indices[0]: float(value)}
        return {k: float(pos == int(value)) for pos, k in enumerate(self.indices)}

    def read(self, x: np.ndarray) -> float:
        """The field's value in a row of features (a choice: its largest input's position)."""
        if not self.is_choice:
            return float(x[self.indices[0]])
        return float(np.argmax(np.nan_to_num(x[list(self.indices)], nan=-1.0)))


def decimals_for(column: np.ndarray) -> int:
    """Whole numbers for whole-number columns of many values (ages, counts); otherwise
    enough decimals for about 200 steps across the column's range, and for the data's
    own values (a sample's inputs read as they are, up to 6 decimals).  A 0/1 column
    (the logic gates) slides smoothly: what the network says between 0 and 1 is
    worth seeing."""
    finite = column[np.isfinite(column)]
    part = finite[:: max(1, len(finite) // READ_AT_MOST)]   # a data's decimals show in a part of it
    written = next((d for d in range(MAX_DECIMALS) if np.allclose(part, np.round(part, d), rtol=0, atol=1e-9)),
                   MAX_DECIMALS)
    span = float(finite.max() - finite.min()) if len(finite) else 0.0
    if span <= 0 or (written == 0 and span >= WHOLE_STEPS):
        return written
    smooth = int(np.clip(np.ceil(-np.log10(span / STEPS_ACROSS)), 0, MAX_DECIMALS))
    return max(written, smooth)


def _number(name: str, k: int, column: np.ndarray, train_column: np.ndarray) -> InputField:
    finite = column[np.isfinite(column)]
    lo, hi = (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 0.0)
    trained = train_column[np.isfinite(train_column)]
    mean = float(trained.mean()) if len(trained) else (lo + hi) / 2
    decimals = decimals_for(column)
    return InputField(name, (k,), lo, hi, float(np.clip(round(mean, decimals), lo, hi)), decimals)


def _is_one_hot(block: np.ndarray) -> bool:
    finite = block[np.isfinite(block)]
    return bool(np.isin(finite, (0.0, 1.0)).all())


def _choice(column: str, indices: list[int], values: list[str], train_block: np.ndarray) -> InputField:
    counts = np.nansum(train_block, axis=0) if train_block.size else np.zeros(len(indices))
    return InputField(column, tuple(indices), 0.0, float(len(values) - 1), float(np.argmax(counts)), 0,
                      tuple(values))


def _groups(names: list[str]) -> list[tuple[str, list[int], list[str]]]:
    """Runs of neighbouring features from one text column: (column, indices, values);
    any other feature is a run of one with no values."""
    runs: list[tuple[str, list[int], list[str]]] = []
    for k, name in enumerate(names):
        parts = one_hot_parts(name)
        if parts and runs and runs[-1][2] and runs[-1][0] == parts[0]:
            runs[-1][1].append(k)
            runs[-1][2].append(parts[1])
        elif parts:
            runs.append((parts[0], [k], [parts[1]]))
        else:
            runs.append((name, [k], []))
    return runs


def input_fields(X: np.ndarray, names: list[str], train_X: np.ndarray | None = None) -> list[InputField]:
    """The fields for data ``X`` (ranges, decimals) whose training rows are ``train_X`` (starts)."""
    train_X = X if train_X is None or not len(train_X) else train_X
    fields = []
    for column, indices, values in _groups(list(names)):
        if values and _is_one_hot(X[:, indices]):
            fields.append(_choice(column, indices, values, train_X[:, indices]))
            continue
        for k in indices:   # "a=b" that is no one-hot column: numbers under their whole names
            fields.append(_number(names[k] if values else column, k, X[:, k], train_X[:, k]))
    return fields


def starting_row(fields: list[InputField], n_features: int) -> np.ndarray:
    """Every feature at its field's start."""
    x = np.zeros(n_features)
    for f in fields:
        for k, v in f.encode(f.start).items():
            x[k] = v
    return x


def data_range(values: np.ndarray) -> tuple[float, float]:
    """The smallest and largest value, missing ones left out; 0..1 when there is none."""
    if not values.size:
        return 0.0, 1.0
    lo, hi = float(np.min(values)), float(np.max(values))   # no copy: 60,000 MNIST rows are 47M values
    if np.isfinite(lo) and np.isfinite(hi):
        return lo, hi
    finite = values[np.isfinite(values)]
    return (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 1.0)
