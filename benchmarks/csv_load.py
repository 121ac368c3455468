"""Time `load_csv` against `pandas.read_csv(...).to_numpy()` on one big file.

Writes a seeded 1,000,000 x 21 numeric CSV (20 features + a target, six
decimals) to a temporary directory, then times both loaders interleaved,
best of 3 each, and prints the times and their ratio.  Also times load_csv
with its two-process path switched off (bpgui.core.csv.parallel.MIN_BYTES), to show
what that path buys on this machine.  pandas is optional: without it only
load_csv is timed.  Run: .venv/bin/python benchmarks/csv_load.py
"""
from __future__ import annotations

import os
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))
from bpgui.core.csv import load_csv, parallel  # noqa: E402

ROWS, FEATURES, REPEATS = 1_000_000, 20, 3


def write_file(path: str) -> None:
    rng = np.random.default_rng(12345)
    header = ",".join([f"x{i}" for i in range(1, FEATURES + 1)] + ["y"])
    # in blocks, to keep the writer's memory small
    with open(path, "w", newline="") as f:
        f.write(header + "\n")
        for _ in range(ROWS // 100_000):
            np.savetxt(f, rng.normal(size=(100_000, FEATURES + 1)), fmt="%.6f", delimiter=",")


def main() -> int:
    try:
        import pandas as pd
    except ImportError:
        pd = None
        print("pandas is not installed: timing load_csv only")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.csv")
        t = time.perf_counter()
        write_file(path)
        print(f"wrote {ROWS:,} x {FEATURES + 1} ({os.path.getsize(path) / 1e6:.0f} MB) "
              f"in {time.perf_counter() - t:.1f} s")
        ours, theirs, single = [], [], []
        for _ in range(REPEATS):
            t = time.perf_counter()
            ds = load_csv(path)
            ours.append(time.perf_counter() - t)
            saved, parallel.MIN_BYTES = parallel.MIN_BYTES, 1 << 62
            try:
                t = time.perf_counter()
                one = load_csv(path)
                single.append(time.perf_counter() - t)
            finally:
                parallel.MIN_BYTES = saved
            assert one.X.tobytes() == ds.X.tobytes() and one.Y.tobytes() == ds.Y.tobytes()
            del one
            if pd is not None:
                t = time.perf_counter()
                arr = pd.read_csv(path).to_numpy()
                theirs.append(time.perf_counter() - t)
                assert np.array_equal(arr[:, :FEATURES], ds.X) and np.array_equal(arr[:, FEATURES:], ds.Y)
            del ds
        print(f"load_csv            best {min(ours):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in ours)})")
        print(f"  one process only  best {min(single):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in single)})")
        if pd is not None:
            print(f"pandas.read_csv     best {min(theirs):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in theirs)})")
            print(f"ratio load_csv / pandas: {min(ours) / min(theirs):.2f}x (target: <= 2x); "
                  f"one process: {min(single) / min(theirs):.2f}x")
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
        print(f"{cores} cores; load average now {load} (other processes slow both loaders)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
