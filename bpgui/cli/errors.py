"""`CLIError`: a problem the command line reports in one line (exit status 1)."""
from __future__ import annotations

__all__ = ["CLIError"]


class CLIError(Exception):
    """A problem to report in one line (exit status 1)."""
