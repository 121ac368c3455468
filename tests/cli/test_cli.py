"""The `bpgui` command end to end, on the samples and built-in sets."""
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from bpgui.cli import main
from bpgui.core.csv import load_csv
from bpgui.core.modelfile import load_model

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_train_xor_then_info_evaluate_predict(tmp_path, capsys):
    model = tmp_path / "xor.bpnet"
    code, _, err = run(capsys, "train", "gate:xor", "--lr", "0.05", "--epochs", "1500",
                       "--normalize", "none", "--out", model, "--quiet")
    assert code == 0 and model.exists() and err == ""
    code, out, _ = run(capsys, "evaluate", model, "gate:xor", "--json")
    result = json.loads(out)
    assert code == 0 and result["accuracy"] == 1.0 and result["loss"] < 0.01 and result["samples"] == 4
    code, out, _ = run(capsys, "info", model, "--json")
    info = json.loads(out)
    assert info["architecture"] == "2-4-1" and info["epochs_trained"] == 1500
    assert info["training"]["optimizer"] == "adam" and info["training"]["lr"] == 0.05
    code, out, _ = run(capsys, "predict", model, SAMPLES / "xor.csv")
    lines = out.strip().splitlines()
    assert lines[0] == "a,b,out,predicted,p(1)"          # the inputs, the file's truth, the prediction
    truth = [line.split(",")[2] for line in lines[1:]]
    assert truth == ["0", "1", "1", "0"] and [line.split(",")[3] for line in lines[1:]] == truth


def test_train_iris_csv_with_splits_and_class_names(tmp_path, capsys):
    model = tmp_path / "iris.bpnet"
    code, out, err = run(capsys, "train", SAMPLES / "iris.csv", "--target", "species", "--layers", "8:tanh",
                         "--epochs", "300", "--val-split", "0.2", "--test-split", "0.2", "--out", model)
    assert code == 0
    assert "task multiclass" in err                              # what it does: standard error
    assert "test loss" in out and "on 30 rows" in out and "saved" in out   # the result: standard output
    m = load_model(model)
    assert m.class_names == ["setosa", "versicolor", "virginica"]
    assert len(m.history) == 300 and not np.isnan(m.history.val_loss).any()
    code, out, _ = run(capsys, "evaluate", model, SAMPLES / "iris.csv", "--json")
    assert json.loads(out)["accuracy"] > 0.9
    pred_file = tmp_path / "preds.csv"
    code, _, _ = run(capsys, "predict", model, SAMPLES / "iris.csv", "--out", pred_file)
    rows = pred_file.read_text().splitlines()
    assert rows[0].endswith("species,predicted,p(setosa),p(versicolor),p(virginica)") and len(rows) == 151
    truth = load_csv(SAMPLES / "iris.csv", target="species")
    labels = np.array(truth.class_names)[truth.Y.argmax(axis=1)]
    assert [r.split(",")[4] for r in rows[1:]] == list(labels)
    predicted = [r.split(",")[5] for r in rows[1:]]
    assert np.mean(np.array(predicted) == labels) > 0.9


def test_regression_predicts_on_the_raw_scale(tmp_path, capsys):
    model = tmp_path / "sine.bpnet"
    code, _, _ = run(capsys, "train", SAMPLES / "sine.csv", "--layers", "16:tanh", "--epochs", "800",
                     "--lr", "0.02", "--normalize", "zscore", "--out", model, "--quiet")
    assert code == 0
    code, out, _ = run(capsys, "evaluate", model, SAMPLES / "sine.csv", "--json")
    assert json.loads(out)["r2"] > 0.9
    ds = load_csv(SAMPLES / "sine.csv")
    m = load_model(model)
    assert abs(m.predict(ds.X).mean() - ds.Y.mean()) < 0.1 * ds.Y.std() + 1e-6


def test_init_model_continues_training(tmp_path, capsys):
    first, second = tmp_path / "a.bpnet", tmp_path / "b.bpnet"
    run(capsys, "train", "gate:and", "--epochs", "50", "--out", first, "--quiet")
    code, _, _ = run(capsys, "train", "gate:and", "--epochs", "50", "--init-model", first, "--out", second, "--quiet")
    assert code == 0
    a, b = load_model(first), load_model(second)
    assert len(b.history) == 100  # the history goes on
    assert b.history.train_loss[50] < a.history.train_loss[0]
    code, _, err = run(capsys, "train", "gate:half_adder", "--init-model", first, "--out", second)
    assert code == 1 and "differ from the data's" in err


