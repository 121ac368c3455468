"""The messages between the window's process and the training child.

Commands go parent -> child, events child -> parent; every message is a
small frozen dataclass, pickled through the pipe (see ``wire``).

``history`` in an event is a dict of columns with every epoch completed
since the previous event (``epoch``, ``train_loss``, ``val_loss``,
``train_<metric>``, ``val_<metric>``), so nothing is lost to throttling.
``state`` is the trainer's ``TrainerState`` when the event ends a stretch
of training (a pause, the end of the job), so a later job continues exactly;
``timeline`` then holds the checkpoints the child recorded in that stretch
(None when the job records none), which the window's timeline takes
(``Timeline.extend``): the timeline travels only then, never with progress.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from ..core.timeline import Timeline
from ..core.trainer_state import TrainerState
from ..core.training import Snapshot
from .job import Job

__all__ = [
    "Start", "Pause", "Resume", "Step", "Stop", "SetLearningRate", "SetSpeed", "SlotCopied", "Quit", "Command",
    "Progress", "Paused", "Finished", "Failed", "Event", "History",
]

History = dict[str, list[float]]


# ----------------------------------------------------------- parent -> child
@dataclass(frozen=True)
class Start:
    """Train ``job``, at most ``epochs_per_second`` epochs a second (None: as fast as it goes)."""

    job: Job
    epochs_per_second: float | None = None


@dataclass(frozen=True)
class Pause:
    """Stop after the current step; the job goes back to its last completed epoch."""


@dataclass(frozen=True)
class Resume:
    """Go on after a pause."""


@dataclass(frozen=True)
class Step:
    """While paused: train one epoch."""


@dataclass(frozen=True)
class Stop:
    """End the job (its final state is sent back)."""


@dataclass(frozen=True)
class SetLearningRate:
    """A new base learning rate, from the next epoch on; nothing else is reset."""

    lr: float


@dataclass(frozen=True)
class SetSpeed:
    """At most ``epochs_per_second`` epochs a second from now on (None: as fast as it goes),
    so that a learner can watch each epoch; what is learned does not change."""

    epochs_per_second: float | None


@dataclass(frozen=True)
class SlotCopied:
    """The parent has copied shared slot ``k``: the child may write it again."""

    k: int


@dataclass(frozen=True)
class Quit:
    """End the job, if any, and the child's loop."""


Command = Union[Start, Pause, Resume, Step, Stop, SetLearningRate, SetSpeed, SlotCopied, Quit]


# ----------------------------------------------------------- child -> parent
@dataclass(frozen=True)
class Progress:
    """Training goes on.  With ``slot`` set, the snapshot's weights are in that
    shared slot, not in the message: the parent fills them in (or leaves
    ``snapshot`` None for slots it has already removed)."""

    snapshot: Snapshot | None
    history: History
    slot: int | None = None


@dataclass(frozen=True)
class Paused:
    """The child has paused at its last completed epoch."""

    snapshot: Snapshot
    history: History
    state: TrainerState
    timeline: Timeline | None = None


@dataclass(frozen=True)
class Finished:
    """The job has ended: ``reason`` is "completed", "early_stopping" or "stopped"."""

    reason: str
    snapshot: Snapshot
    history: History
    state: TrainerState
    timeline: Timeline | None = None


@dataclass(frozen=True)
class Failed:
    """The job has ended in an error (``message`` is for the user).  ``snapshot``
    and ``state`` are None when no training happened (a job that could not
    start, a child that crashed)."""

    message: str
    snapshot: Snapshot | None
    history: History
    state: TrainerState | None
    timeline: Timeline | None = None


Event = Union[Progress, Paused, Finished, Failed]
