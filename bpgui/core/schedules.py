"""Learning-rate schedules, stepped once per epoch like torch.optim.lr_scheduler.

A schedule maps (base learning rate, epochs done) to the learning rate of the
next epoch.  It holds no state, so changing the base rate mid-run simply
rescales what follows.

* ``constant``
* ``step``:        lr * gamma ** (epoch // step_size)          (StepLR)
* ``exponential``: lr * gamma ** epoch                          (ExponentialLR)
* ``cosine``:      eta_min + (lr - eta_min) * (1 + cos(pi * epoch / T_max)) / 2
                   (CosineAnnealingLR; held at eta_min after T_max epochs)
"""
from __future__ import annotations

import math
import numbers
from typing import Any

from .registry import lookup

__all__ = ["Schedule", "SCHEDULES", "make_schedule"]


class Schedule:
    name = ""
    defaults: dict[str, Any] = {}

    def __init__(self, **params: Any) -> None:
        unknown = set(params) - set(self.defaults)
        if unknown:
            raise ValueError(
                f"schedule {self.name!r} has no parameter {', '.join(sorted(map(repr, unknown)))}; "
                f"its parameters are: {', '.join(self.defaults) or 'none'}"
            )
        self.params: dict[str, Any] = {**self.defaults, **params}
        for key, value in self.params.items():
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise ValueError(f"schedule {self.name!r}: {key} must be a number, got {value!r}")
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"schedule {self.name!r}: {key} must be a finite number >= 0, got {value!r}")

    def __call__(self, base_lr: float, epoch: int) -> float:
        raise NotImplementedError


class Constant(Schedule):
    name = "constant"

    def __call__(self, base_lr, epoch):
        return base_lr


class StepDecay(Schedule):
    name = "step"
    defaults = {"step_size": 100, "gamma": 0.5}

    def __init__(self, **params):
        super().__init__(**params)
        step = self.params["step_size"]
        if step < 1 or step != int(step):
            raise ValueError(f"schedule 'step': step_size must be a whole number >= 1, got {step!r}")
        self.params["step_size"] = int(step)

    def __call__(self, base_lr, epoch):
        return base_lr * self.params["gamma"] ** (epoch // self.params["step_size"])


class ExponentialDecay(Schedule):
    name = "exponential"
    defaults = {"gamma": 0.99}

    def __call__(self, base_lr, epoch):
        return base_lr * self.params["gamma"] ** epoch


class Cosine(Schedule):
    name = "cosine"
    defaults = {"T_max": 1000, "eta_min": 0.0}

    def __init__(self, **params):
        super().__init__(**params)
        if self.params["T_max"] <= 0:
            raise ValueError("schedule 'cosine': T_max must be > 0")

    def __call__(self, base_lr, epoch):
        t_max, eta_min = self.params["T_max"], self.params["eta_min"]
        e = min(epoch, t_max)
        return eta_min + (base_lr - eta_min) * (1.0 + math.cos(math.pi * e / t_max)) / 2.0


SCHEDULES: dict[str, type[Schedule]] = {
    cls.name: cls for cls in (Constant, StepDecay, ExponentialDecay, Cosine)
}


def make_schedule(name: str, **params: Any) -> Schedule:
    return lookup(SCHEDULES, name, "schedule")(**params)
