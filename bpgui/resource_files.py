"""Where the files of resources/ are: inside an installed wheel they ship as the
package ``bpgui.resources``; in a source tree they sit beside the ``bpgui`` folder."""
from __future__ import annotations

from importlib.abc import Traversable
from pathlib import Path

__all__ = ["resource"]


def resource(*parts: str) -> Traversable:
    """The packaged file or folder ``resources/<parts...>`` (it may not exist)."""
    try:
        from importlib.resources import files
        root = files("bpgui.resources")
    except ModuleNotFoundError:   # a source checkout run in place: no bpgui.resources package
        root = Path(__file__).resolve().parents[1] / "resources"
    for part in parts:
        root = root.joinpath(part)
    return root
