"""The timeline bar under the plots: a slider over a run's checkpointed epochs,
Play/Pause at a chosen speed, and a way back to the newest epoch.

The slider's positions are the checkpoints (so it snaps to them; the arrows
step one, Home/End go to the first and the last).  Its last position is
"newest": there the window follows training; anywhere else it shows that
epoch.  The bar only says what the user chose (``sigEpochChosen``,
``sigNewest``); ``TimelineController`` shows it.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QToolButton, QWidget

from .i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["TimelineBar", "SPEEDS", "NO_TIMELINE"]

SPEEDS = (1, 2, 5, 10, 20, 50)   # checkpoints a second when playing
DEFAULT_SPEED = 10
NO_TIMELINE = QT_TRANSLATE_NOOP("timeline_bar", "This network has no timeline: no checkpoints of its weights were "
                                "kept while it trained (a new or reset network, a timeline budget of 0 MB, or a "
                                "model file saved without one).")


class TimelineBar(QWidget):
    sigEpochChosen = Signal(int)   # the user moved to this (past) checkpointed epoch
    sigNewest = Signal()           # the user went back to the newest epoch
    sigBranch = Signal(int)        # "Branch here": go on from this past epoch as a new run

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.epochs = np.zeros(0, np.int64)   # the checkpointed epochs, in order
        self.newest: int | None = None      # the newest epoch of the run (the history's)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setObjectName("timelineSlider")
        self.slider.setFocusPolicy(Qt.StrongFocus)
        self.slider.valueChanged.connect(self._moved)
        self.play = QToolButton(text=translate("timeline_bar", "▶ Play"), checkable=True)
        self.play.setToolTip(
            translate("timeline_bar", "Replay the run from the epoch shown (from the first when at the newest)")
        )
        self.play.toggled.connect(self._play_toggled)
        self.speed = QComboBox()
        self.speed.addItems([f"{s}/s" for s in SPEEDS])
        self.speed.setCurrentIndex(SPEEDS.index(DEFAULT_SPEED))
        self.speed.setToolTip(translate("timeline_bar", "Checkpoints shown a second while playing"))
        self.speed.currentIndexChanged.connect(self._speed_changed)
        self.newest_button = QToolButton(text=translate("timeline_bar", "Newest ▶|"))
        self.newest_button.setToolTip(translate("timeline_bar", "Follow the newest epoch again (End)"))
        self.newest_button.clicked.connect(self.go_newest)
        self.branch_button = QToolButton(text=translate("timeline_bar", "Branch here"))
        self.branch_button.setToolTip(
            translate(
                "timeline_bar",
                "Go on from the epoch shown as a new run, with the settings you "
                "change next; the run so far is kept (Runs)",
            )
        )
        self.branch_button.clicked.connect(lambda: self.sigBranch.emit(self.epoch))
        self.label = QLabel()
        self.label.setMinimumWidth(260)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        lay.addWidget(QLabel(translate("timeline_bar", "Timeline")))
        for widget, stretch in ((self.slider, 1), (self.label, 0), (self.play, 0), (self.speed, 0),
                                (self.newest_button, 0), (self.branch_button, 0)):
            lay.addWidget(widget, stretch)
        # Playing, the next checkpoint is asked for once the last is drawn (``frame_shown``):
        # a replay never runs ahead of the views, and shows every checkpoint in turn.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._speed_changed(self.speed.currentIndex())
        self.set_epochs(None, None)

    # ------------------------------------------------------------------ state
    @property
    def following(self) -> bool:
        """At the newest epoch: the window shows training as it goes."""
        return not len(self.epochs) or self.slider.value() == self.slider.maximum()

    @property
    def epoch(self) -> int | None:
        """The past epoch chosen, or None when following the newest."""
        return None if self.following else int(self.epochs[self.slider.value()])

    def set_epochs(self, epochs, newest: int | None) -> None:
        """The timeline's checkpointed epochs (None or empty: no timeline: the bar is
        disabled); a past epoch chosen stays chosen (or the nearest one kept)."""
        chosen = self.epoch
        self.epochs = np.asarray([] if epochs is None else epochs, dtype=np.int64)
        self.newest = newest
        enabled = len(self.epochs) > 1
        for widget in (self.slider, self.play, self.speed):
            widget.setEnabled(enabled)
        self.setToolTip("" if len(self.epochs) else translate("timeline_bar", NO_TIMELINE))
        if not enabled:
            self.play.setChecked(False)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(len(self.epochs) - 1, 0))
        self.slider.setPageStep(max(1, len(self.epochs) // 10))
        self.slider.setValue(self.slider.maximum() if chosen is None else self._index_of(chosen))
        self.slider.blockSignals(False)
        self._show_label()
        if chosen is not None and self.epoch != chosen:   # thinned away, or the run went back before it
            self._moved(self.slider.value())

    def set_newest(self, newest: int) -> None:
        """The run's newest epoch (the checkpoints unchanged)."""
        self.newest = newest
        self._show_label()

    def choose(self, epoch: int) -> None:
        """Move to the checkpoint nearest ``epoch`` (as a user's move)."""
        if len(self.epochs):
            self.slider.setValue(self._index_of(epoch))

    @Slot()
    def go_newest(self) -> None:
        self.play.setChecked(False)
        self.slider.setValue(self.slider.maximum())

    def _index_of(self, epoch: int) -> int:
        i = int(np.searchsorted(self.epochs, epoch))
        if i == len(self.epochs) or (i > 0 and epoch - self.epochs[i - 1] <= self.epochs[i] - epoch):
            i -= 1
        return max(i, 0)

    # ---------------------------------------------------------------- reacting
    @Slot(int)
    def _moved(self, _value: int) -> None:
        self._show_label()
        if self.following:
            self.sigNewest.emit()
        else:
            self.sigEpochChosen.emit(self.epoch)

    def _show_label(self) -> None:
        n = len(self.epochs)
        self.newest_button.setEnabled(not self.following)
        self.branch_button.setEnabled(not self.following)
        if not n:
            self.label.setText(translate("timeline_bar", "no timeline"))
            return
        count = (
            translate("timeline_bar", "{n} checkpoints") if n != 1 else translate("timeline_bar", "{n} checkpoint")
        ).format(n=f"{n:,}")
        newest = self.newest if self.newest is not None else int(self.epochs[-1])
        if self.following:
            self.label.setText(
                translate("timeline_bar", "newest: epoch {newest} · {count}").format(newest=f"{newest:,}", count=count)
            )
        else:
            self.label.setText(
                translate(
                    "timeline_bar", "<b>showing epoch {epoch}</b> of {newest} — newest: {newest} · {count}"
                ).format(epoch=f"{self.epoch:,}", newest=f"{newest:,}", count=count)
            )

    @Slot(bool)
    def _play_toggled(self, on: bool) -> None:
        self.play.setText(translate("timeline_bar", "❚❚ Pause") if on else translate("timeline_bar", "▶ Play"))
        if not on:
            self._timer.stop()
            return
        if self.following:
            self.slider.setValue(0)
        self._timer.start()

    @Slot(int)
    def _speed_changed(self, index: int) -> None:
        self._timer.setInterval(round(1000 / SPEEDS[index]))

    @Slot()
    def _tick(self) -> None:
        self.slider.setValue(self.slider.value() + 1)
        if self.following:   # the end: the newest epoch
            self.play.setChecked(False)

    @Slot()
    def frame_shown(self) -> None:
        """The checkpoint asked for is in sight: playing, the next one follows in turn."""
        if self.play.isChecked():
            self._timer.start()