def test_export_onnx(tmp_path, capsys):
    pytest.importorskip("onnxruntime")
    import onnxruntime as ort

    model, onnx_path = tmp_path / "m.bpnet", tmp_path / "m.onnx"
    run(capsys, "train", SAMPLES / "moons.csv", "--epochs", "100", "--out", model, "--quiet")
    code, _, _ = run(capsys, "export", model, "--onnx", onnx_path)
    assert code == 0
    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    X = load_csv(SAMPLES / "moons.csv").X
    inp = sess.get_inputs()[0]
    got = sess.run(None, {inp.name: X.astype(np.float32)})[0]
    np.testing.assert_allclose(got, load_model(model).predict(X), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("argv,message", [
    (["train", "{tmp}/missing.csv", "--out", "{tmp}/m.bpnet"], "missing.csv"),
    (["train", "{tmp}/bad.csv", "--out", "{tmp}/m.bpnet"], "bad.csv line 3, column 'b': 'x' is not a number"),
    (["train", "{tmp}/bad.csv", "--target", "zz", "--out", "{tmp}/m.bpnet"], "no target column named 'zz'"),
    (["train", "gate:xyz", "--out", "{tmp}/m.bpnet"], "unknown built-in data set 'gate:xyz'"),
    (["train", "gate:xor", "--loss", "ce", "--out", "{tmp}/m.bpnet"], "needs one output per class"),
    (["train", "gate:xor", "--out", "{tmp}/no/such/dir/m.bpnet"], "cannot save there"),
    (["train", "gate:xor", "--epochs", "10000000", "--out", "{tmp}"], "is a folder"),   # before the training
    (["export", "{tmp}/missing.bpnet", "--json", "{tmp}/o.json"], "missing.bpnet"),
    (["train", "gate:xor", "--lr", "1e30", "--optimizer", "sgd", "--loss", "mse", "--out", "{tmp}/m.bpnet"],
     "diverged"),
    (["info", "{tmp}/garbage.bpnet"], "garbage.bpnet: not a bpgui model file"),
    (["evaluate", "{tmp}/missing.bpnet", "gate:xor"], "missing.bpnet"),
])
def test_bad_input_is_one_line_on_stderr_and_status_1(tmp_path, capsys, argv, message):
    (tmp_path / "bad.csv").write_text("a,b,c\n1,2,3\n4,x,6\n")
    (tmp_path / "garbage.bpnet").write_text("garbage")
    argv = [a.format(tmp=tmp_path) for a in argv] + (["--quiet"] if argv[0] == "train" else [])
    code, out, err = run(capsys, *argv)
    assert code == 1, err
    assert err.count("\n") == 1 and message in err and err.startswith(f"bpgui {argv[0]}: error: ")
    assert not (tmp_path / "m.bpnet").exists()


def test_early_stopping_without_a_validation_split_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["train", "gate:xor", "--early-stopping", "3"])
    assert info.value.code == 2 and "--early-stopping needs a validation split" in capsys.readouterr().err


