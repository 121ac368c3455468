"""The views of what the network computes, as tabs beside the network drawing.

Each view is a widget with two methods:

* ``set_data(dataset, session)`` -- new data or a new network (``session``
  holds the splits; either may be None when there is nothing to show);
* ``update_model(model, network)`` -- the weights changed: ``network`` holds
  them (a copy the training snapshots write into), ``model`` the names and
  normalisers.

and optionally ``applies_to(dataset) -> bool`` (a truth table only for logic
gates).  Only the visible view is updated; the others catch up when their tab
is shown, so views that are not visible cost nothing.
"""
from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QTabWidget, QWidget

__all__ = ["ViewTabs"]


class ViewTabs(QTabWidget):
    sigSampleChosen = Signal(object)   # raw feature values of a sample a view picked (a row, a click)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self._data = (None, None)
        self._model = (None, None)
        self._stale_data: set[int] = set()
        self._stale_model: set[int] = set()
        self.currentChanged.connect(self._shown)

    def add_view(self, view: QWidget, title: str) -> None:
        index = self.addTab(view, title)
        self._stale_data.add(index)
        self._stale_model.add(index)
        if hasattr(view, "sigSampleChosen"):
            view.sigSampleChosen.connect(self.sigSampleChosen)

    def views(self) -> list[QWidget]:
        return [self.widget(k) for k in range(self.count())]

    def set_data(self, dataset, session) -> None:
        self._data = (dataset, session)
        self._model = (None, None)
        self._stale_data = set(range(self.count()))
        self._stale_model = set(range(self.count()))
        for k, view in enumerate(self.views()):
            applies = getattr(view, "applies_to", None)
            self.setTabVisible(k, dataset is not None and (applies is None or applies(dataset)))
        if self.currentIndex() >= 0 and not self.isTabVisible(self.currentIndex()):
            self.setCurrentIndex(0)
        self._refresh(self.currentIndex())

    def update_model(self, model, network) -> None:
        self._model = (model, network)
        self._stale_model = set(range(self.count()))
        self._refresh(self.currentIndex())

    def show_sample(self, x) -> None:
        """Every view that can show one sample (the map, try it) shows ``x`` (raw features)."""
        for view in self.views():
            if hasattr(view, "show_sample"):
                view.show_sample(x)

    @Slot(int)
    def _shown(self, index: int) -> None:
        self._refresh(index)

    def _refresh(self, index: int) -> None:
        if index < 0:
            return
        view = self.widget(index)
        if index in self._stale_data:
            self._stale_data.discard(index)
            view.set_data(*self._data)
        if index in self._stale_model and self._model[0] is not None:
            self._stale_model.discard(index)
            view.update_model(*self._model)
