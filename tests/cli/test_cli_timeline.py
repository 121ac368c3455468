"""`bpgui train` records the weights' timeline; `bpgui info` reports it."""
import json
import zipfile

import numpy as np
import pytest

from bpgui.cli import main
from bpgui.core.modelfile import load_model


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def info(capsys, model) -> dict:
    code, out, _ = run(capsys, "info", model, "--json")
    assert code == 0
    return json.loads(out)


def test_train_records_the_timeline_and_info_reports_it(tmp_path, capsys):
    model = tmp_path / "xor.bpnet"
    code, _, _ = run(capsys, "train", "gate:xor", "--epochs", "60", "--out", model, "--quiet")
    assert code == 0
    loaded = load_model(model)
    timeline = loaded.timeline
    assert timeline.epochs == list(range(61))
    weights, biases = timeline.weights_at(60)
    for got, want in zip(weights + biases, loaded.network.weights + loaded.network.biases):
        assert got.tobytes() == want.tobytes()
    report = info(capsys, model)["timeline"]
    assert {k: report[k] for k in ("checkpoints", "first_epoch", "last_epoch")} == \
        {"checkpoints": 61, "first_epoch": 0, "last_epoch": 60}
    assert 0 < report["megabytes"] == pytest.approx(timeline.nbytes / 2**20, abs=1e-3)
    assert loaded.training["timeline_mb"] == 256
    code, out, _ = run(capsys, "info", model)
    assert code == 0 and '"checkpoints": 61' in out


def test_timeline_mb_0_records_none(tmp_path, capsys):
    model = tmp_path / "xor.bpnet"
    code, _, _ = run(capsys, "train", "gate:xor", "--epochs", "20", "--timeline-mb", "0", "--out", model,
                     "--quiet")
    assert code == 0 and load_model(model).timeline is None
    assert info(capsys, model)["timeline"] is None
    with zipfile.ZipFile(model) as z:
        assert json.loads(z.read("model.json"))["version"] == 1


def test_a_small_budget_thins_the_timeline_of_a_long_run(tmp_path, capsys):
    model = tmp_path / "xor.bpnet"
    code, _, _ = run(capsys, "train", "gate:xor", "--epochs", "3000", "--timeline-mb", "0.05", "--out", model,
                     "--quiet")
    assert code == 0
    timeline = load_model(model).timeline
    assert timeline.nbytes <= 0.05 * 2**20 and timeline.stride > 1
    assert timeline.epochs[0] == 0 and timeline.epochs[-1] == 3000
    report = info(capsys, model)["timeline"]
    assert report["checkpoints"] == len(timeline) and report["megabytes"] <= 0.05


def test_continued_training_continues_the_timeline(tmp_path, capsys):
    first, second = tmp_path / "a.bpnet", tmp_path / "b.bpnet"
    run(capsys, "train", "gate:and", "--epochs", "30", "--out", first, "--quiet")
    code, _, _ = run(capsys, "train", "gate:and", "--epochs", "30", "--init-model", first, "--out", second,
                     "--quiet")
    assert code == 0
    assert load_model(second).timeline.epochs == list(range(61))
    assert info(capsys, second)["timeline"]["last_epoch"] == 60


def test_early_stopping_keeps_the_best_weights_last(tmp_path, capsys):
    model = tmp_path / "spiral.bpnet"
    code, out, _ = run(capsys, "train", "toy:spiral", "--samples", "100", "--layers", "16:tanh", "--lr", "0.1",
                       "--epochs", "5000", "--val-split", "0.3", "--early-stopping", "5", "--out", model, "--quiet")
    assert code == 0 and "early stopping" in out
    loaded = load_model(model)
    timeline = loaded.timeline
    assert timeline.epochs[-1] == loaded.history.epochs
    assert timeline.state_at(timeline.epochs[-1]).parameters.tobytes() == loaded.network.parameters.tobytes()
    assert np.array_equal(timeline.state_at(timeline.best_epoch).parameters, loaded.network.parameters)


@pytest.mark.parametrize("value", ["-1", "x", "5000"])
def test_a_wrong_budget_is_a_usage_error(tmp_path, capsys, value):
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "train", "gate:xor", "--timeline-mb", value, "--out", tmp_path / "m.bpnet")
    assert exit_.value.code == 2 and "--timeline-mb" in capsys.readouterr().err
