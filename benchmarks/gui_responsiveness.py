"""Is the window responsive while it trains at full speed?

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_responsiveness.py [--seconds 20] [--cases xor,mlp]

For each case the real MainWindow trains with every view live (network
view, loss and metric curves, weight heatmap, gradient norms, decision
boundary), driven by the real TrainingController, while this script
measures:

* lateness of a 10 ms precise QTimer in the GUI thread (p50 / p95 / max);
* how often the views redraw (snapshots handled and network-view paints per second);
* training steps/s inside the app, against the headless engine's steps/s
  (``Trainer.reports`` in a loop in this process, same network and data,
  checkpointing every epoch for the timeline as the child does): the
  run is cut into segments (3 s, or 20 s for runs over a minute); training
  pauses between them while the headless loop runs for 1.5 s; each segment's
  rate is set against the mean of the headless runs just before and just
  after it, so that both are taken under the same machine conditions (the
  headless loop alone moves 20-35 % from minute to minute here, and by up
  to 30 % between one second and the next for XOR); the ratio is the median
  over the segments, with its range, the share of segments at or above 90 %,
  and the pooled ratio (all steps in the app over all its time, against the
  mean headless rate);
* resident memory of the GUI process and the training child, sampled every
  10 s: start, peak, growth between the first and last third of the run, and
  growth from the first minute's end to the run's end.

Targets (issue #4): p95 lateness <= 50 ms, >= 20 redraws/s, >= 90 % of the
headless steps/s, flat memory over a 10-minute run (``--seconds 600``).
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bpgui.core.builtin_data import gate_dataset, toy_dataset  # noqa: E402
from bpgui.core.dataset import Dataset  # noqa: E402
from bpgui.core.session import Session  # noqa: E402
from bpgui.core.training_settings import TrainingSettings  # noqa: E402
from bpgui.core.training import Trainer  # noqa: E402
from bpgui.core.timeline import MB  # noqa: E402
from bpgui.runner.job_timeline import JobTimeline  # noqa: E402
from bpgui.ui.main_window import MainWindow  # noqa: E402


HEADLESS_S = 1.5   # headless measurement between segments


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def mnist_like(n: int = 4096) -> Dataset:
    rng = np.random.default_rng(0)
    X = rng.random((n, 784))
    labels = rng.integers(0, 10, n)
    return Dataset(X=X, Y=np.eye(10)[labels], feature_names=[f"p{i}" for i in range(784)],
                   target_names=[f"digit={k}" for k in range(10)], class_names=[str(k) for k in range(10)],
                   task="multiclass", source={"kind": "benchmark"}, name="784-pixel noise",
                   image_shape=(28, 28))


CASES = {
    "xor": (lambda: gate_dataset("xor"),
            TrainingSettings(hidden=[(4, "tanh")], optimizer="adam", lr=0.03, epochs=None)),
    "toy": (lambda: toy_dataset("spiral", n_samples=400, noise=0.1, seed=0),
            TrainingSettings(hidden=[(8, "tanh"), (8, "tanh")], optimizer="adam", lr=0.03, epochs=None)),
    "mlp": (mnist_like,
            TrainingSettings(hidden=[(128, "relu"), (64, "relu")], optimizer="sgd", lr=0.01,
                             batch_size=128, init="he", epochs=None)),
}


HEADLESS_THREADS: int | None = None   # --headless-threads (a diagnostic): BLAS threads of the headless loop


def headless_steps_per_s(session: Session, seconds: float) -> float:
    """The engine alone in this process: the loop the training child runs, without the window."""
    if HEADLESS_THREADS is not None:
        from threadpoolctl import threadpool_limits   # a benchmark-only tool: pip install threadpoolctl

        with threadpool_limits(HEADLESS_THREADS):
            return _headless(session, seconds)
    return _headless(session, seconds)


def _headless(session: Session, seconds: float) -> float:
    net = session.model.network.copy()
    s = session.settings
    tr = Trainer(net, optimizer=s.optimizer, lr=s.lr, batch_size=s.batch_size, seed=s.seed, **s.hyperparameters)
    # The child checkpoints every epoch for the timeline, and so does this loop (as `bpgui train` does).
    timeline = JobTimeline(tr, net.sizes, int(s.timeline_mb * MB), 0) if s.timeline_mb else None
    reports = tr.reports(*session.train_xy)
    next(reports)
    steps, start = 0, time.perf_counter()
    for report in reports:
        steps += report.stats.steps
        if timeline is not None:
            timeline.record(report.stats.epoch - timeline.offset)
        if time.perf_counter() - start >= seconds:
            break
    return steps / (time.perf_counter() - start)


class PaintCounter(QObject):
    def __init__(self, widget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Paint:
            self.count += 1
        return False


def open_case(win: MainWindow, ds: Dataset, settings: TrainingSettings) -> None:
    """What "open data + set the training panel" does in the window, through the
    window's document (the benchmark's data has no file to open); the panels show the case."""
    win.doc.set_data(ds)
    win.doc.set_settings(settings)


VIEW = "Output map"   # --view: the tab shown beside the network while training (only it is drawn)


def show_view(win: MainWindow, title: str) -> None:
    titles = [win.views.tabText(k) for k in range(win.views.count())]
    if title not in titles:
        raise SystemExit(f"--view: no view {title!r}; the views: {', '.join(titles)}")
    win.views.setCurrentIndex(titles.index(title))


def run_case(app: QApplication, name: str, seconds: float) -> dict:
    make_data, settings = CASES[name]
    win = MainWindow()
    win.resize(1400, 900)
    win.show()
    win.training_panel.speed.set_speed(None)   # full speed, whatever the window last remembered
    ds = make_data()
    open_case(win, ds, settings)
    show_view(win, VIEW)
    for _ in range(20):
        app.processEvents()

    lateness: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    probe = QTimer()
    probe.setTimerType(Qt.PreciseTimer)
    probe.setInterval(10)
    last = [0]

    def tick() -> None:
        now = clock.nsecsElapsed()
        if last[0]:
            lateness.append(max(0.0, (now - last[0]) / 1e6 - 10.0))
        last[0] = now

    probe.timeout.connect(tick)
    snaps: list[tuple[float, int]] = []
    win.controller.sigSnapshot.connect(lambda s: snaps.append((time.perf_counter(), s.steps)))
    painter = PaintCounter(win.editor.canvas if hasattr(win.editor, "canvas") else win.editor)
    memory: list[tuple[float, float, float]] = []
    start = time.perf_counter()

    def sample_memory() -> None:
        child = win.controller.runner.process
        if child is None:
            return
        memory.append((time.perf_counter() - start, rss_mb(os.getpid()), rss_mb(child.pid)))
        if os.environ.get("BPGUI_BENCH_VERBOSE"):
            print(f"  {memory[-1][0]:5.0f} s  gui {memory[-1][1]:.0f} MB  child {memory[-1][2]:.0f} MB  "
                  f"epochs {win.history.epochs:,}  rows {len(win.history):,}", flush=True)

    def run_events(span: float) -> None:
        """The window's own event loop runs the show, as in the application."""
        loop = QEventLoop()
        QTimer.singleShot(int(span * 1000), loop.quit)
        loop.exec()

    # The run is cut into segments with a headless run before, between and
    # after them; each segment is paired with the two headless runs around it.
    segment = 3.0 if seconds <= 60 else 20.0
    n_segments = max(1, round(seconds / segment))
    sampler = QTimer()
    sampler.setInterval(10_000)
    sampler.timeout.connect(sample_memory)
    ratios, app_rates, headless_rates = [], [], []
    app_time = app_span = 0.0
    app_steps = 0
    n_snaps = n_paints = 0
    headless_before = headless_steps_per_s(win.session, HEADLESS_S)
    headless_rates.append(headless_before)
    for k in range(n_segments):
        if k == 0:
            win.controller.start(win.session, None)
            sampler.start()   # first sample after 10 s: the child is up (its start-up is not growth)
        else:
            win.controller.resume()
        snaps.clear()
        painter.count = 0
        seg_start = time.perf_counter()
        last[0] = 0
        probe.start()
        run_events(segment)
        probe.stop()
        seg_time = time.perf_counter() - seg_start
        app_time += seg_time
        n_snaps += len(snaps)
        n_paints += painter.count
        # Steps/s from the snapshots' step counter (the time between the first
        # and the last snapshot counted), skipping the child's start-up (1 s)
        # or its resuming (a pause is heard within 50 ms).
        skip = 1.0 if k == 0 else 0.3
        steady = [(t, s) for t, s in snaps if t - seg_start > skip]
        win.controller.pause()
        run_events(0.3)   # the child hears the pause and stops
        headless_after = headless_steps_per_s(win.session, HEADLESS_S)
        headless_rates.append(headless_after)
        if len(steady) > 1:
            rate = (steady[-1][1] - steady[0][1]) / (steady[-1][0] - steady[0][0])
            app_rates.append(rate)
            app_steps += steady[-1][1] - steady[0][1]
            app_span += steady[-1][0] - steady[0][0]
            ratios.append(rate / ((headless_before + headless_after) / 2))
            if os.environ.get("BPGUI_BENCH_VERBOSE"):
                print(f"  segment {k + 1}: app {rate:,.0f} steps/s, headless {headless_before:,.0f} before "
                      f"and {headless_after:,.0f} after: {ratios[-1]:.0%}", flush=True)
        headless_before = headless_after
    sampler.stop()
    sample_memory()
    win.controller.stop()
    win.controller.wait_idle(20)
    elapsed = time.perf_counter() - start

    segments = len(ratios)
    if not ratios:   # no segment had two snapshots in its steady part: nothing to compare
        nan = float("nan")
        ratios, app_rates, app_steps, app_span = [nan], [nan], 0, nan
    late = sorted(lateness)
    third = max(1, len(memory) // 3)
    mem_growth = (statistics.mean(m[1] + m[2] for m in memory[-third:])
                  - statistics.mean(m[1] + m[2] for m in memory[:third])) if len(memory) >= 3 else float("nan")
    # Past the first minute (the history's rows fill up to their bound early in a fast run).
    settled = [m[1] + m[2] for m in memory if m[0] >= 60.0]
    growth_after_1min = settled[-1] - settled[0] if len(settled) >= 2 else float("nan")
    result = {
        "case": name,
        "seconds": elapsed,
        "training_seconds": app_time,
        "lateness_p50_ms": late[len(late) // 2],
        "lateness_p95_ms": late[int(len(late) * 0.95)],
        "lateness_max_ms": late[-1],
        "snapshots_per_s": n_snaps / app_time,
        "paints_per_s": n_paints / app_time,
        "steps_per_s_app": statistics.mean(app_rates),
        "steps_per_s_headless": statistics.mean(headless_rates),
        "app_vs_headless": statistics.median(ratios),
        "app_vs_headless_range": (min(ratios), max(ratios)),
        "app_vs_headless_pooled": (app_steps / app_span) / statistics.mean(headless_rates),
        "app_vs_headless_share_90": sum(r >= 0.9 for r in ratios) / len(ratios),
        "segments": segments,
        "memory_mb_start": memory[0][1] + memory[0][2] if memory else float("nan"),
        "memory_growth_mb": mem_growth,
        "memory_peak_mb": max((m[1] + m[2] for m in memory), default=float("nan")),
        "memory_growth_after_1min_mb": growth_after_1min,
    }
    win.controller.shutdown()
    win.deleteLater()   # not close(): it would ask about the unsaved network
    app.processEvents()
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30.0,
                    help="training time per case, in segments of 3 s (20 s past a minute); 600 for the memory soak")
    ap.add_argument("--cases", default="xor,toy,mlp")
    ap.add_argument("--view", default="Output map",
                    help="the view tab shown while training (Output map, Hidden space, Results, Try it, Images...)")
    ap.add_argument("--headless-threads", type=int, default=None,
                    help="a diagnostic: limit the headless loop's BLAS threads (default: as the engine runs, "
                         "two here; the child runs one); needs threadpoolctl")
    args = ap.parse_args()
    global HEADLESS_THREADS, VIEW
    HEADLESS_THREADS, VIEW = args.headless_threads, args.view
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}  {platform.machine()}  {os.cpu_count()} cores  "
          f"Python {platform.python_version()}  QPA {os.environ.get('QT_QPA_PLATFORM')}")
    for name in args.cases.split(","):
        r = run_case(app, name, args.seconds)
        print(f"{r['case']:4}  [{VIEW}]  {r['seconds']:.0f} s  lateness p50 {r['lateness_p50_ms']:.1f} ms  "
              f"p95 {r['lateness_p95_ms']:.1f} ms  max {r['lateness_max_ms']:.0f} ms  |  "
              f"snapshots {r['snapshots_per_s']:.1f}/s  network paints {r['paints_per_s']:.1f}/s  |  "
              f"steps/s app {r['steps_per_s_app']:.0f} vs headless {r['steps_per_s_headless']:.0f} "
              f"(median of segments {r['app_vs_headless']:.0%}, range {r['app_vs_headless_range'][0]:.0%}"
              f"-{r['app_vs_headless_range'][1]:.0%}, {r['app_vs_headless_share_90']:.0%} of "
              f"{r['segments']} segments >= 90 %; pooled {r['app_vs_headless_pooled']:.0%})  |  memory {r['memory_mb_start']:.0f} MB, peak "
              f"{r['memory_peak_mb']:.0f} MB, growth {r['memory_growth_mb']:+.1f} MB (first to last third), "
              f"{r['memory_growth_after_1min_mb']:+.1f} MB after the first minute")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
