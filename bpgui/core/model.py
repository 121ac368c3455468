"""A trained model: the network plus everything needed to use it on raw data.

``Model`` bundles a ``Network`` with the feature (and, for regression,
target) normalisation fitted on the training split, the names of features,
targets and classes, the training settings, the loss history, the timeline of
weight checkpoints (timeline.py) and where the data came from.  ``model.predict(raw_X)`` normalises the inputs and returns
outputs on the targets' raw scale; this is what model files store and what
the ONNX export computes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .dataset import Dataset
from .history import History
from .losses import default_output
from .metrics import evaluate_metrics
from .network import Network
from .preprocessing import Normalizer
from .runs import Run
from .timeline import Timeline

__all__ = ["Model", "default_output", "History"]


@dataclass
class Model:
    network: Network
    feature_names: list[str]
    target_names: list[str]
    class_names: list[str] | None = None
    task: str = "regression"
    x_normalizer: Normalizer = field(default_factory=lambda: Normalizer("none"))
    y_normalizer: Normalizer = field(default_factory=lambda: Normalizer("none"))
    training: dict[str, Any] = field(default_factory=dict)   # settings, JSON-serialisable
    history: History = field(default_factory=History)
    data_source: dict[str, Any] = field(default_factory=dict)
    image_shape: tuple[int, int] | None = None   # (width, height) when the inputs are an image's pixels
    timeline: Timeline | None = None             # checkpoints of the training so far (None: not recorded)
    runs: list[Run] = field(default_factory=list)   # the session's kept runs (runs.py), saved with it
    current_run: str | None = None                  # the one of them this network's training went into

    def __post_init__(self) -> None:
        net = self.network
        if len(self.feature_names) != net.n_inputs:
            raise ValueError(f"{len(self.feature_names)} feature names for a network with {net.n_inputs} inputs")
        if len(self.target_names) != net.n_outputs:
            raise ValueError(f"{len(self.target_names)} target names for a network with {net.n_outputs} outputs")
        for norm, n in ((self.x_normalizer, net.n_inputs), (self.y_normalizer, net.n_outputs)):
            if norm.shift is None:  # unfitted "none": identity of the right width
                norm.shift, norm.scale = np.zeros(n), np.ones(n)
            if norm.shift.shape != (n,):
                raise ValueError(f"normalizer has {norm.shift.shape[0]} columns, expected {n}")
        if self.image_shape is not None and self.image_shape[0] * self.image_shape[1] != net.n_inputs:
            raise ValueError(f"a {self.image_shape[0]} x {self.image_shape[1]} image for {net.n_inputs} inputs")
        if self.timeline is not None and self.timeline.sizes != net.sizes:
            raise ValueError(f"a timeline of a {'-'.join(map(str, self.timeline.sizes))} network for a "
                             f"{'-'.join(map(str, net.sizes))} one")

    @classmethod
    def for_dataset(cls, network: Network, train: Dataset, normalize: str = "none",
                    normalize_targets: bool = True, fill_missing: bool = False, **kw: Any) -> "Model":
        """A model whose normalisers are fitted on ``train`` (the training split only);
        ``fill_missing``: keep its column means to fill missing inputs (NaN) with."""
        x_norm = Normalizer(normalize).fit(train.X, fill_missing, train.feature_names)
        y_method = normalize if (train.task == "regression" and normalize_targets) else "none"
        y_norm = Normalizer(y_method).fit(train.Y)
        return cls(network=network, feature_names=list(train.feature_names),
                   target_names=list(train.target_names), class_names=train.class_names,
                   task=train.task, x_normalizer=x_norm, y_normalizer=y_norm,
                   image_shape=train.image_shape, **kw)

    # What the network sees, and back.
    def encode_inputs(self, X) -> np.ndarray:
        return self.x_normalizer.transform(np.asarray(X, dtype=np.float64))

    def encode_targets(self, Y) -> np.ndarray:
        return self.y_normalizer.transform(np.asarray(Y, dtype=np.float64))

    def predict(self, X) -> np.ndarray:
        """Outputs on the raw target scale for rows of raw features."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim == 1:
            X = X.reshape(1, -1) if X.shape[0] == self.network.n_inputs else X.reshape(-1, 1)
        out = self.network.predict(self.encode_inputs(X)).astype(np.float64)
        return self.y_normalizer.inverse_transform(out)

    def predict_labels(self, X) -> np.ndarray:
        """Class names for classifiers (argmax, or 0.5 threshold for one sigmoid output)."""
        return self.labels_of(self.predict(X))

    def labels_of(self, out: np.ndarray) -> np.ndarray:
        """Class names for outputs of ``predict``."""
        if not self.class_names:
            raise ValueError("this model predicts numbers, not named classes")
        idx = (out[:, 0] >= 0.5).astype(int) if out.shape[1] == 1 else out.argmax(axis=1)
        return np.asarray(self.class_names, dtype=object)[idx]

    def evaluate(self, X, Y) -> dict[str, float]:
        """Loss (on the network's scale, as in training) and metrics on raw data."""
        net = self.network
        Xn, Yn = self.encode_inputs(X), self.encode_targets(Y)
        loss = net.loss(Xn, Yn)
        y_hat = net.predict(Xn)
        Yn = np.asarray(Yn, dtype=net.dtype)
        if self.task == "regression":  # metrics on the raw scale the user reads
            y_hat = self.y_normalizer.inverse_transform(y_hat.astype(np.float64))
            Yn = np.asarray(Y, dtype=np.float64)
        return {"loss": loss, **evaluate_metrics(y_hat, Yn, net.output_activation, net.loss_name)}
