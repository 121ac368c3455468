"""The window's session as one Qt-free object (see ``document.py``)."""
from .data_source import describe_source, load_source, same_columns
from .document import LIVE_FIELDS, NETWORK_FIELDS, ChangeRefused, Document

__all__ = ["Document", "ChangeRefused", "NETWORK_FIELDS", "LIVE_FIELDS", "load_source", "describe_source",
           "same_columns"]
