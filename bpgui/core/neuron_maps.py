"""What each hidden neuron computes over a plane through the input space.

A neuron map is the neuron's activation at every point of the plane's grid
(``output_slice.plane_grid``), as an image: row 0 is the bottom of the plane
(its lowest y), x grows along a row.  A plane with one axis gives a strip of
one row.  The network drawing shows these as thumbnails in place of the
hidden neurons.
"""
from __future__ import annotations

import weakref

import numpy as np

from .model import Model
from .network import Network
from .output_slice import Plane, plane_grid
from .plane_forward import layer_outputs_over

__all__ = ["neuron_maps", "neuron_map", "map_levels", "BOUNDED"]

_grid_made: list = [None, None]   # (model, plane, n) and the encoded grid made for them

# The activations whose outputs have fixed bounds: their maps are coloured over
# the whole range, so a neuron that is "half on" looks the same in every frame.
BOUNDED = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}


def _shape(plane: Plane, n: int) -> tuple[int, int]:
    return (n, n) if len(plane.axes) == 2 else (1, n)


def neuron_maps(model: Model, network: Network | None, plane: Plane, n: int) -> list[np.ndarray]:
    """Per hidden layer, an array (units, rows, n) of each neuron's activation over the
    plane's n x n grid (rows = n, or 1 for a plane with one axis); ``network`` holds the
    weights (default: the model's own)."""
    net = model.network if network is None else network
    with np.errstate(all="ignore"):
        outs = layer_outputs_over(net, _grid_inputs(model, plane, n))[:-1]
    rows, cols = _shape(plane, n)
    return [a.astype(np.float64).T.reshape(a.shape[1], rows, cols) for a in outs]


def neuron_map(model: Model, network: Network | None, plane: Plane, n: int, layer: int, unit: int) -> np.ndarray:
    """One neuron's map (rows, n): hidden layer ``layer`` (0 = the first), neuron ``unit``;
    for the enlarged map of a hovered neuron, at a finer grid than the thumbnails."""
    net = model.network if network is None else network
    with np.errstate(all="ignore"):
        a = layer_outputs_over(net, _grid_inputs(model, plane, n))[layer]
    return a[:, unit].astype(np.float64).reshape(_shape(plane, n))


def _grid_inputs(model: Model, plane: Plane, n: int) -> np.ndarray:
    """The plane's grid encoded for ``model``; the last one is kept: while training or
    scrubbing the timeline only the weights change (784 inputs: ~1.5 ms an encoding)."""
    made = _grid_made[0]
    if made is None or made[0]() is not model or made[1] is not plane or made[2] != n:
        inputs = model.encode_inputs(plane_grid(plane, n)).astype(model.network.dtype)
        _grid_made[:] = [(weakref.ref(model), plane, n), inputs]   # weakly: an old model may be large
    return _grid_made[1]


def map_levels(activation: str, maps: np.ndarray) -> tuple[float, float]:
    """The values at the two ends of the colour scale for a layer's maps: the bounds of a
    bounded activation, else symmetric about 0 over the layer's largest |value|, so 0
    (a unit that is off) is the neutral middle and the layer's neurons compare."""
    if activation in BOUNDED:
        return BOUNDED[activation]
    finite = np.abs(maps[np.isfinite(maps)])
    m = float(finite.max()) if finite.size else 0.0
    m = m if m > 0 else 1.0
    return (-m, m)
