"""A training job: everything the child needs to continue a session's training.

The window's ``Session`` holds Qt-free but heavy objects (datasets, models);
the child gets plain data instead: the architecture, the trainer's settings,
its ``TrainerState`` and the encoded arrays, from which it builds its own
``Trainer`` that continues bit for bit where the session's stopped.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.network import Network
from ..core.session import Session
from ..core.trainer_state import TrainerState
from ..core.training import Trainer

__all__ = ["Job"]

Arrays = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True, eq=False)
class Job:
    network: dict[str, Any]          # Network.describe()
    trainer: dict[str, Any]          # the Trainer's keyword arguments
    state: TrainerState
    train: Arrays                    # encoded inputs and targets
    validation: Arrays | None
    epochs: int | None               # None: until stopped
    early_stopping: int | None       # patience, with a validation set
    shared: dict[str, Any] | None = None   # SharedSlots.spec for progress weights, or the pipe
    timeline_bytes: int = 0          # the budget of the checkpoints the child records (0: none)
    first_epoch: int = 0             # the model history's epoch count when the job starts

    @property
    def epoch_offset(self) -> int:
        """Trainer epochs minus history epochs: a report's epoch less this is the model's."""
        return self.state.epochs_done - self.first_epoch

    @classmethod
    def from_session(cls, session: Session, epochs: int | None,
                     shared: dict[str, Any] | None = None) -> "Job":
        """A job that continues ``session`` for ``epochs`` epochs.  The child records the
        timeline's checkpoints when the session does (``Session.begin_timeline``, called
        first, has checkpointed the start)."""
        tr = session.trainer
        timeline = session.model.timeline
        return cls(
            network=session.model.network.describe(),
            trainer={
                "optimizer": tr.optimizer.name, "lr": tr.lr, "batch_size": tr.batch_size,
                "shuffle": tr.shuffle, "l1": tr.l1, "l2": tr.l2,
                "schedule": tr.schedule.name, "schedule_params": dict(tr.schedule.params),
                **tr.optimizer.hyperparameters,
            },
            state=tr.state(),
            train=session.train_xy,
            validation=session.val_xy,
            epochs=epochs,
            early_stopping=session.settings.early_stopping if session.val_xy is not None else None,
            shared=shared,
            timeline_bytes=0 if timeline is None else timeline.budget_bytes,
            first_epoch=session.model.history.epochs,
        )

    def build_trainer(self) -> Trainer:
        """A trainer in the job's state (raises ValueError for bad settings)."""
        arch = self.network
        net = Network(arch["n_inputs"], [tuple(layer) for layer in arch["layers"]], loss=arch["loss"],
                      init=arch["init"], dtype=arch["dtype"])
        tr = Trainer(net, **self.trainer)
        tr.restore(self.state)
        return tr
