"""Try it: inputs set by hand in raw units, and the output the network gives for exactly those
inputs (the bars are compared with the engine's own prediction, not with the view's)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication

from bpgui.core.dataset import Dataset
from bpgui.ui.views.input_fields import decimals_for, input_fields, starting_row

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


# ------------------------------------------------------------------ the fields, without Qt
def _mixed() -> Dataset:
    X = np.array([[1.5, 1, 0, 0, 10],
                  [np.nan, 0, 1, 0, 20],
                  [2.5, 0, 1, 0, 30],
                  [4.0, 0, 0, 1, np.nan]])
    return Dataset(X, np.array([[0.], [1.], [0.], [1.]]), ["size", "colour=blue", "colour=green", "colour=red", "age"],
                   ["y"], ["no", "yes"], "binary")


def test_number_fields_span_the_data_and_start_at_the_training_mean_missing_values_left_out():
    ds = _mixed()
    fields = input_fields(ds.X, ds.feature_names, ds.X[:3])
    size, colour, age = fields
    assert (size.name, size.indices, size.lo, size.hi) == ("size", (0,), 1.5, 4.0)
    assert size.start == pytest.approx(2.0)        # the mean of the training rows 1.5 and 2.5 (NaN left out)
    assert (age.lo, age.hi, age.start, age.decimals) == (10.0, 30.0, 20.0, 0)
    assert colour.name == "colour" and colour.choices == ("blue", "green", "red") and colour.indices == (1, 2, 3)
    assert colour.start == 1                       # green: the training rows' most common colour
    assert list(starting_row(fields, 5)) == [2.0, 0.0, 1.0, 0.0, 20.0]


def test_a_choice_sets_exactly_one_of_its_inputs():
    colour = input_fields(_mixed().X, _mixed().feature_names)[1]
    for k in range(3):
        assert colour.encode(k) == {i: float(i == k + 1) for i in (1, 2, 3)}
        assert colour.read(np.array([9, *np.eye(3)[k], 9])) == k


def test_an_equals_sign_in_a_number_column_is_no_one_hot_group():
    X = np.array([[0.5, 3.0], [1.5, 7.0]])
    fields = input_fields(X, ["ratio=a/b", "ratio=c"])
    assert [(f.name, f.is_choice) for f in fields] == [("ratio=a/b", False), ("ratio=c", False)]


def test_decimals_read_the_data_and_slide_smoothly():
    assert decimals_for(np.arange(17.0)) == 0
    assert decimals_for(np.array([0.0, 1.0, 1.0])) == 3        # xor's 0/1: smooth, 1/200 steps
    assert decimals_for(np.array([4.3, 7.9, 5.1])) == 2        # 200 steps over 3.6
    assert decimals_for(np.array([0.12345, 0.5])) == 5         # the data's own decimals
    assert decimals_for(np.array([np.nan, np.nan])) == 0


# ------------------------------------------------------------------ in the window
def _open(w, name: str, path: Path | None = None):
    w.resize(1024, 700)
    assert w.data_panel.load_csv_file(str(path or SAMPLES / name))
    w.views.setCurrentWidget(w.try_it)
    QCoreApplication.processEvents()
    return w.try_it


def _shown(view) -> list[float]:
    return [r.value for r in view.output.rows]


def _engine(w, x) -> np.ndarray:
    """What the engine computes for raw inputs x: the network on the encoded inputs, back on the raw scale."""
    model = w.model
    out = model.network.predict(model.encode_inputs(np.asarray(x)[None, :]))
    return model.y_normalizer.inverse_transform(out.astype(np.float64))[0]


def test_moving_a_slider_shows_the_networks_class_probabilities_for_the_new_inputs(window, train_to_end):
    w = window
    view = _open(w, "iris.csv")
    w.training_panel.epochs.setValue(60)
    train_to_end(w)
    row = next(r for r in view.inputs.rows if r.field.name == "petal_length")
    x0 = view.values()
    assert x0[2] == row.spin.value() == pytest.approx(np.nanmean(w.session.train.X[:, 2]), abs=0.005)
    assert (row.field.lo, row.field.hi) == (1.0, 6.9)
    row.slider.setValue(row.slider.maximum())
    x = view.values()
    assert x[2] == 6.9 and row.spin.value() == 6.9
    assert np.array_equal(np.delete(x, 2), np.delete(x0, 2))       # the others stay
    p = _engine(w, x)
    assert [r.name for r in view.output.rows] == ["setosa", "versicolor", "virginica"]
    assert _shown(view) == pytest.approx(list(p), abs=1e-9) and p.sum() == pytest.approx(1.0)
    assert [r.bold for r in view.output.rows] == [k == int(np.argmax(p)) for k in range(3)]
    row.spin.setValue(1.2)                           # the spin box is heard as well
    assert view.values()[2] == 1.2 and row.slider.value() == round((1.2 - 1.0) / 5.9 * row.steps)
    assert _shown(view) == pytest.approx(list(_engine(w, view.values())), abs=1e-9)


def test_the_output_follows_the_weights_it_is_given(window):
    view = _open(window, "iris.csv")
    x = view.values()
    other = window.model.network.copy()
    other.weights = [W * -2.0 + 0.3 for W in other.weights]
    view.update_model(window.model, other)      # what a training snapshot does
    expected = other.predict(window.model.encode_inputs(x[None, :]))[0]
    assert _shown(view) == pytest.approx(list(expected), abs=1e-9)
    assert _shown(view) != pytest.approx(list(_engine(window, x)), abs=1e-6)


def test_show_sample_sets_every_input(window):
    view = _open(window, "iris.csv")
    x = window.dataset.X[120]
    window.views.show_sample(x)                   # as a view that picked a sample asks
    assert np.array_equal(view.values(), x)
    assert [r.spin.value() for r in view.inputs.rows] == list(x)
    assert _shown(view) == pytest.approx(list(_engine(window, x)), abs=1e-9)


def test_a_one_hot_combo_sets_exactly_one_input_of_its_group(window, tmp_path):
    path = tmp_path / "tea.csv"
    colours = ["red", "green", "blue", "yellow"]
    path.write_text("favourite_colour,height_cm,likes_tea\n" + "".join(
        f"{colours[k % 4]},{150 + k},{'yes' if k % 3 else 'no'}\n" for k in range(24)))
    view = _open(window, "", path)
    combo_row = view.inputs.rows[0]
    assert combo_row.field.name == "favourite_colour"
    assert [combo_row.combo.itemText(k) for k in range(4)] == ["blue", "green", "red", "yellow"]
    height = view.values()[4]
    combo_row.combo.setCurrentIndex(2)
    x = view.values()
    assert list(x[:4]) == [0.0, 0.0, 1.0, 0.0] and x[4] == height
    p = _engine(window, x)[0]      # one sigmoid output: p(yes); "no" gets 1 - p
    assert [r.name for r in view.output.rows] == ["no", "yes"]
    assert _shown(view) == pytest.approx([1 - p, p], abs=1e-9)
    assert [r.bold for r in view.output.rows] == [p < 0.5, p >= 0.5]


def test_regression_shows_the_value_on_the_targets_raw_scale(window):
    view = _open(window, "diabetes.csv")
    row = view.inputs.rows[2]
    row.slider.setValue(row.slider.maximum() // 3)
    (shown,) = view.output.rows
    assert shown.is_value and shown.name == window.model.target_names[0]
    assert shown.value == pytest.approx(_engine(window, view.values())[0], rel=1e-9)
    Y = window.dataset.Y[:, 0]
    assert shown.span == (Y.min(), Y.max())


def test_the_inputs_stay_when_the_network_changes_and_reset_with_new_data(window):
    view = _open(window, "iris.csv")
    view.show_sample(window.dataset.X[3])
    window.reset_weights()
    QCoreApplication.processEvents()
    assert np.array_equal(view.values(), window.dataset.X[3])
    assert _shown(view) == pytest.approx(list(_engine(window, view.values())), abs=1e-9)
    view = _open(window, "wine.csv")
    assert np.array_equal(view.values(), starting_row(view.fields, window.dataset.n_features))
    assert len(view.inputs.rows) == window.dataset.n_features


def test_a_sample_given_before_the_view_has_its_data_is_shown_with_it(window):
    view = _open(window, "iris.csv")
    window.views.setCurrentIndex(0)
    assert window.data_panel.load_csv_file(str(SAMPLES / "wine.csv"))
    x = window.dataset.X[7]
    window.views.show_sample(x)        # the Try it tab is hidden: it has not had the new data yet
    window.views.setCurrentWidget(view)
    assert np.array_equal(view.values(), x)


def test_a_sample_with_missing_values_is_shown_and_used_with_them_filled_in(qtbot):
    from bpgui.core import TrainingSettings
    from bpgui.core.session import Session
    from bpgui.ui.views.try_it import TryIt

    ds = _mixed()
    session = Session(ds, TrainingSettings())
    view = TryIt()
    qtbot.addWidget(view)
    view.set_data(ds, session)
    view.update_model(session.model, None)
    start = starting_row(view.fields, ds.n_features)
    view.show_sample(ds.X[1])                  # its size is missing
    x = view.values()
    assert x[0] == start[0] and np.array_equal(x[1:], ds.X[1, 1:])
    assert "missing" in view.note.text()
    p = session.model.predict(x)[0, 0]
    assert _shown(view) == pytest.approx([1 - p, p], abs=1e-9)


@pytest.mark.slow
def test_while_training_the_output_follows_the_snapshots_weights(window, qtbot):
    w = window
    view = _open(w, "iris.csv")
    before = _shown(view)
    w.training_panel.unlimited.setChecked(True)
    w.train_or_pause()
    qtbot.waitUntil(lambda: w.history.epochs > 50 and _shown(view) != pytest.approx(before, abs=1e-4),
                    timeout=20_000)
    w.train_or_pause()                                   # pause: the snapshot's weights stay
    qtbot.waitUntil(lambda: w.controller.state == "paused", timeout=10_000)
    qtbot.wait(300)                                      # the last throttled redraw
    live = w._view_net.predict(w.model.encode_inputs(view.values()[None, :]))[0]
    assert _shown(view) == pytest.approx(list(live), abs=1e-9)
    w.stop_and_wait()
