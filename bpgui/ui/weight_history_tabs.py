"""The weights' history in the window: the Trajectories and Distribution tabs of the plots
dock, what they are shown, and the clicks that choose a weight to plot.

A weight is chosen by a click on its edge in the network drawing (when the
network has a recorded history; without one a click edits it, see
network_editor.py) or on its cell in the weights heatmap; its curve joins the
Trajectories tab, which comes to the front.  ``show`` is called when the
document changes and on the window's throttled path while training, so the
tabs follow a growing timeline; each redraws only when in sight.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from .i18n import QT_TRANSLATE_NOOP, translate
from .views.lazy_tabs import LazyTabs
from .views.weight_distribution import DistributionView
from .views.weight_heatmap import WeightHeatmap
from .views.weight_names import WeightNames
from .views.weight_trajectories import NO_HISTORY, TrajectoryPlot

RECORDING_OFF = QT_TRANSLATE_NOOP("weight_history_tabs", "The weights' history is not recorded: the timeline's "
                                  "memory is 0 MB in the training settings. Give it some and train to record it.")


class WeightHistoryTabs(QObject):
    """Adds the two tabs to ``tabs`` (built when first shown) and plots the weights the
    network drawing ``editor`` and the heatmap choose."""

    def __init__(self, tabs: LazyTabs, editor) -> None:
        super().__init__(tabs)      # the tab widget owns it; it holds no reference to the window
        tabs.add_lazy(TrajectoryPlot, translate("weight_history_tabs", "Trajectories"), key="Trajectories")
        tabs.add_lazy(DistributionView, translate("weight_history_tabs", "Distribution"), key="Distribution")
        self._editor = editor
        editor.sigWeightChosen.connect(self.plot_weight)
        tabs.sigBuilt.connect(self._page_built)

    @property
    def trajectories(self) -> TrajectoryPlot:
        return self.parent().page("Trajectories")

    @property
    def distribution(self) -> DistributionView:
        return self.parent().page("Distribution")

    @Slot(int)
    def _page_built(self, index: int) -> None:
        page = self.parent().widget(index)
        if isinstance(page, WeightHeatmap):
            page.sigCellClicked.connect(self.plot_weight)

    def show(self, model, settings) -> None:
        """Show ``model``'s timeline (or why there is none)."""
        timeline = model.timeline
        has_history = timeline is not None and len(timeline) > 0
        message = (
            translate("weight_history_tabs", RECORDING_OFF)
            if settings.timeline_mb <= 0 and not has_history
            else NO_HISTORY
        )
        net = model.network
        names = WeightNames.of(net.sizes, model.feature_names, model.target_names, model.class_names)
        self._editor.set_history_available(has_history)
        shown = timeline if has_history else None
        self.parent().call_latest("Trajectories", TrajectoryPlot.show_timeline, shown, names, message)
        self.parent().call_latest("Distribution", DistributionView.show_timeline, shown, message)

    @Slot(int, int, int)
    def plot_weight(self, layer: int, i: int, j: int) -> None:
        """Plot this weight over the run, in front (without a history the tab says why)."""
        self.trajectories.add_weight(layer, i, j)
        self.parent().setCurrentWidget(self.trajectories)
