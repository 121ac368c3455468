"""The model file's ``model.json``: every field checked for type and range.

`parse_doc` turns the JSON object into a `Spec` (what the file says it holds),
or raises `Invalid` naming the field; modelfile.py reads the arrays the spec
declares and turns `Invalid` into a ModelFileError naming the file.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .activations import ACTIVATIONS
from .dataset import TASKS
from .initializers import INITIALIZERS
from .losses import LOSSES, check_output_layer, check_pair
from .network import DTYPES, MAX_PARAMETERS, parameter_count
from .preprocessing import NORMALIZATIONS
from .registry import lookup
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "JSON_MEMBER", "MAX_HISTORY_EPOCHS", "MAX_HISTORY_COLUMNS",
           "MAX_HISTORY_VALUES", "COLUMN_NAME", "Invalid", "Spec", "parse_doc", "describe_value", "is_int"]

FORMAT_NAME = "bpgui-model"
# 2: the history column 'epoch'; 3: x_normalizer.fill, image_shape; 4: timeline; 5: runs
# (docs/model-format.md)
FORMAT_VERSION = 5
JSON_MEMBER = "model.json"

# Limits that keep a hostile or broken file from exhausting memory.  They are
# far above anything the program makes (MAX_PARAMETERS comes from Network).
MAX_HISTORY_EPOCHS = 50_000_000        # 400 MB per float64 column
MAX_HISTORY_COLUMNS = 256
MAX_HISTORY_VALUES = 250_000_000       # all columns together: 2 GB
COLUMN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.+-]{0,99}")

_TOP_FIELDS = ("format", "version", "created_by", "n_inputs", "layers", "loss", "init", "dtype",
               "task", "feature_names", "target_names", "class_names", "x_normalizer",
               "y_normalizer", "history", "training", "data_source")
# "timeline" is read by modelfile_timeline.py, "runs" by modelfile_runs.py.
_OPTIONAL_FIELDS = ("created_by", "image_shape", "timeline", "runs")


class Invalid(Exception):
    """Raised inside the parser; turned into ModelFileError with the path."""

    def __init__(self, reason: str, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


@dataclass
class Spec:
    """Everything model.json says, checked."""

    n_inputs: int
    layers: list[tuple[int, str]]
    loss: str
    init: str
    dtype: str
    task: str
    feature_names: list[str]
    target_names: list[str]
    class_names: list[str] | None
    x_method: str
    y_method: str
    epochs: int
    columns: list[str]
    training: dict
    data_source: dict
    x_fill: bool = False                       # x_normalizer/fill.npy: column means for missing inputs
    image_shape: tuple[int, int] | None = None

    @property
    def sizes(self) -> list[int]:
        return [self.n_inputs] + [u for u, _ in self.layers]

    @property
    def n_params(self) -> int:
        return parameter_count(self.sizes)

    def members(self) -> dict[str, tuple[tuple[int, ...], str, str]]:
        """Array member name -> (shape, dtype name, field name for messages)."""
        sizes = self.sizes
        out: dict[str, tuple[tuple[int, ...], str, str]] = {}
        for l, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            out[f"weights/{l}.npy"] = ((fan_in, fan_out), self.dtype, f"weights[{l}]")
        for l, fan_out in enumerate(sizes[1:]):
            out[f"biases/{l}.npy"] = ((fan_out,), self.dtype, f"biases[{l}]")
        for which, n in (("x_normalizer", sizes[0]), ("y_normalizer", sizes[-1])):
            for stat_name in ("shift", "scale"):
                out[f"{which}/{stat_name}.npy"] = ((n,), "float64", f"{which}.{stat_name}")
        if self.x_fill:
            out["x_normalizer/fill.npy"] = ((sizes[0],), "float64", "x_normalizer.fill")
        for col in self.columns:
            out[f"history/{col}.npy"] = ((self.epochs,), "float64", f"history.{col}")
        return out


def describe_value(v: Any) -> str:
    text = json.dumps(v) if isinstance(v, (dict, list, str, bool, type(None))) else repr(v)
    return text if len(text) <= 60 else text[:57] + "..."


def _reason(exc: BaseException) -> str:
    """``str(exc)``, kept a ``Text`` when it is one (so the window can translate it)."""
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Text) else str(exc)


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _pos_int(v: Any, field: str) -> int:
    if not is_int(v) or v < 1:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "expected a positive integer, got {got}"), got=describe_value(v)), field)
    return v


def _choice(v: Any, field: str, registry, what: str) -> str:
    if not isinstance(v, str):
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "expected a string naming {what}, got {got}"),
                what=what, got=describe_value(v)), field)
    try:
        lookup(dict.fromkeys(registry), v, what)
    except ValueError as exc:
        raise Invalid(_reason(exc), field) from None
    return v


def _names(v: Any, field: str, length: int) -> list[str]:
    if not isinstance(v, list):
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "expected a list of {length} strings, got {got}"),
                length=length, got=describe_value(v)), field)
    for i, s in enumerate(v):
        if not isinstance(s, str):
            raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                    "modelfile_schema", "expected a string, got {got}"), got=describe_value(s)), f"{field}[{i}]")
    if len(v) != length:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "expected {length} names, got {count}"), length=length, count=len(v)), field)
    return list(v)


def _obj(v: Any, field: str) -> dict:
    if not isinstance(v, dict):
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "expected an object, got {got}"), got=describe_value(v)), field)
    return v


def _keys(d: dict, field: str | None, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> None:
    prefix = f"{field}." if field else ""
    for key in required:
        if key not in d and key not in optional:
            raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP("modelfile_schema", "missing")), prefix + key)
    for key in d:
        if key not in required and key not in optional:
            raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                    "modelfile_schema", "unexpected field (this version reads format {version})"),
                    version=FORMAT_VERSION), prefix + key)


def _check_header(doc: Any) -> None:
    """Format name and version, checked before anything else."""
    if not isinstance(doc, dict):
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "{member} must hold a JSON object, got {got}"),
                member=JSON_MEMBER, got=describe_value(doc)))
    if doc.get("format") != FORMAT_NAME:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "not a bpgui model (expected {expected}, got {got})"),
                expected=repr(FORMAT_NAME), got=describe_value(doc.get('format'))),
                       "format")
    version = doc.get("version")
    if not is_int(version) or version < 1:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "expected a format version (a positive integer), got {got}"),
                got=describe_value(version)), "version")
    if version > FORMAT_VERSION:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "made by a newer bpgui (format {version}); this version reads formats 1 to {latest}: upgrade bpgui"),
                version=version, latest=FORMAT_VERSION))


def _layers(doc: dict) -> list[tuple[int, str]]:
    raw_layers = doc["layers"]
    if not isinstance(raw_layers, list) or not raw_layers:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "expected a non-empty list of layers, got {got}"),
                got=describe_value(raw_layers)), "layers")
    layers: list[tuple[int, str]] = []
    for i, layer in enumerate(raw_layers):
        field = f"layers[{i}]"
        _keys(_obj(layer, field), field, ("units", "activation"))
        units = _pos_int(layer["units"], f"{field}.units")
        act = _choice(layer["activation"], f"{field}.activation", ACTIVATIONS, "activation")
        layers.append((units, act))
    return layers


def _output_loss(doc: dict, layers: list[tuple[int, str]]) -> str:
    loss = _choice(doc["loss"], "loss", LOSSES, "loss")
    units, act = layers[-1]
    try:
        check_pair(act, loss)
    except ValueError as exc:
        raise Invalid(_reason(exc), "loss") from None
    try:
        check_output_layer(act, units, loss)
    except ValueError as exc:
        raise Invalid(_reason(exc), f"layers[{len(layers) - 1}].units") from None
    return loss


def _class_names(doc: dict, n_outputs: int) -> list[str] | None:
    class_names = doc["class_names"]
    if class_names is None:
        return None
    # One output: a 0/1 probability of class_names[1]; more: one column per class.
    class_names = _names(class_names, "class_names", 2 if n_outputs == 1 else n_outputs)
    if len(set(class_names)) != len(class_names):
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "class names must be distinct")), "class_names")
    return class_names


def _history(doc: dict) -> tuple[int, list[str]]:
    hist = _obj(doc["history"], "history")
    _keys(hist, "history", ("epochs", "columns"))
    epochs = hist["epochs"]
    if not is_int(epochs) or epochs < 0:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "expected a non-negative integer, got {got}"),
                got=describe_value(epochs)), "history.epochs")
    if epochs > MAX_HISTORY_EPOCHS:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "{epochs} epochs; the limit is {limit}"),
                epochs=f"{epochs:,}", limit=f"{MAX_HISTORY_EPOCHS:,}"), "history.epochs")
    columns = hist["columns"]
    if not isinstance(columns, list) or len(columns) > MAX_HISTORY_COLUMNS:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "expected a list of at most {most} column names, got {got}"),
                most=MAX_HISTORY_COLUMNS, got=describe_value(columns)), "history.columns")
    for i, col in enumerate(columns):
        if not isinstance(col, str) or not COLUMN_NAME.fullmatch(col):
            raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                    "modelfile_schema", "expected a column name of letters, digits and _.+- (at most 100), got {got}"),
                    got=describe_value(col)), f"history.columns[{i}]")
    if columns[:2] != ["train_loss", "val_loss"]:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "must start with 'train_loss', 'val_loss'")), "history.columns")
    if "epoch" in columns and doc["version"] < 2:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "an 'epoch' column needs format version 2")), "history.columns")
    if len(set(columns)) != len(columns):
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "column names repeat")), "history.columns")
    if epochs * len(columns) > MAX_HISTORY_VALUES:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "{values} values; the limit is {limit}"),
                values=f"{epochs * len(columns):,}", limit=f"{MAX_HISTORY_VALUES:,}"), "history")
    return epochs, list(columns)


def parse_doc(doc: Any) -> Spec:
    """Check every field of model.json; return what it says."""
    _check_header(doc)
    _keys(doc, None, _TOP_FIELDS, _OPTIONAL_FIELDS)
    if "created_by" in doc and not isinstance(doc["created_by"], str):
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "expected a string, got {got}"),
                got=describe_value(doc['created_by'])), "created_by")

    n_inputs = _pos_int(doc["n_inputs"], "n_inputs")
    layers = _layers(doc)
    loss = _output_loss(doc, layers)
    init = _choice(doc["init"], "init", INITIALIZERS, "initializer")
    dtype = _choice(doc["dtype"], "dtype", DTYPES, "dtype")
    # Python ints: no overflow, and nothing is allocated yet.
    sizes = [n_inputs] + [u for u, _ in layers]
    n_params = parameter_count(sizes)
    if n_params > MAX_PARAMETERS:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "the network would have {params} parameters; the limit is {limit}"),
                params=f"{n_params:,}", limit=f"{MAX_PARAMETERS:,}"),
                      "layers")

    task = _choice(doc["task"], "task", TASKS, "task")
    feature_names = _names(doc["feature_names"], "feature_names", n_inputs)
    target_names = _names(doc["target_names"], "target_names", sizes[-1])
    class_names = _class_names(doc, sizes[-1])
    methods = []
    for which in ("x_normalizer", "y_normalizer"):
        norm = _obj(doc[which], which)
        _keys(norm, which, ("method",), ("fill",) if which == "x_normalizer" else ())
        methods.append(_choice(norm["method"], f"{which}.method", NORMALIZATIONS, "normalization"))
    x_fill = doc["x_normalizer"].get("fill", False)
    if not isinstance(x_fill, bool):
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "expected true or false, got {got}"),
                got=describe_value(x_fill)), "x_normalizer.fill")
    epochs, columns = _history(doc)
    training = _obj(doc["training"], "training")
    data_source = _obj(doc["data_source"], "data_source")
    return Spec(n_inputs, layers, loss, init, dtype, task, feature_names, target_names, class_names,
                methods[0], methods[1], epochs, columns, training, data_source, x_fill,
                _image_shape(doc.get("image_shape"), n_inputs))


def _image_shape(v: Any, n_inputs: int) -> tuple[int, int] | None:
    if v is None:
        return None
    if not (isinstance(v, list) and len(v) == 2 and all(is_int(k) and k > 0 for k in v)):
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "expected [width, height], two positive integers, got {got}"),
                got=describe_value(v)), "image_shape")
    if v[0] * v[1] != n_inputs:
        raise Invalid(Text("modelfile_schema", QT_TRANSLATE_NOOP(
                "modelfile_schema", "a {width} x {height} image has {pixels} pixels, but the network has {inputs} inputs"),
                width=v[0], height=v[1], pixels=v[0] * v[1], inputs=n_inputs), "image_shape")
    return v[0], v[1]
