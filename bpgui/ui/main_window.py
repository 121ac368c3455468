"""The main window: data on the left, the network in the centre, training
settings on the right, live plots below, a toolbar to drive training.

The window owns one ``Session`` (data + settings -> model and trainer) and a
``TrainingController`` that trains it off the GUI thread.  Views are fed by
the controller's throttled signals; everything they draw is a copy.

Rule for changes: settings that keep the weights (optimizer, rate, batch,
epochs, regularisation) apply at the next run; settings that need a new
network (data, split, normalisation, architecture, loss, initialiser, seed)
rebuild the session with fresh weights.  While training runs, the latter ask
to stop first.
"""
from __future__ import annotations

import csv
import math
import os
import time
from collections import deque

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers the exporters)
from PySide6.QtCore import QByteArray, QEventLoop, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar,
                               QScrollArea, QSplitter, QTabWidget, QToolBar)

from bpgui.core.data import DataError, Dataset, gate_dataset
from bpgui.core.history import History
from bpgui.core.model import Model, default_output
from bpgui.core.modelfile import ModelFileError, load_model, save_model
from bpgui.core.session import Session, TrainingSettings

from .network_view import NetworkEditor
from .panels.data_panel import DataPanel
from .panels.training_panel import TrainingPanel
from .plots import BoundaryPlot, CurvePlot, GradientBars, WeightHeatmap

from .training_controller import TrainingController

MAX_RECENT = 8
BOUNDARY_INTERVAL_S = 0.1      # the output map is the costliest view: at most 10 redraws a second
ORGANISATION = "bpgui"


def settings_store() -> QSettings:
    return QSettings(ORGANISATION, "bpgui")


def _export_svg(item, path: str) -> None:
    """Render a plot's part of its scene into an SVG file.

    pyqtgraph's SVGExporter fails on the path syntax Qt 6.11's SVG generator
    writes ("not enough values to unpack"), so the scene is rendered through
    QSvgGenerator directly: vector output, as the exporter would give.
    """
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    rect = item.sceneBoundingRect()
    gen = QSvgGenerator()
    gen.setFileName(path)
    gen.setSize(QSize(int(rect.width()), int(rect.height())))
    gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    gen.setTitle("bpgui plot")
    painter = QPainter()
    if not painter.begin(gen):
        raise OSError(f"cannot write {path}")
    try:
        item.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    finally:
        painter.end()
    if not os.path.exists(path):
        raise OSError(f"cannot write {path}")


