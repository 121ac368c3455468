"""The coach: findings in plain words about a network, its data and its run.

``diagnose(network, X, Y, history=None)`` returns a list of ``Finding`` (``code``,
``message``, ``evidence``, ``suggestion``); the codes are ``CODES``, documented in
docs/coach.md with the thresholds of ``thresholds.py``.
"""
from .diagnose import diagnose
from .finding import CODES, Finding
from .thresholds import THRESHOLDS, Thresholds

__all__ = ["diagnose", "Finding", "CODES", "THRESHOLDS", "Thresholds"]
