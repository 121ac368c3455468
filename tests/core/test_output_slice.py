"""The plane through the input space that the maps draw."""
from __future__ import annotations

import numpy as np

from bpgui.core.dataset import Dataset
from bpgui.core.output_slice import default_plane, plane_grid


def data(X):
    X = np.asarray(X, dtype=float)
    return Dataset(X, np.zeros((len(X), 1)), [f"f{k}" for k in range(X.shape[1])], ["y"], None, "regression")


def test_default_plane_holds_the_other_features_at_the_training_means():
    ds = data([[0, 10, 1, 5], [1, 20, 3, 7], [2, 30, np.nan, 9]])
    plane = default_plane(ds, ds.subset([0, 1]))
    assert plane.axes == (0, 1)
    np.testing.assert_allclose(plane.held, [0.5, 15, 2, 6])
    assert plane.lo[0] < 0 < 2 < plane.hi[0] and plane.lo[1] < 10 and plane.hi[1] > 30


def test_grid_rows_run_x_fastest_and_hold_the_rest():
    ds = data([[0, 0, 4], [1, 2, 4]])
    plane = default_plane(ds).with_axes((2, 0), ds.X)
    X = plane_grid(plane, 3)
    assert X.shape == (9, 3)
    np.testing.assert_allclose(X[:3, 2], np.linspace(plane.lo[0], plane.hi[0], 3))   # x fastest
    np.testing.assert_allclose(X[::3, 0], np.linspace(plane.lo[1], plane.hi[1], 3))
    np.testing.assert_allclose(X[:, 1], 1.0)                                           # held at the mean
    held = plane.holding([9, 8, 7])
    np.testing.assert_allclose(plane_grid(held, 3)[:, 1], 8.0)


def test_one_axis_is_a_line():
    ds = data([[0.0], [2.0]])
    X = plane_grid(default_plane(ds), 5)
    assert X.shape == (5, 1) and X[0, 0] < 0 and X[-1, 0] > 2
