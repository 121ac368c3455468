"""Lessons: a short text on what to look at, with its data, settings and network ready.

A lesson is one Markdown file in resources/lessons/ whose header, between two
``+++`` lines, is TOML (read with the standard library's ``tomllib``)::

    +++
    title = "An AND gate"
    order = 2                          # where it comes in the Lessons menu
    [data]
    builtin = "gate:and"               # or inline rows, below
    [settings]                         # TrainingSettings fields, checked as a model file's are
    hidden = []
    optimizer = "sgd"
    [weights]                          # optional: each layer's W (fan_in x fan_out) and b
    W = [[[0.1], [0.2]]]
    b = [[0.0]]
    +++
    The text, in Markdown.

Inline data: ``features``, ``rows`` (the inputs, then the targets) and either
``targets`` (numbers: regression) or ``target`` with ``classes`` (the last
column holds a class name).  Adding a lesson needs no code; a bad file gets
one message naming it and the field.

A translation, resources/lessons/<language>/<same name>.md (``zh_CN``), holds
only a header with the ``title`` and the translated text: the data, settings and
weights are read from the English file, so they cannot disagree.  The window
passes its language in (this layer has no Qt); a lesson not translated yet, or a
translation that cannot be read, gives the English.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from bpgui.core import DataError, Dataset, Session, TrainingSettings, builtin_dataset
from bpgui.resource_files import resource

__all__ = ["Lesson", "LessonError", "lessons", "load_lesson", "lesson_named", "lesson_dataset", "translated"]

HEADER_FENCE = "+++"


class LessonError(ValueError):
    """A lesson file that cannot be read; the message names the file and the field."""


@dataclass(frozen=True)
class Lesson:
    key: str                  # the file name without .md: what a model's data source records
    title: str
    order: int
    text: str                 # Markdown
    dataset: Dataset
    settings: TrainingSettings
    weights: list[np.ndarray] | None = None
    biases: list[np.ndarray] | None = None

    def session(self) -> Session:
        """A session of the lesson's network on its data, with the lesson's weights if it gives them."""
        try:
            session = Session(self.dataset, TrainingSettings.from_dict(self.settings.to_dict()))
            if self.weights is not None:
                net = session.model.network
                net.weights = self.weights
                net.biases = self.biases
        except ValueError as exc:
            raise LessonError(f"lesson {self.key}: {exc}") from None
        return session


def lessons(problems: list[str] | None = None, language: str = "en") -> list[Lesson]:
    """Every lesson of resources/lessons/, in their ``order``, in ``language`` where translated.
    With a ``problems`` list, a file that cannot be read adds its message there and is left
    out; without, it raises."""
    found = []
    for f in resource("lessons").iterdir():
        if not f.name.endswith(".md"):
            continue
        try:
            lesson = load_lesson(f.name.removesuffix(".md"), f.read_text(encoding="utf-8"))
        except (LessonError, UnicodeDecodeError) as exc:
            if problems is None:
                raise
            problems.append(str(exc))
            continue
        found.append(translated(lesson, language))
    return sorted(found, key=lambda lesson: (lesson.order, lesson.key))


def lesson_named(key: str, language: str = "en") -> Lesson:
    path = resource("lessons", f"{key}.md")
    if not path.is_file():
        raise LessonError(f"there is no lesson {key!r}")
    return translated(load_lesson(key, path.read_text(encoding="utf-8")), language)


def lesson_dataset(key: str) -> Dataset:
    """The data of lesson ``key`` (how a saved lesson network finds its data again)."""
    return lesson_named(key).dataset


def translated(lesson: Lesson, language: str) -> Lesson:
    """``lesson`` with the title and text of resources/lessons/<language>/<key>.md, when that
    file is there and readable; else as it is (English)."""
    path = resource("lessons", language, f"{lesson.key}.md") if language and language != "en" else None
    if path is None or not path.is_file():
        return lesson
    try:
        header, text = _split(path.read_text(encoding="utf-8"), f"lesson {language}/{lesson.key}")
        title = tomllib.loads(header).get("title")
    except (LessonError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return lesson   # a damaged translation must not hide the lesson
    if not isinstance(title, str) or not title or not text.strip():
        return lesson
    return replace(lesson, title=title, text=text.strip())


def load_lesson(key: str, content: str) -> Lesson:
    """The lesson a file holds (``key``: its name, for messages and the data's source)."""
    where = f"lesson {key}"
    header, text = _split(content, where)
    try:
        head = tomllib.loads(header)
    except tomllib.TOMLDecodeError as exc:
        raise LessonError(f"{where}: the header is not TOML: {exc}") from None
    title = head.get("title")
    if not isinstance(title, str) or not title:
        raise LessonError(f"{where}: the header needs a title")
    order = head.get("order", 100)
    if not isinstance(order, int):
        raise LessonError(f"{where}: order must be a whole number, got {order!r}")
    try:
        settings = TrainingSettings.from_dict(head.get("settings", {}))
    except ValueError as exc:
        raise LessonError(f"{where}, [settings]: {exc}") from None
    dataset = _dataset(head.get("data"), key, title, where)
    weights, biases = _parameters(head.get("weights"), where)
    return Lesson(key=key, title=title, order=order, text=text.strip(), dataset=dataset, settings=settings,
                  weights=weights, biases=biases)


def _split(content: str, where: str) -> tuple[str, str]:
    lines = content.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != HEADER_FENCE:
        raise LessonError(f"{where}: the file must start with a {HEADER_FENCE} line, then the TOML header")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == HEADER_FENCE)
    except StopIteration:
        raise LessonError(f"{where}: the header has no closing {HEADER_FENCE} line") from None
    return "\n".join(lines[1:end]), "\n".join(lines[end + 1:])


