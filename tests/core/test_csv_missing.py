"""Missing values: refused with line and column, rows dropped, or cells filled
with the training rows' column means kept in the model (and its file and ONNX graph)."""
from __future__ import annotations

import numpy as np
import pytest

from bpgui.core.csv import load_csv
from bpgui.core.dataset import DataError
from bpgui.core.modelfile import load_model, save_model
from bpgui.core.preprocessing import Normalizer
from bpgui.core.session import Session
from bpgui.core.training_settings import TrainingSettings

# Like UCI's auto-mpg: '?' for an unknown horsepower; and an empty cell, NA and a missing target.
TEXT = """mpg_class,horsepower,weight,origin,label
1.0,130,3504,usa,a
2.0,?,3693,usa,b
3.0,150,,europe,a
4.0,140,3449,NA,b
5.0,198,4341,japan,
6.0,220,4354,usa,a
7.0,215,4312,europe,b
8.0,225,4425,japan,a
"""


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "cars.csv"
    p.write_text(TEXT)
    return p


@pytest.mark.parametrize("cell,shown,line,column", [("?", "'?'", 3, "horsepower"), ("", "an empty cell", 4, "weight")])
def test_missing_cells_are_refused_by_default_with_line_and_column(tmp_path, cell, shown, line, column):
    text = TEXT.replace("?", "145") if cell == "" else TEXT
    p = tmp_path / "cars.csv"
    p.write_text(text)
    with pytest.raises(DataError) as info:
        load_csv(p, one_hot_features=True)
    err = info.value
    assert (err.line, err.column) == (line, column)
    assert str(err).startswith(f"cars.csv line {line}, column '{column}': missing value ({shown}); ")
    assert "--missing drop|mean" in str(err)


def test_drop_leaves_out_every_row_with_a_missing_cell_and_says_so(path):
    ds = load_csv(path, one_hot_features=True, missing="drop")
    np.testing.assert_array_equal(ds.X[:, 0], [1, 6, 7, 8])
    assert ds.notes == ["dropped 4 of 8 rows with a missing value (the first on line 3)"]
    assert ds.source["missing"] == "drop"


def test_mean_keeps_the_rows_as_nan_and_drops_only_a_missing_target(path):
    ds = load_csv(path, one_hot_features=True, missing="mean")
    np.testing.assert_array_equal(ds.X[:, 0], [1, 2, 3, 4, 6, 7, 8])
    assert ds.feature_names == ["mpg_class", "horsepower", "weight", "origin=europe", "origin=japan",
                                "origin=usa"]
    assert np.isnan(ds.X[1, 1]) and np.isnan(ds.X[2, 2]) and np.isnan(ds.X[3, 3:]).all()
    assert np.isnan(ds.X).sum() == 5      # one cell, one cell, a one-hot column's three inputs
    assert ds.notes == ["dropped 1 of 8 rows with a missing target (the first on line 6)",
                        "3 missing values in 3 columns take the column's mean over the training rows"]


def test_a_label_error_after_dropped_rows_names_the_right_line(path):
    with pytest.raises(DataError) as info:
        load_csv(path, one_hot_features=True, missing="drop", classes=["a", "c"])
    assert info.value.line == 8   # the first 'b' kept (line 3 and 5 were dropped)


def test_the_model_fills_with_the_training_rows_means_and_keeps_them(path, tmp_path):
    ds = load_csv(path, one_hot_features=True, missing="mean")
    session = Session(ds, TrainingSettings(epochs=3, val_split=0.0, test_split=0.0, normalize="zscore"))
    fill = session.model.x_normalizer.fill
    # The training rows are every row here: the means of the values present.
    assert fill[1] == pytest.approx(np.mean([130, 150, 140, 220, 215, 225]))
    assert fill[2] == pytest.approx(np.mean([3504, 3693, 3449, 4354, 4312, 4425]))
    assert fill[3] == pytest.approx(2 / 6)   # origin=europe among the six known origins
    assert not np.isnan(session.train_xy[0]).any()
    list(session.run())
    save_model(session.model, tmp_path / "m.bpnet")
    again = load_model(tmp_path / "m.bpnet")
    np.testing.assert_array_equal(again.x_normalizer.fill, fill)
    row = ds.X[1:2]   # horsepower missing: predicted as if it were the mean
    filled = row.copy()
    filled[0, 1] = fill[1]
    np.testing.assert_allclose(again.predict(row), session.model.predict(filled))


