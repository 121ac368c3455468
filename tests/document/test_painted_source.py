"""Painted data without Qt: points become the Dataset the saved CSV reads back as,
a model file keeps them, and too few points or classes are said plainly."""
from __future__ import annotations

import json

import numpy as np
import pytest

from bpgui.core import DataError, TrainingSettings, builtin_dataset, load_csv, load_model, save_model
from bpgui.core.painted_data import MAX_POINTS, PaintedPoints
from bpgui.document import ChangeRefused, Document, load_source
from bpgui.document.data_source import describe_source


def same_data(a, b) -> None:
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.Y, b.Y)
    assert (a.feature_names, a.target_names, a.class_names, a.task) == \
        (b.feature_names, b.target_names, b.class_names, b.task)


def quadrants(n_per_corner: int = 25, seed: int = 0) -> PaintedPoints:
    """XOR-like: A in the first and third quadrants, B in the others."""
    rng = np.random.default_rng(seed)
    points = PaintedPoints.empty("classes")
    for sx, sy, label in ((1, 1, 0), (-1, -1, 0), (-1, 1, 1), (1, -1, 1)):
        centre = np.array([sx * 0.5, sy * 0.5])
        points = points.added(centre + rng.uniform(-0.35, 0.35, (n_per_corner, 2)), label)
    return points


CASES = {
    "two classes": PaintedPoints.empty("classes").added([[0.1, 0.2], [-0.5, 0.25]], 0).added([[0.3, -0.7]], 1),
    "classes A and C": PaintedPoints.empty("classes").added([[0.1, 0.2]], 0).added([[0.3, -0.7], [0.9, 0.9]], 2),
    "three classes": PaintedPoints.empty("classes").added([[0.1, 0.2]], 0).added([[0.3, -0.7]], 1)
                                                   .added([[-0.123456789, 0.5]], 2),
    "numbers": PaintedPoints.empty("numbers").added([[-0.8, 0.15], [0.0, -0.35], [0.6, 0.725]]),
}


def test_two_classes_are_one_column_for_the_second_and_three_are_one_hot():
    two = CASES["classes A and C"].dataset()
    assert two.task == "binary" and two.class_names == ["A", "C"] and two.Y[:, 0].tolist() == [0, 1, 1]
    three = CASES["three classes"].dataset()
    assert three.task == "multiclass" and three.target_names == ["label=A", "label=B", "label=C"]
    assert three.Y.argmax(axis=1).tolist() == [0, 1, 2]
    assert three.X[2, 0] == -0.1235   # rounded to a ten-thousandth when painted


@pytest.mark.parametrize("case", list(CASES))
def test_the_saved_csv_loads_as_the_same_dataset(case, tmp_path):
    points = CASES[case]
    path = tmp_path / "painted.csv"
    points.write_csv(str(path))
    header = path.read_text().splitlines()[0]
    assert header == ("x,y" if points.mode == "numbers" else "x1,x2,label")
    same_data(load_csv(path), points.dataset())


@pytest.mark.parametrize("case", list(CASES))
def test_the_source_rebuilds_the_points(case):
    ds = CASES[case].dataset()
    source = json.loads(json.dumps(ds.source))   # as a model file keeps it
    assert source["kind"] == "painted"
    same_data(load_source(source), ds)
    assert describe_source(source) == "painted data"


def test_a_saved_model_reopens_with_its_painted_data(tmp_path):
    doc = Document(quadrants().dataset(), TrainingSettings(hidden=[(6, "tanh")]))
    path = tmp_path / "painted.bpnet"
    save_model(doc.model_to_save(), path)
    model = load_model(path)
    assert model.data_source["points"][0] == doc.dataset.source["points"][0]
    reopened = Document(builtin_dataset("gate:xor"))
    assert reopened.open_model(model, str(path), load_source(model.data_source), TrainingSettings()) is None
    same_data(reopened.dataset, doc.dataset)


def test_painted_quadrants_train_to_high_accuracy():
    doc = Document(quadrants().dataset(), TrainingSettings(hidden=[(8, "tanh")], lr=0.05))
    for _ in doc.session.run(400):
        pass
    assert doc.model.evaluate(doc.dataset.X, doc.dataset.Y)["accuracy"] >= 0.95


