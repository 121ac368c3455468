"""Keeps a costly redraw to a share of the GUI thread's time.

The window already throttles the views' updates (at most 10 a second); a
view whose redraw grows with the data (predicting every row of a split)
also waits, after each redraw, for ``factor`` times as long as it took, so
a large data set slows that view's refresh, not the window; and, when
``min_interval`` is set, that many seconds from one start to the next (a
table re-sorted ten times a second cannot be read).
"""
from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer

__all__ = ["Pacer"]


class Pacer(QObject):
    def __init__(self, work: Callable[[], None], factor: float = 4.0, parent=None) -> None:
        super().__init__(parent)
        self._work = work
        self.factor = factor
        self.min_interval = 0.0
        self._free_at = 0.0          # perf_counter time from which the next run may start
        self._started = -1e9
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.PreciseTimer)   # a coarse timer may fire 5 % early, and find the rest not over
        self._timer.timeout.connect(self.run_now)

    def request(self) -> None:
        """Run now if the last run's rest is over, else once when it is."""
        now = time.perf_counter()
        wait = max(self._free_at - now, self._started + self.min_interval - now)
        if wait <= 0:
            self.run_now()
        elif not self._timer.isActive():
            self._timer.start(max(1, round(wait * 1000)))

    def run_now(self) -> None:
        self._timer.stop()
        start = self._started = time.perf_counter()
        self._work()
        end = time.perf_counter()
        self._free_at = end + self.factor * (end - start)
