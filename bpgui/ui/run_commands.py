"""The window's runs: the Runs dock, recording runs as training ends, branching, comparing.

``RunCommands`` is made by ``MainWindow`` after its own wiring, so that when
a run ends the window has taken the child's final state first.  It adds:

* the "Runs" dock (panels/runs_panel.py), tabbed with the Plots dock;
* Train → "Branch from epoch…" and the timeline bar's "Branch here" (``branch_at``)
  and "Compare optimizers…" (optimizer_comparison.py);
* File → "Export runs as CSV…" (core/runs_csv.py: the visible runs).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDockWidget, QFileDialog, QInputDialog, QWidget

from bpgui.core.runs_csv import runs_csv

from .compare_dialog import CompareDialog
from .i18n import translate
from .optimizer_comparison import OptimizerComparison
from .panels.runs_panel import RunsPanel

__all__ = ["RunCommands"]


class RunCommands(QObject):
    """Its parent is the window; it keeps no other reference to it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self._panel: RunsPanel | None = None    # built when the dock is first shown (two plots)
        self.dock = QDockWidget(translate("run_commands", "Runs"), window)
        self.dock.setObjectName("runsDock")
        self.dock.setWidget(QWidget())
        self.dock.visibilityChanged.connect(self._dock_shown)
        window.addDockWidget(Qt.BottomDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.plots_dock, self.dock)
        window.plots_dock.raise_()
        self.comparison: OptimizerComparison | None = None
        self._add_actions(window)
        window.timeline.bar.sigBranch.connect(self.branch_at)
        window.controller.sigStateChanged.connect(self._on_state)
        self._state = window.controller.state
        window.doc.subscribe(self._on_doc)

    @property
    def panel(self) -> RunsPanel:
        return self._build_panel()

    def _build_panel(self) -> RunsPanel:
        if self._panel is None:
            self._panel = RunsPanel()
            self._panel.sigRename.connect(self._rename)
            self._panel.sigHidden.connect(self._hide)
            self._panel.sigDelete.connect(self._delete)
            self._panel.sigExport.connect(self.export_csv)
            self.dock.setWidget(self._panel)
            self.show_runs()
        return self._panel

    @Slot(bool)
    def _dock_shown(self, visible: bool) -> None:
        if visible:
            self._build_panel()

    def _add_actions(self, window) -> None:
        def action(text: str, slot, tip: str) -> QAction:
            a = QAction(text, self)
            a.setStatusTip(tip)
            a.triggered.connect(slot)
            return a
        self.branch_action = action(
            translate("run_commands", "Branch from epoch…"),
            self.ask_branch,
            translate("run_commands", "Go on from a checkpoint with other settings; the run so far is kept"),
        )
        self.compare_action = action(
            translate("run_commands", "Compare optimizers…"),
            self.ask_compare,
            translate("run_commands", "Train the same initial weights with several optimizers, one run each"),
        )
        self.export_action = action(translate("run_commands", "Export runs as CSV…"), self.export_csv,
                                    translate("run_commands", "The visible runs' curves"))
        menus = window.acts.menus
        menus["train"].addSeparator()
        menus["train"].addActions([self.branch_action, self.compare_action])
        menus["file"].insertAction(window.acts.history, self.export_action)
        menus["view"].addAction(self.dock.toggleViewAction())

    @property
    def _w(self):
        return self.parent()

    # ---------------------------------------------------------------- showing
    def show_runs(self, force: bool = False) -> None:
        if self._panel is None:   # drawn when the dock is first shown
            return
        doc = self._w.doc
        metric = "train_r2" if doc.model.task == "regression" else "train_accuracy"
        self.panel.show_runs(doc.runs, metric, force)

    def _on_doc(self, _what: set[str]) -> None:
        self.show_runs()

    # ---------------------------------------------------------------- recording
    @Slot(str)
    def _on_state(self, state: str) -> None:
        """A run of the document's own session starts or ends (a comparison's are kept by it)."""
        w, before, self._state = self._w, self._state, state
        if before == "idle" and state != "idle" and w.controller.session is w.doc.session:
            w.doc.run_started()
        elif state == "idle" and before != "idle" and w.doc.run_finished() is not None:
            self.show_runs()

    # ------------------------------------------------------------------ edits
    @Slot(int, str)
    def _rename(self, key: int, name: str) -> None:
        if not self._w._change(self._w.doc.rename_run, key, name, needs_idle=False):
            self.show_runs(force=True)

    @Slot(int, bool)
    def _hide(self, key: int, hidden: bool) -> None:
        self._w._change(self._w.doc.set_run_hidden, key, hidden, needs_idle=False)

    @Slot(object)
    def _delete(self, keys) -> None:
        w = self._w
        names = ", ".join(w.doc.run(k).name for k in keys)
        if w._change(w.doc.delete_runs, keys, needs_idle=False):
            w.statusBar().showMessage(
                (
                    translate("run_commands", "Deleted {names} (Undo brings it back).")
                    if len(keys) == 1
                    else translate("run_commands", "Deleted {names} (Undo brings them back).")
                ).format(names=names),
                6000,
            )

    # ------------------------------------------------------------------ branch
    @Slot()
    def ask_branch(self) -> None:
        w = self._w
        epochs = w.doc.branch_epochs()
        if not epochs:
            w.warn(
                translate("run_commands", "No checkpoints"),
                translate(
                    "run_commands",
                    "This network has no timeline to branch from: train it with a timeline budget above 0 first.",
                ),
            )
            return
        ask = translate(
            "run_commands", "Epoch to go on from ({n} checkpoints from {first} to {last}; the nearest one is taken):"
        ).format(n=f"{len(epochs):,}", first=f"{epochs[0]:,}", last=f"{epochs[-1]:,}")
        epoch, ok = QInputDialog.getInt(
            w, translate("run_commands", "Branch from epoch"), ask, epochs[-1], epochs[0], epochs[-1]
        )
        if ok:
            self.branch_at(w.doc.model.timeline.nearest(epoch))

    def branch_at(self, epoch: int) -> bool:
        """Branch from the checkpoint of ``epoch`` (stopping a run first); True when done."""
        w = self._w
        if not w._change(w.doc.branch_at, epoch):
            return False
        parent = w.doc.branch_point
        text = (
            translate(
                "run_commands",
                "Branched from {run} at epoch {epoch}: change the settings and press Train (Undo goes back).",
            )
            if parent is not None
            else translate(
                "run_commands", "Branched at epoch {epoch}: change the settings and press Train (Undo goes back)."
            )
        )
        w.statusBar().showMessage(text.format(run=parent.run if parent is not None else "", epoch=f"{epoch:,}"),
                                  10000)
        return True

    # ----------------------------------------------------------------- compare
    @Slot()
    def ask_compare(self) -> None:
        w = self._w
        if not w.stop_and_wait():
            return
        params, note = self.initial_weights()
        s = w.doc.settings
        dialog = CompareDialog(s.optimizer, s.lr, s.epochs or 500, note, w)
        if dialog.exec() == QDialog.Accepted and dialog.choices():
            self.compare(dialog.choices(), dialog.epochs(), params)

    def initial_weights(self):
        """The network's weights before its first epoch, or (not kept) its current ones."""
        doc = self._w.doc
        params = doc.initial_parameters()
        if params is not None:
            return params, translate("run_commands", "the current network's initial weights")
        return doc.model.network.parameters.copy(), translate(
            "run_commands", "its weights at epoch {epoch}: the initial ones were not kept"
        ).format(epoch=f"{doc.history.epochs:,}")

    def compare(self, choices: list[tuple[str, float]], epochs: int, params=None) -> OptimizerComparison:
        """Train ``choices`` [(optimizer, learning rate)] one after another, each a run."""
        w = self._w
        if params is None:
            params = self.initial_weights()[0]
        self.comparison = OptimizerComparison(w, choices, epochs, params)
        self.comparison.sigDone.connect(self._compared)
        self.comparison.start()
        return self.comparison

    @Slot(int)
    def _compared(self, kept: int) -> None:
        self.comparison = None
        self._w.statusBar().showMessage(
            translate("run_commands", "Compared: runs kept in the Runs panel: {n}.").format(n=kept), 8000
        )
        self.dock.raise_()

    # ------------------------------------------------------------------ export
    @Slot()
    def export_csv(self) -> None:
        w = self._w
        path, _ = QFileDialog.getSaveFileName(
            w, translate("run_commands", "Export runs"), w.files.last_model_folder, "CSV (*.csv)"
        )
        if path:
            self.write_csv(path)

    def write_csv(self, path: str) -> bool:
        w = self._w
        visible = [r for r in w.doc.runs if not r.hidden]
        try:
            with open(path, "w", newline="", encoding="utf-8") as f:
                f.write(runs_csv(visible))
        except OSError as exc:
            w.warn(translate("run_commands", "Cannot export the runs"), f"{path}: {exc.strerror or exc}")
            return False
        w.statusBar().showMessage(
            translate("run_commands", "Exported {n} runs to {path}").format(n=len(visible), path=path), 4000
        )
        return True
