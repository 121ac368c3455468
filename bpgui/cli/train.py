"""`bpgui train`: read the data, train with a progress bar, save the model, print the result."""
from __future__ import annotations

import argparse
import math
import os
import signal
import sys
import time

from bpgui.cli.errors import CLIError
from bpgui.core.builtin_data import builtin_dataset
from bpgui.core.coach import Finding, diagnose
from bpgui.core.csv import load_csv
from bpgui.core.dataset import Dataset
from bpgui.core.modelfile import MODEL_SUFFIX, load_model, save_model
from bpgui.core.session import Session
from bpgui.core.training import DivergenceError
from bpgui.core.training_settings import TrainingSettings

__all__ = ["cmd_train", "load_data", "split_names", "reading_from_args", "settings_from_args", "coach_lines"]


# ------------------------------------------------------------------- data
def split_names(text: str | None) -> list[str] | None:
    if text is None:
        return None
    names = [n.strip() for n in text.split(",") if n.strip()]
    return names or None


def load_data(spec: str, target: str | None = None, features: str | None = None, samples: int = 200,
              noise: float = 0.1, seed: int = 0, **reading) -> Dataset:
    """DATA as the CLI takes it: a built-in name (``gate:xor``) or a CSV path, read with
    `load_csv`'s keywords in ``reading`` (one_hot_features, task, skip_rows, missing...)."""
    prefix = spec.split(":", 1)[0]
    if prefix in ("gate", "toy") and not os.path.exists(spec):
        return builtin_dataset(spec, n_samples=samples, noise=noise, seed=seed)
    return load_csv(spec, target=split_names(target), features=split_names(features), **reading)


def reading_from_args(args: argparse.Namespace) -> dict:
    """How the train command reads a CSV file."""
    return dict(one_hot_features=True, task=args.task, skip_rows=args.skip_rows, missing=args.missing,
                encoding=args.encoding, image_shape=args.image)


# --------------------------------------------------------------- commands
def settings_from_args(args: argparse.Namespace) -> TrainingSettings:
    return TrainingSettings(
        hidden=args.layers, output_activation=args.output_activation, loss=args.loss,
        optimizer=args.optimizer, lr=args.lr, schedule=args.schedule, epochs=args.epochs,
        batch_size=args.batch_size, l1=args.l1, l2=args.l2, init=args.init, seed=args.seed,
        normalize=args.normalize, val_split=args.val_split, test_split=args.test_split,
        early_stopping=args.early_stopping, dtype=args.dtype, timeline_mb=args.timeline_mb,
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
            session.end_timeline_at(epoch)
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
    if os.path.isdir(args.out):   # found now, not after the training it would throw away
        raise CLIError(f"{os.path.abspath(args.out)}: is a folder; --out takes a model file name, "
                       f"e.g. {os.path.join(args.out, 'model' + MODEL_SUFFIX)}")
    out_dir = os.path.dirname(os.path.abspath(args.out))
    if not os.path.isdir(out_dir) or not os.access(out_dir, os.W_OK):
        raise CLIError(f"{args.out}: cannot save there (folder {out_dir} does not exist or is not writable)")
    ds = load_data(args.data, args.target, args.features, args.samples, args.noise, args.seed, **reading_from_args(args))
    init_model = load_model(args.init_model) if args.init_model else None
    settings = settings_from_args(args)
    session = Session(ds, settings, init_model=init_model)
    net = session.model.network
    log = (lambda *a: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr))
    for note in ds.notes:   # even with --quiet: they say what was read, not how far it got
        print(f"note: {note}", file=sys.stderr)
    log(f"{ds.name or args.data}: {ds.n_samples} rows, {ds.n_features} features -> {ds.n_outputs} "
        f"output(s), task {ds.task}; network {'-'.join(map(str, net.sizes))} "
        f"({', '.join(net.activation_names)}), loss {net.loss_name}, {settings.optimizer}")
    status = _train(session, _progress(args.epochs, args.quiet))
    save_model(session.model, args.out)
    print(f"{_summary(session, status)}; saved {args.out}")   # the result: on standard output, even --quiet
    model = session.model
    for line in coach_lines(diagnose(model.network, *session.train_xy, model.history,
                                     feature_names=model.feature_names, class_names=model.class_names)):
        print(line)
    return 130 if status.startswith("interrupted") else 0


def coach_lines(findings: list[Finding]) -> list[str]:
    """The coach's findings as text: a "Coach:" line with the code and message, then its
    evidence and suggestion, indented; nothing when there are none."""
    lines = []
    for f in findings:
        lines += [f"Coach: {f.code}: {f.message}", f"       evidence: {f.evidence_text()}",
                  f"       suggestion: {f.suggestion}"]
    return lines


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
