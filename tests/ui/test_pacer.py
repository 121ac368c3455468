"""The Pacer: a redraw asked for too soon runs once, later, not never and not twice."""
from __future__ import annotations

import time

from bpgui.ui.views.pacer import Pacer


def test_requests_during_the_rest_run_once_when_it_is_over(qtbot):
    runs = []
    pacer = Pacer(lambda: (runs.append(time.perf_counter()), time.sleep(0.02)), factor=4.0)
    pacer.request()
    assert len(runs) == 1
    for _ in range(5):          # within 4 x 20 ms of the first: deferred, and merged into one
        pacer.request()
    assert len(runs) == 1
    qtbot.waitUntil(lambda: len(runs) == 2, timeout=2000)
    assert runs[1] - runs[0] >= 0.02 * 5 - 0.01
    qtbot.wait(200)
    assert len(runs) == 2


def test_a_minimum_interval_between_starts(qtbot):
    runs = []
    pacer = Pacer(lambda: runs.append(time.perf_counter()), factor=0.0)
    pacer.min_interval = 0.3
    pacer.request()
    pacer.request()
    assert len(runs) == 1
    qtbot.waitUntil(lambda: len(runs) == 2, timeout=2000)
    assert runs[1] - runs[0] >= 0.28
    pacer.run_now()             # a choice of the user's (another split) is not held back
    assert len(runs) == 3