class MainWindow(QMainWindow):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("bpgui")
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.controller = TrainingController(self)
        self.session: Session | None = None
        self.dataset: Dataset | None = None
        self.model: Model | None = None
        self.model_path: str | None = None
        self._no_history = History()   # what the views show before there is a model
        self._dirty = False            # trained (or edited) since the last save
        self._trainer_dirty = False    # trainer settings changed since the session was built
        self._view_net = None          # a network the snapshots' weights go into, for the output map
        self._last_snapshot = None
        self._run_start = 0
        self._run_target: int | None = None
        self._rate = deque(maxlen=40)
        self._boundary_at = 0.0
        self.last_model_folder = ""

        self._build_views()
        self._build_actions()
        self._build_status()
        self._connect()
        self._restore_settings()

        self._boundary_timer = QTimer(self)
        self._boundary_timer.setSingleShot(True)
        self._boundary_timer.timeout.connect(self._redraw_boundary)

        # A ready session: XOR, 2-4-1, tanh/sigmoid, bce, adam.
        self.dataset = gate_dataset("xor")
        self.data_panel.dataset = self.dataset
        self.data_panel._show_summary(self.dataset)
        self._new_session(fresh=True)
        self._update_title()

    # ---------------------------------------------------------------- layout
    def _build_views(self) -> None:
        self.editor = NetworkEditor()
        self.editor.change_guard = self._may_replace_network
        self.editor.edit_guard = self._may_edit_weights
        self.boundary = BoundaryPlot()
        self.boundary.setMinimumWidth(260)  # below this the map is unreadable (seen at 1066x666)
        centre = QSplitter(Qt.Horizontal)
        centre.addWidget(self.editor)
        centre.addWidget(self.boundary)
        centre.setStretchFactor(0, 3)
        centre.setStretchFactor(1, 2)
        centre.setSizes([520, 340])
        self.setCentralWidget(centre)

        self.data_panel = DataPanel()
        self.training_panel = TrainingPanel()
        for title, name, panel, area in (("Data", "dataDock", self.data_panel, Qt.LeftDockWidgetArea),
                                         ("Training", "trainingDock", self.training_panel, Qt.RightDockWidgetArea)):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(panel)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            scroll.setMinimumWidth(290)
            dock = QDockWidget(title, self)
            dock.setObjectName(name)
            dock.setWidget(scroll)
            self.addDockWidget(area, dock)
        self.data_dock, self.training_dock = self.findChild(QDockWidget, "dataDock"), \
            self.findChild(QDockWidget, "trainingDock")

        self.loss_plot = CurvePlot("loss", "loss", log_toggle=True)
        self.loss_plot.set_keys("train_loss", "val_loss")
        self.metric_plot = CurvePlot("accuracy", "accuracy", legend_at_bottom=True)
        self.heatmap = WeightHeatmap()
        self.gradients = GradientBars()
        tabs = QTabWidget()
        tabs.addTab(self.heatmap, "Weights")
        tabs.addTab(self.gradients, "Gradients")
        self.plot_tabs = tabs
        plots = QSplitter(Qt.Horizontal)
        plots.addWidget(self.loss_plot)
        plots.addWidget(self.metric_plot)
        plots.addWidget(tabs)
        plots.setMinimumHeight(230)
        dock = QDockWidget("Plots", self)
        dock.setObjectName("plotsDock")
        dock.setWidget(plots)
        self.addDockWidget(Qt.BottomDockWidgetArea, dock)
        self.plots_dock = dock
        self.resizeDocks([dock], [290], Qt.Vertical)

    def _build_actions(self) -> None:
        def action(text, slot, shortcut=None, tip=None) -> QAction:
            a = QAction(text, self)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            if tip:
                a.setToolTip(tip)
                a.setStatusTip(tip)
            a.triggered.connect(slot)
            return a

        self.act_train = action("▶ Train", self.train_or_pause, Qt.Key_Space, "Train / pause (Space)")
        self.act_step = action("Step", self.step_epoch, None, "Train exactly one epoch")
        self.act_reset = action("Reset weights", self.reset_weights, None, "New random weights, history cleared")
        self.act_stop = action("■ Stop", self.stop_training, None, "Stop training")
        tb = QToolBar("Training")
        tb.setObjectName("trainingToolbar")
        tb.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for a in (self.act_train, self.act_step, self.act_stop, self.act_reset):
            tb.addAction(a)
        self.addToolBar(tb)
        self.toolbar = tb

        self.act_open_data = action("Open data…", self.data_panel.open_csv_dialog, "Ctrl+Shift+O")
        self.act_open_model = action("Open model…", self.open_model_dialog, QKeySequence.Open)
        self.act_save = action("Save model", self.save_model, QKeySequence.Save)
        self.act_save_as = action("Save model as…", self.save_model_as, "Ctrl+Shift+S")
        self.act_onnx = action("Export ONNX…", self.export_onnx)
        self.act_history = action("Export loss history as CSV…", self.export_history)
        self.act_quit = action("Quit", self.close, QKeySequence.Quit)
        menu = self.menuBar().addMenu("&File")
        menu.addAction(self.act_open_data)
        menu.addAction(self.act_open_model)
        self.recent_menu = menu.addMenu("Recent files")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.addSeparator()
        menu.addAction(self.act_save)
        menu.addAction(self.act_save_as)
        menu.addSeparator()
        menu.addAction(self.act_onnx)
        menu.addAction(self.act_history)
        plots = menu.addMenu("Export plot")
        self._plot_actions = {}
        for key, text in (("loss", "Loss"), ("metric", "Accuracy / R²"), ("weights", "Weight heatmap"),
                          ("gradients", "Gradient norms"), ("boundary", "Output map")):
            a = QAction(f"{text}…", self)
            a.setData(key)
            a.triggered.connect(self._export_plot_action)
            plots.addAction(a)
            self._plot_actions[key] = a
        menu.addSeparator()
        menu.addAction(self.act_quit)
        train_menu = self.menuBar().addMenu("&Train")
        for a in (self.act_train, self.act_step, self.act_stop, self.act_reset):
            train_menu.addAction(a)
        view = self.menuBar().addMenu("&View")
        for dock in (self.data_dock, self.training_dock, self.plots_dock):
            view.addAction(dock.toggleViewAction())

    def _build_status(self) -> None:
        sb = self.statusBar()
        self.status_epoch = QLabel()
        self.status_loss = QLabel()
        self.status_metric = QLabel()
        self.status_rate = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setVisible(False)
        for w, width in ((self.status_epoch, 110), (self.status_loss, 200), (self.status_metric, 190),
                         (self.status_rate, 110)):
            w.setMinimumWidth(width)
            sb.addPermanentWidget(w)
        sb.addPermanentWidget(self.progress)

    def _connect(self) -> None:
        c = self.controller
        c.sigSnapshot.connect(self._on_snapshot)
        c.sigHistory.connect(self._on_history)
        c.sigStateChanged.connect(self._on_state)
        c.sigFinished.connect(self._on_finished)
        c.sigError.connect(self._on_error)
        self.data_panel.sigDatasetChanged.connect(self._on_dataset)
        self.data_panel.sigSplitChanged.connect(self._on_split_changed)
        self.data_panel.sigRecentFile.connect(self._add_recent)
        self.training_panel.sigLearningRateChanged.connect(self._on_lr)
        self.training_panel.sigTrainerChanged.connect(self._on_trainer_settings)
        self.training_panel.sigNetworkChanged.connect(self._on_network_settings)
        self.editor.sigArchitectureChanged.connect(self._on_architecture)
        self.editor.sigWeightEdited.connect(self._on_weight_edited)

    # -------------------------------------------------------------- settings
    def current_settings(self) -> TrainingSettings:
        s = TrainingSettings(hidden=list(self.editor.hidden))
        split = self.data_panel.split_settings()
        s.normalize, s.val_split, s.test_split = split["normalize"], split["val_split"], split["test_split"]
        return self.training_panel.apply_to(s)

    def _restore_settings(self) -> None:
        st = settings_store()
        geometry = st.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = st.value("windowState")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.data_panel.last_folder = str(st.value("lastDataFolder", "") or "")
        self.last_model_folder = str(st.value("lastModelFolder", "") or "")

    def _save_settings(self) -> None:
        st = settings_store()
        st.setValue("geometry", self.saveGeometry())
        st.setValue("windowState", self.saveState())
        st.setValue("lastDataFolder", self.data_panel.last_folder)
        st.setValue("lastModelFolder", self.last_model_folder)

    def recent_files(self) -> list[str]:
        value = settings_store().value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    @Slot(str)
    def _add_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        files = [path] + [p for p in self.recent_files() if p != path]
        settings_store().setValue("recentFiles", files[:MAX_RECENT])

    @Slot()
    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        if not files:
            self.recent_menu.addAction("(none)").setEnabled(False)
        for path in files:
            a = self.recent_menu.addAction(os.path.basename(path))
            a.setToolTip(path)
            a.setData(path)
            a.triggered.connect(self._open_recent)

    @Slot()
    def _open_recent(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.open_path(str(action.data()))

    # --------------------------------------------------------------- session
    def _new_session(self, fresh: bool) -> bool:
        """Build a session from the current data and settings.  On failure the
        previous session stays and the user reads why."""
        if self.dataset is None:
            return False
        settings = self.current_settings()
        try:
            session = Session(self.dataset, settings, init_model=None if fresh else self.model)
        except (ValueError, DataError) as exc:
            self._warn("Cannot build the network", str(exc))
            return False
        previous = self.session
        if not fresh and previous is not None and previous.model is session.model:
            # Same weights, new trainer settings: carry on where the last run stopped
            # (optimizer moments if the optimizer is the same, epoch count, shuffling).
            state = previous.trainer.state()
            if previous.trainer.optimizer.name != session.trainer.optimizer.name:
                state = state.without_optimizer_moments()
            session.trainer.restore(state.with_lr(session.trainer.lr))
        self.session = session
        self._trainer_dirty = False
        if fresh or self.model is not session.model:
            self.model = session.model
            self._dirty = False
            self._show_model()
        return True

    @property
    def history(self) -> History:
        """The shown model's history: what the curves and the status bar show."""
        return self.model.history if self.model is not None else self._no_history

    def _show_model(self) -> None:
        """Point every view at self.model (network, history, data)."""
        model = self.model
        net = model.network
        self._view_net = net.copy()
        self.editor.set_network(net, model.feature_names, model.target_names)
        self.heatmap.set_weights([W.copy() for W in net.weights])
        self.gradients.set_norms([0.0] * net.n_layers)
        self.training_panel.set_auto_loss(default_output(model.task)[1])
        metric = "r2" if model.task == "regression" else "accuracy"
        self.metric_plot.set_keys(f"train_{metric}", f"val_{metric}", "R²" if metric == "r2" else "accuracy")
        self.metric_plot.plot.setTitle("R²" if metric == "r2" else "accuracy")
        self.loss_plot.reset()
        self.metric_plot.reset()
        self.loss_plot.refresh(self.history)
        self.metric_plot.refresh(self.history)
        shown = self.dataset if (self.session is not None and self.session.model is model) else None
        self.boundary.set_data(shown)
        self.boundary.update_model(model)
        self._last_snapshot = None
        self._update_status()
        self._update_title()
        self._update_actions()

    def _sync_from_network(self) -> None:
        """After a run: the controller has put the final weights into the model's network."""
        if self.model is None:
            return
        net = self.model.network
        weights = [W.copy() for W in net.weights]
        self.editor.set_parameters(weights, [b.copy() for b in net.biases])
        self.heatmap.set_weights(weights)
        self._view_net = net.copy()
        self.boundary.update_model(self.model)

    # -------------------------------------------------------------- guards
    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def _stop_and_wait(self, timeout_ms: int = 8000) -> None:
        if self.controller.state == "idle":
            return
        loop = QEventLoop()
        self.controller.sigStateChanged.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        self.controller.stop()
        if self.controller.state != "idle":
            loop.exec()
        self.controller.sigStateChanged.disconnect(loop.quit)

    def _stop_for_change(self) -> bool:
        """Before a change that needs a new network: stop a run (asking first)."""
        if self.controller.state == "idle":
            return True
        answer = QMessageBox.question(self, "Training is running",
                                      "This change needs a new network. Stop training first?",
                                      QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Yes)
        if answer != QMessageBox.Yes:
            return False
        self._stop_and_wait()
        return self.controller.state == "idle"

    def _may_edit_weights(self) -> bool:
        if self.controller.state == "idle":
            return True
        self.statusBar().showMessage("Stop training to edit a weight.", 4000)
        return False

    def confirm_discard(self) -> bool:
        """Ask before losing a trained, unsaved network: Save / Discard / Cancel."""
        if not self._dirty:
            return True
        answer = QMessageBox.question(self, "Unsaved network",
                                      "The network has been trained since it was last saved. Save it first?",
                                      QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel,
                                      QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save_model()
        return answer == QMessageBox.Discard

    # ------------------------------------------------------- change handlers
    @Slot(object)
    def _on_dataset(self, ds: Dataset) -> None:
        previous = self.dataset
        if not self._stop_for_change() or not self.confirm_discard():
            self._restore_panel(previous)
            return
        self.dataset = ds
        if not self._new_session(fresh=True):
            self.dataset = previous
            self._restore_panel(previous)

    def _restore_panel(self, ds: Dataset | None) -> None:
        if ds is None:
            return
        try:
            self.data_panel.load_source(ds.source)
        except (DataError, OSError, KeyError):
            pass
        self.data_panel.dataset = ds

    def _may_replace_network(self) -> bool:
        """A change that needs new weights: stop a run first, and ask before losing trained work."""
        return self._stop_for_change() and self.confirm_discard()

    @Slot()
    def _on_split_changed(self) -> None:
        self._replace_or_defer()

    @Slot()
    def _on_network_settings(self) -> None:
        self._replace_or_defer()

    def _replace_or_defer(self) -> None:
        if self._may_replace_network():
            self._new_session(fresh=True)
        else:
            self.statusBar().showMessage("The trained network was kept; the new settings apply "
                                         "when you reset the weights.", 6000)

    @Slot(object)
    def _on_architecture(self, _hidden) -> None:
        self._new_session(fresh=True)

    @Slot()
    def _on_trainer_settings(self) -> None:
        self._trainer_dirty = True
        if self.controller.state != "idle":
            self.statusBar().showMessage("The new settings apply from the next run.", 4000)

    @Slot(float)
    def _on_lr(self, lr: float) -> None:
        # Straight into the trainer: a new learning rate needs no new session and
        # keeps the optimizer's moments and the schedule's position.
        if self.controller.state != "idle":
            self._command(self.controller.set_lr, lr)
            self.statusBar().showMessage(f"Learning rate {lr:g} from now on.", 3000)
        elif self.session is not None:
            try:
                self.session.trainer.lr = lr
                self.session.settings.lr = lr
            except ValueError as exc:
                self._warn("Learning rate", str(exc))

    @Slot(int, int, int, float)
    def _on_weight_edited(self, layer: int, i: int, j: int, value: float) -> None:
        if self.model is None or self.controller.state != "idle":
            return
        self.model.network.weights[layer][i, j] = value
        self._dirty = True
        self._sync_from_network()
        self.statusBar().showMessage(f"weight layer {layer + 1}, {i + 1} → {j + 1} set to {value:g}", 4000)

    # -------------------------------------------------------------- training
    def _ready_session(self) -> Session | None:
        if self.session is None or self.session.model is not self.model:
            self._warn("No training data",
                       "Load data with the model's columns (Data panel) before training this model.")
            return None
        if self._trainer_dirty and not self._new_session(fresh=False):
            return None
        return self.session

    @Slot()
    def train_or_pause(self) -> None:
        state = self.controller.state
        if state == "running":
            self._command(self.controller.pause)
        elif state == "paused":
            self._command(self.controller.resume)
        else:
            session = self._ready_session()
            if session is None:
                return
            epochs = session.settings.epochs
            self._run_start = self.history.epochs
            self._run_target = epochs
            self._rate.clear()
            self.progress.setVisible(epochs is not None)
            if epochs is not None:
                self.progress.setRange(0, epochs)
                self.progress.setValue(0)
            self._command(self.controller.start, session, epochs)

    @Slot()
    def step_epoch(self) -> None:
        if self.controller.state == "running":
            return
        if self.controller.state == "paused":
            self._command(self.controller.step, self.session)
            return
        session = self._ready_session()
        if session is not None:
            self._command(self.controller.step, session)

    def _command(self, fn, *args) -> None:
        """Drive the controller; a failure (e.g. the training process cannot start) becomes a message."""
        try:
            fn(*args)
        except Exception as exc:  # anything from the worker must reach the user, not kill the app
            self.progress.setVisible(False)
            self._update_actions()
            self._warn("Training could not run", f"{type(exc).__name__}: {exc}")

    @Slot()
    def stop_training(self) -> None:
        self._command(self.controller.stop)

    @Slot()
    def reset_weights(self) -> None:
        if self._stop_for_change() and self.confirm_discard():
            self._new_session(fresh=True)

    # ---------------------------------------------------- controller signals
    @Slot(object)
    def _on_history(self, _blocks) -> None:
        """New epochs are in the model's history (the controller put them there)."""
        self._dirty = True
        now = time.perf_counter()
        self._rate.append((now, self.history.epochs))
        self.loss_plot.refresh(self.history)
        self.metric_plot.refresh(self.history)
        if self._run_target is not None and self.progress.isVisible():
            self.progress.setValue(min(self.history.epochs - self._run_start, self._run_target))
        self._update_status()

    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        self._last_snapshot = snap
        weights, biases = snap.weights, snap.biases
        if self.model is None or len(weights) != self.model.network.n_layers:
            return
        self.editor.set_parameters(weights, biases)
        self.heatmap.set_weights(weights)
        self.gradients.set_norms(snap.grad_norms)
        try:
            self._view_net.weights = list(weights)
            self._view_net.biases = list(biases)
        except (ValueError, AttributeError):
            return
        if time.perf_counter() - self._boundary_at >= BOUNDARY_INTERVAL_S:
            self._redraw_boundary()
        elif not self._boundary_timer.isActive():
            self._boundary_timer.start(int(BOUNDARY_INTERVAL_S * 1000))

    @Slot()
    def _redraw_boundary(self) -> None:
        self._boundary_at = time.perf_counter()
        if self.model is not None and self._view_net is not None:
            self.boundary.update_model(self.model, self._view_net)

    @Slot(str)
    def _on_state(self, state: str) -> None:
        if state == "idle":
            self._boundary_timer.stop()
            self._sync_from_network()
        self._update_actions()
        self._update_status()

    @Slot(str)
    def _on_finished(self, how: str) -> None:
        text = {"completed": "Training completed", "early_stopping": "Stopped early: validation loss stopped improving",
                "stopped": "Training stopped"}.get(how, how)
        self.statusBar().showMessage(f"{text} after {self.history.epochs:,} epochs.", 6000)
        self.progress.setVisible(False)

    @Slot(str)
    def _on_error(self, message: str) -> None:
        self.progress.setVisible(False)
        self._sync_from_network()
        self._update_actions()
        self._warn("Training stopped", message)

    def _update_actions(self) -> None:
        state = self.controller.state
        self.act_train.setText({"running": "❚❚ Pause", "paused": "▶ Resume"}.get(state, "▶ Train"))
        self.act_stop.setEnabled(state != "idle")
        self.act_step.setEnabled(state != "running")
        busy = state != "idle"
        for a in (self.act_save, self.act_save_as, self.act_onnx, self.act_open_model):
            a.setEnabled(not busy)

    def _update_status(self) -> None:
        n = self.history.epochs
        self.status_epoch.setText(f"epoch {n:,}")
        loss, val = self.history.last("train_loss"), self.history.last("val_loss")
        text = "loss –" if loss is None else f"loss {loss:.4g}"
        if val is not None:
            text += f" · val {val:.4g}"
        self.status_loss.setText(text)
        acc, r2 = self.history.last("train_accuracy"), self.history.last("train_r2")
        if acc is not None:
            vacc = self.history.last("val_accuracy")
            self.status_metric.setText(f"accuracy {acc:.1%}" + ("" if vacc is None else f" · val {vacc:.1%}"))
        elif r2 is not None:
            self.status_metric.setText(f"R² {r2:.4f}")
        else:
            self.status_metric.setText("")
        rate = 0.0
        if len(self._rate) >= 2 and self.controller.state == "running":
            (t0, n0), (t1, n1) = self._rate[0], self._rate[-1]
            rate = (n1 - n0) / (t1 - t0) if t1 > t0 else 0.0
        self.status_rate.setText(f"{rate:,.0f} epochs/s" if rate else "")

    def _update_title(self) -> None:
        name = os.path.basename(self.model_path) if self.model_path else "untitled"
        data = self.dataset.name if self.dataset is not None else "no data"
        self.setWindowTitle(f"{name} – {data} – bpgui")

    # ----------------------------------------------------------------- files
    def open_path(self, path: str) -> bool:
        """Open a model (.bpnet) or a CSV file."""
        if path.lower().endswith(".bpnet"):
            return self.open_model(path)
        if not os.path.exists(path):
            self._warn("Cannot open", f"{path}: no such file")
            return False
        return self.data_panel.load_csv_file(path)

    @Slot()
    def open_model_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a model", self.last_model_folder,
                                              "bpgui models (*.bpnet);;All files (*)")
        if path:
            self.open_model(path)

    def open_model(self, path: str) -> bool:
        """Restore a saved session: network, settings, history and, if it still exists, its data."""
        if not self._stop_for_change() or not self.confirm_discard():
            return False
        try:
            model = load_model(path)
        except ModelFileError as exc:
            self._warn("Cannot open the model", str(exc))
            return False
        settings_problem = None
        try:
            settings = TrainingSettings.from_dict(model.training or {})
        except (TypeError, ValueError, KeyError) as exc:
            settings = TrainingSettings()
            settings_problem = f"Its training settings could not be read ({exc}); the defaults are shown."
        settings.hidden = list(model.network.layers[:-1])
        self.last_model_folder = os.path.dirname(os.path.abspath(path))
        self.training_panel.set_settings(settings)
        self.data_panel.set_split_settings(settings.normalize, settings.val_split, settings.test_split)
        problem = None
        session = None
        dataset = None
        try:
            dataset = self.data_panel.load_source(model.data_source or {})
            session = Session(dataset, settings, init_model=model)
        except (DataError, OSError, ValueError, KeyError, TypeError) as exc:
            problem = str(exc)
        self.model = model
        self.session = session
        if dataset is not None and session is not None:
            self.dataset = dataset
        self.model_path = os.path.abspath(path)
        self._trainer_dirty = False
        self._dirty = False
        self._show_model()
        self._add_recent(path)
        if settings_problem:
            self._warn("The model's settings were not restored", settings_problem)
        if problem:
            self._warn("The model's data is not available",
                       f"The model opened, but its training data could not be loaded:\n{problem}\n\n"
                       "Load data with the same columns to go on training it.")
        return True

    @Slot()
    def save_model(self) -> bool:
        if not self.model_path:
            return self.save_model_as()
        return self._save_to(self.model_path)

    @Slot()
    def save_model_as(self) -> bool:
        start = self.model_path or os.path.join(self.last_model_folder, "model.bpnet")
        path, _ = QFileDialog.getSaveFileName(self, "Save the model", start, "bpgui models (*.bpnet)")
        if not path:
            return False
        if not path.lower().endswith(".bpnet"):
            path += ".bpnet"
        return self._save_to(path)

    def _save_to(self, path: str) -> bool:
        if self.model is None:
            return False
        self._stop_and_wait()
        if self.session is not None and self.session.model is self.model:
            self.model.training = self.current_settings().to_dict()
        try:
            save_model(self.model, path)
        except (ModelFileError, OSError, ValueError) as exc:
            self._warn("Cannot save the model", str(exc))
            return False
        self.model_path = os.path.abspath(path)
        self.last_model_folder = os.path.dirname(self.model_path)
        self._dirty = False
        self._add_recent(self.model_path)
        self._update_title()
        self.statusBar().showMessage(f"Saved {self.model_path}", 4000)
        return True

    @Slot()
    def export_onnx(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export ONNX", self.last_model_folder, "ONNX (*.onnx)")
        if not path:
            return
        try:
            from bpgui.core.onnx_export import export_onnx
            export_onnx(self.model, path)
        except Exception as exc:  # the optional onnx package, disk errors...: all go to the user
            self._warn("Cannot export ONNX", f"{type(exc).__name__}: {exc}")
            return
        self.statusBar().showMessage(f"Exported {path}", 4000)

    @Slot()
    def export_history(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export loss history", self.last_model_folder,
                                              "CSV (*.csv)")
        if not path:
            return
        cols = self.model.history.to_dict()
        try:
            with open(path, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                epochs = cols.pop("epoch")
                w.writerow(["epoch", *cols])
                for k, row in zip(epochs, zip(*cols.values())):
                    w.writerow([k, *("" if math.isnan(v) else repr(float(v)) for v in row)])
        except OSError as exc:
            self._warn("Cannot export the history", f"{path}: {exc.strerror or exc}")
            return
        self.statusBar().showMessage(f"Exported {path}", 4000)

    def plot_item(self, key: str):
        return {"loss": self.loss_plot.plot, "metric": self.metric_plot.plot, "weights": self.heatmap.plot,
                "gradients": self.gradients.plot, "boundary": self.boundary.plot}[key]

    @Slot()
    def _export_plot_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            path, _ = QFileDialog.getSaveFileName(self, "Export plot", self.last_model_folder,
                                                  "PNG image (*.png);;SVG drawing (*.svg)")
            if path:
                self.export_plot(str(action.data()), path)

    def export_plot(self, key: str, path: str) -> bool:
        item = self.plot_item(key)
        try:
            if path.lower().endswith(".svg"):
                _export_svg(item, path)
            else:
                if not path.lower().endswith(".png"):
                    path += ".png"
                exporter = pg.exporters.ImageExporter(item)
                exporter.parameters()["width"] = max(800, int(item.sceneBoundingRect().width()))
                exporter.export(path)
        except Exception as exc:  # exporters raise assorted errors; report them all
            self._warn("Cannot export the plot", f"{type(exc).__name__}: {exc}")
            return False
        return True

    # ----------------------------------------------------------- drag & drop
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                event.acceptProposedAction()
                self.open_path(url.toLocalFile())
                return

    # ------------------------------------------------------------------ close
    def closeEvent(self, event) -> None:
        if not self.confirm_discard():
            event.ignore()
            return
        self.controller.shutdown()
        self._save_settings()
        event.accept()
