"""The resumable state of a ``Trainer``, as one immutable value.

Everything a later run needs to continue a trainer exactly where it stopped:
the flat parameter vector, the optimizer's step count and moments, the
shuffling generator's state, the epoch and step counts and the learning
rate.  ``Trainer.state()`` takes one, ``Trainer.restore(state)`` puts it back;
the training child sends one with its final messages and the window carries
one from an old session to a new one.  Changes are made by making a new
value (``with_lr``, ``without_optimizer_moments``), never by editing one.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

__all__ = ["TrainerState"]


def _frozen_copy(array: np.ndarray) -> np.ndarray:
    """A read-only copy: a state taken once can be restored any number of times."""
    out = np.array(array, copy=True)
    out.flags.writeable = False
    return out


@dataclass(frozen=True, eq=False)
class TrainerState:
    """A trainer's resumable state.  Arrays are private read-only copies."""

    parameters: np.ndarray                  # the network's flat parameter vector
    optimizer_t: int                        # optimizer steps taken (bias correction)
    optimizer_state: dict[str, np.ndarray]  # the optimizer's moments, by name
    rng: dict[str, Any]                     # the shuffling generator's bit_generator.state
    epochs_done: int
    steps_done: int
    lr: float

    def __post_init__(self) -> None:
        # Copies on the way in, so no caller's array (or generator dict) is shared.
        object.__setattr__(self, "parameters", _frozen_copy(self.parameters))
        object.__setattr__(self, "optimizer_state",
                           {k: _frozen_copy(v) for k, v in self.optimizer_state.items()})
        object.__setattr__(self, "rng", copy.deepcopy(self.rng))
        object.__setattr__(self, "optimizer_t", int(self.optimizer_t))
        object.__setattr__(self, "epochs_done", int(self.epochs_done))
        object.__setattr__(self, "steps_done", int(self.steps_done))
        object.__setattr__(self, "lr", float(self.lr))

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Unpickled arrays come back writeable: read-only again, as when taken.
        self.__dict__.update(state)
        for array in (self.parameters, *self.optimizer_state.values()):
            array.flags.writeable = False

    def with_lr(self, lr: float) -> "TrainerState":
        """The same state with another base learning rate."""
        return replace(self, lr=lr)

    def without_optimizer_moments(self) -> "TrainerState":
        """The same state with a fresh optimizer (no steps, no moments): what a
        change of optimizer keeps of a run."""
        return replace(self, optimizer_t=0, optimizer_state={})

    def equals(self, other: "TrainerState") -> bool:
        """Bit for bit the same state (arrays compared by value and dtype)."""
        def same(a: np.ndarray, b: np.ndarray) -> bool:
            return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()

        return (same(self.parameters, other.parameters)
                and self.optimizer_t == other.optimizer_t
                and self.optimizer_state.keys() == other.optimizer_state.keys()
                and all(same(v, other.optimizer_state[k]) for k, v in self.optimizer_state.items())
                and self.rng == other.rng
                and (self.epochs_done, self.steps_done, self.lr) == (other.epochs_done, other.steps_done, other.lr))
