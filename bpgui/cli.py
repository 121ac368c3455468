"""The `bpgui` command: the window with no arguments, headless work with a command.

    bpgui [FILE]                             the window (FILE: a .bpnet model or a .csv)

    bpgui train DATA --out MODEL [options]   train on a CSV or a built-in set
    bpgui predict MODEL DATA [--out FILE]    predictions as CSV
    bpgui evaluate MODEL DATA [--json]       loss and accuracy / R^2
    bpgui export MODEL --onnx OUT.onnx       ONNX for other runtimes
    bpgui info MODEL [--json]                what a model file holds
    bpgui demo                               train XOR in the terminal

Bad input exits with status 1 and one line on stderr naming the problem;
usage errors exit with 2 (argparse's convention).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import signal
import sys
import time
import warnings
from typing import Any, Sequence

import numpy as np

from .core.activations import ACTIVATIONS
from .core.builtin_data import BUILTIN_DATASETS, builtin_dataset
from .core.csv import load_csv
from .core.csv.columns import MissingColumn
from .core.dataset import DataError, Dataset
from .core.initializers import INITIALIZERS
from .core.losses import LOSSES
from .core.modelfile import MODEL_SUFFIX, ModelFileError, atomic_write, load_model, save_model
from .core.network import DTYPES
from .core.onnx_export import export_onnx
from .core.optimizers import OPTIMIZERS
from .core.preprocessing import NORMALIZATIONS
from .core.schedules import SCHEDULES
from .core.session import Session
from .core.training import DivergenceError
from . import __version__
from .core.training_settings import TrainingSettings, check_held_out, format_layers
from .cli_values import batch as _batch, count as _count, fraction as _fraction, nonneg as _nonneg, \
    layers as _layers, positive as _positive, samples as _samples, whole as _whole

COMMANDS = ("train", "predict", "evaluate", "export", "info", "demo")


class CLIError(Exception):
    """A problem to report in one line (exit status 1)."""


# ------------------------------------------------------------------ parsing
class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (and exit status 2)."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _add_train(sub) -> None:
    """The train command's options; their defaults are those of ``TrainingSettings()``."""
    d = TrainingSettings()
    t = sub.add_parser("train", help="train a network on a CSV file or a built-in data set")
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
    t.add_argument("--lr", type=_positive, default=d.lr, help=f"learning rate (default {d.lr:g})")
    t.add_argument("--schedule", choices=list(SCHEDULES), default=d.schedule)
    t.add_argument("--epochs", type=_count, default=d.epochs, help=f"epochs (default {d.epochs})")
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
    t.add_argument("--early-stopping", type=_count, default=d.early_stopping, metavar="PATIENCE")
    t.add_argument("--samples", type=_samples, default=200, help="rows of a built-in toy set (default 200)")
    t.add_argument("--one-hot", action="store_true",
                   help="encode text feature columns as one 0/1 input per value (default: refuse them)")
    t.add_argument("--noise", type=_nonneg, default=0.1, help="noise of a built-in toy set (default 0.1)")
    t.add_argument("--init-model", metavar="MODEL", help="continue training a saved model")
    t.add_argument("--out", metavar="MODEL",
                   help=f"where to save the model (default: beside the data, named after it, {MODEL_SUFFIX})")
    t.add_argument("--quiet", action="store_true", help="no progress bar")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="bpgui",
        description=f"A trainer for backpropagation networks. With no command (or with a {MODEL_SUFFIX} "
                    "or .csv file) it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"bpgui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    _add_train(sub)

    p = sub.add_parser("predict", help="predict the rows of a CSV file")
    p.add_argument("model", metavar="MODEL")
    p.add_argument("data", metavar="DATA")
    p.add_argument("--out", metavar="FILE", help="write CSV here (default, or '-': standard output)")

    e = sub.add_parser("evaluate", help="loss and accuracy (or R^2) of a model on data")
    e.add_argument("model", metavar="MODEL")
    e.add_argument("data", metavar="DATA")
    e.add_argument("--target", help="target column(s) (default: the model's)")
    e.add_argument("--json", action="store_true", help="print JSON")

    x = sub.add_parser("export", help="export a model")
    x.add_argument("model", metavar="MODEL")
    x.add_argument("--onnx", required=True, metavar="OUT.onnx")

    i = sub.add_parser("info", help="describe a model file")
    i.add_argument("model", metavar="MODEL")
    i.add_argument("--json", action="store_true", help="print JSON")

    d = sub.add_parser("demo", help="train XOR in the terminal and print what the network learned")
    d.add_argument("--epochs", type=_count, default=2000)
    d.add_argument("--seed", type=int, default=0)
    return parser


