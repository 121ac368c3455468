"""A model file's timeline (format version 4): its JSON field and its members.

model.json's ``timeline`` object says how many checkpoints there are and the
names of the optimizer moments; the checkpoints are columns (one row each)
under ``timeline/``, described in docs/model-format.md: the timeline's own
columns (timeline_columns.py), written and read whole.  Every value is
checked as the loader checks the network's: shapes and dtypes from the
``.npy`` headers, finite parameters and moments, epochs in order, counts
that are counts, a learning rate > 0, a generator state that is one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .modelfile_schema import COLUMN_NAME, Invalid, Spec, describe_value, is_int
from .timeline import MAX_BUDGET_MB, MB, Timeline
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["TimelineSpec", "parse_timeline", "timeline_members", "read_timeline", "timeline_arrays",
           "MAX_TIMELINE_CHECKPOINTS", "MAX_TIMELINE_VALUES", "TIMELINE_VERSION"]

TIMELINE_VERSION = 4
MAX_TIMELINE_CHECKPOINTS = 10_000_000
MAX_TIMELINE_VALUES = 2**30          # parameters and moments together: 4 GiB of float32
_MAX_MOMENTS = 16
_FIELDS = ("checkpoints", "stride", "budget_bytes", "moments", "rng")


@dataclass
class TimelineSpec:
    """What model.json's ``timeline`` says, checked."""

    checkpoints: int
    stride: int
    budget_bytes: int
    moments: list[str]


def _int_field(raw: dict, key: str, lo: int, hi: int) -> int:
    v = raw[key]
    if not is_int(v) or not lo <= v <= hi:
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "expected a whole number from {lo} to {hi}, got {got}"),
                lo=f"{lo:,}", hi=f"{hi:,}", got=describe_value(v)), f"timeline.{key}")
    return v


def _moment_names(raw: dict) -> list[str]:
    names = raw["moments"]
    if not isinstance(names, list) or len(names) > _MAX_MOMENTS:
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "expected a list of at most {most} names, got {got}"),
                most=_MAX_MOMENTS, got=describe_value(names)),
                      "timeline.moments")
    for i, name in enumerate(names):
        if not isinstance(name, str) or not COLUMN_NAME.fullmatch(name):
            raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                    "modelfile_timeline", "expected a name of letters, digits and _.+-, got {got}"),
                    got=describe_value(name)),
                          f"timeline.moments[{i}]")
    if len(set(names)) != len(names):
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "names repeat")), "timeline.moments")
    return list(names)


def parse_timeline(doc: dict, spec: Spec) -> TimelineSpec | None:
    """model.json's optional ``timeline`` object (format version 4), checked against the network."""
    raw = doc.get("timeline")
    if raw is None:
        return None
    if doc["version"] < TIMELINE_VERSION:
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "a timeline needs format version {version}"),
                version=TIMELINE_VERSION), "timeline")
    if not isinstance(raw, dict):
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "expected an object, got {got}"), got=describe_value(raw)), "timeline")
    for key in _FIELDS:
        if key not in raw:
            raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                    "modelfile_timeline", "missing")), f"timeline.{key}")
    for key in raw:
        if key not in _FIELDS:
            raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                    "modelfile_timeline", "unexpected field (this version reads format {version})"),
                    version=TIMELINE_VERSION), f"timeline.{key}")
    if raw["rng"] != "PCG64":
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", 'expected "PCG64" (the trainer\'s generator), got {got}'),
                got=describe_value(raw['rng'])),
                      "timeline.rng")
    n = _int_field(raw, "checkpoints", 1, MAX_TIMELINE_CHECKPOINTS)
    stride = _int_field(raw, "stride", 1, 2**62)
    if stride & (stride - 1):
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "expected a power of two, got {got}"), got=stride), "timeline.stride")
    tspec = TimelineSpec(n, stride, _int_field(raw, "budget_bytes", 0, MAX_BUDGET_MB * MB), _moment_names(raw))
    values = n * spec.n_params * (1 + len(tspec.moments))
    if values > MAX_TIMELINE_VALUES:
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "{values} parameter and moment values; the limit is {limit}"),
                values=f"{values:,}", limit=f"{MAX_TIMELINE_VALUES:,}"), "timeline")
    return tspec


def timeline_members(tspec: TimelineSpec, spec: Spec) -> dict[str, tuple[tuple[int, ...], str, str]]:
    """Array member name -> (shape, dtype name, field name), as Spec.members gives them."""
    n, p = tspec.checkpoints, spec.n_params
    out = {
        "timeline/epoch.npy": ((n,), "int64", "timeline.epoch"),
        "timeline/counters.npy": ((n, 3), "int64", "timeline.counters"),
        "timeline/lr.npy": ((n,), "float64", "timeline.lr"),
        "timeline/val_loss.npy": ((n,), "float64", "timeline.val_loss"),
        "timeline/rng.npy": ((n, 6), "uint64", "timeline.rng"),
        "timeline/parameters.npy": ((n, p), spec.dtype, "timeline.parameters"),
    }
    if tspec.moments:
        out["timeline/moment_present.npy"] = ((n, len(tspec.moments)), "bool", "timeline.moment_present")
    for name in tspec.moments:
        out[f"timeline/moments/{name}.npy"] = ((n, p), spec.dtype, f"timeline.moments.{name}")
    return out


