"""File > Export network: one entry per format, each writing its files and showing its self-check.

``BPGUI_SCREENSHOTS=1`` saves the menu and the status bar's outcome to docs/screenshots/."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog

from bpgui.core.c_compile import c_compiler
from bpgui.core.exports import EXPORTS
from bpgui.core.json_export import predict_json
from bpgui.core.export_reference import read_reference

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def _patch_save(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _menu(window, title):
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    return next(a.menu() for a in file_menu.actions() if a.menu() is not None and a.text() == title)


def test_the_export_submenu_lists_every_format(window):
    menu = _menu(window, "Export network")
    assert [a.text() for a in menu.actions()] == ["ONNX…", "PyTorch module…", "NumPy module…", "C source…", "JSON…"]
    assert [a.data() for a in menu.actions()] == list(EXPORTS)
    assert window.acts.onnx is window.acts.exports["onnx"]


def test_numpy_export_writes_a_module_that_checks_itself(window, monkeypatch, tmp_path, messages):
    path = tmp_path / "xor"   # no extension: the dialog's format adds .py
    _patch_save(monkeypatch, path)
    window.acts.exports["numpy"].trigger()
    module = tmp_path / "xor.py"
    assert messages.shown == [] and module.exists()
    assert "check passed: 4 rows agree within" in window.statusBar().currentMessage()   # XOR's 4 rows
    done = subprocess.run([sys.executable, str(module), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    ref = read_reference(str(module) + ".reference.json")
    np.testing.assert_array_equal(ref["inputs"], XOR_X)   # the window's data, not random rows
    np.testing.assert_array_equal(ref["outputs"], window.doc.model.predict(XOR_X))


def test_json_export_holds_the_windows_network(window, monkeypatch, tmp_path, messages):
    import json
    path = tmp_path / "xor.json"
    _patch_save(monkeypatch, path)
    window.acts.exports["json"].trigger()
    assert messages.shown == []
    document = json.loads(path.read_text(encoding="utf-8"))
    np.testing.assert_allclose(predict_json(document, XOR_X), window.doc.model.predict(XOR_X), rtol=1e-6)


@pytest.mark.skipif(c_compiler() is None, reason="no C compiler on this machine")
def test_c_export_asks_for_a_folder_and_compiles(window, monkeypatch, tmp_path, messages):
    folder = tmp_path / "firmware"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    window.acts.exports["c"].trigger()
    assert messages.shown == []
    assert sorted(p.name for p in folder.iterdir()) == ["bpnet.c", "bpnet.h", "check.c"]   # untitled: bpnet
    assert "check passed: 4 rows agree within 1e-05" in window.statusBar().currentMessage()


def test_a_refused_destination_is_one_message_naming_the_path(window, monkeypatch, tmp_path, messages):
    taken = tmp_path / "taken.py"
    taken.mkdir()
    _patch_save(monkeypatch, taken)
    window.acts.exports["numpy"].trigger()
    assert len(messages.shown) == 1 and str(taken) in messages.texts() and "is a directory" in messages.texts()


def test_a_failed_self_check_is_shown(window, monkeypatch, tmp_path, messages):
    from bpgui.core import exports
    fmt = exports.EXPORTS["json"]
    monkeypatch.setitem(exports.EXPORTS, "json", fmt.__class__(**{**fmt.__dict__,
                        "check": lambda out: (False, "check failed: 1 of 4 outputs differ")}))
    _patch_save(monkeypatch, tmp_path / "x.json")
    window.acts.exports["json"].trigger()
    assert len(messages.shown) == 1 and "check failed: 1 of 4 outputs differ" in messages.texts()


def test_exports_wait_while_training(window, qtbot):
    """The child holds the newest weights while it trains: export what is there once it stops."""
    assert all(a.isEnabled() for a in window.acts.exports.values())
    window.training_panel.epochs.setValue(100_000)
    window.act_train.trigger()
    qtbot.waitUntil(lambda: window.controller.state == "running", timeout=10_000)
    assert not any(a.isEnabled() for a in window.acts.exports.values())
    window.stop_training()
    qtbot.waitUntil(lambda: window.controller.state == "idle", timeout=10_000)
    assert all(a.isEnabled() for a in window.acts.exports.values())


def test_screenshots_of_the_menu_and_the_outcome(window, qtbot, monkeypatch, tmp_path):
    shots = Path(__file__).resolve().parents[2] / "docs" / "screenshots" if os.environ.get("BPGUI_SCREENSHOTS") \
        else tmp_path
    menu = _menu(window, "Export network")
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(menu.isVisible)
    image = menu.grab()
    assert image.width() > 100 and image.height() > 5 * 15
    image.save(str(shots / "export-menu.png"))
    menu.hide()
    _patch_save(monkeypatch, tmp_path / "xor.py")
    window.acts.exports["numpy"].trigger()
    bar = window.statusBar()
    assert "check passed" in bar.currentMessage()
    bar.grab().save(str(shots / "export-check-status.png"))
