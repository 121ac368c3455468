"""The network editor: the canvas plus a control per hidden layer (units, activation).

A click on an edge plots that weight over the run when the network has a
recorded history (``set_history_available``), and edits it when it has none,
as before there was a history; a double-click, and the edge's context menu
("Edit weight…"), always edit it."""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QPointF, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QComboBox, QFrame, QHBoxLayout, QInputDialog, QLabel, QLayout, QMenu, QMessageBox,
                               QPushButton, QSpinBox, QToolButton, QVBoxLayout, QWidget)

from bpgui.core.network import parameter_count
from bpgui.core.training_settings import TrainingSettings

from bpgui.ui.i18n import QT_TRANSLATE_NOOP, translate

from .network_canvas import HIDDEN_ACTIVATIONS, MAX_UNITS, NetworkCanvas


class LayerControl(QFrame):
    """Activation and width of one hidden layer, shown above its column."""

    sigChanged = Signal(int, int, str)     # layer index, units, activation

    def __init__(self, index: int, units: int, activation: str, parent=None) -> None:
        super().__init__(parent)
        self.index = index
        self.setObjectName("layerControl")
        self.setFrameShape(QFrame.StyledPanel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(2)
        lay.setSizeConstraint(QLayout.SetNoConstraint)   # the editor decides the width from the column spacing
        self.activation = QComboBox()
        self.activation.setMinimumContentsLength(3)
        self.activation.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.activation.addItems(HIDDEN_ACTIVATIONS)   # the names are the values read back: not translated
        self.activation.setCurrentText(activation)
        self.activation.setToolTip(translate("network_editor", "activation of hidden layer {layer}").format(
            layer=index + 1))
        row = QHBoxLayout()
        row.setSpacing(1)
        self.minus = QToolButton()
        self.minus.setText("−")
        self.minus.setToolTip(translate("network_editor", "remove a neuron"))
        self.plus = QToolButton()
        self.plus.setText("+")
        self.plus.setToolTip(translate("network_editor", "add a neuron"))
        self.units = QSpinBox()
        self.units.setRange(1, MAX_UNITS)
        self.units.setValue(units)
        self.units.setButtonSymbols(QSpinBox.NoButtons)
        self.units.setAlignment(Qt.AlignCenter)
        self.units.setToolTip(translate("network_editor", "neurons in this layer"))
        row.addWidget(self.minus)
        row.addWidget(self.units, 1)
        row.addWidget(self.plus)
        lay.addWidget(self.activation)
        lay.addLayout(row)
        self.minus.clicked.connect(self._remove_neuron)
        self.plus.clicked.connect(self._add_neuron)
        self.units.editingFinished.connect(self._emit)
        self.activation.currentTextChanged.connect(self._activation_changed)

    @Slot()
    def _add_neuron(self) -> None:
        self.units.setValue(self.units.value() + 1)
        self._emit()

    @Slot()
    def _remove_neuron(self) -> None:
        if self.units.value() > 1:
            self.units.setValue(self.units.value() - 1)
            self._emit()

    @Slot(str)
    def _activation_changed(self, _text: str) -> None:
        self._emit()

    @Slot()
    def _emit(self) -> None:
        self.sigChanged.emit(self.index, self.units.value(), self.activation.currentText())


class NetworkEditor(QWidget):
    """The canvas plus the architecture controls.

    ``sigArchitectureChanged(hidden)`` carries the new hidden layers
    ``[(units, activation), ...]``; ``sigWeightEdited(layer, i, j, value)``
    a weight typed by the user; ``sigWeightChosen(layer, i, j)`` a weight whose
    history is asked for.  The editor shows what it is given: the window decides
    whether a change is made (and shows the network again if not).
    """

    sigArchitectureChanged = Signal(object)
    sigWeightEdited = Signal(int, int, int, float)
    sigWeightChosen = Signal(int, int, int)

    PLOT_HINT = QT_TRANSLATE_NOOP("network_editor", "click: plot it over the run · double-click: edit")
    EDIT_HINT = QT_TRANSLATE_NOOP("network_editor", "click to edit")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.hidden: list[tuple[int, str]] = list(TrainingSettings().hidden)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.add_layer_button = QPushButton(translate("network_editor", "+ Layer"))
        self.add_layer_button.setToolTip(translate("network_editor", "add a hidden layer before the output"))
        self.remove_layer_button = QPushButton(translate("network_editor", "− Layer"))
        self.remove_layer_button.setToolTip(translate("network_editor", "remove the last hidden layer"))
        self.summary = QLabel()
        self.summary.setObjectName("networkSummary")
        bar.addWidget(self.add_layer_button)
        bar.addWidget(self.remove_layer_button)
        bar.addStretch(1)
        lay.addLayout(bar)
        lay.addWidget(self.summary)   # a line of its own: beside the buttons it was cut at 1024x700
        self.canvas = NetworkCanvas(self)
        lay.addWidget(self.canvas, 1)
        self.controls: list[LayerControl] = []
        self.add_layer_button.clicked.connect(self._add_layer)
        self.remove_layer_button.clicked.connect(self._remove_layer)
        self.history_available = False
        self.canvas.sigEdgeClicked.connect(self._edge_clicked)
        self.canvas.sigEdgeDoubleClicked.connect(self._edge_double_clicked)
        # The maps' switch is an action (the View menu and the canvas's context menu): the bar
        # above has no room to spare for a check box at 1024 pixels wide.
        self.maps_action = QAction(translate("network_editor", "Neuron maps"), self)
        self.maps_action.setCheckable(True)
        self.maps_action.setChecked(True)
        self.maps_action.setStatusTip(translate("network_editor", "Draw each hidden neuron as its output over the "
                                                                  "input plane (hover a neuron to enlarge it)"))
        self.maps_action.toggled.connect(self.canvas.set_maps_visible)
        self.canvas.setContextMenuPolicy(Qt.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(self._show_context_menu)
        self._feature_names: list[str] = []
        self._target_names: list[str] = []
        self._class_names: list[str] | None = None
        self._output_activation = "sigmoid"
        self.canvas.installEventFilter(self)

    # ------------------------------------------------------------ structure
    def set_network(self, net, feature_names: Sequence[str], target_names: Sequence[str],
                    class_names: Sequence[str] | None = None) -> None:
        """Show a network (its hidden layers become the editor's); the names are its data's."""
        self.hidden = list(net.layers[:-1])
        self._feature_names, self._target_names = list(feature_names), list(target_names)
        self._class_names = list(class_names) if class_names else None
        self._output_activation = net.output_activation
        self._rebuild()
        self.canvas.set_parameters([W.copy() for W in net.weights], [b.copy() for b in net.biases])

    def set_parameters(self, weights, biases) -> None:
        self.canvas.set_parameters(weights, biases)

    def set_plane(self, plane) -> None:
        """The plane through the input space the neuron maps show (None: no maps)."""
        self.canvas.set_plane(plane)

    def update_model(self, model, network) -> None:
        """The weights the neuron maps show, on the window's throttled path (as the views')."""
        self.canvas.update_model(model, network)

    def _rebuild(self) -> None:
        sizes = [len(self._feature_names)] + [u for u, _ in self.hidden] + [len(self._target_names)]
        acts = [a for _, a in self.hidden] + [self._output_activation]
        self.canvas.set_structure(sizes, acts, self._feature_names, self._target_names, self._class_names)
        for c in self.controls:
            c.hide()            # now: deleteLater waits for the event loop's next deferred-delete pass
            c.deleteLater()
        self.controls = []
        for k, (units, act) in enumerate(self.hidden):
            c = LayerControl(k, units, act, self.canvas)
            c.sigChanged.connect(self._layer_changed)
            c.show()
            self.controls.append(c)
        self._place_controls()
        n_params = parameter_count(sizes)
        self.summary.setText(translate("network_editor", "{sizes}  ·  {n} parameters").format(
            sizes=" – ".join(map(str, sizes)), n=f"{n_params:,}"))
        self.remove_layer_button.setEnabled(bool(self.hidden))

    CONTROL_MIN_W = 92

    def _place_controls(self) -> None:
        """One control above each hidden column; staggered in two rows when columns are close."""
        xs = self.canvas.column_x()
        if len(xs) < 2:
            return
        spacing = xs[1] - xs[0]
        w = int(max(self.CONTROL_MIN_W, min(118, spacing - 8)))
        stagger = w > spacing - 4 and len(self.controls) > 1
        h = NetworkCanvas.TOP - 10
        top = NetworkCanvas.TOP + (h + 4 if stagger else 0)
        if top != self.canvas.top:
            self.canvas.top = top
            self.canvas._relayout()
            self.canvas.update()
        for k, c in enumerate(self.controls):
            x = xs[k + 1]
            left = min(max(int(x - w / 2), 0), max(self.canvas.width() - w, 0))
            c.setGeometry(left, 4 + (h + 4) * (k % 2 if stagger else 0), w, h)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.canvas and event.type() == event.Type.Resize:
            self._place_controls()
        return super().eventFilter(obj, event)

    def _commit(self, hidden: list[tuple[int, str]]) -> None:
        self.sigArchitectureChanged.emit(list(hidden))

    @Slot()
    def _add_layer(self) -> None:
        units, act = self.hidden[-1] if self.hidden else (4, "tanh")
        self._commit(self.hidden + [(units, act)])

    @Slot()
    def _remove_layer(self) -> None:
        if self.hidden:
            self._commit(self.hidden[:-1])

    @Slot(int, int, str)
    def _layer_changed(self, index: int, units: int, activation: str) -> None:
        if index >= len(self.hidden) or self.hidden[index] == (units, activation):
            return
        hidden = list(self.hidden)
        hidden[index] = (units, activation)
        self._commit(hidden)

    # ------------------------------------------------------------ edges
    def set_history_available(self, available: bool) -> None:
        """Whether the network has a recorded history: a click on an edge then plots it."""
        self.history_available = bool(available)
        self.canvas.edge_hint = translate("network_editor", self.PLOT_HINT if available else self.EDIT_HINT)

    @Slot(int, int, int)
    def _edge_clicked(self, layer: int, i: int, j: int) -> None:
        if self.history_available:
            self.sigWeightChosen.emit(layer, i, j)
        else:
            self._edit_edge(layer, i, j)

    @Slot(int, int, int)
    def _edge_double_clicked(self, layer: int, i: int, j: int) -> None:
        if self.history_available:   # without a history the click before it edited already
            self._edit_edge(layer, i, j)

    def context_menu(self, pos) -> QMenu:
        """The canvas's menu at ``pos``: for an edge, plotting and editing its weight; the maps' switch."""
        menu = QMenu(self.canvas)
        item = self.canvas.item_at(pos)
        if item is not None and item[0] == "edge":
            _, layer, i, j = item
            plot = menu.addAction(translate("network_editor", "Plot this weight over the run"),
                                  lambda *_: self.sigWeightChosen.emit(layer, i, j))
            plot.setEnabled(self.history_available)
            if not self.history_available:
                plot.setText(translate("network_editor", "Plot this weight over the run (train to record its history)"))
            menu.addAction(translate("network_editor", "Edit weight…"), lambda *_: self._edit_edge(layer, i, j))
            menu.addSeparator()
        menu.addAction(self.maps_action)
        return menu

    @Slot(object)
    def _show_context_menu(self, pos) -> None:
        menu = self.context_menu(QPointF(pos))
        menu.exec(self.canvas.mapToGlobal(pos))
        menu.deleteLater()

    @Slot(int, int, int)
    def _edit_edge(self, layer: int, i: int, j: int) -> None:
        current = float(self.canvas.weights[layer][i, j])
        label = translate("network_editor", "Weight of layer {layer}, neuron {i} → {j}:").format(
            layer=layer + 1, i=i + 1, j=j + 1)
        text, ok = QInputDialog.getText(self, translate("network_editor", "Edit weight"), label, text=f"{current:.6g}")
        if not ok:
            return
        try:
            value = float(text.strip())
        except ValueError:
            message = translate("network_editor", "“{text}” is not a number (write e.g. 0.5, -2 or 1e-3).")
            QMessageBox.warning(self, translate("network_editor", "Edit weight"), message.format(text=text))
            return
        self.sigWeightEdited.emit(layer, i, j, value)
