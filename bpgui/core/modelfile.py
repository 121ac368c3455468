"""Model files (``.bpnet``): save a trained `Model`, load it back, checked.

A model file is a ZIP archive holding ``model.json`` (UTF-8: architecture,
names, normalisation methods, training settings, data source) and one
``.npy`` file per array (weights, biases, normalisation statistics, loss
history columns, the timeline's checkpoints).  ``zipfile`` + ``json`` + ``numpy.load(allow_pickle=False)``
read it without bpgui; docs/model-format.md describes every field.

Loading trusts nothing: every JSON field is checked for type and range, every
array member's ``.npy`` header is checked against the shape and dtype the JSON
implies *before* its data is read (modelfile_npy.py), members declaring more
bytes than expected are refused (zip bombs), and pickled objects are never
loaded.  Every problem becomes a `ModelFileError` naming the file and the
field.  The timeline's field and members are modelfile_timeline.py's.

Saving writes a temporary file beside the target, fsyncs it and renames it
over the target, so a failed save leaves the previous file intact.
"""
from __future__ import annotations

import json
import os
import secrets
import stat
import zipfile
import zlib
from typing import Any, Callable, BinaryIO

import numpy as np

from .. import __version__
from .model import History, Model
from .modelfile_npy import check_values as _check_values, read_npy as _read_npy
from .modelfile_runs import RUNS_VERSION, parse_runs, read_runs, runs_arrays, runs_members
from .modelfile_schema import COLUMN_NAME, FORMAT_NAME, FORMAT_VERSION, JSON_MEMBER, Invalid, Spec, parse_doc
from .modelfile_timeline import (TIMELINE_VERSION, TimelineSpec, parse_timeline, read_timeline, timeline_arrays,
                                 timeline_members)
from .network import Network
from .preprocessing import Normalizer
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["save_model", "load_model", "ModelFileError", "FORMAT_NAME", "FORMAT_VERSION",
           "MODEL_SUFFIX", "atomic_write"]

MODEL_SUFFIX = ".bpnet"

# Limits that keep a hostile or broken file from exhausting memory (more in modelfile_schema).
MAX_JSON_BYTES = 16 * 2**20
_SMALL_ARRAY_BYTES = 2**20             # declared arrays above this are checked against the archive first


def _DIRECTORY() -> Text:   # noqa: N802 (one text, said when loading and when saving)
    return Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "is a directory, not a model file"))


class ModelFileError(ValueError):
    """A model file that cannot be read (or a model that cannot be saved).

    The message names the file and what is wrong, e.g.
    ``iris.bpnet: field 'layers[1].units': expected a positive integer, got -3``;
    ``path``, ``field`` (``None`` when the problem is not one field) and
    ``reason`` hold the parts.
    """

    def __init__(self, path: str | os.PathLike, reason: str, field: str | None = None,
                 saving: bool = False) -> None:
        self.path = os.fspath(path)
        self.field = field
        self.reason = reason
        name = os.path.basename(self.path) or self.path
        what = reason if field is None else Text(
            "modelfile", QT_TRANSLATE_NOOP("modelfile", "field {field}: {reason}"), field=repr(field), reason=reason)
        if saving:
            what = Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "cannot save: {what}"), what=what)
        self.message = Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "{name}: {what}"), name=name, what=what)
        super().__init__(str(self.message))   # the message, a marked text the window translates


