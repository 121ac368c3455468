"""Training: mini-batch gradient descent over epochs, yielding snapshots.

``Trainer.epoch`` runs one pass over the data (full batch, mini-batches or one
sample at a time, shuffled per epoch from the trainer's own seeded generator).
``Trainer.run`` is a generator of immutable per-epoch ``Snapshot`` objects:
the window, the CLI and tests all consume the same stream and decide for
themselves how often to look.

Regularisation acts on weights only:
``loss += l2/2 * sum W^2 + l1 * sum |W|``, gradient ``l2 * W + l1 * sign(W)``.

A non-finite loss raises ``DivergenceError``; the network is then left with
the parameters of the last step whose loss was finite, and the optimizer's
moments are cleared so that training can go on (with a smaller rate).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Iterator, NamedTuple

import numpy as np

from .metrics import correct_count, evaluate_metrics, is_classifier, r2_from_sums
from .network import Network
from .optimizers import DEFAULT_LR, SCRATCH, Optimizer, make_optimizer
from .schedules import Schedule, make_schedule
from .step_trace import StepTrace, trace_step
from .trainer_state import TrainerState

__all__ = ["Trainer", "EpochStats", "EpochReport", "Snapshot", "BestWeights", "DivergenceError",
           "EpochInterrupted"]


class DivergenceError(ArithmeticError):
    """The loss became NaN or infinite.  ``epoch`` and ``step`` say when."""

    def __init__(self, epoch: int, step: int, loss: float) -> None:
        super().__init__(
            f"training diverged at epoch {epoch}, step {step}: loss is {loss}; "
            "the parameters of the last finite step were kept (try a smaller learning rate)"
        )
        self.epoch, self.step, self.loss = epoch, step, loss


class EpochInterrupted(Exception):
    """Raised by a ``Trainer.step_hook`` to abandon the epoch in progress: the
    trainer returns to the state it had when the epoch began (parameters,
    optimizer, shuffling generator, step count), as if the epoch never started."""


class EpochStats(NamedTuple):
    """One epoch's figures (a named tuple: cheap to make tens of thousands of times a second)."""

    epoch: int                  # epochs completed, counting this one
    loss: float                 # mean data loss over the epoch's batches (before each update)
    penalty: float              # regularisation term at the end of the epoch
    lr: float                   # learning rate used in this epoch
    steps: int                  # optimizer steps in this epoch
    metrics: dict[str, float]   # accuracy, or r2 and mae, from the batches' outputs


class EpochReport(NamedTuple):
    """One epoch as ``Trainer.reports`` yields it: figures only, no weight copies.
    ``stats`` is None for an epoch a step hook interrupted (see ``EpochInterrupted``)."""

    stats: EpochStats | None
    val: tuple[float, dict[str, float]] | None   # validation loss and metrics
    best_epoch: int | None
    stopped: str | None


class BestWeights:
    """The epoch with the lowest validation loss so far and, when asked to keep
    them, a copy of its parameters (early stopping restores them; the CLI does
    on Ctrl+C)."""

    def __init__(self, keep_params: bool, min_delta: float = 0.0) -> None:
        self.keep_params = keep_params
        self.min_delta = min_delta
        self.loss = math.inf
        self.epoch: int | None = None
        self.params: np.ndarray | None = None

    def offer(self, epoch: int, val_loss: float, params: np.ndarray) -> bool:
        """Record epoch ``epoch`` if its loss improves on the best by more than
        ``min_delta``; whether it did."""
        if not val_loss < self.loss - self.min_delta:
            return False
        self.loss, self.epoch = val_loss, epoch
        if self.keep_params:
            self.params = params.copy()
        return True

    def restore(self, params: np.ndarray) -> bool:
        """Copy the best parameters into ``params``; False when none were kept."""
        if self.params is None:
            return False
        np.copyto(params, self.params)
        return True


