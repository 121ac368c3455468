"""Write the toy sample CSVs in this folder: moons.csv, sine.csv, xor.csv
(deterministic: same files every run).  Run: .venv/bin/python samples/make_samples.py

The real data sets (iris.csv, wine.csv, ...) come from make_real_samples.py.
"""
from __future__ import annotations

import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir))
from bpgui.core.builtin_data import GATES, toy_dataset  # noqa: E402


def write(name: str, header: list[str], rows: list[list]) -> None:
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main() -> None:
    moons = toy_dataset("moons", n_samples=200, noise=0.08, seed=1)
    colours = ("red", "blue")
    write("moons.csv", ["x1", "x2", "label"],
          [[f"{a:.4f}", f"{b:.4f}", colours[int(y)]] for (a, b), (y,) in zip(moons.X, moons.Y)])

    sine = toy_dataset("sine", n_samples=100, noise=0.05, seed=2)
    write("sine.csv", ["x", "y"], [[f"{x:.4f}", f"{y:.4f}"] for (x,), (y,) in zip(sine.X, sine.Y)])

    x, y = GATES["xor"]
    write("xor.csv", ["a", "b", "out"], [[int(a), int(b), int(o)] for (a, b), (o,) in zip(x, y)])


if __name__ == "__main__":
    main()
