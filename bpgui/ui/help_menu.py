"""The Help menu: user guide, keyboard shortcuts, lessons and About.

A lesson (resources/lessons/, ``bpgui.document.lesson``) replaces the document's
data, settings and network the way opening a model file does: it asks first about
unsaved work, and stops a run.  Its text stays open in the Lesson dock, beside
the Data dock, while the learner plays.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

from bpgui.document.lesson import LessonError, lesson_named, lessons

from .about_dialog import AboutDialog
from .i18n import current_language, translate
from .lesson_pane import LessonPane
from .shortcuts_dialog import ShortcutsDialog
from .user_guide import UserGuide

__all__ = ["HelpMenu"]

LESSON_WIDTH = 380   # pixels: a text with formulas wants more room than the Data dock's form


class HelpMenu(QObject):
    """The Help menu of MainWindow ``window`` (its document, its file commands, its docks)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self._pane: LessonPane | None = None
        menu = window.acts.menus["help"] = window.menuBar().addMenu(translate("help_menu", "&Help"))
        self.guide = menu.addAction(translate("help_menu", "User guide"), self.show_guide)
        self.guide.setShortcut(QKeySequence.HelpContents)
        self.guide.setShortcutContext(Qt.WindowShortcut)
        self.shortcuts = menu.addAction(translate("help_menu", "Keyboard shortcuts"), self.show_shortcuts)
        self.lessons_menu = menu.addMenu(translate("help_menu", "Lessons"))
        problems: list[str] = []
        for lesson in lessons(problems, language=current_language()):
            action = self.lessons_menu.addAction(f"{lesson.order}. {lesson.title}")
            action.setData(lesson.key)
            action.triggered.connect(self._lesson_chosen)
        for problem in problems:  # a broken lesson file: named in the menu, the others still work
            self.lessons_menu.addAction(
                translate("help_menu", "(cannot read: {problem})").format(problem=problem)
            ).setEnabled(False)
        menu.addSeparator()
        self.about = menu.addAction(translate("help_menu", "About bpgui"), self.show_about)
        self.about.setMenuRole(QAction.AboutRole)

    @property
    def w(self):
        """The window, asked of Qt each time (holding it would make a reference cycle)."""
        return self.parent()

    # ------------------------------------------------------------------ dialogs
    @Slot()
    def show_guide(self) -> UserGuide:
        return _raise(self.w, UserGuide)

    @Slot()
    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = _raise(self.w, ShortcutsDialog)
        dialog.fill(self.w)   # the actions as they are now
        return dialog

    @Slot()
    def show_about(self) -> AboutDialog:
        return _raise(self.w, AboutDialog)

    # ------------------------------------------------------------------ lessons
    @property
    def pane(self) -> LessonPane:
        """The Lesson dock, made when the first lesson opens (tabbed with the Data dock)."""
        if self._pane is None:
            w = self.w
            self._pane = LessonPane(w)
            w.addDockWidget(Qt.LeftDockWidgetArea, self._pane)
            w.tabifyDockWidget(w.data_dock, self._pane)
            w.resizeDocks([self._pane], [LESSON_WIDTH], Qt.Horizontal)
            self._pane.sigStartAgain.connect(self.open_lesson)
        return self._pane

    @Slot()
    def _lesson_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.open_lesson(str(action.data()))

    @Slot(str)
    def open_lesson(self, key: str) -> bool:
        """Make lesson ``key`` the document; False when it cannot be read or the user cancels."""
        w = self.w
        try:
            lesson = lesson_named(key, language=current_language())
            session = lesson.session()
        except LessonError as exc:
            w.warn(translate("help_menu", "Cannot open the lesson"), str(exc))
            return False
        if not w.files.confirm_discard() or not w.stop_and_wait():
            return False
        problem = w.doc.open_model(session.model, None, lesson.dataset, lesson.settings)
        if problem:
            w.warn(translate("help_menu", "Cannot open the lesson"), problem)
            return False
        self.pane.show_lesson(lesson)
        w.statusBar().showMessage(translate("help_menu", "Lesson: {title}").format(title=lesson.title), 6000)
        return True


def _raise(window, dialog_class):
    """The window's one dialog of ``dialog_class`` (made at the first call), shown and raised:
    the dialogs are not modal, so they stay open while the window is used."""
    dialog = window.findChild(QDialog, dialog_class.__name__)
    if not isinstance(dialog, dialog_class):
        dialog = dialog_class(window)
        dialog.setObjectName(dialog_class.__name__)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
