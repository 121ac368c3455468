"""Compare optimizers in the window: one run after another through the training child.

For each (optimizer, learning rate) the comparison makes a session of its own
(``bpgui.document.comparison``: the same data, a copy of the network holding
the same initial weights), starts it on the window's ``TrainingController``,
waits until it is idle again, keeps its run in the document and starts the
next.  A window-modal progress dialog says which ("adam: 2 of 4") and how far;
its Cancel stops the run going on (what it trained is kept) and the sequence.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

from bpgui.document import ChangeRefused
from bpgui.document.comparison import comparison_run, comparison_session

from .i18n import translate, translated

__all__ = ["OptimizerComparison"]


class OptimizerComparison(QObject):
    """One comparison; its parent is the window (held by Qt, not by this object's attributes)."""

    sigDone = Signal(int)   # how many runs it kept

    def __init__(self, window, choices: list[tuple[str, float]], epochs: int, parameters) -> None:
        super().__init__(window)
        self._queue = list(choices)
        self._count, self._epochs, self._parameters = len(choices), epochs, parameters.copy()
        self._session = None
        self._kept = 0
        self.cancelled = self._finished = False
        window.controller.sigStateChanged.connect(self._on_state)
        window.controller.sigHistory.connect(self._on_history)
        self.progress = QProgressDialog(
            "", translate("optimizer_comparison", "Cancel"), 0, self._count * epochs, window
        )
        self.progress.setWindowTitle(translate("optimizer_comparison", "Compare optimizers"))
        self.progress.setWindowModality(Qt.WindowModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(0)
        self.progress.canceled.connect(self.cancel)

    @property
    def label(self) -> str:
        return self.progress.labelText()

    def start(self) -> None:
        self.progress.show()
        self._next()

    @Slot()
    def cancel(self) -> None:
        self.cancelled = True
        self._queue.clear()
        controller = self.parent().controller
        if controller.state != "idle":
            controller.stop()
        elif self._session is None:
            self._finish()

    def _next(self) -> None:
        window = self.parent()
        if self.cancelled or not self._queue or not window.isVisible():   # closed: start no new child
            self._finish()
            return
        optimizer, lr = self._queue.pop(0)
        done = self._count - len(self._queue)
        try:
            self._session = comparison_session(window.doc, optimizer, lr, self._epochs, self._parameters)
            self.progress.setLabelText(translate("optimizer_comparison", "{optimizer}: {done} of {count}").format(
                optimizer=optimizer, done=done, count=self._count))
            self.progress.setValue((done - 1) * self._epochs)
            window.controller.start(self._session, self._epochs)
        except (ChangeRefused, OSError, RuntimeError) as exc:
            self._session = None
            self._finish()
            window.warn(translate("optimizer_comparison", "Comparison stopped"),
                        translated(exc.message) if isinstance(exc, ChangeRefused) else str(exc))

    @Slot(object)
    def _on_history(self, _blocks) -> None:
        if self._session is not None:
            done = self._count - len(self._queue) - 1
            self.progress.setValue(min(done * self._epochs + self._session.model.history.epochs,
                                       self.progress.maximum()))

    @Slot(str)
    def _on_state(self, state: str) -> None:
        if state != "idle" or self._session is None:
            return
        session, self._session = self._session, None
        if session.model.history.epochs:
            self.parent().doc.keep_run(comparison_run(session))
            self._kept += 1
        QTimer.singleShot(0, self._next)   # after the window has finished with the run's end

    def _finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        controller = self.parent().controller
        controller.sigStateChanged.disconnect(self._on_state)
        controller.sigHistory.disconnect(self._on_history)
        self.progress.hide()
        self.progress.deleteLater()
        self.sigDone.emit(self._kept)
        self.deleteLater()
