"""The model file's reasons (core/modelfile_schema.py, modelfile_timeline.py) and the data errors of
preprocessing.py, dataset.py and builtin_data.py are marked texts: the English (``str``, what the command
line prints) is unchanged, the template and values are kept, and with a Chinese translation built from
the shipped .qm installed, ``translated_error``
reads in Chinese, the file name and the values filled in."""
from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest
from chinese import chinese_installed

from bpgui.core.builtin_data import toy_dataset
from bpgui.core.dataset import DataError, Dataset
from bpgui.core.modelfile import ModelFileError, load_model
from bpgui.core.modelfile_schema import FORMAT_NAME
from bpgui.core.preprocessing import Normalizer
from bpgui.ui.i18n import translated_error



def _bad_model(tmp_path, doc) -> ModelFileError:
    path = tmp_path / "old.bpm"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("model.json", json.dumps(doc))
    with pytest.raises(ModelFileError) as caught:
        load_model(path)
    return caught.value


def test_reasons_keep_their_english_template_and_values(tmp_path):
    exc = _bad_model(tmp_path, {"format": FORMAT_NAME, "version": 99})
    assert str(exc) == "old.bpm: made by a newer bpgui (format 99); this version reads formats 1 to 5: upgrade bpgui"
    what = exc.message.values["what"]
    assert (what.context, what.values) == ("modelfile_schema", {"version": 99, "latest": 5})
    exc = _bad_model(tmp_path, {"format": "other", "version": 1})
    reason = exc.message.values["what"].values["reason"]
    assert reason.template == "not a bpgui model (expected {expected}, got {got})"
    assert reason.values == {"expected": repr(FORMAT_NAME), "got": '"other"'}

    with pytest.raises(DataError) as caught:
        Normalizer.from_dict({"method": "zscore", "shift": [0.0], "scale": [0.0]})
    assert str(caught.value) == "normalizer: shift must be finite and scale finite and > 0"
    assert caught.value.message.context == "preprocessing"
    with pytest.raises(DataError) as caught:
        Dataset(X=np.zeros((3, 2)), Y=np.zeros((2, 1)), feature_names=["a", "b"], target_names=["y"],
                class_names=None, task="binary")
    assert str(caught.value) == "X has 3 rows but Y has 2"
    assert caught.value.message.values == {"x_rows": 3, "y_rows": 2}
    with pytest.raises(DataError) as caught:
        toy_dataset("moons", n_samples=10**9)
    assert str(caught.value) == "n_samples must be at most 10,000,000, got 1,000,000,000"
    assert caught.value.message.values["got"] == "1,000,000,000"


def test_the_reasons_read_in_chinese(qapp, tmp_path):
    with chinese_installed():
        newer = _bad_model(tmp_path, {"format": FORMAT_NAME, "version": 99})
        assert "由更新版本的 bpgui 生成（格式 99）；此版本读取格式 1 到 5：请升级 bpgui" in translated_error(newer)
        other = _bad_model(tmp_path, {"format": "other", "version": 1})
        assert f"不是 bpgui 模型（应为 {FORMAT_NAME!r}，实际为 \"other\"）" in translated_error(other)
        with pytest.raises(DataError) as caught:
            toy_dataset("moons", n_samples=0)
        assert translated_error(caught.value) == "n_samples 必须是 >= 1 的整数，实际为 0"
