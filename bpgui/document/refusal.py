"""The one error a document change raises: a change it did not make."""
from __future__ import annotations

__all__ = ["ChangeRefused"]


class ChangeRefused(ValueError):
    """A change the document did not make; the message is for the user."""
