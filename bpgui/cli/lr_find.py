"""`bpgui lr-find`: the learning-rate range test on the training rows, as a table and a suggestion.

The network, the data split and the optimizer come from train's options, so
the rate it suggests is for the run `bpgui train` would make with them.
"""
from __future__ import annotations

import argparse
import sys

import numpy as np

from bpgui.core.lr_range import DIVERGENCE_FACTOR, LRRangeResult, lr_range_test_for
from bpgui.core.modelfile import load_model
from bpgui.core.session import Session

from .train import load_data, reading_from_args, settings_from_args

__all__ = ["cmd_lr_find", "format_result", "table_rows"]

STOPS = {"completed": "went up to the last rate",
         "diverged": f"stopped when the smoothed loss passed {DIVERGENCE_FACTOR:g}x its best (or became infinite)",
         "cancelled": "cancelled"}


def table_rows(n: int, best: int, rows: int) -> list[int]:
    """About ``rows`` evenly spread step indices of ``n`` (all when ``rows`` is 0 or at
    least ``n``), always with the first, the last and the minimum's ``best``."""
    if rows == 0 or rows >= n:
        return list(range(n))
    picked = set(np.linspace(0, n - 1, max(rows, 2)).round().astype(int).tolist()) | {best}
    return sorted(picked)


def format_result(result: LRRangeResult, rows: int = 20) -> str:
    """The table (rate, smoothed loss, batch loss) and the suggestion, as printed."""
    if len(result.rates) == 0:
        return (f"the loss was not finite even at the first rate {result.suggestion:.3g}: "
                "check the data's scale and the network\nsuggested learning rate: none")
    best = int(np.argmin(result.losses))
    lines = [f"{'step':>5}  {'learning rate':>13}  {'smoothed loss':>13}  {'batch loss':>12}"]
    for i in table_rows(len(result.rates), best, rows):
        mark = "  <- minimum" if i == best else ""
        lines.append(f"{i + 1:>5}  {result.rates[i]:>13.4g}  {result.losses[i]:>13.5g}  "
                     f"{result.raw_losses[i]:>12.5g}{mark}")
    lines.append(f"{len(result.rates)} steps; the test {STOPS[result.stopped]}")
    lines.append(f"smoothed loss lowest at learning rate {result.minimum:.4g}")
    lines.append(f"suggested learning rate: {result.suggestion:.4g} (the minimum's rate / 10)")
    return "\n".join(lines)


def cmd_lr_find(args: argparse.Namespace) -> int:
    if not args.start < args.stop:
        raise ValueError(f"--start ({args.start:g}) must be below --stop ({args.stop:g})")
    ds = load_data(args.data, args.target, args.features, args.samples, args.noise, args.seed,
                   **reading_from_args(args))
    init_model = load_model(args.init_model) if args.init_model else None
    settings = settings_from_args(args)
    session = Session(ds, settings, init_model=init_model)
    for note in ds.notes:
        print(f"note: {note}", file=sys.stderr)
    net = session.model.network
    X, Y = session.train_xy
    batch = "full batch" if settings.batch_size is None else f"batches of {settings.batch_size}"
    print(f"{ds.name or args.data}: {len(X)} training rows; network {'-'.join(map(str, net.sizes))} "
          f"({', '.join(net.activation_names)}), loss {net.loss_name}, {settings.optimizer}, {batch}")
    result = lr_range_test_for(net, X, Y, settings, start=args.start, stop=args.stop, steps=args.steps)
    print(format_result(result, args.rows))
    return 0
