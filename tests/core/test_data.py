"""Built-in data, Dataset, Normalizer and splits (bpgui.core.builtin_data, .dataset, .preprocessing)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from bpgui.core.builtin_data import BUILTIN_DATASETS, GATES, TOY_SETS, builtin_dataset, gate_dataset, toy_dataset
from bpgui.core.dataset import DataError, Dataset
from bpgui.core.preprocessing import NORMALIZATIONS, Normalizer, split_dataset

TRUTH = {  # output column(s) for inputs 00, 01, 10, 11 (or 0, 1 for not)
    "and": [[0], [0], [0], [1]],
    "or": [[0], [1], [1], [1]],
    "nand": [[1], [1], [1], [0]],
    "nor": [[1], [0], [0], [0]],
    "xor": [[0], [1], [1], [0]],
    "xnor": [[1], [0], [0], [1]],
    "not": [[1], [0]],
    "half_adder": [[0, 0], [1, 0], [1, 0], [0, 1]],  # sum, carry
}


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_gate_truth_tables(name):
    x, y = GATES[name]
    n_in = 1 if name == "not" else 2
    assert x.shape == (2 ** n_in, n_in)
    assert y.tolist() == TRUTH[name]
    ds = gate_dataset(name)
    assert ds.task == "binary" and ds.source == {"kind": "gate", "name": name}
    np.testing.assert_array_equal(ds.Y, np.array(TRUTH[name], dtype=float))


def test_full_adder_is_binary_addition():
    x, y = GATES["full_adder"]
    assert x.shape == (8, 3) and y.shape == (8, 2)
    for (a, b, cin), (s, cout) in zip(x, y):
        assert a + b + cin == s + 2 * cout
    ds = gate_dataset("full_adder")
    assert ds.feature_names == ["a", "b", "cin"] and ds.target_names == ["sum", "cout"]
    assert ds.class_names is None


def test_gate_dataset_is_a_copy_and_tables_are_read_only():
    ds = gate_dataset("xor")
    ds.X[0, 0] = 5.0
    assert GATES["xor"][0][0, 0] == 0.0
    with pytest.raises(ValueError):
        GATES["xor"][0][0, 0] = 1.0


def test_unknown_gate_lists_names():
    with pytest.raises(DataError, match="xnor"):
        gate_dataset("xorr")


CLASSIFICATION = ["circle", "xor", "gaussians", "spiral", "moons"]
REGRESSION = {"sine": 1, "plane": 2, "multigauss": 2}


def test_toy_registry_has_every_set():
    assert set(TOY_SETS) == set(CLASSIFICATION) | set(REGRESSION)


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_toy_classification_shape_balance_determinism(name):
    ds = toy_dataset(name, n_samples=101, noise=0.1, seed=7)
    assert ds.X.shape == (101, 2) and ds.Y.shape == (101, 1) and ds.task == "binary"
    assert set(np.unique(ds.Y)) == {0.0, 1.0}
    if name != "xor":  # xor labels come from the points, the rest are balanced
        assert ds.Y.sum() in (50, 51)
    again = toy_dataset(name, n_samples=101, noise=0.1, seed=7)
    np.testing.assert_array_equal(ds.X, again.X)
    np.testing.assert_array_equal(ds.Y, again.Y)
    other = toy_dataset(name, n_samples=101, noise=0.1, seed=8)
    assert not np.array_equal(ds.X, other.X)
    assert np.abs(ds.X).max() < 2.0  # roughly in [-1, 1]
    assert ds.source == {"kind": "toy", "name": name, "n_samples": 101, "noise": 0.1, "seed": 7}


@pytest.mark.parametrize("name,n_in", sorted(REGRESSION.items()))
def test_toy_regression_shape_and_determinism(name, n_in):
    ds = toy_dataset(name, n_samples=64, noise=0.0, seed=3)
    assert ds.X.shape == (64, n_in) and ds.Y.shape == (64, 1) and ds.task == "regression"
    np.testing.assert_array_equal(ds.Y, toy_dataset(name, n_samples=64, noise=0.0, seed=3).Y)
    assert not np.array_equal(ds.X, toy_dataset(name, n_samples=64, noise=0.0, seed=4).X)


def test_sine_without_noise_is_exact_and_noise_adds_spread():
    clean = toy_dataset("sine", n_samples=50, noise=0.0, seed=1)
    np.testing.assert_allclose(clean.Y[:, 0], np.sin(np.pi * clean.X[:, 0]))
    noisy = toy_dataset("sine", n_samples=2000, noise=0.3, seed=1)
    resid = noisy.Y[:, 0] - np.sin(np.pi * noisy.X[:, 0])
    assert 0.25 < resid.std() < 0.35


def test_xor_toy_labels_follow_quadrants_without_noise():
    ds = toy_dataset("xor", n_samples=300, noise=0.0, seed=0)
    np.testing.assert_array_equal(ds.Y[:, 0], (ds.X[:, 0] * ds.X[:, 1] > 0).astype(float))


def test_circle_classes_are_separated_without_noise():
    ds = toy_dataset("circle", n_samples=200, noise=0.0, seed=0)
    r = np.hypot(ds.X[:, 0], ds.X[:, 1])
    assert r[ds.Y[:, 0] == 1].max() <= 0.5 < 0.7 <= r[ds.Y[:, 0] == 0].min()


def test_toy_does_not_touch_global_rng():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    toy_dataset("spiral", seed=5)
    np.testing.assert_array_equal(np.random.get_state()[1], before)


@pytest.mark.parametrize("kwargs,word", [
    ({"name": "spirals"}, "spiral"),
    ({"name": "moons", "n_samples": 0}, "n_samples"),
    ({"name": "moons", "noise": -0.1}, "noise"),
])
def test_toy_bad_arguments(kwargs, word):
    with pytest.raises(DataError, match=word):
        toy_dataset(**kwargs)


def test_builtin_registry_and_specs():
    assert "gate:xor" in BUILTIN_DATASETS and "toy:spiral" in BUILTIN_DATASETS
    assert len(BUILTIN_DATASETS) == len(GATES) + len(TOY_SETS)
    assert builtin_dataset("gate:and").Y[:, 0].tolist() == [0, 0, 0, 1]
    ds = builtin_dataset("toy:moons", n_samples=30, seed=2)
    np.testing.assert_array_equal(ds.X, toy_dataset("moons", n_samples=30, seed=2).X)
    with pytest.raises(DataError, match="gate:xor"):
        builtin_dataset("toy:nothing")


def test_dataset_properties_subset_and_validation():
    ds = toy_dataset("plane", n_samples=10)
    assert (ds.n_samples, ds.n_features, ds.n_outputs) == (10, 2, 1)
    sub = ds.subset([3, 1])
    np.testing.assert_array_equal(sub.X, ds.X[[3, 1]])
    assert sub.X.flags.c_contiguous and sub.feature_names == ds.feature_names
    mask = np.zeros(10, bool)
    mask[4] = True
    assert ds.subset(mask).n_samples == 1
    with pytest.raises(DataError):
        Dataset(X=np.zeros((3, 2)), Y=np.zeros((2, 1)), feature_names=["a", "b"], target_names=["y"],
                class_names=None, task="regression", source={}, name="bad")
    with pytest.raises(DataError, match="task"):
        Dataset(X=np.zeros((2, 1)), Y=np.zeros((2, 1)), feature_names=["a"], target_names=["y"],
                class_names=None, task="ranking", source={}, name="bad")
    json.dumps(ds.source)


# ---- Normalizer --------------------------------------------------------

def test_normalizations_registry():
    assert NORMALIZATIONS == ("none", "minmax", "zscore")
    with pytest.raises(DataError, match="zscore"):
        Normalizer("robust")


def test_minmax_and_zscore_values():
    X = np.array([[0.0, 10.0, 5.0], [2.0, 20.0, 5.0], [4.0, 30.0, 5.0]])
    mm = Normalizer("minmax").fit(X)
    np.testing.assert_allclose(mm.transform(X), [[0, 0, 0], [0.5, 0.5, 0], [1, 1, 0]])
    zs = Normalizer("zscore").fit(X)
    out = zs.transform(X)
    np.testing.assert_allclose(out[:, :2].mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(out[:, :2].std(axis=0), 1)
    assert zs.scale[2] == 1.0 and np.all(out[:, 2] == 0)  # constant column: no division by 0
    none = Normalizer("none").fit(X)
    np.testing.assert_array_equal(none.transform(X), X)


@pytest.mark.parametrize("method", NORMALIZATIONS)
def test_normalizer_round_trip_and_dict(method):
    rng = np.random.default_rng(0)
    X = rng.normal(3.0, 2.0, (20, 4))
    n = Normalizer(method).fit(X)
    np.testing.assert_allclose(n.inverse_transform(n.transform(X)), X, rtol=1e-12, atol=1e-12)
    d = json.loads(json.dumps(n.to_dict()))
    back = Normalizer.from_dict(d)
    np.testing.assert_array_equal(back.transform(X), n.transform(X))


def test_normalizer_uses_training_statistics_only():
    ds = toy_dataset("plane", n_samples=200, seed=0)
    train, val, _ = split_dataset(ds, val=0.5, seed=0)
    n = Normalizer("minmax").fit(train.X)
    np.testing.assert_array_equal(n.shift, train.X.min(axis=0))
    np.testing.assert_array_equal(n.scale, train.X.max(axis=0) - train.X.min(axis=0))
    # with this seed the full data's range differs, so fitting on it would show
    full = Normalizer("minmax").fit(ds.X)
    assert not np.array_equal(full.scale, n.scale)
    t = n.transform(train.X)
    assert t.min() == 0.0 and t.max() == 1.0


def test_normalizer_errors():
    with pytest.raises(RuntimeError):
        Normalizer("zscore").transform(np.zeros((2, 2)))
    n = Normalizer("zscore").fit(np.ones((3, 2)))
    with pytest.raises(DataError, match="2 columns"):
        n.transform(np.ones((3, 3)))
    with pytest.raises(DataError):
        Normalizer.from_dict({"method": "zscore", "shift": [0.0], "scale": [0.0]})
    with pytest.raises(DataError):
        Normalizer.from_dict({"method": "zscore", "shift": [0.0, 1.0], "scale": [1.0]})


# ---- splits ------------------------------------------------------------

def _labels(ds):
    return ds.Y.argmax(axis=1) if ds.task == "multiclass" else ds.Y[:, 0]


def test_stratified_split_keeps_class_proportions():
    Y = np.array([0.0] * 80 + [1.0] * 20)[:, None]
    ds = Dataset(X=np.arange(100.0)[:, None], Y=Y, feature_names=["i"], target_names=["y"],
                 class_names=["0", "1"], task="binary", source={}, name="imb")
    train, val, test = split_dataset(ds, val=0.2, test=0.1, seed=1)
    assert (train.n_samples, val.n_samples, test.n_samples) == (70, 20, 10)
    assert val.Y.sum() == 4 and test.Y.sum() == 2 and train.Y.sum() == 14
    all_rows = np.concatenate([train.X, val.X, test.X])[:, 0]
    assert sorted(all_rows) == list(range(100))  # a partition: no row lost or repeated
    assert val.name == "imb [val]"


def test_stratified_multiclass_and_determinism():
    ds = toy_dataset("spiral", n_samples=90, seed=0)
    a = split_dataset(ds, val=0.3, seed=4)
    b = split_dataset(ds, val=0.3, seed=4)
    c = split_dataset(ds, val=0.3, seed=5)
    np.testing.assert_array_equal(a[1].X, b[1].X)
    assert not np.array_equal(a[1].X, c[1].X)
    assert a[2] is None
    Y = np.eye(3)[np.repeat([0, 1, 2], [30, 30, 60])]
    mc = Dataset(X=np.zeros((120, 1)), Y=Y, feature_names=["x"], target_names=["a", "b", "c"],
                 class_names=["a", "b", "c"], task="multiclass", source={}, name="mc")
    _, val, _ = split_dataset(mc, val=0.25, seed=0)
    # 7.5, 7.5, 15 rows: the tie for the 30th row goes to the first class
    assert np.bincount(_labels(val), minlength=3).tolist() == [8, 7, 15]


def test_unstratified_split_sizes():
    ds = toy_dataset("sine", n_samples=50)
    train, val, test = split_dataset(ds, val=0.2, test=0.2, seed=0, stratify=False)
    assert (train.n_samples, val.n_samples, test.n_samples) == (30, 10, 10)
    train, val, test = split_dataset(ds, val=0.0, seed=0)
    assert train.n_samples == 50 and val is None and test is None


@pytest.mark.parametrize("val,test", [(-0.1, 0.0), (0.6, 0.4), (1.0, 0.0), (0.2, -0.5)])
def test_split_rejects_bad_ratios(val, test):
    with pytest.raises(DataError):
        split_dataset(toy_dataset("sine", n_samples=20), val=val, test=test)
