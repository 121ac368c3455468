"""A splitter that puts its two panes side by side when it is wide and one
above the other when it is tall, so the same view reads well in the narrow
tab of a small window and in the wide one of a large window."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter

__all__ = ["AdaptiveSplitter"]


class AdaptiveSplitter(QSplitter):
    def __init__(self, wide_ratio: float = 1.3, shares: tuple[int, ...] = (1, 1), parent=None) -> None:
        super().__init__(Qt.Vertical, parent)
        self.wide_ratio = wide_ratio   # width / height from which the panes go side by side
        self.shares = shares           # of the length, for each pane in turn
        self.setChildrenCollapsible(False)
        self._placed = False           # the shares are applied at the first size, then left to the user

    def resizeEvent(self, event) -> None:
        size = event.size()
        wide = size.width() >= self.wide_ratio * size.height()
        orientation = Qt.Horizontal if wide else Qt.Vertical
        if orientation != self.orientation() or not self._placed:
            self._placed = True
            self.setOrientation(orientation)
            # the shares again: the old sizes were lengths along the other direction
            self.setSizes(list(self.shares[:self.count()]))
        super().resizeEvent(event)
