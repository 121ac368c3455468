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

__all__ = ["Projection", "HiddenSpace", "grid_lines", "layer_activations", "fit_pca", "direct",
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


def layer_activations(model: Model, network: Network | None, X: np.ndarray, layer: int) -> np.ndarray:
    """Hidden layer ``layer``'s activations (n, units) for raw feature rows ``X``."""
    net = model.network if network is None else network
    with np.errstate(all="ignore"):
        return net.layer_outputs(model.encode_inputs(X))[layer].astype(np.float64)


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
    _, s, vt = np.linalg.svd(A - mean, full_matrices=False) if len(A) else (None, np.zeros(0), np.zeros((0, units)))
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


def hidden_space(model: Model, network: Network | None, layer: int, X: np.ndarray,
                 lines: list[np.ndarray], view: tuple[float, float] = (35.0, 20.0)) -> HiddenSpace:
    """Data rows ``X`` and grid ``lines`` (raw feature rows) mapped through hidden layer
    ``layer`` and projected to the plot: directly, turned by ``view`` (azimuth, elevation)
    for three units, or on the principal components of the data's activations."""
    sizes = [len(line) for line in lines]
    A = layer_activations(model, network, np.vstack([X] + lines), layer)
    points, on_lines = A[:len(X)], A[len(X):]
    units = A.shape[1]
    if units <= 2:
        projection = direct(units)
    elif units == 3:
        projection = orthographic(*view)
    else:
        projection = fit_pca(points)
    mapped = np.split(projection.apply(on_lines), np.cumsum(sizes)[:-1]) if lines else []
    return HiddenSpace(layer, points, projection.apply(points), mapped, projection)
