"""The pace of a run slowed down to be watched: at most so many epochs a second.

XOR trains a thousand epochs in well under a second; a learner who wants to
see each one asks for a few a second instead.  ``Pace`` only keeps time: the
training child asks it how long to wait before the next epoch and waits on
its command pipe for that long, so that pause, step and stop still act at
once.  A run at full speed has no ``Pace`` at all.
"""
from __future__ import annotations

__all__ = ["Pace", "EVERY_EPOCH_AT_MOST"]

# At or below this many epochs a second every epoch gets its own snapshot (each
# step is seen in every view); above it the usual ~25 snapshots a second do.
EVERY_EPOCH_AT_MOST = 30.0
# A wait shorter than this is not worth a system call: the pipe's poll counts
# whole milliseconds, and the credit below makes up for starting a little early.
MIN_WAIT = 0.001
# How far behind schedule the pace may fall and still catch up: enough to make
# up for a late wake-up, too little for a burst of epochs after a pause.
CATCH_UP = 0.002


class Pace:
    """When the next epoch may start, at ``epochs_per_second`` (> 0); the first at ``now``."""

    def __init__(self, epochs_per_second: float, now: float) -> None:
        self.period = 1.0 / epochs_per_second
        self._due = now

    @property
    def every_epoch(self) -> bool:
        """Slow enough that every epoch should be shown."""
        return self.period * EVERY_EPOCH_AT_MOST >= 1.0

    def set(self, epochs_per_second: float, now: float) -> None:
        """A new speed from now on: a faster one need not wait out the old, longer period."""
        self.period = 1.0 / epochs_per_second
        self._due = min(self._due, now + self.period)

    def wait(self, now: float) -> float:
        """Seconds to wait before the next epoch (0.0: it may start now)."""
        left = self._due - now
        return left if left >= MIN_WAIT else 0.0

    def started(self, now: float) -> None:
        """An epoch starts at ``now``: the next one is due a period after this one's turn."""
        self._due = max(self._due, now - CATCH_UP) + self.period
