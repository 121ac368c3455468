"""When the coach runs in the window, and on what: ``CoachController`` adds the Coach dock
(panels/coach_panel.py) below the Training dock and runs ``bpgui.core.coach.diagnose``
in the GUI process.

It runs when the document changes while idle (a new network or data: the targets and
inputs are judged before any training), at most every ``INTERVAL_S`` while training
(on the latest snapshot's weights and the history so far), and when training pauses or ends.  A
hidden dock costs nothing: it catches up when shown.  diagnose looks at a fixed sample of
at most 1,024 training rows (``THRESHOLDS.max_rows``): 15-30 ms for 784-128-64-10 with
one BLAS thread (docs/coach.md), so it never stalls the window; a slower run stretches the
interval (``Throttle``).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QDockWidget

from bpgui.core.coach import THRESHOLDS, diagnose

from .i18n import translate
from .panels.coach_panel import CoachPanel
from .throttle import Throttle

__all__ = ["CoachController", "INTERVAL_S"]

INTERVAL_S = 2.0


class CoachController(QObject):
    """Its parent is the window; it keeps no other reference to it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.panel = CoachPanel()
        self.dock = QDockWidget(translate("coach_controller", "Coach"), window)
        self.dock.setObjectName("coachDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        # Below the training settings, where the suggestions point (learning rate, layers...), and
        # in sight while training, unlike a tab behind the plots.
        window.splitDockWidget(window.training_dock, self.dock, Qt.Vertical)
        window.acts.menus["view"].addAction(self.dock.toggleViewAction())
        self._snapshot = None      # the latest training snapshot: its weights are the newest
        self._scratch = None       # a network the snapshot's weights go into
        self._throttle = Throttle(INTERVAL_S, self.refresh, self)
        self.dock.visibilityChanged.connect(self._on_visible)
        window.controller.sigSnapshot.connect(self._on_snapshot)
        window.controller.sigHistory.connect(self._on_history)
        window.controller.sigStateChanged.connect(self._on_state)
        window.doc.subscribe(self._on_doc)

    # ------------------------------------------------------------- when it runs
    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        self._snapshot = snap

    @Slot(object)
    def _on_history(self, _blocks) -> None:
        self._throttle.request()

    @Slot(str)
    def _on_state(self, state: str) -> None:
        if state in ("idle", "paused"):   # the run ended or rests: the network holds its final state
            self._throttle.cancel()
            self._snapshot = None
            self.refresh()

    def _on_doc(self, what: set[str]) -> None:
        window = self.parent()
        if window is not None and what & {"data", "network", "settings", "weights"} \
                and window.controller.state == "idle":
            self._snapshot = None
            self.refresh()

    @Slot(bool)
    def _on_visible(self, visible: bool) -> None:
        if visible:
            self.refresh()

    # ------------------------------------------------------------- what it looks at
    def _network(self, model):
        """The newest weights: the latest snapshot's while training, else the document's."""
        net, snap = model.network, self._snapshot
        if snap is None or snap.weights is None or len(snap.weights) != net.n_layers:
            return net
        if self._scratch is None or self._scratch.describe() != net.describe():
            self._scratch = net.copy()
        try:
            self._scratch.weights, self._scratch.biases = list(snap.weights), list(snap.biases)
        except ValueError:
            return net
        return self._scratch

    def refresh(self) -> None:
        """Run the coach now and show what it finds (nothing while the dock is hidden)."""
        window = self.parent()
        if window is None or not self.dock.isVisible():
            return
        session, model = window.doc.session, window.doc.model
        if session is None:
            self.panel.show_findings([], translate("coach_controller", "No training data: the coach looks at the "
                                                                   "network with its data."))
            return
        X, Y = session.train_xy
        findings = diagnose(self._network(model), X, Y, model.history, feature_names=model.feature_names,
                            class_names=model.class_names)
        epochs = model.history.epochs
        # The count in the title reaches a reader whose dock is tabbed away or small.
        self.dock.setWindowTitle(translate("coach_controller", "Coach ({n})").format(n=len(findings)) if findings
                                 else translate("coach_controller", "Coach"))
        rows = {"n": f"{min(len(X), THRESHOLDS.max_rows):,}", "total": f"{len(X):,}"}
        self.panel.show_findings(findings, translate("coach_controller", "Checked after epoch {epoch} on {n} of "
                                                                         "{total} training rows.").format(
            epoch=f"{epochs:,}", **rows) if epochs else translate("coach_controller", "Checked before training "
                                                                                      "on {n} of {total} training "
                                                                                      "rows.").format(**rows))
