"""File commands of the window: open, save, export, recent files.

A file is read and checked before anything is asked or replaced: a bad file
leaves the session as it was, and the unsaved-work question comes only for
a file that would really replace it.
"""
from __future__ import annotations

import csv
import math
import os

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers the exporters)
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from bpgui.core import DataError, TrainingSettings
from bpgui.core.modelfile import MODEL_SUFFIX, ModelFileError, load_model, save_model
from bpgui.document import load_source

from .settings_store import settings_store
from .i18n import translate, translated_error
from .network_export import export_network
from .plot_export import export_svg
from .run_export import export_run

MAX_RECENT = 8


class FileCommands(QObject):
    """Open, save and export for MainWindow ``window`` (its document, views and messages)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.last_model_folder = ""

    @property
    def w(self):
        """The window, asked of Qt each time: holding it would make a reference cycle
        that leaves the window to the garbage collector."""
        return self.parent()

    # ----------------------------------------------------------------- open
    def open_path(self, path: str) -> bool:
        """Open a model (.bpnet) or a data file."""
        if path.lower().endswith(MODEL_SUFFIX):
            return self.open_model(path)
        if not os.path.exists(path):
            self.w.warn(
                translate("file_commands", "Cannot open"),
                translate("file_commands", "{path}: no such file").format(path=path),
            )
            return False
        return self.w.data_panel.load_csv_file(path)

    @Slot()
    def open_model_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.w, translate("file_commands", "Open a model"), self.last_model_folder,
            translate("file_commands", "bpgui models (*{suffix});;All files (*)").format(suffix=MODEL_SUFFIX))
        if path:
            self.open_model(path)

    def open_model(self, path: str) -> bool:
        """Restore a saved session: network, settings, history and, if it still exists, its data."""
        try:
            model = load_model(path)
        except ModelFileError as exc:
            self.w.warn(translate("file_commands", "Cannot open the model"), translated_error(exc))
            return False
        if not self.confirm_discard() or not self.w.stop_and_wait():
            return False
        settings, settings_problem = _settings_of(model)
        dataset, data_problem = None, None
        try:
            source = dict(model.data_source or {})
            if source.get("kind") == "csv" and not source.get("task") and model.task == "regression":
                source["task"] = "regression"   # a file from before coded classes: read its target as it was
            dataset = load_source(source)
        except (DataError, OSError, ValueError, TypeError, KeyError) as exc:   # a source field of the wrong kind
            data_problem = translated_error(exc)
        self.last_model_folder = os.path.dirname(os.path.abspath(path))
        data_problem = self.w.doc.open_model(model, os.path.abspath(path), dataset, settings) or data_problem
        self.add_recent(path)
        if settings_problem:
            self.w.warn(translate("file_commands", "The model's settings were not restored"), settings_problem)
        if data_problem:
            self.w.warn(translate("file_commands", "The model's data is not available"),
                        translate("file_commands", "The model opened, but it cannot train on its data:\n{problem}\n\n"
                                  "Load data with the same columns to go on training it.").format(problem=data_problem))
        return True

    def confirm_discard(self) -> bool:
        """Before work leaves the program: Save / Discard / Cancel, or, when only a replaced
        network (that Undo brings back) holds unsaved work, Discard / Cancel."""
        doc = self.w.doc
        if not doc.has_unsaved_work:
            if not doc.has_replaced_work:
                return True
            answer = QMessageBox.question(
                self.w,
                translate("file_commands", "Unsaved network"),
                translate(
                    "file_commands",
                    "A trained network you replaced is not saved (Edit → Undo brings it back to save it). Discard it?",
                ),
                QMessageBox.Discard | QMessageBox.Cancel,
                QMessageBox.Cancel,
            )
            return answer == QMessageBox.Discard
        answer = QMessageBox.question(
            self.w,
            translate("file_commands", "Unsaved network"),
            translate("file_commands", "The network has changes that are not saved. Save them first?"),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel,
            QMessageBox.Save,
        )
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    # ----------------------------------------------------------------- save
    @Slot()
    def save(self) -> bool:
        path = self.w.doc.path
        return self.save_to(path) if path else self.save_as()

    @Slot()
    def save_as(self) -> bool:
        start = self.w.doc.path or os.path.join(self.last_model_folder, "model" + MODEL_SUFFIX)
        path, _ = QFileDialog.getSaveFileName(
            self.w,
            translate("file_commands", "Save the model"),
            start,
            translate("file_commands", "bpgui models (*{suffix})").format(suffix=MODEL_SUFFIX),
        )
        if not path:
            return False
        if not path.lower().endswith(MODEL_SUFFIX):
            path += MODEL_SUFFIX
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        if not self.w.stop_and_wait():
            self.w.warn(
                translate("file_commands", "Cannot save the model"),
                translate("file_commands", "Training did not stop; try again when it has."),
            )
            return False
        try:
            save_model(self.w.doc.model_to_save(), path)
        except (ModelFileError, OSError, ValueError) as exc:
            self.w.warn(translate("file_commands", "Cannot save the model"), translated_error(exc))
            return False
        path = os.path.abspath(path)
        self.last_model_folder = os.path.dirname(path)
        self.w.doc.saved(path)
        self.add_recent(path)
        self.w.statusBar().showMessage(translate("file_commands", "Saved {path}").format(path=path), 4000)
        return True

    # --------------------------------------------------------------- export
    @Slot()
    def export_network_action(self) -> None:
        """One entry of File > Export network; the format's key is the action's data."""
        action = self.sender()
        if isinstance(action, QAction):
            export_network(self.w, str(action.data()), self.last_model_folder)

    @Slot()
    def export_animation(self) -> None:
        timeline = self.w.timeline
        shown = timeline.epoch

        def restore() -> None:
            if shown is None:
                timeline.show_newest()
            else:
                timeline.show_epoch(shown)

        export_run(self.w, timeline.show_epoch, restore)

    def export_history(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.w, translate("file_commands", "Export loss history"), self.last_model_folder, "CSV (*.csv)"
        )
        if path:
            self.write_history(path)

    def write_history(self, path: str) -> bool:
        cols = self.w.doc.history.to_dict()
        try:
            with open(path, "w", newline="", encoding="utf-8") as f:
                out = csv.writer(f)
                epochs = cols.pop("epoch")
                out.writerow(["epoch", *cols])
                for k, row in zip(epochs, zip(*cols.values())):
                    out.writerow([k, *("" if math.isnan(v) else repr(float(v)) for v in row)])
        except OSError as exc:
            self.w.warn(translate("file_commands", "Cannot export the history"), f"{path}: {exc.strerror or exc}")
            return False
        self.w.statusBar().showMessage(translate("file_commands", "Exported {path}").format(path=path), 4000)
        return True

    @Slot()
    def export_plot_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            path, _ = QFileDialog.getSaveFileName(
                self.w,
                translate("file_commands", "Export plot"),
                self.last_model_folder,
                translate("file_commands", "PNG image (*.png);;SVG drawing (*.svg)"),
            )
            if path:
                self.export_plot(str(action.data()), path)

    def export_plot(self, key: str, path: str) -> bool:
        item = self.w.plot_item(key)
        try:
            if path.lower().endswith(".svg"):
                export_svg(item, path)
            else:
                if not path.lower().endswith(".png"):
                    path += ".png"
                exporter = pg.exporters.ImageExporter(item)
                exporter.parameters()["width"] = max(800, int(item.sceneBoundingRect().width()))
                exporter.export(path)
        except Exception as exc:  # exporters raise assorted errors; report them all
            self.w.warn(translate("file_commands", "Cannot export the plot"), f"{type(exc).__name__}: {exc}")
            return False
        return True

    # ---------------------------------------------------------------- recent
    def recent_files(self) -> list[str]:
        value = settings_store().value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    @Slot(str)
    def add_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        files = [path] + [p for p in self.recent_files() if p != path]
        settings_store().setValue("recentFiles", files[:MAX_RECENT])

    @Slot()
    def fill_recent_menu(self) -> None:
        menu = self.w.recent_menu
        menu.clear()
        files = self.recent_files()
        if not files:
            menu.addAction(translate("file_commands", "(none)")).setEnabled(False)
        for path in files:
            a = menu.addAction(os.path.basename(path))
            a.setToolTip(path)
            a.setData(path)
            a.triggered.connect(self._open_recent)

    @Slot()
    def _open_recent(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.open_path(str(action.data()))


def _settings_of(model) -> tuple[TrainingSettings, str | None]:
    """The settings a model file records, or the defaults and why."""
    problem = None
    try:
        settings = TrainingSettings.from_dict(model.training or {})
    except (TypeError, ValueError, KeyError) as exc:
        settings = TrainingSettings()
        problem = translate(
            "file_commands", "Its training settings could not be read ({error}); the defaults are shown."
        ).format(error=exc)
    settings.hidden = list(model.network.layers[:-1])
    return settings, problem
