"""What recording the weights' timeline costs the training loop (issue 13: at most 5 %).

    python benchmarks/timeline_cost.py [--cases xor,mlp] [--optimizer adam] [--seconds 60] [--samples 4096]

Two identical runs of bpgui's float32 loop (``Trainer.reports``, the loop behind
the window and the CLI) live in this process, one checkpointing every epoch
through ``Timeline.recorder`` (as ``Session.run`` and the window's training
child do; budget ``--timeline-mb``, default 256 MB), the other not.  They take turns: a
stretch of about ``--segment`` seconds of epochs each, in alternating order,
for ``--seconds`` in all.  On these shared machines the loop's speed moves by
tens of percent from one second to the next; runs that take turns every few
milliseconds see the same machine, where rounds of half a second each did not
(the medians of such rounds moved by 3 points between two runs of the script).

Printed per case: the epochs each run made, the pooled ratio (the recording
run's steps per second over the other's, over all its stretches) and the
median and quartiles of the per-pair ratios.  Cases as in engine.py.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from engine import CASES, make_data  # noqa: E402

from bpgui.core import Network, Trainer  # noqa: E402
from bpgui.core.timeline import Timeline  # noqa: E402


class Run:
    """One training run of ``case``; ``train(epochs)`` goes on for that many epochs and
    returns the wall seconds they took."""

    def __init__(self, case: dict, optimizer: str, record: bool, budget_mb: float) -> None:
        X, Y = make_data(case)
        net = Network(case["sizes"][0], list(zip(case["sizes"][1:], case["acts"])), loss=case["loss"],
                      init="he" if case["acts"][0] == "relu" else "xavier", seed=0, dtype="float32")
        trainer = Trainer(net, optimizer=optimizer, lr=0.01, batch_size=case["batch"], shuffle=True, seed=0)
        self.record = record
        self.timeline = Timeline(net.sizes, int(budget_mb * 2**20)) if record else None
        self._recorder = self.timeline.recorder(trainer) if record else None
        self._reports = trainer.reports(X, Y)
        self.seconds, self.epochs = 0.0, 0
        self.train(2)   # warm up (and, recording, the two exact rows that set the pace)
        self.seconds, self.epochs = 0.0, 0

    def train(self, epochs: int) -> float:
        reports, recorder = self._reports, self._recorder
        start = time.perf_counter()
        for _ in range(epochs):
            report = next(reports)
            if recorder is not None:
                recorder(report.stats.epoch)
        took = time.perf_counter() - start
        self.seconds += took
        self.epochs += epochs
        return took


def compare(case: dict, optimizer: str, seconds: float, segment: float, budget_mb: float) -> None:
    off, on = Run(case, optimizer, False, budget_mb), Run(case, optimizer, True, budget_mb)
    epochs = max(1, round(segment / (off.train(5) / 5)))
    ratios = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        pair = (off, on) if len(ratios) % 2 == 0 else (on, off)
        took = {run.record: run.train(epochs) for run in pair}
        ratios.append(took[False] / took[True])   # the same epochs: on/off steps per second
    q1, median, q3 = statistics.quantiles(ratios, n=4)
    pooled = (on.epochs / on.seconds) / (off.epochs / off.seconds)
    print(f"  {len(ratios)} pairs of {epochs} epochs; epochs/s off {off.epochs / off.seconds:,.0f}, "
          f"on {on.epochs / on.seconds:,.0f}; timeline {len(on.timeline):,} checkpoints, "
          f"{on.timeline.nbytes / 2**20:.1f} MB, stride {on.timeline.stride}")
    print(f"  on/off: pooled {pooled:.3f}, median {median:.3f} (quartiles {q1:.3f}-{q3:.3f})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default="xor,mlp")
    ap.add_argument("--optimizer", default="sgd")
    ap.add_argument("--seconds", type=float, default=60.0, help="time for each case (default 60)")
    ap.add_argument("--segment", type=float, default=0.02, help="seconds of one run's turn (default 0.02)")
    ap.add_argument("--samples", type=int, default=None, help="samples of the mlp/wide cases (default 2048)")
    ap.add_argument("--timeline-mb", type=float, default=256.0, help="the timeline's budget (default 256)")
    args = ap.parse_args()
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}  load average {os.getloadavg()[0]:.2f}  "
          f"optimizer {args.optimizer}")
    for name in args.cases.split(","):
        case = CASES[name] if args.samples is None or name == "xor" else dict(CASES[name], n=args.samples)
        print(f"{name}:")
        compare(case, args.optimizer, args.seconds, args.segment, args.timeline_mb)
    print(f"# load average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
