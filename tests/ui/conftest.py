"""Fixtures for the window tests: isolated QSettings, recorded message boxes,
and a MainWindow that is closed (and its training stopped) after each test."""
from __future__ import annotations

import gc
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QInputDialog, QMessageBox  # noqa: E402


@pytest.fixture(autouse=True)
def collect_qt_garbage():
    """Free here, in the main thread, the Qt objects a test left in reference
    cycles.  Left for later, a garbage collection that happens to run in another
    thread destroys them there, and PySide6 deadlocks or crashes: seen when
    tests/runner/test_child.py (training in a thread) ran after these
    tests, its thread in ``QObject::~QObject`` waiting for the GIL while the main
    thread deleted a ``QAction``.  What survives is frozen, so that the next
    collection only looks at what later tests made (a full one took ~85 ms)."""
    yield
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    for fmt in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(fmt, QSettings.UserScope, str(tmp_path / "settings"))
    yield


class Messages:
    """Every QMessageBox the window shows, instead of blocking on it."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []   # (kind, title, text)
        self.answers: list = []                      # answers for question(), first in first out

    def texts(self) -> str:
        return "\n".join(f"{t}: {x}" for _, t, x in self.shown)


@pytest.fixture(autouse=True)
def messages(monkeypatch) -> Messages:
    rec = Messages()

    def recorder(kind):
        def show(parent, title, text, *args, **kwargs):
            rec.shown.append((kind, title, text))
            if kind == "question":
                if rec.answers:
                    return rec.answers.pop(0)
                buttons = args[0] if args else QMessageBox.Yes | QMessageBox.No
                for choice in (QMessageBox.Yes, QMessageBox.Discard):
                    if buttons & choice:
                        return choice
            return QMessageBox.Ok
        return staticmethod(show)

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, recorder(kind))

    def unexpected(*args, **kwargs):   # a real dialog would block the test run
        raise AssertionError(f"a dialog the test did not expect: {args[1:3]}")
    for name in ("getText", "getDouble", "getInt", "getItem"):
        monkeypatch.setattr(QInputDialog, name, staticmethod(unexpected))
    return rec


@pytest.fixture
def make_window(qtbot, monkeypatch):
    from PySide6.QtCore import QSize

    from bpgui.ui import window_settings
    from bpgui.ui.app import make_app
    from bpgui.ui.main_window import MainWindow

    make_app()
    # Laid out as on a large screen (the offscreen one is 800x600); test_launch_and_drop tries a small one.
    monkeypatch.setattr(window_settings, "screen_size", lambda _w: QSize(1920, 1080))
    made = []

    def make():
        w = MainWindow()
        qtbot.addWidget(w)
        w.resize(1400, 900)
        w.show()
        made.append(w)
        return w

    yield make
    for w in made:
        w.controller.shutdown()
        w.close()


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def train_to_end(qtbot):
    """Press Train and wait for the run to finish."""
    def run(w, timeout=30_000):
        with qtbot.waitSignal(w.controller.sigFinished, timeout=timeout):
            w.act_train.trigger()
        qtbot.waitUntil(lambda: w.controller.state == "idle", timeout=timeout)
    return run
