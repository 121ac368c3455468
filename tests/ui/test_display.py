"""The display check that runs before Qt: a wrong DISPLAY is explained, not aborted on."""
from __future__ import annotations

import socket
import sys

import pytest

from bpgui.ui.display import display_problem

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 displays are Linux's")


def test_no_display_unreachable_display_and_a_listening_one(tmp_path, monkeypatch):
    assert "not set" in display_problem({})
    assert "':55' cannot be reached" in display_problem({"DISPLAY": ":55"})
    assert "cannot be reached" in display_problem({"DISPLAY": "nonsense"})
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None
    # A server listening on an abstract X socket, as Xorg and Xvfb do.
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind("\0/tmp/.X11-unix/X97")
        server.listen(1)
        assert display_problem({"DISPLAY": ":97"}) is None
        assert display_problem({"DISPLAY": "unix:97.0"}) is None
