"""Whether the window has a screen to open on, asked before Qt is started.

Qt's xcb platform aborts the whole process (SIGABRT, with a message about
plugins) when it cannot reach the X server, so a wrong DISPLAY is caught
here and explained instead.  Imports no Qt.
"""
from __future__ import annotations

import os
import socket
import sys


def display_problem(environ=os.environ) -> str | None:
    """None when a window can open; otherwise why not, in a sentence."""
    if not sys.platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("WAYLAND_DISPLAY"):
        return None
    display = environ.get("DISPLAY")
    if not display:
        return "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set)"
    if not _x_server_answers(display):
        return f"the display {display!r} cannot be reached (no X server answers there)"
    return None


def _x_server_answers(display: str, timeout: float = 2.0) -> bool:
    """Connect to the X server ``display`` names (``[host]:N[.screen]``), as Xlib would."""
    host, _, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if not number.isdigit():
        return False
    if host in ("", "unix"):
        addresses = [(socket.AF_UNIX, "\0/tmp/.X11-unix/X" + number), (socket.AF_UNIX, f"/tmp/.X11-unix/X{number}")]
    else:
        addresses = [(socket.AF_INET, (host, 6000 + int(number)))]
    for family, address in addresses:
        try:
            with socket.socket(family, socket.SOCK_STREAM) as s:
                s.settimeout(timeout)
                s.connect(address)
                return True
        except OSError:
            continue
    return False
