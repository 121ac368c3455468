"""Write the sample CSVs in this folder (deterministic: same files every run).

iris.csv is synthetic: three Gaussian clusters shaped like the classic iris
measurements, not the real data.  Run: .venv/bin/python samples/make_samples.py
"""
from __future__ import annotations

import csv
import os
import sys

import numpy as np

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

    rng = np.random.default_rng(3)
    # per species: mean and std of sepal_length, sepal_width, petal_length, petal_width
    species = {
        "setosa": ([5.0, 3.4, 1.5, 0.25], [0.35, 0.38, 0.17, 0.10]),
        "versicolor": ([5.9, 2.8, 4.3, 1.3], [0.50, 0.31, 0.47, 0.20]),
        "virginica": ([6.6, 3.0, 5.5, 2.0], [0.63, 0.32, 0.55, 0.27]),
    }
    rows = []
    for name, (mean, std) in species.items():
        for v in np.clip(rng.normal(mean, std, (50, 4)), 0.1, None):
            rows.append([f"{a:.1f}" for a in v] + [name])
    order = rng.permutation(len(rows))
    write("iris.csv", ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"],
          [rows[i] for i in order])


if __name__ == "__main__":
    main()
