"""A coach finding's words as the Coach panel shows them: its message, evidence and suggestion.

The hook where the engine's English findings (bpgui/core/coach) become the
window's language: this version gives them as the engine wrote them; the
translation of the findings replaces the body of ``finding_text``.
"""
from __future__ import annotations

from dataclasses import dataclass

from bpgui.core.coach import Finding

__all__ = ["FindingText", "finding_text"]


@dataclass(frozen=True)
class FindingText:
    """The three texts of a finding card, ready to show (not yet HTML-escaped)."""
    message: str
    evidence: str
    suggestion: str


def finding_text(finding: Finding) -> FindingText:
    """``finding``'s message, evidence and suggestion in the window's language."""
    return FindingText(finding.message, finding.evidence_text(), finding.suggestion)
