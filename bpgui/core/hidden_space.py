"""How a hidden layer transforms the data: the data points and the input plane's grid
lines, mapped through the layer, in two plot coordinates.

A layer of one or two units is drawn as it is (its units on the axes); three units
are turned and looked at along a direction (an orthographic view); wider layers are
projected on the first two principal components of the data points' activations,
fitted anew for each set of weights, with the share of the variance each explains.
The grid lines go through the same projection as the points, so the picture shows
how the layer bends and folds the input plane around the data.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import Model
from .network import Network
from .output_slice import Plane

__all__ = ["Projection", "HiddenSpace", "Inputs", "grid_lines", "prepare_inputs", "fit_pca", "direct",
           "orthographic", "hidden_space"]


@dataclass(frozen=True)
class Projection:
    """A linear map from a layer's activations to the plot: ``(a - mean) @ components.T``."""
    mean: np.ndarray                 # (units,)
    components: np.ndarray           # (2, units): orthonormal rows (a zero row for a one-unit layer)
    labels: tuple[str, str]          # the plot's axis labels
    explained: np.ndarray | None = None   # PCA: each component's share of the variance

    def apply(self, A: np.ndarray) -> np.ndarray:
        return (A - self.mean) @ self.components.T


@dataclass(frozen=True)
class Inputs:
    """Data rows and grid lines as the network sees them, encoded once: the encoder stays
    the same while training, and encoding thousands of wide rows cost more than the
    forward pass (40 of 125 ms a frame for 784 inputs)."""
    rows: np.ndarray                 # the points' rows, then each line's, encoded, in the network's dtype
    n_points: int
    line_sizes: tuple[int, ...]


@dataclass(frozen=True)
class HiddenSpace:
    layer: int                       # 0 = the first hidden layer
    activations: np.ndarray          # (n, units): the data points' activations in the layer
    points: np.ndarray               # (n, 2): the data points in the plot
    lines: list[np.ndarray]          # each grid line (samples, 2) in the plot
    projection: Projection


def grid_lines(plane: Plane, count: int = 15, samples: int = 80) -> list[np.ndarray]:
    """Raw feature rows along the plane's grid lines: ``count`` lines of constant x (y runs
    along them) and ``count`` of constant y, each sampled finely enough to show its bends;
    a plane with one axis has one line, the axis itself."""
    if len(plane.axes) == 1:
        line = np.tile(plane.held, (samples, 1))
        line[:, plane.axes[0]] = np.linspace(plane.lo[0], plane.hi[0], samples)
        return [line]
    (kx, ky), lines = plane.axes, []
    fine = [np.linspace(a, b, samples) for a, b in zip(plane.lo, plane.hi)]
    coarse = [np.linspace(a, b, count) for a, b in zip(plane.lo, plane.hi)]
    for fixed, moving, values, run in ((kx, ky, coarse[0], fine[1]), (ky, kx, coarse[1], fine[0])):
        for v in values:
            line = np.tile(plane.held, (samples, 1))
            line[:, fixed] = v
            line[:, moving] = run
            lines.append(line)
    return lines


def prepare_inputs(model: Model, X: np.ndarray, lines: list[np.ndarray]) -> Inputs:
    """Raw data rows ``X`` and grid ``lines`` encoded for the model's network."""
    rows = model.encode_inputs(np.vstack([X.reshape(-1, model.network.n_inputs)] + lines))
    return Inputs(rows.astype(model.network.dtype), len(X), tuple(len(line) for line in lines))


def direct(units: int) -> Projection:
    """A layer of one or two units drawn as it is: unit 1 on x (and unit 2 on y)."""
    components = np.eye(2, units)
    labels = ("neuron 1", "neuron 2" if units == 2 else "")
    return Projection(np.zeros(units), components, labels)


def orthographic(azimuth: float, elevation: float) -> Projection:
    """Three units seen from a direction: turned by ``azimuth`` degrees about unit 3's axis
    (which points up), looked at from ``elevation`` degrees above the plane of units 1 and 2."""
    t, e = np.radians(azimuth), np.radians(elevation)
    right = [np.cos(t), np.sin(t), 0.0]
    up = [-np.sin(t) * np.sin(e), np.cos(t) * np.sin(e), np.cos(e)]
    return Projection(np.zeros(3), np.array([right, up]), ("", ""))


def fit_pca(A: np.ndarray, d: int = 2) -> Projection:
    """The first ``d`` principal components of the rows of ``A`` (by the SVD of the
    centred rows), each signed so that its largest loading is positive: refitted on
    every frame while training, the axes would otherwise flip at random."""
    A = A[np.isfinite(A).all(axis=1)]
    units = A.shape[1]
    mean = A.mean(axis=0) if len(A) else np.zeros(units)
    s, vt = _singular(A - mean)
    k = min(d, len(vt))
    components = np.zeros((d, units))
    components[:k] = vt[:k]
    for row in components[:k]:
        row *= np.sign(row[np.argmax(np.abs(row))]) or 1.0
    var = s ** 2
    total = float(var.sum())
    explained = np.zeros(d)
    if total > 0:
        explained[:k] = var[:k] / total
    labels = tuple(f"PC{i + 1} ({100 * v:.0f} %)" for i, v in enumerate(explained))
    return Projection(mean, components, labels, explained)


def _singular(centred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Singular values (largest first) and right singular vectors of the centred rows.
    For tall data, from the eigenvectors of the units' Gram matrix (its eigenvalues are
    the squared singular values): 5 ms for 1500 x 128 activations against 23 ms for
    their SVD, every frame while training; squaring the condition number only blurs
    the smallest components, never the two drawn."""
    if not len(centred):
        return np.zeros(0), np.zeros((0, centred.shape[1]))
    if len(centred) <= 2 * centred.shape[1]:
        _, s, vt = np.linalg.svd(centred, full_matrices=False)
        return s, vt
    w, v = np.linalg.eigh(centred.T @ centred)
    return np.sqrt(np.maximum(w[::-1], 0.0)), v[:, ::-1].T


def hidden_space(network: Network, layer: int, inputs: Inputs, view: tuple[float, float] = (35.0, 20.0)) -> HiddenSpace:
    """The data points and grid lines of ``inputs`` mapped through hidden layer ``layer``
    and projected to the plot: directly, turned by ``view`` (azimuth, elevation) for
    three units, or on the principal components of the data points' activations."""
    with np.errstate(all="ignore"):
        A = network.layer_outputs(inputs.rows)[layer].astype(np.float64)
    points, on_lines = A[:inputs.n_points], A[inputs.n_points:]
    units = A.shape[1]
    if units <= 2:
        projection = direct(units)
    elif units == 3:
        projection = orthographic(*view)
    else:
        projection = fit_pca(points)
    cuts = np.cumsum(inputs.line_sizes)[:-1]
    lines = np.split(projection.apply(on_lines), cuts) if inputs.line_sizes else []
    return HiddenSpace(layer, points, projection.apply(points), lines, projection)