def test_the_means_come_from_the_training_split_only():
    X = np.array([[1.0], [np.nan], [3.0], [100.0]])
    norm = Normalizer("none").fit(X[:3], fill_missing=True)
    assert norm.fill[0] == 2.0
    np.testing.assert_array_equal(norm.transform(X), [[1.0], [2.0], [3.0], [100.0]])


def test_a_model_without_means_refuses_missing_inputs():
    norm = Normalizer("zscore").fit(np.array([[1.0, 2.0], [3.0, 5.0]]))
    with pytest.raises(DataError, match="input column 2 has missing values, and the model has no column means"):
        norm.transform(np.array([[1.0, np.nan]]))


def test_a_column_with_no_values_in_the_training_rows_is_named():
    with pytest.raises(DataError, match="column 'b' has no values in the training rows"):
        Normalizer("none").fit(np.array([[1.0, np.nan], [2.0, np.nan]]), fill_missing=True, names=["a", "b"])


def test_a_column_with_every_cell_missing_is_refused(tmp_path):
    p = tmp_path / "empty_col.csv"
    p.write_text("a,b,y\n1,,0\n2,NA,1\n3,?,0\n")
    with pytest.raises(DataError) as info:
        load_csv(p, missing="mean")
    assert info.value.column == "b" and "every cell of the column is missing" in str(info.value)


def test_every_row_dropped_is_refused(tmp_path):
    p = tmp_path / "holes.csv"
    p.write_text("a,b,y\n1,,0\n,2,1\n")
    with pytest.raises(DataError, match="every row has a missing value"):
        load_csv(p, missing="drop")


def test_a_bad_policy_is_refused(path):
    with pytest.raises(DataError, match="missing must be one of refuse, drop, mean"):
        load_csv(path, missing="zero")


def test_missing_words_are_not_taken_for_text_in_a_numeric_column(tmp_path):
    # Many '?' would otherwise make the column look like text and suggest one-hot.
    p = tmp_path / "many.csv"
    p.write_text("a,y\n" + "".join(f"{'?' if i % 3 else i},{i % 2}\n" for i in range(30)))
    ds = load_csv(p, missing="mean")
    assert ds.feature_names == ["a"] and np.isnan(ds.X[:, 0]).sum() == 20


def test_onnx_graph_fills_missing_inputs_like_the_model(path, tmp_path):
    ort = pytest.importorskip("onnxruntime")
    from bpgui.core.onnx_export import export_onnx
    ds = load_csv(path, one_hot_features=True, missing="mean")
    session = Session(ds, TrainingSettings(epochs=2, val_split=0.0, test_split=0.0, dtype="float64"))
    export_onnx(session.model, tmp_path / "m.onnx")
    run = ort.InferenceSession(str(tmp_path / "m.onnx"), providers=["CPUExecutionProvider"])
    got = run.run(None, {run.get_inputs()[0].name: ds.X})[0]
    np.testing.assert_allclose(got, session.model.predict(ds.X), rtol=1e-9)


def test_model_files_say_the_oldest_version_that_holds_them(path, tmp_path):
    import json
    import zipfile
    plain = Session(load_csv(path, one_hot_features=True, missing="drop"), TrainingSettings(epochs=1))
    filled = Session(load_csv(path, one_hot_features=True, missing="mean"), TrainingSettings(epochs=1))
    for session, version in ((plain, 1), (filled, 3)):
        save_model(session.model, tmp_path / "v.bpnet")
        with zipfile.ZipFile(tmp_path / "v.bpnet") as z:
            doc = json.loads(z.read("model.json"))
            assert doc["version"] == version
            assert ("x_normalizer/fill.npy" in z.namelist()) == (version == 3)
