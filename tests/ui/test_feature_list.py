"""The data panel's feature picker (All / None, a filter for wide files, one reload
a change) and its preview (every cell as written in the file)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt

import bpgui.ui.panels.data_panel as data_panel_module
from bpgui.ui.panels.csv_preview import preview_rows
from bpgui.ui.panels.data_panel import DataPanel
from bpgui.ui.panels.feature_list import FeatureList

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
DIGITS = [f"pixel_{r}_{c}" for r in range(8) for c in range(8)]


@pytest.fixture
def picker(qtbot):
    w = FeatureList()
    qtbot.addWidget(w)
    w.set_columns(["Alpha", "beta", "ALPHABET", "gamma"], ["Alpha", "beta", "ALPHABET", "gamma"])
    chosen, refused = [], []
    w.sigChosen.connect(chosen.append)
    w.sigRefused.connect(refused.append)
    return w, chosen, refused


def shown(w: FeatureList) -> list[str]:
    return [w.item(k).text() for k in range(w.count()) if not w.item(k).isHidden()]


@pytest.fixture
def loads(monkeypatch) -> list[dict]:
    """Every load_csv the data panel makes, with its arguments."""
    made = []
    real = data_panel_module.load_csv

    def counting(path, **kwargs):
        made.append(kwargs)
        return real(path, **kwargs)
    monkeypatch.setattr(data_panel_module, "load_csv", counting)
    return made


# ------------------------------------------------------------- the picker alone
def test_the_filter_hides_columns_without_the_text_in_any_case(picker):
    w, chosen, _ = picker
    assert w.filter.placeholderText() == "filter columns"
    w.filter.setText("alpha")
    assert shown(w) == ["Alpha", "ALPHABET"]
    w.filter.setText("  LPHAB ")
    assert shown(w) == ["ALPHABET"]
    w.filter.setText("")
    assert shown(w) == ["Alpha", "beta", "ALPHABET", "gamma"]
    assert chosen == []   # filtering changes no choice


def test_none_unticks_only_the_shown_columns_in_one_announcement(picker):
    w, chosen, refused = picker
    w.filter.setText("alpha")
    w.none_button.click()
    assert chosen == [["beta", "gamma"]] and refused == []
    assert w.checked() == ["beta", "gamma"]
    w.filter.setText("a")      # Alpha, beta, ALPHABET, gamma all hold an "a"
    w.all_button.click()
    assert chosen[-1] == ["Alpha", "beta", "ALPHABET", "gamma"] and len(chosen) == 2
    w.all_button.click()       # nothing to tick: nothing announced
    assert len(chosen) == 2


def test_none_that_would_leave_no_feature_is_refused_and_changes_nothing(picker):
    w, chosen, refused = picker
    w.none_button.click()
    assert refused == ["Choose at least one feature column."] and chosen == []
    assert w.checked() == ["Alpha", "beta", "ALPHABET", "gamma"]
    w.set_columns(w.names(), ["beta"])
    w.filter.setText("b")      # beta, ALPHABET shown: the only ticked one is among them
    w.none_button.click()
    assert len(refused) == 2 and w.checked() == ["beta"] and chosen == []


def test_unticking_the_last_one_ticks_it_again_before_the_refusal(picker):
    w, chosen, refused = picker
    w.set_columns(w.names(), ["gamma"])
    seen = []
    w.sigRefused.connect(lambda _reason: seen.append(w.checked()))
    w.item(3).setCheckState(Qt.Unchecked)
    assert refused == ["Choose at least one feature column."] and seen == [["gamma"]] and chosen == []
    w.item(0).setCheckState(Qt.Checked)
    assert chosen == [["Alpha", "gamma"]]


def test_the_same_columns_again_keep_their_items_and_the_filter(picker):
    w, chosen, _ = picker
    w.filter.setText("gam")
    first = w.item(3)
    w.set_columns(["Alpha", "beta", "ALPHABET", "gamma"], ["gamma"])
    assert w.item(3) is first and shown(w) == ["gamma"] and w.checked() == ["gamma"]
    w.set_columns(["delta", "gamma2"], ["delta"])   # other columns: filtered as well
    assert shown(w) == ["gamma2"] and w.checked() == ["delta"] and chosen == []


def test_the_buttons_say_they_act_on_the_shown_columns(picker):
    w, _, _ = picker
    for button in (w.all_button, w.none_button):
        assert "filter" in button.toolTip() and "only the columns it shows" in button.toolTip()
    assert "no feature would be left" in w.none_button.toolTip()


# ------------------------------------------------------------ in the window
def test_all_and_none_on_64_digit_columns_read_the_file_once_each(window, loads, messages):
    dp = window.data_panel
    assert dp.load_csv_file(str(SAMPLES / "digits.csv"))
    assert dp.features.names() == DIGITS and window.model.network.sizes[0] == 64
    loads.clear()
    dp.features.none_button.click()           # would leave no feature
    assert "at least one feature" in messages.shown[-1][2] and loads == []
    assert dp.features.checked() == DIGITS
    dp.features.filter.setText("PIXEL_3")
    dp.features.none_button.click()
    assert len(loads) == 1
    kept = [n for n in DIGITS if not n.startswith("pixel_3")]
    assert window.dataset.feature_names == kept and window.model.network.sizes[0] == 56
    assert dp.features.checked() == kept
    assert [dp.features.item(k).isHidden() for k in range(64)] == [not n.startswith("pixel_3") for n in DIGITS]
    dp.features.filter.clear()
    dp.features.all_button.click()
    assert len(loads) == 2 and window.dataset.feature_names == DIGITS and window.model.network.sizes[0] == 64
    assert len(messages.shown) == 1


def test_another_file_clears_the_filter(window, messages):
    dp = window.data_panel
    assert dp.load_csv_file(str(SAMPLES / "digits.csv"))
    dp.features.filter.setText("pixel_7")
    dp.target.setCurrentText("pixel_3_3")     # the same file, another target: the filter stays
    assert messages.texts() == ""
    assert dp.features.filter.text() == "pixel_7" and "pixel_3_3" not in dp.features.names()
    assert shown(dp.features) == [n for n in DIGITS if n.startswith("pixel_7")]
    assert dp.load_csv_file(str(SAMPLES / "iris.csv"))
    assert dp.features.filter.text() == ""
    assert [dp.features.item(k).isHidden() for k in range(dp.features.count())] == [False] * 4


def test_a_long_file_name_pushes_nothing_off_the_dock_at_1024x700(window):
    window.resize(1024, 700)
    dp = window.data_panel
    assert dp.load_csv_file(str(SAMPLES / "breast_cancer.csv"))
    QCoreApplication.processEvents()
    viewport = dp.parentWidget()   # the dock's scroll area shows no horizontal scroll bar
    for w in (dp.show_preview, dp.features.filter, dp.features.all_button, dp.features.none_button):
        assert w.mapTo(viewport, QPoint(w.width(), 0)).x() <= viewport.width(), w
    assert dp.csv_label.toolTip().endswith("breast_cancer.csv")
    names = [dp.features.item(k) for k in range(dp.features.count())]
    assert all(item.toolTip() == item.text() for item in names)   # long names are elided in the list


# ---------------------------------------------------------------- the preview
def preview_cells(dp: DataPanel) -> list[list[str]]:
    t = dp.preview
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


@pytest.mark.parametrize("name", ["iris.csv", "digits.csv", "wine.csv"])
def test_the_preview_shows_each_cell_as_written(qtbot, name):
    dp = DataPanel()
    qtbot.addWidget(dp)
    assert dp.load_csv_file(str(SAMPLES / name))
    with open(SAMPLES / name, newline="") as f:
        written = list(csv.reader(f))
    assert [dp.preview.horizontalHeaderItem(c).text() for c in range(dp.preview.columnCount())] == written[0]
    assert preview_cells(dp) == written[1:21]
    if name == "digits.csv":
        assert preview_cells(dp)[0][:3] == ["0", "0", "5"]   # not "0.0"


def test_the_preview_of_a_semicolon_file_in_windows_encoding(qtbot, tmp_path):
    path = tmp_path / "towns.csv"
    path.write_bytes('size;town;kind;w\n0;"Zürich; CH";1,5;0,25\n2.50;?;"a ""b""";1,0\n7;Bern;1,5;3\n'
                     .encode("cp1252"))
    dp = DataPanel()
    qtbot.addWidget(dp)
    offered = []
    dp.sigDatasetChanged.connect(offered.append)
    assert dp.load_csv_file(str(path), target="size", missing="mean")   # "?": a missing town
    (ds,) = offered
    assert ds.X[:, ds.feature_names.index("w")].tolist() == [0.25, 1.0, 3.0]   # read as numbers
    assert preview_cells(dp) == [["0", "Zürich; CH", "1,5", "0,25"], ["2.50", "?", 'a "b"', "1,0"],
                                 ["7", "Bern", "1,5", "3"]]


def test_the_preview_skips_the_lines_above_the_header(qtbot, tmp_path):
    path = tmp_path / "counted.csv"
    path.write_text("150,4,setosa\nx,y,label\n1,2,a\n3,4,b\n5,6,a\n")
    dp = DataPanel()
    qtbot.addWidget(dp)
    assert dp.load_csv_file(str(path), skip_rows=1)
    assert dp.csv_columns == ["x", "y", "label"]
    assert preview_cells(dp) == [["1", "2", "a"], ["3", "4", "b"], ["5", "6", "a"]]


def test_the_preview_of_a_file_with_long_rows_reads_far_enough(qtbot, tmp_path):
    """Rows wider than the first bytes read: the preview still has its 20 rows."""
    path = tmp_path / "wide.csv"
    n = 3000
    lines = [",".join(f"c{j}" for j in range(n)) + ",y"]
    lines += [",".join(str(r + j) for j in range(n)) + f",{r % 2}" for r in range(30)]
    path.write_text("\n".join(lines) + "\n")
    rows = preview_rows({"path": str(path), "delimiter": ",", "skip_rows": 0})
    assert len(rows) == 21 and rows[20][:2] == ["19", "20"] and rows[20][-1] == "1"