# ------------------------------------------------------------------- data
def _split_names(text: str | None) -> list[str] | None:
    if text is None:
        return None
    names = [n.strip() for n in text.split(",") if n.strip()]
    return names or None


def load_data(spec: str, target: str | None = None, features: str | None = None, samples: int = 200,
              noise: float = 0.1, seed: int = 0, one_hot: bool = False, task: str | None = None,
              skip_rows: int = 0) -> Dataset:
    """DATA as the CLI takes it: a built-in name (``gate:xor``) or a CSV path."""
    prefix = spec.split(":", 1)[0]
    if prefix in ("gate", "toy") and not os.path.exists(spec):
        return builtin_dataset(spec, n_samples=samples, noise=noise, seed=seed)
    return load_csv(spec, target=_split_names(target), features=_split_names(features),
                    one_hot_features=one_hot, task=task, skip_rows=skip_rows)


# --------------------------------------------------------------- commands
def _settings(args: argparse.Namespace) -> TrainingSettings:
    return TrainingSettings(
        hidden=args.layers, output_activation=args.output_activation, loss=args.loss,
        optimizer=args.optimizer, lr=args.lr, schedule=args.schedule, epochs=args.epochs,
        batch_size=args.batch_size, l1=args.l1, l2=args.l2, init=args.init, seed=args.seed,
        normalize=args.normalize, val_split=args.val_split, test_split=args.test_split,
        early_stopping=args.early_stopping, dtype=args.dtype,
    )


def _train(session, bar) -> str:
    """Run the session to its end, an early stop or Ctrl+C; the status line.

    On Ctrl+C the network goes back to the trainer's best validation epoch (if
    there is a validation split), and the history to that epoch, so that the
    file's figures describe the weights it holds."""
    model, trainer = session.model, session.trainer
    first_epoch = model.history.epochs   # a continued model's history goes on from its own
    status, last, best_snap = "completed", None, None
    # Ctrl+C sets a flag that the loop reads between epochs, so an interrupt
    # never lands half-way through recording an epoch.
    interrupted = []
    previous = signal.signal(signal.SIGINT, lambda *_: interrupted.append(True))
    try:
        shown = 0.0
        for snap in session.run(keep_best=True):
            last = snap
            if snap.best_epoch == snap.epoch:
                best_snap = snap
            if interrupted:
                raise KeyboardInterrupt
            if bar is not None and time.monotonic() - shown > 0.1:
                _show(bar, snap)
                bar.refresh()
                shown = time.monotonic()
            if snap.stopped == "early_stopping":
                status = f"early stopping at epoch {snap.epoch} (best epoch {snap.best_epoch})"
    except KeyboardInterrupt:
        status = "interrupted"
        best = trainer.best
        if best is not None and best.restore(model.network.parameters):
            at, epoch = model.history.epochs, first_epoch + best.epoch
            model.history.truncate(epoch)
            if model.history.epochs < epoch:   # its row was thinned away: the history ends with it
                model.history.record(best_snap, epoch=epoch)
            status += f" at epoch {at}; kept epoch {epoch} (best validation loss {best.loss:.4g})"
    except DivergenceError as exc:
        raise CLIError(f"{exc}; nothing was saved") from None
    finally:
        signal.signal(signal.SIGINT, previous)
        if bar is not None:
            if last is not None:
                _show(bar, last)
            bar.close()
    return status


def _summary(session, status: str) -> str:
    model = session.model
    hist = model.history
    summary = f"{status}: {hist.epochs} epochs"
    if len(hist):
        summary += f", train loss {hist.train_loss[-1]:.4g}"
        if not math.isnan(hist.val_loss[-1]):
            summary += f", val loss {hist.val_loss[-1]:.4g}"
    if session.test is not None:
        metrics = model.evaluate(session.test.X, session.test.Y)
        summary += ", test " + ", ".join(f"{k} {v:.4g}" for k, v in metrics.items())
        summary += f" on {session.test.n_samples} rows"
    return summary


def _default_out(data: str) -> str:
    """``data/iris.csv`` -> ``data/iris.bpnet``; ``gate:xor`` -> ``gate-xor.bpnet`` here."""
    if os.path.exists(data):
        return os.path.splitext(data)[0] + MODEL_SUFFIX
    return data.replace(":", "-") + MODEL_SUFFIX


