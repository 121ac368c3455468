"""At most one redraw per interval, and the last request of a burst is always drawn."""
from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject

from bpgui.ui.throttle import Throttle


class Counter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[float] = []
        self.throttle = Throttle(0.1, self.redraw, self)

    def redraw(self) -> None:
        self.calls.append(time.perf_counter())


def test_a_burst_draws_at_once_then_once_more_at_the_end_of_the_interval(qtbot):
    c = Counter()
    for _ in range(50):
        c.throttle.request()
    assert len(c.calls) == 1
    qtbot.waitUntil(lambda: len(c.calls) == 2, timeout=1000)
    assert c.calls[1] - c.calls[0] >= 0.09
    qtbot.wait(250)
    assert len(c.calls) == 2


def test_the_throttle_does_not_keep_its_owner_alive(qtbot):
    c = Counter()
    c.throttle.request()
    c.throttle.request()                 # a pending call
    del c
    gc.collect()
    qtbot.wait(150)                      # the timer fires: nothing to call, nothing crashes


class SlowCounter(Counter):
    def redraw(self) -> None:
        super().redraw()
        time.sleep(0.12)


def test_a_slow_redraw_stretches_the_interval_to_twice_its_time(qtbot):
    c = SlowCounter()
    c.throttle.request()
    c.throttle.request()
    qtbot.waitUntil(lambda: len(c.calls) == 2, timeout=2000)
    assert c.calls[1] - c.calls[0] >= 0.23     # twice the 0.12 s redraw, not the 0.1 s interval