def _message_of(exc: BaseException) -> str:
    """``str(exc)``, kept a ``Text`` when the engine raised one (so the window can translate it)."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Text):
        return exc.args[0]
    return str(exc)


# --------------------------------------------------------------------- load
def _reject_constant(name: str) -> Any:
    raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "{member} is not valid JSON: {name} is not a JSON number"),
                       member=JSON_MEMBER, name=name))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    d = {}
    for key, value in pairs:
        if key in d:
            raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "{member} is not valid: key {key} appears twice in one object"),
                               member=JSON_MEMBER, key=repr(key)))
        d[key] = value
    return d


def _read_json(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Any:
    if info.file_size > MAX_JSON_BYTES:
        raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "member {member} declares {size} bytes; the limit is {limit}"),
                           member=repr(JSON_MEMBER), size=f"{info.file_size:,}", limit=f"{MAX_JSON_BYTES:,}"))
    try:
        with zf.open(info) as fp:
            raw = fp.read(MAX_JSON_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "member {member} is corrupt ({detail})"),
                           member=repr(JSON_MEMBER), detail=str(exc))) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "{member} is not UTF-8 text (byte {byte} at offset {offset})"),
                           member=JSON_MEMBER, byte=f"0x{raw[exc.start]:02x}", offset=exc.start)) from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "{member} is not valid JSON ({detail})"),
                           member=JSON_MEMBER, detail=str(exc))) from None
    except RecursionError:
        raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "{member} nests too deeply"), member=JSON_MEMBER)) from None


def _open_archive(fh: BinaryIO) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError) as exc:
        raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "not a bpgui model file: not a ZIP archive, or a truncated one ({detail})"), detail=str(exc))) from None


def _load(path: str) -> Model:
    if os.path.isdir(path):
        raise Invalid(_DIRECTORY())
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "no such file"))) from None
    except OSError as exc:
        raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "cannot open: {reason}"), reason=str(exc.strerror or exc))) from None
    with fh:
        if os.fstat(fh.fileno()).st_size == 0:
            raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "the file is empty")))
        with _open_archive(fh) as zf:
            return _load_archive(zf)


def _members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The archive's members by name: each once, unencrypted, stored or deflated."""
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in zf.infolist():
        if info.filename in by_name:
            raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "member {member} appears twice"), member=repr(info.filename)))
        by_name[info.filename] = info
        if info.flag_bits & 0x1:
            raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "member {member} is encrypted"), member=repr(info.filename)))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "member {member} uses compression method {method}; model files use stored or deflated members"),
                               member=repr(info.filename), method=info.compress_type))
    if JSON_MEMBER not in by_name:
        raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "missing member {member} (is this a bpgui model file?)"), member=repr(JSON_MEMBER)))
    return by_name


def _check_declared(expected: dict, by_name: dict[str, zipfile.ZipInfo]) -> None:
    """Exactly the array members model.json declares, each big enough for its shape."""
    present = set(by_name) - {JSON_MEMBER}
    missing = [m for m in expected if m not in present]
    if missing:
        if len(missing) > 1:
            raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "missing member {member} (and {count} more)"),
                               member=repr(missing[0]), count=len(missing) - 1))
        raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "missing member {member}"), member=repr(missing[0])))
    extra = sorted(present - set(expected))
    if extra:
        if len(extra) > 1:
            raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "unexpected member {member} (and {count} more)"),
                               member=repr(extra[0]), count=len(extra) - 1))
        raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "unexpected member {member}"), member=repr(extra[0])))
    # What model.json declares must be in the archive before anything is allocated for
    # it: a tiny file must not make the loader build a network of millions of weights.
    for member, (shape, dtype, field) in expected.items():
        need = int(np.prod(shape, dtype=np.int64)) * np.dtype(dtype).itemsize
        if need > _SMALL_ARRAY_BYTES and by_name[member].file_size < need:  # small ones: the .npy reader says more
            raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "member {member} holds {size} bytes, fewer than the {need} its shape {shape} needs"),
                               member=repr(member), size=f"{by_name[member].file_size:,}", need=f"{need:,}",
                               shape=str(tuple(shape))), field)


def _parse(doc: Any) -> tuple[Spec, TimelineSpec | None, list[dict], dict]:
    """What model.json says (the runs' part: modelfile_runs.py), and the members it declares."""
    spec = parse_doc(doc)
    tspec = parse_timeline(doc, spec)
    rspecs = parse_runs(doc)
    return spec, tspec, rspecs, {**spec.members(), **(timeline_members(tspec, spec) if tspec else {}),
                                 **runs_members(rspecs)}


def _load_archive(zf: zipfile.ZipFile) -> Model:
    by_name = _members(zf)
    spec, tspec, rspecs, expected = _parse(_read_json(zf, by_name[JSON_MEMBER]))
    _check_declared(expected, by_name)

    def read(member: str, positive: bool = False, finite: bool = True) -> np.ndarray:
        shape, dtype, field = expected[member]
        arr = _read_npy(zf, by_name[member], shape, dtype, field)
        if finite:
            _check_values(arr, field, positive)
        return arr

    try:
        net = Network(spec.n_inputs, spec.layers, loss=spec.loss, init=spec.init, seed=0, dtype=spec.dtype)
    except ValueError as exc:  # everything Network checks was checked above; keep the net anyway
        raise Invalid(_message_of(exc), "layers") from None
    weights, biases = net.weights, net.biases
    for l in range(net.n_layers):
        weights[l] = read(f"weights/{l}.npy")
        biases[l] = read(f"biases/{l}.npy")

    norms = []
    for which, method in (("x_normalizer", spec.x_method), ("y_normalizer", spec.y_method)):
        norm = Normalizer(method)
        norm.shift = read(f"{which}/shift.npy")
        norm.scale = read(f"{which}/scale.npy", positive=True)
        norms.append(norm)
    if spec.x_fill:
        norms[0].fill = read("x_normalizer/fill.npy")

    # History values may be NaN (no validation split) or inf: they are a record, not parameters.
    cols = {c: read(f"history/{c}.npy", finite=c == "epoch") for c in spec.columns}
    try:
        history = History(train_loss=cols.pop("train_loss"), val_loss=cols.pop("val_loss"),
                          epoch=cols.pop("epoch", None), metrics=cols)
    except ValueError as exc:
        raise Invalid(_message_of(exc), "history.epoch") from None

    timeline = None
    if tspec is not None:   # its own checks: NaN validation losses are a record
        timeline = read_timeline(tspec, spec, lambda member: read(member, finite=False), history.epochs)
    runs, current_run = read_runs(rspecs, lambda member: read(member, finite=False))   # NaN: no value
    try:
        return Model(network=net, feature_names=spec.feature_names, target_names=spec.target_names,
                     class_names=spec.class_names, task=spec.task, x_normalizer=norms[0],
                     y_normalizer=norms[1], training=spec.training, history=history,
                     data_source=spec.data_source, image_shape=spec.image_shape, timeline=timeline,
                     runs=runs, current_run=current_run)
    except ValueError as exc:
        raise Invalid(_message_of(exc)) from None


