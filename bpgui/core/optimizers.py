"""Optimizers, with the update rules and hyperparameter names of torch.optim.

A run can be checked against PyTorch step by step: ``adam`` here with
``betas=(0.9, 0.999), eps=1e-8`` does what ``torch.optim.Adam`` does with the
same arguments (weight decay is not an optimizer argument here: the trainer's
``l2`` adds ``l2 * W`` to the weight gradients, like torch's ``weight_decay``
but on weights only).

An optimizer updates one parameter array in place from its gradient::

    opt = OPTIMIZERS["adam"](betas=(0.9, 0.99))
    opt.step(params, grads, lr)      # params -= ...

The network keeps all its weights and biases as views of one flat vector, so
one call updates the whole network with a handful of vectorised operations.
``lr`` is passed on every step so schedules and mid-run changes need no
rebuilding; the state (moments, step count) survives such changes.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .registry import lookup

__all__ = ["Optimizer", "OPTIMIZERS", "DEFAULT_LR", "make_optimizer", "SCRATCH"]

# Plain SGD's step buffer: overwritten before every use, so it is no state to keep or show.
SCRATCH = frozenset({"scratch"})


class Optimizer:
    """Base class: subclasses set ``name`` and ``defaults`` and implement ``_update``."""

    name: str = ""
    defaults: dict[str, Any] = {}

    def __init__(self, **hyperparameters: Any) -> None:
        unknown = set(hyperparameters) - set(self.defaults)
        if unknown:
            allowed = ", ".join(self.defaults) or "none"
            raise ValueError(
                f"optimizer {self.name!r} has no hyperparameter "
                f"{', '.join(sorted(map(repr, unknown)))}; its hyperparameters are: {allowed}"
            )
        hp = {**self.defaults, **hyperparameters}
        for key, value in hp.items():
            hp[key] = self._coerce(key, value, self.defaults[key])
        self.hyperparameters: dict[str, Any] = hp
        self._validate()
        self.t = 0  # steps taken
        self.state: dict[str, np.ndarray] = {}

    def _coerce(self, key: str, value: Any, default: Any) -> Any:
        """The value in the type of the default (bool, float or a pair of floats)."""
        try:
            if isinstance(default, bool):
                if not isinstance(value, (bool, np.bool_)):
                    raise TypeError
                return bool(value)
            if isinstance(default, tuple):
                pair = tuple(float(v) for v in value)
                if len(pair) != len(default):
                    raise TypeError
                return pair
            if isinstance(value, (str, bytes, bool)) or value is None:
                raise TypeError
            return float(value)
        except (TypeError, ValueError):
            kind = ("true or false" if isinstance(default, bool) else
                    f"a pair of numbers like {default}" if isinstance(default, tuple) else "a number")
            raise ValueError(f"{self.name}: {key} must be {kind}, got {value!r}") from None

    def _validate(self) -> None:
        for key, value in self.hyperparameters.items():
            values = value if isinstance(value, tuple) else (value,)
            for v in values:
                if isinstance(v, bool):
                    continue
                if not np.isfinite(v) or v < 0:
                    raise ValueError(f"{self.name}: {key} must be a finite number >= 0, got {value!r}")
            if key in ("rho", "alpha", "betas") and any(v >= 1 for v in values):
                raise ValueError(f"{self.name}: {key} must be < 1, got {value!r}")

    def reset(self) -> None:
        """Forget moments and step count (new weights, new start)."""
        self.t = 0
        self.state = {}   # a new dict: a timeline sees new moments by the dict's identity

    def moment_names(self) -> frozenset[str]:
        """The moments this optimizer keeps with these hyperparameters (its state's names
        but ``SCRATCH``), found by a step on a single number: a restored state whose
        moments are named otherwise is another optimizer's."""
        probe = type(self)(**self.hyperparameters)
        probe.step(np.zeros(1), np.zeros(1), 0.0)
        return frozenset(probe.state) - SCRATCH

    def _buffer(self, key: str, like: np.ndarray, fill: float = 0.0) -> np.ndarray:
        buf = self.state.get(key)
        if buf is None or buf.shape != like.shape or buf.dtype != like.dtype:
            buf = np.full_like(like, fill)
            self.state[key] = buf
        return buf

    def step(self, params: np.ndarray, grads: np.ndarray, lr: float) -> None:
        """Apply one update to ``params`` in place."""
        self.t += 1
        self._update(params, grads, float(lr))

    def _update(self, p: np.ndarray, g: np.ndarray, lr: float) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.hyperparameters.items())
        return f"{type(self).__name__}({args})"


class SGD(Optimizer):
    """torch.optim.SGD: buf = momentum*buf + (1-dampening)*g (buf = g at step 1);
    nesterov uses g + momentum*buf; p -= lr * that."""

    name = "sgd"
    defaults = {"momentum": 0.0, "dampening": 0.0, "nesterov": False}

    def _validate(self) -> None:
        super()._validate()
        hp = self.hyperparameters
        if hp["nesterov"] and (hp["momentum"] <= 0 or hp["dampening"] != 0):
            raise ValueError(f"{self.name}: nesterov needs momentum > 0 and dampening 0")

    def _update(self, p, g, lr):
        momentum = self.hyperparameters["momentum"]
        if momentum == 0:
            # Into a kept scratch buffer: a fresh multi-megabyte temporary per
            # step costs page faults that show in the big-network benchmark.
            step = self._buffer("scratch", p)
            np.multiply(g, lr, out=step)
            p -= step
            return
        if "momentum_buffer" not in self.state:
            buf = self.state["momentum_buffer"] = g.copy()
        else:
            buf = self.state["momentum_buffer"]
            buf *= momentum
            buf += (1.0 - self.hyperparameters["dampening"]) * g
        if self.hyperparameters["nesterov"]:
            p -= lr * (g + momentum * buf)
        else:
            p -= lr * buf


