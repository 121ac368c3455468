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
from .i18n import translate
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
        self.lr_action = QAction(translate("check_commands", "Find learning rate…"), self)
        self.lr_action.setStatusTip(
            translate("check_commands", "Learning-rate range test: the loss as the rate grows, and a suggested rate")
        )
        self.lr_action.triggered.connect(self.find_learning_rate)
        self.gradient_action = QAction(translate("check_commands", "Check gradients…"), self)
        self.gradient_action.setStatusTip(
            translate("check_commands", "Backpropagation against numerical gradients, layer by layer")
        )
        self.gradient_action.triggered.connect(self.check_gradients)
        window.acts.menus["train"].addSeparator()
        window.acts.menus["train"].addActions([self.lr_action, self.gradient_action])

    @property
    def _w(self):
        return self.parent()

    def _refusal(self) -> str | None:
        """Why a check cannot run now, or None."""
        w = self._w
        if w.controller.state != "idle":
            return translate("check_commands", "Stop training first: while it runs (or is paused) the training process "
                                               "holds the newest weights, and the check would use an old copy.")
        if w.doc.session is None:
            return translate("check_commands", "Load data with the model's columns (Data panel) first: the check needs "
                                               "training rows.")
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
            w.warn(translate("check_commands", "Find learning rate"), why)
            return None
        net, X, Y = self._network_and_rows()
        s = copy.deepcopy(w.doc.settings)
        batch = (translate("check_commands", "full batch") if s.batch_size is None else
                 translate("check_commands", "batches of {size}").format(size=s.batch_size))
        what = translate(
            "check_commands",
            "Network {sizes} at epoch {epoch}, {rows} training rows, {optimizer}, {batch} "
            "(the training panel's settings).",
        ).format(
            sizes="-".join(map(str, net.sizes)),
            epoch=f"{w.doc.history.epochs:,}",
            rows=f"{len(X):,}",
            optimizer=s.optimizer,
            batch=batch,
        )
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
        done = w._change(w.doc.set_settings, s, translate("check_commands", "learning rate"), needs_idle=False)
        if done:
            w.statusBar().showMessage(
                translate("check_commands", "Learning rate set to {rate} (Undo takes it back).").format(
                    rate=f"{rate:g}"
                ),
                6000,
            )
        return bool(done)

    # --------------------------------------------------------- gradient check
    @Slot()
    def check_gradients(self) -> GradientCheckDialog | None:
        w = self._w
        if (why := self._refusal()) is not None:
            w.warn(translate("check_commands", "Check gradients"), why)
            return None
        net, X, Y = self._network_and_rows()
        if net.n_params > MAX_CHECKED_PARAMETERS:
            w.warn(
                translate("check_commands", "Check gradients"),
                translate(
                    "check_commands",
                    "This network has {n} parameters; the check makes two forward passes for each, "
                    "so the window checks networks of up to {most} (about two seconds). Try it on a "
                    "smaller network with the same activations and loss.",
                ).format(n=f"{net.n_params:,}", most=f"{MAX_CHECKED_PARAMETERS:,}"),
            )
            return None
        self.gradient_dialog = dialog = GradientCheckDialog(net, X, Y, w)
        dialog.start()
        return dialog
