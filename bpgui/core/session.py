"""A training session: data + settings -> model, trainer and encoded splits.

The CLI and the window both train the same way: split the data, fit the
normalisers on the training split, build (or continue) a network whose input
and output sizes follow the data, and drive a ``Trainer``.  This module is
that shared recipe, driven by ``TrainingSettings`` (training_settings.py).

``run`` records every epoch in the model's history and, within
``settings.timeline_mb``, checkpoints of the trainer in the model's timeline
(timeline.py); ``rewind`` goes back to one of them, and running on from there
with unchanged settings retraces the original run bit for bit.  ``branch``
goes on from a checkpoint in a new session with other trainer settings,
leaving this one as it is.
"""
from __future__ import annotations

import copy
import math
from dataclasses import replace
from typing import Iterator

import numpy as np

from .dataset import Dataset
from .model import Model
from .network import Network
from .preprocessing import split_dataset
from .timeline import MB, Timeline
from .training import Snapshot, Trainer
from .training_settings import TrainingSettings

__all__ = ["Session", "BRANCH_FIXED"]

# Settings a branch keeps: they make the network and split the data.
BRANCH_FIXED = ("hidden", "output_activation", "loss", "init", "seed", "dtype", "normalize", "val_split",
                "test_split")


class Session:
    """Everything one training run needs, prepared from a dataset and settings.

    ``init_model`` continues from a saved model: its weights, normalisers
    and names are kept (the data must have the same features and targets).
    """

    def __init__(self, dataset: Dataset, settings: TrainingSettings, init_model: Model | None = None) -> None:
        self.dataset = dataset
        self.settings = s = settings
        if dataset.n_samples < 2:
            raise ValueError(f"{dataset.name or 'the data'} has {dataset.n_samples} row(s) of data; "
                             "training needs at least 2")
        if early := s.early_stopping:
            if s.val_split <= 0:
                raise ValueError("early stopping needs a validation split (--val-split / val_split > 0)")
            if early < 1:
                raise ValueError(f"early stopping patience must be >= 1, got {early}")
        self.train, self.val, self.test = split_dataset(dataset, val=s.val_split, test=s.test_split, seed=s.seed)
        if init_model is not None:
            self.model = self._continue(init_model)
            # Record what the continued network really is, not what the settings asked for.
            net = self.model.network
            s.hidden = list(net.layers[:-1])
            s.output_activation, s.loss = net.output_activation, net.loss_name
            s.init, s.dtype = net.init_name, net.dtype.name
            s.normalize = self.model.x_normalizer.method
        else:
            act, loss = s.output_for(dataset.task)
            _check_loss_fits_target(loss, dataset)
            net = Network(dataset.n_features, [*s.hidden, (dataset.n_outputs, act)], loss=loss,
                          init=s.init, seed=s.seed, dtype=s.dtype)
            self.model = Model.for_dataset(net, self.train, normalize=s.normalize,
                                           fill_missing=bool(np.isnan(dataset.X).any()),
                                           data_source=dict(dataset.source))
        self.model.training = s.to_dict()
        self.trainer = Trainer(self.model.network, optimizer=s.optimizer, lr=s.lr, batch_size=s.batch_size,
                               shuffle=True, seed=s.seed, l1=s.l1, l2=s.l2, schedule=s.schedule,
                               schedule_params=s.schedule_params, **s.hyperparameters)
        enc = self.encode
        self.train_xy = enc(self.train)
        self.val_xy = enc(self.val) if self.val is not None else None
        self.test_xy = enc(self.test) if self.test is not None else None

    def _continue(self, model: Model) -> Model:
        ds = self.dataset
        if list(model.feature_names) != list(ds.feature_names):
            raise ValueError(f"the model's features {model.feature_names} differ from the data's {ds.feature_names}")
        if list(model.target_names) != list(ds.target_names):
            raise ValueError(f"the model's targets {model.target_names} differ from the data's {ds.target_names}")
        if model.class_names != ds.class_names:
            raise ValueError(f"the model's classes {model.class_names} differ from the data's {ds.class_names}")
        return model

    def encode(self, part: Dataset) -> tuple[np.ndarray, np.ndarray]:
        net = self.model.network
        return (self.model.encode_inputs(part.X).astype(net.dtype),
                self.model.encode_targets(part.Y).astype(net.dtype))

    def run(self, epochs: int | None = None, keep_best: bool = False) -> Iterator[Snapshot]:
        """Train, recording every snapshot in the model's history and checkpoints in
        its timeline (``keep_best``: see ``Trainer.run``)."""
        s = self.settings
        timeline = self.begin_timeline()
        record = None if timeline is None else timeline.recorder(self.trainer)
        history = self.model.history
        for snap in self.trainer.run(*self.train_xy, epochs=s.epochs if epochs is None else epochs,
                                     validation=self.val_xy, early_stopping=s.early_stopping,
                                     keep_best=keep_best):
            history.record(snap)
            if record is not None:
                # An early stop's network holds the best epoch's weights, not those its
                # validation loss was measured on: that loss would misname the best.
                record(history.epochs, None if snap.stopped == "early_stopping" else snap.val_loss)
            yield snap

    def begin_timeline(self) -> Timeline | None:
        """Before a run: the model's timeline, with the network as it is now checkpointed
        at the history's epoch (epoch 0 for a new network); a run in a training child
        calls this in the window's process and sends its own checkpoints back.  None
        when recording is off: a continued model's timeline is then dropped, as it would
        stop short of the weights the run makes."""
        model, budget = self.model, int(self.settings.timeline_mb * MB)
        if budget <= 0:
            model.timeline = None
            return None
        if model.timeline is None:
            model.timeline = Timeline(model.network.sizes, budget)
        timeline, epoch = model.timeline, model.history.epochs
        timeline.budget_bytes = budget
        timeline.truncate(epoch)
        timeline.record(self.trainer, epoch, self._kept_val_loss(epoch))
        return timeline

    def _kept_val_loss(self, epoch: int) -> float | None:
        """The validation loss the timeline has for ``epoch``, if the network still holds
        that checkpoint's weights (a continued model): the new checkpoint replaces it."""
        timeline = self.model.timeline
        if timeline.last_epoch != epoch:
            return None
        kept = timeline.checkpoint(epoch)
        same = np.array_equal(kept.parameters, self.model.network.parameters)
        return kept.val_loss if same and not math.isnan(kept.val_loss) else None

    def end_timeline_at(self, epoch: int) -> None:
        """The network now holds epoch ``epoch``'s weights (a run stopped and went back to
        its best epoch): the timeline forgets later epochs and ends with that one."""
        timeline = self.model.timeline
        if timeline is None:
            return
        timeline.truncate(epoch)
        if timeline.last_epoch != epoch:
            timeline.record(self.trainer, epoch)

    def rewind(self, epoch: int) -> None:
        """Go back to the timeline's checkpoint of ``epoch``: the network, the optimizer,
        the shuffling and the counts as they were then; the history and the timeline
        forget the later epochs.  ``run`` then goes on from there, and with unchanged
        settings it makes the same weights as the original run, bit for bit (early
        stopping's best epoch so far starts anew).  A KeyError names the nearest kept
        epochs when ``epoch`` is not kept."""
        self.trainer.restore(_kept_timeline(self.model).state_at(epoch))
        _cut_at(self.model, epoch)

    def branch(self, epoch: int, settings: TrainingSettings) -> "Session":
        """A new session that goes on from the timeline's checkpoint of ``epoch`` with
        other trainer settings (optimizer and its hyperparameters, learning rate,
        schedule, batch size, regularisation, early stopping, epochs, timeline budget;
        a ValueError names any of ``BRANCH_FIXED`` that differs).  This session and its
        model stay as they are.  The branch's model is a copy of this one's up to
        ``epoch`` (its timeline shares the earlier checkpoints' memory until either
        changes); the optimizer's moments carry over when the optimizer and its
        hyperparameters are the same, the learning rate is the new one.  With unchanged
        settings the branch retraces this run bit for bit, like ``rewind``."""
        changed = [name for name in BRANCH_FIXED if getattr(settings, name) != getattr(self.settings, name)]
        if changed:
            raise ValueError(f"a branch goes on with the same network and data split; {', '.join(changed)} "
                             "would need a new network")
        timeline = _kept_timeline(self.model)
        state = timeline.state_at(epoch)
        old = self.model
        model = replace(old, network=old.network.copy(), history=copy.deepcopy(old.history),
                        training=copy.deepcopy(old.training), timeline=timeline.fork())
        _cut_at(model, epoch)
        branch = Session(self.dataset, copy.deepcopy(settings), init_model=model)
        if (settings.optimizer, settings.hyperparameters) != (self.settings.optimizer, self.settings.hyperparameters):
            state = state.without_optimizer_moments()
        branch.trainer.restore(replace(state, lr=branch.trainer.lr))
        return branch


def _kept_timeline(model: Model) -> Timeline:
    if model.timeline is None:
        raise KeyError("this model has no timeline to go back in")
    return model.timeline


def _cut_at(model: Model, epoch: int) -> None:
    """The history and the timeline end at ``epoch``: the network holds its checkpoint."""
    model.timeline.truncate(epoch)
    history = model.history
    history.truncate(epoch)
    if history.epochs < epoch:   # its row was thinned away: a row without figures keeps the count
        history.add(math.nan, epoch=epoch)


def _check_loss_fits_target(loss: str, dataset: Dataset) -> None:
    """A class loss on numbers, or ce on one output column, said in terms of the data
    (the network's own check speaks of units and would contradict the advice)."""
    targets = ", ".join(map(repr, dataset.target_names))
    if loss in ("bce", "ce") and dataset.task == "regression":
        raise ValueError(f"loss {loss!r} compares class probabilities, but the target {targets} holds numbers "
                         "(a regression task): use loss 'mse', or read the target as classes "
                         "(task: classification)")
    if loss == "ce" and dataset.n_outputs == 1:
        raise ValueError(f"loss 'ce' needs one output per class; the two-class target {targets} has one "
                         "output column: use loss 'bce'")
