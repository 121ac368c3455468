"""The window showing a past epoch: the timeline bar's choices reach every view.

``timeline_changed()`` is the one call by which the window says that its model,
or the model's timeline, may have changed (after epochs arrive, and whenever it
shows the weights).  A new model resets the bar to the newest epoch.  While a
past epoch is shown, the window hands its live snapshots to ``hold`` instead
of drawing them; going back to the newest draws the latest one.

The drawing of one epoch: the weights from the timeline go into the network
drawing, the heatmap, a network copy the views of what it computes are given
(``views.update_model``, ``editor.update_model``), the gradient norms
recomputed at them (``EpochGradients``: a fixed sample of training rows), the
step-through's starting state (the checkpoint's, moments included), and a
marker on the loss and metric curves.  Requests are drawn at the next turn
of the event loop, the latest one only, so a fast drag never queues frames.
"""
from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from bpgui.core.epoch_gradients import EpochGradients

from .i18n import QT_TRANSLATE_NOOP, translate
from .timeline_bar import TimelineBar
from .views.step_through_view import StepThroughView

__all__ = ["TimelineController"]

LAST_BATCH_TITLE = QT_TRANSLATE_NOOP("timeline_controller", "gradient norm per layer (last batch)")
BAR_INTERVAL_MS = 250   # while training, the bar takes new epochs at most 4 times a second


