"""Checks of a run's record: a loss that rises, swings or diverges (the learning rate), a
validation loss that climbs while the training loss falls, and a loss stuck high."""
from __future__ import annotations

import numpy as np

from ..translatable import QT_TRANSLATE_NOOP
from .coach_input import CoachInput
from .finding import Finding

__all__ = ["lr_too_high", "overfitting", "underfitting"]


def _train_loss(c: CoachInput) -> np.ndarray | None:
    h = c.history
    if h is None or len(h) < c.limits.history_min_rows:
        return None
    return np.asarray(h.train_loss, dtype=np.float64)


def _window(n: int, c: CoachInput) -> int:
    return max(c.limits.window_min, int(n * c.limits.window_fraction))


def _loss_trouble(loss: np.ndarray, c: CoachInput) -> tuple[str, dict] | None:
    """How the loss misbehaves ("diverged", "rising", "oscillating") with its numbers, or None."""
    lim = c.limits
    first = loss[0]
    if not np.isfinite(loss).all() or loss[-1] > lim.diverged_factor * abs(first):
        return "diverged", {QT_TRANSLATE_NOOP("coach", "first loss"): float(first),
                            QT_TRANSLATE_NOOP("coach", "latest loss"): float(loss[-1])}
    w = _window(len(loss), c)
    recent, before = loss[-w:], loss[-2 * w:-w]
    best, level = float(loss.min()), float(np.median(recent))
    if level > max(lim.rise_factor * best, best + lim.rise_back * (first - best)):
        return "rising", {QT_TRANSLATE_NOOP("coach", "first loss"): float(first),
                          QT_TRANSLATE_NOOP("coach", "best loss"): best,
                          QT_TRANSLATE_NOOP("coach", "recent median"): level}
    steps = np.diff(recent)
    flips = float(np.mean(steps[1:] * steps[:-1] < 0)) if len(steps) > 1 else 0.0
    swing = float(np.mean(np.abs(steps))) if len(steps) else 0.0
    stalled = len(before) > 0 and level > (1 - lim.stalled_gain) * float(np.median(before))
    still_high = level > lim.settled_share * abs(first)
    if flips >= lim.flip_share and swing >= lim.swing_share * level and stalled and still_high:
        return "oscillating", {QT_TRANSLATE_NOOP("coach", "recent median"): level,
                               QT_TRANSLATE_NOOP("coach", "mean change"): swing,
                               QT_TRANSLATE_NOOP("coach", "reversals"): flips}
    return None


# How the loss misbehaves, the word for the evidence (marked, the window translates it) and the message.
_TROUBLES = (QT_TRANSLATE_NOOP("coach", "diverged"), QT_TRANSLATE_NOOP("coach", "rising"),
             QT_TRANSLATE_NOOP("coach", "oscillating"))
_SAYS = {
    "diverged": QT_TRANSLATE_NOOP("coach", "The training loss blew up: the steps are too big, so each one "
                                  "overshoots the minimum."),
    "rising": QT_TRANSLATE_NOOP("coach", "The training loss has climbed back up from its best: the steps are "
                                "too big, so each one overshoots the minimum."),
    "oscillating": QT_TRANSLATE_NOOP("coach", "The training loss swings up and down from epoch to epoch without "
                                     "getting lower: the steps are too big, so each one overshoots the minimum."),
}


def lr_too_high(c: CoachInput) -> Finding | None:
    loss = _train_loss(c)
    trouble = None if loss is None else _loss_trouble(loss, c)
    if trouble is None:
        return None
    how, evidence = trouble
    return Finding.of(
        "lr_too_high", _SAYS[how], {},
        QT_TRANSLATE_NOOP("coach", "Lower the learning rate (by 3 to 10 times), or use Adam, which adapts its "
                          "steps."),
        {QT_TRANSLATE_NOOP("coach", "loss"): how, **evidence, QT_TRANSLATE_NOOP("coach", "epochs"): c.history.epochs},
        evidence_words=("loss",))


def overfitting(c: CoachInput) -> Finding | None:
    h, lim = c.history, c.limits
    if h is None or len(h) < lim.overfit_min_rows:
        return None
    val, train = np.asarray(h.val_loss, dtype=np.float64), np.asarray(h.train_loss, dtype=np.float64)
    measured = np.isfinite(val)
    if measured.sum() < lim.overfit_min_rows or not np.isfinite(train).all():
        return None
    best = int(np.nanargmin(val))   # NaN-aware: epochs without a validation loss are skipped
    since = len(val) - 1 - best
    recent = float(np.nanmedian(val[-lim.window_min:]))
    patience = max(lim.overfit_patience, int(len(val) * lim.window_fraction))
    rose = recent > (1 + lim.overfit_rise) * val[best]
    if since < patience or not rose or train[-1] >= train[best]:
        return None
    epochs = np.asarray(h.epoch)
    return Finding.of(
        "overfitting",
        QT_TRANSLATE_NOOP("coach", "The validation loss has risen since epoch {epoch} while the training loss "
                          "went on falling: the network is learning the training rows by heart, not the pattern."),
        {"epoch": epochs[best]},
        QT_TRANSLATE_NOOP("coach", "Use early stopping, add L2 regularisation, use fewer hidden units, or get "
                          "more data."),
        {QT_TRANSLATE_NOOP("coach", "best epoch"): int(epochs[best]),
         QT_TRANSLATE_NOOP("coach", "val loss then"): float(val[best]),
         QT_TRANSLATE_NOOP("coach", "val loss now"): recent,
         QT_TRANSLATE_NOOP("coach", "train loss then"): float(train[best]),
         QT_TRANSLATE_NOOP("coach", "train loss now"): float(train[-1])})


def underfitting(c: CoachInput) -> Finding | None:
    lim = c.limits
    loss = _train_loss(c)
    if loss is None or c.history.epochs < lim.underfit_min_epochs or c.baseline <= 0:
        return None
    span = max(2, int(len(loss) * lim.plateau_fraction))
    then, now = loss[-span], loss[-1]
    if not (np.isfinite(then) and np.isfinite(now)):
        return None
    moved = abs(then - now) / max(abs(then), 1e-12)
    share = c.loss / c.baseline
    if moved >= lim.plateau_change or share < lim.underfit_share:
        return None
    if share < 1:
        template = QT_TRANSLATE_NOOP("coach", "After {epochs} epochs the loss has stopped falling at {share} of "
                                     "what a constant guess scores: the network has not found the pattern in "
                                     "the data.")
    else:
        template = QT_TRANSLATE_NOOP("coach", "After {epochs} epochs the loss has stopped falling at {share} "
                                     "times what a constant guess scores: the network has not found the "
                                     "pattern in the data.")
    return Finding.of(
        "underfitting", template,
        {"epochs": c.history.epochs, "share": f"{share:.0%}" if share < 1 else f"{share:.2g}"},
        QT_TRANSLATE_NOOP("coach", "Add hidden units or a hidden layer (XOR needs one), train with a larger "
                          "learning rate, or check that the inputs can predict the target."),
        {QT_TRANSLATE_NOOP("coach", "epochs"): c.history.epochs, QT_TRANSLATE_NOOP("coach", "loss"): c.loss,
         QT_TRANSLATE_NOOP("coach", "constant guess"): c.baseline,
         QT_TRANSLATE_NOOP("coach", "change over last epochs"): float(moved)})
