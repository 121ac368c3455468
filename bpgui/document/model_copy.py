"""An edit's own copy of a model (the document's versions never share a mutable part)."""
from __future__ import annotations

import copy
from dataclasses import replace

from bpgui.core.model import Model

__all__ = ["copy_model"]


def copy_model(model: Model) -> Model:
    """An edit's own model: its timeline a fork, sharing the checkpoints' memory until
    either model trains (copy on write), so that training one never changes the other."""
    timeline = None if model.timeline is None else model.timeline.fork()
    return replace(model, network=model.network.copy(), history=copy.deepcopy(model.history),
                   training=copy.deepcopy(model.training), timeline=timeline)
