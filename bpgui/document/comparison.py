"""Compare optimizers: the same data and initial weights, trained with each optimizer.

``comparison_session`` makes, for one optimizer and learning rate, a session
of its own: the document's data and settings, a copy of its network holding
the initial weights, an empty history and a fresh trainer (so each optimizer
also sees the same shuffling).  The document's network is left as it is;
what a comparison keeps is its runs (``comparison_run``, then
``Document.keep_run``).
"""
from __future__ import annotations

import copy
from dataclasses import replace

import numpy as np

from bpgui.core import History, Session
from bpgui.core.runs import Run, Segment
from bpgui.core.translatable import QT_TRANSLATE_NOOP, Text

from .document import ChangeRefused, Document
from .refusal import message_of

__all__ = ["comparison_session", "comparison_run"]


def comparison_session(doc: Document, optimizer: str, lr: float, epochs: int, parameters: np.ndarray) -> Session:
    """A session training a copy of ``doc``'s network from ``parameters`` with ``optimizer``."""
    if doc.session is None or doc.dataset is None:
        raise ChangeRefused(Text("comparison", QT_TRANSLATE_NOOP(
            "comparison", "Load the model's data first: a comparison trains on it.")))
    settings = copy.deepcopy(doc.session.settings)
    if settings.optimizer != optimizer:   # another optimizer's hyperparameters would not fit
        settings.hyperparameters = {}
    settings.optimizer, settings.lr, settings.epochs = optimizer, float(lr), int(epochs)
    settings.early_stopping = None        # every optimizer gets the same number of epochs
    network = doc.model.network.copy()
    network.parameters[:] = parameters
    model = replace(doc.model, network=network, history=History(), timeline=None, runs=[], current_run=None,
                    training=dict(doc.model.training))
    try:
        return Session(doc.dataset, settings, init_model=model)
    except ValueError as exc:
        raise ChangeRefused(message_of(exc)) from None


def comparison_run(session: Session) -> Run:
    """The run ``session`` trained (named by its optimizer and learning rate)."""
    s = session.settings
    history = session.model.history
    segments = [Segment(1, history.epochs, s.to_dict(), float(session.trainer.lr))] if history.epochs else []
    return Run.from_history(f"{s.optimizer} {s.lr:g}", history, segments)
