"""What the network gets right and wrong on the training, validation or test rows.

Classes: the confusion matrix (counts or row shares) and per-class precision,
recall and F1.  Numbers: predicted against actual, and the residuals.  Both:
the rows with their predictions.  Several independent 0/1 outputs (the
adders) have no single class: each output is shown as a two-class problem of
its own, chosen with the Output box.  The figures come from
``bpgui.core.results`` on the outputs of the network the view is given.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QHBoxLayout, QLabel, QRadioButton, QStackedWidget,
                               QTabWidget, QVBoxLayout, QWidget)

from bpgui.core.results import class_confidence, class_indices, class_results, regression_results

from ..i18n import QT_TRANSLATE_NOOP, translate
from .adaptive_splitter import AdaptiveSplitter
from .class_metrics_table import ClassMetricsTable
from .confusion_matrix_plot import ConfusionMatrixPlot
from .pacer import Pacer
from .regression_plots import RegressionPlots
from .sample_table import SampleTable

__all__ = ["ResultsView", "SPLITS"]

# (key, label): the labels are shown translated, with translate("results_view", label)
SPLITS = (("train", QT_TRANSLATE_NOOP("results_view", "training")), ("val", QT_TRANSLATE_NOOP("results_view", "validation")),
          ("test", QT_TRANSLATE_NOOP("results_view", "test")))
TABLE_INTERVAL_S = 1.0   # while training, the rows are re-sorted at most once a second: readable, and cheap


class ResultsView(QWidget):
    sigSampleChosen = Signal(object)   # raw feature values of the sample chosen in the table

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.split, self.output = QComboBox(), QComboBox()
        self.split.setToolTip(translate("results_view", "the rows the figures are computed on"))
        self.output_label = QLabel(translate("results_view", "Output:"))
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.matrix, self.metrics = ConfusionMatrixPlot(), ClassMetricsTable()
        self.regression, self.samples = RegressionPlots(), SampleTable()
        self.counts, self.shares = QRadioButton(translate("results_view", "counts")), QRadioButton(translate("results_view", "row shares"))
        self.counts.setChecked(True)
        self.shares.setToolTip(translate("results_view", "each true class's row as shares of its rows (each row sums to 1)"))
        self._lay_out()
        self._data = (None, None)
        self._model = (None, None)
        self._encoded: dict[str, np.ndarray] = {}
        self._encoded_for = None
        self.pacer = Pacer(self._recompute, parent=self)
        self.split.currentIndexChanged.connect(self._choice_changed)
        self.output.currentIndexChanged.connect(self._choice_changed)
        self.shares.toggled.connect(self._recompute)
        self.matrix.sigCellChosen.connect(self._cell_chosen)
        self.pages.currentChanged.connect(self._page_shown)
        self.samples.sigSampleChosen.connect(self.sigSampleChosen)

    def _lay_out(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 0)
        lay.setSpacing(4)
        top = QHBoxLayout()
        for w in (QLabel(translate("results_view", "Data:")), self.split, self.output_label, self.output):
            top.addWidget(w)
        top.addStretch(1)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        toggle = QHBoxLayout()
        group = QButtonGroup(self)
        for b in (self.counts, self.shares):
            group.addButton(b)
            toggle.addWidget(b)
        toggle.addStretch(1)
        matrix_page = QWidget()
        page = QVBoxLayout(matrix_page)
        page.setContentsMargins(0, 2, 0, 0)
        page.addLayout(toggle)
        splitter = AdaptiveSplitter(wide_ratio=1.5, shares=(2, 1))   # the table needs a row a class
        splitter.addWidget(self.matrix)
        splitter.addWidget(self.metrics)
        page.addWidget(splitter, 1)
        self.figures = QStackedWidget()
        self.figures.addWidget(matrix_page)
        self.figures.addWidget(self.regression)
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.figures, translate("results_view", "Matrix"))
        self.pages.addTab(self.samples, translate("results_view", "Samples"))
        lay.addWidget(self.pages, 1)

    # ------------------------------------------------------------ the ViewTabs interface
    def set_data(self, dataset, session) -> None:
        self._data = (dataset, session)
        self._model = (None, None)
        self._encoded, self._encoded_for = {}, None
        parts = self._parts()
        self._fill(self.split, [translate("results_view", "{split} ({n} rows)").format(split=label, n=f"{len(part.X):,}")
                               for _, label, part in parts],
                   keep=self.split.currentIndex(), default=len(parts) - 1)
        self.output_label.setVisible(False)
        self.output.setVisible(False)
        if dataset is not None:
            several = dataset.n_outputs > 1 and (dataset.task == "regression" or not dataset.class_names)
            self.output_label.setVisible(several)
            self.output.setVisible(several)
            self._fill(self.output, list(dataset.target_names), keep=self.output.currentIndex(), default=0)
            regression = dataset.task == "regression"
            self.figures.setCurrentWidget(self.regression if regression else self.figures.widget(0))
            self.pages.setTabText(0, translate("results_view", "Plots") if regression else translate("results_view", "Matrix"))
        self._new_rows()

    def update_model(self, model, network) -> None:
        self._model = (model, network if network is not None else getattr(model, "network", None))
        self.pacer.request()

    # ------------------------------------------------------------ choices
    @staticmethod
    def _fill(box: QComboBox, items: list[str], keep: int, default: int) -> None:
        """New entries; the same place stays chosen when the box had as many."""
        same = box.count() == len(items)
        box.blockSignals(True)
        box.clear()
        box.addItems(items)
        box.setCurrentIndex(keep if same and keep >= 0 else max(default, 0))
        box.blockSignals(False)

    def _parts(self) -> list:
        """(key, label, Dataset) of the splits that exist."""
        session = self._data[1]
        if session is None:
            return []
        return [(key, translate("results_view", label), getattr(session, key)) for key, label in SPLITS
                if getattr(session, key) is not None]

    def _part(self):
        parts = self._parts()
        k = self.split.currentIndex()
        return parts[k] if 0 <= k < len(parts) else None

    @Slot(int)
    def _choice_changed(self, _index: int) -> None:
        self._new_rows()
        self.pacer.run_now()

    def _new_rows(self) -> None:
        dataset, part = self._data[0], self._part()
        if dataset is None or part is None:
            self.samples.set_samples(np.zeros((0, 0)), [], True)
            self.summary.setText(translate("results_view", "No data.") if dataset is None else "")
            self.matrix.clear()
            self.metrics.setRowCount(0)
            self.regression.clear()
            return
        self.samples.set_samples(part[2].X, dataset.feature_names, dataset.task != "regression")

    @Slot(int)
    def _page_shown(self, _index: int) -> None:
        self.pacer.min_interval = TABLE_INTERVAL_S if self._table_shown() else 0.0
        self.pacer.run_now()    # only the page shown is kept up to date

    def _table_shown(self) -> bool:
        return self.pages.currentWidget() is self.samples

    @Slot(int, int)
    def _cell_chosen(self, true: int, predicted: int) -> None:
        names = self.matrix.class_names
        self.samples.show_cell(true, predicted, translate("results_view", "true {true}, predicted {predicted}").format(
            true=names[true], predicted=names[predicted]))
        self.pages.setCurrentWidget(self.samples)

    # ------------------------------------------------------------ figures
    def outputs(self, X: np.ndarray, key: str) -> np.ndarray | None:
        """The network's outputs on the raw target scale for a split's rows (inputs encoded once)."""
        model, net = self._model
        if model is None or net is None or net.n_inputs != X.shape[1]:
            return None
        if self._encoded_for is not model:
            self._encoded, self._encoded_for = {}, model
        if key not in self._encoded:
            try:
                self._encoded[key] = model.encode_inputs(X)
            except ValueError:     # missing values the model has no means to fill
                return None
        with np.errstate(all="ignore"):
            out = net.predict(self._encoded[key]).astype(np.float64)
            return model.y_normalizer.inverse_transform(out)

    def _recompute(self) -> None:
        dataset, part = self._data[0], self._part()
        if dataset is None or part is None or self._model[0] is None:
            return
        key, label, rows = part
        out = self.outputs(rows.X, key)
        if out is None or out.shape[1] != rows.Y.shape[1]:
            self.summary.setText(translate("results_view", "This network does not fit the data."))
            return
        if dataset.task == "regression":
            self._show_regression(out, rows.Y, dataset.target_names, label)
        else:
            self._show_classes(out, rows.Y, dataset, label)

    def _show_classes(self, out: np.ndarray, Y: np.ndarray, dataset, label: str) -> None:
        if dataset.class_names:
            names, noun = list(dataset.class_names), translate("results_view", "class")
        else:   # one of several independent 0/1 outputs, as two classes
            j = max(self.output.currentIndex(), 0)
            out, Y, names, noun = out[:, [j]], Y[:, [j]], ["0", "1"], dataset.target_names[j]
        res = class_results(out, Y, names)
        if self._table_shown():
            self.samples.show_classes(class_indices(Y), class_indices(out), class_confidence(out), names)
        else:
            self.matrix.set_axis_noun(noun)
            self.matrix.show_matrix(res.confusion, names, normalised=self.shares.isChecked())
            self.metrics.show_results(res)
        right, total = int(np.trace(res.confusion)), int(res.confusion.sum())
        self.summary.setText(translate("results_view", "{split}: {right} of {total} right ({percent} %)").format(
            split=label, right=f"{right:,}", total=f"{total:,}", percent=f"{100 * res.accuracy:.1f}")
            if total else translate("results_view", "{split}: no rows").format(split=label))

    def _show_regression(self, out: np.ndarray, Y: np.ndarray, names: list[str], label: str) -> None:
        j = max(self.output.currentIndex(), 0)
        res = regression_results(out[:, [j]], Y[:, [j]], [names[j]])
        if self._table_shown():
            self.samples.show_regression(res.actual[:, 0], res.predicted[:, 0])
        else:
            self.regression.show_values(res.predicted[:, 0], res.actual[:, 0], names[j])
        self.summary.setText(translate("results_view", "{split}, {name}: MAE {mae} · RMSE {rmse} · R² {r2}").format(
            split=label, name=names[j], mae=f"{res.mae:.4g}", rmse=f"{res.rmse:.4g}", r2=f"{res.r2:.3f}"))
