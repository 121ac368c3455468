"""What the window remembers between runs (QSettings): geometry, docks, folders, training speed."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt

from .settings_store import settings_store
from .panels.speed_control import parse_speed

NARROW_WIDTH = 1280   # below this a first start puts the Data and Training panels in one tabbed dock


def restore_window(w) -> None:
    st = settings_store()
    geometry = st.value("geometry")
    if isinstance(geometry, QByteArray):
        w.restoreGeometry(geometry)
    else:
        first_start_layout(w, screen_size(w))
    state = st.value("windowState")
    if isinstance(state, QByteArray):
        w.restoreState(state)
    w.data_panel.last_folder = str(st.value("lastDataFolder", "") or "")
    w.files.last_model_folder = str(st.value("lastModelFolder", "") or "")
    w.training_panel.speed.set_speed(parse_speed(st.value("trainingSpeed")))


def screen_size(w) -> QSize:
    return w.screen().availableGeometry().size()


def first_start_layout(w, screen: QSize) -> None:
    """As much of the screen as the window needs, the plots under a third of it."""
    width, height = min(1400, screen.width()), min(900, screen.height() - 40)   # 40: the title bar
    w.resize(width, height)
    w.resizeDocks([w.plots_dock], [max(170, min(250, height * 3 // 10))], Qt.Vertical)
    if width < NARROW_WIDTH:   # two side panels would leave the network and its views under 500 px
        w.tabifyDockWidget(w.data_dock, w.training_dock)
        w.data_dock.raise_()
        w.tabifyDockWidget(w.plots_dock, w.coach.dock)   # a tab below, not a third column
        w.plots_dock.raise_()


def save_window(w) -> None:
    st = settings_store()
    st.setValue("geometry", w.saveGeometry())
    st.setValue("windowState", w.saveState())
    st.setValue("lastDataFolder", w.data_panel.last_folder)
    st.setValue("lastModelFolder", w.files.last_model_folder)
    speed = w.training_panel.speed.speed()
    st.setValue("trainingSpeed", "full" if speed is None else str(speed))
