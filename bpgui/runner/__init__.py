"""Training in a child process: both ends of the pipe, and what goes through it.

``TrainingProcess`` (the parent's end) starts the spawned child, sends it
commands and returns its events from ``poll()``; ``child.serve`` is the
child's loop.  Nothing in this package imports Qt: the child never loads it,
and a GUI wraps ``TrainingProcess`` in a timer (``bpgui.ui.training_controller``).
"""
from .job import Job
from .messages import (Command, Event, Failed, Finished, Pause, Paused, Progress, Quit, Resume, SetLearningRate,
                       SetSpeed, SlotCopied, Start, Step, Stop)
from .parent import IDLE, PAUSED, RUNNING, Receiver, TrainingProcess
from .shared_slots import SharedSlots

__all__ = [
    "TrainingProcess", "Receiver", "Job", "SharedSlots", "IDLE", "RUNNING", "PAUSED",
    "Command", "Start", "Pause", "Resume", "Step", "Stop", "SetLearningRate", "SetSpeed", "SlotCopied", "Quit",
    "Event", "Progress", "Paused", "Finished", "Failed",
]
