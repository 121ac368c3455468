"""The learning-rate range test (Smith 2015, "Cyclical learning rates"; fastai's
``lr_find``): train a copy of the network for a few hundred mini-batch steps
while the learning rate grows exponentially, and watch the loss.

The loss first barely moves (the rate is too small), then falls (a useful
rate), then rises and explodes (too large).  The loss is smoothed with an
exponential moving average (beta 0.95, bias-corrected, as PyTorch's
lr-finder does; fastai's 0.98 lags about 50 steps, two decades of rate over
200 steps) and the test stops once the smoothed loss exceeds 4x the best seen.

The suggestion is the rate of the smoothed loss's minimum divided by 10: at
the minimum training is already on the edge of instability, one order of
magnitude below is the rule Smith and fastai give.  The steepest-descent point
is the other common choice; on a few hundred noisy steps its position jumps by
orders of magnitude between seeds, the minimum's much less (docs/lr-range-test.md).

The network passed in is never touched: the test trains a copy of it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .network import Network
from .training import DivergenceError, Trainer
from .training_settings import TrainingSettings

__all__ = ["LRRangeResult", "lr_range_test", "lr_range_test_for", "DIVERGENCE_FACTOR", "SMOOTHING"]

SMOOTHING = 0.95          # beta of the loss's moving average (torch-lr-finder's smooth_f = 0.05)
DIVERGENCE_FACTOR = 4.0   # stop when the smoothed loss exceeds this times the best
DEFAULT_BATCH = 32        # the mini-batch when none is given (full batch for smaller data)


@dataclass(frozen=True)
class LRRangeResult:
    """What the range test saw: ``rates[i]`` was used for step i, whose smoothed
    loss is ``losses[i]`` (``raw_losses[i]``: that batch's loss before the step)."""

    rates: np.ndarray
    losses: np.ndarray
    raw_losses: np.ndarray
    suggestion: float       # the smoothed loss's minimum's rate / 10, at least the first rate
    minimum: float          # the rate of the smoothed loss's minimum
    stopped: str            # "completed", "diverged" (loss above 4x the best, or not finite) or "cancelled"


def _check(start: float, stop: float, steps: int, batch_size: int | None) -> None:
    if not (math.isfinite(start) and math.isfinite(stop) and 0 < start < stop):
        raise ValueError(f"the learning rates must satisfy 0 < start < stop, got start={start!r}, stop={stop!r}")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 2:
        raise ValueError(f"steps must be a whole number >= 2, got {steps!r}")
    if batch_size is not None and (isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer))
                                   or batch_size < 1):
        raise ValueError(f"batch size must be a whole number >= 1 or None (full batch), got {batch_size!r}")


def _batches(n: int, batch_size: int, rng: np.random.Generator):
    """Index arrays of ``batch_size`` rows, a fresh shuffle each pass over the data, forever."""
    while True:
        order = rng.permutation(n)
        for s in range(0, n - batch_size + 1, batch_size):   # whole batches only: equal noise each step
            yield order[s:s + batch_size]


def lr_range_test(network: Network, X, Y, optimizer: str = "sgd", start: float = 1e-7, stop: float = 10.0,
                  steps: int = 200, batch_size: int | None = DEFAULT_BATCH, seed: int | None = 0,
                  l1: float = 0.0, l2: float = 0.0, progress: Callable[[int, int], bool | None] | None = None,
                  **hyperparameters: Any) -> LRRangeResult:
    """Run the range test on a copy of ``network`` with ``optimizer`` (its
    ``hyperparameters`` as in ``Trainer``) from ``start`` to ``stop`` over
    ``steps`` steps: step i uses ``start * (stop/start) ** (i / (steps - 1))``.

    ``batch_size=None`` (or one larger than the data) uses the full batch.
    ``progress(i, steps)`` is called after each step; returning False cancels.
    The suggestion is the rate at the smoothed loss's minimum divided by 10
    (never below ``start``); ``network`` is left exactly as it was.
    """
    _check(start, stop, steps, batch_size)
    net = network.copy()
    X, Y = net.prepare(X, Y)
    if len(X) == 0:
        raise ValueError("no training samples")
    bs = len(X) if batch_size is None else min(int(batch_size), len(X))
    trainer = Trainer(net, optimizer=optimizer, lr=start, batch_size=None, shuffle=False, seed=seed,
                      l1=l1, l2=l2, **hyperparameters)
    rates = start * (stop / start) ** (np.arange(steps) / (steps - 1))
    batches = _batches(len(X), bs, np.random.default_rng(seed))
    raw, smooth = [], []
    average, best, stopped = 0.0, math.inf, "completed"
    for i, lr in enumerate(rates):
        rows = next(batches)
        trainer.lr = lr
        try:
            loss = trainer.epoch(X[rows], Y[rows]).loss   # one step: the batch is the whole "epoch"
        except DivergenceError:
            stopped = "diverged"
            break
        average = SMOOTHING * average + (1 - SMOOTHING) * loss
        smoothed = average / (1 - SMOOTHING ** (i + 1))
        raw.append(loss)
        smooth.append(smoothed)
        best = min(best, smoothed)
        if i > 0 and smoothed > DIVERGENCE_FACTOR * best:
            stopped = "diverged"
            break
        if progress is not None and progress(i + 1, steps) is False:
            stopped = "cancelled"
            break
    return _result(rates[:len(smooth)], np.array(smooth), np.array(raw), start, stopped)


def _result(rates: np.ndarray, losses: np.ndarray, raw: np.ndarray, start: float, stopped: str) -> LRRangeResult:
    if len(losses) == 0:   # the very first step diverged: the smallest rate is all that is known
        return LRRangeResult(rates, losses, raw, start, start, stopped)
    minimum = float(rates[int(np.argmin(losses))])
    return LRRangeResult(rates, losses, raw, max(minimum / 10.0, start), minimum, stopped)


def lr_range_test_for(network: Network, X, Y, settings: TrainingSettings, **test: Any) -> LRRangeResult:
    """The range test of a run with ``settings``: its optimizer and hyperparameters,
    batch size, seed and regularisation (``test``: start, stop, steps, progress).
    `bpgui lr-find` and the window both call this, so they find the same rate."""
    return lr_range_test(network, X, Y, optimizer=settings.optimizer, batch_size=settings.batch_size,
                         seed=settings.seed, l1=settings.l1, l2=settings.l2, **test, **settings.hyperparameters)