class Momentum(SGD):
    """SGD with momentum 0.9 (torch.optim.SGD(momentum=0.9))."""

    name = "momentum"
    defaults = {**SGD.defaults, "momentum": 0.9}


class Nesterov(SGD):
    """SGD with Nesterov momentum (torch.optim.SGD(momentum=0.9, nesterov=True))."""

    name = "nesterov"
    defaults = {**SGD.defaults, "momentum": 0.9, "nesterov": True}


class Adagrad(Optimizer):
    """torch.optim.Adagrad: sum += g^2; p -= lr/(1+(t-1)*lr_decay) * g/(sqrt(sum)+eps)."""

    name = "adagrad"
    defaults = {"lr_decay": 0.0, "eps": 1e-10, "initial_accumulator_value": 0.0}

    def _update(self, p, g, lr):
        hp = self.hyperparameters
        acc = self._buffer("sum", p, hp["initial_accumulator_value"])
        acc += g * g
        clr = lr / (1.0 + (self.t - 1) * hp["lr_decay"])
        p -= clr * g / (np.sqrt(acc) + hp["eps"])


class Adadelta(Optimizer):
    """torch.optim.Adadelta: v = rho v + (1-rho) g^2; d = sqrt(u+eps)/sqrt(v+eps) g;
    u = rho u + (1-rho) d^2; p -= lr d."""

    name = "adadelta"
    defaults = {"rho": 0.9, "eps": 1e-6}

    def _update(self, p, g, lr):
        rho, eps = self.hyperparameters["rho"], self.hyperparameters["eps"]
        v = self._buffer("square_avg", p)
        u = self._buffer("acc_delta", p)
        v *= rho
        v += (1.0 - rho) * g * g
        delta = np.sqrt(u + eps) / np.sqrt(v + eps) * g
        u *= rho
        u += (1.0 - rho) * delta * delta
        p -= lr * delta


class RMSprop(Optimizer):
    """torch.optim.RMSprop: v = alpha v + (1-alpha) g^2 (centered: minus the mean
    gradient squared); p -= lr g/(sqrt(v)+eps), through a momentum buffer if momentum > 0."""

    name = "rmsprop"
    defaults = {"alpha": 0.99, "eps": 1e-8, "momentum": 0.0, "centered": False}

    def _update(self, p, g, lr):
        hp = self.hyperparameters
        alpha = hp["alpha"]
        v = self._buffer("square_avg", p)
        v *= alpha
        v += (1.0 - alpha) * g * g
        if hp["centered"]:
            g_avg = self._buffer("grad_avg", p)
            g_avg *= alpha
            g_avg += (1.0 - alpha) * g
            avg = np.sqrt(v - g_avg * g_avg) + hp["eps"]
        else:
            avg = np.sqrt(v) + hp["eps"]
        if hp["momentum"] > 0:
            buf = self._buffer("momentum_buffer", p)
            buf *= hp["momentum"]
            buf += g / avg
            p -= lr * buf
        else:
            p -= lr * g / avg


class Adam(Optimizer):
    """torch.optim.Adam: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
    p -= lr * (m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps)  (amsgrad: running max of v)."""

    name = "adam"
    defaults = {"betas": (0.9, 0.999), "eps": 1e-8, "amsgrad": False}

    def _update(self, p, g, lr):
        hp = self.hyperparameters
        b1, b2 = hp["betas"]
        m = self._buffer("exp_avg", p)
        v = self._buffer("exp_avg_sq", p)
        m *= b1
        m += (1.0 - b1) * g
        v *= b2
        v += (1.0 - b2) * g * g
        if hp["amsgrad"]:
            vmax = self._buffer("max_exp_avg_sq", p)
            np.maximum(vmax, v, out=vmax)
            v = vmax
        bc1 = 1.0 - b1 ** self.t
        bc2 = 1.0 - b2 ** self.t
        denom = np.sqrt(v)
        denom *= 1.0 / np.sqrt(bc2)
        denom += hp["eps"]
        p -= (lr / bc1) * m / denom


OPTIMIZERS: dict[str, type[Optimizer]] = {
    cls.name: cls for cls in (SGD, Momentum, Nesterov, Adagrad, Adadelta, RMSprop, Adam)
}

# torch.optim's default learning rates (SGD has none there; 0.01 is ours).
DEFAULT_LR: dict[str, float] = {
    "sgd": 0.01, "momentum": 0.01, "nesterov": 0.01,
    "adagrad": 0.01, "adadelta": 1.0, "rmsprop": 0.01, "adam": 0.001,
}


def make_optimizer(name: str, **hyperparameters: Any) -> Optimizer:
    return lookup(OPTIMIZERS, name, "optimizer")(**hyperparameters)
