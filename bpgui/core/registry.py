"""Looking a name up in one of the engine's registries (activations, losses,
initializers, optimizers, schedules, built-in data...), with one message for
a name that is not there."""
from __future__ import annotations

from typing import Mapping, TypeVar

__all__ = ["lookup"]

T = TypeVar("T")


def lookup(registry: Mapping[str, T], name: str, what: str, error: type[ValueError] = ValueError) -> T:
    """``registry[name]``; an unknown (or unhashable) name raises `error`
    naming `what` it is and every name there is."""
    try:
        return registry[name]
    except (KeyError, TypeError):
        raise error(f"unknown {what} {name!r}; choose one of: {', '.join(registry)}") from None