class TimelineController(QObject):
    sigEpochShown = Signal(int)   # a past epoch is in sight in every view

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = weakref.ref(window)   # a child QObject must not keep the window alive
        self.bar = TimelineBar()
        _put_under_plots(window, self.bar)
        self.bar.sigEpochChosen.connect(self._requested)
        self.bar.sigNewest.connect(self.show_newest)
        self.sigEpochShown.connect(self.bar.frame_shown)
        self._model = None          # the model whose timeline the bar shows
        self._past: int | None = None      # the epoch in sight, None when following the newest
        self._wanted: int | None = None    # the latest epoch asked for, not drawn yet
        self._held = None           # the latest live snapshot, kept while a past epoch is shown
        self._newest_norms = ()     # the gradient bars' values when the past was entered
        self._net = None            # the network the views are given a past epoch's weights in
        self._gradients = None      # (session, EpochGradients) for the session's training rows
        self._draw_timer = QTimer(self)
        self._draw_timer.setSingleShot(True)
        self._draw_timer.setInterval(0)
        self._draw_timer.timeout.connect(self._draw_wanted)
        self._seen = (None, None)   # the timeline the bar shows, and its (length, last epoch, stride)
        self._bar_timer = QTimer(self)
        self._bar_timer.setSingleShot(True)
        self._bar_timer.setInterval(BAR_INTERVAL_MS)
        self._bar_timer.timeout.connect(self._show_timeline)

    # ----------------------------------------------------------------- the API
    @property
    def showing_past(self) -> bool:
        return self._past is not None or self._wanted is not None

    @property
    def epoch(self) -> int | None:
        """The past epoch in sight (None: the newest)."""
        return self._past

    def timeline_changed(self) -> None:
        """The window's model, or its timeline, may have changed: the bar shows it
        (a new model: back to the newest)."""
        w = self._window()
        model = w.doc.model
        if model is not self._model:
            self.reset()
            self._model = model
        if w.controller.state == "running":   # epochs arrive dozens of times a second
            if not self._bar_timer.isActive():
                self._bar_timer.start()
            return
        self._show_timeline()

    @Slot()
    def _show_timeline(self) -> None:
        w = self._window()
        if w is None:
            return
        timeline, newest = w.doc.model.timeline, w.history.epochs
        shape = None if timeline is None else (len(timeline), timeline.last_epoch, timeline.stride)
        if self._seen != (timeline, shape):
            self._seen = (timeline, shape)
            # The epoch column as an array: Timeline.epochs builds a list (a million for a small network).
            epochs = timeline.columns()["epoch"].copy() if shape and shape[0] else None
            self.bar.set_epochs(epochs, newest)
        elif newest != self.bar.newest:
            self.bar.set_newest(newest)

    def show_epoch(self, epoch: int) -> None:
        """Show the checkpoint nearest ``epoch`` in every view now (the last one: the newest)."""
        self.bar.choose(epoch)
        if self._draw_timer.isActive():
            self._draw_timer.stop()
            self._draw_wanted()

    def hold(self, snapshot) -> bool:
        """A live snapshot: True when a past epoch is shown (it is kept for later, not drawn)."""
        if not self.showing_past:
            return False
        self._held = snapshot
        return True

    @Slot()
    def show_newest(self) -> None:
        """Follow training again: the newest weights in every view."""
        if not self.showing_past:
            return
        self._draw_timer.stop()
        self._past = self._wanted = None
        self._leave_past_marks()
        w = self._window()
        self._step_from(None)
        w.gradients.set_norms(self._newest_norms)
        snap, self._held = self._held, None
        if w.controller.state == "idle":
            w._show_weights()
        elif snap is not None:
            w._on_snapshot(snap)
        else:
            self._draw(w._view_net.weights, w._view_net.biases, w._view_net)
        if not self.bar.following:
            self.bar.go_newest()

    # ---------------------------------------------------------------- drawing
    def reset(self) -> None:
        """The data or the network changed (the window draws it): the bar goes back to the
        newest epoch, without drawing anything."""
        self._model = self._net = self._gradients = self._held = None
        self._seen = (None, None)
        self._draw_timer.stop()
        if self.showing_past:
            self._past = self._wanted = None
            self._leave_past_marks()
            self._step_from(None)
        self.bar.set_epochs(None, None)

    def _leave_past_marks(self) -> None:
        w = self._window()
        for plot in (w.loss_plot, w.metric_plot):
            plot.set_marker(None)
        w.gradients.plot.setTitle(translate("timeline_controller", LAST_BATCH_TITLE))
        w.gradients.setToolTip("")

    @Slot(int)
    def _requested(self, epoch: int) -> None:
        if not self.showing_past:   # leaving the newest: what it showed comes back later
            w = self._window()
            self._newest_norms = w.gradients.values
            w._views_throttle.cancel()
        self._wanted = epoch
        if not self._draw_timer.isActive():
            self._draw_timer.start()

    @Slot()
    def _draw_wanted(self) -> None:
        epoch, self._wanted = self._wanted, None
        if epoch is None:
            return
        w = self._window()
        model = w.doc.model
        if model.timeline is None:
            return
        if self._net is None:
            self._net = model.network.copy()
        weights, biases = model.timeline.weights_at(epoch)
        self._net.weights, self._net.biases = weights, biases
        if self._past is None:
            title = self._gradient_title()
            w.gradients.plot.setTitle(title)
            w.gradients.setToolTip(title)
        self._past = epoch
        self._step_from(epoch)
        self._draw(weights, biases, self._net, self._norms_at(weights, biases))
        for plot in (w.loss_plot, w.metric_plot):
            plot.set_marker(epoch)
        self.sigEpochShown.emit(epoch)

    def _step_from(self, epoch: int | None) -> None:
        """The step-through starts from this epoch's checkpoint (None: the document's trainer)."""
        w = self._window()
        timeline = None if epoch is None else w.doc.model.timeline
        w.views.call_latest("Step through", StepThroughView.set_checkpoint, timeline, epoch)

    def _draw(self, weights, biases, net, norms=None) -> None:
        w = self._window()
        w.editor.set_parameters(weights, biases)
        w.heatmap.set_weights(weights)
        if norms is not None:
            w.gradients.set_norms(norms)
        w.views.update_model(w.doc.model, net)
        w.editor.update_model(w.doc.model, net)

    def _epoch_gradients(self) -> EpochGradients | None:
        session = self._window().doc.session
        if session is None:
            return None
        if self._gradients is None or self._gradients[0] is not session:
            self._gradients = (session, EpochGradients(session.model.network, *session.train_xy))
        return self._gradients[1]

    def _norms_at(self, weights, biases) -> list[float]:
        grads = self._epoch_gradients()
        return [0.0] * len(weights) if grads is None else grads.norms(weights, biases)

    def _gradient_title(self) -> str:
        grads = self._epoch_gradients()
        if grads is None:
            return translate("timeline_controller", "gradient norm per layer: no training data at this epoch")
        rows = (translate("timeline_controller", "{n} of {total} training rows (a fixed sample)") if grads.sampled
                else translate("timeline_controller", "all {total} training rows")).format(n=f"{len(grads.rows):,}",
                                                                               total=f"{grads.total_rows:,}")
        return translate("timeline_controller", "gradient norm per layer at the epoch shown ({rows})").format(rows=rows)


def _put_under_plots(window, bar: TimelineBar) -> None:
    """The bar goes in the plots dock, under the curves."""
    dock = window.plots_dock
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(0)
    lay.addWidget(dock.widget(), 1)
    lay.addWidget(bar)
    dock.setWidget(box)
