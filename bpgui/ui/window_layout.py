"""The window's widgets: the network and the views in the centre, docks around them.

The view tabs and the plot tabs hold classes, not widgets: each page is built
when its tab is first shown (``LazyTabs``; the window reads them as attributes).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QSplitter

from .i18n import QT_TRANSLATE_NOOP, translate
from .panels.data_panel import DataPanel
from .panels.training_panel import TrainingPanel
from .views.curve_plot import CurvePlot
from .views.gradient_bars import GradientBars
from .views.hidden_space_view import HiddenSpaceView
from .views.image_weights import ImageWeights
from .views.lazy_tabs import LazyTabs
from .views.network_editor import NetworkEditor
from .views.output_map import BoundaryPlot
from .views.paint_view import PaintView
from .views.results_view import ResultsView
from .views.step_through_view import StepThroughView
from .views.truth_table import TruthTable
from .views.try_it import TryIt
from .views.view_tabs import ViewTabs
from .views.weight_heatmap import WeightHeatmap
from .weight_history_tabs import WeightHistoryTabs

__all__ = ["build_widgets"]

# The view tabs: their English titles are the keys code finds them by (views.page("Results")); the
# tabs show them translated (ViewTabs.add_view).
VIEWS = ((BoundaryPlot, QT_TRANSLATE_NOOP("window_layout", "Output map")),
         (ResultsView, QT_TRANSLATE_NOOP("window_layout", "Results")),
         (TruthTable, QT_TRANSLATE_NOOP("window_layout", "Truth table")),
         (HiddenSpaceView, QT_TRANSLATE_NOOP("window_layout", "Hidden space")),
         (TryIt, QT_TRANSLATE_NOOP("window_layout", "Try it")),
         (ImageWeights, QT_TRANSLATE_NOOP("window_layout", "Images")),
         (PaintView, QT_TRANSLATE_NOOP("window_layout", "Paint")),
         (StepThroughView, QT_TRANSLATE_NOOP("window_layout", "Step through")))


def build_widgets(w: QMainWindow) -> None:
    w.editor = NetworkEditor()
    w.views = ViewTabs()
    for view_class, title in VIEWS:
        w.views.add_view(view_class, title)
    w.views.setMinimumWidth(230)   # below this the map's axes and title are cut off
    centre = QSplitter(Qt.Horizontal)
    centre.addWidget(w.editor)
    centre.addWidget(w.views)
    centre.setStretchFactor(0, 3)
    centre.setStretchFactor(1, 2)
    w.setCentralWidget(centre)
    w.data_panel, w.training_panel = DataPanel(), TrainingPanel()
    w.data_dock = _dock(
        w, translate("window_layout", "Data"), "dataDock", _scrolling(w.data_panel), Qt.LeftDockWidgetArea
    )
    w.training_dock = _dock(
        w, translate("window_layout", "Training"), "trainingDock", _scrolling(w.training_panel), Qt.RightDockWidgetArea
    )
    w.loss_plot = CurvePlot(translate("window_layout", "loss"), translate("window_layout", "loss"), log_toggle=True)
    w.loss_plot.set_keys("train_loss", "val_loss")
    w.metric_plot = CurvePlot(
        translate("window_layout", "accuracy"), translate("window_layout", "accuracy"), legend_at_bottom=True
    )
    w.plot_tabs = LazyTabs()
    w.plot_tabs.add_lazy(WeightHeatmap, translate("window_layout", "Weights"), key="Weights")
    w.plot_tabs.add_lazy(GradientBars, translate("window_layout", "Gradients"), key="Gradients")
    w.weight_history = WeightHistoryTabs(w.plot_tabs, w.editor)   # Trajectories, Distribution
    plots = QSplitter(Qt.Horizontal)
    for widget in (w.loss_plot, w.metric_plot, w.plot_tabs):
        plots.addWidget(widget)
    plots.setSizes([1000, 1000, 1000])   # thirds: the tabs' pages, built later, ask for no room yet
    plots.setMinimumHeight(170)
    w.plots_dock = _dock(w, translate("window_layout", "Plots"), "plotsDock", plots, Qt.BottomDockWidgetArea)


def _dock(w: QMainWindow, title: str, name: str, widget, area) -> QDockWidget:
    dock = QDockWidget(title, w)
    dock.setObjectName(name)
    dock.setWidget(widget)
    w.addDockWidget(area, dock)
    return dock


def _scrolling(panel) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(panel)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    # As wide as the panel needs: nothing may be cut off on the right, where no scroll bar goes.
    scroll.setMinimumWidth(panel.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4)
    return scroll
