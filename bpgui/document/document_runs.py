"""The document's runs: recorded as training ends, renamed, hidden, deleted, branched.

``Document`` takes these methods from ``RunsMixin``.  Every version of the
document (``State``) holds the tuple of kept runs (``bpgui.core.runs``):

* **Training records, it does not edit.**  When a run ends the network's
  history goes into its run (``run_finished``), in the current version and in
  every version the undo history keeps, so no undo or redo loses what was
  trained.  Runs of a comparison are kept the same way (``keep_run``).
* **Rename, hide, delete and branch are edits**: Undo takes them back.
* **Branching** (``branch_at``) keeps the current run as it is and makes a new
  network from the timeline's checkpoint: weights, optimizer moments,
  shuffling and counts as they were then (``Session.rewind``), the history cut
  there and the timeline ending there; the next training is recorded as a new
  run that says where it branched off.
"""
from __future__ import annotations

import copy
from dataclasses import replace
from typing import TYPE_CHECKING

from bpgui.core import DataError
from bpgui.core.runs import (BranchPoint, Run, Segment, delete_runs, rename_run, set_run_hidden, unique_name,
                             upsert_run)
from bpgui.core.translatable import Text

from .edit_name import QT_TRANSLATE_NOOP, EditName
from .model_copy import copy_model
from .refusal import ChangeRefused, message_of

if TYPE_CHECKING:
    from bpgui.core import Model

__all__ = ["RunsMixin"]


