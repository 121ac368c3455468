"""A damaged model file's reasons (core/modelfile.py, modelfile_npy.py, modelfile_runs.py) and a painted
data source's errors (core/painted_data.py) in the window's language: each is a marked ``Text`` whose
English is what the command line prints as before, and which the window translates piece by piece.

The Chinese is the shipped .qm's (tests/ui/chinese.py)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pytest
from chinese import chinese_installed

from bpgui.core.dataset import DataError
from bpgui.core.model import History, Model
from bpgui.core.modelfile import ModelFileError, load_model, save_model
from bpgui.core.network import Network
from bpgui.core.painted_data import PaintedPoints
from bpgui.core.preprocessing import Normalizer
from bpgui.ui.i18n import translated_error

CONTEXTS = ("modelfile", "modelfile_npy", "modelfile_runs", "painted_data")


@pytest.fixture
def chinese(qapp):
    with chinese_installed():
        yield


def _good(tmp_path: Path) -> Path:
    net = Network(2, [(3, "tanh"), (1, "linear")], seed=0)
    X, Y = np.random.default_rng(0).normal(size=(10, 2)), np.zeros((10, 1))
    xn, yn = Normalizer("zscore"), Normalizer("none")
    xn.fit(X), yn.fit(Y)
    model = Model(network=net, feature_names=["a", "b"], target_names=["y"], class_names=None, task="regression",
                  x_normalizer=xn, y_normalizer=yn, training={}, history=History(train_loss=[0.5], val_loss=[0.4]),
                  data_source={"kind": "test"})
    path = tmp_path / "good.bpnet"
    save_model(model, path)
    return path


def _damaged(tmp_path: Path, good: Path, **replace: bytes) -> Path:
    with zipfile.ZipFile(good) as z:
        content = {n: z.read(n) for n in z.namelist()}
    content.update({k.replace("__", "/").replace("_npy", ".npy"): v for k, v in replace.items()})
    path = tmp_path / "bad.bpnet"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in content.items():
            z.writestr(name, data)
    return path


def _refusal(path: Path) -> ModelFileError:
    with pytest.raises(ModelFileError) as caught:
        load_model(path)
    return caught.value


def _npy(arr) -> bytes:
    buf = io.BytesIO()
    np.save(buf, arr)
    return buf.getvalue()


def test_the_reasons_are_marked_and_their_english_is_the_command_lines(qapp, tmp_path):
    good = _good(tmp_path)
    w = np.load(io.BytesIO(zipfile.ZipFile(good).read("weights/0.npy")))
    exc = _refusal(_damaged(tmp_path, good, weights__0_npy=_npy(np.full_like(w, np.nan))))
    assert str(exc) == "bad.bpnet: field 'weights[0]': holds NaN or infinite values (first at index (0, 0))"
    reason = exc.message.values["what"].values["reason"]
    assert (reason.context, reason.template) == ("modelfile_npy", "holds NaN or infinite values (first at index {index})")
    assert reason.values == {"index": "(0, 0)"}
    exc = _refusal(_damaged(tmp_path, good, extra__a_npy=b"", extra__b_npy=b""))
    assert str(exc) == "bad.bpnet: unexpected member 'extra/a.npy' (and 1 more)"
    assert exc.message.values["what"].values == {"member": "'extra/a.npy'", "count": 1}
    with pytest.raises(DataError) as caught:
        PaintedPoints.from_source({"kind": "painted", "mode": "numbers", "points": [[1.0, 2.0, 3.0]]})
    assert str(caught.value) == "painted point 1 ([1.0, 2.0, 3.0]) cannot be read: 3 values instead of 2"
    assert caught.value.message.values["reason"].template == "{count} values instead of {width}"
    # without a translation the window shows the English
    assert translated_error(caught.value) == str(caught.value)


def test_a_damaged_model_file_is_refused_in_chinese(chinese, tmp_path):
    good = _good(tmp_path)
    w = np.load(io.BytesIO(zipfile.ZipFile(good).read("weights/0.npy")))
    cases = {
        _npy(np.full_like(w, np.nan)): "bad.bpnet：字段 'weights[0]'：含有 NaN 或无穷大的值（第一个在索引 (0, 0)）",
        _npy(np.zeros((5, 5), dtype=w.dtype)):
            "bad.bpnet：字段 'weights[0]'：成员 'weights/0.npy'：应为形状 (2, 3)，实际为 (5, 5)",
    }
    for data, chinese_text in cases.items():
        assert translated_error(_refusal(_damaged(tmp_path, good, weights__0_npy=data))) == chinese_text
    extra = _refusal(_damaged(tmp_path, good, extra__a_npy=b""))
    assert str(extra) == "bad.bpnet: unexpected member 'extra/a.npy'"
    assert translated_error(extra) == "bad.bpnet：意外的成员 'extra/a.npy'"


def test_the_window_refuses_a_damaged_model_file_in_chinese(chinese, make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    bad = _damaged(tmp_path, _good(tmp_path), extra__a_npy=b"")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text)))
    window = make_window()
    window.open_path(str(bad))
    assert shown == ["bad.bpnet：意外的成员 'extra/a.npy'"], shown


def test_painted_points_that_cannot_be_read_say_why_in_chinese(chinese):
    with pytest.raises(DataError) as caught:
        PaintedPoints.from_source({"kind": "painted", "mode": "numbers", "points": [[1.0, 2.0, 3.0]]})
    assert translated_error(caught.value) == "无法读取绘制的第 1 个点（[1.0, 2.0, 3.0]）：3 个值，而不是 2 个"
    with pytest.raises(DataError) as caught:
        PaintedPoints.from_source({"kind": "painted", "mode": "stars", "points": []})
    assert translated_error(caught.value) == "未知类型的绘制数据 'stars'"
