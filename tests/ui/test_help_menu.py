"""The Help menu: lessons open as a file does and keep their text beside the network, the
shortcuts dialog reads the window's own actions, About names every dependency's licence,
and the user guide and lessons ship in the package."""
from __future__ import annotations

import fnmatch
import pathlib
import re
import tomllib

import numpy as np
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

import bpgui
from bpgui.document.lesson import lessons
from bpgui.ui.about_dialog import COMPONENTS
from bpgui.ui.shortcuts_dialog import shortcut_rows

ROOT = pathlib.Path(__file__).resolve().parents[2]
W1 = [[0.5, -0.6], [0.1, -0.2], [0.1, 0.7]]
PRINTED_CHANGE = [0.00804047, 0.00555918]


def _menu(window, title: str):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == title)


def test_help_is_the_last_menu_and_lists_every_lesson_in_order(window):
    assert window.menuBar().actions()[-1].text() == "&Help"
    listed = [a.data() for a in window.help.lessons_menu.actions()]
    assert listed == [lesson.key for lesson in lessons()]


def test_a_lesson_becomes_the_document_and_its_text_stays_beside_it(window, qtbot):
    action = window.help.lessons_menu.actions()[0]
    action.trigger()
    doc = window.doc
    np.testing.assert_array_equal(doc.model.network.weights[0], W1)
    assert doc.model.network.sizes == [3, 2, 1] and doc.path is None and not doc.has_unsaved_work
    # the panels show the lesson's settings, as they show an opened file's
    panel = window.training_panel
    assert (panel.optimizer.currentText(), panel.lr.value(), panel.loss.currentData()) == ("sgd", 0.5, "mse")
    assert window.data_panel.normalize.currentText() == "none"
    pane = window.help.pane
    assert pane.isVisible() and not pane.isFloating() and "0.00804047" in pane.text.toPlainText()
    assert pane.text.toPlainText().startswith("The worked two-layer example")


def test_the_worked_example_steps_through_the_window_to_the_printed_numbers(window, qtbot):
    assert window.help.open_lesson("1-worked-example")
    before = window.doc.model.network.weights[1].copy()
    window.act_step.trigger()   # one epoch in the training child: one full-batch step here
    qtbot.waitUntil(lambda: window.controller.state == "idle" and window.history.epochs == 1, timeout=20_000)
    change = window.doc.model.network.weights[1].ravel() - before.ravel()
    np.testing.assert_allclose(change, PRINTED_CHANGE, atol=1e-8)


def test_a_lesson_asks_about_unsaved_work_as_opening_a_file_does(window, messages):
    window.doc.set_weight(0, 0, 0, 0.25)   # typed into the network: unsaved work
    before = window.doc.model
    messages.answers = [QMessageBox.Cancel]
    assert not window.help.open_lesson("2-and-gate")
    assert window.doc.model is before and any(title == "Unsaved network" for _, title, _ in messages.shown)
    messages.answers = [QMessageBox.Discard]
    assert window.help.open_lesson("2-and-gate")
    assert window.doc.model.network.sizes == [2, 1]


def test_start_again_brings_back_the_lesson_weights(window, qtbot):
    window.help.open_lesson("1-worked-example")
    window.doc.set_weight(1, 0, 0, 3.0)
    assert window.doc.model.network.weights[1][0, 0] == 3.0
    window.help.pane.again.click()   # the unsaved-work question: the recorder answers Discard
    assert window.doc.model.network.weights[1][0, 0] == 0.1


def test_a_broken_lesson_is_a_message_not_a_crash(window, messages):
    assert not window.help.open_lesson("no-such-lesson")
    assert messages.shown[-1][1] == "Cannot open the lesson" and "no-such-lesson" in messages.shown[-1][2]


def test_shortcuts_are_read_from_the_actions(window):
    rows = shortcut_rows(window)
    assert ("Train", "Step", "F10") in rows and ("Help", "User guide", "F1") in rows
    # every action of the window with a shortcut is listed once...
    with_keys = {id(a) for a in window.findChildren(QAction) if not a.shortcut().isEmpty()}
    assert len(rows) == len(with_keys)
    # ... and one added later shows up without touching the dialog's code
    extra = _menu(window, "&View").addAction("Zoom the map")
    extra.setShortcut(QKeySequence("Ctrl+M"))
    assert ("View", "Zoom the map", QKeySequence("Ctrl+M").toString(QKeySequence.NativeText)) in \
        shortcut_rows(window)
    dialog = window.help.show_shortcuts()
    assert dialog.table.rowCount() == len(rows) + 1
    assert window.help.show_shortcuts() is dialog   # one dialog, raised again


def test_about_names_the_version_and_every_dependency_licence(window):
    dialog = window.help.show_about()
    text = dialog.text.toPlainText()
    assert f"bpgui {bpgui.__version__}" in text and "LGPL" in text
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["version"] == bpgui.__version__
    names = {dist.lower() for _, dist, _ in COMPONENTS if dist}
    for requirement in project["dependencies"]:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower()
        assert name in names, f"About lists no licence for {name}"
    for shown, dist, licence in COMPONENTS:
        assert shown in text and licence in text


def test_the_user_guide_shows_the_packaged_text(window):
    dialog = window.help.show_guide()
    text = dialog.text.toPlainText()
    assert text.startswith("bpgui user guide") and "Lessons" in text and "could not be read" not in text


# What only a developer uses: the translations' sources (compiled into i18n/*.qm, which ships) and scripts
DEVELOPER_FILES = ("i18n/*.ts", "*.py")


def test_every_resource_file_ships_in_the_package():
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"][
        "bpgui.resources"]
    for path in (ROOT / "resources").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and not any(
                fnmatch.fnmatch(path.relative_to(ROOT / "resources").as_posix(), g) for g in DEVELOPER_FILES):
            rel = path.relative_to(ROOT / "resources").as_posix()
            assert any(fnmatch.fnmatch(rel, g) and rel.count("/") == g.count("/") for g in globs), rel


def test_a_broken_lesson_file_is_named_in_the_menu_and_the_others_still_open(make_window, monkeypatch, tmp_path):
    import bpgui.document.lesson as lesson_module
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "1-fine.md").write_text("+++\ntitle = 'Fine'\norder = 1\n[data]\nbuiltin = 'gate:or'\n+++\nText.\n")
    (folder / "2-bad.md").write_text("+++\ntitle = 'Bad'\n[data]\nbuiltin = 'gate:or'\n[settings]\nlr = -1\n+++\n")
    monkeypatch.setattr(lesson_module, "resource", lambda *parts: tmp_path.joinpath(*parts))
    window = make_window()
    entries = window.help.lessons_menu.actions()
    assert [a.text() for a in entries][0] == "1. Fine" and entries[0].isEnabled()
    assert "lesson 2-bad, [settings]: training setting 'lr'" in entries[1].text() and not entries[1].isEnabled()
    entries[0].trigger()
    assert window.doc.dataset.name == "or gate" and window.help.pane.text.toPlainText() == "Text."
