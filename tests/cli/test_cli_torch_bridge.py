"""The bridge end to end: `bpgui train --init-model` and `python F.py train` on the
same CSV file go on to the same weights, and print the same loss curve."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bpgui.cli import main
from bpgui.core.modelfile import load_model
from bpgui.core.torch_export import export_torch

pytest.importorskip("torch")

IRIS = Path(__file__).resolve().parents[2] / "samples" / "iris.csv"
FLAGS = ["--layers", "5:tanh", "--optimizer", "rmsprop", "--lr", "0.01", "--batch-size", "16", "--schedule",
         "exponential", "--dtype", "float64", "--l2", "0.01", "--seed", "4", "--timeline-mb", "0", "--quiet"]


def bpgui(*args) -> int:
    return main([str(a) for a in args])


def test_bpgui_train_init_model_and_the_exported_train_agree(tmp_path):
    start, more = tmp_path / "start.bpnet", tmp_path / "more.bpnet"
    assert bpgui("train", IRIS, *FLAGS, "--epochs", "2", "--out", start) == 0
    module = export_torch(load_model(start), tmp_path / "iris.py")[0]
    assert bpgui("train", IRIS, *FLAGS, "--epochs", "4", "--init-model", start, "--out", more) == 0
    done = subprocess.run([sys.executable, module, "train", str(IRIS), "--epochs", "4", "--out",
                           str(tmp_path / "t.npz")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    continued = load_model(more)
    printed = [float(v) for v in re.findall(r"epoch \d+: loss (\S+)", done.stdout)]
    np.testing.assert_allclose(printed, continued.history.train_loss[-4:], rtol=1e-5)   # printed to 6 digits
    with np.load(tmp_path / "t.npz", allow_pickle=False) as trained:
        for i, (W, b) in enumerate(zip(continued.network.weights, continued.network.biases)):
            np.testing.assert_allclose(trained[f"W{i}"], W, rtol=1e-6, atol=1e-12)
            np.testing.assert_allclose(trained[f"b{i}"], b, rtol=1e-6, atol=1e-12)