def cmd_train(args: argparse.Namespace) -> int:
    args.out = args.out or _default_out(args.data)
    out_dir = os.path.dirname(os.path.abspath(args.out))
    if not os.path.isdir(out_dir) or not os.access(out_dir, os.W_OK):
        raise CLIError(f"{args.out}: cannot save there (folder {out_dir} does not exist or is not writable)")
    ds = load_data(args.data, args.target, args.features, args.samples, args.noise, args.seed, args.one_hot,
                   args.task, args.skip_rows)
    init_model = load_model(args.init_model) if args.init_model else None
    settings = _settings(args)
    session = Session(ds, settings, init_model=init_model)
    net = session.model.network
    log = (lambda *a: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr))
    for note in ds.notes:
        log(f"note: {note}")
    log(f"{ds.name or args.data}: {ds.n_samples} rows, {ds.n_features} features -> {ds.n_outputs} "
        f"output(s), task {ds.task}; network {'-'.join(map(str, net.sizes))} "
        f"({', '.join(net.activation_names)}), loss {net.loss_name}, {settings.optimizer}")
    status = _train(session, _progress(args.epochs, args.quiet))
    save_model(session.model, args.out)
    print(f"{_summary(session, status)}; saved {args.out}")   # the result: on standard output, even --quiet
    return 130 if status.startswith("interrupted") else 0


def _show(bar, snap) -> None:
    """Put a snapshot's epoch and losses on the progress bar (drawn at its next refresh)."""
    bar.n = snap.epoch
    post = {"loss": f"{snap.train_loss:.4g}"}
    if snap.val_loss is not None:
        post["val"] = f"{snap.val_loss:.4g}"
    bar.set_postfix(post, refresh=False)


def _progress(total: int, quiet: bool):
    if quiet:
        return None
    from tqdm import tqdm
    return tqdm(total=total, unit="epoch", file=sys.stderr, dynamic_ncols=True, mininterval=0.1)


def _data_for_model(model, data: str, target: str | None, need_target: bool) -> Dataset:
    """DATA read with the model's feature columns and, for evaluation, its target
    columns, with class labels encoded in the model's class order."""
    if data.split(":", 1)[0] in ("gate", "toy") and not os.path.exists(data):
        ds = builtin_dataset(data)
    else:
        targets: list[str] = []
        if need_target:
            targets = (_split_names(target) or model.data_source.get("target")
                       or list(model.target_names))
        one_hot = model.data_source.get("one_hot_features") or False
        columns = model.data_source.get("features") if one_hot else None
        task = model.data_source.get("task") or ("regression" if model.task == "regression" else None)
        ds = load_csv(data, target=targets, features=columns or list(model.feature_names),
                      classes=model.class_names, one_hot_features=one_hot, task=task,
                      skip_rows=model.data_source.get("skip_rows", 0))
        if one_hot:
            ds = _align_one_hot(ds, model.feature_names, data)
    if list(ds.feature_names) != list(model.feature_names):
        raise CLIError(f"{data}: features {ds.feature_names} do not match the model's {model.feature_names}")
    if need_target and ds.n_outputs != model.network.n_outputs:
        raise CLIError(f"{data}: {ds.n_outputs} target column(s) {ds.target_names} for a model "
                       f"with {model.network.n_outputs} output(s) {model.target_names}")
    return ds


def _align_one_hot(ds: Dataset, names: list[str], data: str) -> Dataset:
    """The model's input columns from a file's one-hot encoding: a category the
    file lacks is all zeros, one the model never saw is left out (all its
    one-hot inputs are then zero, as for an unknown value)."""
    index = {n: k for k, n in enumerate(ds.feature_names)}
    X = np.zeros((ds.n_samples, len(names)))
    for k, name in enumerate(names):
        if name in index:
            X[:, k] = ds.X[:, index[name]]
        elif "=" not in name:
            raise CLIError(f"{data}: the model's input {name!r} is not in the file")
    from dataclasses import replace
    return replace(ds, X=X, feature_names=list(names))


def _data_with_truth(model, data: str) -> tuple[Dataset, bool]:
    """The data to predict, with its true targets when the file has the model's target columns."""
    try:
        return _data_for_model(model, data, None, need_target=True), True
    except MissingColumn as exc:
        if exc.role != "target":
            raise
        return _data_for_model(model, data, None, need_target=False), False


