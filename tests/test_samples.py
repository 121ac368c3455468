"""The real-data samples in samples/ load as documented in samples/README.md,
and every `bpgui train` line of that README is a command the CLI accepts."""
import csv
import re
import shlex
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from bpgui.cli import build_parser, main
from bpgui.core import load_csv

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

# file: (target, rows, features, task, class names or None, rows per class as the sources count them)
REAL = {
    "iris.csv": ("species", 150, 4, "multiclass", ["setosa", "versicolor", "virginica"],
                 {"setosa": 50, "versicolor": 50, "virginica": 50}),
    "wine.csv": ("class", 178, 13, "multiclass", ["class_0", "class_1", "class_2"],
                 {"class_0": 59, "class_1": 71, "class_2": 48}),
    "breast_cancer.csv": ("diagnosis", 569, 30, "binary", ["benign", "malignant"],
                          {"malignant": 212, "benign": 357}),
    "digits.csv": ("digit", 1797, 64, "multiclass", [str(d) for d in range(10)], None),
    "diabetes.csv": ("progression", 442, 10, "regression", None, None),
}


def rows_of(name):
    with open(SAMPLES / name, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


@pytest.mark.parametrize("name", REAL)
def test_each_sample_loads_with_its_shape_target_and_task(name):
    target, n_rows, n_features, task, classes, _ = REAL[name]
    ds = load_csv(SAMPLES / name, target=target)
    assert ds.X.shape == (n_rows, n_features)
    assert ds.task == task
    assert np.isfinite(ds.X).all() and np.isfinite(ds.Y).all()
    if classes is None:
        assert ds.Y.shape == (n_rows, 1) and ds.class_names is None
    else:
        assert ds.class_names == classes
        assert ds.Y.shape == (n_rows, 1 if task == "binary" else len(classes))


@pytest.mark.parametrize("name", REAL)
def test_each_sample_is_a_clean_csv_with_the_target_last(name):
    target, n_rows, n_features, _, _, per_class = REAL[name]
    rows = rows_of(name)
    assert rows[0][-1] == target and len(rows) == n_rows + 1
    assert all(len(r) == n_features + 1 for r in rows)
    cells = [c for r in rows[1:] for c in (r if per_class is None else r[:-1])]
    assert not [c for c in cells if c.endswith(".0") or "e" in c.lower()], "numbers as the source writes them"
    if per_class is not None:
        assert Counter(r[-1] for r in rows[1:]) == per_class


def test_iris_is_fishers_data_not_the_synthetic_set():
    rows = rows_of("iris.csv")
    assert rows[0] == ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"]
    assert rows[1] == ["5.1", "3.5", "1.4", "0.2", "setosa"]
    # rows 35 and 38 as in Fisher's paper (the UCI copy has two wrong points there)
    assert rows[35] == ["4.9", "3.1", "1.5", "0.2", "setosa"]
    assert rows[38] == ["4.9", "3.6", "1.4", "0.1", "setosa"]


def test_digits_are_8x8_images_row_major_with_counts_0_to_16():
    rows = rows_of("digits.csv")
    assert rows[0][:-1] == [f"pixel_{r}_{c}" for r in range(8) for c in range(8)]
    pixels = np.array([r[:-1] for r in rows[1:]], dtype=int)
    assert pixels.min() == 0 and pixels.max() == 16
    assert sorted({r[-1] for r in rows[1:]}) == [str(d) for d in range(10)]
    first = pixels[0].reshape(8, 8)            # the first image is a 0: an empty middle column
    assert first[3:6, 3].sum() == 0 and first[3:6, 1].sum() > 0 and rows[1][-1] == "0"


def test_diabetes_holds_the_raw_unscaled_values():
    rows = rows_of("diabetes.csv")
    assert rows[0] == ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "progression"]
    assert rows[1] == ["59", "2", "32.1", "101", "157", "93.2", "38", "4", "4.8598", "87", "151"]
    assert {r[1] for r in rows[1:]} == {"1", "2"}


def readme_train_commands():
    text = (SAMPLES / "README.md").read_text(encoding="utf-8")
    return [shlex.split(c.replace("\\\n", " ")) for c in re.findall(r"^ *(bpgui train .+?)(?<!\\)$", text, re.M | re.S)]


def test_the_samples_readme_has_a_section_and_a_train_command_for_every_csv():
    text = (SAMPLES / "README.md").read_text(encoding="utf-8")
    csvs = sorted(p.name for p in SAMPLES.glob("*.csv"))
    for name in csvs:
        assert f"`{name}`" in text, f"samples/README.md does not describe {name}"
    trained = {Path(argv[2]).name for argv in readme_train_commands()}
    assert set(REAL) <= trained


@pytest.mark.parametrize("argv", readme_train_commands(), ids=lambda a: Path(a[2]).name)
def test_each_readme_command_is_accepted_by_the_cli(argv):
    args = build_parser().parse_args(argv[1:])
    path = ROOT / args.data
    assert path.exists(), args.data
    if args.target:
        assert args.target in rows_of(path.name)[0]


@pytest.mark.slow
@pytest.mark.parametrize("argv", readme_train_commands(), ids=lambda a: Path(a[2]).name)
def test_each_readme_command_trains(argv, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    argv = [str(tmp_path / "m.bpnet") if a.startswith("/tmp/") and a.endswith(".bpnet") else a for a in argv[1:]]
    assert main(argv + ["--quiet"]) == 0, capsys.readouterr().err
