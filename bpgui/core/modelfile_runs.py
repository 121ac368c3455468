"""A model file's kept runs (format version 5): their JSON field and members.

model.json's optional ``runs`` list describes each run (name, visibility,
branch point, the settings of each stretch of training, its rows and metric
columns); its curves are members under ``runs/<i>/`` (docs/model-format.md).
Everything is checked as the rest of the file is: types, ranges, names,
shapes and dtypes from the ``.npy`` headers, epochs in order.
"""
from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np

from .modelfile_schema import (COLUMN_NAME, MAX_HISTORY_COLUMNS, MAX_HISTORY_EPOCHS, MAX_HISTORY_VALUES, Invalid,
                               describe_value, is_int)
from .runs import MAX_RUN_NAME, BranchPoint, Run, Segment
from .training_settings import TrainingSettings
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["RUNS_VERSION", "parse_runs", "runs_members", "read_runs", "runs_arrays"]

RUNS_VERSION = 5
MAX_RUNS = 1000
MAX_SEGMENTS = 100_000
_FIELDS = ("name", "hidden", "current", "branch", "rows", "columns", "segments")
_SEGMENT_FIELDS = ("first_epoch", "last_epoch", "settings", "final_lr")
_FIXED = ("epoch", "train_loss", "val_loss")


def _need(ok: bool, reason: str, field: str) -> None:
    if not ok:
        raise Invalid(reason, field)


def _exact_keys(raw: Any, fields: tuple[str, ...], field: str) -> dict:
    _need(isinstance(raw, dict), Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "expected an object, got {got}"), got=describe_value(raw)), field)
    for key in fields:
        _need(key in raw, Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "missing")), f"{field}.{key}")
    for key in raw:
        _need(key in fields, Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "unexpected field (this version reads format {version})"),
                                   version=RUNS_VERSION), f"{field}.{key}")
    return raw


def _count(v: Any, lo: int, hi: int, field: str) -> int:
    _need(is_int(v) and lo <= v <= hi, Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "expected a whole number from {lo} to {hi}, got {got}"),
                                          lo=f"{lo:,}", hi=f"{hi:,}", got=describe_value(v)),
          field)
    return v


def _segment(raw: Any, field: str) -> Segment:
    raw = _exact_keys(raw, _SEGMENT_FIELDS, field)
    first = _count(raw["first_epoch"], 1, MAX_HISTORY_EPOCHS, f"{field}.first_epoch")
    last = _count(raw["last_epoch"], first, MAX_HISTORY_EPOCHS, f"{field}.last_epoch")
    lr = raw["final_lr"]
    _need(isinstance(lr, (int, float)) and not isinstance(lr, bool) and math.isfinite(lr) and lr > 0,
          Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "expected a learning rate > 0, got {got}"), got=describe_value(lr)),
          f"{field}.final_lr")
    try:
        TrainingSettings.from_dict(raw["settings"])
    except (TypeError, ValueError) as exc:
        raise Invalid(exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Text) else str(exc),
                      f"{field}.settings") from None
    return Segment(first, last, raw["settings"], float(lr))


def _columns(raw: Any, field: str) -> list[str]:
    _need(isinstance(raw, list) and len(raw) <= MAX_HISTORY_COLUMNS,
          Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "expected a list of at most {count} metric names, got {got}"),
               count=MAX_HISTORY_COLUMNS, got=describe_value(raw)), field)
    for i, name in enumerate(raw):
        _need(isinstance(name, str) and bool(COLUMN_NAME.fullmatch(name)) and name not in _FIXED,
              Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "expected a metric name of letters, digits and _.+-, got {got}"),
                   got=describe_value(name)), f"{field}[{i}]")
    _need(len(set(raw)) == len(raw), Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "names repeat")), field)
    return list(raw)