def _dataset(data: Any, key: str, title: str, where: str) -> Dataset:
    if not isinstance(data, dict):
        raise LessonError(f"{where}: the header needs a [data] table")
    try:
        if "builtin" in data:
            return builtin_dataset(str(data["builtin"]))
        return _inline(data, key, title)
    except (DataError, KeyError, TypeError, ValueError) as exc:
        raise LessonError(f"{where}, [data]: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    return f"{exc.args[0]!r} is missing" if isinstance(exc, KeyError) else str(exc)


def _inline(data: dict, key: str, title: str) -> Dataset:
    features = [str(f) for f in data["features"]]
    rows = data["rows"]
    n = len(features)
    source = {"kind": "lesson", "name": key}
    if "classes" in data:
        classes = [str(c) for c in data["classes"]]
        X = np.array([r[:n] for r in rows], dtype=np.float64)
        labels = [str(r[n]) for r in rows]
        unknown = sorted(set(labels) - set(classes))
        if unknown or any(len(r) != n + 1 for r in rows):
            raise ValueError(f"each row needs {n} inputs and one of the classes {classes}")
        index = np.array([classes.index(c) for c in labels])
        target = str(data.get("target", "label"))
        if len(classes) == 2:   # one 0/1 column, as load_csv reads two labels
            return Dataset(X, (index == 1).astype(float)[:, None], features, [target], classes, "binary",
                           source, title)
        Y = (index[:, None] == np.arange(len(classes))[None, :]).astype(float)
        return Dataset(X, Y, features, [f"{target}={c}" for c in classes], classes, "multiclass", source, title)
    targets = [str(t) for t in data["targets"]]
    table = np.array(rows, dtype=np.float64)
    if table.ndim != 2 or table.shape[1] != n + len(targets):
        raise ValueError(f"each row needs {n} inputs and {len(targets)} target(s)")
    return Dataset(table[:, :n], table[:, n:], features, targets, None, "regression", source, title)


def _parameters(table: Any, where: str) -> tuple[list[np.ndarray] | None, list[np.ndarray] | None]:
    if table is None:
        return None, None
    try:
        weights = [np.array(W, dtype=np.float64) for W in table["W"]]
        biases = [np.array(b, dtype=np.float64) for b in table["b"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise LessonError(f"{where}, [weights]: {_reason(exc)} (W: each layer's fan_in x fan_out rows; "
                          "b: each layer's fan_out numbers)") from None
    return weights, biases