@dataclass(frozen=True)
class Snapshot:
    """What one epoch of training looked like.  Arrays are copies, never live views."""

    epoch: int
    train_loss: float
    val_loss: float | None
    train_metrics: dict[str, float]
    val_metrics: dict[str, float] | None
    lr: float
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    grad_norms: tuple[float, ...]
    steps: int                          # optimizer steps taken since the trainer was built
    best_epoch: int | None = None       # epoch of the best validation loss so far
    stopped: str | None = None          # None, "early_stopping" or "completed"


class Trainer:
    """Drives a ``Network`` with an optimizer, a schedule and regularisation.

    ``batch_size=None`` means full batch; ``1`` is per-sample SGD.  Extra
    keyword arguments are the optimizer's hyperparameters, named as in
    torch.optim (``momentum``, ``betas``, ``eps``, ``rho``, ``alpha``...).
    """

    def __init__(
        self,
        net: Network,
        optimizer: str = "adam",
        lr: float | None = None,
        batch_size: int | None = None,
        shuffle: bool = True,
        seed: int | None = 0,
        l1: float = 0.0,
        l2: float = 0.0,
        schedule: str = "constant",
        schedule_params: dict[str, Any] | None = None,
        **optimizer_hyperparameters: Any,
    ) -> None:
        self.net = net
        # A new object whenever the trainer moves other than by one more epoch like the
        # last (the generator moved; a restore or reset; a new learning rate, batch size,
        # optimizer or data).  Each epoch of one course adds the same to the counts: a
        # timeline's recorder works them out rather than reading them (timeline.py).
        self.course = object()
        self.optimizer = make_optimizer(optimizer, **optimizer_hyperparameters)
        self.lr = DEFAULT_LR[optimizer] if lr is None else lr
        self.batch_size = batch_size
        self.shuffle = bool(shuffle)
        self.rng = np.random.default_rng(seed)
        self.l1 = l1
        self.l2 = l2
        self.schedule: Schedule = make_schedule(schedule, **(schedule_params or {}))
        self.epochs_done = 0
        self.steps_done = 0
        # Views and flags the training step uses every time, looked up once.
        self._params, self._grads = net.parameters, net.gradient_vector
        self._weight_mask = net.weight_mask
        self._classifier = is_classifier(net.output_activation, net.loss_name)
        self._thresholded = net.output_activation == "sigmoid"
        self._backup = np.empty_like(self._params)   # parameters before the latest update
        self._backup_valid = False
        # Called between two steps of an epoch (never before the first or after the
        # last): the window's training process shows weights and reads commands
        # there while a long epoch runs.  It may raise EpochInterrupted.
        self.step_hook: Callable[[], None] | None = None

    # The best validation epoch of the latest ``reports``/``run`` (None before one).
    best: BestWeights | None = None

    # Validated settings: assigning them mid-run takes effect at the next step.
    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        value = float(value)
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"learning rate must be a finite number > 0, got {value!r}")
        self._lr = value
        self.course = object()

    @property
    def batch_size(self) -> int | None:
        return self._batch_size

    @batch_size.setter
    def batch_size(self, value: int | None) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1):
            raise ValueError(f"batch size must be a positive integer or None (full batch), got {value!r}")
        self._batch_size = None if value is None else int(value)
        self.course = object()

    @property
    def l1(self) -> float:
        return self._l1

    @l1.setter
    def l1(self, value: float) -> None:
        self._l1 = self._penalty_weight("l1", value)

    @property
    def l2(self) -> float:
        return self._l2

    @l2.setter
    def l2(self, value: float) -> None:
        self._l2 = self._penalty_weight("l2", value)

    @staticmethod
    def _penalty_weight(name: str, value: float) -> float:
        value = float(value)
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
        return value

    @property
    def current_lr(self) -> float:
        """Learning rate the next epoch will use (base rate through the schedule)."""
        return self.schedule(self.lr, self.epochs_done)

    def penalty(self) -> float:
        w = self.net.parameters[self._weight_mask]
        total = 0.0
        if self.l2:
            total += 0.5 * self.l2 * float(np.dot(w, w))
        if self.l1:
            total += self.l1 * float(np.abs(w).sum())
        return total

    @property
    def optimizer(self) -> Optimizer:
        return self._optimizer

    @optimizer.setter
    def optimizer(self, value: Optimizer) -> None:
        self._optimizer, self.course = value, object()

    def reset(self) -> None:
        """Forget the optimizer state and the epoch count (after new weights)."""
        self.optimizer.reset()
        self.course = object()
        self.epochs_done = 0
        self.steps_done = 0

    def state(self) -> TrainerState:
        """What a later run needs to continue this one exactly (copies)."""
        opt = self.optimizer
        return TrainerState(parameters=self._params, optimizer_t=opt.t, optimizer_state=opt.state,
                            rng=self.rng.bit_generator.state, epochs_done=self.epochs_done,
                            steps_done=self.steps_done, lr=self._lr)

    def restore(self, state: TrainerState) -> None:
        """Continue from ``state`` (copied in; ``state`` stays as it was); moments another
        optimizer kept (before a change of optimizer) are not taken: this one starts afresh."""
        if state.parameters.shape != self._params.shape:
            raise ValueError(f"the state holds {state.parameters.size:,} parameters; "
                             f"this network has {self._params.size:,}")
        if state.optimizer_state and set(state.optimizer_state) - SCRATCH != self.optimizer.moment_names():
            state = state.without_optimizer_moments()
        self.lr = state.lr
        np.copyto(self._params, state.parameters)
        self.optimizer.t = state.optimizer_t
        self.optimizer.state = {k: np.array(v, dtype=self._params.dtype) for k, v in state.optimizer_state.items()}
        self.rng.bit_generator.state = state.rng
        self.course = object()
        self.epochs_done, self.steps_done = state.epochs_done, state.steps_done
        self._backup_valid = False   # the backup is another run's: a divergence keeps these parameters

    # ----------------------------------------------------------------- epochs
    def epoch(self, X, Y) -> EpochStats:
        """One pass over (X, Y).  Raises DivergenceError on a non-finite loss."""
        return self._epoch(*self._prepare(X, Y))

    def trace_step(self, X, Y) -> StepTrace:
        """One step like ``epoch`` on the batch (X, Y), full batch, with every
        number it computed (see ``core.step_trace``).  It trains: use a copy to look."""
        return trace_step(self, X, Y)

    def _prepare(self, X, Y) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
        """Arrays of the network's dtype, plus what every epoch needs of Y:
        ``Y >= 0.5`` (accuracy) and the per-column sum of squares about the
        mean (R^2)."""
        Xp, Yp = self.net.prepare(X, Y)
        if len(Xp) == 0:
            raise ValueError("no training samples")
        sst = None if self._classifier else ((Yp - Yp.mean(axis=0)) ** 2).sum(axis=0, dtype=np.float64)
        self.course = object()   # other data may take another number of steps an epoch
        return Xp, Yp, Yp >= 0.5, sst

    def _epoch(self, X: np.ndarray, Y: np.ndarray, Y_pos: np.ndarray, sst: np.ndarray | None,
               check_finite: bool = True) -> EpochStats:
        """One pass.  ``check_finite=False`` leaves the end-of-epoch check of the
        parameters to the caller (``reports`` does it when a consumer looks)."""
        n = len(X)
        bs = n if self._batch_size is None else min(self._batch_size, n)
        lr = self.schedule(self._lr, self.epochs_done)
        classifier = self._classifier
        correct = 0
        sse = None if classifier else np.zeros(self.net.n_outputs, dtype=np.float64)
        abs_err = 0.0
        loss_sum = 0.0
        steps = 0
        hook = self.step_hook if bs < n else None
        if hook is not None:
            begun = self._checkpoint()   # before the shuffle draws from the generator
        if bs == n:
            batches = ((X, Y, Y_pos),)
        elif self.shuffle:
            order = self.rng.permutation(n)
            self.course = object()
            batches = ((X[i], Y[i], Y_pos[i]) for i in (order[s:s + bs] for s in range(0, n, bs)))
        else:
            batches = ((X[s:s + bs], Y[s:s + bs], Y_pos[s:s + bs]) for s in range(0, n, bs))
        for xb, yb, yb_pos in batches:
            if hook is not None and steps:
                try:
                    hook()
                except EpochInterrupted:
                    self._rewind(begun)
                    raise
            loss, y_hat = self._step(xb, yb, lr, steps)
            # Metrics from the outputs the step computed anyway (before its update).
            if classifier:
                if yb_pos.shape[1] == 1:
                    correct += np.count_nonzero((y_hat >= 0.5) == yb_pos)
                else:
                    correct += correct_count(y_hat, yb, self._thresholded)
            else:
                err = y_hat - yb
                sse += np.einsum("ij,ij->j", err, err)
                abs_err += float(np.abs(err).sum())
            loss_sum += loss * len(yb)
            steps += 1
        if check_finite:
            self._check_finite(steps - 1)
        self.epochs_done += 1
        if classifier:
            metrics = {"accuracy": int(correct) / n}
        else:
            metrics = {"r2": float(np.mean(r2_from_sums(sse, sst))), "mae": abs_err / Y.size}
        penalty = self.penalty() if (self._l1 or self._l2) else 0.0
        return EpochStats(self.epochs_done, loss_sum / n, penalty, lr, steps, metrics)

    def _step(self, xb: np.ndarray, yb: np.ndarray, lr: float, step: int) -> tuple[float, np.ndarray]:
        """Forward, loss, backward, regularise, update.  Returns the loss and outputs before the update."""
        net = self.net
        y_hat = net.forward(xb)
        loss = net._loss_value(yb)
        if not math.isfinite(loss):
            self._diverged(loss, step)
        net.backward(yb)
        if self._l2:  # weights only: the mask zeroes the bias entries
            self._grads += self._l2 * self._params * self._weight_mask
        if self._l1:
            self._grads += self._l1 * np.sign(self._params) * self._weight_mask
        np.copyto(self._backup, self._params)
        self._backup_valid = True
        self._optimizer.step(self._params, self._grads, lr)
        self.steps_done += 1
        return loss, y_hat

    def _checkpoint(self) -> tuple:
        opt = self.optimizer
        return (self._params.copy(), opt.t, {k: v.copy() for k, v in opt.state.items()},
                self.rng.bit_generator.state, self.steps_done, self._backup_valid)

    def _rewind(self, checkpoint: tuple) -> None:
        params, t, state, rng_state, steps_done, backup_valid = checkpoint
        np.copyto(self._params, params)
        np.copyto(self._backup, params)  # what a divergence at the first step again would go back to
        self.optimizer.t, self.optimizer.state = t, state
        self.rng.bit_generator.state = rng_state
        self.course = object()
        self.steps_done, self._backup_valid = steps_done, backup_valid

    def _check_finite(self, step: int, epoch: int | None = None) -> None:
        """Raise DivergenceError (restoring the last finite step) if a parameter is not finite.

        Each step checks its loss, which catches a non-finite parameter one step
        later; this catches one made by the very last update of a run."""
        # Element by element: a sum of finite float32 values near 3e38 overflows to inf.
        if not np.isfinite(self._params).all():
            self._diverged(float("nan"), step, epoch)

    def _diverged(self, loss: float, step: int, epoch: int | None = None) -> None:
        """Restore the last finite step, clear the moments, raise.  ``epoch``
        defaults to the one in progress; step is 0-based within it."""
        if self._backup_valid:  # else no step has run in this trainer: the parameters are as given
            np.copyto(self.net.parameters, self._backup)
        self.optimizer.reset()
        self.course = object()
        raise DivergenceError(self.epochs_done + 1 if epoch is None else epoch, step + 1, loss)

    def evaluate(self, X, Y) -> tuple[float, dict[str, float]]:
        """Data loss and metrics of the current network on (X, Y)."""
        net = self.net
        X, Y = net.prepare(X, Y)
        y_hat = net.forward(X)
        loss = net._loss_value(Y)
        return loss, evaluate_metrics(y_hat, Y, net.output_activation, net.loss_name)

    def snapshot(self, stats: EpochStats, val: tuple[float, dict] | None = None, *,
                 check_finite: bool = True, arrays: bool = True, **kw: Any) -> Snapshot:
        """An immutable copy of the network's state after the epoch of ``stats``
        (``check_finite=False``: as it is now, mid-epoch, unchecked;
        ``arrays=False``: without weights and biases, for a caller that passes
        the parameters on another way)."""
        net = self.net
        if check_finite:
            self._check_finite(stats.steps - 1, epoch=stats.epoch)  # see _check_finite
        return Snapshot(
            epoch=stats.epoch,
            train_loss=stats.loss,
            val_loss=None if val is None else val[0],
            train_metrics=dict(stats.metrics),
            val_metrics=None if val is None else dict(val[1]),
            lr=stats.lr,
            weights=tuple(W.copy() for W in net.weights) if arrays else (),
            biases=tuple(b.copy() for b in net.biases) if arrays else (),
            grad_norms=tuple(net.layer_gradient_norms()),
            steps=self.steps_done,
            **kw,
        )

    def run(
        self,
        X,
        Y,
        epochs: int | None = None,
        validation: tuple[np.ndarray, np.ndarray] | None = None,
        early_stopping: int | None = None,
        min_delta: float = 0.0,
        keep_best: bool = False,
    ) -> Iterator[Snapshot]:
        """Train for ``epochs`` epochs (None: until the consumer stops iterating).

        With ``early_stopping=P`` and a validation set, training stops after P
        epochs without the validation loss improving by more than
        ``min_delta``; the best weights are restored and the final snapshot
        (``stopped="early_stopping"``) carries them.  ``keep_best`` keeps a
        copy of the best epoch's parameters in ``self.best`` without early
        stopping, for a consumer that may stop early itself.
        """
        for report in self.reports(X, Y, epochs, validation, early_stopping, min_delta, keep_best):
            if report.stats is None:  # an epoch a step hook interrupted: it is done again
                continue
            yield self.snapshot(report.stats, report.val, best_epoch=report.best_epoch, stopped=report.stopped)

    def reports(
        self,
        X,
        Y,
        epochs: int | None = None,
        validation: tuple[np.ndarray, np.ndarray] | None = None,
        early_stopping: int | None = None,
        min_delta: float = 0.0,
        keep_best: bool = False,
    ) -> Iterator["EpochReport"]:
        """Like ``run`` but yields light ``EpochReport``s without copies of the
        weights; a consumer that looks only now and then (the training child)
        calls ``snapshot(report.stats, report.val, ...)`` when it does look."""
        if epochs is not None and (isinstance(epochs, bool) or epochs < 0):
            raise ValueError(f"epochs must be >= 0 or None, got {epochs!r}")
        if early_stopping is not None:
            if validation is None:
                raise ValueError("early stopping needs a validation set")
            if early_stopping < 1:
                raise ValueError(f"early stopping patience must be >= 1, got {early_stopping!r}")
        net = self.net
        prepared = self._prepare(X, Y)
        if validation is not None:
            validation = net.prepare(*validation)
        best = self.best = BestWeights(keep_best or early_stopping is not None, min_delta)
        done = 0
        while epochs is None or done < epochs:
            last = epochs is not None and done + 1 == epochs
            # The parameters' end-of-epoch check is left to snapshot(), which a
            # consumer calls when it looks, and made here on the final epoch.
            try:
                stats = self._epoch(*prepared, check_finite=last)
            except EpochInterrupted:  # rewound: the next call does this epoch again
                yield EpochReport(None, None, best.epoch, None)
                continue
            done += 1
            val = self.evaluate(*validation) if validation is not None else None
            if val is not None:
                best.offer(stats.epoch, val[0], net.parameters)
            if (early_stopping is not None and best.epoch is not None
                    and stats.epoch - best.epoch >= early_stopping):
                # The report keeps this epoch's figures (the history stays true);
                # the network now holds the best epoch's weights.
                best.restore(net.parameters)
                yield EpochReport(stats, val, best.epoch, "early_stopping")
                return
            yield EpochReport(stats, val, best.epoch, "completed" if last else None)
