"""The runs' curves as one CSV file in long format.

One row per run and epoch: ``run, epoch, train_loss, val_loss`` and then every
metric any of the runs has (empty where a run has no such column, or no
value: NaN).  One file rather than one per run: a table with a ``run``
column is what a spreadsheet's pivot, pandas' ``groupby`` or R's ggplot
overlays at once, and the runs' columns line up whatever metrics each has.
Numbers are written with ``repr``, so reading them back gives the very floats.
"""
from __future__ import annotations

import csv
import io
import math
from typing import Iterable

from .runs import Run

__all__ = ["runs_csv", "runs_columns"]


def runs_columns(runs: Iterable[Run]) -> list[str]:
    """The value columns: the losses, then the metrics in the order they first appear."""
    columns = ["train_loss", "val_loss"]
    for run in runs:
        columns += [k for k in run.metrics if k not in columns]
    return columns


def _cell(value: float) -> str:
    return "" if math.isnan(value) else repr(float(value))


def runs_csv(runs: Iterable[Run]) -> str:
    runs = list(runs)
    columns = runs_columns(runs)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["run", "epoch", *columns])
    for run in runs:
        values = [run.column(c) for c in columns]
        for i, epoch in enumerate(run.epoch):
            writer.writerow([run.name, int(epoch), *("" if v is None else _cell(v[i]) for v in values)])
    return out.getvalue()