def load_model(path: str | os.PathLike) -> Model:
    """Read a model file; any problem raises `ModelFileError` naming the file and field."""
    p = os.fspath(path)
    try:
        return _load(p)
    except Invalid as exc:
        raise ModelFileError(p, exc.reason, exc.field) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError,
            UnicodeDecodeError, RuntimeError, NotImplementedError) as exc:
        # A safety net: every known failure above is turned into a message already.
        raise ModelFileError(p, Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "unreadable model file ({detail})"), detail=f"{type(exc).__name__}: {exc}")) from None


# --------------------------------------------------------------------- save
def _json_default(v: Any) -> Any:
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, np.ndarray) and v.dtype.kind in "biuf":
        return v.tolist()
    raise TypeError(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "{type} is not JSON-serialisable"),
                         type=type(v).__name__))


def _history_arrays(history: History) -> dict[str, np.ndarray]:
    """The history's columns as written: train_loss, val_loss, then ``epoch`` if the
    rows are not simply epochs 1..n (a thinned history), then the metrics."""
    out = {"train_loss": np.array(history.train_loss), "val_loss": np.array(history.val_loss)}
    if history.is_thinned:
        out["epoch"] = history.epoch.astype(np.float64)
    for name, values in history.metrics.items():
        if not isinstance(name, str) or not COLUMN_NAME.fullmatch(name) or name in out:
            raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "metric names use letters, digits and _.+- (at most 100) and are not a loss or 'epoch', got {name}"),
                               name=repr(name)), "history.columns")
        out[name] = np.array(values)
    return out


def _version_needed(model: Model, hist: dict) -> int:
    if model.runs:
        return RUNS_VERSION
    if model.timeline is not None and len(model.timeline):
        return TIMELINE_VERSION
    if model.x_normalizer.fill is not None or model.image_shape is not None:
        return 3
    return 2 if "epoch" in hist else 1


