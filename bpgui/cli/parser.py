"""The command line's parser: commands, options and their defaults.

A usage error is one line on standard error and exit status 2 (argparse's
convention); the train options' defaults are those of ``TrainingSettings()``.
"""
from __future__ import annotations

import argparse

from bpgui import __version__
from bpgui.cli.step import add_step_parser
from bpgui.cli.values import (batch as _batch, count as _count, fraction as _fraction, image as _image,
                              layers as _layers, megabytes as _megabytes, nonneg as _nonneg, positive as _positive,
                              samples as _samples, whole as _whole, encoding as _encoding)
from bpgui.core.activations import ACTIVATIONS
from bpgui.core.builtin_data import BUILTIN_DATASETS
from bpgui.core.csv.missing import MISSING_POLICIES
from bpgui.core.exports import EXPORTS
from bpgui.core.initializers import INITIALIZERS
from bpgui.core.losses import LOSSES
from bpgui.core.modelfile import MODEL_SUFFIX
from bpgui.core.network import DTYPES
from bpgui.core.optimizers import OPTIMIZERS
from bpgui.core.preprocessing import NORMALIZATIONS
from bpgui.core.schedules import SCHEDULES
from bpgui.core.training_settings import TrainingSettings, format_layers

__all__ = ["COMMANDS", "build_parser"]

COMMANDS = ("train", "predict", "evaluate", "export", "info", "demo", "lr-find", "step")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (and exit status 2)."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _add_train(sub) -> None:
    """The train command's options; their defaults are those of ``TrainingSettings()``."""
    d = TrainingSettings()
    t = sub.add_parser("train", help="train a network on a CSV file or a built-in data set")
    _add_setup(t)
    t.add_argument("--lr", type=_positive, default=d.lr, help=f"learning rate (default {d.lr:g})")
    t.add_argument("--schedule", choices=list(SCHEDULES), default=d.schedule)
    t.add_argument("--epochs", type=_count, default=d.epochs, help=f"epochs (default {d.epochs})")
    t.add_argument("--early-stopping", type=_count, default=d.early_stopping, metavar="PATIENCE")
    t.add_argument("--timeline-mb", type=_megabytes, default=d.timeline_mb, metavar="MB",
                   help=f"memory for checkpoints of the weights, kept in the model file (default {d.timeline_mb:g}; "
                        "0: none)")
    t.add_argument("--out", metavar="MODEL",
                   help=f"where to save the model (default: beside the data, named after it, {MODEL_SUFFIX})")
    t.add_argument("--quiet", action="store_true", help="no progress bar")


def _add_lr_find(sub) -> None:
    """`bpgui lr-find`: train's options for the data, network and optimizer, and the test's range."""
    d = TrainingSettings()
    f = sub.add_parser("lr-find", help="learning-rate range test: the loss as the rate grows, and a suggestion")
    _add_setup(f)
    f.add_argument("--start", type=_positive, default=1e-7, help="first learning rate (default 1e-7)")
    f.add_argument("--stop", type=_positive, default=10.0, help="last learning rate (default 10)")
    f.add_argument("--steps", type=_count, default=200, help="steps from start to stop (default 200)")
    f.add_argument("--rows", type=_whole, default=20, help="rows of the table to print (default 20; 0: all)")
    # What train's settings need but the test does not use (the rate is the test's own).
    f.set_defaults(lr=d.lr, schedule=d.schedule, epochs=d.epochs, early_stopping=None, timeline_mb=0.0)


