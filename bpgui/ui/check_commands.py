"""The window's checks: Train → "Find learning rate…" and "Check gradients…".

Both work on a copy of the document's network and its training rows, and
refuse (politely, in the status bar's place: a message) while training runs
or is paused: the training process then holds the newest weights, and the
window's copy would be out of date.  "Use 0.0123" in the range test's dialog
sets the learning rate through the document, so Undo takes it back.
"""
from __future__ import annotations

import copy

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction

from .gradient_check_dialog import GradientCheckDialog
from .lr_find_dialog import LRFindDialog

__all__ = ["CheckCommands", "MAX_CHECKED_PARAMETERS"]

# The gradient check makes two forward passes per parameter: ~0.2 ms each on 32 rows here,
# so 10,000 parameters take about two seconds.
MAX_CHECKED_PARAMETERS = 10_000


class CheckCommands(QObject):
    """Its parent is the window; it keeps no other reference to it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.lr_dialog: LRFindDialog | None = None
        self.gradient_dialog: GradientCheckDialog | None = None
        self.lr_action = QAction("Find learning rate…", self)
        self.lr_action.setStatusTip("Learning-rate range test: the loss as the rate grows, and a suggested rate")
        self.lr_action.triggered.connect(self.find_learning_rate)
        self.gradient_action = QAction("Check gradients…", self)
        self.gradient_action.setStatusTip("Backpropagation against numerical gradients, layer by layer")
        self.gradient_action.triggered.connect(self.check_gradients)
        menus = {a.text(): a.menu() for a in window.menuBar().actions()}
        menus["&Train"].addSeparator()
        menus["&Train"].addActions([self.lr_action, self.gradient_action])

    @property
    def _w(self):
        return self.parent()

    def _refusal(self) -> str | None:
        """Why a check cannot run now, or None."""
        w = self._w
        if w.controller.state != "idle":
            return ("Stop training first: while it runs (or is paused) the training process holds the newest "
                    "weights, and the check would use an old copy.")
        if w.doc.session is None:
            return "Load data with the model's columns (Data panel) first: the check needs training rows."
        return None

    def _network_and_rows(self):
        doc = self._w.doc
        X, Y = doc.session.train_xy
        return doc.model.network.copy(), X, Y

    # ------------------------------------------------------------- range test
    @Slot()
    def find_learning_rate(self) -> LRFindDialog | None:
        w = self._w
        if (why := self._refusal()) is not None:
            w.warn("Find learning rate", why)
            return None
        net, X, Y = self._network_and_rows()
        s = copy.deepcopy(w.doc.settings)
        batch = "full batch" if s.batch_size is None else f"batches of {s.batch_size}"
        what = (f"Network {'-'.join(map(str, net.sizes))} at epoch {w.doc.history.epochs:,}, {len(X):,} training "
                f"rows, {s.optimizer}, {batch} (the training panel's settings).")
        self.lr_dialog = dialog = LRFindDialog(net, X, Y, s, what, w)
        dialog.sigUse.connect(self.use_learning_rate)
        dialog.start()
        return dialog

    @Slot(float)
    def use_learning_rate(self, rate: float) -> bool:
        """Set the document's learning rate (one undoable change)."""
        w = self._w
        s = copy.deepcopy(w.doc.settings)
        s.lr = rate
        done = w._change(w.doc.set_settings, s, "learning rate", needs_idle=False)
        if done:
            w.statusBar().showMessage(f"Learning rate set to {rate:g} (Undo takes it back).", 6000)
        return bool(done)

    # --------------------------------------------------------- gradient check
    @Slot()
    def check_gradients(self) -> GradientCheckDialog | None:
        w = self._w
        if (why := self._refusal()) is not None:
            w.warn("Check gradients", why)
            return None
        net, X, Y = self._network_and_rows()
        if net.n_params > MAX_CHECKED_PARAMETERS:
            w.warn("Check gradients", f"This network has {net.n_params:,} parameters; the check makes two forward "
                   f"passes for each, so the window checks networks of up to {MAX_CHECKED_PARAMETERS:,} "
                   "(about two seconds). Try it on a smaller network with the same activations and loss.")
            return None
        self.gradient_dialog = dialog = GradientCheckDialog(net, X, Y, w)
        dialog.start()
        return dialog
