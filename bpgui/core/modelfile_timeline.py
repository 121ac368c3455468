"""A model file's timeline (format version 4): its JSON field and its members.

model.json's ``timeline`` object says how many checkpoints there are and the
names of the optimizer moments; the checkpoints are columns (one row each)
under ``timeline/``, described in docs/model-format.md.  Parameters and
moments are written row by row and read row by row into the checkpoints'
own arrays, so neither a save nor a load holds the timeline twice.  Every
value is checked as the loader checks the network's: shapes and dtypes from
the ``.npy`` headers, finite parameters and moments, epochs in order, counts
that are counts, a learning rate > 0, a generator state that is one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, BinaryIO, Callable

import numpy as np

from .modelfile_schema import COLUMN_NAME, Invalid, Spec, _describe as describe_value, _is_int as is_int
from .checkpoint import Checkpoint
from .timeline import MAX_BUDGET_MB, MB, Timeline

__all__ = ["TimelineSpec", "parse_timeline", "timeline_members", "read_timeline", "RowStack",
           "MAX_TIMELINE_CHECKPOINTS", "MAX_TIMELINE_VALUES", "TIMELINE_VERSION"]

TIMELINE_VERSION = 4
MAX_TIMELINE_CHECKPOINTS = 10_000_000
MAX_TIMELINE_VALUES = 2**30          # parameters and moments together: 4 GiB of float32
_MAX_MOMENTS = 16
_FIELDS = ("checkpoints", "stride", "budget_bytes", "moments", "rng")
_WORD = (1 << 64) - 1                # a 128-bit generator number is two uint64 words


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
        raise Invalid(f"expected a whole number from {lo:,} to {hi:,}, got {describe_value(v)}", f"timeline.{key}")
    return v


def _moment_names(raw: dict) -> list[str]:
    names = raw["moments"]
    if not isinstance(names, list) or len(names) > _MAX_MOMENTS:
        raise Invalid(f"expected a list of at most {_MAX_MOMENTS} names, got {describe_value(names)}",
                      "timeline.moments")
    for i, name in enumerate(names):
        if not isinstance(name, str) or not COLUMN_NAME.fullmatch(name):
            raise Invalid(f"expected a name of letters, digits and _.+-, got {describe_value(name)}",
                          f"timeline.moments[{i}]")
    if len(set(names)) != len(names):
        raise Invalid("names repeat", "timeline.moments")
    return list(names)


def parse_timeline(doc: dict, spec: Spec) -> TimelineSpec | None:
    """model.json's optional ``timeline`` object (format version 4), checked against the network."""
    raw = doc.get("timeline")
    if raw is None:
        return None
    if doc["version"] < TIMELINE_VERSION:
        raise Invalid(f"a timeline needs format version {TIMELINE_VERSION}", "timeline")
    if not isinstance(raw, dict):
        raise Invalid(f"expected an object, got {describe_value(raw)}", "timeline")
    for key in _FIELDS:
        if key not in raw:
            raise Invalid("missing", f"timeline.{key}")
    for key in raw:
        if key not in _FIELDS:
            raise Invalid(f"unexpected field (this version reads format {TIMELINE_VERSION})", f"timeline.{key}")
    if raw["rng"] != "PCG64":
        raise Invalid(f"expected \"PCG64\" (the trainer's generator), got {describe_value(raw['rng'])}",
                      "timeline.rng")
    n = _int_field(raw, "checkpoints", 1, MAX_TIMELINE_CHECKPOINTS)
    stride = _int_field(raw, "stride", 1, 2**62)
    if stride & (stride - 1):
        raise Invalid(f"expected a power of two, got {stride}", "timeline.stride")
    tspec = TimelineSpec(n, stride, _int_field(raw, "budget_bytes", 0, MAX_BUDGET_MB * MB), _moment_names(raw))
    values = n * spec.n_params * (1 + len(tspec.moments))
    if values > MAX_TIMELINE_VALUES:
        raise Invalid(f"{values:,} parameter and moment values; the limit is {MAX_TIMELINE_VALUES:,}", "timeline")
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
        raise Invalid("epochs must be >= 0 and strictly increasing", "timeline.epoch")
    if epoch[-1] > epochs_trained:
        raise Invalid(f"epoch {int(epoch[-1])} is after the {epochs_trained} epochs the history records",
                      "timeline.epoch")
    if np.any(counters < 0):
        raise Invalid("epochs done, steps done and optimizer steps are counts (>= 0)", "timeline.counters")
    if not (np.isfinite(lr).all() and (lr > 0).all()):
        raise Invalid("learning rates must be finite and > 0", "timeline.lr")
    if np.any(rng[:, 4] > 1) or np.any(rng[:, 5] > 0xFFFFFFFF):
        raise Invalid("not a PCG64 state (has_uint32 is 0 or 1, uinteger a 32-bit number)", "timeline.rng")


def _check_row(row: np.ndarray, field: str, i: int) -> None:
    if not np.isfinite(row).all():
        raise Invalid(f"checkpoint {i} holds NaN or infinite values", field)


# ------------------------------------------------------------------ reading
def _rng_state(w: list[int]) -> dict[str, Any]:
    return {"bit_generator": "PCG64", "state": {"state": w[0] << 64 | w[1], "inc": w[2] << 64 | w[3]},
            "has_uint32": w[4], "uinteger": w[5]}


