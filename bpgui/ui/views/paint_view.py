"""Paint your data: a tab beside the network where points are placed with the mouse.

Classes (2 inputs): pick a class A..E, left-click adds points of it, right-click
(or the eraser) removes the nearest; Numbers (1 input): a click adds (x, y).
The brush adds (or erases) several points around the click; a drag paints on.

Why a tab among the views and not a page of the data panel: the canvas needs
room, and the views beside the network have the most; the data panel's
"Paint" source brings this tab forward.

Why the points reach the document a moment after the last edit, and not at
every click: each change of data builds a new network session, stops a
running training and is one Undo step.  So the points are offered
COMMIT_DELAY_MS after the last edit (a drag is one edit), at once when the
mouse leaves the canvas (to press Train, say), or with "Use these points":
painting 50 points is one change, and one Undo takes the burst back.  Points
that cannot train (fewer than 2, or one class) are not offered; the status
line says why, and the network keeps its data until then.
"""
from __future__ import annotations

import os

import numpy as np
from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from bpgui.core.dataset import DataError
from bpgui.core.painted_data import MAX_POINTS, MODES, PaintedPoints

from ..i18n import translate, translated_error
from .paint_backdrop import class_picture, number_curve
from .paint_canvas import PaintCanvas
from .paint_tools import PaintTools

COMMIT_DELAY_MS = 400
BRUSH_SPREAD = 0.06      # a brush's points lie within this fraction of the canvas's width of the click
ERASE_RADIUS_PX = 12     # the eraser takes a point this close to the click (in pixels)
DEFAULT_RANGE = (-1.0, 1.0)
FEATURES = {"classes": ["x1", "x2"], "numbers": ["x"]}
AXES = {"classes": ("x1", "x2"), "numbers": ("x", "y")}


