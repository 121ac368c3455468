"""The epochs the training child gathers between two messages, as columns.

Each completed epoch's ``EpochReport`` is kept as it comes (one list append
per epoch, in the hot loop); at send time they become the ``history`` of a
message: a dict of equally long lists, NaN where an epoch lacks a figure.
"""
from __future__ import annotations

import math
from operator import attrgetter

from ..core.training import EpochReport

__all__ = ["HistoryColumns"]

_STATS, _VAL = attrgetter("stats"), attrgetter("val")
_EPOCH, _LOSS, _METRICS = attrgetter("epoch"), attrgetter("loss"), attrgetter("metrics")


class HistoryColumns:
    """Per-epoch reports gathered between two messages.  ``add(report)`` keeps
    one (a bound ``list.append``: the cheapest call there is); ``reports`` is
    the list so far."""

    def __init__(self) -> None:
        self.reports: list[EpochReport] = []
        self.add = self.reports.append

    def take(self) -> dict[str, list[float]]:
        """The gathered epochs as columns, and a fresh start.  This runs in the
        training loop's time over hundreds of epochs of a tiny network: hence
        ``map`` with ``attrgetter`` (C), and a loop only for the metrics."""
        reports, self.reports = self.reports, []
        self.add = self.reports.append
        if not reports:
            return {"epoch": [], "train_loss": [], "val_loss": []}
        nan = math.nan
        stats = list(map(_STATS, reports))
        vals = list(map(_VAL, reports))
        metrics = list(map(_METRICS, stats))
        rows: dict[str, list[float]] = {"epoch": list(map(_EPOCH, stats)),
                                        "train_loss": list(map(_LOSS, stats))}
        if vals.count(None) == len(vals):
            rows["val_loss"] = [nan] * len(vals)
            val_metrics: list = []
        else:
            rows["val_loss"] = [nan if v is None else v[0] for v in vals]
            val_metrics = [{} if v is None else v[1] for v in vals]
        for key in sorted(set().union(*metrics)):
            rows[f"train_{key}"] = [m.get(key, nan) for m in metrics]
        for key in sorted(set().union(*val_metrics)):
            rows[f"val_{key}"] = [nan if v is None else v[1].get(key, nan) for v in vals]
        return rows
