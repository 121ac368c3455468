"""The window's session as one Qt-free object (see ``document.py``), and the lessons it can become."""
from .data_source import describe_source, load_source, same_columns
from .document import LIVE_FIELDS, NETWORK_FIELDS, ChangeRefused, Document
from .lesson import Lesson, LessonError, lessons

__all__ = ["Document", "ChangeRefused", "NETWORK_FIELDS", "LIVE_FIELDS", "load_source", "describe_source",
           "same_columns", "Lesson", "LessonError", "lessons"]
