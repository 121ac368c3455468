"""`bpgui step MODEL DATA --row N [--batch K] [--xlsx FILE]`: one training step, every number.

The model's network takes one step (``Trainer.trace_step``) on rows N..N+K-1
of DATA, normalised first by the model's own normaliser, with the optimizer
and learning rate of the model's training settings (or those given) and a
fresh optimizer state; the model file is not changed.  Rows count from 1, as
the window's sample table does.
"""
from __future__ import annotations

import argparse
import sys

from bpgui.cli.errors import CLIError
from bpgui.cli.model_commands import data_for_model
from bpgui.cli.step_text import format_trace
from bpgui.cli.values import count as _count, encoding as _encoding, positive as _positive
from bpgui.core.modelfile import load_model
from bpgui.core.optimizers import OPTIMIZERS
from bpgui.core.step_trace import StepTrace
from bpgui.core.training import Trainer
from bpgui.core.training_settings import TrainingSettings

__all__ = ["MAX_STEP_BATCH", "add_step_parser", "cmd_step"]

# A step-through shows every number of every row: beyond 8 rows nobody reads them.
MAX_STEP_BATCH = 8


def add_step_parser(sub) -> argparse.ArgumentParser:
    s = sub.add_parser("step", help="take one training step of a model on a row (or a few) and print every number")
    s.add_argument("model", metavar="MODEL")
    s.add_argument("data", metavar="DATA", help="a CSV file with the model's columns, or a built-in set")
    s.add_argument("--row", type=_count, required=True, metavar="N", help="the data row to step on (1 = the first)")
    s.add_argument("--batch", type=_count, default=1, metavar="K",
                   help=f"a mini-batch of K rows from N on (1 to {MAX_STEP_BATCH}; default 1)")
    s.add_argument("--optimizer", choices=list(OPTIMIZERS), help="default: the model's")
    s.add_argument("--lr", type=_positive, help="learning rate (default: the model's)")
    s.add_argument("--xlsx", metavar="FILE", help="also write the step as a spreadsheet of live formulas")
    s.add_argument("--encoding", metavar="NAME", type=_encoding, help="the CSV file's text encoding")
    return s


def _rows(args: argparse.Namespace, n_rows: int) -> slice:
    """Rows N..N+K-1 as a slice; a usage error (status 2) when they are not in the data."""
    if not 1 <= args.batch <= MAX_STEP_BATCH:
        _usage(f"--batch must be 1 to {MAX_STEP_BATCH}, got {args.batch}")
    if args.row > n_rows:
        _usage(f"--row {args.row}: {args.data} has {n_rows} data row(s) (the first is row 1)")
    last = args.row + args.batch - 1
    if last > n_rows:
        _usage(f"--row {args.row} --batch {args.batch} needs rows up to {last}; {args.data} has {n_rows}")
    return slice(args.row - 1, last)


def _usage(message: str) -> None:
    print(f"bpgui step: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _trainer(model, args: argparse.Namespace) -> Trainer:
    s = TrainingSettings.from_dict(model.training or {})
    optimizer = args.optimizer or s.optimizer
    hyper = s.hyperparameters if optimizer == s.optimizer else {}
    return Trainer(model.network, optimizer=optimizer, lr=args.lr or s.lr, shuffle=False, l1=s.l1, l2=s.l2,
                   **hyper)


def step_trace_for(args: argparse.Namespace) -> tuple[StepTrace, list[str]]:
    """The step the command describes, and the heading lines that say what it was taken on."""
    if args.batch > MAX_STEP_BATCH:  # before reading a large file for nothing
        _rows(args, 0)
    model = load_model(args.model)
    ds = data_for_model(model, args.data, None, True, args.encoding, None)
    rows = _rows(args, ds.n_samples)
    X, Y = model.encode_inputs(ds.X[rows]), model.encode_targets(ds.Y[rows])
    trainer = _trainer(model, args)
    if args.xlsx:   # before the step: the sheet shows the step from the same weights
        _write_sheet(trainer, X, Y, args.xlsx)
    trace = trainer.trace_step(X, Y)
    shown = f"row {args.row}" if args.batch == 1 else f"rows {args.row} to {rows.stop}"
    net = model.network
    heading = [
        f"bpgui step: {args.model} ({'-'.join(map(str, net.sizes))}, loss {net.loss_name}) on {args.data}, {shown}",
        f"inputs: {', '.join(model.feature_names)}; targets: {', '.join(model.target_names)}",
        f"inputs as the network sees them: normalised by the model ({model.x_normalizer.method})"
        if model.x_normalizer.method != "none" else "inputs as in the data (the model does not normalise them)",
        *([f"targets normalised too, as in training ({model.y_normalizer.method})"]
          if model.y_normalizer.method != "none" else []),
        "a fresh optimizer state: its first step (the model file keeps no optimizer moments)",
    ]
    return trace, heading


def cmd_step(args: argparse.Namespace) -> int:
    trace, heading = step_trace_for(args)
    sys.stdout.write(format_trace(trace, heading))
    return 0


def _write_sheet(trainer: Trainer, X, Y, path: str) -> None:
    """The step ``trainer`` would take on (X, Y) as a spreadsheet of live formulas."""
    from bpgui.core.step_sheet import write_step_sheet

    try:
        write_step_sheet(trainer.net, X, Y, path, optimizer=trainer.optimizer, lr=trainer.current_lr,
                         l1=trainer.l1, l2=trainer.l2)
    except (ImportError, ValueError, OSError) as exc:
        raise CLIError(f"--xlsx: {exc}") from None
    print(f"the step written to {path} (a spreadsheet of live formulas)", file=sys.stderr)
