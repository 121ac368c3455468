"""The window's actions, menus, toolbar and shortcuts.

Shortcuts work wherever the focus is: Space would otherwise re-open a
focused combo box or type into a spin box, so ``WindowKeysFirst`` hands it
to Train/Pause (and Ctrl+Z to the document's Undo) unless a real text
field has the focus.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QLineEdit, QMainWindow, QMenu, QPlainTextEdit,
                               QTextEdit, QToolBar, QWidget)

from bpgui.core.exports import EXPORTS
from bpgui.ui.i18n import QT_TRANSLATE_NOOP, translate
from bpgui.ui.network_export import format_description, format_label

from .language_menu import add_language_menu

PLOTS = (("loss", QT_TRANSLATE_NOOP("actions", "Loss")), ("metric", QT_TRANSLATE_NOOP("actions", "Accuracy / R²")),
         ("weights", QT_TRANSLATE_NOOP("actions", "Weight heatmap")),
         ("gradients", QT_TRANSLATE_NOOP("actions", "Gradient norms")),
         ("boundary", QT_TRANSLATE_NOOP("actions", "Output map")))


@dataclass
class Actions:
    train: QAction
    step: QAction
    stop: QAction
    reset: QAction
    undo: QAction
    redo: QAction
    open_data: QAction
    open_model: QAction
    save: QAction
    save_as: QAction
    onnx: QAction                 # the ONNX entry of exports
    exports: dict[str, QAction]   # File > Export network: one entry per format of core.exports
    history: QAction
    animation: QAction
    quit: QAction
    plots: dict[str, QAction]
    recent_menu: QMenu
    menus: dict[str, QMenu]       # the menu bar's menus by key ("file", "edit", "train", "view"): their
                                  # texts are translated, so other modules find them here, not by text
    toolbar: QToolBar


def _action(window: QMainWindow, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
    a = QAction(text, window)
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
        a.setShortcutContext(Qt.WindowShortcut)
    if tip:
        a.setToolTip(tip)
        a.setStatusTip(tip)
    a.triggered.connect(slot)
    return a


def build_actions(w) -> Actions:
    """Actions of MainWindow ``w``, in its menus and toolbar; slots are ``w``'s and ``w.files``'."""
    files = w.files
    exports = {}
    for key, fmt in EXPORTS.items():
        exports[key] = _action(w, f"{format_label(fmt)}…", files.export_network_action,
                               tip=format_description(fmt))
        exports[key].setData(key)
    acts = Actions(
        train=_action(w, translate("actions", "▶ Train"), w.train_or_pause, Qt.Key_Space,
                      translate("actions", "Train / pause (Space)")),
        step=_action(w, translate("actions", "Step"), w.step_epoch, "F10",
                     translate("actions", "Train exactly one epoch (F10)")),
        stop=_action(w, translate("actions", "■ Stop"), w.stop_training, "Esc",
                     translate("actions", "Stop training (Esc)")),
        reset=_action(w, translate("actions", "Reset weights"), w.reset_weights, "Ctrl+R",
                      translate("actions", "New random weights; Undo brings the trained ones back (Ctrl+R)")),
        undo=_action(w, translate("actions", "Undo"), w.undo, QKeySequence.Undo),
        redo=_action(w, translate("actions", "Redo"), w.redo),
        open_data=_action(w, translate("actions", "Open data…"), w.data_panel.open_csv_dialog, "Ctrl+Shift+O"),
        open_model=_action(w, translate("actions", "Open model…"), files.open_model_dialog, QKeySequence.Open),
        save=_action(w, translate("actions", "Save model"), files.save, QKeySequence.Save),
        save_as=_action(w, translate("actions", "Save model as…"), files.save_as, "Ctrl+Shift+S"),
        onnx=exports["onnx"], exports=exports,
        history=_action(w, translate("actions", "Export loss history as CSV…"), files.export_history),
        animation=_action(w, translate("actions", "Export run as animation…"), files.export_animation),
        quit=_action(w, translate("actions", "Quit"), w.close, QKeySequence.Quit),
        plots={}, menus={}, recent_menu=QMenu(translate("actions", "Recent files"), w),
        toolbar=QToolBar(translate("actions", "Training"), w))
    acts.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    acts.recent_menu.aboutToShow.connect(files.fill_recent_menu)
    for key, text in PLOTS:
        a = QAction(translate("actions", "{plot}…").format(plot=translate("actions", text)), w)
        a.setData(key)
        a.triggered.connect(files.export_plot_action)
        acts.plots[key] = a
    _fill_menus(w, acts)
    return acts


def _fill_menus(w, acts: Actions) -> None:
    menu = acts.menus["file"] = w.menuBar().addMenu(translate("actions", "&File"))
    menu.addActions([acts.open_data, acts.open_model])
    menu.addMenu(acts.recent_menu)
    menu.addSeparator()
    menu.addActions([acts.save, acts.save_as])
    menu.addSeparator()
    menu.addMenu(translate("actions", "Export network")).addActions(list(acts.exports.values()))
    menu.addActions([acts.history, acts.animation])
    menu.addMenu(translate("actions", "Export plot")).addActions(list(acts.plots.values()))
    menu.addSeparator()
    menu.addAction(acts.quit)
    acts.menus["edit"] = w.menuBar().addMenu(translate("actions", "&Edit"))
    acts.menus["edit"].addActions([acts.undo, acts.redo])
    training = [acts.train, acts.step, acts.stop, acts.reset]
    acts.menus["train"] = w.menuBar().addMenu(translate("actions", "&Train"))
    acts.menus["train"].addActions(training)
    view = acts.menus["view"] = w.menuBar().addMenu(translate("actions", "&View"))
    for dock in (w.data_dock, w.training_dock, w.plots_dock):
        view.addAction(dock.toggleViewAction())
    view.setObjectName("viewMenu")   # found by name, not by its text, which is translated
    add_language_menu(view)
    tb = acts.toolbar
    tb.setObjectName("trainingToolbar")
    tb.setToolButtonStyle(Qt.ToolButtonTextOnly)
    tb.addActions(training)
    w.addToolBar(tb)


def _is_text_field(widget) -> bool:
    """Where Space is a character: a line or text editor, not a number box."""
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return True
    return isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QAbstractSpinBox)


def _window_key(event) -> bool:
    """Space (Train/Pause) and Undo/Redo: keys the window answers wherever the focus is."""
    plain_space = event.key() == Qt.Key_Space and event.modifiers() == Qt.NoModifier
    return plain_space or event.matches(QKeySequence.Undo) or event.matches(QKeySequence.Redo) or (
        event.key() == Qt.Key_Z and event.modifiers() == (Qt.ControlModifier | Qt.ShiftModifier))


class WindowKeysFirst(QObject):
    """Installed once on the application: a focused combo box, button or spin box
    would claim Space (or its own Undo) for itself; refusing the key on its behalf
    lets the window's shortcut fire.  Text fields keep their keys."""

    def __init__(self, window_type: type) -> None:
        super().__init__(QApplication.instance())
        self._window_type = window_type

    @classmethod
    def install(cls, window_type: type) -> None:
        """One filter for every window of ``window_type``, not one a window."""
        app = QApplication.instance()
        if not any(isinstance(child, cls) for child in app.children()):
            app.focusChanged.connect(cls(window_type)._watch)

    @Slot(QWidget, QWidget)
    def _watch(self, _old, new) -> None:
        """Filter the focus widget's events only: on the application, the filter saw every event of
        every widget (some 25,000 to build a window, 0.3 s of it).  It stays on widgets that had the
        focus (the filter only acts for the focus widget): taking it off one being destroyed could crash."""
        if new is not None:
            new.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if (event.type() == QEvent.ShortcutOverride and obj is QApplication.focusWidget()
                and isinstance(obj.window(), self._window_type) and not _is_text_field(obj)
                and _window_key(event)):
            event.ignore()
            return True
        return False
