"""The data panel: where the training data comes from, and how it is split.

Sources: a logic gate, a toy set (sample count, noise, seed, Regenerate),
a CSV file (Open…, drag-and-drop onto the window, a preview of the first
rows as written (csv_preview.py), the target picker and the feature list
(feature_list.py)) or painted points (the Paint tab).  A data set that loads is announced with
``sigDatasetChanged(dataset)``; one that does not gets a message box naming
the problem, and the previous data stays.  Normalisation and split changes
are announced with ``sigSplitChanged()``.
"""
from __future__ import annotations

import html
import os

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSpinBox,
                               QStackedWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from bpgui.core.builtin_data import GATES, TOY_SETS, gate_dataset, toy_dataset
from bpgui.core.csv import load_csv
from bpgui.core.dataset import DataError, Dataset
from bpgui.core.preprocessing import NORMALIZATIONS
from bpgui.ui.panels.csv_options import CsvOptions, narrow
from bpgui.ui.panels.paint_page import PaintPage
from bpgui.core.training_settings import TrainingSettings

from ..i18n import QT_TRANSLATE_NOOP, translate, translated, translated_error
from ..setting_help import apply_tips
from .csv_preview import PREVIEW_ROWS, preview_rows
from .feature_list import FeatureList
from .notes_button import NotesButton

# Read back by index, never by text: the names are translated where shown.
SOURCES = (QT_TRANSLATE_NOOP("data_panel", "Logic gate"), QT_TRANSLATE_NOOP("data_panel", "Toy set"),
           QT_TRANSLATE_NOOP("data_panel", "CSV file"), QT_TRANSLATE_NOOP("data_panel", "Paint"))
# A data set's task as the summary names it (Dataset.task is the value).
TASK_NAMES = {"binary": QT_TRANSLATE_NOOP("data_panel", "binary"),
              "multiclass": QT_TRANSLATE_NOOP("data_panel", "multiclass"),
              "regression": QT_TRANSLATE_NOOP("data_panel", "regression")}


class _Pages(QStackedWidget):
    """A stacked widget as tall as its current page (not its tallest), and as wide as
    its widest: the dock's width is set once, and no page may be cut off on the right."""

    def _hint(self, of) -> QSize:
        w = self.currentWidget()
        if w is None:
            return QSize(0, 0)
        width = max(of(self.widget(k)).width() for k in range(self.count()))
        return QSize(width, of(w).height())

    def sizeHint(self):
        return self._hint(lambda page: page.sizeHint())

    def minimumSizeHint(self):
        return self._hint(lambda page: page.minimumSizeHint())


