"""Every threshold the coach uses, in one place, each with the reason for its value.

docs/coach.md states them per finding; change a number here and there together.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Thresholds", "THRESHOLDS"]


@dataclass(frozen=True)
class Thresholds:
    # --- how much of the data is looked at (the window runs the coach about every 2 s)
    max_rows: int = 1024            # rows for the forward pass and the data checks
    gradient_rows: int = 256        # rows for the gradient norms (as core.epoch_gradients)

    # --- unscaled_inputs: with inputs of size ~1 and the usual initialisations, z stays ~1;
    # larger inputs push tanh/sigmoid units to their limits and make steps uneven.
    input_rms: float = 10.0         # a feature whose root mean square exceeds this
    input_range_ratio: float = 100.0  # the widest feature's range over the narrowest's

    # --- class_imbalance: at 1:10 a network that always answers the common class is
    # already ~90 % right, so accuracy hides the rare class.
    class_ratio: float = 0.1        # rarest class count / commonest class count below this
    class_min_rows: int = 20        # fewer rows say nothing about a class's share

    # --- lr_too_high (from the history's train loss)
    history_min_rows: int = 10      # fewer epochs say nothing about a trend
    window_fraction: float = 0.1    # the recent window: this share of the epochs...
    window_min: int = 5             # ...but at least this many
    rise_back: float = 0.5          # the recent loss climbed back this share of the way to the start
    rise_factor: float = 1.2        # ...and is at least this much above the best loss
    flip_share: float = 0.5         # at least this share of successive changes reverse direction
    swing_share: float = 0.1        # the mean change is at least this share of the loss itself
    stalled_gain: float = 0.05      # the recent window improved on the one before by less than this
    settled_share: float = 0.1      # swings below this share of the first loss are the noise of a loss
                                    # that has come down (mini-batches near the minimum), not overshooting
    diverged_factor: float = 100.0  # a loss this many times the first is divergence

    # --- dead_units: a ReLU silent on every row learns nothing; 10 % of a layer is more than
    # the odd unit an initialisation loses.
    dead_share: float = 0.1

    # --- saturated_units: a unit "at its limit" where f'(z) is below 10 % of its largest value
    # (sigmoid a < 0.026 or > 0.974, tanh |a| > 0.949), on at least 90 % of the rows, in at
    # least half of a layer's units; only while the network has not learned the data (below).
    derivative_share: float = 0.1
    saturated_rows: float = 0.9
    saturated_share: float = 0.5

    # --- vanishing / exploding gradients: root mean square gradient per parameter, first
    # layer against last; three orders of magnitude means the first layer learns at a
    # thousandth (or a thousand times) the speed of the last with one learning rate.
    gradient_ratio: float = 1e3
    gradient_rms: float = 10.0      # a layer's RMS gradient above this is huge whatever the ratio
    gradient_floor: float = 1e-12   # below this the last layer has nothing left to learn

    # --- overfitting: validation loss 10 % above its best for at least 10 epochs (or 10 % of
    # the run) while the training loss went on falling.
    overfit_rise: float = 0.1
    overfit_patience: int = 10
    overfit_min_rows: int = 20

    # --- underfitting: after 50 epochs, the loss moved less than 1 % over the last 20 % of
    # them, and is still above 80 % of what a constant guess (the mean target, the class
    # shares) scores: the network explains less than a fifth of the data.
    underfit_min_epochs: int = 50
    plateau_fraction: float = 0.2
    plateau_change: float = 0.01
    underfit_share: float = 0.8
    # A network that explains this share of the data is "learned": saturation no longer matters.
    learned_share: float = 0.1


THRESHOLDS = Thresholds()