def _add_setup(t) -> None:
    """What train and lr-find share: the data, the network and the optimizer."""
    d = TrainingSettings()
    t.add_argument("data", metavar="DATA",
                   help=f"a CSV file, or a built-in set: {', '.join(sorted(BUILTIN_DATASETS))}")
    t.add_argument("--target", help="target column(s), comma-separated (default: the last column)")
    t.add_argument("--features", help="feature columns, comma-separated (default: all others)")
    t.add_argument("--skip-rows", type=_whole, default=0, metavar="N",
                   help="lines above the header to leave out (a title, a line of counts)")
    t.add_argument("--task", choices=["classification", "regression"], help="default: text targets and whole "
                   "numbers with at most 10 values, each seen twice, are classes; other numbers regression")
    t.add_argument("--layers", type=_layers, default=format_layers(d.hidden),
                   help=f"hidden layers as UNITS:ACTIVATION,... (default {format_layers(d.hidden)}; '' for none)")
    t.add_argument("--output-activation", choices=list(ACTIVATIONS), help="default: from the target")
    t.add_argument("--loss", choices=list(LOSSES), help="default: from the target")
    t.add_argument("--optimizer", choices=list(OPTIMIZERS), default=d.optimizer)
    t.add_argument("--batch-size", type=_batch, default=d.batch_size, metavar="N|full",
                   help=f"default: {d.batch_size or 'full'}")
    t.add_argument("--l1", type=_nonneg, default=d.l1)
    t.add_argument("--l2", type=_nonneg, default=d.l2)
    t.add_argument("--init", choices=list(INITIALIZERS), default=d.init)
    t.add_argument("--seed", type=int, default=d.seed)
    t.add_argument("--dtype", choices=list(DTYPES), default=d.dtype, help=f"default: {d.dtype}")
    t.add_argument("--normalize", choices=list(NORMALIZATIONS), default=d.normalize,
                   help=f"feature (and regression target) scaling (default {d.normalize})")
    t.add_argument("--val-split", type=_fraction, default=d.val_split)
    t.add_argument("--test-split", type=_fraction, default=d.test_split)
    t.add_argument("--samples", type=_samples, default=200, help="rows of a built-in toy set (default 200)")
    # Text feature columns are one-hot encoded as in the window; the old switch is still taken.
    t.add_argument("--one-hot", action="store_true", help=argparse.SUPPRESS)
    t.add_argument("--missing", choices=list(MISSING_POLICIES), default="refuse",
                   help="empty, NA or ? cells: refuse the file (default), drop their rows, or fill them with "
                        "the column's mean over the training rows (kept with the model)")
    _add_encoding(t)
    t.add_argument("--image", type=_image, metavar="WxH",
                   help="the features are the pixels of a W x H image, row by row (found by itself for "
                        "8x8 and 28x28 pixel columns)")
    t.add_argument("--noise", type=_nonneg, default=0.1, help="noise of a built-in toy set (default 0.1)")
    t.add_argument("--init-model", metavar="MODEL", help="start from a saved model's weights")


def _add_export(sub) -> None:
    """`bpgui export MODEL --FORMAT OUT`: one format of the export table, its self-check run."""
    x = sub.add_parser("export", help="export a model (with reference outputs and a self-check)")
    x.add_argument("model", metavar="MODEL")
    # Not required=True: argparse would then answer "--xml OUT" with "one of the arguments is required"
    # instead of naming --xml as unrecognized; bpgui's main asks for a format after parsing.
    formats = x.add_mutually_exclusive_group()
    for key, fmt in EXPORTS.items():
        formats.add_argument(f"--{key}", metavar="DIR" if fmt.kind == "dir" else f"OUT{fmt.suffix}",
                             help=fmt.description)
    x.add_argument("--data", metavar="CSV", help="take the reference rows from this data (default: random rows "
                                                 "in the range the model was trained on)")
    _add_encoding(x)


def _add_encoding(command) -> None:
    command.add_argument("--encoding", metavar="NAME", type=_encoding,
                         help="the CSV file's text encoding (default: UTF-8, else Windows-1252 with a note)")


def _add_missing_for_a_model(command) -> None:
    command.add_argument("--missing", choices=list(MISSING_POLICIES),
                         help="empty, NA or ? cells: refuse, drop their rows, or take the model's column means "
                              "(default: mean when the model keeps them, else refuse)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="bpgui",
        description=f"A trainer for backpropagation networks. With no command (or with a {MODEL_SUFFIX} "
                    "or .csv file) it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"bpgui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    _add_train(sub)
    _add_lr_find(sub)

    p = sub.add_parser("predict", help="predict the rows of a CSV file")
    p.add_argument("model", metavar="MODEL")
    p.add_argument("data", metavar="DATA")
    p.add_argument("--out", metavar="FILE", help="write CSV here (default, or '-': standard output)")
    _add_encoding(p)
    _add_missing_for_a_model(p)

    e = sub.add_parser("evaluate", help="loss and accuracy (or R^2) of a model on data")
    e.add_argument("model", metavar="MODEL")
    e.add_argument("data", metavar="DATA")
    e.add_argument("--target", help="target column(s) (default: the model's)")
    e.add_argument("--json", action="store_true", help="print JSON")
    _add_encoding(e)
    _add_missing_for_a_model(e)

    _add_export(sub)

    i = sub.add_parser("info", help="describe a model file")
    i.add_argument("model", metavar="MODEL")
    i.add_argument("--json", action="store_true", help="print JSON")

    d = sub.add_parser("demo", help="train XOR in the terminal and print what the network learned")
    d.add_argument("--epochs", type=_count, default=2000)
    d.add_argument("--seed", type=int, default=0)

    add_step_parser(sub)
    return parser
