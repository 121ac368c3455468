"""Step through one training step of the current network on a row (or a few) of
the training data: forward layer by layer, backward from the output, then the
optimizer's update, each with its formula, the numbers plugged in and a table.

The step is taken on a copy of the trainer (``core.step_preview``): nothing
changes until "Apply this step", which hands the copy's state to the window
(``sigApplyStep``) for the document to take.  The values of the layer in hand
go to the network drawing (``sigNeuronValues``) while the view is shown.
"""
from __future__ import annotations

import math
import time

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from bpgui.core.step_preview import preview_step, trainer_copy

from ..i18n import translate, translated
from .adaptive_splitter import AdaptiveSplitter
from .step_stages import WIDE, fmt, neuron_values, stage_formula, stage_table, stage_title, stages

__all__ = ["StepThroughView", "MAX_BATCH"]

MAX_BATCH = 8   # every number of every row is shown: more rows than this nobody reads
FOLLOW_S = 1.0  # while a run's snapshots arrive, the step is taken again at most this often


def _spin(low: int, high: int, tip: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setToolTip(tip)
    return spin


class StepThroughView(QWidget):
    sigNeuronValues = Signal(object)   # {column: values} for the network drawing, or None
    sigApplyStep = Signal(object)      # the TrainerState after the step shown
    sigExportStep = Signal(object)     # (network, trainer, X, Y): the step shown, to write as a spreadsheet

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.row_spin = _spin(1, 1, translate("step_through_view", "The training row the step is taken on (1 = the "
                                              "first row of the training split). Change it to see another sample's step."))
        self.batch_spin = _spin(1, MAX_BATCH, translate(
            "step_through_view", "How many rows, from the chosen one on, make the mini-batch: the gradients are their "
                                 "mean (1 = one sample, as in per-sample SGD)."))
        self.neuron_spin = _spin(1, 1, translate(
            "step_through_view", "The unit whose numbers the formula plugs in (and, in a layer wider than {wide} units, "
                                 "the table shows).").format(wide=WIDE))
        self.apply_button = QPushButton(translate("step_through_view", "Apply this step"))
        self.apply_button.setToolTip(translate(
            "step_through_view", "Give the network the new weights of this step (and the optimizer its state): what "
                                 "one training step on these rows does. Undo takes it back."))
        self.sheet_button = QPushButton(translate("step_through_view", "Spreadsheet…"))
        self.sheet_button.setToolTip(translate(
            "step_through_view", "Save this step as an .xlsx of live formulas (inputs, weights, z, a, loss, deltas, "
                                 "gradients, new weights): change a weight in Excel or LibreOffice and the whole pass "
                                 "recomputes. Layers of up to 32 units."))
        self.prev_button = QPushButton(translate("step_through_view", "◀ Previous"))
        self.next_button = QPushButton(translate("step_through_view", "Next ▶"))
        self.stage_label = QLabel("")
        self.stage_label.setAlignment(Qt.AlignCenter)
        self.stage_label.setWordWrap(True)
        self.formula = QLabel("")
        self.formula.setTextFormat(Qt.RichText)
        self.formula.setWordWrap(True)
        self.formula.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.formula.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self._layout()
        self._session = None
        self._model = None
        self._network = None
        self._feature_names: list[str] | None = None
        self._checkpoint = None      # (timeline, epoch) while a past epoch is in sight: the step starts there
        self._from = None            # (network, trainer state or None, its epoch) the step shown was taken from
        self._stale = False
        self._computed_at = -math.inf
        self._follow = QTimer(self)  # the last of a run's snapshots is stepped too, a second later at most
        self._follow.setSingleShot(True)
        self._follow.timeout.connect(self._recompute)
        self.trace = None
        self.after = None            # the trainer state after the step shown
        self.stage_index = 0
        self.row_spin.valueChanged.connect(self._recompute)
        self.batch_spin.valueChanged.connect(self._recompute)
        self.neuron_spin.valueChanged.connect(self._show)
        self.prev_button.clicked.connect(self.previous_stage)
        self.next_button.clicked.connect(self.next_stage)
        self.apply_button.clicked.connect(self._apply)
        self.sheet_button.clicked.connect(self._export)
        self._show()

    def _layout(self) -> None:
        top = QHBoxLayout()
        for text, widget in ((translate("step_through_view", "Row"), self.row_spin),
                             (translate("step_through_view", "rows in batch"), self.batch_spin),
                             (translate("step_through_view", "unit"), self.neuron_spin)):
            top.addWidget(QLabel(text))
            top.addWidget(widget)
        top.addStretch(1)
        actions = QHBoxLayout()   # below the numbers: the top row then fits a 1024-pixel screen's view
        actions.addStretch(1)
        actions.addWidget(self.sheet_button)
        actions.addWidget(self.apply_button)
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.stage_label, 1)
        nav.addWidget(self.next_button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.formula)
        split = AdaptiveSplitter(wide_ratio=1.6, shares=(1, 2))
        split.addWidget(scroll)
        split.addWidget(self.table)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addLayout(nav)
        lay.addWidget(split, 1)
        lay.addWidget(self.note)
        lay.addLayout(actions)

    # ------------------------------------------------------------ the views' protocol
    def set_data(self, dataset, session) -> None:
        self._session = session
        self._feature_names = list(dataset.feature_names) if dataset is not None else None
        n = len(session.train_xy[0]) if session is not None else 1
        self.row_spin.blockSignals(True)
        self.row_spin.setRange(1, max(1, n))
        self.row_spin.blockSignals(False)
        self._recompute()

    def update_model(self, model, network) -> None:
        # Snapshots of a run arrive with every redraw: the step follows them at most once a second,
        # a preview step (a trainer copy) being work in the GUI thread that nobody reads ten times a second.
        follows = network is not None and self._network is not None and model is self._model
        self._model, self._network = model, network
        wait = self._computed_at + FOLLOW_S - time.monotonic()
        if follows and wait > 0:
            self._stale = True
            if not self._follow.isActive():
                self._follow.start(math.ceil(wait * 1000))
            return
        self._recompute()

    def set_checkpoint(self, timeline, epoch: int | None) -> None:
        """A past epoch of ``timeline`` in sight (scrubbing): its step starts from that
        checkpoint's whole state, the optimizer's moments included; None: from the
        session trainer's, on the network shown.  The drawing that follows
        (``update_model``) takes the step, at once for a newly chosen epoch."""
        checkpoint = None if epoch is None else (timeline, epoch)
        if checkpoint != self._checkpoint:
            self._checkpoint = checkpoint
            self._computed_at = -math.inf

    def _start(self):
        """The trainer state the step starts from (None: the session trainer's, see set_checkpoint)."""
        return None if self._checkpoint is None else self._checkpoint[0].state_at(self._checkpoint[1])

    def set_session(self, session) -> None:
        """The session whose trainer steps (the window's document makes a new one on many changes)."""
        if session is not self._session:
            self._session = session
            self._recompute()

    # ------------------------------------------------------------------ the step
    def batch_rows(self) -> range:
        """The training rows (0-based) of the batch: from the chosen row, as many as there are."""
        n = len(self._session.train_xy[0]) if self._session is not None else 0
        first = self.row_spin.value() - 1
        return range(first, min(n, first + self.batch_spin.value()))

    @Slot()
    def _recompute(self) -> None:
        if not self.isVisible():   # done when shown: a hidden view costs nothing
            self._stale = True
            return
        self._stale = False
        self._follow.stop()
        self._computed_at = time.monotonic()
        self.trace = self.after = self._from = None
        session = self._session
        if session is not None and self._model is not None:
            X, Y = session.train_xy
            rows = list(self.batch_rows())
            network = self._network if self._network is not None else self._model.network
            try:
                start = self._start()
                self.trace, self.after = preview_step(session.trainer, X[rows], Y[rows], network, start)
                self._from = (network, start, self._checkpoint and self._checkpoint[1])
            except (ValueError, ArithmeticError, KeyError) as exc:   # a network rebuilt, a diverging step, an epoch gone
                reason = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
                self.note.setText(translate("step_through_view", "No step to show: {error}").format(
                    error=translated(reason)))
        self._show()

    @Slot()
    def previous_stage(self) -> None:
        self.stage_index = max(0, self.stage_index - 1)
        self._show()

    @Slot()
    def next_stage(self) -> None:
        if self.trace is not None:
            self.stage_index = min(len(stages(len(self.trace.layers))) - 1, self.stage_index + 1)
        self._show()

    def stage(self):
        return stages(len(self.trace.layers))[self.stage_index] if self.trace is not None else None

    @Slot()
    def _show(self) -> None:
        trace = self.trace
        for widget in (self.prev_button, self.next_button, self.apply_button, self.sheet_button, self.neuron_spin):
            widget.setEnabled(trace is not None)
        if trace is None:
            self.stage_label.setText(translate("step_through_view", "Step through"))
            self.formula.setText(translate("step_through_view", "Load data to step through a training step of the "
                                                                "network on its rows.") if self._session is None else "")
            self.table.clear()
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self._send_values()
            return
        all_stages = stages(len(trace.layers))
        self.stage_index = min(self.stage_index, len(all_stages) - 1)
        stage = all_stages[self.stage_index]
        layer = trace.layers[stage.layer]
        self.neuron_spin.blockSignals(True)
        self.neuron_spin.setRange(1, layer.units)
        self.neuron_spin.blockSignals(False)
        neuron = self.neuron_spin.value() - 1
        self.prev_button.setEnabled(self.stage_index > 0)
        self.next_button.setEnabled(self.stage_index < len(all_stages) - 1)
        self.stage_label.setText(f"<b>{stage_title(trace, stage)}</b> &nbsp; {self.stage_index + 1}/{len(all_stages)}")
        self.formula.setText(stage_formula(trace, stage, neuron))
        self._fill_table(stage_table(trace, stage, neuron, [r + 1 for r in self.batch_rows()],
                                     self._feature_names))
        self.note.setText(self._note())
        self._send_values()

    def _fill_table(self, content) -> None:
        table = self.table
        table.clear()
        table.setRowCount(len(content.rows))
        table.setColumnCount(len(content.columns))
        table.setVerticalHeaderLabels(content.rows)
        table.setHorizontalHeaderLabels(content.columns)
        for r, row in enumerate(content.values):
            for c, value in enumerate(row):
                item = QTableWidgetItem(fmt(value))
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()

    def _note(self) -> str:
        model = self._model
        method = model.x_normalizer.method if model is not None else "none"
        scaled = (translate("step_through_view", "inputs as the network sees them (normalised: {method})").format(
            method=method) if method != "none" else translate("step_through_view", "inputs as in the data"))
        n = self.trace.batch_size
        rows = (translate("step_through_view", "{n} rows of the training split").format(n=n) if n != 1
                else translate("step_through_view", "1 row of the training split"))
        note = translate("step_through_view", "{inputs}; {rows}; the step is taken on a copy: the network changes "
                                              "only with “Apply this step”.").format(inputs=scaled, rows=rows)
        _, start, epoch = self._from
        if start is None:
            return note
        if start.optimizer_t + 1 != self.after.optimizer_t:   # restore started the optimizer afresh
            return translate("step_through_view", "From epoch {epoch} of the timeline (its weights; the optimizer "
                                                  "starts afresh: it was another one then); {note}").format(
                epoch=epoch, note=note)
        return translate("step_through_view", "From epoch {epoch} of the timeline (its weights and the optimizer's "
                                              "state then); {note}").format(epoch=epoch, note=note)

    def _send_values(self) -> None:
        if not self.isVisible():
            return
        stage = self.stage()
        self.sigNeuronValues.emit(None if stage is None else neuron_values(self.trace, stage))

    @Slot()
    def _apply(self) -> None:
        if self.after is not None:
            self.sigApplyStep.emit(self.after)

    @Slot()
    def _export(self) -> None:
        if self.trace is not None:
            X, Y = self._session.train_xy
            rows = list(self.batch_rows())
            trainer = trainer_copy(self._session.trainer, *self._from[:2])   # the state the step shown was taken from
            self.sigExportStep.emit((trainer.net, trainer, X[rows], Y[rows]))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._recompute()
        self._send_values()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.sigNeuronValues.emit(None)   # the drawing shows its own numbers again
