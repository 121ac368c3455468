"""Train → Find learning rate…: the range test's loss against the learning rate.

The dialog runs ``lr_range_test_for`` (bpgui/core/lr_range.py) on a copy of
the network in a background job, plots the smoothed loss (and each batch's, faint)
on a log rate axis with the suggested rate marked, and offers "Use 0.0123":
``sigUse(rate)``, which the window turns into a document change (undoable).
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget)

from bpgui.core.lr_range import DIVERGENCE_FACTOR, LRRangeResult, lr_range_test_for
from bpgui.core.network import Network
from bpgui.core.training_settings import TrainingSettings

from .background_job import BackgroundJob
from .i18n import QT_TRANSLATE_NOOP, translate
from .views.curve_plot import LogFriendlyAxis
from .views.theme import TRAIN_PEN

__all__ = ["LRFindDialog", "rounded_rate"]

SHOW_PROGRESS_AFTER_MS = 1000   # a test that ends sooner shows no progress bar flashing by
RAW_PEN = pg.mkPen(color=(31, 119, 180, 70), width=1)
SUGGESTION_PEN = pg.mkPen(color=(44, 160, 44), width=2, style=Qt.DashLine)
STOPS = {
    "completed": QT_TRANSLATE_NOOP("lr_find_dialog", "It went up to the last rate."),
    "diverged": QT_TRANSLATE_NOOP("lr_find_dialog", "It stopped when the smoothed loss passed {factor}× its lowest."),
    "cancelled": QT_TRANSLATE_NOOP("lr_find_dialog", "Cancelled: the suggestion comes from the rates tried so far."),
}


def rounded_rate(rate: float) -> float:
    """The rate as the button shows it (three significant digits): what "Use" sets."""
    return float(f"{rate:.3g}")


class LRFindDialog(QDialog):
    sigUse = Signal(float)

    def __init__(self, network: Network, X: np.ndarray, Y: np.ndarray, settings: TrainingSettings, what: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("lr_find_dialog", "Find learning rate"))
        self.setWindowModality(Qt.WindowModal)   # the document must not change under the test's feet
        self.result: LRRangeResult | None = None
        lay = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "lr_find_dialog",
                "The learning rate grows from 1e-7 to 10 over 200 training steps, starting "
                "from the current weights (on a copy: the network is left as it is). "
                "Where the loss falls fastest the rate is useful; where it turns up, "
                "too large. The suggestion is one tenth of the rate with the lowest "
                "smoothed loss.",
            )
            + "\n"
            + what
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        lay.addWidget(self._progress_row())
        lay.addWidget(self._build_plot(), 1)
        self.summary = QLabel(translate("lr_find_dialog", "Running the test…"))
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        lay.addLayout(self._buttons())
        self.resize(640, 480)
        self.job = BackgroundJob(lambda report: lr_range_test_for(network, X, Y, settings, progress=report), self)
        self.job.sigProgress.connect(self._on_progress)
        self.job.sigDone.connect(self._on_done)
        self.job.sigFailed.connect(self._on_failed)

    def _progress_row(self) -> QWidget:
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(translate("lr_find_dialog", "Cancel"))
        self.cancel_button.setToolTip(translate("lr_find_dialog", "Stop the test; the rates tried so far are shown"))
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.progress_row.hide()
        return self.progress_row

    def _build_plot(self) -> pg.PlotWidget:
        self.plot_widget = pg.PlotWidget(axisItems={"bottom": LogFriendlyAxis("bottom")})
        plot = self.plot = self.plot_widget.getPlotItem()
        plot.setLogMode(x=True, y=False)
        plot.setLabel("bottom", translate("lr_find_dialog", "learning rate"))
        plot.setLabel("left", translate("lr_find_dialog", "training loss"))
        plot.getAxis("left").enableAutoSIPrefix(False)
        plot.addLegend(offset=(10, -10))   # bottom left: the loss starts high and flat there
        self.raw_curve = plot.plot([], [], pen=RAW_PEN, name=translate("lr_find_dialog", "batch loss"))
        self.curve = plot.plot([], [], pen=TRAIN_PEN, name=translate("lr_find_dialog", "smoothed loss"))
        self.minimum_point = plot.plot([], [], pen=None, symbol="o", symbolBrush=(214, 39, 40), symbolSize=8,
                                       name=translate("lr_find_dialog", "lowest smoothed loss"))
        # An InfiniteLine lives in view coordinates: log10 of the rate on a log axis.
        self.suggestion_line = pg.InfiniteLine(
            angle=90,
            pen=SUGGESTION_PEN,
            movable=False,
            label=translate("lr_find_dialog", "suggested"),
            labelOpts={"position": 0.95, "color": (44, 160, 44)},
        )
        self.suggestion_line.hide()
        plot.addItem(self.suggestion_line)
        return self.plot_widget

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        self.use_button = QPushButton(translate("lr_find_dialog", "Use"))
        self.use_button.setEnabled(False)
        self.use_button.setToolTip(
            translate("lr_find_dialog", "Set the training panel's learning rate to the suggestion (Undo takes it back)")
        )
        self.use_button.clicked.connect(self._use)
        close = QPushButton(translate("lr_find_dialog", "Close"))
        close.clicked.connect(self.reject)
        row.addWidget(self.use_button)
        row.addWidget(close)
        return row

    # ------------------------------------------------------------------ running
    def start(self) -> None:
        self.show()
        self.job.start()
        QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, self._show_progress)

    @Slot()
    def _show_progress(self) -> None:
        if self.job.running:
            self.progress_row.show()

    @Slot()
    def cancel(self) -> None:
        self.job.cancel()
        self.cancel_button.setEnabled(False)

    def reject(self) -> None:
        self.job.cancel()   # closed mid-test: it stops at its next step, its result is not wanted
        super().reject()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.progress_row.hide()
        self.summary.setText(translate("lr_find_dialog", "The test could not run: {message}").format(message=message))

    @Slot(object)
    def _on_done(self, result: LRRangeResult) -> None:
        self.progress_row.hide()
        self.result = result
        if len(result.rates) == 0:
            self.summary.setText(
                translate(
                    "lr_find_dialog",
                    "The loss was not finite even at the first rate ({rate}): look at the "
                    "data's scale and the network.",
                ).format(rate=f"{result.suggestion:g}")
            )
            return
        self.raw_curve.setData(result.rates, result.raw_losses)
        self.curve.setData(result.rates, result.losses)
        best = int(np.argmin(result.losses))
        self.minimum_point.setData([result.rates[best]], [result.losses[best]])
        self._frame(result)
        rate = rounded_rate(result.suggestion)
        self.suggestion_line.show()   # first: a hidden line's label ignores a new text
        self.suggestion_line.setValue(math.log10(result.suggestion))
        self.suggestion_line.label.setFormat(translate("lr_find_dialog", "suggested {rate}").format(rate=f"{rate:g}"))
        self.use_button.setText(translate("lr_find_dialog", "Use {rate}").format(rate=f"{rate:g}"))
        self.use_button.setEnabled(True)
        self.use_button.setDefault(True)
        stop = translate("lr_find_dialog", STOPS[result.stopped]).format(factor=f"{DIVERGENCE_FACTOR:g}")
        self.summary.setText(
            translate(
                "lr_find_dialog",
                "{steps} steps. {stop} The smoothed loss was lowest at {minimum}; suggested learning rate {rate}.",
            ).format(steps=len(result.rates), stop=stop, minimum=f"{result.minimum:.3g}", rate=f"{rate:g}")
        )

    def _frame(self, result: LRRangeResult) -> None:
        """The rates tried, and the losses from the lowest batch's up to twice the first
        smoothed one: the explosion's tail would squash the part worth reading."""
        losses = result.losses
        top = min(float(np.max(losses)), 2.0 * float(losses[0])) if losses[0] > 0 else float(np.max(losses))
        low = min(float(np.min(losses)), float(np.min(result.raw_losses)))
        pad = 0.05 * max(top - low, 1e-12)
        self.plot.setXRange(math.log10(result.rates[0]), math.log10(result.rates[-1]), padding=0.02)
        self.plot.setYRange(low - pad, top + pad, padding=0)

    @Slot()
    def _use(self) -> None:
        if self.result is not None:
            self.sigUse.emit(rounded_rate(self.result.suggestion))
            self.accept()