class RunsMixin:
    """Runs for ``Document`` (it provides ``_state``, ``_undo``, ``_commit``, ``_continued``, ``_notify``)."""

    _run_start: tuple | None = None       # (model, first epoch, settings) of the run going on
    _initial: tuple | None = None         # (model, parameters) before its first epoch
    _last_key = 0

    # ----------------------------------------------------------------- reading
    @property
    def runs(self) -> tuple[Run, ...]:
        return self._state.runs

    def run(self, key: int) -> Run:
        return next(r for r in self._state.runs if r.key == key)

    @property
    def live_run(self) -> Run | None:
        """The run the current network's training is recorded in (None until it ends once)."""
        key = self._state.live_run
        return next((r for r in self._state.runs if r.key == key), None)

    @property
    def branch_point(self) -> BranchPoint | None:
        """Where the current network branched off a run (None: it did not)."""
        return self._state.branch

    def initial_parameters(self):
        """The current network's weights before its first epoch (the timeline's epoch 0,
        or as they were when training started), or None when they were not kept."""
        model = self._state.model
        timeline = model.timeline
        if timeline is not None and timeline.first_epoch == 0:
            return timeline.checkpoint(0).parameters.copy()
        if model.history.epochs == 0:
            return model.network.parameters.copy()
        if self._initial is not None and self._initial[0] is model:
            return self._initial[1].copy()
        return None

    # -------------------------------------------------------------- recording
    def run_started(self) -> None:
        """A run of the current session begins: remember its settings and first epoch."""
        state = self._state
        if state.session is None:
            self._run_start = None
            return
        model = state.model
        if model.history.epochs == 0:
            self._initial = (model, model.network.parameters.copy())
        self._run_start = (model, model.history.epochs + 1, state.session.settings.to_dict())

    def run_finished(self) -> Run | None:
        """The run that began at ``run_started`` ended: record the network's history in
        its run (a new one the first time).  Returns the run, or None if nothing was trained."""
        state, start = self._state, self._run_start
        self._run_start = None
        model = state.model
        if start is None or start[0] is not model or model.history.epochs < start[1]:
            return None
        lr = state.session.trainer.lr if state.session is not None else start[2]["lr"]
        segment = Segment(start[1], model.history.epochs, start[2], float(lr))
        live = self.live_run
        if live is None:
            name = unique_name(f"run {self._last_key + 1}", (r.name for r in state.runs))
            live = Run.from_history(name, model.history, (), state.branch, key=self._new_key())
        self._keep_everywhere(live.continued(model.history, segment), model)
        return self.live_run

    def keep_run(self, run: Run) -> Run:
        """Keep a run trained outside the document's network (a comparison), under a free name."""
        run = replace(run, key=self._new_key(), name=unique_name(run.name, (r.name for r in self._state.runs)))
        self._keep_everywhere(run, None)
        return run

    def _keep_everywhere(self, run: Run, model: Model | None) -> None:
        """``run`` in this version and every kept one; the versions of ``model`` record into it."""
        def update(st):
            live = run.key if st.model is model else st.live_run
            return replace(st, runs=upsert_run(st.runs, run), live_run=live)
        self._undo.replace_states(update)
        self._state = update(self._state)
        self._notify({"runs"})

    def _new_key(self) -> int:
        self._last_key += 1
        return self._last_key

    def _keyed(self, runs) -> tuple[Run, ...]:
        """A file's runs with keys of this session."""
        return tuple(replace(r, key=self._new_key()) for r in runs)

    # ------------------------------------------------------------------ edits
    def rename_run(self, key: int, name: str) -> None:
        old = self.run(key).name
        if name.strip() == old:
            return
        try:
            runs = rename_run(self._state.runs, key, name)
        except ValueError as exc:
            raise ChangeRefused(message_of(exc)) from None
        self._commit(EditName(QT_TRANSLATE_NOOP("document", "rename run {name}"), name=old),
                     replace(self._state, runs=runs), {"runs"}, runs_edit=True)

    def set_run_hidden(self, key: int, hidden: bool) -> None:
        run = self.run(key)
        if run.hidden != hidden:
            self._commit(EditName(QT_TRANSLATE_NOOP("document", "hide run {name}"), name=run.name) if hidden else
                         EditName(QT_TRANSLATE_NOOP("document", "show run {name}"), name=run.name),
                         replace(self._state, runs=set_run_hidden(self._state.runs, key, hidden)),
                         {"runs"}, runs_edit=True)

    def delete_runs(self, keys) -> None:
        """Delete runs (Undo brings them back); the current network's next run is a new one."""
        keys = set(keys) & {r.key for r in self._state.runs}
        if not keys:
            return
        state = self._state
        text = (EditName(QT_TRANSLATE_NOOP("document", "delete run {name}"), name=self.run(next(iter(keys))).name)
                if len(keys) == 1 else EditName(QT_TRANSLATE_NOOP("document", "delete {n} runs"), n=len(keys)))
        live = None if state.live_run in keys else state.live_run
        self._commit(text, replace(state, runs=delete_runs(state.runs, keys), live_run=live), {"runs"},
                     runs_edit=True)

    def branch_epochs(self) -> list[int]:
        """The epochs a branch can start from: the timeline's checkpoints."""
        timeline = self._state.model.timeline
        return timeline.epochs if timeline is not None else []

    def branch_at(self, epoch: int) -> None:
        """Go on from the checkpoint of ``epoch`` as a new branch (see the module doc)."""
        state = self._state
        if state.session is None or state.dataset is None:
            raise ChangeRefused(Text("document_runs", QT_TRANSLATE_NOOP(
                "document_runs", "Load the model's data first: a branch trains on it.")))
        if epoch not in self.branch_epochs():
            raise ChangeRefused(Text("document_runs", QT_TRANSLATE_NOOP(
                "document_runs", "Epoch {epoch} has no checkpoint to branch from; the timeline keeps {kept}."),
                epoch=epoch, kept=_kept(self.branch_epochs())))
        parent = self.live_run
        if parent is None and state.model.history.epochs:
            parent = self._record_untracked()
        model = copy_model(state.model)
        model.timeline = copy.deepcopy(state.model.timeline)   # the original run keeps its own
        new = self._continued(state, dataset=state.dataset, settings=state.settings, model=model)
        try:
            new.session.rewind(epoch)
        except (KeyError, ValueError, DataError) as exc:
            raise ChangeRefused(message_of(exc)) from None
        where = BranchPoint(parent.name, epoch) if parent is not None else None
        self._commit(EditName(QT_TRANSLATE_NOOP("document", "branch from epoch {epoch}"), epoch=epoch), replace(new, live_run=None, branch=where, typed=False),
                     {"network", "weights", "runs", "file"}, runs_edit=True)

    def _record_untracked(self) -> Run:
        """A network trained where no run was started (a script): its history becomes a run."""
        state = self._state
        self._run_start = (state.model, 1, state.session.settings.to_dict())
        return self.run_finished()


def _kept(epochs: list[int]) -> str:
    if not epochs:
        return Text("document_runs", QT_TRANSLATE_NOOP(
            "document_runs", "none (train with a timeline budget above 0 first)"))
    return Text("document_runs", QT_TRANSLATE_NOOP("document_runs", "{count}, from {first} to {last}"),
                count=len(epochs), first=epochs[0], last=epochs[-1])
