"""The neuron maps in the network drawing: each drawn hidden neuron's output over the
input plane as a small image in place of its disc, and enlarged in its hover.

The maps are computed (``core.neuron_maps``) only when the window passes new
weights on its throttled path (``update_model``, at most ten times a second while
training), and only the drawn neurons of a condensed layer become images.
Colours: the weights' diverging map, orange for low through white to blue for
high, over the activation's range (``core.neuron_maps.map_levels``).
"""
from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from bpgui.core.neuron_maps import map_levels, neuron_map, neuron_maps
from bpgui.core.output_slice import Plane, slice_inputs
from bpgui.ui.i18n import translate

from .theme import WEIGHT_CMAP

THUMB_GRID = 24         # grid points a side of a thumbnail: 576 forward rows per refresh
ENLARGED_GRID = (64, 40)   # and of a hovered neuron's enlarged map: coarser for wide inputs
WIDE_INPUTS = 100          # (64 x 64 rows through a 784-128 layer took ~50 ms on one core)
ENLARGED_PX = 168
MAX_SIDE = 30.0         # the largest thumbnail, in pixels
LUT = WEIGHT_CMAP.getLookupTable(0.0, 1.0, 1024, alpha=False)   # fine enough to be within a level of the map


def map_image(values: np.ndarray, levels: tuple[float, float]) -> QImage:
    """``values`` (rows, n; row 0 the bottom of the plane) as an image, top row first,
    coloured over ``levels``; a value that is not a number is the neutral middle."""
    return map_images(values[None], levels)[0]


def map_images(values: np.ndarray, levels: tuple[float, float]) -> list[QImage]:
    """Each of ``values`` (k, rows, n) as ``map_image`` draws it, coloured all at once
    through a look-up table (a layer's thumbnails every frame while training)."""
    lo, hi = levels
    t = np.clip((values[:, ::-1] - lo) * ((len(LUT) - 1) / (hi - lo)), 0.0, len(LUT) - 1)
    t = np.where(np.isfinite(t), t, (len(LUT) - 1) / 2)
    rgb = np.ascontiguousarray(LUT[np.rint(t).astype(np.intp)], dtype=np.uint8)
    k, rows, n = values.shape
    return [QImage(rgb[j].tobytes(), n, rows, 3 * n, QImage.Format_RGB888).copy() for j in range(k)]


def _png_base64(image: QImage) -> str:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.toBase64()).decode("ascii")


class NeuronThumbnails:
    """The maps of a network's hidden neurons over one plane, and their images."""

    def __init__(self) -> None:
        self.visible = True
        self.plane: Plane | None = None
        self.axis_names: list[str] = []
        self.maps: list[np.ndarray] = []            # per hidden layer (units, rows, n), as computed
        self.levels: list[tuple[float, float]] = []
        self.images: dict[tuple[int, int], QImage] = {}   # (hidden layer, neuron) -> image, drawn ones only
        self._source = None                          # (model, network) of the last update, for hovers
        self._tips: dict[tuple[int, int], str] = {}   # hover texts for these weights
        self._inputs = None                          # (plane, model, the grid encoded): kept while training

    def clear(self) -> None:
        self.maps, self.levels, self.images, self._tips = [], [], {}, {}

    def set_plane(self, plane: Plane | None, feature_names: list[str]) -> None:
        self.plane = plane
        self.axis_names = [feature_names[k] if k < len(feature_names) else f"#{k + 1}"
                           for k in (plane.axes if plane is not None else ())]
        self.clear()

    def update(self, model, network, activations: list[str], shown: list[list[int]]) -> None:
        """New weights: the maps of every hidden layer, images of the ``shown`` neurons
        (per hidden layer); nothing when hidden or when the network is not the drawn one."""
        self.clear()
        net = model.network if network is None else network
        self._source = (model, network)
        if not self.visible or self.plane is None or net.n_inputs != len(self.plane.held):
            return
        if self._inputs is None or self._inputs[0] is not self.plane or self._inputs[1] is not model:
            self._inputs = (self.plane, model, slice_inputs(model, self.plane, THUMB_GRID))
        self.maps = neuron_maps(model, network, self.plane, THUMB_GRID, self._inputs[2])
        self.levels = [map_levels(act, maps) for act, maps in zip(activations, self.maps)]
        for layer, indices in enumerate(shown):
            images = map_images(self.maps[layer][list(indices)], self.levels[layer])
            self.images.update(((layer, i), image) for i, image in zip(indices, images))

    def side(self, spacing: float, radius: float, gap: float) -> float:
        """A thumbnail's side: as large as the rows and columns leave room for, up to MAX_SIDE."""
        return max(2 * radius, min(MAX_SIDE, spacing - 5, gap * 0.45))

    def paint(self, p: QPainter, layer: int, centres: dict, side: float, frames: dict[int, QColor]) -> bool:
        """Draw hidden layer ``layer``'s thumbnails at their neurons' ``centres``, framed in
        the neuron's bias colour; False when there is nothing to draw."""
        if not self.images:
            return False
        p.setRenderHint(QPainter.SmoothPixmapTransform, True)
        for idx, c in centres.items():
            image = self.images.get((layer, idx))
            if image is None:
                continue
            rect = QRectF(c.x() - side / 2, c.y() - side / 2, side, side)
            p.drawImage(rect, image)
            p.setBrush(Qt.NoBrush)
            p.setPen(QPen(frames.get(idx, QColor(90, 90, 90)), 2.0))
            p.drawRect(rect.adjusted(-1, -1, 1, 1))
        return True

    def hover_html(self, layer: int, idx: int, title: str) -> str | None:
        """The hover of a neuron with a map: ``title`` (its description), the map enlarged
        (at a finer grid) and the plane's axes; None when it has no map."""
        if (layer, idx) not in self.images or self._source is None:
            return None
        tip = self._tips.get((layer, idx))
        if tip is None:
            tip = self._tips[layer, idx] = self._enlarged(layer, idx, title)
        return tip

    def _enlarged(self, layer: int, idx: int, title: str) -> str:
        model, network = self._source
        grid = ENLARGED_GRID[len(self.plane.held) > WIDE_INPUTS]
        values = neuron_map(model, network, self.plane, grid, layer, idx)
        image = map_image(values, self.levels[layer])
        height = ENLARGED_PX if values.shape[0] > 1 else 24
        image = image.scaled(ENLARGED_PX, height, Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
        lo, hi = self.levels[layer]
        lines = [html.escape(line) for line in title.split("\n")]
        axes = [f"→ {html.escape(name)}: {a:.3g} … {b:.3g}"
                for name, a, b in zip(self.axis_names, self.plane.lo, self.plane.hi)]
        axes[1:] = [a.replace("→", "↑", 1) for a in axes[1:]]
        held = [html.escape(translate("neuron_thumbnails", "other inputs held fixed"))] \
            if len(self.plane.held) > len(self.plane.axes) else []
        colour = translate("neuron_thumbnails", "colour: orange {low} … blue {high}").format(low=f"{lo:.3g}",
                                                                                            high=f"{hi:.3g}")
        return "<br>".join([f"<b>{lines[0]}</b>",
                            f'<img src="data:image/png;base64,{_png_base64(image)}" '
                            f'width="{ENLARGED_PX}" height="{height}">',
                            *axes, *held, html.escape(colour), *lines[1:]])
