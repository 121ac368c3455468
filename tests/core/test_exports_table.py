"""The table of export formats: destinations refused in one line, and each format's self-check."""
from __future__ import annotations

import os

import numpy as np
import pytest

from bpgui.core.export_reference import read_reference
from bpgui.core.exports import EXPORTS, ExportError, check_destination, export

from export_models import KINDS, data_of, make_model


def test_every_format_says_what_it_writes():
    assert list(EXPORTS) == ["onnx", "torch", "numpy", "c", "json"]
    assert {f.kind for f in EXPORTS.values()} == {"file", "dir"} and EXPORTS["c"].kind == "dir"
    assert all(f.suffix.startswith(".") for f in EXPORTS.values() if f.kind == "file")


@pytest.mark.parametrize("key", ["numpy", "json", "onnx"])
def test_a_directory_where_a_file_is_wanted(tmp_path, key):
    (tmp_path / "taken").mkdir()
    with pytest.raises(ExportError, match=f"^{tmp_path / 'taken'} is a directory; the .* export writes a file"):
        check_destination(EXPORTS[key], str(tmp_path / "taken"))


def test_a_file_where_a_directory_is_wanted(tmp_path):
    (tmp_path / "taken").write_text("x")
    with pytest.raises(ExportError, match="taken is a file; the C source export writes a directory$"):
        export("c", make_model("binary"), tmp_path / "taken")
    assert (tmp_path / "taken").read_text() == "x"


def test_a_folder_that_is_missing_or_a_file(tmp_path):
    with pytest.raises(ExportError, match=f"the folder {tmp_path / 'no'} does not exist"):
        export("numpy", make_model("binary"), tmp_path / "no" / "net.py")
    (tmp_path / "f").write_text("")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        export("json", make_model("binary"), tmp_path / "f" / "net.json")


@pytest.mark.skipif(not os.path.isdir("/sys/kernel"), reason="needs Linux's /sys, which refuses new files")
def test_an_unwritable_place_is_named(tmp_path):
    with pytest.raises(ExportError, match=r"^/sys/net\.py: Permission denied$"):
        export("numpy", make_model("binary"), "/sys/net.py")


def test_a_read_only_folder_is_named(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    # root writes anywhere: the folder refuses as a read-only one does, by the access test
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: os.fspath(path) != os.fspath(locked))
    with pytest.raises(ExportError, match="permission denied: cannot write in"):
        export("json", make_model("binary"), locked / "net.json")


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("kind", KINDS)
def test_onnx_now_writes_a_reference_and_checks_itself(tmp_path, kind, dtype):
    pytest.importorskip("onnxruntime")
    model = make_model(kind, dtype)
    result = export("onnx", model, tmp_path / "net.onnx", data=data_of(kind))
    assert result.files == [str(tmp_path / "net.onnx"), str(tmp_path / "net.onnx.reference.json")]
    rtol = "1e-09" if dtype == "float64" else "1e-05"
    assert (result.passed, result.check) == (True, f"check passed: 16 rows agree within {rtol}")
    np.testing.assert_array_equal(read_reference(result.files[1])["inputs"], data_of(kind)[:16])


def test_a_check_that_fails_is_reported_not_raised(tmp_path, monkeypatch):
    model = make_model("regression")
    real = model.predict
    # The reference records wrong outputs: the exported module, right, disagrees with it.
    monkeypatch.setattr(model, "predict", lambda X: real(X) * 1.001)
    result = export("numpy", model, tmp_path / "net.py")
    assert result.passed is False and result.check.startswith("check failed: 32 of 32 outputs differ")
