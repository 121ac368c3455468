"""A training session: data + settings -> model, trainer and encoded splits.

The CLI and the window both train the same way: split the data, fit the
normalisers on the training split, build (or continue) a network whose input
and output sizes follow the data, and drive a ``Trainer``.  This module is
that shared recipe; ``TrainingSettings`` is what a model file records.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import asdict, dataclass, field
from typing import Any, Iterator

import numpy as np

from .activations import ACTIVATIONS
from .dataset import Dataset
from .initializers import INITIALIZERS
from .losses import CANONICAL_OUTPUT, LOSSES, default_output
from .model import Model
from .network import DEFAULT_DTYPE, DTYPES, Network
from .optimizers import OPTIMIZERS, make_optimizer
from .preprocessing import NORMALIZATIONS, split_dataset
from .registry import lookup
from .schedules import SCHEDULES, make_schedule
from .training import Snapshot, Trainer

__all__ = ["TrainingSettings", "Session", "parse_layers"]


def parse_layers(text: str) -> list[tuple[int, str]]:
    """``"8:tanh,4:relu"`` -> [(8, "tanh"), (4, "relu")]; ``""`` -> no hidden layer."""
    layers = []
    for i, part in enumerate(p.strip() for p in text.split(",") if p.strip()):
        units, _, act = part.partition(":")
        try:
            n = int(units)
        except ValueError:
            raise ValueError(f"layer {i + 1} {part!r}: expected UNITS:ACTIVATION, e.g. 8:tanh") from None
        if n < 1:
            raise ValueError(f"layer {i + 1} {part!r}: units must be at least 1")
        layers.append((n, act.strip() or "tanh"))
    return layers


@dataclass
class TrainingSettings:
    hidden: list[tuple[int, str]] = field(default_factory=lambda: [(4, "tanh")])
    output_activation: str | None = None   # None: from the task (sigmoid/softmax/linear)
    loss: str | None = None                # None: from the task (bce/ce/mse)
    optimizer: str = "adam"
    lr: float = 0.01
    hyperparameters: dict[str, Any] = field(default_factory=dict)
    schedule: str = "constant"
    schedule_params: dict[str, Any] = field(default_factory=dict)
    epochs: int | None = 1000              # None: until stopped
    batch_size: int | None = None          # None: full batch
    l1: float = 0.0
    l2: float = 0.0
    init: str = "xavier"
    seed: int = 0
    dtype: str = DEFAULT_DTYPE
    normalize: str = "none"
    val_split: float = 0.0
    test_split: float = 0.0
    early_stopping: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["hidden"] = [[u, a] for u, a in self.hidden]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TrainingSettings":
        """Settings from plain data (a model file's ``training``), checked field by
        field: a ValueError names the first field that is wrong.  Unknown fields
        are ignored (a newer bpgui may write more)."""
        if not isinstance(d, dict):
            raise ValueError(f"training settings must be an object, got {type(d).__name__}")
        out = cls()
        for name, value in d.items():
            check = _FIELD_CHECKS.get(name)
            if check is None:
                continue
            try:
                setattr(out, name, check(value))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"training setting {name!r}: {exc}") from None
        # The optimizer's and schedule's own checks, so a window can show them as they are.
        make_optimizer(out.optimizer, **out.hyperparameters)
        make_schedule(out.schedule, **out.schedule_params)
        return out

    def output_for(self, task: str) -> tuple[str, str]:
        act, loss = default_output(task)
        if self.output_activation is None and self.loss is not None and self.loss != loss:
            act = CANONICAL_OUTPUT[self.loss]
        return self.output_activation or act, self.loss or loss


def _number(lo: float = 0.0, hi: float = math.inf, integer: bool = False, positive: bool = False):
    def check(v):
        if isinstance(v, bool) or not isinstance(v, numbers.Real) or not math.isfinite(v):
            raise ValueError(f"expected a finite number, got {v!r}")
        if integer and v != int(v):
            raise ValueError(f"expected a whole number, got {v!r}")
        if v < lo or v > hi or (positive and v <= 0):
            raise ValueError(f"{v!r} is out of range")
        return int(v) if integer else float(v)
    return check


def _optional(check):
    return lambda v: None if v is None else check(v)


def _name(registry):
    def check(v):
        lookup(dict.fromkeys(registry), v, "name")
        return v
    return check


def _plain_dict(v):
    if not isinstance(v, dict) or not all(isinstance(k, str) for k in v):
        raise ValueError(f"expected an object, got {v!r}")
    return dict(v)


def _hidden(v):
    if not isinstance(v, (list, tuple)):
        raise ValueError(f"expected a list of [units, activation], got {v!r}")
    layers = []
    for layer in v:
        if not isinstance(layer, (list, tuple)) or len(layer) != 2:
            raise ValueError(f"expected [units, activation], got {layer!r}")
        layers.append((_number(1, 1_000_000, integer=True)(layer[0]), _name(ACTIVATIONS)(layer[1])))
    return layers


_FIELD_CHECKS = {
    "hidden": _hidden,
    "output_activation": _optional(_name(ACTIVATIONS)),
    "loss": _optional(_name(LOSSES)),
    "optimizer": _name(OPTIMIZERS),
    "lr": _number(positive=True),
    "hyperparameters": _plain_dict,
    "schedule": _name(SCHEDULES),
    "schedule_params": _plain_dict,
    "epochs": _optional(_number(0, 10**12, integer=True)),
    "batch_size": _optional(_number(1, 10**9, integer=True)),
    "l1": _number(),
    "l2": _number(),
    "init": _name(INITIALIZERS),
    "seed": _number(0, 2**63 - 1, integer=True),
    "dtype": _name(DTYPES),
    "normalize": _name(NORMALIZATIONS),
    "val_split": _number(0.0, 0.99),
    "test_split": _number(0.0, 0.99),
    "early_stopping": _optional(_number(1, 10**9, integer=True)),
}


class Session:
    """Everything one training run needs, prepared from a dataset and settings.

    ``init_model`` continues from a saved model: its weights, normalisers
    and names are kept (the data must have the same features and targets).
    """

    def __init__(self, dataset: Dataset, settings: TrainingSettings, init_model: Model | None = None) -> None:
        self.dataset = dataset
        self.settings = s = settings
        if early := s.early_stopping:
            if s.val_split <= 0:
                raise ValueError("early stopping needs a validation split (--val-split / val_split > 0)")
            if early < 1:
                raise ValueError(f"early stopping patience must be >= 1, got {early}")
        self.train, self.val, self.test = split_dataset(dataset, val=s.val_split, test=s.test_split, seed=s.seed)
        if init_model is not None:
            self.model = self._continue(init_model)
            # Record what the continued network really is, not what the settings asked for.
            net = self.model.network
            s.hidden = list(net.layers[:-1])
            s.output_activation, s.loss = net.output_activation, net.loss_name
            s.init, s.dtype = net.init_name, net.dtype.name
            s.normalize = self.model.x_normalizer.method
        else:
            act, loss = s.output_for(dataset.task)
            net = Network(dataset.n_features, [*s.hidden, (dataset.n_outputs, act)], loss=loss,
                          init=s.init, seed=s.seed, dtype=s.dtype)
            self.model = Model.for_dataset(net, self.train, normalize=s.normalize,
                                           data_source=dict(dataset.source))
        self.model.training = s.to_dict()
        self.trainer = Trainer(self.model.network, optimizer=s.optimizer, lr=s.lr, batch_size=s.batch_size,
                               shuffle=True, seed=s.seed, l1=s.l1, l2=s.l2, schedule=s.schedule,
                               schedule_params=s.schedule_params, **s.hyperparameters)
        enc = self.encode
        self.train_xy = enc(self.train)
        self.val_xy = enc(self.val) if self.val is not None else None
        self.test_xy = enc(self.test) if self.test is not None else None

    def _continue(self, model: Model) -> Model:
        ds = self.dataset
        if list(model.feature_names) != list(ds.feature_names):
            raise ValueError(f"the model's features {model.feature_names} differ from the data's {ds.feature_names}")
        if list(model.target_names) != list(ds.target_names):
            raise ValueError(f"the model's targets {model.target_names} differ from the data's {ds.target_names}")
        if model.class_names != ds.class_names:
            raise ValueError(f"the model's classes {model.class_names} differ from the data's {ds.class_names}")
        return model

    def encode(self, part: Dataset) -> tuple[np.ndarray, np.ndarray]:
        net = self.model.network
        return (self.model.encode_inputs(part.X).astype(net.dtype),
                self.model.encode_targets(part.Y).astype(net.dtype))

    def run(self, epochs: int | None = None) -> Iterator[Snapshot]:
        """Train, recording every snapshot in the model's history."""
        s = self.settings
        for snap in self.trainer.run(*self.train_xy, epochs=s.epochs if epochs is None else epochs,
                                     validation=self.val_xy, early_stopping=s.early_stopping):
            self.model.history.record(snap)
            yield snap
