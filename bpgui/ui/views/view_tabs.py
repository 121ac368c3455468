"""The views of what the network computes, as tabs beside the network drawing.

Each view is a widget with two methods:

* ``set_data(dataset, session)`` -- new data or a new network (``session``
  holds the splits; either may be None when there is nothing to show);
* ``update_model(model, network)`` -- the weights changed: ``network`` holds
  them (a copy the training snapshots write into), ``model`` the names and
  normalisers.

and optionally ``show_sample(x)`` and a static ``applies_to(dataset) -> bool``
(a truth table only for logic gates: asked of the class, so a tab is hidden
without building its view).  Only the visible view is updated; the others
catch up when their tab is shown, so views that are not visible cost nothing.
A view is built when its tab is first shown (``LazyTabs``), and then gets
the data, weights and sample it missed.  A tab is known by its English title
(``index_of("Results")``, ``page("Step through")``) whatever language its
text is shown in.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Signal, Slot
from PySide6.QtWidgets import QWidget

from ..i18n import translate
from .lazy_tabs import LazyTabs

__all__ = ["ViewTabs"]


class ViewTabs(LazyTabs):
    # The views' signals, passed on: connected once here, whichever views are built.
    sigSampleChosen = Signal(object)   # raw feature values of a sample a view picked (a row, a click)
    sigPlaneChanged = Signal(object)   # the output map's plane (the neuron maps draw it too)
    sigDataPainted = Signal(object)    # a Dataset painted in the Paint view
    sigNeuronValues = Signal(object)   # numbers for the network drawing (the step-through), or None
    sigApplyStep = Signal(object)      # the trainer state after a step the step-through showed
    sigExportStep = Signal(object)     # (network, trainer, X, Y) of the step shown, for a spreadsheet
    RELAYED = ("sigSampleChosen", "sigPlaneChanged", "sigDataPainted", "sigNeuronValues", "sigApplyStep",
               "sigExportStep")
    # The Results view's size hint and minimum (the largest of the views'), so the window is laid
    # out as when every view was built at once (the splitter shares its width out by size hints).
    PAGE_HINTS = (QSize(612, 1038), QSize(257, 362))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self._data = (None, None)
        self._model = (None, None)
        self._sample = None                 # the last sample shown, for views built after it
        self._stale_data: set[int] = set()
        self._stale_model: set[int] = set()
        self._stale_sample: set[int] = set()
        self.currentChanged.connect(self._refresh)
        self.sigBuilt.connect(self._built)

    def add_view(self, view_class: type[QWidget], title: str) -> None:
        """A tab for ``view_class``: ``title`` (marked QT_TRANSLATE_NOOP("window_layout", ...)) is its key,
        its text the title translated."""
        index = self.add_lazy(view_class, translate("window_layout", title), key=title)
        self._stale_data.add(index)
        self._stale_model.add(index)

    def views(self) -> list[QWidget]:
        """The views built so far."""
        return self.built_pages()

    def set_data(self, dataset, session) -> None:
        if dataset is not self._data[0]:
            self._sample, self._stale_sample = None, set()
        self._data = (dataset, session)
        self._model = (None, None)
        self._stale_data = set(range(self.count()))
        self._stale_model = set(range(self.count()))
        for k in range(self.count()):
            applies = getattr(self.maker(k), "applies_to", None)
            self.setTabVisible(k, dataset is not None and (applies is None or applies(dataset)))
        if self.currentIndex() >= 0 and not self.isTabVisible(self.currentIndex()):
            self.setCurrentIndex(0)
        self._refresh(self.currentIndex())

    def set_session(self, session) -> None:
        """The document's new session on the same data (after training, with new settings):
        the views given the data later get this one, and those that step its trainer
        (``set_session``) get it now."""
        self._data = (self._data[0], session)
        for view in self.built_pages():
            if hasattr(view, "set_session"):
                view.set_session(session)

    def update_model(self, model, network) -> None:
        self._model = (model, network)
        self._stale_model = set(range(self.count()))
        self._refresh(self.currentIndex())

    def show_sample(self, x) -> None:
        """Every view that can show one sample (the map, try it) shows ``x`` (raw features);
        a view not built yet shows it when it is."""
        self._sample = x
        for k in range(self.count()):
            if not hasattr(self.maker(k), "show_sample"):
                continue
            if self.is_built(k):
                self.widget(k).show_sample(x)
            else:
                self._stale_sample.add(k)

    @Slot(int)
    def _built(self, index: int) -> None:
        view = self.widget(index)
        for name in self.RELAYED:
            if hasattr(view, name):
                getattr(view, name).connect(getattr(self, name))
        if index == self.currentIndex():   # built while shown, or asked for: it shows the latest at once
            self._refresh(index)

    @Slot(int)
    def _refresh(self, index: int) -> None:
        """The view at ``index`` catches up; one not built yet waits until it is."""
        if index < 0 or not self.is_built(index):
            return
        view = self.widget(index)
        if index in self._stale_data:
            self._stale_data.discard(index)
            view.set_data(*self._data)
        if index in self._stale_model and self._model[0] is not None:
            self._stale_model.discard(index)
            view.update_model(*self._model)
        if index in self._stale_sample:
            self._stale_sample.discard(index)
            view.show_sample(self._sample)