def _collect(model: Model) -> tuple[bytes, dict[str, np.ndarray]]:
    """model.json bytes and the array members, both checked as a load would check them."""
    net = model.network
    arrays: dict[str, np.ndarray] = {}
    for l, (W, b) in enumerate(zip(net.weights, net.biases)):
        arrays[f"weights/{l}.npy"] = np.ascontiguousarray(W)
        arrays[f"biases/{l}.npy"] = np.ascontiguousarray(b)
    for which in ("x_normalizer", "y_normalizer"):
        norm = getattr(model, which)
        for stat_name in ("shift", "scale"):
            value = getattr(norm, stat_name)
            if value is None:
                raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "the normalizer is not fitted")), f"{which}.{stat_name}")
            arrays[f"{which}/{stat_name}.npy"] = np.ascontiguousarray(value, dtype=np.float64)
    if model.x_normalizer.fill is not None:
        arrays["x_normalizer/fill.npy"] = np.ascontiguousarray(model.x_normalizer.fill, dtype=np.float64)
    hist = _history_arrays(model.history)
    for name, arr in hist.items():
        arrays[f"history/{name}.npy"] = arr
    timeline = None
    if model.timeline is not None and len(model.timeline):
        timeline, timeline_members_ = timeline_arrays(model.timeline, net.dtype, model.history.epochs)
        arrays.update(timeline_members_)
    runs_doc, runs_members_ = runs_arrays(model.runs, model.current_run)
    arrays.update(runs_members_)

    doc = {
        "format": FORMAT_NAME,
        # The oldest version that holds what this model has, so that older bpgui
        # still reads every file it can.
        "version": _version_needed(model, hist),
        "created_by": f"bpgui {__version__}",
        **net.describe(),
        "task": model.task,
        "feature_names": list(model.feature_names),
        "target_names": list(model.target_names),
        "class_names": None if model.class_names is None else list(model.class_names),
        "x_normalizer": {"method": model.x_normalizer.method,
                         **({"fill": True} if model.x_normalizer.fill is not None else {})},
        "y_normalizer": {"method": model.y_normalizer.method},
        "history": {"epochs": len(model.history), "columns": list(hist)},
        "training": model.training,
        "data_source": model.data_source,
        **({"image_shape": list(model.image_shape)} if model.image_shape is not None else {}),
        **({"timeline": timeline} if timeline is not None else {}),
        **({"runs": runs_doc} if runs_doc else {}),
    }
    doc["layers"] = [{"units": u, "activation": a} for u, a in net.layers]
    try:
        text = json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False, default=_json_default)
    except (TypeError, ValueError) as exc:
        bad = next((k for k in ("training", "data_source") if not _serialisable(doc[k])), None)
        raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "cannot be written as JSON ({detail})"), detail=_message_of(exc)), bad) from None
    # Check what we are about to write exactly as load_model will.
    for member, (shape, dtype, field) in _parse(json.loads(text))[3].items():
        arr = arrays[member]
        if arr.shape != shape or arr.dtype != np.dtype(dtype):
            raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "expected {dtype} {shape}, got {got_dtype} {got_shape}"), dtype=str(dtype),
                               shape=str(shape), got_dtype=str(arr.dtype), got_shape=str(arr.shape)), field)
        if not member.startswith(("history/", "timeline/", "runs/")):   # the timeline's were checked as collected
            _check_values(arr, field, positive=member.endswith("/scale.npy"))
    raw = text.encode("utf-8")
    if len(raw) > MAX_JSON_BYTES:
        raise Invalid(Text("modelfile", QT_TRANSLATE_NOOP("modelfile", "{member} would be {size} bytes; the limit is {limit}"),
                           member=JSON_MEMBER, size=f"{len(raw):,}", limit=f"{MAX_JSON_BYTES:,}"))
    return raw, arrays


def _serialisable(value: Any) -> bool:
    try:
        json.dumps(value, allow_nan=False, default=_json_default)
        return True
    except (TypeError, ValueError):
        return False


def _write_npy(zf: zipfile.ZipFile, name: str, arr: np.ndarray) -> None:
    # Little-endian on every machine, so the file reads the same everywhere.
    arr = arr.astype(arr.dtype.newbyteorder("<"), copy=False)
    with zf.open(name, "w", force_zip64=arr.nbytes > 2**30) as out:
        np.lib.format.write_array(out, arr, version=(1, 0), allow_pickle=False)


def _write_archive(fh: BinaryIO, json_bytes: bytes, arrays: dict[str, np.ndarray]) -> None:
    # Arrays are stored uncompressed: weights and loss curves hardly compress
    # (about 5%) and deflating them costs ~0.3 s per million values.
    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        zf.writestr(JSON_MEMBER, json_bytes, compress_type=zipfile.ZIP_DEFLATED)
        for name, arr in arrays.items():
            _write_npy(zf, name, arr)


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write(fh)`` on a temporary file beside ``path``, fsync it, rename it over ``path``.

    On any error the temporary file is removed and an existing ``path`` is
    left untouched.  An existing file's permission bits are kept.
    """
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(directory, f".{os.path.basename(path)}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:  # name the file the user asked for, not our temporary
        raise type(exc)(exc.errno, exc.strerror, path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
        except OSError:
            pass  # no previous file (or no permission to read it): keep the umask default
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and exc.filename == tmp:  # name the user's file, not ours
            raise type(exc)(exc.errno, exc.strerror, path) from None
        raise
    try:  # make the rename itself durable (POSIX; not possible on Windows)
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def save_model(model: Model, path: str | os.PathLike) -> None:
    """Write ``model`` to ``path`` atomically (the previous file survives a failed save).

    Raises `ModelFileError` if the model holds something a model file cannot
    (non-finite weights, settings that are not JSON, ...).  Tuples in the
    training settings and data source come back as lists.
    """
    p = os.fspath(path)
    if os.path.isdir(p):
        raise ModelFileError(p, _DIRECTORY(), saving=True)
    try:
        json_bytes, arrays = _collect(model)
    except Invalid as exc:
        raise ModelFileError(p, exc.reason, exc.field, saving=True) from None
    atomic_write(p, lambda fh: _write_archive(fh, json_bytes, arrays))
