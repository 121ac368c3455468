"""The paint tab's controls: mode and brush, the class picker and eraser, and the
actions on the whole painting (Clear, From data, Save as CSV).

Three rows the paint view places around its canvas; compact, because at
1024x700 the views beside the network are about 230 pixels wide.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QToolButton, QWidget

from bpgui.core.painted_data import CLASS_NAMES, MODES

from ..i18n import QT_TRANSLATE_NOOP, translate
from .theme import CLASS_COLOURS

MODE_TEXTS = {"classes": (QT_TRANSLATE_NOOP("paint_tools", "Classes"),
                          QT_TRANSLATE_NOOP("paint_tools", "2 inputs (x1, x2) and a class for each point")),
              "numbers": (QT_TRANSLATE_NOOP("paint_tools", "Numbers"),
                          QT_TRANSLATE_NOOP("paint_tools", "1 input x and a number y for each point (regression)"))}
BRUSHES = (1, 5, 10, 25)
NUMBER = len(CLASS_NAMES)       # the numbers mode's one "add" tool (the classes are 0..4)
ERASER = len(CLASS_NAMES) + 1   # not -1: a button group numbers buttons added with -1 itself


def _row(*widgets, stretch: bool = True) -> QWidget:
    row = QWidget()
    lay = QHBoxLayout(row)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(3)
    for w in widgets:
        lay.addWidget(w)
    if stretch:
        lay.addStretch(1)
    return row


def _tool(text: str, tip: str, checkable: bool = False) -> QToolButton:
    b = QToolButton()
    b.setText(text)
    b.setToolTip(tip)
    b.setCheckable(checkable)
    b.setAutoRaise(False)
    return b


def _class_style(rgb) -> str:
    r, g, b = rgb
    return (f"QToolButton {{ background: rgb({r},{g},{b}); color: white; font-weight: bold; min-width: 18px;"
            f" border: 2px solid rgb({r},{g},{b}); border-radius: 3px; padding: 1px 3px; }}"
            "QToolButton:checked { border: 2px solid black; }")


class PaintTools(QObject):
    sigModeChosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.mode_box = QComboBox()
        for mode in MODES:
            text, tip = MODE_TEXTS[mode]
            self.mode_box.addItem(translate("paint_tools", text), mode)
            self.mode_box.setItemData(self.mode_box.count() - 1, translate("paint_tools", tip), Qt.ToolTipRole)
        self.mode_box.setToolTip(translate("paint_tools", "What the points are: classes in 2-D, or numbers over 1 input"))
        self.brush_box = QComboBox()
        for n in BRUSHES:
            text = translate("paint_tools", "{n} points").format(n=n) if n > 1 else translate("paint_tools", "1 point")
            self.brush_box.addItem(text, n)
        self.brush_box.setToolTip(translate("paint_tools", "The brush: how many points a click adds (spread around it) or erases"))
        self.top = _row(self.mode_box, self.brush_box)

        self.group = QButtonGroup(self)
        self.class_buttons = []
        for k, name in enumerate(CLASS_NAMES):
            b = _tool(name, translate("paint_tools", "Paint class {name} (left click; right click erases)").format(name=name), checkable=True)
            b.setStyleSheet(_class_style(CLASS_COLOURS[k]))
            self.group.addButton(b, k)
            self.class_buttons.append(b)
        self.number_button = _tool(translate("paint_tools", "+ Point"), translate("paint_tools", "A click adds a point (x, y)"), checkable=True)
        self.group.addButton(self.number_button, NUMBER)
        self.eraser = _tool(translate("paint_tools", "Erase"), translate("paint_tools", "A click removes the nearest point (as the right button does)"),
                            checkable=True)
        self.group.addButton(self.eraser, ERASER)
        self.class_buttons[0].setChecked(True)
        self._class = 0   # the class painted last: it comes back with the classes mode
        self.group.idClicked.connect(self._tool_clicked)
        self.picker = _row(*self.class_buttons, self.number_button, self.eraser)

        self.clear = _tool(translate("paint_tools", "Clear"),
                           translate("paint_tools", "Remove every point (Undo brings back the points the network trained on)"))
        self.from_data = _tool(translate("paint_tools", "From data"), translate(
            "paint_tools", "Paint on a copy of the current data (2 inputs with up to {n} classes, or 1 input and a number)"
        ).format(n=len(CLASS_NAMES)))
        self.save_csv = _tool(translate("paint_tools", "Save CSV…"), translate("paint_tools", "Save the points as a CSV file (x1,x2,label or x,y)"))
        self.actions = _row(self.clear, self.from_data, self.save_csv)
        self.mode_box.currentIndexChanged.connect(self._mode_changed)
        self._show_tools()

    # ------------------------------------------------------------ reading
    @property
    def mode(self) -> str:
        return self.mode_box.currentData()

    @property
    def brush(self) -> int:
        return int(self.brush_box.currentData())

    @property
    def erasing(self) -> bool:
        return self.group.checkedId() == ERASER

    @property
    def chosen_class(self) -> int:
        return self._class

    # ------------------------------------------------------------ changing
    def set_mode(self, mode: str) -> None:
        """Show ``mode`` without announcing it (the paint view asked for it)."""
        self.mode_box.blockSignals(True)
        self.mode_box.setCurrentIndex(MODES.index(mode))
        self.mode_box.blockSignals(False)
        self._show_tools()

    def choose(self, tool: int) -> None:
        """Pick class ``tool`` (0 for A...), or ERASER, as a click does."""
        self.group.button(tool).click()

    def show_state(self, has_points: bool, can_start: bool) -> None:
        self.clear.setEnabled(has_points)
        self.save_csv.setEnabled(has_points)
        self.from_data.setEnabled(can_start)

    @Slot(int)
    def _tool_clicked(self, tool: int) -> None:
        if 0 <= tool < len(CLASS_NAMES):
            self._class = tool

    @Slot(int)
    def _mode_changed(self, _index: int) -> None:
        self._show_tools()
        self.sigModeChosen.emit(self.mode)

    def _show_tools(self) -> None:
        """The mode's tools; the eraser stays chosen across modes, a class or "+ Point" swap."""
        classes = self.mode == "classes"
        for b in self.class_buttons:
            b.setVisible(classes)
        self.number_button.setVisible(not classes)
        tool = self.group.checkedId()
        if classes and tool == NUMBER:
            self.class_buttons[self._class].setChecked(True)
        elif not classes and 0 <= tool < len(CLASS_NAMES):
            self.number_button.setChecked(True)