def cmd_predict(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    ds, truth = _data_with_truth(model, args.data)
    out = model.predict(ds.X)
    if model.class_names and model.task in ("binary", "multiclass"):
        labels = model.labels_of(out)
        if out.shape[1] == 1:
            header = ["predicted", f"p({model.class_names[1]})"]
        else:
            header = ["predicted"] + [f"p({c})" for c in model.class_names]
        rows = [[lab, *map(_fmt, vals)] for lab, vals in zip(labels, out)]
        if truth:
            header = [(model.data_source.get("target") or model.target_names)[0], *header]
            rows = [[true, *row] for true, row in zip(model.labels_of(ds.Y), rows)]
    else:
        header = [f"predicted_{t}" for t in model.target_names]
        rows = [list(map(_fmt, vals)) for vals in out]
        if truth:
            header = [*model.target_names, *header]
            rows = [[*map(_fmt, true), *row] for true, row in zip(ds.Y, rows)]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(list(model.feature_names) + header)
    for x, row in zip(ds.X, rows):
        writer.writerow([_fmt(v) for v in x] + row)
    text = buf.getvalue()
    if args.out and args.out != "-":
        atomic_write(args.out, lambda fh: fh.write(text.encode("utf-8")))
        print(f"{len(rows)} predictions written to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _fmt(v: float) -> str:
    return repr(float(v)) if not float(v).is_integer() else str(int(v)) if abs(v) < 1e15 else repr(float(v))


def cmd_evaluate(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    ds = _data_for_model(model, args.data, args.target, need_target=True)
    metrics = {"samples": ds.n_samples, **model.evaluate(ds.X, ds.Y)}
    if args.json:
        print(json.dumps(metrics))
    else:
        print(", ".join(f"{k} {v:.6g}" if isinstance(v, float) else f"{k} {v}" for k, v in metrics.items()))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    export_onnx(load_model(args.model), args.onnx)
    print(f"exported {args.model} to {args.onnx}", file=sys.stderr)
    return 0


def model_info(model) -> dict[str, Any]:
    net = model.network
    hist = model.history
    return {
        "architecture": "-".join(map(str, net.sizes)),
        "layers": [{"units": u, "activation": a} for u, a in net.layers],
        "loss": net.loss_name,
        "dtype": net.dtype.name,
        "parameters": net.n_params,
        "task": model.task,
        "features": list(model.feature_names),
        "targets": list(model.target_names),
        "classes": model.class_names,
        "normalization": model.x_normalizer.method,
        "epochs_trained": hist.epochs,
        "final_train_loss": hist.last("train_loss"),
        "final_val_loss": hist.last("val_loss"),
        "training": model.training,
        "data_source": model.data_source,
    }


def cmd_info(args: argparse.Namespace) -> int:
    info = model_info(load_model(args.model))
    if args.json:
        print(json.dumps(info, indent=2))
        return 0
    width = max(map(len, info))
    for key, value in info.items():
        if isinstance(value, (dict, list)):
            value = json.dumps(value)
        print(f"{key:<{width}}  {value}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    run_demo(epochs=args.epochs, seed=args.seed)
    return 0


HANDLERS = {"train": cmd_train, "predict": cmd_predict, "evaluate": cmd_evaluate,
            "export": cmd_export, "info": cmd_info, "demo": cmd_demo}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        return _window(argv)  # no command: the window (a file argument opens it there)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "train":
        try:
            check_held_out(args.val_split, args.test_split)
        except ValueError as exc:
            parser.error(f"--val-split and --test-split: {exc}")
    warnings.simplefilter("ignore", RuntimeWarning)  # overflow on the way to a reported divergence
    try:
        return HANDLERS[args.command](args)
    except BrokenPipeError:  # `bpgui info m.bpnet | head -1`: the reader left, nothing to report
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except MemoryError:
        print(f"bpgui {args.command}: error: not enough memory for this data or network", file=sys.stderr)
        return 1
    except (CLIError, DataError, ModelFileError, ValueError, OSError, ImportError) as exc:
        message = str(exc) if not isinstance(exc, OSError) or not exc.filename else \
            f"{exc.filename}: {exc.strerror}"
        print(f"bpgui {args.command}: error: {message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _window(argv: list[str]) -> int:
    if argv and not os.path.exists(argv[0]):
        print(f"bpgui: '{argv[0]}' is neither a command ({', '.join(COMMANDS)}) nor a file",
              file=sys.stderr)
        return 2
    from .ui.display import display_problem
    if problem := display_problem():   # Qt would abort: say why and show the engine at work instead
        opened = f"{argv[0]} is not opened; " if argv else ""
        print(f"bpgui: {problem}; {opened}running the terminal demo instead. "
              "The commands work without a display: bpgui --help", file=sys.stderr)
        return HANDLERS["demo"](argparse.Namespace(epochs=2000, seed=0))
    try:
        from .ui.app import run
    except ImportError as exc:  # e.g. Qt's system libraries are missing
        print(f"bpgui: the window cannot start: {exc}; the commands still work (bpgui --help)",
              file=sys.stderr)
        return 1
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
