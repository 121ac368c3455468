"""Train → Check gradients…: backpropagation against central differences, per layer.

The engine's ``gradient_check_sample`` (bpgui/core/gradcheck.py: a float64
copy of the network, at most 32 rows) runs in a background job; the table shows
each layer's relative error, green below 1e-6 (backprop agrees with the
numerical slope), red otherwise.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QProgressBar,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from bpgui.core.gradcheck import GradientCheck, gradient_check_sample
from bpgui.core.network import Network

from .background_job import BackgroundJob
from .i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["GradientCheckDialog", "PASS_BELOW", "CHECK_ROWS"]

PASS_BELOW = 1e-6   # GradientCheck's own verdict (its __bool__)
CHECK_ROWS = 32
PASS_COLOUR = QColor(200, 235, 200)
FAIL_COLOUR = QColor(245, 190, 190)
COLUMNS = (
    QT_TRANSLATE_NOOP("gradient_check_dialog", "Layer"),
    QT_TRANSLATE_NOOP("gradient_check_dialog", "Parameters"),
    QT_TRANSLATE_NOOP("gradient_check_dialog", "Relative error"),
    QT_TRANSLATE_NOOP("gradient_check_dialog", "Verdict"),
)


class GradientCheckDialog(QDialog):
    def __init__(self, network: Network, X: np.ndarray, Y: np.ndarray, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("gradient_check_dialog", "Check gradients"))
        self.setWindowModality(Qt.WindowModal)
        self.check: GradientCheck | None = None
        self._network = network
        lay = QVBoxLayout(self)
        rows = min(len(X), CHECK_ROWS)
        sample = (translate("gradient_check_dialog", "all {rows} training rows") if rows == len(X) else
                  translate("gradient_check_dialog", "{rows} of the {total} training rows, drawn at random")).format(
                      rows=rows, total=f"{len(X):,}")
        intro = QLabel(
            translate(
                "gradient_check_dialog",
                "Backpropagation's gradient against the numerical slope (L(w + h) − "
                "L(w − h)) / 2h of every weight and bias, in float64, on "
                "{sample}. Per layer: ‖g_backprop − g_numeric‖ / "
                "(‖g_backprop‖ + ‖g_numeric‖); below {limit} backprop is "
                "right.",
            ).format(sample=sample, limit=f"{PASS_BELOW:g}")
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)   # no steps to count: the engine's check runs in one call
        lay.addWidget(self.busy)
        self.table = QTableWidget(network.n_layers, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("gradient_check_dialog", c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)   # a highlighted cell would hide its colour
        self.table.setFocusPolicy(Qt.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        lay.addWidget(self.table, 1)
        self.summary = QLabel(
            translate("gradient_check_dialog", "Checking {n} parameters…").format(n=f"{network.n_params:,}")
        )
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(560, 200 + 30 * network.n_layers)
        self.job = BackgroundJob(lambda _report: gradient_check_sample(network, X, Y, rows=CHECK_ROWS), self)
        self.job.sigDone.connect(self._on_done)
        self.job.sigFailed.connect(self._on_failed)

    def start(self) -> None:
        self.show()
        self.job.start()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.busy.hide()
        self.summary.setText(
            translate("gradient_check_dialog", "The check could not run: {message}").format(message=message)
        )

    @Slot(object)
    def _on_done(self, outcome: tuple[GradientCheck, int]) -> None:
        self.busy.hide()
        self.check, rows = outcome
        net = self._network
        for layer, error in enumerate(self.check.layer_errors):
            n_in, n_out = net.sizes[layer], net.sizes[layer + 1]
            ok = error < PASS_BELOW
            cells = (
                f"{layer + 1}: {n_in} → {n_out} {net.activation_names[layer]}",
                f"{(n_in + 1) * n_out:,}",
                f"{error:.2e}",
                (
                    translate("gradient_check_dialog", "✓ agrees")
                    if ok
                    else translate("gradient_check_dialog", "✗ differs")
                ),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setBackground(PASS_COLOUR if ok else FAIL_COLOUR)
                if column:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter if column < 3 else Qt.AlignCenter)
                self.table.setItem(layer, column, item)
        verdict = (
            translate("gradient_check_dialog", "Backpropagation agrees with the numerical gradient in every layer.")
            if self.check
            else translate(
                "gradient_check_dialog",
                "Backpropagation differs from the numerical gradient: a layer is above {limit} "
                "(on saturated or kinked units, e.g. ReLU at 0, the numerical slope itself can be "
                "off).",
            ).format(limit=f"{PASS_BELOW:g}")
        )
        self.summary.setText(
            translate("gradient_check_dialog", "Largest relative error {error} on {rows} rows. {verdict}").format(
                error=f"{self.check.max_error:.2e}", rows=rows, verdict=verdict
            )
        )
