"""`bpgui lr-find`: the engine's range test on the rows `bpgui train` would train on, as text."""
import re
from pathlib import Path

import numpy as np
import pytest

from bpgui.cli import main
from bpgui.cli.lr_find import table_rows
from bpgui.core import Session, TrainingSettings, load_csv, lr_range_test
from bpgui.core.modelfile import load_model

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ROW = re.compile(r"^\s*(\d+)\s+(\S+)\s+(\S+)\s+(\S+)(  <- minimum)?$")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def table(out: str) -> list[tuple[int, float, float, bool]]:
    rows = []
    for line in out.splitlines():
        if m := ROW.match(line):
            rows.append((int(m[1]), float(m[2]), float(m[3]), bool(m[5])))
    return rows


def test_iris_prints_the_engines_rates_losses_and_suggestion(capsys):
    code, out, err = run(capsys, "lr-find", SAMPLES / "iris.csv", "--optimizer", "sgd", "--batch-size", "16",
                         "--test-split", "0.2", "--seed", "3", "--rows", "10")
    assert code == 0, err
    settings = TrainingSettings(optimizer="sgd", batch_size=16, test_split=0.2, seed=3)
    session = Session(load_csv(str(SAMPLES / "iris.csv")), settings)
    expected = lr_range_test(session.model.network, *session.train_xy, optimizer="sgd", batch_size=16, seed=3)
    assert out.splitlines()[0].startswith("iris.csv: 120 training rows; network 4-4-3 (tanh, softmax)")
    rows = table(out)
    assert 10 <= len(rows) <= 11 and rows[0][0] == 1 and rows[-1][0] == len(expected.rates)
    for step, rate, loss, _ in rows:
        assert rate == pytest.approx(expected.rates[step - 1], rel=1e-3)
        assert loss == pytest.approx(expected.losses[step - 1], rel=1e-4)
    minimum = [r for r in rows if r[3]]
    assert len(minimum) == 1 and minimum[0][0] - 1 == int(np.argmin(expected.losses))
    suggested = float(re.search(r"suggested learning rate: (\S+)", out)[1])
    assert suggested == pytest.approx(expected.suggestion, rel=1e-3)


def test_rows_zero_prints_every_step_and_the_range_is_the_one_asked(capsys):
    code, out, _ = run(capsys, "lr-find", "gate:xor", "--optimizer", "sgd", "--start", "1e-4", "--stop", "0.1",
                       "--steps", "30", "--rows", "0")
    assert code == 0
    rows = table(out)
    assert [r[0] for r in rows] == list(range(1, 31))
    assert rows[0][1] == pytest.approx(1e-4) and rows[-1][1] == pytest.approx(0.1)
    assert "30 steps; the test went up to the last rate" in out


def test_a_saved_models_weights_are_the_start(tmp_path, capsys):
    model = tmp_path / "xor.bpnet"
    assert run(capsys, "train", "gate:xor", "--epochs", "300", "--out", model, "--quiet")[0] == 0
    _, fresh, _ = run(capsys, "lr-find", "gate:xor", "--steps", "20", "--rows", "0")
    _, trained, _ = run(capsys, "lr-find", "gate:xor", "--steps", "20", "--rows", "0", "--init-model", model)
    first_loss = table(trained)[0][2]
    saved = load_model(str(model))   # its loss on XOR, through its own input scaling
    X, Y = saved.encode_inputs(np.array([[0, 0], [0, 1], [1, 0], [1, 1]])), np.array([[0], [1], [1], [0]])
    assert first_loss == pytest.approx(saved.network.loss(X, Y), rel=1e-4)
    assert first_loss < table(fresh)[0][2]


@pytest.mark.parametrize("argv,message", [
    (["--start", "1", "--stop", "0.5"], "--start (1) must be below --stop (0.5)"),
    (["--val-split", "0.5", "--test-split", "0.5"], "--val-split and --test-split"),
])
def test_bad_ranges_are_named(capsys, argv, message):
    try:
        code = main(["lr-find", "gate:xor", *argv])
    except SystemExit as exc:   # a usage error
        code = exc.code
    err = capsys.readouterr().err
    assert code in (1, 2) and message in err and err.count("\n") == 1


def test_train_only_options_are_refused_and_help_names_the_shared_ones(capsys):
    with pytest.raises(SystemExit) as info:
        main(["lr-find", "gate:xor", "--epochs", "5"])
    assert info.value.code == 2 and "unrecognized arguments: --epochs" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["lr-find", "--help"])
    helptext = capsys.readouterr().out
    for option in ("--layers", "--optimizer", "--batch-size", "--init-model", "--start", "--stop", "--steps"):
        assert option in helptext


def test_table_rows_spread_evenly_and_keep_the_minimum():
    assert table_rows(200, 57, 5) == [0, 50, 57, 100, 149, 199]
    assert table_rows(10, 3, 0) == list(range(10)) == table_rows(10, 3, 20)
