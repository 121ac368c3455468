"""Rows that are one row except in a few columns, and their forward pass.

A plane through the input space (the output map, the neuron maps, the hidden
space's grid lines) holds every input but one or two: its encoded rows share a
base row and differ in the columns those inputs become.  The first layer's
product then splits into the base row's product, found once, and the varying
columns' product: for 784 inputs a 50 x 50 grid costs 2 x 128 multiplications
a row instead of 784 x 128.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["PlaneRows", "plane_rows", "layer_outputs"]


@dataclass(frozen=True)
class PlaneRows:
    base: np.ndarray        # (d,): the row every row equals outside ``columns``
    columns: np.ndarray     # (k,): the columns that vary
    values: np.ndarray      # (n, k): those columns in each row

    def __len__(self) -> int:
        return len(self.values)

    def full(self) -> np.ndarray:
        """The rows themselves, (n, d)."""
        rows = np.tile(self.base, (len(self.values), 1))
        rows[:, self.columns] = self.values
        return rows


def plane_rows(rows: np.ndarray) -> PlaneRows:
    """``rows`` (n, d) as a base row (the first) and the columns in which any row differs
    from it (a value that is not a number counts as differing)."""
    rows = np.asarray(rows)
    if not len(rows):
        return PlaneRows(np.zeros(rows.shape[1], rows.dtype), np.zeros(0, np.intp), rows[:, :0].copy())
    columns = np.flatnonzero((rows != rows[0]).any(axis=0) | np.isnan(rows[0]))
    return PlaneRows(rows[0].copy(), columns, np.ascontiguousarray(rows[:, columns]))


def layer_outputs(network, rows: PlaneRows | np.ndarray) -> list[np.ndarray]:
    """``network.layer_outputs`` of the rows; for ``PlaneRows`` the first product is the
    base row's once plus the varying columns' (the same sums in another order)."""
    if not isinstance(rows, PlaneRows):
        return network.layer_outputs(rows)
    dtype = network.dtype
    W, b = network.weights[0], network.biases[0]
    held = rows.base.astype(dtype)
    held[rows.columns] = 0               # those columns' part comes from each row's values
    z = np.dot(rows.values.astype(dtype, copy=False), W[rows.columns])
    z += np.dot(held, W) + b
    return network.layer_outputs_from(z)
