"""`bpgui train` prints the coach's findings after training, and nothing when there are none."""
from pathlib import Path

from bpgui.cli import main
from bpgui.cli.train import coach_lines
from bpgui.core.coach import Finding

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_xor_without_a_hidden_layer_gets_an_underfitting_coach_line(tmp_path, capsys):
    code, out, _ = run(capsys, "train", "gate:xor", "--layers", "", "--epochs", "300",
                       "--out", tmp_path / "x.bpnet", "--quiet")
    assert code == 0
    lines = out.splitlines()
    coach = [line for line in lines if line.startswith("Coach: ")]
    assert coach == [next(line for line in lines if line.startswith("Coach: underfitting: After 300 epochs"))]
    at = lines.index(coach[0])
    assert lines[at + 1].startswith("       evidence: epochs 300; loss 0.693")
    assert lines[at + 2].startswith("       suggestion: Add hidden units")
    assert lines[0].startswith("completed: 300 epochs")   # the result line comes first, as before


def test_a_healthy_run_prints_no_coach_lines(tmp_path, capsys):
    code, out, err = run(capsys, "train", SAMPLES / "iris.csv", "--target", "species",
                         "--out", tmp_path / "iris.bpnet", "--quiet")
    assert code == 0
    assert "Coach" not in out + err and len(out.splitlines()) == 1


def test_a_learning_rate_far_too_high_is_named(tmp_path, capsys):
    code, out, _ = run(capsys, "train", "toy:circle", "--optimizer", "sgd", "--lr", "30", "--epochs", "200",
                       "--out", tmp_path / "c.bpnet", "--quiet")
    assert code == 0
    assert any(line.startswith("Coach: lr_too_high: The training loss has climbed back up") for line in out.splitlines())


def test_coach_lines_say_code_message_evidence_and_suggestion():
    f = Finding("dead_units", "Three units are dead.", "Lower the rate.", {"layer": 1, "dead units": 3})
    assert coach_lines([f]) == ["Coach: dead_units: Three units are dead.", "       evidence: layer 1; dead units 3",
                                "       suggestion: Lower the rate."]
    assert coach_lines([]) == []
