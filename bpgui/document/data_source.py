"""Where a document's data comes from, and loading it again.

A ``Dataset`` records its origin in ``Dataset.source`` (a gate, a toy set
with its sample count, noise and seed, a CSV file with its columns, or
painted points, which it holds themselves, or a lesson); a model file keeps that dict, so
a reopened model can find its data.
"""
from __future__ import annotations

import os
from typing import Any

from bpgui.core import DataError, Dataset, builtin_dataset, load_csv
from bpgui.core.painted_data import PaintedPoints
from bpgui.core.translatable import QT_TRANSLATE_NOOP, Text

from .lesson import LessonError, lesson_dataset
from .refusal import message_of


def load_source(source: dict[str, Any]) -> Dataset:
    """The data ``source`` describes; raises ``DataError`` in plain words."""
    kind = source.get("kind")
    try:
        if kind == "gate":
            return builtin_dataset(f"gate:{source['name']}")
        if kind == "toy":
            return builtin_dataset(f"toy:{source['name']}", n_samples=int(source.get("n_samples", 200)),
                                   noise=float(source.get("noise", 0.1)), seed=int(source.get("seed", 0)))
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise DataError(Text("data_source", QT_TRANSLATE_NOOP("data_source", "the data source {source} cannot be rebuilt: {reason}"),
                              source=repr(source), reason=message_of(exc))) from None
    if kind == "csv":
        path = str(source.get("path", ""))
        if not os.path.exists(path):
            raise DataError(Text("data_source", QT_TRANSLATE_NOOP("data_source", "the data file no longer exists")), path=path)
        return load_csv(path, target=source.get("target"), features=source.get("features"),
                        one_hot_features=source.get("one_hot_features", True), delimiter=source.get("delimiter"),
                        task=source.get("task"), skip_rows=source.get("skip_rows", 0),
                        missing=source.get("missing", "refuse"), encoding=source.get("encoding"),
                        image_shape=source.get("image_shape"))
    if kind == "painted":
        return PaintedPoints.from_source(source).dataset()
    if kind == "lesson":   # a lesson's own rows, from its file
        try:
            return lesson_dataset(str(source["name"]))
        except (KeyError, LessonError) as exc:
            raise DataError(Text("data_source", QT_TRANSLATE_NOOP("data_source", "the lesson's data cannot be found: {reason}"),
                                  reason=message_of(exc))) from None
    raise DataError(Text("data_source", QT_TRANSLATE_NOOP("data_source", "the model does not say where its data came from ({source})"),
                          source=repr(source)))


def describe_source(source: dict[str, Any]) -> str:
    """One line for messages: ``xor gate``, ``toy set spiral``, ``iris.csv``."""
    kind = source.get("kind")
    if kind == "gate":
        return Text("data_source", QT_TRANSLATE_NOOP("data_source", "{gate} gate"), gate=source.get("name"))
    if kind == "toy":
        return Text("data_source", QT_TRANSLATE_NOOP("data_source", "toy set {name}"), name=source.get("name"))
    if kind == "csv":
        return os.path.basename(str(source.get("path", "")))
    if kind == "painted":
        return Text("data_source", QT_TRANSLATE_NOOP("data_source", "painted data"))
    if kind == "lesson":
        return Text("data_source", QT_TRANSLATE_NOOP("data_source", "lesson {name}"), name=source.get("name"))
    return Text("data_source", QT_TRANSLATE_NOOP("data_source", "unknown data"))


def same_columns(a: Dataset, b) -> bool:
    """Whether ``b`` (a Dataset or a Model) has ``a``'s features, targets and classes,
    so a network trained on one goes on training on the other."""
    return (list(a.feature_names) == list(b.feature_names) and list(a.target_names) == list(b.target_names)
            and a.class_names == b.class_names)
