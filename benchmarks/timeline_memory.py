"""Memory of a long run that records the weights' timeline (issue 13).

    python benchmarks/timeline_memory.py [--seconds 600] [--timeline-mb 256]

Trains headless through ``Session.run`` (the CLI's loop: history and timeline
both recorded every epoch) for ``--seconds`` and samples this process's
resident memory (VmRSS) every 5 s.  XOR is the hard case for the budget: tens
of thousands of checkpoints a second, so the default 256 MB fills within a
minute on a quiet machine and the timeline thins itself from then on (the
history too thins itself, past 2**20 epochs).  Printed every 5 s: RSS and the
timeline's figures (checkpoints, stride, megabytes); at the end: RSS at the
start, the peak, the growth from the end of the first minute, and the growth
from the first thinning of the timeline (its budget full) to the end.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from bpgui.core import Session, TrainingSettings, builtin_dataset  # noqa: E402
from bpgui.core.timeline import MB  # noqa: E402



def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=600.0)
    ap.add_argument("--timeline-mb", type=float, default=256.0)
    args = ap.parse_args()
    # XOR 2-4-1, adam, full batch: the window's defaults on its first data set.
    settings = TrainingSettings(hidden=[(4, "tanh")], optimizer="adam", epochs=10**9, timeline_mb=args.timeline_mb,
                                seed=0)
    session = Session(builtin_dataset("gate:xor"), settings)
    start = time.perf_counter()
    samples = [(0.0, rss_mb())]
    print(f"{time.strftime('%Y-%m-%d %H:%M')}  load {os.getloadavg()[0]:.2f}  XOR 2-4-1 adam  "
          f"budget {args.timeline_mb:g} MB  start RSS {samples[0][1]:.0f} MB", flush=True)
    next_sample, thinned_at = 5.0, None
    for _ in session.run():
        elapsed = time.perf_counter() - start
        if elapsed >= next_sample:
            samples.append((elapsed, rss_mb()))
            tl = session.model.timeline
            print(f"{elapsed:6.0f} s  RSS {samples[-1][1]:7.1f} MB  epochs {session.model.history.epochs:,}  "
                  f"checkpoints {len(tl):,}  stride {tl.stride}  timeline {tl.nbytes / MB:.1f} MB", flush=True)
            next_sample += 5.0
            if thinned_at is None and tl.stride > 1:
                thinned_at = round(elapsed)
            if elapsed >= args.seconds:
                break
    after_minute = [rss for t, rss in samples if t >= 60.0]
    full = [rss for t, rss in samples if thinned_at is not None and t >= thinned_at]
    peak = max(rss for _, rss in samples)
    growth = after_minute[-1] - after_minute[0] if len(after_minute) > 1 else float("nan")
    since_full = full[-1] - full[0] if len(full) > 1 else float("nan")
    print(f"RSS start {samples[0][1]:.0f} MB, peak {peak:.0f} MB, growth after the first minute {growth:+.1f} MB, "
          f"after the budget filled (at {thinned_at} s) {since_full:+.1f} MB; load {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
