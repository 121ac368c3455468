"""`bpgui export MODEL --FORMAT OUT`: the files, the self-check's line, and bad input in one line (exit 2)."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from bpgui.cli import main
from bpgui.core.c_compile import c_compiler
from bpgui.core.export_reference import read_reference
from bpgui.core.modelfile import save_model

from export_models import make_model

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def run(capsys, *argv):
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:   # argparse's usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "house prices.bpnet"
    save_model(make_model("regression", "float64"), path)
    return path


@pytest.mark.parametrize("key,out,rtol", [("numpy", "net.py", "1e-09"), ("json", "net.json", "1e-09"),
                                          ("c", "firmware", "1e-05")])
def test_each_format_prints_its_files_and_its_check(tmp_path, capsys, model_file, key, out, rtol):
    if key == "c" and c_compiler() is None:
        pytest.skip("no C compiler on this machine")
    code, stdout, err = run(capsys, "export", model_file, f"--{key}", tmp_path / out)
    lines = stdout.splitlines()
    assert (code, err) == (0, "")
    assert lines[-1] == f"check passed: 16 rows agree within {rtol}"
    assert all(line.startswith("wrote ") and os.path.exists(line[6:]) for line in lines[:-1])
    assert f"wrote {tmp_path / out}.reference.json" in lines
    if key == "c":
        assert f"wrote {tmp_path / out / 'house_prices.c'}" in lines     # named after the model file


def test_reference_rows_come_from_data(tmp_path, capsys):
    model = tmp_path / "xor.bpnet"
    run(capsys, "train", "gate:xor", "--epochs", "20", "--out", model, "--quiet")
    code, stdout, _ = run(capsys, "export", model, "--json", tmp_path / "x.json", "--data", SAMPLES / "xor.csv")
    assert code == 0 and stdout.splitlines()[-1].startswith("check passed: 4 rows agree")
    np.testing.assert_array_equal(read_reference(tmp_path / "x.json.reference.json")["inputs"],
                                  [[0, 0], [0, 1], [1, 0], [1, 1]])


def _refused(capsys, *argv, status: int = 1) -> str:
    """Bad input: status 1; a wrong option (argparse): status 2; one line either way."""
    code, stdout, err = run(capsys, *argv)
    assert code == status and stdout == "" and len(err.strip().splitlines()) == 1, err
    return err.strip()


def test_bad_input_is_one_line_and_exit_1_a_wrong_option_exit_2(tmp_path, capsys, model_file):
    (tmp_path / "adir").mkdir()
    (tmp_path / "afile").write_text("")
    assert "adir is a directory; the NumPy module export writes a file" in \
        _refused(capsys, "export", model_file, "--numpy", tmp_path / "adir")
    assert "afile is a file; the C source export writes a directory" in \
        _refused(capsys, "export", model_file, "--c", tmp_path / "afile")
    assert f"{tmp_path / 'nope.bpnet'}: no such model file" in \
        _refused(capsys, "export", tmp_path / "nope.bpnet", "--json", tmp_path / "x.json")
    assert "the folder" in _refused(capsys, "export", model_file, "--json", tmp_path / "no" / "x.json")
    assert "unrecognized arguments: --rust" in \
        _refused(capsys, "export", model_file, "--rust", tmp_path / "x.rs", status=2)
    assert "choose a format: --onnx, --torch, --numpy, --c, --json" in \
        _refused(capsys, "export", model_file, status=2)
    assert "not allowed with argument" in \
        _refused(capsys, "export", model_file, "--json", tmp_path / "x.json", "--c", tmp_path / "d", status=2)
    if os.path.isdir("/sys/kernel"):   # Linux: /sys refuses new files even to root
        assert _refused(capsys, "export", model_file, "--numpy", "/sys/net.py") == \
            "bpgui export: error: /sys/net.py: Permission denied"
    assert not (tmp_path / "x.json").exists()


def test_data_without_the_models_columns_is_refused(tmp_path, capsys, model_file):
    (tmp_path / "other.csv").write_text("x,y\n1,2\n")
    assert "other.csv" in _refused(capsys, "export", model_file, "--json", tmp_path / "x.json",
                                   "--data", tmp_path / "other.csv")


def test_a_failed_self_check_exits_1(tmp_path, capsys, model_file, monkeypatch):
    from bpgui.core import exports
    fmt = exports.EXPORTS["json"]
    monkeypatch.setitem(exports.EXPORTS, "json", fmt.__class__(**{**fmt.__dict__,
                        "check": lambda out: (False, "check failed: 2 of 32 outputs differ")}))
    code, stdout, _ = run(capsys, "export", model_file, "--json", tmp_path / "x.json")
    assert code == 3 and stdout.splitlines()[-1] == "check failed: 2 of 32 outputs differ"


def test_a_model_file_that_is_not_one(tmp_path, capsys):
    bad = tmp_path / "bad.bpnet"
    bad.write_text("not a model")
    assert "bad.bpnet" in _refused(capsys, "export", bad, "--json", tmp_path / "x.json")


def test_torch_writes_the_module_and_checks_it(tmp_path, capsys, model_file):
    pytest.importorskip("torch")
    code, out, err = run(capsys, "export", model_file, "--torch", tmp_path / "net.py")
    assert code == 0 and err == ""
    assert {"net.py", "net.npz", "net.py.reference.json"} <= {p.name for p in tmp_path.iterdir()}
    assert out.splitlines()[-1].startswith("check passed: ")
