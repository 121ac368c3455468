"""One checkpoint of a timeline: a trainer's whole state after an epoch.

``Checkpoint`` is what a timeline hands out (its arrays are copies).  The
shuffling generator's state travels as PCG64's ``bit_generator.state`` dict;
a timeline stores it as six 64-bit words (`rng_words` / `rng_state`).
"""
from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from .trainer_state import TrainerState

__all__ = ["Checkpoint", "rng_words", "rng_state"]

_WORD = (1 << 64) - 1


class Checkpoint(NamedTuple):
    """One kept epoch."""

    epoch: int
    parameters: np.ndarray
    optimizer_t: int
    moments: dict[str, np.ndarray]
    rng: dict[str, Any]      # the shuffling generator's bit_generator.state (PCG64)
    epochs_done: int
    steps_done: int
    lr: float
    val_loss: float          # NaN when not measured

    def state(self) -> TrainerState:
        return TrainerState(parameters=self.parameters, optimizer_t=self.optimizer_t,
                            optimizer_state=dict(self.moments), rng=self.rng, epochs_done=self.epochs_done,
                            steps_done=self.steps_done, lr=self.lr)


def rng_words(state: dict[str, Any]) -> tuple[int, int, int, int, int, int]:
    """A PCG64 state as six words: state high and low 64 bits, inc high and low, has_uint32, uinteger."""
    if state.get("bit_generator") != "PCG64":
        raise ValueError(f"a {state.get('bit_generator')!r} generator; timelines hold the trainer's PCG64 states")
    s, inc = state["state"]["state"], state["state"]["inc"]
    return s >> 64, s & _WORD, inc >> 64, inc & _WORD, int(state["has_uint32"]), int(state["uinteger"])


def rng_state(words) -> dict[str, Any]:
    """The PCG64 state of six words (`rng_words`' inverse)."""
    w = [int(x) for x in words]
    return {"bit_generator": "PCG64", "state": {"state": w[0] << 64 | w[1], "inc": w[2] << 64 | w[3]},
            "has_uint32": w[4], "uinteger": w[5]}
