"""The window's session as one object: data, settings, network, file, undo.

The window renders a ``Document`` and changes it only through the methods
below.  Each change is validated first: a refused change raises
``ChangeRefused`` (plain words, no command-line flags) and leaves the
document exactly as it was, so the window can put its widgets back by
rendering the document again.

The rule for lost work lives here and only here:

* data with the same columns as a trained (or opened) network keeps that
  network, its history and its file: training goes on;
* anything that needs a new network (data that does not fit, a new shape,
  activation, loss, initialiser, seed, normalisation or split, Reset) makes
  a new, *untitled* document, so Save never writes over the file the
  previous network came from;
* every change can be undone, the replaced network and its history included.
  Training is not an edit: undoing a setting keeps what training did since.

Settings that only drive the trainer (optimizer, schedule, batch, epochs,
regularisation, early stopping) are held as *pending* while a run is going
and reach the trainer at the next run; the learning rate reaches a running
job at once (the window sends it).
"""
from __future__ import annotations

import copy
import inspect
import math
import weakref
from dataclasses import dataclass, fields, replace
from typing import Callable, Iterable

import numpy as np

from bpgui.core import DataError, Dataset, History, Model, Session, TrainingSettings
from bpgui.core.runs import BranchPoint, Run
from bpgui.core.trainer_state import TrainerState
from bpgui.core.training_settings import check_held_out
from bpgui.core.translatable import Text

from .edit_name import QT_TRANSLATE_NOOP, EditName
from .data_source import describe_source, same_columns
from .document_runs import RunsMixin
from .model_copy import copy_model
from .refusal import ChangeRefused, message_of
from .undo_stack import Entry, UndoStack

__all__ = ["Document", "ChangeRefused", "NETWORK_FIELDS", "LIVE_FIELDS"]

# Settings whose change needs a new network (the rest only drive the trainer).
NETWORK_FIELDS = frozenset({"hidden", "output_activation", "loss", "init", "seed", "dtype", "normalize",
                            "val_split", "test_split"})
# Trainer settings a running job takes at once.
LIVE_FIELDS = frozenset({"lr"})


@dataclass(frozen=True)
class State:
    """One version of the document.  ``session`` is None for a network whose data is missing."""
    dataset: Dataset | None
    settings: TrainingSettings
    model: Model
    session: Session | None
    path: str | None
    missing_source: dict | None = None   # where a network without data came from
    typed: bool = False                  # weights were typed into this network
    runs: tuple[Run, ...] = ()           # the kept runs (document_runs.py)
    live_run: int | None = None          # the key of the run this network's training is recorded in
    branch: BranchPoint | None = None    # where this network branched off a run


def _timelines_kept(states: Iterable[State], current: State) -> int:
    """Bytes of the timelines that only the undo history keeps alive: each memory
    counted once, forks that still share it with the current model's not at all."""
    live = current.model.timeline
    skip = None if live is None else id(live.storage)
    kept: dict[int, int] = {}
    for state in states:
        timeline = state.model.timeline
        if timeline is not None and timeline.storage is not None and id(timeline.storage) != skip:
            kept[id(timeline.storage)] = timeline.nbytes
    return sum(kept.values())


def _model_nbytes(model: Model) -> int:
    h = model.history
    return model.network.parameters.nbytes + sum(c.nbytes for c in (h.column(k) for k in h.keys()) if c is not None)


def _session_nbytes(session: Session | None) -> int:
    """The encoded copies of the data a session holds (its splits share the dataset's rows)."""
    if session is None:
        return 0
    parts = [xy for xy in (session.train_xy, session.val_xy, session.test_xy) if xy is not None]
    return sum(a.nbytes for xy in parts for a in xy)


def _kept_alive(before: State, after: State) -> int:
    """What keeping ``before`` in the undo history costs beyond ``after``."""
    n = _model_nbytes(before.model) if before.model is not after.model else 0
    n += _session_nbytes(before.session) if before.session is not after.session else 0
    if before.dataset is not None and before.dataset is not after.dataset:
        n += before.dataset.X.nbytes + before.dataset.Y.nbytes
    return n


