"""The status bar: epoch, losses, metric, test figures, training speed and a progress bar."""
from __future__ import annotations

import time
from collections import deque

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from bpgui.core import History

from .i18n import translate


class StatusLine:
    """Permanent labels in a ``QStatusBar``; the window calls ``show_history`` as epochs arrive."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        self.epoch, self.loss, self.metric, self.test, self.rate = (QLabel(bar) for _ in range(5))
        self.progress = QProgressBar(bar)
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        for label, width in ((self.epoch, 90), (self.loss, 150), (self.metric, 150), (self.test, 0), (self.rate, 0)):
            label.setMinimumWidth(width)
            bar.addPermanentWidget(label)
        self.test.setObjectName("testFigures")
        bar.addPermanentWidget(self.progress)
        self._rate: deque[tuple[float, int]] = deque(maxlen=40)
        self._run_start = 0
        self._run_target: int | None = None

    def run_started(self, epochs_before: int, target: int | None) -> None:
        self._run_start, self._run_target = epochs_before, target
        self._rate.clear()
        self.progress.setVisible(target is not None)
        if target is not None:
            self.progress.setRange(0, target)
            self.progress.setValue(0)

    def run_ended(self) -> None:
        self.progress.setVisible(False)
        self._rate.clear()

    def run_finished(self, how: str, epochs: int) -> None:
        """How a run ended ("completed", "early_stopping", "stopped"), for a few seconds."""
        text = {"completed": translate("status_line", "Training completed"),
                "early_stopping": translate("status_line", "Stopped early: validation loss stopped improving"),
                "stopped": translate("status_line", "Training stopped")}.get(how, how)
        after = (translate("status_line", "{what} after one epoch.") if epochs == 1
                 else translate("status_line", "{what} after {epochs} epochs."))
        self.bar.showMessage(after.format(what=text, epochs=f"{epochs:,}"), 6000)

    def show_history(self, history: History, running: bool) -> None:
        n = history.epochs
        if running:
            self._rate.append((time.perf_counter(), n))
        if self._run_target is not None and self.progress.isVisible():
            self.progress.setValue(min(n - self._run_start, self._run_target))
        self.epoch.setText(translate("status_line", "epoch {epoch}").format(epoch=f"{n:,}"))
        loss, val = history.last("train_loss"), history.last("val_loss")
        self.loss.setText(
            (
                translate("status_line", "loss –")
                if loss is None
                else translate("status_line", "loss {loss}").format(loss=f"{loss:.4g}")
            )
            + ("" if val is None else translate("status_line", " · val {loss}").format(loss=f"{val:.4g}"))
        )
        acc, r2 = history.last("train_accuracy"), history.last("train_r2")
        if acc is not None:
            vacc = history.last("val_accuracy")
            self.metric.setText(
                translate("status_line", "accuracy {accuracy}").format(accuracy=f"{acc:.1%}")
                + ("" if vacc is None else translate("status_line", " · val {accuracy}").format(accuracy=f"{vacc:.1%}"))
            )
        else:
            self.metric.setText("" if r2 is None else f"R² {r2:.4f}")
        self.rate.setText(translate("status_line", "{rate} epochs/s").format(rate=f"{self._epochs_per_second():,.0f}")
                          if running and len(self._rate) >= 2 else "")

    def show_test(self, figures: dict[str, float] | None) -> None:
        """Loss and accuracy (or R²) on the test split, after a run; None hides them."""
        if not figures:
            self.test.setText("")
            return
        metric = (translate("status_line", " · accuracy {accuracy}").format(accuracy=f"{figures['accuracy']:.1%}")
                  if "accuracy" in figures else
                  f" · R² {figures['r2']:.4f}" if "r2" in figures else "")
        self.test.setText(
            translate("status_line", "<b>test</b> loss {loss}").format(loss=f"{figures['loss']:.4g}") + metric
        )

    def _epochs_per_second(self) -> float:
        (t0, n0), (t1, n1) = self._rate[0], self._rate[-1]
        return (n1 - n0) / (t1 - t0) if t1 > t0 else 0.0
