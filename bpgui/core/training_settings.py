"""What a training run is asked to do: ``TrainingSettings``, the one source of
the defaults that the CLI's options and the window's widgets start from, and
what a model file records as ``training``.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import asdict, dataclass, field
from typing import Any

from .activations import ACTIVATIONS
from .initializers import INITIALIZERS
from .losses import CANONICAL_OUTPUT, LOSSES, default_output
from .network import DEFAULT_DTYPE, DTYPES
from .optimizers import OPTIMIZERS, make_optimizer
from .preprocessing import NORMALIZATIONS
from .registry import lookup
from .schedules import SCHEDULES, make_schedule
from .timeline import DEFAULT_BUDGET_MB, MAX_BUDGET_MB

__all__ = ["TrainingSettings", "parse_layers", "format_layers", "check_held_out"]

MAX_HELD_OUT = 0.95   # validation + test: at least 5 % of the rows stay for training


def check_held_out(val: float, test: float) -> None:
    """The validation and test fractions together must leave rows to train on."""
    if val + test >= MAX_HELD_OUT:
        raise ValueError(f"validation ({val:g}) and test ({test:g}) together leave too few rows to train on "
                         f"(keep their sum below {MAX_HELD_OUT:g})")


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


def format_layers(layers: list[tuple[int, str]]) -> str:
    """[(8, "tanh"), (4, "relu")] -> ``"8:tanh,4:relu"`` (what `parse_layers` reads)."""
    return ",".join(f"{units}:{act}" for units, act in layers)


@dataclass
class TrainingSettings:
    hidden: list[tuple[int, str]] = field(default_factory=lambda: [(4, "tanh")])
    output_activation: str | None = None   # None: from the task (sigmoid/softmax/linear)
    loss: str | None = None                # None: from the task (bce/ce/mse)
    optimizer: str = "adam"
    # 0.03: with adam and full batches, 1000 epochs of the default 4:tanh network reach
    # accuracy / R^2 >= 0.995 on toy:circle, iris.csv and sine.csv; 0.01 stops at 0.97-0.99.
    lr: float = 0.03
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
    # zscore: unscaled CSV columns (iris: 0.1 to 7.9) otherwise push tanh units
    # towards saturation; on data already in [-1, 1] it does no harm.
    normalize: str = "zscore"
    val_split: float = 0.0
    test_split: float = 0.0
    early_stopping: int | None = None
    # Memory for the weights' timeline, in MB (2**20 bytes); 0: none is recorded (timeline.py).
    timeline_mb: float = float(DEFAULT_BUDGET_MB)

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
    "timeline_mb": _number(0, MAX_BUDGET_MB),
}