def _carry(old: Session | None, new: Session, keep_moments: bool) -> None:
    """Give ``new``'s trainer what ``old``'s had learnt: epoch count, shuffling and
    (for the same optimizer) its moments; the learning rate stays ``new``'s."""
    if old is None:
        return
    state = old.trainer.state()
    if not keep_moments:
        state = state.without_optimizer_moments()
    state = replace(state, lr=new.trainer.lr, parameters=new.model.network.parameters)
    new.trainer.restore(state)

SETTINGS_EDIT = EditName(QT_TRANSLATE_NOOP("document", "settings"))   # an edit of settings, unnamed


class Document(RunsMixin):
    def __init__(self, dataset: Dataset, settings: TrainingSettings | None = None) -> None:
        settings = copy.deepcopy(settings) if settings is not None else TrainingSettings()
        self._listeners: list[Callable[[], Callable[[set[str]], None] | None]] = []
        self._undo: UndoStack[State] = UndoStack(shared_bytes=lambda states: _timelines_kept(states, self._state))
        self._state = self._fresh(dataset, settings, path=None)
        self._unsaved = False
        self._replaced_work = False   # a network with unsaved work was replaced (Undo brings it back)
        self.running = False   # the window says while a job trains this document's session

    # ----------------------------------------------------------------- reading
    @property
    def dataset(self) -> Dataset | None:
        return self._state.dataset

    @property
    def settings(self) -> TrainingSettings:
        """The settings as shown; trainer settings may be pending (see ``pending_fields``)."""
        return self._state.settings

    @property
    def model(self) -> Model:
        return self._state.model

    @property
    def session(self) -> Session | None:
        return self._state.session

    @property
    def path(self) -> str | None:
        return self._state.path

    @property
    def missing_source(self) -> dict | None:
        return self._state.missing_source

    @property
    def history(self) -> History:
        return self._state.model.history

    @property
    def has_unsaved_work(self) -> bool:
        """Trained epochs, typed weights or (for a file) any edit since the last save or open."""
        return self._unsaved

    @property
    def has_replaced_work(self) -> bool:
        """An unsaved network that learnt something was replaced since the document was
        opened: only Undo brings it back, and quitting would lose it."""
        return self._replaced_work

    def pending_fields(self) -> set[str]:
        """Trainer settings shown but not yet in the trainer (they apply at the next run)."""
        session = self._state.session
        if session is None:
            return set()
        shown, used = self._state.settings, session.settings
        return {f.name for f in fields(TrainingSettings)
                if f.name not in NETWORK_FIELDS | LIVE_FIELDS and getattr(shown, f.name) != getattr(used, f.name)}

    def data_name(self) -> str:
        if self._state.dataset is not None:
            return self._state.dataset.name
        return Text("document", QT_TRANSLATE_NOOP("document", "{data} (missing)"),
                    data=describe_source(self._state.missing_source or {}))

    # -------------------------------------------------------------- listeners
    def subscribe(self, listener: Callable[[set[str]], None]) -> None:
        """``listener(what)`` after every change; ``what`` holds some of
        "data", "network", "settings", "weights", "file".  A bound method is held
        weakly, so a window and its document make no reference cycle (a cycle
        leaves Qt objects for the garbage collector, which freed them in an order
        that crashed PySide6)."""
        self._listeners.append(weakref.WeakMethod(listener) if inspect.ismethod(listener)
                               else (lambda: listener))

    def _notify(self, what: set[str]) -> None:
        for ref in list(self._listeners):
            listener = ref()
            if listener is not None:
                listener(what)

    # ---------------------------------------------------------------- changes
    def set_data(self, dataset: Dataset) -> str:
        """New data.  Returns "kept" when the trained network goes on training, "new" otherwise."""
        state = self._state
        keep = same_columns(dataset, state.model) and self._has_work(state)
        if keep:
            new = self._continued(state, dataset=dataset, settings=state.settings, model=state.model)
        else:
            new = self._fresh(dataset, state.settings, path=None)
        self._commit(EditName(QT_TRANSLATE_NOOP("document", "data {name}"), name=dataset.name), new, {"data", "network", "settings", "file"})
        return "kept" if keep else "new"

    def set_settings(self, settings: TrainingSettings, text: str = SETTINGS_EDIT) -> None:
        """New settings; ``text`` names the edit in the Edit menu ("Undo training settings")."""
        state = self._state
        changed = {f.name for f in fields(TrainingSettings)
                   if getattr(settings, f.name) != getattr(state.settings, f.name)}
        if not changed:
            return
        settings = copy.deepcopy(settings)
        _check_settings(settings)
        if changed & NETWORK_FIELDS:
            if state.dataset is None:
                raise ChangeRefused(Text("document", QT_TRANSLATE_NOOP(
                    "document", "Load data first: a new network is built from the data's columns.")))
            new = self._fresh(state.dataset, settings, path=None)
            self._commit(text, new, {"network", "settings", "file"})
        elif self.running or state.session is None:
            self._commit(text, replace(state, settings=settings), {"settings"})
        else:
            new = self._continued(state, dataset=state.dataset, settings=settings, model=state.model)
            self._commit(text, new, {"settings"})

    def set_hidden(self, hidden: list[tuple[int, str]]) -> None:
        settings = copy.deepcopy(self._state.settings)
        settings.hidden = [tuple(layer) for layer in hidden]
        self.set_settings(settings, EditName(QT_TRANSLATE_NOOP("document", "network shape")))

    def set_weight(self, layer: int, i: int, j: int, value: float) -> None:
        state = self._state
        dtype = state.model.network.dtype
        if not math.isfinite(value) or abs(value) > float(np.finfo(dtype).max):
            raise ChangeRefused(Text("document", QT_TRANSLATE_NOOP(
                "document", "A weight must be a finite number within ±{limit} ({dtype}); {value} is not."),
                limit=f"{np.finfo(dtype).max:.3g}", dtype=dtype.name, value=f"{value:g}"))
        model = copy_model(state.model)
        model.network.weights[layer][i, j] = value
        new = self._continued(state, dataset=state.dataset, settings=state.settings, model=model)
        self._commit(EditName(QT_TRANSLATE_NOOP("document", "weight {layer}:{i}→{j}"), layer=layer + 1, i=i + 1, j=j + 1),
                     replace(new, typed=True), {"weights", "file"})

    def apply_step(self, step: TrainerState) -> None:
        """Take the step the step-through showed: its parameters and optimizer moments
        (``core.step_preview``).  The epoch count stays: the history has no epoch for it."""
        state = self._state
        if state.session is None or self.running:
            raise ChangeRefused(Text("document", QT_TRANSLATE_NOOP(
                "document", "Stop training (and load the data) to apply a step.")) if self.running
                else Text("document", QT_TRANSLATE_NOOP("document", "Load the data first: a step is taken on its rows.")))
        if step.parameters.shape != state.model.network.parameters.shape:
            raise ChangeRefused(Text("document", QT_TRANSLATE_NOOP(
                "document", "The step was taken on another network; step through again.")))
        model = copy_model(state.model)
        model.network.parameters[...] = step.parameters
        new = self._continued(state, dataset=state.dataset, settings=state.settings, model=model)
        trainer = new.session.trainer
        kept = trainer.state()
        trainer.restore(replace(step, rng=kept.rng, epochs_done=kept.epochs_done, steps_done=kept.steps_done,
                                lr=kept.lr, parameters=model.network.parameters))
        self._commit(EditName(QT_TRANSLATE_NOOP("document", "one step (step-through)")), replace(new, typed=True), {"weights", "file"})

    def reset_weights(self) -> None:
        state = self._state
        if state.dataset is None:
            raise ChangeRefused(Text("document", QT_TRANSLATE_NOOP(
                "document", "Load data first: new weights are drawn for the data's columns.")))
        self._commit(EditName(QT_TRANSLATE_NOOP("document", "weight reset")), self._fresh(state.dataset, state.settings, path=None),
                     {"network", "file"})

    def apply_pending(self) -> None:
        """Give the trainer the pending settings (before a run, or after one ends)."""
        state = self._state
        if state.session is None:
            return
        # The learning rate too: one sent as a run ended may have come after its last epoch.
        if not self.pending_fields() and state.session.trainer.lr == state.settings.lr:
            return
        self._state = self._continued(state, dataset=state.dataset, settings=state.settings, model=state.model)
        self._notify({"pending"})

    # ------------------------------------------------------------------ files
    def open_model(self, model: Model, path: str, dataset: Dataset | None,
                   settings: TrainingSettings) -> str | None:
        """Become the saved model ``model`` (a new document: undo starts afresh).
        ``dataset`` None: its data could not be loaded; training waits for data with its columns.
        Returns why ``dataset`` could not train the model, if it could not."""
        problem = None
        settings = copy.deepcopy(settings)
        base = State(dataset=dataset, settings=settings, model=model, session=None, path=path,
                     missing_source=None if dataset is not None else dict(model.data_source or {}),
                     runs=self._keyed(model.runs))
        base = replace(base, live_run=next((r.key for r in base.runs if r.name == model.current_run), None))
        if dataset is not None:
            try:
                base = self._continued(base, dataset=dataset, settings=settings, model=model)
            except ChangeRefused as exc:
                problem = str(exc)
                base = replace(base, dataset=None, missing_source=dict(model.data_source or {}))
        self._state = base
        self._undo.clear()
        self._unsaved = self._replaced_work = False
        self._notify({"data", "network", "settings", "file"})
        return problem

    def model_to_save(self) -> Model:
        """The model with the settings and the data it is trained with recorded in it."""
        model = self._state.model
        model.training = self._state.settings.to_dict()
        model.runs = list(self._state.runs)
        model.current_run = self.live_run.name if self.live_run is not None else None
        if self._state.dataset is not None:   # the data it went on training on, not where it began
            model.data_source = dict(self._state.dataset.source)
        return model

    def saved(self, path: str) -> None:
        """The current network is in ``path`` now, in every version of the history that holds it."""
        model = self._state.model
        self._undo.replace_states(lambda st: replace(st, path=path) if st.model is model else st)
        self._state = replace(self._state, path=path)
        self._unsaved = False
        self._notify({"file"})

    def trained(self) -> None:
        """The session's network learnt something (epochs came in)."""
        if not self._unsaved:
            self._unsaved = True
            self._notify({"file"})

    # ------------------------------------------------------------------- undo
    @property
    def undo_text(self) -> str | None:
        return self._undo.undo_text

    @property
    def redo_text(self) -> str | None:
        return self._undo.redo_text

    @property
    def undo_memory(self) -> tuple[int, int]:
        """(edits kept, bytes of replaced networks, histories and timelines they keep alive)."""
        return len(self._undo), self._undo.nbytes

    def undo_keeps_network(self, redo: bool = False) -> bool:
        """Whether undoing (redoing) the next edit keeps the current network and data,
        so a running job can go on."""
        entry = self._undo.peek(redo)
        if entry is None:
            return True
        target = entry.after if redo else entry.before
        return target.model is self._state.model and target.dataset is self._state.dataset and not any(
            getattr(target.settings, f) != getattr(self._state.settings, f) for f in NETWORK_FIELDS)

    def undo(self) -> bool:
        entry = self._undo.peek()
        if entry is not None:
            self._restore(entry.before)   # first: a refused restore leaves the history as it was
            self._undo.undo()
        return entry is not None

    def redo(self) -> bool:
        entry = self._undo.peek(redo=True)
        if entry is not None:
            self._restore(entry.after)
            self._undo.redo()
        return entry is not None

    # --------------------------------------------------------------- internal
    def _has_work(self, state: State) -> bool:
        """A network worth going on with: trained, typed into, or opened from a file."""
        return _trained(state.model) or state.typed or state.path is not None

    def _fresh(self, dataset: Dataset, settings: TrainingSettings, path: str | None) -> State:
        """A new network for ``dataset``: the settings are checked by building it."""
        _check_settings(settings)
        try:
            session = Session(dataset, copy.deepcopy(settings))
        except (ValueError, DataError) as exc:
            raise ChangeRefused(_plain(message_of(exc))) from None
        return State(dataset=dataset, settings=_shown(settings, session), model=session.model,
                     session=session, path=path)

    def _continued(self, state: State, dataset: Dataset | None, settings: TrainingSettings,
                   model: Model) -> State:
        """``model`` goes on training on ``dataset`` with ``settings`` (the trainer's state carried over)."""
        if dataset is None:
            return replace(state, settings=settings, model=model)
        _check_settings(settings)
        try:
            session = Session(dataset, copy.deepcopy(settings), init_model=model)
        except (ValueError, DataError) as exc:
            raise ChangeRefused(_plain(message_of(exc))) from None
        old = state.session
        same_optimizer = old is not None and old.settings.optimizer == session.settings.optimizer and \
            old.settings.hyperparameters == session.settings.hyperparameters
        _carry(old if old is not None and old.model.network.sizes == model.network.sizes else None,
               session, same_optimizer)
        return replace(state, dataset=dataset, settings=_shown(settings, session), model=model,
                       session=session, missing_source=None)

    def _commit(self, text: str, new: State, what: set[str], runs_edit: bool = False) -> None:
        before = self._state
        if not runs_edit:   # the runs change only by their own edits (and training: document_runs.py)
            new = replace(new, runs=before.runs)
        nbytes = _kept_alive(before, new)
        if before.model is not new.model and self._unsaved:
            self._replaced_work = True
        self._unsaved = self._unsaved_after(before, new)
        self._state = new
        self._undo.push(Entry(text, before, new, nbytes))
        self._notify(what)

    def _restore(self, target: State) -> None:
        """Go to an earlier (or later) version.  The current network keeps what training
        did to it since; while it trains, only the shown settings go back."""
        current, kept = self._state, target
        if target.model is current.model and current.session is not None and target.dataset is not None:
            settings = copy.deepcopy(target.settings)
            if self.running:
                target = replace(current, settings=settings)
            else:
                target = self._continued(current, dataset=target.dataset, settings=settings, model=current.model)
            target = replace(target, runs=kept.runs, live_run=kept.live_run, branch=kept.branch)
        self._unsaved = self._unsaved_after(current, target)
        self._state = target
        self._notify({"data", "network", "settings", "weights", "file"})

    def _unsaved_after(self, before: State, after: State) -> bool:
        """Whether ``after`` holds work the user has not saved: any edit of a file's
        network, or an untitled network that learnt something."""
        if after.path is not None:
            return True
        if after.model is before.model:
            return self._unsaved
        return _trained(after.model) or after.typed


