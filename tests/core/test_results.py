"""Confusion matrix, per-class figures and regression errors against counts by hand."""
from __future__ import annotations

import json

import numpy as np
import pytest

from bpgui.cli import main
from bpgui.core.results import class_confidence, class_indices, class_results, regression_results


def one_hot(idx, k):
    return np.eye(k)[idx]


def test_confusion_matrix_and_per_class_figures_by_hand():
    truth = [0, 0, 0, 1, 1, 2, 2, 2, 2]
    pred = [0, 0, 1, 1, 2, 2, 2, 2, 0]
    r = class_results(one_hot(pred, 3) * 0.9, one_hot(truth, 3), ["a", "b", "c"])
    np.testing.assert_array_equal(r.confusion, [[2, 1, 0], [0, 1, 1], [1, 0, 3]])
    np.testing.assert_allclose(r.precision, [2 / 3, 1 / 2, 3 / 4])
    np.testing.assert_allclose(r.recall, [2 / 3, 1 / 2, 3 / 4])
    np.testing.assert_allclose(r.f1, [2 / 3, 1 / 2, 3 / 4])
    np.testing.assert_array_equal(r.support, [3, 2, 4])
    assert r.accuracy == pytest.approx(6 / 9)
    np.testing.assert_allclose(r.row_normalised()[2], [0.25, 0, 0.75])


def test_one_sigmoid_output_is_two_classes_and_a_never_predicted_class_has_no_precision():
    out = np.array([[0.2], [0.4], [0.1], [0.3]])
    Y = np.array([[0.0], [1.0], [0.0], [1.0]])
    r = class_results(out, Y, ["no", "yes"])
    np.testing.assert_array_equal(r.confusion, [[2, 0], [2, 0]])
    assert np.isnan(r.precision[1]) and r.recall[1] == 0 and r.f1[1] == 0
    assert r.per_class()["yes"] == {"precision": None, "recall": 0.0, "f1": 0.0, "support": 2}
    np.testing.assert_array_equal(class_indices(out), [0, 0, 0, 0])


def test_confidence_is_the_output_of_the_class_given():
    several = np.array([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]])
    np.testing.assert_allclose(class_confidence(several), [0.7, 0.5])
    one = np.array([[0.9], [0.2], [0.5]])
    np.testing.assert_allclose(class_confidence(one), [0.9, 0.8, 0.5])   # class 0 for 0.2: 1 - 0.2
    np.testing.assert_array_equal(class_indices(one), [1, 0, 1])


def test_regression_errors():
    r = regression_results(np.array([[1.0], [2.0], [4.0]]), np.array([[1.0], [3.0], [2.0]]), ["y"])
    np.testing.assert_array_equal(r.residuals[:, 0], [0, 1, -2])
    assert r.mae == pytest.approx(1.0) and r.rmse == pytest.approx(np.sqrt(5 / 3))
    assert r.r2 == pytest.approx(1 - 5 / 2)


def test_evaluate_reports_the_confusion_matrix_and_per_class_figures(tmp_path, capsys):
    p = tmp_path / "abc.csv"
    p.write_text("x,label\n" + "".join(f"{k % 3 + 0.1 * (k % 2)},{'abc'[k % 3]}\n" for k in range(60)))
    model = tmp_path / "m.bpnet"
    assert main(["train", str(p), "--out", str(model), "--quiet", "--epochs", "300", "--lr", "0.05"]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(model), str(p), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["class_names"] == ["a", "b", "c"]
    matrix = np.array(result["confusion_matrix"])
    assert matrix.sum() == 60 and matrix.sum(axis=1).tolist() == [20, 20, 20]
    assert np.trace(matrix) / 60 == pytest.approx(result["accuracy"])
    assert result["per_class"]["b"]["support"] == 20
    assert main(["evaluate", str(model), str(p)]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text[1].split() == ["true/predicted", "a", "b", "c"] and text[2].split()[0] == "a"
    assert text[6].split() == ["class", "precision", "recall", "f1", "support"]


def test_evaluate_reports_regression_errors(tmp_path, capsys):
    p = tmp_path / "line.csv"
    p.write_text("x,y\n" + "".join(f"{k / 10},{k / 5 + 0.5}\n" for k in range(40)))
    model = tmp_path / "m.bpnet"
    assert main(["train", str(p), "--out", str(model), "--quiet", "--epochs", "50"]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(model), str(p), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"mae", "rmse", "r2"} <= set(result) and result["rmse"] >= result["mae"] > 0