class PaintView(QWidget):
    sigDataPainted = Signal(object)   # a Dataset of the painted points, for the document

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._drafts = {mode: PaintedPoints.empty(mode) for mode in MODES}
        self._ranges = {mode: (DEFAULT_RANGE, DEFAULT_RANGE) for mode in MODES}
        self._doc_data = None      # the document's data as last shown
        self._in_doc = None        # the points the document trains on, when it trains on painted data
        self._sent = (None, None)  # the dataset last offered, and the points it was made of
        self._note = ""            # what the last action did (From data, Save as CSV), until the next edit
        self._model = (None, None)  # the network last drawn behind the points
        self._rng = np.random.default_rng()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COMMIT_DELAY_MS)
        self._timer.timeout.connect(self.use_points)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 4, 2, 2)
        lay.setSpacing(4)
        self.tools = PaintTools()
        self.canvas = PaintCanvas()
        self.status = QLabel()
        self.status.setObjectName("paintStatus")
        self.status.setWordWrap(True)
        self.use_button = QPushButton(translate("paint_view", "Use these points"))
        self.use_button.setToolTip(translate("paint_view", "Train the network on the painted points (Undo goes back)"))
        lay.addWidget(self.tools.top)
        lay.addWidget(self.tools.picker)
        lay.addWidget(self.canvas, 1)
        lay.addWidget(self.status)
        lay.addWidget(self.use_button)
        lay.addWidget(self.tools.actions)

        self.canvas.sigStroke.connect(self._stroke)
        self.canvas.sigStrokeEnded.connect(self._timer.start)
        self.canvas.sigLeft.connect(self._left)
        self.tools.sigModeChosen.connect(self._mode_chosen)
        self.tools.clear.clicked.connect(self.clear)
        self.tools.from_data.clicked.connect(self.start_from_data)
        self.tools.save_csv.clicked.connect(self.save_csv_dialog)
        self.use_button.clicked.connect(self.use_points)
        self._show_mode()

    # ------------------------------------------------------------ reading
    @property
    def mode(self) -> str:
        return self.tools.mode

    @property
    def points(self) -> PaintedPoints:
        """The points on the canvas (the draft: in the document a moment after the last edit)."""
        return self._drafts[self.mode]

    @property
    def in_use(self) -> bool:
        """Whether the document trains on exactly the points shown."""
        return self.points is self._in_doc

    @property
    def pending(self) -> bool:
        return self._timer.isActive() or self.canvas.stroking

    # ------------------------------------------------- the views' interface
    @staticmethod
    def applies_to(dataset) -> bool:
        return True   # any data can be replaced by a painting

    def set_data(self, dataset, session=None) -> None:
        before, self._doc_data = self._doc_data, dataset
        painted = dataset is not None and dataset.source.get("kind") == "painted"
        if not painted:
            self._in_doc = None
        elif dataset is self._sent[0]:
            self._in_doc = self._sent[1]
        elif dataset is not before:   # painted data that came another way: Undo, a model file
            self._load(dataset)
        if not self._backdrop_applies():
            self.canvas.clear_backdrop()
        self._show_status()

    def update_model(self, model, network=None) -> None:
        """The network's output behind the points, while it trains on painted data of this mode."""
        self._model = (model, network)
        if model is None or not self._backdrop_applies() or list(model.feature_names) != FEATURES[self.mode]:
            self.canvas.clear_backdrop()
            return
        x_range, y_range = self._ranges[self.mode]
        if self.mode == "numbers":
            self.canvas.show_curve(*number_curve(model, network, x_range))
        else:
            self.canvas.show_picture(*class_picture(model, network, x_range, y_range))

    def _backdrop_applies(self) -> bool:
        source = self._doc_data.source if self._doc_data is not None else {}
        return source.get("kind") == "painted" and source.get("mode") == self.mode

    # ------------------------------------------------------------ changes
    @Slot()
    def use_points(self) -> None:
        """Offer the points to the document, unless it has them or they cannot train."""
        self._timer.stop()
        points = self.points
        if self.canvas.stroking or points is self._in_doc or points.problem() is not None:
            self._show_status()
            return
        dataset = points.dataset()
        self._sent = (dataset, points)
        self.sigDataPainted.emit(dataset)
        self._show_status()

    @Slot()
    def reveal(self) -> None:
        """Bring this tab forward (the data panel's Paint source) and offer its points."""
        tabs = self.parentWidget()
        while tabs is not None and not isinstance(tabs, QTabWidget):
            tabs = tabs.parentWidget()
        if tabs is not None:
            tabs.setCurrentWidget(self)
        self.use_points()

    @Slot()
    def clear(self) -> None:
        self._edit(PaintedPoints.empty(self.mode))

    @Slot()
    def start_from_data(self) -> None:
        """Paint on a copy of the document's data (2 inputs with classes, or 1 input and a number)."""
        try:
            if self._doc_data is None:
                raise DataError(translate("paint_view", "There is no data to start from."))
            points, note = PaintedPoints.from_dataset(self._doc_data)
        except DataError as exc:
            self._note = translated_error(exc)
            self._show_status()
            return
        self.tools.set_mode(points.mode)
        self._ranges[points.mode] = _ranges_for(points)
        self._edit(points)
        self._show_mode()
        name = self._doc_data.name
        self._note = (translate("paint_view", "Started from {name} ({note}).").format(name=name, note=note) if note
                      else translate("paint_view", "Started from {name}.").format(name=name))
        self._show_status()

    @Slot()
    def save_csv_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate("paint_view", "Save the painted points as CSV"), "painted.csv",
                                              translate("paint_view", "CSV files (*.csv);;All files (*)"))
        if path:
            self.save_csv(path if os.path.splitext(path)[1] else path + ".csv")

    def save_csv(self, path: str) -> bool:
        try:
            self.points.write_csv(path)
        except OSError as exc:
            QMessageBox.warning(self, translate("paint_view", "Cannot save the points"), f"{path}: {exc.strerror or exc}")
            return False
        self._note = translate("paint_view", "Saved {n} points to {file} (Open CSV… reads it).").format(
            n=f"{len(self.points):,}", file=os.path.basename(path))
        self._show_status()
        return True

    # ------------------------------------------------------------ painting
    @Slot(float, float, bool)
    def _stroke(self, x: float, y: float, erase: bool) -> None:
        if erase or self.tools.erasing:
            self._erase(x, y)
        else:
            self._add(x, y)

    def _add(self, x: float, y: float) -> None:
        points = self.points
        if not points.room:
            self._note = translate("paint_view", "{n} points are the most a painting holds: erase some to add others.").format(
                n=f"{MAX_POINTS:,}")
            self._show_status()
            return
        (x0, x1), (y0, y1) = self._ranges[self.mode]
        xy = np.array([[x, y]])
        n = self.tools.brush
        if n > 1:   # spread evenly over a disc around the click
            r = BRUSH_SPREAD * np.sqrt(self._rng.uniform(0, 1, n))
            a = self._rng.uniform(0, 2 * np.pi, n)
            xy = xy + np.column_stack([r * np.cos(a) * (x1 - x0), r * np.sin(a) * (y1 - y0)])
        inside = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
        self._edit(points.added(xy[inside], self.tools.chosen_class))   # paint off the canvas is lost

    def _erase(self, x: float, y: float) -> None:
        scale = self.canvas.pixel_size()
        n = self.tools.brush
        (x0, x1), _ = self._ranges[self.mode]
        radius = ERASE_RADIUS_PX if n == 1 else max(ERASE_RADIUS_PX, BRUSH_SPREAD * (x1 - x0) / scale[0])
        hit = self.points.near(x, y, scale, radius, n)
        if len(hit):
            self._edit(self.points.without(hit))

    def _edit(self, points: PaintedPoints) -> None:
        self._drafts[points.mode] = points
        self._note = ""
        self.canvas.show_points(points)
        self._timer.start()
        self._show_status()

    @Slot()
    def _left(self) -> None:
        if self._timer.isActive():
            self.use_points()

    @Slot(str)
    def _mode_chosen(self, _mode: str) -> None:
        self._timer.stop()   # the other mode's points wait, shown "not in use" when it comes back
        self._show_mode()

    def hideEvent(self, event) -> None:
        """Another tab comes forward: the points go to the document first (not when the window closes)."""
        if self._timer.isActive():
            if self.window().isVisible():
                self.use_points()
            self._timer.stop()
        super().hideEvent(event)

    # ------------------------------------------------------------- showing
    def _load(self, dataset) -> None:
        try:
            points = PaintedPoints.from_source(dataset.source)
        except DataError:
            return
        self._timer.stop()
        self._drafts[points.mode] = self._in_doc = points
        self._ranges[points.mode] = _ranges_for(points)
        self.tools.set_mode(points.mode)
        self._show_mode()

    def _show_mode(self) -> None:
        mode = self.mode
        (x_range, y_range), (x_label, y_label) = self._ranges[mode], AXES[mode]
        self.canvas.set_frame(x_range, y_range, x_label, y_label)
        self.canvas.show_points(self.points)
        self.update_model(*self._model)   # the network behind the points, if it is this mode's
        self._show_status()

    def _show_status(self) -> None:
        points = self.points
        problem = points.problem()
        data = self._doc_data
        text = _summary(points)
        if problem:
            text += problem
            if data is not None:
                text += " " + translate("paint_view", "Until then the network trains on {name}.").format(name=data.name)
        elif self.in_use:
            text += translate("paint_view", "The network trains on these points.")
        elif not self.pending:
            text += (translate("paint_view", "Not in use: the network trains on {name}.").format(name=data.name)
                     if data is not None else translate("paint_view", "Not in use."))
        self.status.setText(f"{self._note}\n{text}" if self._note else text)
        self.use_button.setVisible(problem is None and not self.in_use and not self.pending)
        self.tools.show_state(has_points=len(points) > 0,
                              can_start=data is not None and data.source.get("kind") != "painted")


def _summary(points: PaintedPoints) -> str:
    n = len(points)
    if not n:
        return ""
    counts = points.counts() if points.mode == "classes" else {}
    text = translate("paint_view", "{n} points").format(n=f"{n:,}") if n != 1 else translate("paint_view", "1 point")
    if counts:   # how many of each class: "A 3 · B 2"
        text = translate("paint_view", "{points}: {per_class}").format(
            points=text, per_class=" · ".join(f"{name} {k}" for name, k in counts.items()))
    if not points.room:
        return translate("paint_view", "{points} (the most a painting holds). ").format(points=text)
    return translate("paint_view", "{points}. ").format(points=text)


def _ranges_for(points: PaintedPoints):
    """The canvas's range: -1..1 on both axes, widened to take every point with a margin
    (data that reaches 1, as a logic gate's, is not drawn half off the edge)."""
    ranges = []
    for axis in (0, 1):
        lo, hi = DEFAULT_RANGE
        if len(points):
            v = points.xy[:, axis]
            pad = 0.05 * (float(v.max() - v.min()) or 1.0)
            lo, hi = min(lo, float(v.min()) - pad), max(hi, float(v.max()) + pad)
        ranges.append((lo, hi))
    return tuple(ranges)