def _trained(model: Model) -> bool:
    return model.history.epochs > 0


def _shown(settings: TrainingSettings, session: Session) -> TrainingSettings:
    """What the panels show: the user's settings with what the network really is."""
    shown = copy.deepcopy(settings)
    used = session.settings
    for name in ("hidden", "init", "dtype", "normalize"):
        setattr(shown, name, copy.deepcopy(getattr(used, name)))
    return shown


def _check_settings(s: TrainingSettings) -> None:
    """Checks the window states in its own words (the engine's messages name CLI flags)."""
    if s.early_stopping is not None and s.val_split <= 0:
        raise ChangeRefused(Text("document", QT_TRANSLATE_NOOP(
            "document", "Early stopping watches the validation loss: set Validation above 0 in the Data panel first.")))
    try:
        check_held_out(s.val_split, s.test_split)
        TrainingSettings.from_dict(s.to_dict())
    except (TypeError, ValueError) as exc:
        raise ChangeRefused(_plain(message_of(exc))) from None


def _plain(message: str) -> str:
    """An engine message, made a sentence for the window."""
    plain = message.replace("training setting ", "").strip()
    plain = plain[:1].upper() + plain[1:] + ("" if plain.endswith(".") else ".")
    return message if plain == message else plain   # a sentence already: kept (a Text stays one)