def test_usage_errors_are_one_line_and_status_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["train", "gate:xor", "--lr", "-1", "--out", "x.bpnet"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--lr: expected a number > 0, got -1" in err


def test_evaluate_a_model_on_a_file_with_some_classes_only(tmp_path, capsys):
    model = tmp_path / "iris.bpnet"
    run(capsys, "train", SAMPLES / "iris.csv", "--epochs", "200", "--out", model, "--quiet")
    rows = (SAMPLES / "iris.csv").read_text().splitlines()
    only = [rows[0]] + [r for r in rows[1:] if r.endswith("virginica")]
    (tmp_path / "virginica.csv").write_text("\n".join(only) + "\n")
    code, out, err = run(capsys, "evaluate", model, tmp_path / "virginica.csv", "--json")
    assert code == 0, err
    assert json.loads(out)["samples"] == len(only) - 1
    (tmp_path / "zebra.csv").write_text(rows[0] + "\n" + rows[1].rsplit(",", 1)[0] + ",zebra\n")
    code, _, err = run(capsys, "evaluate", model, tmp_path / "zebra.csv")
    assert code == 1 and "zebra.csv line 2, column 'species': class 'zebra'" in err


def _cli(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "bpgui", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def test_no_traceback_from_the_real_process(tmp_path):
    proc = _cli("info", tmp_path / "nothing.bpnet")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and "Traceback" not in err and err.count("\n") == 1


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT delivery differs on Windows")
def test_ctrl_c_stops_and_saves_the_best_model(tmp_path):
    model = tmp_path / "spiral.bpnet"
    proc = _cli("train", "toy:spiral", "--samples", "400", "--layers", "32:tanh", "--epochs", "10000000",
                "--val-split", "0.25", "--out", model)
    time.sleep(4)  # start-up, then some epochs
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in out and "best validation loss" in out and "Traceback" not in err
    m = load_model(model)
    assert 0 < len(m.history) < 10000000
    # The saved weights are those of the best validation loss, not the last epoch's.
    from bpgui.core.builtin_data import builtin_dataset
    from bpgui.core.preprocessing import split_dataset
    _, val, _ = split_dataset(builtin_dataset("toy:spiral", n_samples=400, seed=0), val=0.25, seed=0)
    best = np.nanmin(m.history.val_loss)
    assert m.evaluate(val.X, val.Y)["loss"] == pytest.approx(best, rel=1e-5)
    # the history ends at the kept epoch, so the file's figures describe its weights
    assert m.history.val_loss[-1] == best
    assert "kept epoch" in out
    # the timeline ends there too, with the weights the file holds
    assert m.timeline.epochs[-1] == m.history.epochs
    assert m.timeline.state_at(m.history.epochs).parameters.tobytes() == m.network.parameters.tobytes()


def test_text_features_are_one_hot_as_in_the_window_and_predict(tmp_path, capsys):
    rows = ["colour,size,label"] + [f"{c},{s},{'yes' if c == 'red' else 'no'}"
                                    for c, s in [("red", 1), ("blue", 2), ("green", 3)] * 10]
    (tmp_path / "c.csv").write_text("\n".join(rows) + "\n")
    code, _, err = run(capsys, "train", tmp_path / "c.csv", "--epochs", "300", "--lr", "0.05",
                       "--out", tmp_path / "m.bpnet", "--quiet")
    assert code == 0, err
    assert run(capsys, "train", tmp_path / "c.csv", "--one-hot", "--epochs", "1",   # the old switch still taken
               "--out", tmp_path / "m2.bpnet", "--quiet")[0] == 0
    (tmp_path / "new.csv").write_text("colour,size\nred,1\nblue,2\npurple,2\n")  # purple: never seen
    code, out, err = run(capsys, "predict", tmp_path / "m.bpnet", tmp_path / "new.csv")
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0].startswith("colour,size,predicted")          # the file's own columns again
    assert [line.split(",")[:3] for line in lines[1:]] == [["red", "1", "yes"], ["blue", "2", "no"],
                                                           ["", "2", lines[3].split(",")[2]]]   # purple: unknown


def test_output_errors_name_the_users_path_and_dash_is_stdout(tmp_path, capsys):
    model = tmp_path / "xor.bpnet"
    run(capsys, "train", "gate:xor", "--epochs", "10", "--out", model, "--quiet")
    code, _, err = run(capsys, "predict", model, SAMPLES / "xor.csv", "--out", tmp_path / "no" / "p.csv")
    assert code == 1 and ".tmp" not in err and str(tmp_path / "no" / "p.csv") in err
    (tmp_path / "adir.onnx").mkdir()
    code, _, err = run(capsys, "export", model, "--onnx", tmp_path / "adir.onnx")
    assert code == 1 and ".tmp" not in err and "adir.onnx" in err   # bad input: exit 1
    code, out, _ = run(capsys, "predict", model, SAMPLES / "xor.csv", "--out", "-")
    assert code == 0 and out.startswith("a,b,out,predicted")


@pytest.mark.parametrize("arg,message", [("--batch-size=abc", "expected a whole number >= 1 or 'full', got 'abc'"),
                                         ("--lr=x", "expected a number, got 'x'"),
                                         ("--samples=999999999999", "at most")])
def test_option_errors_name_the_option_plainly(capsys, arg, message):
    with pytest.raises(SystemExit):
        main(["train", "toy:xor", arg, "--out", "x.bpnet"])
    err = capsys.readouterr().err
    assert message in err and "_batch" not in err


def test_no_display_falls_back_to_the_terminal_demo(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "linux")
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    assert main([]) == 0
    out, err = capsys.readouterr()
    assert "no display" in err and "xor" in out.lower() and "network says" in out


def test_train_defaults_are_the_training_settings_defaults(tmp_path, capsys):
    """One source of defaults: `bpgui train` with no options records exactly a
    fresh TrainingSettings() (zscore and lr 0.03, as the window shows)."""
    from bpgui.cli import build_parser
    from bpgui.core.training_settings import TrainingSettings

    model = tmp_path / "iris.bpnet"
    code, _, _ = run(capsys, "train", SAMPLES / "iris.csv", "--out", model, "--quiet")
    assert code == 0
    defaults = TrainingSettings()
    assert load_model(model).training == defaults.to_dict()
    assert (defaults.lr, defaults.normalize) == (0.03, "zscore")
    args = build_parser().parse_args(["train", "x.csv", "--out", "m.bpnet"])
    assert (args.lr, args.normalize, args.epochs, args.dtype) == (defaults.lr, defaults.normalize,
                                                                  defaults.epochs, defaults.dtype)


def test_the_cli_names_the_model_suffix_from_the_one_constant(capsys):
    from bpgui.core.modelfile import MODEL_SUFFIX

    with pytest.raises(SystemExit):
        main(["train", "--help"])
    assert f"named after it, {MODEL_SUFFIX})" in capsys.readouterr().out


def test_coded_classes_train_as_classes_unless_the_task_says_regression(tmp_path, capsys):
    data = tmp_path / "coded.csv"
    rows = "".join(f"{k % 3 + 0.1 * (k % 5)},{k % 3}\n" for k in range(60))
    data.write_text("x,label\n" + rows)
    model = tmp_path / "m.bpnet"
    code, _, err = run(capsys, "train", data, "--epochs", "5", "--out", model, "--quiet")
    assert code == 0, err
    code, out, _ = run(capsys, "info", model, "--json")
    info = json.loads(out)
    assert info["task"] == "multiclass" and info["classes"] == ["0", "1", "2"]
    code, out, err = run(capsys, "evaluate", model, data, "--json")
    assert code == 0 and "accuracy" in json.loads(out), err
    code, _, err = run(capsys, "train", data, "--task", "regression", "--epochs", "5", "--out", model, "--quiet")
    assert code == 0, err
    assert json.loads(run(capsys, "info", model, "--json")[1])["task"] == "regression"
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "train", data, "--task", "sorting", "--out", model)
    assert exit_.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_skip_rows_reads_a_file_with_a_line_of_counts_and_the_model_remembers_it(tmp_path, capsys):
    data = tmp_path / "counts.csv"
    data.write_text("40,2,class_0,class_1\n" + "".join(f"{k % 7 / 10},{k % 5 / 10},{k % 2}\n" for k in range(40)))
    model = tmp_path / "m.bpnet"
    code, _, err = run(capsys, "train", data, "--epochs", "3", "--out", model, "--quiet")
    assert code == 1 and "skip the lines above the header" in err
    code, _, err = run(capsys, "train", data, "--skip-rows", "1", "--epochs", "3", "--out", model, "--quiet")
    assert code == 0, err
    code, out, err = run(capsys, "evaluate", model, data, "--json")
    assert code == 0 and "accuracy" in json.loads(out), err
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "train", data, "--skip-rows", "-1", "--out", model)
    assert exit_.value.code == 2


