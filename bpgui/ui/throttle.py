"""`Throttle`: run a redraw at most once per interval, and always for the latest state.

A request inside the interval is not dropped: one call comes when the
interval is over, so the last weights or epochs of a burst are always drawn.
A redraw that takes longer than half the interval stretches it to twice its
own time, so a costly view (a PCA of 784-128-64-10 activations) takes at most
a third of the GUI thread, and the window keeps answering.
"""
from __future__ import annotations

import time
import weakref

from PySide6.QtCore import QObject, QTimer

__all__ = ["Throttle"]


class Throttle(QObject):
    def __init__(self, interval_s: float, redraw, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_s = interval_s
        self._gap = interval_s        # the interval, stretched by a slow redraw
        # Held weakly: a child QObject holding its window in a reference cycle crashed PySide's
        # garbage collection (a segfault in a later test).
        self._redraw = weakref.WeakMethod(redraw)
        self._at = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.now)

    def request(self) -> None:
        wait = self._gap - (time.perf_counter() - self._at)
        if wait <= 0:
            self.now()
        elif not self._timer.isActive():   # the latest state, when the interval is over
            self._timer.start(max(1, round(wait * 1000)))

    def now(self) -> None:
        self._timer.stop()    # a pending call would come right after this one
        self._at = time.perf_counter()
        redraw = self._redraw()
        if redraw is not None:
            redraw()
        self._gap = max(self.interval_s, 2 * (time.perf_counter() - self._at))

    def cancel(self) -> None:
        self._timer.stop()