def read_timeline(tspec: TimelineSpec, spec: Spec, read: Callable[[str], np.ndarray],
                  read_rows: Callable[[str], list[np.ndarray]], epochs_trained: int) -> Timeline:
    """The timeline a file holds; ``read``/``read_rows`` read one member whole / row by row."""
    epoch, counters = read("timeline/epoch.npy"), read("timeline/counters.npy")
    lr, val_loss, rng = read("timeline/lr.npy"), read("timeline/val_loss.npy"), read("timeline/rng.npy")
    _check_columns(epoch, counters, lr, rng, epochs_trained)
    present = read("timeline/moment_present.npy") if tspec.moments else None
    params = read_rows("timeline/parameters.npy")
    for i, row in enumerate(params):
        _check_row(row, "timeline.parameters", i)
    moments = {}
    for k, name in enumerate(tspec.moments):
        rows = moments[name] = read_rows(f"timeline/moments/{name}.npy")
        for i in np.flatnonzero(present[:, k]):
            _check_row(rows[i], f"timeline.moments.{name}", int(i))
    columns = (epoch.tolist(), counters.tolist(), lr.tolist(), val_loss.tolist())
    words = rng.tolist()
    checkpoints = []
    for i, (e, (epochs_done, steps_done, t), rate, val) in enumerate(zip(*columns)):
        held = {name: moments[name][i] for k, name in enumerate(tspec.moments) if present[i, k]}
        checkpoints.append(Checkpoint(e, params[i], t, held, _rng_state(words[i]), epochs_done, steps_done,
                                      rate, val, 0))
    return Timeline.restored(spec.sizes, tspec.budget_bytes, tspec.stride, checkpoints)


# ------------------------------------------------------------------ writing
class RowStack:
    """A 2-D member written one row (one checkpoint) at a time: no stacked copy."""

    def __init__(self, rows: list[np.ndarray], dtype: np.dtype) -> None:
        self.rows, self.dtype = rows, np.dtype(dtype)
        self.shape = (len(rows), rows[0].size)
        self.nbytes = self.shape[0] * self.shape[1] * self.dtype.itemsize

    def write_npy(self, out: BinaryIO) -> None:
        little = self.dtype.newbyteorder("<")
        np.lib.format.write_array_header_1_0(out, {"descr": np.lib.format.dtype_to_descr(little),
                                                   "fortran_order": False, "shape": self.shape})
        for row in self.rows:
            out.write(np.ascontiguousarray(row, dtype=little).tobytes())


def _rng_words(state: dict[str, Any]) -> tuple[int, ...]:
    if state.get("bit_generator") != "PCG64":
        raise Invalid(f"a {state.get('bit_generator')!r} generator; model files hold PCG64 states", "timeline.rng")
    s, inc = state["state"]["state"], state["state"]["inc"]
    return s >> 64, s & _WORD, inc >> 64, inc & _WORD, state["has_uint32"], state["uinteger"]


def timeline_arrays(timeline: Timeline, dtype: np.dtype, epochs_trained: int) -> tuple[dict, dict[str, Any]]:
    """model.json's ``timeline`` object and the members, checked as a load checks them."""
    _check_dtypes(timeline, dtype)
    cps = list(timeline.checkpoints())
    names = list(dict.fromkeys(k for cp in cps for k in cp.moments))
    words: dict[int, tuple[int, ...]] = {}   # by id: neighbours share one state dict
    arrays: dict[str, Any] = {
        "timeline/epoch.npy": np.array([cp.epoch for cp in cps], dtype=np.int64),
        "timeline/counters.npy": np.array([(cp.epochs_done, cp.steps_done, cp.optimizer_t) for cp in cps],
                                          dtype=np.int64).reshape(len(cps), 3),
        "timeline/lr.npy": np.array([cp.lr for cp in cps], dtype=np.float64),
        "timeline/val_loss.npy": np.array([cp.val_loss for cp in cps], dtype=np.float64),
        "timeline/rng.npy": np.array([words.setdefault(id(cp.rng), _rng_words(cp.rng)) for cp in cps],
                                     dtype=np.uint64).reshape(len(cps), 6),
        "timeline/parameters.npy": RowStack([cp.parameters for cp in cps], dtype),
    }
    _check_columns(arrays["timeline/epoch.npy"], arrays["timeline/counters.npy"], arrays["timeline/lr.npy"],
                   arrays["timeline/rng.npy"], epochs_trained)
    for i, cp in enumerate(cps):
        _check_row(cp.parameters, "timeline.parameters", i)
        for name, moment in cp.moments.items():
            _check_row(moment, f"timeline.moments.{name}", i)
    if names:
        arrays["timeline/moment_present.npy"] = np.array([[k in cp.moments for k in names] for cp in cps])
        zeros = np.zeros(timeline.n_params, dtype=dtype)   # where a checkpoint has no such moment
        for name in names:
            arrays[f"timeline/moments/{name}.npy"] = RowStack([cp.moments.get(name, zeros) for cp in cps], dtype)
    doc = {"checkpoints": len(cps), "stride": timeline.stride, "budget_bytes": timeline.budget_bytes,
           "moments": names, "rng": "PCG64"}
    return doc, arrays


def _check_dtypes(timeline: Timeline, dtype: np.dtype) -> None:
    """The timeline's arrays have the network's dtype (a file stores one)."""
    for i, cp in enumerate(timeline.checkpoints()):
        for name, arr in (("parameters", cp.parameters), *((f"moments.{k}", m) for k, m in cp.moments.items())):
            if arr.dtype != dtype or arr.shape != (timeline.n_params,):
                raise Invalid(f"checkpoint {i} holds {arr.dtype} {arr.shape}; the network is "
                              f"{dtype} ({timeline.n_params},)", f"timeline.{name}")

