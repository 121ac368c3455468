"""The checkpoints a training child records for one job.

The child records every completed epoch's checkpoint (``Timeline.recorder``:
about a microsecond an epoch) into a timeline of the job's own, within the
session's budget, and hands it over with the event that ends a stretch of
training (``Paused``, ``Finished``, ``Failed``); the window's model timeline
takes it (``Timeline.extend``) and the child starts a new one.  Progress
messages carry none of it, so a running job costs the window nothing here.
"""
from __future__ import annotations

from ..core.timeline import Timeline
from ..core.training import Trainer

__all__ = ["JobTimeline"]


class JobTimeline:
    """``record(epoch, val_loss)`` checkpoints a completed epoch, numbered as the model's
    history numbers it (a report's epoch less ``offset``; ``Timeline.recorder``);
    ``take()`` hands the stretch over and starts a new one (with a new ``record``)."""

    def __init__(self, trainer: Trainer, sizes: list[int], budget_bytes: int, offset: int) -> None:
        self._trainer, self._sizes, self._budget, self.offset = trainer, sizes, budget_bytes, offset
        self._timeline = Timeline(sizes, budget_bytes)
        self.record = self._timeline.recorder(trainer)

    def take(self) -> Timeline | None:
        """The checkpoints since the previous ``take`` (None if there are none), and a fresh start."""
        stretch = self._timeline
        self._timeline = Timeline(self._sizes, self._budget)
        self.record = self._timeline.recorder(self._trainer)
        return stretch if len(stretch) else None
