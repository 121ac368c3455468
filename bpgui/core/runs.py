"""Training runs a session keeps: each run's curves and the settings it trained with.

A ``Run`` is one network's training as it was recorded: its history columns
(epochs, train/validation loss, metrics), the settings of each stretch of
training (``Segment``: one Train press until the run ended; only the learning
rate can change mid-way, so a segment keeps the settings it started with and
the learning rate it ended with), and where it branched off another run
(``BranchPoint``), if it did.  Runs are immutable: the functions below return
new tuples, so a document's versions can share them and undo them.

``key`` tells runs apart within one session (names can be renamed); it is
not saved: a file's runs get new keys when they are opened.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterable

import numpy as np

from .history import History
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["Run", "Segment", "BranchPoint", "unique_name", "upsert_run", "rename_run", "set_run_hidden",
           "delete_runs", "MAX_RUN_NAME"]

MAX_RUN_NAME = 100


@dataclass(frozen=True)
class BranchPoint:
    run: str      # the run it branched off (its name)
    epoch: int    # the checkpoint it went on from


@dataclass(frozen=True)
class Segment:
    first_epoch: int
    last_epoch: int
    settings: dict[str, Any]   # TrainingSettings.to_dict() as the stretch started
    final_lr: float            # the learning rate it ended with (changed mid-run, or the settings')

    def continues_with(self, other: "Segment") -> bool:
        """Whether ``other`` goes straight on from this stretch with the same settings."""
        return (other.first_epoch == self.last_epoch + 1 and other.settings == self.settings
                and self.final_lr == self.settings.get("lr") == other.final_lr)


@dataclass(frozen=True, eq=False)
class Run:
    name: str
    segments: tuple[Segment, ...]
    branch: BranchPoint | None
    epoch: np.ndarray
    train_loss: np.ndarray
    val_loss: np.ndarray
    metrics: dict[str, np.ndarray] = field(default_factory=dict)
    hidden: bool = False
    key: int = 0

    @classmethod
    def from_history(cls, name: str, history: History, segments: Iterable[Segment] = (),
                     branch: BranchPoint | None = None, key: int = 0) -> "Run":
        """A run holding a copy of ``history``'s columns."""
        return cls(name=name, segments=tuple(segments), branch=branch, epoch=history.epoch.copy(),
                   train_loss=history.train_loss.copy(), val_loss=history.val_loss.copy(),
                   metrics={k: v.copy() for k, v in history.metrics.items()}, key=key)

    @property
    def epochs(self) -> int:
        """Epochs trained (the last row's epoch)."""
        return int(self.epoch[-1]) if len(self.epoch) else 0

    @property
    def settings(self) -> dict[str, Any]:
        """The settings it started with (empty for a run recorded without any)."""
        return self.segments[0].settings if self.segments else {}

    def column(self, key: str) -> np.ndarray | None:
        return {"train_loss": self.train_loss, "val_loss": self.val_loss}.get(key, self.metrics.get(key))

    def keys(self) -> list[str]:
        return ["train_loss", "val_loss", *self.metrics]

    def with_data_of(self, newer: "Run") -> "Run":
        """``newer``'s curves and segments under this run's name and visibility."""
        return replace(newer, name=self.name, hidden=self.hidden, key=self.key)

    def continued(self, history: History, segment: Segment | None) -> "Run":
        """This run with ``history``'s columns and one more stretch of training."""
        segments = list(self.segments)
        if segment is not None:
            if segments and segments[-1].continues_with(segment):
                segment = replace(segments.pop(), last_epoch=segment.last_epoch)
            segments.append(segment)
        newer = Run.from_history(self.name, history, segments, self.branch, self.key)
        return self.with_data_of(newer)

    def describe(self) -> str:
        """What tells it apart in a legend: optimizer, learning rate, initialiser, seed,
        branch point (a change of optimizer or learning rate within the run as a → b); a marked
        text (core/translatable.py) that the window shows translated."""
        settings = branch = None
        if self.segments:
            optimizers = _distinct(s.settings.get("optimizer", "?") for s in self.segments)
            rates = _distinct(f"{lr:g}" for s in self.segments for lr in (s.settings.get("lr", 0.0), s.final_lr))
            first = self.segments[0].settings
            settings = Text("runs", QT_TRANSLATE_NOOP("runs", "{optimizers}, lr {rates}, {init}, seed {seed}"),
                            optimizers="→".join(optimizers), rates="→".join(rates), init=str(first.get("init", "?")),
                            seed=str(first.get("seed", "?")))
        if self.branch is not None:
            branch = Text("runs", QT_TRANSLATE_NOOP("runs", "from {run} @ {epoch}"), run=self.branch.run,
                          epoch=self.branch.epoch)
        if settings is not None and branch is not None:
            return Text("runs", QT_TRANSLATE_NOOP("runs", "{settings}, {branch}"), settings=settings, branch=branch)
        return settings if settings is not None else branch if branch is not None else ""


def _distinct(values: Iterable[str]) -> list[str]:
    """The values in order, each repeat of the one before left out."""
    out: list[str] = []
    for v in values:
        if not out or out[-1] != v:
            out.append(v)
    return out


def unique_name(base: str, taken: Iterable[str]) -> str:
    """``base``, or ``base (2)``, ``base (3)``... whichever no run has yet."""
    taken = set(taken)
    base = base.strip()[:MAX_RUN_NAME] or "run"
    if base not in taken:
        return base
    n = 2
    while f"{base} ({n})" in taken:
        n += 1
    return f"{base} ({n})"


def upsert_run(runs: tuple[Run, ...], run: Run) -> tuple[Run, ...]:
    """``runs`` with ``run``'s curves in the run of its key (keeping that run's name
    and visibility), or with ``run`` added at the end."""
    for i, old in enumerate(runs):
        if old.key == run.key:
            return runs[:i] + (old.with_data_of(run),) + runs[i + 1:]
    return runs + (run,)


def rename_run(runs: tuple[Run, ...], key: int, name: str) -> tuple[Run, ...]:
    """The run ``key`` named ``name``; the runs that branched off it follow the new name.
    A ValueError says why a name cannot be used."""
    name = name.strip()
    if not name:
        raise ValueError(Text("runs", QT_TRANSLATE_NOOP("runs", "A run needs a name.")))
    if len(name) > MAX_RUN_NAME:
        raise ValueError(Text("runs", QT_TRANSLATE_NOOP("runs", "A run's name has at most {count} characters."),
                              count=MAX_RUN_NAME))
    old = next(r.name for r in runs if r.key == key)
    if name != old and any(r.name == name for r in runs):
        raise ValueError(Text("runs", QT_TRANSLATE_NOOP("runs", "There is a run named {name} already."), name=repr(name)))
    out = []
    for r in runs:
        if r.branch is not None and r.branch.run == old:
            r = replace(r, branch=replace(r.branch, run=name))
        out.append(replace(r, name=name) if r.key == key else r)
    return tuple(out)


def set_run_hidden(runs: tuple[Run, ...], key: int, hidden: bool) -> tuple[Run, ...]:
    return tuple(replace(r, hidden=hidden) if r.key == key else r for r in runs)


def delete_runs(runs: tuple[Run, ...], keys: Iterable[int]) -> tuple[Run, ...]:
    keys = set(keys)
    return tuple(r for r in runs if r.key not in keys)
