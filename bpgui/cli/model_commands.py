"""The commands that use a saved model: predict, evaluate and info (export: export_command.py)."""
from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import sys
from dataclasses import replace
from typing import Any

import numpy as np

from bpgui.cli.errors import CLIError
from bpgui.cli.train import split_names
from bpgui.core.builtin_data import builtin_dataset
from bpgui.core.csv import load_csv
from bpgui.core.csv.columns import MissingColumn
from bpgui.core.dataset import Dataset
from bpgui.core.modelfile import atomic_write, load_model
from bpgui.core.results import class_results, regression_results
from bpgui.core.timeline import MB

__all__ = ["cmd_predict", "cmd_evaluate", "cmd_info", "model_info", "data_for_model"]


def data_for_model(model, data: str, target: str | None, need_target: bool,
                    encoding: str | None = None, missing: str | None = None) -> Dataset:
    """DATA read with the model's feature columns and, for evaluation, its target
    columns, with class labels encoded in the model's class order.  Missing
    inputs are taken when the model keeps column means to fill them."""
    if data.split(":", 1)[0] in ("gate", "toy") and not os.path.exists(data):
        ds = builtin_dataset(data)
    else:
        targets: list[str] = []
        if need_target:
            targets = (split_names(target) or model.data_source.get("target")
                       or list(model.target_names))
        one_hot = model.data_source.get("one_hot_features") or False
        columns = model.data_source.get("features") if one_hot else None
        task = model.data_source.get("task") or ("regression" if model.task == "regression" else None)
        ds = load_csv(data, target=targets, features=columns or list(model.feature_names),
                      classes=model.class_names, one_hot_features=one_hot, task=task,
                      skip_rows=model.data_source.get("skip_rows", 0), encoding=encoding,
                      missing=_missing_for(model, missing))
        if one_hot:
            ds = _align_one_hot(ds, model.feature_names, data)
    if list(ds.feature_names) != list(model.feature_names):
        raise CLIError(f"{data}: features {ds.feature_names} do not match the model's {model.feature_names}")
    if need_target and ds.n_outputs != model.network.n_outputs:
        raise CLIError(f"{data}: {ds.n_outputs} target column(s) {ds.target_names} for a model "
                       f"with {model.network.n_outputs} output(s) {model.target_names}")
    return ds


def _missing_for(model, asked: str | None) -> str:
    """How to read missing cells for a model: as asked, else filled when the model keeps
    the column means to fill them with, else refused."""
    fills = model.x_normalizer.fill is not None
    if asked == "mean" and not fills:
        raise CLIError("--missing mean: this model keeps no column means (it was trained without "
                       "--missing mean); use --missing drop to leave out the rows with missing values")
    return asked or ("mean" if fills else "refuse")


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
    return replace(ds, X=X, feature_names=list(names))


def _data_with_truth(model, args: argparse.Namespace) -> tuple[Dataset, bool]:
    """The data to predict, with its true targets when the file has the model's target columns."""
    try:
        return data_for_model(model, args.data, None, True, args.encoding, args.missing), True
    except MissingColumn as exc:
        if exc.role != "target":
            raise
        return data_for_model(model, args.data, None, False, args.encoding, args.missing), False


def cmd_predict(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    ds, truth = _data_with_truth(model, args)
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
    columns = _file_columns(model)
    writer.writerow([name for name, _ in columns] + header)
    for x, row in zip(ds.X, rows):
        writer.writerow([cell(x) for _, cell in columns] + row)
    text = buf.getvalue()
    if args.out and args.out != "-":
        atomic_write(args.out, lambda fh: fh.write(text.encode("utf-8")))
        print(f"{len(rows)} predictions written to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _file_columns(model) -> list[tuple[str, Any]]:
    """The input columns as the file has them, each with how to write a row's cell: a one-hot
    group ("colour=red", "colour=blue") is one column again, holding the value that is 1 (empty
    for a missing or unknown value).  Inputs the file's columns do not account for are written
    as they are."""
    index = {name: k for k, name in enumerate(model.feature_names)}
    columns: list[tuple[str, Any]] = []
    covered: set[int] = set()
    for source in model.data_source.get("features") or []:
        if source in index:
            columns.append((source, lambda x, k=index[source]: _fmt(x[k])))
            covered.add(index[source])
            continue
        group = [(k, name.split("=", 1)[1]) for name, k in index.items() if name.startswith(f"{source}=")]
        if group:
            columns.append((source, lambda x, group=group: next((v for k, v in group if x[k] == 1), "")))
            covered |= {k for k, _ in group}
    if covered != set(index.values()):
        return [(name, lambda x, k=k: _fmt(x[k])) for name, k in index.items()]
    return columns


def _fmt(v: float) -> str:
    if math.isnan(v):   # a missing input, written as the file had it: empty
        return ""
    return repr(float(v)) if not float(v).is_integer() else str(int(v)) if abs(v) < 1e15 else repr(float(v))


def cmd_evaluate(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    ds = data_for_model(model, args.data, args.target, True, args.encoding, args.missing)
    metrics: dict[str, Any] = {"samples": ds.n_samples, **model.evaluate(ds.X, ds.Y)}
    out = model.predict(ds.X)
    classes = class_results(out, ds.Y, model.class_names) if model.class_names else None
    if classes is not None:
        metrics.update(class_names=classes.class_names, confusion_matrix=classes.confusion.tolist(),
                       per_class=classes.per_class())
    elif model.task == "regression":
        numbers = regression_results(out, ds.Y, model.target_names)
        metrics.update(mae=numbers.mae, rmse=numbers.rmse, r2=numbers.r2)
    if args.json:
        print(json.dumps(metrics))
        return 0
    print(", ".join(f"{k} {v:.6g}" if isinstance(v, float) else f"{k} {v}" for k, v in metrics.items()
                    if not isinstance(v, (list, dict))))
    if classes is not None:
        print(_class_table(classes))
    return 0


def _class_table(results) -> str:
    """The confusion matrix (rows true, columns predicted) and per-class figures as plain text."""
    names = results.class_names
    width = max(9, *(len(n) for n in names))
    corner = "true/predicted"
    width = max(width, len(corner))
    head = f"{corner:<{width}}  " + "  ".join(f"{n:>{width}}" for n in names)
    lines = [head] + [f"{name:<{width}}  " + "  ".join(f"{c:>{width}}" for c in row)
                      for name, row in zip(names, results.confusion.tolist())]
    lines.append("")
    lines.append(f"{'class':<{width}}  {'precision':>9}  {'recall':>9}  {'f1':>9}  {'support':>9}")
    for name, figures in results.per_class().items():
        cells = ["-" if figures[k] is None else f"{figures[k]:.3f}" for k in ("precision", "recall", "f1")]
        lines.append(f"{name:<{width}}  " + "  ".join(f"{c:>9}" for c in cells) + f"  {figures['support']:>9}")
    return "\n".join(lines)


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
        "image_shape": None if model.image_shape is None else list(model.image_shape),
        "data_source": model.data_source,
        "timeline": _timeline_info(model.timeline),
    }


def _timeline_info(timeline) -> dict[str, Any] | None:
    """How many checkpoints of the weights the file keeps, of which epochs (None: no timeline)."""
    if timeline is None or not len(timeline):
        return None
    return {"checkpoints": len(timeline), "first_epoch": timeline.first_epoch,
            "last_epoch": timeline.last_epoch, "megabytes": round(timeline.nbytes / MB, 3)}


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