def test_too_few_points_or_classes_are_said_plainly():
    empty = PaintedPoints.empty("classes")
    assert empty.problem() == "Paint points of at least 2 classes to train on them."
    one_class = empty.added([[0, 0], [0.5, 0.5], [0.2, 0.1]], 1)
    assert one_class.problem() == "Only class B so far: paint points of a second class to train."
    assert one_class.added([[0.3, 0.3]], 0).problem() is None
    assert PaintedPoints.empty("numbers").added([[0, 0]]).problem() == "Paint at least 2 points (x, y) to train on them."
    assert PaintedPoints.empty("numbers").added([[0, 0], [1, 1]]).problem() is None


def test_the_document_refuses_one_painted_point():
    doc = Document(builtin_dataset("gate:xor"))
    with pytest.raises(ChangeRefused, match="1 row.* training needs at least 2"):
        doc.set_data(PaintedPoints.empty("classes").added([[0, 0]], 0).dataset())
    assert doc.dataset.name == "xor gate"


def test_painting_stops_at_the_cap():
    full = PaintedPoints.empty("classes").added(np.zeros((MAX_POINTS + 10, 2)), 0)
    assert len(full) == MAX_POINTS and full.room == 0
    assert len(full.added([[0.5, 0.5]], 1)) == MAX_POINTS


def test_erasing_takes_the_nearest_points_in_pixels():
    points = PaintedPoints.empty("classes").added([[0, 0], [0.5, 0], [0, 0.3], [0.1, 0.05]], 0)
    # a pixel is 0.01 wide and 0.001 high: (0.2, 0.05) is 10 px from (0.1, 0.05) , 54 px from (0, 0) and 58 px from (0.5, 0)
    scale = (0.01, 0.001)
    assert points.near(0.2, 0.05, scale, radius=12).tolist() == [3]
    assert points.near(0.2, 0.05, scale, radius=55, count=5).tolist() == [3, 0]
    assert points.near(0.2, 0.05, scale, radius=9).tolist() == []
    assert points.without([3, 0]).xy.tolist() == [[0.5, 0], [0, 0.3]]
    assert points.without(1).xy.tolist() == [[0, 0], [0, 0.3], [0.1, 0.05]]
    assert PaintedPoints.empty("numbers").near(0, 0, scale, radius=100).tolist() == []


@pytest.mark.parametrize("source, words", [
    ({"kind": "painted", "mode": "dots", "points": []}, "unknown kind"),
    ({"kind": "painted", "mode": "classes"}, "no list of points"),
    ({"kind": "painted", "mode": "classes", "points": [[0, 0, "A"], [0, 1, "Z"]]}, "point 2"),
    ({"kind": "painted", "mode": "numbers", "points": [[0, 0, "A"]]}, "3 values instead of 2"),
    ({"kind": "painted", "mode": "numbers", "points": [[0, "nan"], [1, 1]]}, "finite"),
])
def test_a_bad_painted_source_is_refused_in_words(source, words):
    with pytest.raises(DataError, match=words):
        load_source(source)


def test_current_data_becomes_points_to_paint_on():
    spiral = builtin_dataset("toy:spiral", n_samples=100)
    points, note = PaintedPoints.from_dataset(spiral)
    assert points.mode == "classes" and len(points) == 100 and note == "classes 0 → A, 1 → B"
    np.testing.assert_allclose(points.xy, spiral.X, atol=5e-5)
    assert points.dataset().Y.tolist() == spiral.Y.tolist()
    numbers, note = PaintedPoints.from_dataset(builtin_dataset("toy:sine", n_samples=3000))
    assert numbers.mode == "numbers" and len(numbers) == MAX_POINTS and note == \
        "2,000 of its 3,000 rows taken, the most a painting holds"
    assert numbers.dataset().target_names == ["y"]


def test_data_that_cannot_be_painted_says_why():
    with pytest.raises(DataError, match="has 3 inputs"):
        PaintedPoints.from_dataset(builtin_dataset("gate:full_adder"))
