"""What recording the weights' timeline costs the training loop (issue 13: at most 5 %).

    python benchmarks/timeline_cost.py [--cases xor,mlp] [--optimizer adam] [--seconds 60] [--samples 4096]
                                       [--loop engine|window]

Two identical runs of bpgui's float32 training live in this process, one
checkpointing every epoch (budget ``--timeline-mb``, default 256 MB), the
other not.  ``--loop engine`` (the default) runs ``Trainer.reports`` with
``Timeline.recorder`` after each epoch and nothing else: the leanest loop
there is, where a record weighs most; ``--loop window`` runs the rounds of
the window's training child (``TrainingChild`` with its ``JobTimeline``), its
progress messages replaced by taking the history's columns after each round.
(The CLI's ``Session.run`` copies every epoch's weights into a snapshot: a
record weighs less there.)  They take turns: a stretch of about ``--segment``
seconds of epochs each, in alternating order, for ``--seconds`` in all.  On these shared machines the loop's speed moves by
tens of percent from one second to the next; runs that take turns every few
milliseconds see the same machine, where rounds of half a second each did not
(the medians of such rounds moved by 3 points between two runs of the script).

Printed per case: the epochs each run made, the pooled ratio (the recording
run's steps per second over the other's, over all its stretches) and the
median and quartiles of the per-pair ratios.  Cases as in engine.py.
"""
from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from multiprocessing import Pipe

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from engine import CASES, make_data  # noqa: E402

from bpgui.core import Network, Trainer  # noqa: E402
from bpgui.core.timeline import Timeline  # noqa: E402
from bpgui.runner.child import POLL_INTERVAL, TrainingChild  # noqa: E402
from bpgui.runner.job_timeline import JobTimeline  # noqa: E402
from bpgui.runner.wire import Outbox  # noqa: E402


def _trainer(case: dict, optimizer: str) -> Trainer:
    net = Network(case["sizes"][0], list(zip(case["sizes"][1:], case["acts"])), loss=case["loss"],
                  init="he" if case["acts"][0] == "relu" else "xavier", seed=0, dtype="float32")
    return Trainer(net, optimizer=optimizer, lr=0.01, batch_size=case["batch"], shuffle=True, seed=0)


class EngineRun:
    """``Trainer.reports`` of ``case``, each epoch recorded or not; ``turn(seconds)``
    trains about that long and returns (epochs, wall seconds)."""

    def __init__(self, case: dict, optimizer: str, record: bool, budget_mb: float) -> None:
        X, Y = make_data(case)
        trainer = _trainer(case, optimizer)
        self.timeline = Timeline(trainer.net.sizes, int(budget_mb * 2**20)) if record else None
        self._recorder = self.timeline.recorder(trainer) if record else None
        self._reports = trainer.reports(X, Y)
        self._epochs = 2
        self.turn(0.0)   # warm up (and, recording, the two exact rows that set the pace)
        self._epochs = 5

    def turn(self, seconds: float) -> tuple[int, float]:
        """``seconds`` is only fit()'s: every turn trains the same epochs."""
        reports, recorder, epochs = self._reports, self._recorder, self._epochs
        start = time.perf_counter()
        for _ in range(epochs):
            report = next(reports)
            if recorder is not None:
                recorder(report.stats.epoch)
        return epochs, time.perf_counter() - start

    def fit(self, seconds: float) -> None:
        """Make a turn take about ``seconds`` (the same number of epochs each turn)."""
        epochs, took = self.turn(seconds)
        self._epochs = max(1, round(seconds * epochs / took))


class WindowRun:
    """The window's training child on ``case`` (runner/child.py), with its job's timeline
    or without; ``turn(seconds)`` runs its rounds (each trains until its next look at
    the pipe, ``POLL_INTERVAL``) for about that long."""

    def __init__(self, case: dict, optimizer: str, record: bool, budget_mb: float) -> None:
        X, Y = make_data(case)
        self._trainer = trainer = _trainer(case, optimizer)
        job = JobTimeline(trainer, trainer.net.sizes, int(budget_mb * 2**20), 0) if record else None
        self._conn, self._window_end = Pipe()   # nothing is ever sent: the pipe is only looked at
        self._child = TrainingChild(self._conn, Outbox(self._conn), trainer, trainer.reports(X, Y), None,
                                    interval=math.inf, timeline=job)
        trainer.step_hook = self._child._between_steps   # as TrainingChild.run sets it
        self.timeline = None if job is None else job._timeline
        self.turn(POLL_INTERVAL)

    def turn(self, seconds: float) -> tuple[int, float]:
        child, trainer = self._child, self._trainer
        rounds = max(1, round(seconds / POLL_INTERVAL))
        before, start = trainer.epochs_done, time.perf_counter()
        for _ in range(rounds):
            child._round()
            child._history.take()   # what a progress message takes, every round rather than every 40 ms
        return trainer.epochs_done - before, time.perf_counter() - start

    def fit(self, seconds: float) -> None:
        pass


LOOPS = {"engine": EngineRun, "window": WindowRun}


def compare(case: dict, optimizer: str, seconds: float, segment: float, budget_mb: float, loop: str) -> None:
    off, on = (LOOPS[loop](case, optimizer, record, budget_mb) for record in (False, True))
    for run in (off, on):
        run.fit(segment)
    totals = {off: [0, 0.0], on: [0, 0.0]}
    ratios = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        pair = (off, on) if len(ratios) % 2 == 0 else (on, off)
        rates = {}
        for run in pair:
            epochs, took = run.turn(segment)
            totals[run][0] += epochs
            totals[run][1] += took
            rates[run] = epochs / took
        ratios.append(rates[on] / rates[off])
    q1, median, q3 = statistics.quantiles(ratios, n=4)
    rate_off, rate_on = (totals[run][0] / totals[run][1] for run in (off, on))
    timeline = on.timeline
    print(f"  {len(ratios)} pairs of turns of {segment * 1000:.0f} ms; epochs/s off {rate_off:,.0f}, "
          f"on {rate_on:,.0f}; timeline {len(timeline):,} checkpoints, "
          f"{timeline.nbytes / 2**20:.1f} MB, stride {timeline.stride}")
    print(f"  on/off: pooled {rate_on / rate_off:.3f}, median {median:.3f} (quartiles {q1:.3f}-{q3:.3f})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default="xor,mlp")
    ap.add_argument("--optimizer", default="sgd")
    ap.add_argument("--seconds", type=float, default=60.0, help="time for each case (default 60)")
    ap.add_argument("--segment", type=float, default=0.02, help="seconds of one run's turn (default 0.02)")
    ap.add_argument("--samples", type=int, default=None, help="samples of the mlp/wide cases (default 2048)")
    ap.add_argument("--timeline-mb", type=float, default=256.0, help="the timeline's budget (default 256)")
    ap.add_argument("--loop", choices=sorted(LOOPS), default="engine", help="the loop measured (default engine)")
    args = ap.parse_args()
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}  load average {os.getloadavg()[0]:.2f}  "
          f"optimizer {args.optimizer}, {args.loop} loop")
    for name in args.cases.split(","):
        case = CASES[name] if args.samples is None or name == "xor" else dict(CASES[name], n=args.samples)
        print(f"{name}:")
        compare(case, args.optimizer, args.seconds, args.segment, args.timeline_mb, args.loop)
    print(f"# load average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
