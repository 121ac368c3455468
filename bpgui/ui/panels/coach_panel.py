"""The Coach panel: the coach's findings in plain words, each with its evidence and a
suggestion, or "No findings" and what the coach looks at.  It only shows what it is given
(``show_findings``); ``ui/coach_controller.py`` decides when the coach runs."""
from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from bpgui.core.coach import Finding

from ..coach_text import evidence_text, finding_text, suggestion_text
from ..i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["CoachPanel", "TITLES"]

# A finding's heading in plain words; its code follows in grey (docs/coach.md lists the codes).
# Marked here, translated where a card is made (the language is chosen after import).
TITLES = {
    "target_range": QT_TRANSLATE_NOOP("coach_panel", "Targets out of the output's reach"),
    "unscaled_inputs": QT_TRANSLATE_NOOP("coach_panel", "Inputs not scaled"),
    "class_imbalance": QT_TRANSLATE_NOOP("coach_panel", "A rare class"),
    "lr_too_high": QT_TRANSLATE_NOOP("coach_panel", "Learning rate too high"),
    "exploding_gradients": QT_TRANSLATE_NOOP("coach_panel", "Exploding gradients"),
    "vanishing_gradients": QT_TRANSLATE_NOOP("coach_panel", "Vanishing gradients"),
    "dead_units": QT_TRANSLATE_NOOP("coach_panel", "Dead ReLU units"),
    "saturated_units": QT_TRANSLATE_NOOP("coach_panel", "Saturated units"),
    "overfitting": QT_TRANSLATE_NOOP("coach_panel", "Overfitting"),
    "underfitting": QT_TRANSLATE_NOOP("coach_panel", "Underfitting"),
}

EXPLANATION = QT_TRANSLATE_NOOP("coach_panel", "The coach checks the network, its data and the run when they "
                                "change, every 2 s while training and at its end. Suggestions only: training "
                                "never waits for them.")
NO_FINDINGS = QT_TRANSLATE_NOOP("coach_panel", "Nothing the coach checks for looks wrong so far: the targets, the "
                                "inputs' scales, the classes, the units, the gradients and, once there is a run, "
                                "the loss curves.")

_CARD_STYLE = ("QFrame#finding { background: #fff8e6; border: 1px solid #f0c36d; border-left: 4px solid "
               "#f5a623; border-radius: 3px; }")


def _card(finding: Finding) -> QFrame:
    card = QFrame()
    card.setObjectName("finding")
    card.setStyleSheet(_CARD_STYLE)
    title = translate("coach_panel", TITLES[finding.code]) if finding.code in TITLES else finding.code
    # the engine's words, in the window's language (coach_text.py)
    message, shown_evidence, suggestion = finding_text(finding), evidence_text(finding), suggestion_text(finding)
    # translate() outside the f-string: pyside6-lupdate does not look inside one
    evidence, try_ = translate("coach_panel", "Evidence:"), translate("coach_panel", "Try:")
    text = QLabel(
        f"<b>{html.escape(title)}</b> "
        f"<span style='color:#888'>{finding.code}</span><br>{html.escape(message)}"
        f"<br><span style='color:#555'><i>{html.escape(evidence)}</i> {html.escape(shown_evidence)}</span>"
        f"<br><b>{html.escape(try_)}</b> {html.escape(suggestion)}")
    text.setObjectName(f"finding_{finding.code}")
    text.setWordWrap(True)
    text.setTextInteractionFlags(Qt.TextSelectableByMouse)   # evidence can be copied into a report
    text.setStyleSheet("background: transparent; border: none;")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(8, 6, 8, 6)
    layout.addWidget(text)
    return card


class CoachPanel(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []
        self.explanation = QLabel(translate("coach_panel", EXPLANATION))
        self.explanation.setWordWrap(True)
        self.explanation.setStyleSheet("color: #555;")
        self.status = QLabel(translate("coach_panel", "Not checked yet."))
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")
        heading = translate("coach_panel", "No findings")
        self.empty = QLabel(f"<b>{heading}</b><br>{translate('coach_panel', NO_FINDINGS)}")
        self.empty.setWordWrap(True)
        # Everything scrolls together, so that a short dock cuts nothing off: the cards follow the texts.
        # The findings come first, in sight in a short dock; what the coach does, below them.
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        for widget in (self.empty, self.status, self.explanation):
            self._list_layout.addWidget(widget)
        self._list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(self._list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        # A finding in sight below the training settings, which the dock splitter would squeeze to
        # a line (they scroll; the dock can be closed from the View menu).
        self.setMinimumHeight(150)

    def sizeHint(self) -> QSize:
        return QSize(300, 180)

    def show_findings(self, findings: list[Finding], status: str) -> None:
        """Show these findings (none: the empty state) and where they come from."""
        self.status.setText(status)
        if [f.to_dict() for f in findings] == [f.to_dict() for f in self.findings] and self._cards():
            return   # the same as shown: no flicker, and the reader keeps their place
        self.findings = list(findings)
        for card in self._cards():
            card.setParent(None)
            card.deleteLater()
        for i, finding in enumerate(findings):
            self._list_layout.insertWidget(i, _card(finding))
        self.empty.setVisible(not findings)

    def _cards(self) -> list[QFrame]:
        return self._list.findChildren(QFrame, "finding")

    def codes(self) -> list[str]:
        """The codes shown, in order."""
        return [f.code for f in self.findings]

    def texts(self) -> list[str]:
        """The text of each finding as shown."""
        return [label.text() for label in self._list.findChildren(QLabel) if label.objectName().startswith("finding_")]
