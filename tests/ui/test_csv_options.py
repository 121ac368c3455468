"""The data panel's ways to read a CSV file: missing values, image shape, identifiers
left unticked; each change reads the file again and lands in the document (and undo)."""
from __future__ import annotations

import html
import pathlib

import numpy as np

def summary(panel) -> str:
    return html.unescape(panel.summary.text())


SAMPLES = pathlib.Path(__file__).resolve().parents[2] / "samples"


def holes(tmp_path):
    p = tmp_path / "holes.csv"
    p.write_text("a,b,y\n" + "".join(f"{'?' if i % 9 == 4 else i % 7},{(i * 3) % 5},{i % 2}\n" for i in range(40)))
    return p


def test_a_file_with_missing_values_loads_once_missing_is_chosen(window, tmp_path, messages):
    dp = window.data_panel
    assert not dp.load_csv_file(str(holes(tmp_path)))
    assert "line 6, column 'a': missing value ('?')" in messages.shown[-1][2]
    assert window.dataset.name == "xor gate" and dp.pages.currentIndex() == 2
    dp.options.missing.setCurrentIndex(dp.options.missing.findData("mean"))   # retries the file
    ds = window.dataset
    assert ds.name == "holes.csv" and ds.n_samples == 40 and np.isnan(ds.X[:, 0]).sum() == 4
    assert ds.source["missing"] == "mean"
    assert "4 missing values in 1 column take the column's mean" in summary(dp)
    assert window.model.x_normalizer.fill is not None   # the network's inputs are filled
    assert len(window.boundary.points.data) == 36       # the map draws the points it can place
    dp.options.missing.setCurrentIndex(dp.options.missing.findData("drop"))
    assert window.dataset.n_samples == 36 and "dropped 4 of 40 rows" in summary(dp)
    window.acts.undo.trigger()
    assert window.dataset.n_samples == 40 and dp.options.missing.currentData() == "mean"


def test_the_image_shape_is_found_shown_and_can_be_typed(window, tmp_path, messages, qtbot):
    dp = window.data_panel
    assert dp.load_csv_file(str(SAMPLES / "digits.csv"))
    assert window.dataset.image_shape == (8, 8)
    assert dp.options.image.text() == "" and dp.options.image.placeholderText() == "image: 8x8"
    tiny = tmp_path / "tiny.csv"
    tiny.write_text("a,b,c,d,e,f,y\n" + "".join(f"{i},1,2,3,4,{i % 3},{i % 2}\n" for i in range(8)))
    assert dp.load_csv_file(str(tiny))
    assert window.dataset.image_shape is None and dp.options.image.placeholderText() == "image: no"
    dp.options.image.setText("3x2")
    dp.options.image.editingFinished.emit()
    assert window.dataset.image_shape == (3, 2) and window.dataset.source["image_shape"] == [3, 2]
    dp.options.image.setText("4x4")
    dp.options.image.editingFinished.emit()
    assert "a 4 x 4 image has 16 pixels, but the data has 6 feature columns" in messages.shown[-1][2]


def test_identifier_columns_load_unticked_and_ticking_one_uses_it(window, tmp_path, messages):
    p = tmp_path / "people.csv"
    p.write_text("PassengerId,Name,Sex,Fare,Survived\n"
                 + "".join(f"{i + 1},Person {i},{'mf'[i % 2]},{i % 5},{i % 2}\n" for i in range(30)))
    dp = window.data_panel
    assert dp.load_csv_file(str(p))
    assert window.dataset.feature_names == ["Sex=f", "Sex=m", "Fare"]
    assert dp.features.checked() == ["Sex", "Fare"]
    assert "left out column 'Name'" in summary(dp) and "left out column 'PassengerId'" in summary(dp)
    item = next(dp.features.item(k) for k in range(dp.features.count()) if dp.features.item(k).text() == "PassengerId")
    from PySide6.QtCore import Qt
    item.setCheckState(Qt.Checked)
    assert window.dataset.feature_names == ["PassengerId", "Sex=f", "Sex=m", "Fare"] and not messages.shown


def test_a_refused_reading_of_the_file_shown_puts_the_widgets_back(window, tmp_path, messages):
    dp = window.data_panel
    assert dp.load_csv_file(str(holes(tmp_path)), missing="mean")
    dp.options.missing.setCurrentIndex(dp.options.missing.findData("refuse"))    # the file has '?': refused
    assert "missing value ('?')" in messages.shown[-1][2]
    assert dp.options.missing.currentData() == "mean" and window.dataset.source["missing"] == "mean"
    dp.target.setCurrentText("b")                                                 # five classes 0..4: fine
    assert window.dataset.target_names[0].startswith("b")
    digits = SAMPLES / "digits.csv"
    assert dp.load_csv_file(str(digits))
    dp.target.setCurrentText("pixel_0_0")                       # every row has the class 0: refused
    assert "every row has the class '0'" in messages.shown[-1][2]
    assert dp.target.currentText() == "digit" and window.dataset.target_names[0].startswith("digit")


def test_a_refused_new_file_shows_its_own_settings_not_the_previous_files(window, tmp_path, messages):
    dp = window.data_panel
    assert dp.load_csv_file(str(SAMPLES / "digits.csv"), skip_rows=0, task="classification")
    dp.features.filter.setText("pixel_7")
    assert not dp.load_csv_file(str(holes(tmp_path)))                  # a new file, refused
    assert dp.options.values() == {"task": None, "skip_rows": 0, "missing": "refuse", "image_shape": None}
    assert dp.target.count() == 0 and dp.features.count() == 0 and dp.preview.rowCount() == 0
    assert dp.csv_label.text() == "holes.csv: not loaded"
    assert window.dataset.name == "digits.csv"                          # the document keeps its data
    dp.options.missing.setCurrentIndex(dp.options.missing.findData("drop"))   # retries the new file
    assert window.dataset.name == "holes.csv" and window.dataset.n_samples == 36


def test_notes_are_in_sight_beside_the_file_name(window, tmp_path, messages):
    dp = window.data_panel
    p = tmp_path / "indexed.csv"
    p.write_text(",x,y\n" + "".join(f"{i},{i % 5},{i % 2}\n" for i in range(20)))
    assert dp.load_csv_file(str(p))
    assert dp.notes_button.isVisibleTo(dp) and dp.notes_button.text() == "⚠ 1"
    assert "left out column 'col1'" in dp.notes_button.toolTip()
    assert dp.load_csv_file(str(SAMPLES / "iris.csv"))
    assert not dp.notes_button.isVisibleTo(dp)
