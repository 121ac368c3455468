"""The main window: layout and wiring.

Data on the left, the network in the centre, training settings on the
right, live plots below.  The window renders one ``Document`` (the session:
data, settings, network, file) and changes it only through the document's
validated changes; a refused change is put back by rendering the document
again.  Training runs in a child process driven by ``TrainingController``;
its snapshots go straight to the views, and the epochs it reports into the
document's history.
"""
from __future__ import annotations

import copy
import os

from PySide6.QtCore import QEventLoop, QTimer, Slot
from PySide6.QtWidgets import QMainWindow, QMessageBox

from bpgui.core import TrainingSettings, builtin_dataset
from bpgui.core.losses import default_output
from bpgui.core.output_slice import default_plane
from bpgui.document import NETWORK_FIELDS, ChangeRefused, Document

from .actions import WindowKeysFirst, build_actions
from .i18n import translate, translated
from .check_commands import CheckCommands
from .coach_controller import CoachController
from .file_commands import FileCommands
from .help_menu import HelpMenu
from .run_commands import RunCommands
from .step_commands import StepCommands
from .status_line import StatusLine
from .timeline_controller import TimelineController
from .throttle import Throttle
from .window_layout import build_widgets
from .window_settings import restore_window, save_window
from .views.gradient_bars import GradientBars
from .views.lazy_tabs import TabPage
from .views.weight_heatmap import WeightHeatmap
from .training_controller import TrainingController

# The views of what the network computes and the curves are the costliest drawing: at most 10
# redraws a second each (docs/benchmarks.md, "view costs").
REDRAW_INTERVAL_S = 0.1
MINIMUM_SIZE = (900, 600)