class DataPanel(QWidget):
    sigDatasetChanged = Signal(object)
    sigSplitChanged = Signal()
    sigRecentFile = Signal(str)
    sigPaintChosen = Signal()   # the Paint source: the window shows its Paint tab

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.dataset: Dataset | None = None
        self.csv_path: str | None = None
        self.csv_columns: list[str] = []
        self._shown_skip = 0   # the skip-rows of the CSV shown: another one moves the header
        self._retry_path: str | None = None   # a CSV that failed to load
        self._filled: Dataset | None = None   # the data set the CSV widgets show
        self.last_folder = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)

        src = QGroupBox(translate("data_panel", "Source"))
        src_lay = QVBoxLayout(src)
        self.source = QComboBox()
        self.source.addItems([translate("data_panel", name) for name in SOURCES])
        src_lay.addWidget(self.source)
        self.pages = _Pages()
        self.pages.currentChanged.connect(self._page_shown)
        src_lay.addWidget(self.pages)
        lay.addWidget(src)

        # -- gates
        gate_page = QWidget()
        f = QFormLayout(gate_page)
        f.setContentsMargins(0, 0, 0, 0)
        self.gate = QComboBox()
        self.gate.addItems(list(GATES))
        self.gate.setCurrentText("xor")
        f.addRow(translate("data_panel", "Gate:"), self.gate)
        self.pages.addWidget(gate_page)

        # -- toy sets
        toy_page = QWidget()
        f = QFormLayout(toy_page)
        f.setContentsMargins(0, 0, 0, 0)
        self.toy = QComboBox()
        for name, spec in TOY_SETS.items():
            self.toy.addItem(name, name)
            self.toy.setItemData(self.toy.count() - 1, f"{translated(spec.description)} ({spec.task})", Qt.ToolTipRole)
        self.toy.setCurrentText("spiral")
        self.samples = QSpinBox()
        self.samples.setRange(4, 1_000_000)
        self.samples.setValue(200)
        self.samples.setSingleStep(50)
        self.noise = QDoubleSpinBox()
        self.noise.setRange(0.0, 5.0)
        self.noise.setSingleStep(0.05)
        self.noise.setDecimals(2)
        self.noise.setValue(0.1)
        self.toy_seed = QSpinBox()
        self.toy_seed.setRange(0, 2**31 - 1)
        self.regenerate = QPushButton(translate("data_panel", "Regenerate"))
        f.addRow(translate("data_panel", "Set:"), self.toy)
        f.addRow(translate("data_panel", "Samples:"), self.samples)
        f.addRow(translate("data_panel", "Noise:"), self.noise)
        f.addRow(translate("data_panel", "Seed:"), self.toy_seed)
        f.addRow(self.regenerate)
        self.pages.addWidget(toy_page)

        # -- CSV
        csv_page = QWidget()
        v = QVBoxLayout(csv_page)
        v.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.open_button = QPushButton(translate("data_panel", "Open CSV…"))
        self.csv_label = QLabel(translate("data_panel", "no file (or drop one on the window)"))
        self.notes_button = NotesButton()
        self.csv_label.setWordWrap(True)
        # A fixed minimum, room for ten characters of a file name: a longer one is clipped (the tooltip
        # has the path) rather than widening the page past the dock, whose width is set once.
        self.csv_label.setMinimumWidth(self.csv_label.fontMetrics().averageCharWidth() * 10)
        row.addWidget(self.open_button)
        row.addWidget(self.csv_label, 1)
        v.addLayout(row)
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.preview.setMinimumHeight(90)
        self.preview.setMaximumHeight(140)
        self.preview.verticalHeader().setDefaultSectionSize(20)
        # Folded by default, its switch beside the file, Task and skip rows on one row: at 1024x700
        # the preparation settings stay in sight.
        self.show_preview = QCheckBox(translate("data_panel", "rows"))
        self.show_preview.toggled.connect(self.preview.setVisible)
        self.preview.setVisible(False)
        row.addWidget(self.show_preview)
        v.addWidget(self.preview, 1)
        f = QFormLayout()
        self.target = QComboBox()
        target_row = QHBoxLayout()   # the notes beside the target: beside the file name they widened the dock
        target_row.addWidget(self.target, 1)
        target_row.addWidget(self.notes_button)
        f.addRow(translate("data_panel", "Target:"), target_row)
        narrow(self.target)   # long column names must not widen the dock
        self.options = CsvOptions()
        self.task, self.skip_rows = self.options.task, self.options.skip_rows
        f.addRow(self.options)
        v.addLayout(f)
        self.features = FeatureList()
        v.addWidget(self.features)
        self.pages.addWidget(csv_page)
        self.paint_page = PaintPage()   # -- painted points (the canvas is a tab beside the network)
        self.paint_page.sigShowPaint.connect(self.sigPaintChosen)
        self.pages.addWidget(self.paint_page)

        self.summary = QLabel()
        self.summary.setObjectName("dataSummary")
        self.summary.setWordWrap(True)

        prep = QGroupBox(translate("data_panel", "Preparation"))
        f = QFormLayout(prep)
        self.normalize = QComboBox()
        self.normalize.addItems(list(NORMALIZATIONS))
        self.normalize.setCurrentText(TrainingSettings().normalize)
        self.val_split = QDoubleSpinBox()
        self.val_split.setRange(0.0, 0.9)
        self.val_split.setSingleStep(0.05)
        self.val_split.setDecimals(2)
        self.test_split = QDoubleSpinBox()
        self.test_split.setRange(0.0, 0.9)
        self.test_split.setSingleStep(0.05)
        self.test_split.setDecimals(2)
        f.addRow(translate("data_panel", "Normalise:"), self.normalize)
        f.addRow(translate("data_panel", "Validation:"), self.val_split)
        f.addRow(translate("data_panel", "Test:"), self.test_split)
        lay.addWidget(prep)
        lay.addWidget(self.summary)   # below: at 1024x700 a CSV's preparation stays in sight
        lay.addStretch(1)
        apply_tips(self)   # every setting's tooltip, from setting_help.py

        self.source.currentIndexChanged.connect(self._source_changed)
        self.gate.currentTextChanged.connect(self._gate_changed)
        self.toy.currentIndexChanged.connect(self._toy_changed)
        self.regenerate.clicked.connect(self._regenerate)
        self.open_button.clicked.connect(self.open_csv_dialog)
        self.target.currentIndexChanged.connect(self._columns_changed)
        self.options.sigChanged.connect(self._reading_changed)
        self.features.sigChosen.connect(self._features_chosen)
        self.features.sigRefused.connect(self._failed)
        self.normalize.currentIndexChanged.connect(self._split_changed)
        self.val_split.valueChanged.connect(self._split_changed)
        self.test_split.valueChanged.connect(self._split_changed)

    @Slot(int)
    def _page_shown(self, _index: int) -> None:
        self.pages.updateGeometry()

    # ------------------------------------------------------------- settings
    def split_values(self) -> tuple[str, float, float]:
        """Normalisation, validation and test fractions as shown."""
        return self.normalize.currentText(), round(self.val_split.value(), 4), round(self.test_split.value(), 4)

    def set_split_settings(self, normalize: str, val_split: float, test_split: float) -> None:
        for w in (self.normalize, self.val_split, self.test_split):
            w.blockSignals(True)
        self.normalize.setCurrentText(normalize)
        self.val_split.setValue(val_split)
        self.test_split.setValue(test_split)
        for w in (self.normalize, self.val_split, self.test_split):
            w.blockSignals(False)

    @Slot()
    def _split_changed(self) -> None:
        self.sigSplitChanged.emit()

    # -------------------------------------------------------------- loading
    def _announce(self, ds: Dataset) -> None:
        """Offer new data to the window, which shows it if the document takes it."""
        self.dataset = None   # whatever the answer, show_document then shows the document's data again
        self.sigDatasetChanged.emit(ds)

    def _show_summary(self, ds: Dataset) -> None:
        classes = translate("data_panel", " · classes: {names}").format(names=", ".join(ds.class_names)) \
            if ds.class_names else ""
        note = translate("data_panel", "Note: {note}")
        notes = "".join(f"<br><i>{html.escape(note.format(note=translated(text)))}</i>" for text in ds.notes)
        self.notes_button.show_notes(ds.notes)
        task = translate("data_panel", TASK_NAMES[ds.task]) if ds.task in TASK_NAMES else ds.task
        counts = translate("data_panel", "{rows} rows · inputs: {inputs} · outputs: {outputs} · {task}").format(
            rows=f"{ds.n_samples:,}", inputs=ds.n_features, outputs=ds.n_outputs, task=task)
        self.summary.setText(f"<b>{html.escape(translated(ds.name))}</b>: {html.escape(counts)}{html.escape(classes)}{notes}")

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self, translate("data_panel", "Cannot load the data"), message)

    @Slot(int)
    def _source_changed(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        if index == 0:
            self._gate_changed(self.gate.currentText())
        elif index == 1:
            self._regenerate()
        elif index == 3:
            self.sigPaintChosen.emit()
        elif self.csv_path:
            self._columns_changed(self.target.currentIndex())

    @Slot(str)
    def _gate_changed(self, name: str) -> None:
        if self.source.currentIndex() == 0 and name:
            self._announce(gate_dataset(name))

    @Slot(int)
    def _toy_changed(self, _index: int) -> None:
        self._regenerate()

    @Slot()
    def _regenerate(self) -> None:
        if self.source.currentIndex() != 1:
            return
        try:
            ds = toy_dataset(self.toy.currentData(), n_samples=self.samples.value(),
                             noise=self.noise.value(), seed=self.toy_seed.value())
        except DataError as exc:
            self._failed(translated_error(exc))
            return
        self._announce(ds)

    @Slot()
    def open_csv_dialog(self) -> None:
        files = translate("data_panel", "CSV and data files (*.csv *.tsv *.txt *.data *.dat);;All files (*)")
        path, _ = QFileDialog.getOpenFileName(self, translate("data_panel", "Open a CSV file"), self.last_folder,
                                              files)
        if path:
            self.load_csv_file(path)

    def load_csv_file(self, path: str, target=None, features=None, **reading) -> bool:
        """Load a CSV (last column as target unless given) with `load_csv`'s keywords in
        ``reading`` (task, skip_rows, missing, image_shape); False, with a message, if it fails."""
        try:
            ds = load_csv(path, target=target, features=features, one_hot_features=True, **reading)
            rows = preview_rows(ds.source)
        except (DataError, OSError) as exc:
            if not self._restore_shown(path):
                self._show_refused(path, reading)
            self._failed(translated_error(exc))
            return False
        self._retry_path = None
        self.last_folder = os.path.dirname(os.path.abspath(path))
        self.csv_path = ds.source["path"]
        header = rows[0] if ds.source.get("header") and rows else [f"col{k + 1}" for k in range(len(rows[0]) if rows else 0)]
        self.csv_columns = [c.strip() or f"col{k + 1}" for k, c in enumerate(header)]  # as csvio names them
        self._fill_csv_widgets(ds, rows)
        self.source.blockSignals(True)
        self.source.setCurrentIndex(2)
        self.pages.setCurrentIndex(2)
        self.source.blockSignals(False)
        self.sigRecentFile.emit(self.csv_path)
        self._announce(ds)
        return True

    def _show_refused(self, path: str, reading: dict) -> None:
        """A file that did not load: the page shows it with the settings it was read with, none
        of the previous file's columns; Task, skip, Missing or image retry it."""
        self._retry_path = path
        self.csv_label.setText(translate("data_panel", "{file}: not loaded").format(file=os.path.basename(path)))
        self.csv_label.setToolTip(translate("data_panel", "{path}\nTask, skip, Missing or image may make it "
                                                          "readable").format(path=path))
        self.options.show_source(reading, None)
        self._filled = None
        self._quietly(lambda: (self.target.clear(), self.features.set_columns([], []), self.preview.setRowCount(0),
                               self.notes_button.show_notes([]), self._show_page(2)))

    def _restore_shown(self, path: str) -> bool:
        """A new way to read the file shown that failed: the widgets show the data as it is."""
        shown = self._filled
        if shown is None or shown is not self.dataset or shown.source.get("path") != os.path.abspath(path):
            return False
        try:
            rows = preview_rows(shown.source)
        except (DataError, OSError):
            return False
        self._retry_path = None
        self._quietly(lambda: self._fill_csv_widgets(shown, rows))
        return True

    def _fill_csv_widgets(self, ds: Dataset, rows: list[list[str]]) -> None:
        if self._filled is None or self._filled.source.get("path") != ds.source["path"]:
            self.features.clear_filter()   # another file's columns: a filter for the last one hides them
        self._filled = ds
        self.csv_label.setText(os.path.basename(self.csv_path))
        self.csv_label.setToolTip(self.csv_path)
        body = rows[1:] if ds.source.get("header") else rows
        body = body[:PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(len(self.csv_columns))
        self.preview.setRowCount(len(body))
        self.preview.setHorizontalHeaderLabels(self.csv_columns)
        for r, row in enumerate(body):
            for c, cell in enumerate(row[:len(self.csv_columns)]):
                self.preview.setItem(r, c, QTableWidgetItem(cell))
        self.preview.resizeColumnsToContents()
        targets = ds.source["target"]
        self.options.show_source(ds.source, ds.image_shape)
        self._shown_skip = int(ds.source.get("skip_rows", 0))
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItems(self.csv_columns)
        if targets:
            self.target.setCurrentText(targets[0])
        self.target.blockSignals(False)
        self.features.set_columns([name for name in self.csv_columns if name not in targets],
                                  ds.source["features"])

    @Slot(int)
    def _columns_changed(self, _index: int) -> None:
        """A new target: every other column becomes a feature."""
        if not self.csv_path or self.target.currentIndex() < 0:
            return
        self.load_csv_file(self.csv_path, target=self.target.currentText(), **self.options.values())

    @Slot(list)
    def _features_chosen(self, features: list) -> None:
        if not self.csv_path:
            return
        self.load_csv_file(self.csv_path, target=self.target.currentText(), features=features,
                           **self.options.values())

    @Slot()
    def _reading_changed(self) -> None:
        """A new way to read the file: the columns may be others (skipping moves the header).
        A file that failed to load is tried again with it."""
        reading = self.options.values()
        if self._retry_path:
            self.load_csv_file(self._retry_path, **reading)
        elif self.csv_path:
            same_header = reading["skip_rows"] == self._shown_skip
            self.load_csv_file(self.csv_path, target=self.target.currentText() if same_header else None,
                               features=self.features.checked() if same_header else None, **reading)

    # --------------------------------------------------- show the document's data
    def show_document(self, dataset: Dataset | None, missing_source: dict | None, settings) -> None:
        """Show the document's data (or where its missing data came from) and preparation,
        without announcing anything."""
        self.set_split_settings(settings.normalize, settings.val_split, settings.test_split)
        if dataset is not None and dataset is self.dataset:
            return
        self.dataset = dataset
        source = dataset.source if dataset is not None else (missing_source or {})
        try:
            self._show_source(source, dataset)
        except (DataError, OSError) as exc:   # a CSV gone since it was loaded: no preview
            self.csv_label.setText(f"{os.path.basename(str(source.get('path', '')))} ({translated_error(exc)})")
        except (KeyError, TypeError, ValueError):   # a model file's odd source: the summary says what it was
            pass
        if dataset is not None:
            self._show_summary(dataset)
        else:
            self.summary.setText(translate("data_panel", "<b>The model's data is missing</b>: {source}. Load data "
                                                         "with the same columns to go on training it.")
                                 .format(source=html.escape(str(source.get("path") or source))))

    def _show_source(self, source: dict, ds: Dataset | None) -> None:
        kind = source.get("kind")
        if kind == "gate":
            self._quietly(lambda: (self.gate.setCurrentText(source["name"]), self._show_page(0)))
        elif kind == "toy":
            def widgets():
                self.toy.setCurrentText(source["name"])
                self.samples.setValue(min(int(source.get("n_samples", 200)), self.samples.maximum()))
                self.noise.setValue(float(source.get("noise", 0.1)))
                self.toy_seed.setValue(int(source.get("seed", 0)))
                self._show_page(1)
            self._quietly(widgets)
        elif kind == "csv":
            self.csv_path = source.get("path", "")
            self._quietly(lambda: self._show_page(2))
            if ds is None:
                self.csv_label.setText(translate("data_panel", "{file} (missing)").format(
                    file=os.path.basename(self.csv_path)))
                return
            if ds is self._filled:   # just loaded here: the widgets show it, no second read of the file
                return
            rows = preview_rows(ds.source)
            self.csv_columns = [c.strip() or f"col{k + 1}" for k, c in enumerate(rows[0])] if rows and ds.source.get("header") else \
                [f"col{k + 1}" for k in range(len(rows[0]) if rows else 0)]
            self._quietly(lambda: self._fill_csv_widgets(ds, rows))
        elif kind == "painted":
            self._quietly(lambda: self._show_page(3))

    def _show_page(self, index: int) -> None:
        self.source.setCurrentIndex(index)
        self.pages.setCurrentIndex(index)

    def _quietly(self, fn) -> None:
        widgets = (self.source, self.gate, self.toy, self.samples, self.noise, self.toy_seed,
                   self.target, self.options, self.features)
        for w in widgets:
            w.blockSignals(True)
        try:
            fn()
        finally:
            for w in widgets:
                w.blockSignals(False)
