"""A bounded undo/redo stack of document states.

Each entry is the state before an edit and the state after it.  States
share what did not change (datasets, models) by reference, so an entry costs
only what its edit replaced; the stack still keeps at most ``max_entries``
entries and at most ``max_bytes`` of replaced models, dropping the oldest.
What states share among themselves (a model's timeline and its forks) is
counted by ``shared_bytes(states)`` over every state kept, each memory once.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Generic, Iterable, TypeVar

State = TypeVar("State")

MAX_ENTRIES = 100
MAX_BYTES = 256 * 2**20


@dataclass(frozen=True)
class Entry(Generic[State]):
    text: str        # what the edit did, for the Edit menu ("Undo change loss")
    before: State
    after: State
    nbytes: int      # what keeping ``before`` alive costs beyond ``after``


class UndoStack(Generic[State]):
    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES,
                 shared_bytes: Callable[[Iterable[State]], int] | None = None) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._shared_bytes = shared_bytes
        self._done: list[Entry[State]] = []
        self._undone: list[Entry[State]] = []

    def push(self, entry: Entry[State]) -> None:
        """A new edit: it can be undone, and what was undone before can no longer be redone."""
        self._done.append(entry)
        self._undone.clear()
        while self._done and (len(self._done) > self.max_entries or self.nbytes > self.max_bytes):
            self._done.pop(0)

    def undo(self) -> Entry[State] | None:
        if not self._done:
            return None
        entry = self._done.pop()
        self._undone.append(entry)
        return entry

    def redo(self) -> Entry[State] | None:
        if not self._undone:
            return None
        entry = self._undone.pop()
        self._done.append(entry)
        return entry

    def peek(self, redo: bool = False) -> Entry[State] | None:
        """The entry ``undo`` (``redo``) would return next, left in place."""
        stack = self._undone if redo else self._done
        return stack[-1] if stack else None

    def replace_states(self, fn) -> None:
        """Apply ``fn`` to every state kept (e.g. a network saved under a name in all its versions)."""
        for stack in (self._done, self._undone):
            stack[:] = [replace(e, before=fn(e.before), after=fn(e.after)) for e in stack]

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()

    @property
    def undo_text(self) -> str | None:
        return self._done[-1].text if self._done else None

    @property
    def redo_text(self) -> str | None:
        return self._undone[-1].text if self._undone else None

    @property
    def nbytes(self) -> int:
        entries = self._done + self._undone
        shared = 0
        if self._shared_bytes is not None and entries:
            shared = self._shared_bytes([s for e in entries for s in (e.before, e.after)])
        return sum(e.nbytes for e in entries) + shared

    def __len__(self) -> int:
        return len(self._done)