class MainWindow(QMainWindow):
    # The pages of the view and plot tabs, built when first shown (or read here).
    boundary = TabPage("views", "Output map")
    results_view = TabPage("views", "Results")
    truth_table = TabPage("views", "Truth table")
    hidden_space = TabPage("views", "Hidden space")
    try_it = TabPage("views", "Try it")
    image_weights = TabPage("views", "Images")
    paint = TabPage("views", "Paint")
    heatmap = TabPage("plot_tabs", "Weights")
    gradients = TabPage("plot_tabs", "Gradients")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.controller = TrainingController(self)
        self.files = FileCommands(self)
        self.doc = Document(builtin_dataset("gate:xor"), TrainingSettings())
        self._view_net = None          # the network the snapshots' weights go into, for the output map
        self._quiet_panel = None       # the panel a change came from: it shows it already

        build_widgets(self)
        self.acts = build_actions(self)
        self.act_train, self.act_step, self.act_stop, self.act_reset = (
            self.acts.train, self.acts.step, self.acts.stop, self.acts.reset)
        self.recent_menu = self.acts.recent_menu
        self.acts.menus["view"].addAction(self.editor.maps_action)
        self.help = HelpMenu(self)   # the last menu: user guide, shortcuts, lessons, About
        self.status_line = StatusLine(self.statusBar())
        self.timeline = TimelineController(self)   # the bar under the plots: a past epoch in every view
        WindowKeysFirst.install(MainWindow)
        self._views_throttle = Throttle(REDRAW_INTERVAL_S, self._redraw_views, self)
        self._curves_throttle = Throttle(REDRAW_INTERVAL_S, self._redraw_curves, self)
        self._connect()
        self.runs = RunCommands(self)   # after _connect: a run's end reaches the window first
        self.checks = CheckCommands(self)   # Train: find learning rate, check gradients
        self.steps = StepCommands(self)
        self.coach = CoachController(self)   # the Coach dock; after _connect, as the runs
        restore_window(self)
        self.doc.subscribe(self._render)
        self._render({"data", "network", "settings", "file"})

    # ---------------------------------------------------------------- layout
    def _connect(self) -> None:
        c = self.controller
        c.sigSnapshot.connect(self._on_snapshot)
        c.sigHistory.connect(self._on_history)
        c.sigStateChanged.connect(self._on_state)
        c.sigFinished.connect(self._on_finished)
        c.sigError.connect(self._on_error)
        self.data_panel.sigDatasetChanged.connect(self._on_dataset)
        self.data_panel.sigSplitChanged.connect(self._on_split_changed)
        self.data_panel.sigRecentFile.connect(self.files.add_recent)
        self.data_panel.sigPaintChosen.connect(self._paint_chosen)
        self.views.sigDataPainted.connect(self._on_dataset)
        self.training_panel.sigLearningRateChanged.connect(self._on_training_panel)
        self.training_panel.sigTrainerChanged.connect(self._on_training_panel)
        self.training_panel.sigNetworkChanged.connect(self._on_training_panel)
        self.training_panel.speed.sigSpeedChanged.connect(self._on_speed)
        self.editor.sigArchitectureChanged.connect(self._on_architecture)
        self.editor.sigWeightEdited.connect(self._on_weight_edited)
        self.views.sigSampleChosen.connect(self.views.show_sample)   # a sample picked in one view shows in all
        self.views.sigPlaneChanged.connect(self.editor.set_plane)

    # ------------------------------------------------------------ shortcuts to the document
    @property
    def model(self):
        return self.doc.model

    @property
    def session(self):
        return self.doc.session

    @property
    def dataset(self):
        return self.doc.dataset

    @property
    def history(self):
        return self.doc.history

    def open_path(self, path: str) -> bool:
        return self.files.open_path(path)

    def plot_item(self, key: str):
        widget = {"loss": "loss_plot", "metric": "metric_plot", "weights": "heatmap", "gradients": "gradients",
                  "boundary": "boundary"}[key]
        return getattr(self, widget).plot   # only the plot asked for is built

    # ---------------------------------------------------------------- render
    def _render(self, what: set[str]) -> None:
        """Show the document; ``what`` says which parts changed."""
        doc = self.doc
        if what & {"data", "settings"}:
            if self._quiet_panel is not self.data_panel:
                self.data_panel.show_document(doc.dataset, doc.missing_source, doc.settings)
            if self._quiet_panel is not self.training_panel:
                self.training_panel.set_settings(doc.settings)
        if what & {"network", "data"}:
            self._show_network()
        elif "weights" in what:
            self._show_weights()
        self.training_panel.mark_pending(doc.pending_fields(), doc.session.settings if doc.session else None)
        self.weight_history.show(doc.model, doc.settings)
        self._update_title()
        self._update_actions()

    def _show_network(self) -> None:
        self.timeline.reset()
        model = self.doc.model
        net = model.network
        self.editor.set_network(net, model.feature_names, model.target_names, model.class_names)
        self.plot_tabs.call_latest("Gradients", GradientBars.set_norms, [0.0] * net.n_layers)
        self.training_panel.set_auto_loss(default_output(model.task)[1])
        regression = model.task == "regression"
        label = "R²" if regression else translate("main_window", "accuracy")
        self.metric_plot.set_keys("train_r2" if regression else "train_accuracy",
                                  "val_r2" if regression else "val_accuracy", label,
                                  y_limits=(-1.0, 1.0) if regression else (0.0, 1.0), fixed=not regression)
        self.metric_plot.plot.setTitle(label)
        self.loss_plot.reset()
        session = self.doc.session
        # The neuron maps draw the output map's plane; until the map has shown one, the default.
        self.editor.set_plane(default_plane(self.doc.dataset, session.train) if session is not None else None)
        self.views.set_data(self.doc.dataset if session is not None else None, session)
        self._show_weights()

    def _show_weights(self) -> None:
        self.timeline.timeline_changed()
        net = self.doc.model.network
        self._view_net = net.copy()
        if not self.timeline.showing_past:   # a past epoch chosen on the timeline stays in sight
            weights = [W.copy() for W in net.weights]
            self.editor.set_parameters(weights, [b.copy() for b in net.biases])
            self.plot_tabs.call_latest("Weights", WeightHeatmap.set_weights, weights)
            self.views.update_model(self.doc.model, None)
            self.editor.update_model(self.doc.model, None)
        self.loss_plot.refresh(self.history)
        self.metric_plot.refresh(self.history)
        self.status_line.show_history(self.history, running=False)
        self._show_test()

    def _show_test(self) -> None:
        session = self.doc.session
        if session is None or session.test is None or not self.history.epochs or self.controller.state == "running":
            self.status_line.show_test(None)
            return
        self.status_line.show_test(session.model.evaluate(session.test.X, session.test.Y))

    def _update_title(self) -> None:
        name = os.path.basename(self.doc.path) if self.doc.path else translate("main_window", "untitled")
        self.setWindowTitle(f"{name}[*] – {translated(self.doc.data_name())} – bpgui")
        self.setWindowModified(self.doc.has_unsaved_work)

    def _update_actions(self) -> None:
        state = self.controller.state
        self.act_train.setText(translate("main_window", "❚❚ Pause") if state == "running" else
                               translate("main_window", "▶ Resume") if state == "paused" else
                               translate("actions", "▶ Train"))
        self.act_stop.setEnabled(state != "idle")
        self.act_step.setEnabled(state != "running")
        for a in (self.acts.save, self.acts.save_as, *self.acts.exports.values(), self.acts.open_model):
            a.setEnabled(state == "idle")
        for action, text, verb in ((self.acts.undo, self.doc.undo_text, translate("main_window", "Undo {what}")),
                                   (self.acts.redo, self.doc.redo_text, translate("main_window", "Redo {what}"))):
            action.setEnabled(text is not None)
            action.setText(verb.format(what=translated(text) if text else "").strip())

    # ------------------------------------------------------- changes to the document
    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def _change(self, fn, *args, source=None, needs_idle: bool = True):
        """Apply a document change; stop a run first when it needs a new network.
        A refused change is shown, and the widgets show the document again."""
        if needs_idle and not self.stop_and_wait():
            self._render({"data", "settings", "network"})
            return False
        self._quiet_panel = source
        try:
            result = fn(*args)
            return True if result is None else result
        except ChangeRefused as exc:
            self._quiet_panel = None
            self.warn(translate("main_window", "Change not made"), translated(exc.message))
            self._render({"data", "settings", "network"})
            return False
        finally:
            self._quiet_panel = None

    @Slot(object)
    def _on_dataset(self, ds) -> None:
        result = self._change(self.doc.set_data, ds)
        if result == "kept":
            self.statusBar().showMessage(translate("main_window", "{name} has the network's columns: the trained "
                                                   "network goes on training on it (Undo to go back).").format(
                                                       name=ds.name), 8000)
        elif result and ds.notes:   # the data panel lists them too, maybe scrolled out of sight
            self.statusBar().showMessage(f"{ds.name}: " + "; ".join(translated(note) for note in ds.notes), 15000)

    @Slot()
    def _on_split_changed(self) -> None:
        s = copy.deepcopy(self.doc.settings)
        s.normalize, s.val_split, s.test_split = self.data_panel.split_values()
        self._change(self.doc.set_settings, s, translate("main_window", "data preparation"))

    @Slot()
    def _on_training_panel(self, *_args) -> None:
        s = self.training_panel.apply_to(copy.deepcopy(self.doc.settings))
        needs_new_network = any(getattr(s, f) != getattr(self.doc.settings, f) for f in NETWORK_FIELDS)
        lr_before = self.doc.settings.lr
        self._change(self.doc.set_settings, s, translate("main_window", "training settings"),
                     source=self.training_panel, needs_idle=needs_new_network)
        if self.doc.settings.lr != lr_before and self.controller.state != "idle":
            self._command(self.controller.set_lr, self.doc.settings.lr)

    @Slot(object)
    def _on_speed(self, epochs_per_second) -> None:
        self._command(self.controller.set_speed, epochs_per_second)   # a preference: not the document's

    @Slot(object)
    def _on_architecture(self, hidden) -> None:
        self._change(self.doc.set_hidden, hidden, source=None)

    @Slot(int, int, int, float)
    def _on_weight_edited(self, layer: int, i: int, j: int, value: float) -> None:
        if self.controller.state != "idle" or self.timeline.showing_past:
            self.statusBar().showMessage(
                translate("main_window", "Stop training to edit a weight.") if self.controller.state != "idle" else
                translate("main_window", "Go back to the newest epoch (timeline) to edit a weight."), 4000)
            return
        if self._change(self.doc.set_weight, layer, i, j, value, needs_idle=False):
            self.statusBar().showMessage(translate("main_window", "weight layer {layer}, {i} → {j} set to {value}")
                                         .format(layer=layer + 1, i=i + 1, j=j + 1, value=f"{value:g}"), 4000)

    @Slot()
    def _paint_chosen(self) -> None:
        self.paint.reveal()   # builds the Paint view when it is first chosen

    @Slot()
    def reset_weights(self) -> None:
        self._change(self.doc.reset_weights)

    @Slot()
    def undo(self) -> None:
        self._undo_or_redo(redo=False)

    @Slot()
    def redo(self) -> None:
        self._undo_or_redo(redo=True)

    def _undo_or_redo(self, redo: bool) -> None:
        keeps = self.doc.undo_keeps_network(redo)
        lr = self.doc.settings.lr
        self._change(self.doc.redo if redo else self.doc.undo, needs_idle=not keeps)
        if self.doc.settings.lr != lr and self.controller.state != "idle":
            self._command(self.controller.set_lr, self.doc.settings.lr)

    # -------------------------------------------------------------- training
    @Slot()
    def train_or_pause(self) -> None:
        state = self.controller.state
        if state == "running":
            self._command(self.controller.pause)
        elif state == "paused":
            self._command(self.controller.resume)
        elif self._ready():
            epochs = self.doc.settings.epochs
            self.status_line.run_started(self.history.epochs, epochs)
            self._command(self.controller.start, self.doc.session, epochs)

    @Slot()
    def step_epoch(self) -> None:
        state = self.controller.state
        if state == "paused" or (state == "idle" and self._ready()):
            self._command(self.controller.step, self.doc.session)

    def _ready(self) -> bool:
        if self.doc.session is None:
            self.warn(translate("main_window", "No training data"), translate(
                "main_window", "Load data with the model's columns (Data panel) before training this model."))
            return False
        self.doc.apply_pending()
        self.doc.running = True
        return True

    @Slot()
    def stop_training(self) -> None:
        if self.controller.state != "idle":
            self._command(self.controller.stop)

    def _command(self, fn, *args) -> None:
        """Drive the controller; a failure (e.g. the training process cannot start) becomes a message."""
        try:
            fn(*args)
        except Exception as exc:  # anything from the worker must reach the user, not kill the app
            self.doc.running = self.controller.state != "idle"
            self.status_line.run_ended()
            self._update_actions()
            self.warn(translate("main_window", "Training could not run"), f"{type(exc).__name__}: {exc}")

    def stop_and_wait(self, timeout_ms: int = 8000) -> bool:
        """Stop a run (no question: Undo brings back what a change replaces); True when idle."""
        if self.controller.state == "idle":
            return True
        loop, timer = QEventLoop(), QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        self.controller.sigStateChanged.connect(loop.quit)
        self.controller.stop()
        if self.controller.state != "idle":
            timer.start(timeout_ms)
            loop.exec()
        timer.stop()
        self.controller.sigStateChanged.disconnect(loop.quit)
        return self.controller.state == "idle"

    # ---------------------------------------------------- controller signals
    @Slot(object)
    def _on_history(self, _blocks) -> None:
        """New epochs are in the document's history (the controller put them there)."""
        self.doc.trained()
        self.timeline.timeline_changed()
        self._curves_throttle.request()
        self.status_line.show_history(self.history, running=self.controller.state == "running")

    def _redraw_curves(self) -> None:
        self.loss_plot.refresh(self.history)
        self.metric_plot.refresh(self.history)
        self.weight_history.show(self.doc.model, self.doc.settings)   # the timeline grows with the history

    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        if self.timeline.hold(snap):   # a past epoch is in sight: the snapshot waits
            return
        weights, biases = snap.weights, snap.biases
        if len(weights) != self.doc.model.network.n_layers:
            return
        self.editor.set_parameters(weights, biases)
        self.plot_tabs.call_latest("Weights", WeightHeatmap.set_weights, weights)
        self.plot_tabs.call_latest("Gradients", GradientBars.set_norms, snap.grad_norms)
        try:
            self._view_net.weights = list(weights)
            self._view_net.biases = list(biases)
        except (ValueError, AttributeError):
            return
        self._views_throttle.request()

    def _redraw_views(self) -> None:
        if self._view_net is not None:
            self.views.update_model(self.doc.model, self._view_net)
            self.editor.update_model(self.doc.model, self._view_net)

    @Slot(str)
    def _on_state(self, state: str) -> None:
        if state == "running":
            self.status_line.show_test(None)   # they were the previous weights' figures
        if state == "idle":
            self._views_throttle.cancel()
            self._curves_throttle.cancel()
            self.doc.running = False
            self.status_line.run_ended()
            self.doc.apply_pending()
            self._show_weights()
        self._render({"file"})

    @Slot(str)
    def _on_finished(self, how: str) -> None:
        self.status_line.run_finished(how, self.history.epochs)

    @Slot(str)
    def _on_error(self, message: str) -> None:
        self.status_line.run_ended()
        self._show_weights()
        self._update_actions()
        self.warn(translate("main_window", "Training stopped"), message)

    # ----------------------------------------------------------- drag & drop
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                event.acceptProposedAction()
                self.files.open_path(url.toLocalFile())
                return

    # ------------------------------------------------------------------ close
    def closeEvent(self, event) -> None:
        if not self.files.confirm_discard():
            event.ignore()
            return
        self.controller.shutdown()
        save_window(self)
        event.accept()

