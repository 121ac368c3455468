"""What building one window costs: the median time of ``MainWindow()`` (hidden, as a
test that never shows it) and of ``MainWindow()`` plus ``show()`` (as the tests'
``window`` fixture), wall clock and this process's CPU time (the CPU time hardly
depends on what else the machine runs).

    QT_QPA_PLATFORM=offscreen python benchmarks/window_build.py [--windows 10] [--profile]

``--profile`` prints cProfile's 25 costliest calls (cumulative) of building them.
Figures, with the machine and date, go to docs/benchmarks.md ("The test suite").
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from bpgui.ui.app import make_app  # noqa: E402
from bpgui.ui.main_window import MainWindow  # noqa: E402


def build_ms(app, windows: int, show: bool) -> tuple[float, float]:
    """Median (wall, CPU) milliseconds of building one window (and showing it)."""
    wall, cpu = [], []
    for _ in range(windows):
        w0, c0 = time.perf_counter(), time.process_time()
        win = MainWindow()
        if show:
            win.resize(1400, 900)
            win.show()
            app.processEvents()
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        win.controller.shutdown()
        win.close()
        win.deleteLater()
        app.processEvents()
        gc.collect()
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--windows", type=int, default=10)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    app = make_app()
    build_ms(app, 1, show=True)   # the first window pays for imports and fonts
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(build_ms, app, args.windows, False)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return
    for show in (False, True):
        wall, cpu = build_ms(app, args.windows, show)
        print(f"{'built and shown' if show else 'built, hidden  '}: {wall:6.0f} ms wall, {cpu:6.0f} ms CPU")


if __name__ == "__main__":
    main()
