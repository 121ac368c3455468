"""Tabs whose pages are built the first time they are shown, or asked for.

Why: a page of pyqtgraph plots takes 30-100 ms to build, a window has ten of
them in tabs and a user looks at a few; the tests build hundreds of windows.
Until then a tab holds an empty placeholder, and building swaps the page in.
A tab is found by its key, its English title, whatever language its shown title is in.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QSize, Signal, Slot
from PySide6.QtWidgets import QTabWidget, QWidget

__all__ = ["LazyTabs", "TabPage"]


class _Placeholder(QWidget):
    """Stands in a tab until its page is built, asking for the room the pages will ask for."""

    def __init__(self, hints: tuple[QSize, QSize]) -> None:
        super().__init__()
        self._hint, self._minimum = hints

    def sizeHint(self) -> QSize:
        return self._hint

    def minimumSizeHint(self) -> QSize:
        return self._minimum


class LazyTabs(QTabWidget):
    sigBuilt = Signal(int)   # the index of a page just built (before it is shown)
    # What a placeholder asks for (size hint, minimum): none, unless a subclass knows its pages'.
    PAGE_HINTS = (QSize(), QSize())

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._makers: list[Callable[[], QWidget]] = []
        self._keys: list[str] = []          # each tab's English title, by which the code finds it
        self._calls: dict[int, dict] = {}   # index -> {method: args}, to call when the page is built
        self.currentChanged.connect(self._build_shown)

    def add_lazy(self, make: Callable[[], QWidget], title: str, key: str | None = None) -> int:
        """A tab whose page ``make()`` builds (a class, say) when it is first needed; ``title`` is
        shown (translated), ``key`` (the English title; ``title`` if not given) finds it."""
        self._makers.append(make)
        self._keys.append(title if key is None else key)
        return self.addTab(_Placeholder(self.PAGE_HINTS), title)

    def maker(self, index: int) -> Callable[[], QWidget]:
        return self._makers[index]

    def key(self, index: int) -> str:
        """The English title of tab ``index`` (its text may be translated)."""
        return self._keys[index]

    def index_of(self, title: str) -> int:
        """The tab whose key is ``title`` (or, failing that, whose shown title is)."""
        if title in self._keys:
            return self._keys.index(title)
        return next(k for k in range(self.count()) if self.tabText(k) == title)

    def is_built(self, index: int) -> bool:
        return not isinstance(self.widget(index), _Placeholder)

    def built_pages(self) -> list[QWidget]:
        return [self.widget(k) for k in range(self.count()) if self.is_built(k)]

    def page(self, title: str) -> QWidget:
        """The page of the tab ``title``, built now if it was not."""
        return self.page_at(self.index_of(title))

    def page_at(self, index: int) -> QWidget:
        if not self.is_built(index):
            self._swap_in(index, self._makers[index]())
            for method, args in self._calls.pop(index, {}).items():
                method(self.widget(index), *args)
            self.sigBuilt.emit(index)
        return self.widget(index)

    def call_latest(self, title: str, method: Callable, *args) -> None:
        """``method(page, *args)`` now if the page is built, else when it is: only the latest
        call of each method is kept (the page shows the latest state, not its history)."""
        index = self.index_of(title)
        if self.is_built(index):
            method(self.widget(index), *args)
        else:
            self._calls.setdefault(index, {})[method] = args

    def _swap_in(self, index: int, page: QWidget) -> None:
        placeholder, title, visible = self.widget(index), self.tabText(index), self.isTabVisible(index)
        current = self.currentIndex()
        self.blockSignals(True)   # the same tab stays current: the swap is no change of tab
        try:
            self.removeTab(index)
            self.insertTab(index, page, title)
            self.setTabVisible(index, visible)
            self.setCurrentIndex(current)
        finally:
            self.blockSignals(False)
        placeholder.deleteLater()

    @Slot(int)
    def _build_shown(self, index: int) -> None:
        if index >= 0 and self.isVisible():
            self.page_at(index)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._build_shown(self.currentIndex())


class TabPage:
    """A window attribute for the page of a lazy tab, built on first use:
    ``heatmap = TabPage("plot_tabs", "Weights")`` reads ``window.plot_tabs.page("Weights")``
    (by the tab's key: the English title)."""

    def __init__(self, tabs: str, title: str) -> None:
        self.tabs, self.title = tabs, title

    def __get__(self, window, owner=None):
        return self if window is None else getattr(window, self.tabs).page(self.title)
