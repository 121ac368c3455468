"""What the weights' history views cost: a weight's series, a layer's norm and distribution
over a whole timeline, and a live refresh after one more checkpoint (``LayerHistory``).

    python benchmarks/weight_history.py [--sizes 784,128,64,10] [--checkpoints 2000] [--rounds 3]

The timeline is made of random float32 parameters (the network's size and the
checkpoint count matter, not the values), restored as a model file's would be.
Printed: the best of ``--rounds`` for each, ms.  Figures go to docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

MAX_COLUMNS = 400    # bpgui/ui/views/weight_distribution.py's (this script imports no Qt)

from bpgui.core.layer_history import LayerHistory, even_rows  # noqa: E402
from bpgui.core.network import parameter_count  # noqa: E402
from bpgui.core.timeline import MB, Timeline  # noqa: E402
from bpgui.core.timeline_columns import NUMBER_BYTES  # noqa: E402
from bpgui.core.weight_history import kept_epochs, layer_distribution, layer_norms, weight_series  # noqa: E402


def random_timeline(sizes: list[int], n: int) -> Timeline:
    rng = np.random.default_rng(0)
    params = rng.standard_normal((n, parameter_count(sizes)), dtype=np.float32)
    params *= np.linspace(0.05, 0.2, n, dtype=np.float32)[:, None]   # the weights spread over the run
    arrays = {"params": params, "epoch": np.arange(n, dtype=np.int64), "counts": np.zeros((n, 3), np.int64),
              "lr": np.full(n, 0.01), "val_loss": np.full(n, np.nan), "rng": np.zeros((n, 6), np.uint64)}
    return Timeline.restored(sizes, params.nbytes + n * NUMBER_BYTES + MB, 1, arrays)   # room for all


def best_ms(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def view_first_ms(timeline: Timeline, layer: int, rounds: int) -> float:
    """The Distribution tab's first draw of a layer: the evenly spaced epochs it shows, counted afresh."""
    rows, _ = even_rows(kept_epochs(timeline), MAX_COLUMNS, timeline.stride)
    return best_ms(lambda: LayerHistory().update(timeline, layer, rows), rounds)


def live_refresh_ms(sizes: list[int], n: int, layer: int, rounds: int) -> float:
    """The Distribution tab's refresh after one more checkpoint on its grid of epochs, the
    others counted before (the window while training)."""
    full = random_timeline(sizes, n + rounds)
    timeline = random_timeline(sizes, n)
    _, step = even_rows(kept_epochs(timeline), MAX_COLUMNS)
    history = LayerHistory()
    history.update(timeline, layer, even_rows(kept_epochs(timeline), MAX_COLUMNS)[0])
    times = []
    for k in range(rounds):
        epoch = timeline.last_epoch - timeline.last_epoch % step + step   # the next on the grid
        timeline.add(epoch, full.state_at(n + k))
        start = time.perf_counter()
        rows, _ = even_rows(kept_epochs(timeline), MAX_COLUMNS)
        history.update(timeline, layer, rows)
        times.append((time.perf_counter() - start) * 1000)
        assert history.recounted == 1
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="784,128,64,10")
    ap.add_argument("--checkpoints", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    timeline = random_timeline(sizes, args.checkpoints)
    print(f"{'-'.join(map(str, sizes))}, {args.checkpoints:,} checkpoints "
          f"({timeline.nbytes / MB:,.0f} MB), best of {args.rounds}, ms")
    print(f"  weight series (layer 1): {best_ms(lambda: weight_series(timeline, 0, sizes[0] // 2, sizes[1] // 2), args.rounds):9.2f}")
    for layer in range(len(sizes) - 1):
        weights = sizes[layer] * sizes[layer + 1]
        norms = best_ms(lambda: layer_norms(timeline, layer), args.rounds)
        dist = best_ms(lambda: layer_distribution(timeline, layer, bins=64), args.rounds)
        first = view_first_ms(timeline, layer, args.rounds)
        live = live_refresh_ms(sizes, args.checkpoints, layer, args.rounds)
        print(f"  layer {layer + 1} ({weights:,} weights): norms {norms:8.1f}  distribution {dist:8.1f}  "
              f"view's first draw ({MAX_COLUMNS} epochs at most) {first:7.1f}  live refresh (+1 checkpoint) {live:6.2f}")


if __name__ == "__main__":
    main()
