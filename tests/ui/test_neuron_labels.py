"""The names beside the input and output neurons and in their hover: one-hot inputs read
"colour = red", outputs their class, and a name too long for its room keeps the part that
tells it from the other drawn neurons (never "favourite_col…" four times)."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFontMetricsF

from bpgui.core.csv import load_csv
from bpgui.ui.views.network_canvas import MAX_DRAWN, SHOWN_WHEN_CONDENSED
from bpgui.ui.views.neuron_labels import (ELLIPSIS, fits_chars, input_names, labels, neuron_labels,
                                          output_names)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
COLOURS = ["favourite_colour=blue", "favourite_colour=green", "favourite_colour=red", "favourite_colour=yellow",
           "height_cm"]


@pytest.fixture
def one_hot_csv(tmp_path) -> Path:
    """A text feature of four values whose one-hot names share a long prefix, a number, a yes/no target."""
    path = tmp_path / "tea.csv"
    colours = ["red", "green", "blue", "yellow"]
    path.write_text("favourite_colour,height_cm,likes_tea\n" + "".join(
        f"{colours[k % 4]},{150 + k},{'yes' if k % 3 else 'no'}\n" for k in range(24)))
    return path


def _data_files(one_hot_csv: Path) -> list[Path]:
    return [SAMPLES / "iris.csv", one_hot_csv, SAMPLES / "breast_cancer.csv", SAMPLES / "digits.csv",
            SAMPLES / "wine.csv"]


def test_the_reader_names_one_hot_inputs_as_the_labels_expect(one_hot_csv):
    ds = load_csv(one_hot_csv, one_hot_features=True)
    assert ds.feature_names == COLOURS
    assert ds.target_names == ["likes_tea"] and ds.class_names == ["no", "yes"]


def test_one_hot_inputs_read_column_equals_value_when_there_is_room():
    ins, _ = neuron_labels(COLOURS, ["y"], None, fits_chars(30))
    assert ins == ["favourite_colour = blue", "favourite_colour = green", "favourite_colour = red",
                   "favourite_colour = yellow", "height_cm"]


def test_short_of_room_one_hot_inputs_keep_their_value_not_the_shared_prefix():
    cut = labels(input_names(COLOURS), fits_chars(16))
    # The whole column shares one cut of its name, so its neurons read alike.
    assert cut == ["favour… = blue", "favour… = green", "favour… = red", "favour… = yellow", "height_cm"]
    assert labels(input_names(COLOURS), fits_chars(10)) == ["blue", "green", "red", "yellow", "height_cm"]
    assert labels(input_names(COLOURS), fits_chars(5)) == ["blue", "green", "red", "yell…", "heig…"]


def test_a_value_shared_by_two_one_hot_columns_keeps_its_column():
    names = input_names(["shirt=red", "shirt=blue", "hat=red", "hat=green"])
    got = labels(names, fits_chars(9))
    assert got == ["shirt…red", "blue", "hat = red", "green"]   # "red" alone would not say which


def test_cut_names_keep_the_part_that_tells_them_apart():
    iris = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    assert labels(input_names(iris), fits_chars(9)) == ["sepal_le…", "sepal_wi…", "petal_le…", "petal_wi…"]
    assert labels(input_names(iris), fits_chars(7)) == ["sep…gth", "s…width", "pet…gth", "p…width"]
    cancer = ["radius_mean", "texture_mean", "concavity_mean", "concave_points_mean", "radius_se"]
    assert labels(input_names(cancer), fits_chars(9)) == ["radius_m…", "texture_…", "concavit…", "concave_…",
                                                          "radius_se"]
    # "concavity_mean" and "concave_points_mean" part at their 7th letter: with less room than a
    # telling cut needs, the least overflow that still tells them apart rather than "conc…" twice.
    assert labels(input_names(cancer), fits_chars(6)) == ["r…mean", "textu…", "…y_mean", "concave…", "rad…se"]


def test_outputs_are_named_by_their_class():
    _, outs = neuron_labels(["x"], ["species=setosa", "species=versicolor", "species=virginica"],
                            ["setosa", "versicolor", "virginica"], fits_chars(20))
    assert outs == ["setosa", "versicolor", "virginica"]
    assert labels(output_names(["d=0", "d=1", "d=2"], ["0", "1", "2"]), fits_chars(1)) == ["0", "1", "2"]


def test_one_binary_output_names_its_column_and_positive_class():
    names = output_names(["diagnosis"], ["benign", "malignant"])
    assert labels(names, fits_chars(30)) == ["diagnosis = malignant"]
    assert labels(names, fits_chars(18)) == ["diagn… = malignant"]
    assert labels(names, fits_chars(12)) == ["malignant"]
    assert names[0].meaning == "near 1 for malignant, near 0 for benign"
    # Classes coded 0/1 already (xor, gates): the column says it, "xor = 1" would not say more.
    assert labels(output_names(["xor"], ["0", "1"]), fits_chars(30)) == ["xor"]
    # Regression and independent 0/1 outputs (the adders): their target names.
    assert labels(output_names(["sum", "carry"], None), fits_chars(30)) == ["sum", "carry"]


def _names_of(path: Path):
    ds = load_csv(path, one_hot_features=True)
    return input_names(ds.feature_names), output_names(ds.target_names, ds.class_names)


def _identifies(label: str, own: tuple[str, str], others: list[str]) -> bool:
    """A label could come from its own neuron's names ("colour = red", "red") and from no other's."""
    if ELLIPSIS not in label:
        return label in own and label not in others
    head, tail = label.split(ELLIPSIS)

    def could(s: str) -> bool:
        return len(s) > len(head) + len(tail) and s.startswith(head) and s.endswith(tail)
    return any(could(s) for s in own) and not any(could(s) for s in others)


@pytest.mark.parametrize("drawn", [SHOWN_WHEN_CONDENSED, None], ids=["drawn", "all"])
def test_labels_of_the_samples_differ_and_identify_their_neuron_at_every_width(one_hot_csv, drawn):
    for path in _data_files(one_hot_csv):
        for names in _names_of(path):
            names = names[:drawn]
            for width in range(4, 32):
                got = labels(names, fits_chars(width))
                assert len(set(got)) == len(got), (path.name, width, got)
                for k, text in enumerate(got):
                    others = [s for j, n in enumerate(names) if j != k for s in (n.full, n.short)]
                    if text != names[k].full:
                        assert _identifies(text, (names[k].full, names[k].short), others), (path.name, width, text)
                if width >= 10:
                    assert all(len(t) <= width for t in got), (path.name, width, got)


# ----------------------------------------------------------------- in the window
def _show(w, path: Path, size: tuple[int, int]):
    w.resize(*size)
    assert w.data_panel.load_csv_file(str(path))
    for _ in range(5):
        QCoreApplication.processEvents()
    return w.editor.canvas


def _ink_columns(canvas) -> set[int]:
    """The x of every pixel column holding label ink (the dark grey of the names, not edges or neurons)."""
    image = canvas.grab().toImage()
    ink = set()
    for x in range(image.width()):
        for y in range(canvas.top, image.height() - canvas.BOTTOM):
            c = QColor(image.pixel(x, y))
            if max(c.red(), c.green(), c.blue()) < 110 and abs(c.red() - c.blue()) < 20:
                ink.add(x)
                break
    return ink


@pytest.mark.parametrize("size", [(1024, 700), pytest.param((1600, 1000), marks=pytest.mark.slow)])
def test_the_drawn_labels_of_the_samples_differ_fit_and_stay_inside_the_canvas(window, one_hot_csv, size):
    for path in _data_files(one_hot_csv):
        canvas = _show(window, path, size)
        ins, outs = canvas.drawn_labels()
        assert len(ins) == (canvas.sizes[0] if canvas.sizes[0] <= MAX_DRAWN else SHOWN_WHEN_CONDENSED)
        assert len(outs) == canvas.sizes[-1]
        for texts, side in ((ins, canvas.sides[0]), (outs, canvas.sides[1])):
            assert len(set(texts)) == len(texts), (path.name, texts)
            metrics = QFontMetricsF(canvas._label_font())
            assert all(metrics.horizontalAdvance(t) <= side - canvas.radius - 4 for t in texts), (path.name, texts)
        ink = _ink_columns(canvas)
        assert ink and min(ink) > 0 and max(ink) < canvas.width() - 1, (path.name, min(ink), max(ink))


def test_the_one_hot_file_in_a_narrow_and_a_wide_window(window, one_hot_csv):
    canvas = _show(window, one_hot_csv, (1024, 700))
    assert canvas.drawn_labels() == (["blue", "green", "red", "yellow", "height_…"], ["yes"])
    canvas = _show(window, one_hot_csv, (1600, 1000))
    ins, outs = canvas.drawn_labels()
    head = ins[0].split("…")[0]
    assert len(head) >= 3 and "favourite_colour".startswith(head)
    assert ins == [f"{head}… = {v}" for v in ("blue", "green", "red", "yellow")] + ["height_cm"]
    assert outs[0].startswith("likes") and outs[0].endswith(" = yes")
    assert canvas.sides[0] > canvas.SIDE   # the wider canvas gives the names more room


def test_iris_at_1024x700_shows_every_class_whole(window):
    canvas = _show(window, SAMPLES / "iris.csv", (1024, 700))
    ins, outs = canvas.drawn_labels()
    assert outs == ["setosa", "versicolor", "virginica"]
    assert len(set(ins)) == 4 and [t[:5] for t in ins] == ["sepal", "sepal", "petal", "petal"]


def test_the_hover_names_inputs_whole_and_outputs_by_class_and_target(window, one_hot_csv):
    canvas = _show(window, one_hot_csv, (1024, 700))
    out = len(canvas.sizes) - 1
    assert canvas.describe(("neuron", 0, 2)) == "input favourite_colour = red\n1 for rows whose favourite_colour " \
                                                "is red, else 0"
    assert canvas.describe(("neuron", 0, 4)) == "input height_cm"
    assert canvas.describe(("neuron", out, 0)).startswith(
        "output likes_tea = yes (sigmoid)\nnear 1 for yes, near 0 for no\nbias = ")
    canvas = _show(window, SAMPLES / "iris.csv", (1024, 700))
    assert canvas.describe(("neuron", out, 1)).startswith(
        "output versicolor (softmax)\nclass versicolor of the target species\nbias = ")
    canvas = _show(window, SAMPLES / "breast_cancer.csv", (1024, 700))
    assert canvas.describe(("neuron", 0, 7)) == "input concave_points_mean"
    assert canvas.describe(("neuron", out, 0)).startswith(
        "output diagnosis = malignant (sigmoid)\nnear 1 for malignant, near 0 for benign\n")
