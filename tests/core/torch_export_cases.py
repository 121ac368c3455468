"""Models the PyTorch-export tests share: a binary, a multi-class and a regression
model with normalisation, trained a little in bpgui on the sample CSV files and
saved, and a loader for an exported module."""
from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path

from bpgui.core.csv import load_csv
from bpgui.core.modelfile import load_model, save_model
from bpgui.core.session import Session
from bpgui.core.training_settings import TrainingSettings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# kind -> (CSV, hidden layers, normalisation): input (and, for sine, target) scaling matters.
KINDS = {
    "binary": ("moons.csv", [(6, "tanh")], "minmax"),
    "multiclass": ("iris.csv", [(5, "elu")], "zscore"),
    "regression": ("sine.csv", [(8, "gelu")], "zscore"),
}
_names = itertools.count()


def csv_of(kind: str) -> Path:
    return SAMPLES / KINDS[kind][0]


def settings_for(kind: str, **changes) -> TrainingSettings:
    _, hidden, normalize = KINDS[kind]
    base = dict(hidden=hidden, normalize=normalize, dtype="float64", epochs=2, batch_size=32, timeline_mb=0.0)
    return TrainingSettings(**{**base, **changes})


def trained_model(kind: str, folder: Path, **changes):
    """(path of the saved model, its dataset): 2 epochs of bpgui training with these settings."""
    ds = load_csv(csv_of(kind))
    session = Session(ds, settings_for(kind, **changes))
    for _ in session.run():
        pass
    path = folder / f"{kind}.bpnet"
    save_model(session.model, path)
    return path, ds


def continue_in_bpgui(model_path: Path, ds, epochs: int):
    """`bpgui train --init-model`'s path: the saved model's settings, its weights, ``epochs`` more epochs."""
    model = load_model(model_path)
    session = Session(ds, TrainingSettings.from_dict(model.training), init_model=model)
    losses = [snap.train_loss for snap in session.run(epochs=epochs)]
    return losses, session.model


def load_module(path: Path):
    """Import an exported module from its file (a fresh module object each time)."""
    spec = importlib.util.spec_from_file_location(f"exported_{next(_names)}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
