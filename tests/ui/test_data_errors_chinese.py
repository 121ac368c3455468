"""The engine's data errors and notes in the window's language (core/dataset.py ``DataError``, the CSV
reader's notes; ui/i18n.py ``translated_error``): with the shipped Chinese translation installed the data
panel's message box and notes read in Chinese, where and why composed from the engine's facts; the
English (``str``), which the command line prints, is unchanged."""
from __future__ import annotations

import copy
import html
import pickle

import pytest
from chinese import chinese_installed

from bpgui.core.csv import load_csv
from bpgui.core.dataset import DataError
from bpgui.ui.i18n import translated, translated_error


@pytest.fixture
def chinese(qapp):
    with chinese_installed() as translator:
        yield translator


def _write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def _error(path: str, **reading) -> DataError:
    with pytest.raises(DataError) as caught:
        load_csv(path, **reading)
    return caught.value


def test_a_bad_cell_reads_in_chinese_in_the_data_panels_message(chinese, qtbot, tmp_path, messages):
    from bpgui.ui.panels.data_panel import DataPanel
    path = _write(tmp_path, "bad.csv", "x1,x2,label\n1,2,a\n3,abc,b\n5,6,a\n")
    assert str(_error(path)) == "bad.csv line 3, column 'x2': 'abc' is not a number"   # the CLI's English
    panel = DataPanel()
    qtbot.addWidget(panel)
    assert panel.load_csv_file(path) is False
    kind, _, text = messages.shown[-1]
    assert kind == "warning" and text == "bad.csv 第 3 行，列 'x2'：'abc' 不是数字"


def test_a_missing_value_and_the_header_note_in_chinese(chinese, window, tmp_path):
    gap = _write(tmp_path, "gap.csv", "x1,x2,label\n1,2,a\n3,,b\n5,6,a\n")
    exc = _error(gap)
    assert str(exc).startswith("gap.csv line 3, column 'x2': missing value (an empty cell); to use the file")
    assert translated_error(exc).startswith("gap.csv 第 3 行，列 'x2'：缺失值（空单元格）；要使用该文件")
    doubt = _write(tmp_path, "doubt.csv", "x1,x2,x3,5,label\n1,2,3,4,a\n2,3,4,5,b\n3,4,5,6,a\n4,5,6,7,b\n")
    ds = load_csv(doubt)
    assert ds.notes == ["line 1 is read as the header, but '5' is a number: if it is a title or a line of "
                        "counts, skip it (skip rows 1)"]
    panel = window.data_panel
    assert panel.load_csv_file(doubt)
    note = "第 1 行被当作表头读取，但 '5' 是数字：如果它是标题或一行计数，请跳过它（跳过行数 1）"
    assert panel.notes_button.notes == [note] and html.escape(note) in panel.summary.text()
    assert window.statusBar().currentMessage() == f"doubt.csv: {note}"
    assert translated(load_csv(gap, missing="mean").notes[0]) == "1 列中的 1 个缺失值取该列在训练行上的均值"


def test_without_a_translator_the_window_shows_the_engines_english(qapp, tmp_path):
    exc = _error(_write(tmp_path, "bad.csv", "x1,x2,label\n1,2,a\n3,abc,b\n5,6,a\n"))
    assert translated_error(exc) == str(exc) == "bad.csv line 3, column 'x2': 'abc' is not a number"
    assert translated_error(DataError("plain reason")) == "plain reason"
    assert translated_error(ValueError("other")) == "other"
    unlocated = _error(_write(tmp_path, "empty.csv", ""))
    assert translated_error(unlocated) == str(unlocated) == "empty.csv: the file is empty"
    copied = pickle.loads(pickle.dumps(exc.message))   # a Text is copied as one (a Dataset's notes, say)
    assert copied == exc.message and copied.template == exc.message.template and copy.deepcopy(copied) == copied


def test_data_that_cannot_be_painted_says_why_in_chinese(chinese):
    import numpy as np

    from bpgui.core.dataset import Dataset
    from bpgui.core.painted_data import PaintedPoints
    ds = Dataset(X=np.zeros((4, 3)), Y=np.zeros((4, 1)), feature_names=["a", "b", "c"], target_names=["y"],
                 class_names=None, task="regression", name="three.csv")
    with pytest.raises(DataError) as caught:
        PaintedPoints.from_dataset(ds)
    assert str(caught.value) == ("Only data with 2 inputs and classes, or 1 input and 1 number, can be painted on; "
                                 "three.csv has 3 inputs (regression).")
    assert translated_error(caught.value) == ("只有 2 个输入且为类别、或 1 个输入且为 1 个数值的数据才能在上面绘制；"
                                             "three.csv 有 3 个输入（regression）。")


def test_a_file_that_is_not_a_model_is_refused_in_chinese(make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    bad = tmp_path / "notes.bpnet"
    bad.write_text("not a model")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text)))
    with chinese_installed():
        window = make_window()
        window.open_path(str(bad))
    assert len(shown) == 1 and shown[0].startswith("notes.bpnet：不是 bpgui 模型文件：不是 ZIP 压缩包"), shown
    from bpgui.core.modelfile import ModelFileError, load_model
    with pytest.raises(ModelFileError, match=r"^notes\.bpnet: not a bpgui model file: not a ZIP archive"):
        load_model(bad)   # the command line's English, as before
