"""The train command's reading options: --missing, --encoding, --image; predict
fills missing inputs with the means the model keeps."""
from __future__ import annotations

import pytest

from bpgui.cli import main
from bpgui.core.modelfile import load_model

ROWS = "".join(f"{'?' if i % 9 == 4 else i % 7},{(i * 3) % 5},{'' if i == 10 else i % 2}\n" for i in range(60))


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def holes(tmp_path):
    p = tmp_path / "holes.csv"
    p.write_text("a,b,y\n" + ROWS)
    return p


def test_missing_values_refused_then_filled_and_predicted(tmp_path, capsys, holes):
    model = tmp_path / "m.bpnet"
    code, _, err = run(capsys, "train", holes, "--out", model, "--epochs", "5")
    assert code == 1 and "holes.csv line 6, column 'a': missing value ('?')" in err
    code, out, err = run(capsys, "train", holes, "--out", model, "--epochs", "5", "--missing", "mean")
    assert code == 0 and "note: dropped 1 of 60 rows with a missing target (the first on line 12)" in err
    assert "note: 7 missing values in 1 column" in err
    assert load_model(model).x_normalizer.fill is not None
    code, out, _ = run(capsys, "predict", model, holes)
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 1 + 59
    assert lines[5].startswith(",")          # the missing input written as the file had it: empty
    assert lines[5].split(",")[-2] in ("0", "1")   # and predicted all the same


def test_drop_trains_on_the_complete_rows(tmp_path, capsys, holes):
    code, _, err = run(capsys, "train", holes, "--out", tmp_path / "m.bpnet", "--epochs", "2", "--missing", "drop")
    assert code == 0 and "note: dropped 8 of 60 rows with a missing value (the first on line 6)" in err
    assert "52 rows" in err


def test_encoding_option(tmp_path, capsys):
    p = tmp_path / "de.csv"
    p.write_bytes(("größe;gewicht;klasse\n" + "".join(f"{i},5;{i % 3};{'ja' if i % 2 else 'nein'}\n"
                                                       for i in range(20))).encode("latin-1"))
    code, _, err = run(capsys, "train", p, "--out", tmp_path / "m.bpnet", "--epochs", "2", "--encoding", "latin-1")
    assert code == 0 and "note:" not in err and "größe" in str(load_model(tmp_path / "m.bpnet").feature_names)
    with pytest.raises(SystemExit) as info:                  # a wrong option value: a usage error
        main(["train", str(p), "--encoding", "xx"])
    assert info.value.code == 2 and "unknown encoding 'xx'" in capsys.readouterr().err


def test_image_option_is_checked_and_kept(tmp_path, capsys):
    p = tmp_path / "px.csv"
    p.write_text("a,b,c,d,y\n" + "".join(f"{i % 3},{i % 2},1,0,{i % 2}\n" for i in range(20)))
    model = tmp_path / "m.bpnet"
    code, _, _ = run(capsys, "train", p, "--out", model, "--epochs", "2", "--image", "2x2")
    assert code == 0 and load_model(model).image_shape == (2, 2)
    code, _, err = run(capsys, "train", p, "--out", model, "--epochs", "2", "--image", "3x2")
    assert code == 1 and "a 3 x 2 image has 6 pixels, but the data has 4 feature columns" in err
    with pytest.raises(SystemExit) as info:
        main(["train", str(p), "--image", "two by two"])
    assert info.value.code == 2 and "WIDTHxHEIGHT" in capsys.readouterr().err


def test_notes_show_even_with_quiet(tmp_path, capsys):
    p = tmp_path / "indexed.csv"
    p.write_text(",x,y\n" + "".join(f"{i},{i % 5},{i % 2}\n" for i in range(20)))
    code, _, err = run(capsys, "train", p, "--out", tmp_path / "m.bpnet", "--epochs", "2", "--quiet")
    assert code == 0 and err.startswith("note: left out column 'col1'")


def test_predict_and_evaluate_take_missing(tmp_path, capsys, holes):
    model = tmp_path / "m.bpnet"
    assert run(capsys, "train", holes, "--out", model, "--epochs", "2", "--missing", "drop")[0] == 0
    code, _, err = run(capsys, "predict", model, holes)
    assert code == 1 and "missing value ('?')" in err
    code, out, _ = run(capsys, "predict", model, holes, "--missing", "drop")
    assert code == 0 and len(out.strip().splitlines()) == 1 + 52
    code, out, _ = run(capsys, "evaluate", model, holes, "--missing", "drop", "--json")
    assert code == 0 and '"samples": 52' in out
    code, _, err = run(capsys, "evaluate", model, holes, "--missing", "mean")
    assert code == 1 and "this model keeps no column means" in err and "--missing drop" in err