def _run(raw: Any, i: int) -> dict:
    field = f"runs[{i}]"
    raw = _exact_keys(raw, _FIELDS, field)
    name = raw["name"]
    _need(isinstance(name, str) and 0 < len(name.strip()) and len(name) <= MAX_RUN_NAME,
          Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "expected a name of 1 to {count} characters, got {got}"),
               count=MAX_RUN_NAME, got=describe_value(name)), f"{field}.name")
    for flag in ("hidden", "current"):
        _need(isinstance(raw[flag], bool), Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "expected true or false, got {got}"),
                                                got=describe_value(raw[flag])),
              f"{field}.{flag}")
    branch = raw["branch"]
    if branch is not None:
        branch = _exact_keys(branch, ("run", "epoch"), f"{field}.branch")
        _need(isinstance(branch["run"], str), Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "expected a run's name")), f"{field}.branch.run")
        branch = BranchPoint(branch["run"], _count(branch["epoch"], 0, MAX_HISTORY_EPOCHS, f"{field}.branch.epoch"))
    segments = raw["segments"]
    _need(isinstance(segments, list) and len(segments) <= MAX_SEGMENTS,
          Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "expected a list of at most {count} segments"), count=f"{MAX_SEGMENTS:,}"),
          f"{field}.segments")
    return {"name": name, "hidden": raw["hidden"], "current": raw["current"], "branch": branch,
            "rows": _count(raw["rows"], 0, MAX_HISTORY_EPOCHS, f"{field}.rows"),
            "columns": _columns(raw["columns"], f"{field}.columns"),
            "segments": tuple(_segment(s, f"{field}.segments[{k}]") for k, s in enumerate(segments))}


# ------------------------------------------------------------------ reading
def parse_runs(doc: dict) -> list[dict]:
    """model.json's optional ``runs`` list (format version 5), checked; [] without one."""
    raw = doc.get("runs")
    if raw is None:
        return []
    _need(doc["version"] >= RUNS_VERSION, Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "runs need format version {version}"), version=RUNS_VERSION), "runs")
    _need(isinstance(raw, list) and len(raw) <= MAX_RUNS, Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "expected a list of at most {count} runs"), count=MAX_RUNS), "runs")
    specs = [_run(r, i) for i, r in enumerate(raw)]
    _need(len({s["name"] for s in specs}) == len(specs), Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "two runs have the same name")), "runs")
    _need(sum(s["current"] for s in specs) <= 1, Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "more than one run is the current one")), "runs")
    values = sum(s["rows"] * (3 + len(s["columns"])) for s in specs)
    _need(values <= MAX_HISTORY_VALUES, Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "{values} values; the limit is {limit}"), values=f"{values:,}",
                                         limit=f"{MAX_HISTORY_VALUES:,}"), "runs")
    return specs


def runs_members(specs: list[dict]) -> dict[str, tuple[tuple[int, ...], str, str]]:
    """Array member name -> (shape, dtype name, field name), as Spec.members gives them."""
    out = {}
    for i, spec in enumerate(specs):
        for col in (*_FIXED, *spec["columns"]):
            out[f"runs/{i}/{col}.npy"] = ((spec["rows"],), "int64" if col == "epoch" else "float64",
                                          f"runs[{i}].{col}")
    return out


def read_runs(specs: list[dict], read: Callable[[str], np.ndarray]) -> tuple[list[Run], str | None]:
    """The runs a file holds and the name of the current one; ``read`` reads one member."""
    runs, current = [], None
    for i, spec in enumerate(specs):
        cols = {c: read(f"runs/{i}/{c}.npy") for c in (*_FIXED, *spec["columns"])}
        epoch = cols.pop("epoch")
        _need(not len(epoch) or (epoch[0] >= 1 and bool(np.all(np.diff(epoch) > 0))),
              Text("modelfile_runs", QT_TRANSLATE_NOOP("modelfile_runs", "epochs must be >= 1 and increasing")), f"runs[{i}].epoch")
        runs.append(Run(spec["name"], spec["segments"], spec["branch"], epoch, cols.pop("train_loss"),
                        cols.pop("val_loss"), cols, hidden=spec["hidden"]))
        current = spec["name"] if spec["current"] else current
    return runs, current


# ------------------------------------------------------------------ writing
def runs_arrays(runs: list[Run], current: str | None) -> tuple[list[dict], dict[str, np.ndarray]]:
    """model.json's ``runs`` list and the members."""
    doc, arrays = [], {}
    for i, run in enumerate(runs):
        doc.append({
            "name": run.name, "hidden": run.hidden, "current": run.name == current,
            "branch": None if run.branch is None else {"run": run.branch.run, "epoch": run.branch.epoch},
            "rows": len(run.epoch), "columns": list(run.metrics),
            "segments": [{"first_epoch": s.first_epoch, "last_epoch": s.last_epoch, "settings": s.settings,
                          "final_lr": s.final_lr} for s in run.segments]})
        arrays[f"runs/{i}/epoch.npy"] = np.ascontiguousarray(run.epoch, dtype=np.int64)
        for col in ("train_loss", "val_loss", *run.metrics):
            arrays[f"runs/{i}/{col}.npy"] = np.ascontiguousarray(run.column(col), dtype=np.float64)
    return doc, arrays
