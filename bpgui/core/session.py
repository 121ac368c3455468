"""A training session: data + settings -> model, trainer and encoded splits.

The CLI and the window both train the same way: split the data, fit the
normalisers on the training split, build (or continue) a network whose input
and output sizes follow the data, and drive a ``Trainer``.  This module is
that shared recipe; ``TrainingSettings`` is what a model file records.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Iterator

import numpy as np

from .data import Dataset, split_dataset
from .losses import check_pair
from .model import Model, default_output
from .network import DEFAULT_DTYPE, Network
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
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in d.items() if k in known}
        if "hidden" in kwargs:
            kwargs["hidden"] = [(int(u), str(a)) for u, a in kwargs["hidden"]]
        return cls(**kwargs)

    def output_for(self, task: str) -> tuple[str, str]:
        act, loss = default_output(task)
        if self.output_activation is None and self.loss is not None and self.loss != loss:
            act = {"bce": "sigmoid", "ce": "softmax", "mse": "linear"}[self.loss]
        return self.output_activation or act, self.loss or loss


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
                raise ValueError("early stopping needs a validation split (val_split > 0)")
            if early < 1:
                raise ValueError(f"early stopping patience must be >= 1, got {early}")
        self.train, self.val, self.test = split_dataset(dataset, val=s.val_split, test=s.test_split, seed=s.seed)
        if init_model is not None:
            self.model = self._continue(init_model)
        else:
            act, loss = s.output_for(dataset.task)
            check_pair(act, loss)
            if act == "softmax" and dataset.n_outputs < 2:
                raise ValueError(f"loss {loss!r} with a softmax output needs 2 or more classes; "
                                 f"this target has one output column (use loss 'bce' or 'mse')")
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
