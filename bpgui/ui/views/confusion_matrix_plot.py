"""A confusion matrix as a heatmap: true classes in rows, predicted classes in
columns, the count (or the row's share) written in each cell and the class
names on both axes."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QVBoxLayout, QWidget

from bpgui.ui.i18n import QT_TRANSLATE_NOOP, translate

from .theme import POSITIVE

__all__ = ["ConfusionMatrixPlot"]

# White for no rows, the network view's blue for all of a class's rows.
CELL_CMAP = pg.ColorMap([0.0, 1.0], [(250, 250, 250), (POSITIVE.red(), POSITIVE.green(), POSITIVE.blue())])
MAX_WRITTEN = 24            # classes up to which the cells carry their numbers (576 text items)
LEFT_LABEL_PX = 110         # class names on the left axis are cut to this width
DARK_FROM = 0.55            # cells at least this full get white numbers
CLASS = QT_TRANSLATE_NOOP("confusion_matrix_plot", "class")


class ConfusionMatrixPlot(QWidget):
    """Call ``show_matrix(confusion, class_names, normalised)``; ``values`` holds what is written."""

    sigCellChosen = Signal(int, int)   # (true class, predicted class) of a clicked cell

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        # No context menu (a fixed table of cells); built without one, not disabled after: pyqtgraph's
        # menus are most of a plot's building time.
        self.widget = pg.PlotWidget(enableMenu=False)
        self.widget.setMinimumSize(160, 140)
        self.plot = self.widget.getPlotItem()
        self.plot.invertY(True)              # the first class in the top row, as in a table
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.tick_font = QFont(self.font())
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setStyle(tickFont=self.tick_font, tickLength=0)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(CELL_CMAP)
        self.plot.addItem(self.image)
        lay.addWidget(self.widget)
        self.values: np.ndarray | None = None     # the numbers written in the cells
        self.class_names: list[str] = []
        self.texts: list[list[pg.TextItem]] = []
        self._written: dict[tuple[int, int], tuple[str, bool]] = {}   # (text, white) of each cell
        self.set_axis_noun(CLASS)
        self.plot.getViewBox().sigResized.connect(self._fit_to_size)
        self.plot.scene().sigMouseClicked.connect(self._clicked)

    def set_axis_noun(self, noun: str) -> None:
        """What the rows and columns are: "class" (shown translated), or an output's name for one
        of several outputs (a data's name: shown as it is)."""
        noun = translate("confusion_matrix_plot", CLASS) if noun == CLASS else noun
        self.plot.setLabel("left", translate("confusion_matrix_plot", "true {noun}").format(noun=noun))
        self.plot.setLabel("bottom", translate("confusion_matrix_plot", "predicted {noun}").format(noun=noun))

    def show_matrix(self, confusion: np.ndarray, class_names: list[str], normalised: bool) -> None:
        confusion = np.asarray(confusion)
        k = len(class_names)
        with np.errstate(invalid="ignore", divide="ignore"):
            shares = confusion / confusion.sum(axis=1, keepdims=True)
        # The colour is always the row's share, so that a small class's cells are as
        # readable as a large one's; the numbers follow the counts / shares choice.
        self.values = shares if normalised else confusion
        if list(class_names) != self.class_names:
            self._new_classes(list(class_names))
        self.image.setImage(np.nan_to_num(shares), levels=(0.0, 1.0), autoLevels=False)
        self.image.setRect(0, 0, k, k)
        if k <= MAX_WRITTEN:
            self._write(self.values, shares, normalised)

    def clear(self) -> None:
        self._new_classes([])
        self.values = None
        self.image.clear()

    def cell_text(self, i: int, j: int) -> str:
        return self._written.get((i, j), ("", False))[0]

    # ------------------------------------------------------------ drawing
    def _new_classes(self, names: list[str]) -> None:
        self.class_names = names
        for row in self.texts:
            for item in row:
                self.plot.removeItem(item)
        self._written.clear()
        k = len(names)
        self.texts = []
        if k <= MAX_WRITTEN:
            self.texts = [[self._text_item(i, j) for j in range(k)] for i in range(k)]
        self.plot.setRange(xRange=(0, max(k, 1)), yRange=(0, max(k, 1)), padding=0)
        self._fit_to_size()

    def _text_item(self, i: int, j: int) -> pg.TextItem:
        item = pg.TextItem("", anchor=(0.5, 0.5))
        item.setPos(j + 0.5, i + 0.5)
        self.plot.addItem(item)
        return item

    def _write(self, values: np.ndarray, shares: np.ndarray, normalised: bool) -> None:
        for i, row in enumerate(self.texts):
            for j, item in enumerate(row):
                v = values[i, j]
                text = ("–" if np.isnan(v) else f"{v:.2f}") if normalised else str(int(v))
                shown = (text, bool(shares[i, j] >= DARK_FROM))
                if self._written.get((i, j)) != shown:
                    # setText re-lays the item out: only the cells that changed
                    item.setColor(QColor(255, 255, 255) if shown[1] else QColor(0, 0, 0))
                    item.setText(text)
                    self._written[(i, j)] = shown

    @Slot()
    def _fit_to_size(self, *_args) -> None:
        """Numbers and class names sized to the cells the plot has room for."""
        k = len(self.class_names)
        if not k:
            for axis in ("left", "bottom"):
                self.plot.getAxis(axis).setTicks([[]])
            return
        box = self.plot.getViewBox().size()
        cell_w, cell_h = box.width() / k, box.height() / k
        font = QFont(self.font())
        size = min(11.0, cell_h * 0.4, cell_w / 4.0)   # "0.95" fits in a cell 4 points a character
        font.setPointSizeF(max(size, 1.0))
        for row in self.texts:
            for item in row:
                item.setFont(font)
                item.setVisible(size >= 6)
        metrics = QFontMetrics(self.tick_font)
        self.plot.getAxis("bottom").setTicks([[(j + 0.5, _cut(metrics, name, cell_w - 6))
                                               for j, name in enumerate(self.class_names)]])
        self.plot.getAxis("left").setTicks([[(i + 0.5, _cut(metrics, name, LEFT_LABEL_PX))
                                             for i, name in enumerate(self.class_names)]])

    @Slot(object)
    def _clicked(self, event) -> None:
        k = len(self.class_names)
        if not k or event.button() != Qt.LeftButton:
            return
        vb = self.plot.getViewBox()
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        p = vb.mapSceneToView(event.scenePos())
        i, j = int(np.floor(p.y())), int(np.floor(p.x()))
        if 0 <= i < k and 0 <= j < k:
            self.sigCellChosen.emit(i, j)


def _cut(metrics: QFontMetrics, text: str, width: float) -> str:
    return metrics.elidedText(text, Qt.ElideRight, max(int(width), 8))
