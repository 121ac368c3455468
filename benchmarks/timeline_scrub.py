"""Scrubbing the timeline: ms from a move of the timeline bar's slider to every view
showing that epoch, in the real window (offscreen), 784-128-64-10 on 4,096 rows
of 784 inputs (sgd, batch 128), at random checkpointed epochs.

    QT_QPA_PLATFORM=offscreen python benchmarks/timeline_scrub.py [--epochs 30] [--moves 100] [--view "Output map"]

A move is timed from ``slider.setValue`` until the window's event loop has drawn the
epoch (the visible view, the network view, the heatmap, the gradient norms) and
painted what changed.  Then each part on its own, to see where the time goes.
Figures, with the machine, date and load, go to docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bpgui.ui.app import make_app  # noqa: E402

from gui_responsiveness import CASES, open_case, show_view  # noqa: E402
from bpgui.ui.main_window import MainWindow  # noqa: E402


def trained_window(app: QApplication, epochs: int, view: str) -> MainWindow:
    """The window on the 784-wide case, its network trained ``epochs`` epochs with the
    timeline recording (headless, in this process: the figures are the window's drawing)."""
    make_data, settings = CASES["mlp"]
    settings.epochs = epochs
    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    open_case(win, make_data(), settings)
    show_view(win, view)
    app.processEvents()
    t0 = time.perf_counter()
    for _ in win.doc.session.run(epochs):
        pass
    print(f"# trained {epochs} epochs in {time.perf_counter() - t0:.1f} s; "
          f"{len(win.model.timeline)} checkpoints", flush=True)
    win.doc.trained()
    win._show_weights()   # shows the trained network; tells the timeline bar (timeline_changed)
    app.processEvents()
    return win


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def time_moves(app: QApplication, win: MainWindow, moves: int, seed: int = 0,
               cpu: list[float] | None = None, drawn: list[float] | None = None) -> list[float]:
    """ms per slider move to a random past checkpoint, until drawn and painted (wall
    clock); ``cpu`` gets this process's CPU ms for each, ``drawn`` the wall ms until the
    views had the epoch, before the paints."""
    bar, rng = win.timeline.bar, np.random.default_rng(seed)
    shown: list[int] = []
    win.timeline.sigEpochShown.connect(shown.append)
    times = []
    for _ in range(moves):
        index = int(rng.integers(0, bar.slider.maximum()))   # the last position is "newest"
        if index == bar.slider.value():
            continue
        shown.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        bar.slider.setValue(index)
        while not shown:
            app.processEvents()
        if drawn is not None:
            drawn.append((time.perf_counter() - start) * 1000)
        app.processEvents()   # the paints the new data asked for
        times.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert shown == [bar.epochs[index]]
    return times


def parts(win: MainWindow, rounds: int = 20) -> dict[str, float]:
    """Median ms of each part of drawing one epoch, called on its own."""
    t, model = win.timeline, win.model
    epochs = model.timeline.epochs
    rng = np.random.default_rng(1)
    out: dict[str, list[float]] = {}

    def clock(name, fn, *args):
        start = time.perf_counter()
        result = fn(*args)
        out.setdefault(name, []).append((time.perf_counter() - start) * 1000)
        return result

    for _ in range(rounds):
        epoch = epochs[int(rng.integers(0, len(epochs)))]
        weights, biases = clock("timeline.weights_at", model.timeline.weights_at, epoch)
        clock("network view: edges", win.editor.set_parameters, weights, biases)
        clock("heatmap", win.heatmap.set_weights, weights)
        clock("gradient norms (compute)", t._norms_at, weights, biases)
        t._net.weights, t._net.biases = weights, biases
        clock("visible view", win.views.update_model, model, t._net)
        clock("network view: neuron maps", win.editor.update_model, model, t._net)
    return {name: statistics.median(v) for name, v in out.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--moves", type=int, default=100)
    ap.add_argument("--view", default="Output map")
    args = ap.parse_args()
    app = make_app()   # as the app starts: one BLAS thread unless OPENBLAS_NUM_THREADS says otherwise
    load = os.getloadavg()
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}  {os.cpu_count()} cores  load {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f}  view {args.view!r}  OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '-')}")
    win = trained_window(app, args.epochs, args.view)
    cpu: list[float] = []
    drawn: list[float] = []
    times = time_moves(app, win, args.moves, cpu=cpu, drawn=drawn)
    print(f"slider move -> drawn and painted: median {statistics.median(times):.1f} ms, "
          f"p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms over {len(times)} moves")
    print(f"  of which until drawn (before the paints): median {statistics.median(drawn):.1f} ms, "
          f"p95 {percentile(drawn, 95):.1f} ms")
    print(f"  this process's CPU time a move: median {statistics.median(cpu):.1f} ms, p95 {percentile(cpu, 95):.1f} ms")
    for name, ms in parts(win).items():
        print(f"  {name:28} {ms:6.1f} ms")
    print(f"# load at the end {os.getloadavg()[0]:.2f}")
    win.doc.saved("benchmark")   # nothing to ask on close
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