@pytest.mark.parametrize("argv,message", [
    (["train", "gate:xor", "--layers", "4:tanhh"], "unknown activation 'tanhh'"),
    (["train", "gate:xor", "--layers", "x:tanh"], "expected UNITS:ACTIVATION"),
    (["train", "gate:xor", "--val-split", "0.9", "--test-split", "0.5"], "too few rows to train on"),
])
def test_wrong_option_values_are_usage_errors_with_status_2(tmp_path, capsys, argv, message):
    with pytest.raises(SystemExit) as exit_:
        run(capsys, *argv, "--out", tmp_path / "m.bpnet")
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and message in err and err.count("\n") == 1
    assert not (tmp_path / "m.bpnet").exists()


def test_version_quiet_and_a_default_model_name_beside_the_data(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.startswith("bpgui ")
    data = tmp_path / "xor.csv"
    data.write_text((SAMPLES / "xor.csv").read_text())
    code, out, err = run(capsys, "train", data, "--epochs", "5", "--quiet")
    assert code == 0 and err == "" and (tmp_path / "xor.bpnet").exists()
    assert out.count("\n") == 1 and f"saved {tmp_path / 'xor.bpnet'}" in out   # --quiet keeps the result line


def test_predict_without_the_target_column_writes_inputs_and_predictions(tmp_path, capsys):
    model = tmp_path / "sine.bpnet"
    assert run(capsys, "train", SAMPLES / "sine.csv", "--epochs", "20", "--out", model, "--quiet")[0] == 0
    header, *rows = (SAMPLES / "sine.csv").read_text().splitlines()
    x_only = tmp_path / "x.csv"
    x_only.write_text(header.split(",")[0] + "\n" + "\n".join(r.split(",")[0] for r in rows[:5]) + "\n")
    code, out, err = run(capsys, "predict", model, x_only)
    assert code == 0, err
    assert out.splitlines()[0] == f"{header.split(',')[0]},predicted_{header.split(',')[1]}"
    code, out, _ = run(capsys, "predict", model, SAMPLES / "sine.csv")
    assert out.splitlines()[0] == f"{header},predicted_{header.split(',')[1]}"


def test_the_readers_notes_go_to_standard_error(tmp_path, capsys):
    data = tmp_path / "exported.csv"
    data.write_text(",a,y\n" + "".join(f"{k},{k / 10},{k * 0.5}\n" for k in range(12)))
    code, out, err = run(capsys, "train", data, "--epochs", "3", "--out", tmp_path / "m.bpnet")
    assert code == 0 and "note: left out column 'col1'" in err and "note:" not in out
    assert load_model(tmp_path / "m.bpnet").feature_names == ["a"]
