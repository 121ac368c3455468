"""A training step looked at without taking it: ``trace_step`` on a copy of the trainer.

The window's step-through shows the next step of the document's network and
changes nothing until the user applies it; then the copy's ``TrainerState``
(parameters and optimizer moments after the step) is what the document takes.
"""
from __future__ import annotations

from dataclasses import replace

from .network import Network
from .step_trace import StepTrace
from .trainer_state import TrainerState
from .training import Trainer

__all__ = ["trainer_copy", "preview_step"]


def trainer_copy(trainer: Trainer, network: Network | None = None, state: TrainerState | None = None) -> Trainer:
    """An independent trainer with ``trainer``'s settings and state (moments, counters,
    generator), on a copy of ``network`` (default: the trainer's own network); or in
    ``state`` if given (a timeline's checkpoint: its parameters, moments and counts)."""
    net = (trainer.net if network is None else network).copy()
    if net.sizes != trainer.net.sizes:
        raise ValueError(f"a {'-'.join(map(str, net.sizes))} network for a trainer of a "
                         f"{'-'.join(map(str, trainer.net.sizes))} one")
    opt = trainer.optimizer
    other = Trainer(net, optimizer=opt.name, lr=trainer.lr, batch_size=trainer.batch_size, shuffle=trainer.shuffle,
                    l1=trainer.l1, l2=trainer.l2, **opt.hyperparameters)
    other.schedule = trainer.schedule   # schedules hold no state
    other.restore(replace(trainer.state(), parameters=net.parameters) if state is None else state)
    return other


def preview_step(trainer: Trainer, X, Y, network: Network | None = None,
                 state: TrainerState | None = None) -> tuple[StepTrace, TrainerState]:
    """The step ``trainer`` would take on (X, Y) from ``network``'s parameters (default: its
    own) or from ``state``, taken on a copy; and the copy's state after it.  ``trainer``
    is left as it was."""
    other = trainer_copy(trainer, network, state)
    trace = other.trace_step(X, Y)
    return trace, other.state()
