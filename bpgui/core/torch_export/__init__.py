"""Export a trained `Model` as a PyTorch module that predicts and trains as bpgui does.

``export_torch(model, "F.py")`` writes three files:

* ``F.py``: a self-contained module (torch and numpy only): ``model()``,
  ``network()``, ``loss_fn()``, ``optimizer(params)``, ``train(...)``, and
  ``python F.py --check`` / ``python F.py train data.csv --epochs N``.  Its
  code is `module_template.py` (the same for every export) with the model's
  ``SPEC`` (architecture, names, training settings) written in;
* ``F.npz``: the weights and the normalisers, read with ``allow_pickle=False``;
* ``F.py.reference.json``: reference inputs and ``Model.predict``'s outputs,
  which ``--check`` reproduces (export_reference.py).

bpgui itself never imports torch: the exporter writes text and arrays.
docs/exports.md ("PyTorch") describes the module for its users.
"""
from __future__ import annotations

import io
import os
import pprint
from pathlib import Path
from typing import Any

import numpy as np

from ... import __version__
from ..export_reference import RTOL_FLOAT32, RTOL_FLOAT64, reference_inputs, write_reference
from ..model import Model
from ..modelfile import atomic_write
from ..optimizers import make_optimizer
from ..schedules import make_schedule
from ..training_settings import TrainingSettings

__all__ = ["export_torch", "TORCH_OPTIMIZERS", "TORCH_SCHEDULES", "TORCH_ACTIVATIONS", "module_spec"]

TEMPLATE = Path(__file__).with_name("module_template.py")
_SPEC_LINE = "SPEC: dict = {}  # replaced by the exporter: architecture, names and training settings\n"

# What the module's code knows (module_template.py's tables); anything else is refused by name.
TORCH_OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam")
TORCH_SCHEDULES = ("constant", "step", "exponential", "cosine")
TORCH_ACTIVATIONS = ("sigmoid", "tanh", "relu", "linear", "leaky_relu", "elu", "softplus", "softmax",
                     "gelu", "swish")


def _refuse_unknown(kind: str, name: str, known: tuple[str, ...]) -> None:
    if name not in known:
        raise ValueError(f"the {kind} {name!r} has no PyTorch export yet (it knows {', '.join(known)})")


def module_spec(model: Model, weights_name: str) -> dict[str, Any]:
    """What the module needs besides its arrays: plain Python values only."""
    net = model.network
    s = TrainingSettings.from_dict(model.training)   # checked field by field; defaults where missing
    for act in net.activation_names:
        _refuse_unknown("activation", act, TORCH_ACTIVATIONS)
    _refuse_unknown("optimizer", s.optimizer, TORCH_OPTIMIZERS)
    _refuse_unknown("schedule", s.schedule, TORCH_SCHEDULES)
    hyper = make_optimizer(s.optimizer, **s.hyperparameters).hyperparameters   # defaults filled in
    return {
        "bpgui_version": __version__,
        "weights": weights_name,
        "sizes": list(net.sizes),
        "activations": list(net.activation_names),
        "loss": net.loss_name,
        "dtype": net.dtype.name,
        "task": model.task,
        "feature_names": list(model.feature_names),
        "target_names": list(model.target_names),
        "class_names": None if model.class_names is None else list(model.class_names),
        "optimizer": s.optimizer,
        "lr": float(s.lr),
        "hyperparameters": {k: (list(v) if isinstance(v, tuple) else v) for k, v in hyper.items()},
        "schedule": s.schedule,
        "schedule_params": dict(make_schedule(s.schedule, **s.schedule_params).params),
        "batch_size": s.batch_size,
        "shuffle": True,   # a Session's trainer always shuffles mini-batches
        "seed": int(s.seed),
        "l1": float(s.l1),
        "l2": float(s.l2),
        "epochs": s.epochs,
    }


def _arrays(model: Model) -> dict[str, np.ndarray]:
    net = model.network
    out: dict[str, np.ndarray] = {}
    for i, (W, b) in enumerate(zip(net.weights, net.biases)):
        out[f"W{i}"], out[f"b{i}"] = np.array(W), np.array(b)
    xn, yn = model.x_normalizer, model.y_normalizer
    out["x_shift"], out["x_scale"] = np.asarray(xn.shift, np.float64), np.asarray(xn.scale, np.float64)
    out["y_shift"], out["y_scale"] = np.asarray(yn.shift, np.float64), np.asarray(yn.scale, np.float64)
    if xn.fill is not None:
        out["x_fill"] = np.asarray(xn.fill, np.float64)
    return out


def module_text(spec: dict[str, Any]) -> str:
    """The module's source: the template with ``spec`` written in."""
    template = TEMPLATE.read_text(encoding="utf-8")
    if template.count(_SPEC_LINE) != 1:
        raise RuntimeError("module_template.py lost its SPEC line")
    body = pprint.pformat(spec, indent=1, width=100, sort_dicts=False)
    header = (f"# A {'-'.join(map(str, spec['sizes']))} network ({', '.join(spec['activations'])}), "
              f"loss {spec['loss']}, {spec['dtype']}, exported by bpgui {spec['bpgui_version']}.\n")
    return header + template.replace(_SPEC_LINE, f"SPEC: dict = {body}\n")


def _check_path(path: str) -> None:
    if os.path.isdir(path):
        raise ValueError(f"{path}: is a folder; give a file name ending in .py")
    if not path.endswith(".py"):
        raise ValueError(f"{path}: a PyTorch export is a Python file; give a name ending in .py")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ValueError(f"{path}: the folder {folder} does not exist")


def export_torch(model: Model, path: str | os.PathLike, data: Any = None) -> list[str]:
    """Write ``path`` (a .py module), its ``.npz`` weights and its reference; the paths written.

    ``data``: raw feature rows (or a Dataset) to take the reference inputs from;
    without it they are random rows in the range the normaliser saw."""
    path = os.fspath(path)
    _check_path(path)
    weights = os.path.splitext(path)[0] + ".npz"
    spec = module_spec(model, os.path.basename(weights))
    text = module_text(spec).encode("utf-8")
    buffer = io.BytesIO()
    np.savez(buffer, **_arrays(model))
    atomic_write(weights, lambda fh: fh.write(buffer.getvalue()))
    atomic_write(path, lambda fh: fh.write(text))
    rtol = RTOL_FLOAT64 if model.network.dtype == np.float64 else RTOL_FLOAT32
    X = reference_inputs(model, getattr(data, "X", data))
    return [path, weights, write_reference(path, model, X, rtol)]