# ------------------------------------------------------------------ checks
def _check_columns(epoch: np.ndarray, counters: np.ndarray, lr: np.ndarray, rng: np.ndarray,
                   epochs_trained: int) -> None:
    """What the loader and the saver both demand of the small columns."""
    if epoch[0] < 0 or np.any(np.diff(epoch) <= 0):
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "epochs must be >= 0 and strictly increasing")), "timeline.epoch")
    if epoch[-1] > epochs_trained:
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "epoch {epoch} is after the {epochs} epochs the history records"),
                epoch=int(epoch[-1]), epochs=epochs_trained),
                      "timeline.epoch")
    if np.any(counters < 0):
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "epochs done, steps done and optimizer steps are counts (>= 0)")),
                "timeline.counters")
    if not (np.isfinite(lr).all() and (lr > 0).all()):
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "learning rates must be finite and > 0")), "timeline.lr")
    if np.any(rng[:, 4] > 1) or np.any(rng[:, 5] > 0xFFFFFFFF):
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "not a PCG64 state (has_uint32 is 0 or 1, uinteger a 32-bit number)")
                ), "timeline.rng")


def _check_rows(rows: np.ndarray, field: str, held: np.ndarray | None = None) -> None:
    """Every value finite, in the rows ``held`` (all by default)."""
    bad = ~np.isfinite(rows).all(axis=1)
    if held is not None:
        bad &= held
    if bad.any():
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "checkpoint {index} holds NaN or infinite values"),
                index=int(np.argmax(bad))), field)


# ------------------------------------------------------------------ reading
def read_timeline(tspec: TimelineSpec, spec: Spec, read: Callable[[str], np.ndarray],
                  epochs_trained: int) -> Timeline:
    """The timeline a file holds; ``read`` reads one member (shape and dtype checked)."""
    columns = {"epoch": read("timeline/epoch.npy"), "counts": read("timeline/counters.npy"),
               "lr": read("timeline/lr.npy"), "val_loss": read("timeline/val_loss.npy"),
               "rng": read("timeline/rng.npy")}
    _check_columns(columns["epoch"], columns["counts"], columns["lr"], columns["rng"], epochs_trained)
    columns["params"] = read("timeline/parameters.npy")
    _check_rows(columns["params"], "timeline.parameters")
    present = read("timeline/moment_present.npy") if tspec.moments else None
    for k, name in enumerate(tspec.moments):
        moment = columns[f"moment {name}"] = read(f"timeline/moments/{name}.npy")
        columns[f"present {name}"] = present[:, k].copy()
        _check_rows(moment, f"timeline.moments.{name}", present[:, k])
    return Timeline.restored(spec.sizes, tspec.budget_bytes, tspec.stride, columns)


# ------------------------------------------------------------------ writing
def timeline_arrays(timeline: Timeline, dtype: np.dtype, epochs_trained: int) -> tuple[dict, dict[str, Any]]:
    """model.json's ``timeline`` object and the members (views of the timeline's
    columns), checked as a load checks them."""
    columns = timeline.columns()
    if columns["params"].dtype != dtype:
        raise Invalid(Text("modelfile_timeline", QT_TRANSLATE_NOOP(
                "modelfile_timeline", "the checkpoints hold {held} parameters; the network is {dtype}"),
                held=str(columns['params'].dtype), dtype=str(dtype)),
                      "timeline.parameters")
    names = [key.split(" ", 1)[1] for key in columns if key.startswith("moment ")]
    arrays: dict[str, Any] = {
        "timeline/epoch.npy": columns["epoch"], "timeline/counters.npy": columns["counts"],
        "timeline/lr.npy": columns["lr"], "timeline/val_loss.npy": columns["val_loss"],
        "timeline/rng.npy": columns["rng"], "timeline/parameters.npy": columns["params"],
    }
    _check_columns(columns["epoch"], columns["counts"], columns["lr"], columns["rng"], epochs_trained)
    _check_rows(columns["params"], "timeline.parameters")
    if names:
        arrays["timeline/moment_present.npy"] = np.column_stack([columns[f"present {n}"] for n in names])
    for name in names:
        arrays[f"timeline/moments/{name}.npy"] = columns[f"moment {name}"]
        _check_rows(columns[f"moment {name}"], f"timeline.moments.{name}", columns[f"present {name}"])
    doc = {"checkpoints": len(columns["epoch"]), "stride": timeline.stride, "budget_bytes": timeline.budget_bytes,
           "moments": names, "rng": "PCG64"}
    return doc, arrays
