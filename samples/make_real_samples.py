"""Rebuild the real-data sample CSVs from the copies inside scikit-learn's wheel.

scikit-learn is not a dependency of bpgui: this script reads only the data
files of an unpacked wheel, with the standard library and NumPy.

    mkdir -p /tmp/skl && .venv/bin/pip download --no-deps -d /tmp/skl scikit-learn
    cd /tmp/skl && unzip -q scikit_learn-*.whl 'sklearn/datasets/*'
    .venv/bin/python samples/make_real_samples.py /tmp/skl

The argument is the folder the wheel was unpacked into (the one holding
``sklearn/``), or its ``sklearn/datasets/data`` folder itself.  Writes
iris.csv, wine.csv, breast_cancer.csv, digits.csv and diabetes.csv next to
this script: a header row, commas, numbers as written in the source (no
added ".0"), class names as text.  Sources and licences: samples/README.md.
"""
from __future__ import annotations

import csv
import gzip
import io
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

WINE_FEATURES = [
    "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
    "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
    "od280_od315_of_diluted_wines", "proline",
]
CANCER_MEASURES = [
    "radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
    "concave_points", "symmetry", "fractal_dimension",
]
# fields 0-9 are the means, 10-19 the standard errors, 20-29 the "worst" values
CANCER_FEATURES = [f"{m}_{kind}" for kind in ("mean", "se", "worst") for m in CANCER_MEASURES]
DIABETES_FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


def number(text: str) -> str:
    """A number as the source writes it, less a needless '.0' or exponent:
    '101.0' -> '101', '1.510000000000000000e+02' -> '151', '0.07871' kept."""
    text = text.strip()
    value = float(text)
    if not np.isfinite(value):
        raise ValueError(f"not a finite number: {text!r}")
    if value == int(value) and ("." in text or "e" in text.lower()):
        return str(int(value))
    if "e" in text.lower():
        return repr(value)
    return text


def read_lines(data_dir: str, name: str) -> list[str]:
    """The lines of name or name.gz (scikit-learn has shipped both)."""
    path = os.path.join(data_dir, name)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return f.read().splitlines()
    with gzip.open(path + ".gz", "rt", encoding="utf-8") as f:
        return f.read().splitlines()


def counted_csv(data_dir: str, name: str, n_features: int) -> tuple[list[list[str]], list[str]]:
    """scikit-learn's layout: a first line 'n_rows,n_features,class names...',
    then rows of features and a 0-based class code.  Returns (rows with the
    code replaced by its name, class names)."""
    lines = read_lines(data_dir, name)
    head = next(csv.reader([lines[0]]))
    n_rows, n_cols, names = int(head[0]), int(head[1]), [h.strip() for h in head[2:]]
    if n_cols != n_features:
        raise ValueError(f"{name}: {n_cols} features, expected {n_features}")
    rows = []
    for fields in csv.reader(io.StringIO("\n".join(lines[1:]))):
        if not fields:
            continue
        if len(fields) != n_features + 1:
            raise ValueError(f"{name}: a row of {len(fields)} fields, expected {n_features + 1}")
        rows.append([number(v) for v in fields[:-1]] + [names[int(fields[-1])]])
    if len(rows) != n_rows:
        raise ValueError(f"{name}: {len(rows)} rows, its first line says {n_rows}")
    return rows, names


def write(name: str, header: list[str], rows: list[list[str]]) -> None:
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{name}: {len(rows)} rows, {len(header)} columns")


def data_folder(root: str) -> str:
    for candidate in (os.path.join(root, "sklearn", "datasets", "data"), root):
        if os.path.exists(os.path.join(candidate, "iris.csv")):
            return candidate
    raise SystemExit(f"no sklearn/datasets/data/iris.csv under {root}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    data = data_folder(argv[0])

    rows, _ = counted_csv(data, "iris.csv", 4)
    write("iris.csv", ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"], rows)

    rows, _ = counted_csv(data, "wine_data.csv", 13)
    write("wine.csv", WINE_FEATURES + ["class"], rows)

    rows, _ = counted_csv(data, "breast_cancer.csv", 30)
    write("breast_cancer.csv", CANCER_FEATURES + ["diagnosis"], rows)

    # digits: no header; 64 pixel counts (0..16) of an 8x8 image, row-major, then the digit
    digits = []
    for fields in csv.reader(read_lines(data, "digits.csv")):
        if fields:
            if len(fields) != 65:
                raise ValueError(f"digits.csv: a row of {len(fields)} fields, expected 65")
            digits.append([number(v) for v in fields])
    pixels = [f"pixel_{r}_{c}" for r in range(8) for c in range(8)]
    write("digits.csv", pixels + ["digit"], digits)

    # diabetes: the raw (unscaled) features, space-separated, and the target in its own file
    x = [line.split() for line in read_lines(data, "diabetes_data_raw.csv") if line.strip()]
    y = [line.strip() for line in read_lines(data, "diabetes_target.csv") if line.strip()]
    if len(x) != len(y) or any(len(r) != 10 for r in x):
        raise ValueError(f"diabetes: {len(x)} feature rows, {len(y)} targets")
    write("diabetes.csv", DIABETES_FEATURES + ["progression"],
          [[number(v) for v in r] + [number(t)] for r, t in zip(x, y)])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
