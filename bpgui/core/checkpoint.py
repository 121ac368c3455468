"""One checkpoint of a timeline: a trainer's whole state after an epoch.

``Checkpoint`` is what a timeline hands out.  Inside, a timeline keeps each
checkpoint as a *record*: a plain tuple of numbers, arrays and tuples, laid
out by the index constants below.  It is cheaper to make than a NamedTuple
with dicts in it (XOR records one every 27 us), and the garbage collector
stops looking at such a tuple after its first pass.
"""
from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from .trainer_state import TrainerState

__all__ = ["Checkpoint", "checkpoint_bytes", "to_record", "from_record", "rng_record", "RNG_BYTES"]

# A record's fields, in order.
EPOCH, PARAMS, OPT_T, NAMES, MOMENTS, RNG, EPOCHS_DONE, STEPS_DONE, LR, VAL_LOSS, NBYTES = range(11)

# Bytes a record holds beyond its arrays' data, measured with tracemalloc on XOR
# and rounded up: the tuple and its numbers, each array's header, and the
# generator's state when the record took a new one (shuffled mini-batches).
BASE_BYTES, ARRAY_BYTES, RNG_BYTES = 256, 136, 256


class Checkpoint(NamedTuple):
    """One kept epoch.  Its arrays are the timeline's own: read them, never write."""

    epoch: int
    parameters: np.ndarray
    optimizer_t: int
    moments: dict[str, np.ndarray]
    rng: dict[str, Any]      # the shuffling generator's bit_generator.state (PCG64)
    epochs_done: int
    steps_done: int
    lr: float
    val_loss: float          # NaN when not measured
    nbytes: int

    def state(self) -> TrainerState:
        return TrainerState(parameters=self.parameters, optimizer_t=self.optimizer_t,
                            optimizer_state=dict(self.moments), rng=self.rng, epochs_done=self.epochs_done,
                            steps_done=self.steps_done, lr=self.lr)


def checkpoint_bytes(parameters: np.ndarray, n_moments: int, new_rng: bool = True) -> int:
    """What a record holds in memory, its Python objects included (moments have
    the parameters' size; a generator state shared with the previous record is
    not counted again)."""
    return (parameters.nbytes + ARRAY_BYTES) * (1 + n_moments) + BASE_BYTES + (RNG_BYTES if new_rng else 0)


def rng_record(state: dict[str, Any]) -> tuple[int, int, int, int]:
    """A PCG64 bit_generator.state as a tuple of numbers."""
    if state.get("bit_generator") != "PCG64":
        raise ValueError(f"a {state.get('bit_generator')!r} generator; timelines hold the trainer's PCG64 states")
    return state["state"]["state"], state["state"]["inc"], state["has_uint32"], state["uinteger"]


def _rng_dict(rng: tuple[int, int, int, int]) -> dict[str, Any]:
    return {"bit_generator": "PCG64", "state": {"state": rng[0], "inc": rng[1]},
            "has_uint32": rng[2], "uinteger": rng[3]}


def to_record(cp: Checkpoint, new_rng: bool = True) -> tuple:
    """A checkpoint as a timeline keeps it (its size is counted anew)."""
    names = tuple(cp.moments)
    return (int(cp.epoch), cp.parameters, int(cp.optimizer_t), names, tuple(cp.moments.values()),
            rng_record(cp.rng), int(cp.epochs_done), int(cp.steps_done), float(cp.lr), float(cp.val_loss),
            checkpoint_bytes(cp.parameters, len(names), new_rng))


def from_record(rec: tuple) -> Checkpoint:
    return Checkpoint(rec[EPOCH], rec[PARAMS], rec[OPT_T], dict(zip(rec[NAMES], rec[MOMENTS])),
                      _rng_dict(rec[RNG]), rec[EPOCHS_DONE], rec[STEPS_DONE], rec[LR], rec[VAL_LOSS],
                      rec[NBYTES])
