"""The step-through's ties to the window: the document's current trainer, its numbers
on the network drawing and "Apply this step" (views/step_through_view.py shows the
step; the document takes it)."""
from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from .i18n import translate, translated

__all__ = ["StepCommands"]


class StepCommands(QObject):
    """Its parent is the window; it keeps no other reference to it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        window.views.sigNeuronValues.connect(self.show_values)
        window.views.sigApplyStep.connect(self.apply_step)
        window.views.sigExportStep.connect(self.export_step)
        window.doc.subscribe(self._on_doc)

    def _on_doc(self, what: set[str]) -> None:
        """The step-through steps the document's current trainer: a change may have made a new one."""
        w = self.parent()
        w.views.set_session(w.doc.session)

    @Slot(object)
    def show_values(self, values) -> None:
        """The values of the layer in hand beside its neurons (None: none)."""
        w = self.parent()
        if w is None:   # the window is going
            return
        canvas = w.editor.canvas
        canvas.numbers.set(values)
        canvas.update()

    @Slot(object)
    def apply_step(self, state) -> None:
        """The document takes the step's weights and optimizer moments (Undo takes them back)."""
        w = self.parent()
        if w.controller.state != "idle" or w.timeline.showing_past:
            w.statusBar().showMessage(
                translate("step_commands", "Stop training (and go back to the newest epoch) to apply a step."), 4000
            )
            return
        if w._change(w.doc.apply_step, state, needs_idle=False):
            w.statusBar().showMessage(
                translate("step_commands", "one training step applied (Undo takes it back)"), 4000
            )

    @Slot(object)
    def export_step(self, step) -> None:
        """The step shown as a spreadsheet of live formulas, where the user says."""
        network, trainer, X, Y = step
        w = self.parent()
        path, _ = QFileDialog.getSaveFileName(
            w,
            translate("step_commands", "Save the step as a spreadsheet"),
            "step.xlsx",
            translate("step_commands", "Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        from bpgui.core.step_sheet import write_step_sheet   # XlsxWriter: loaded when first used

        try:
            write_step_sheet(network, X, Y, path, optimizer=trainer.optimizer, lr=trainer.current_lr,
                             l1=trainer.l1, l2=trainer.l2)
        except (ImportError, ValueError, OSError) as exc:
            reason = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
            QMessageBox.warning(w, translate("step_commands", "Spreadsheet not written"), f"{path}:\n{translated(reason)}")
            return
        w.statusBar().showMessage(
            translate("step_commands", "the step saved as a spreadsheet of live formulas: {path}").format(path=path),
            6000,
        )
