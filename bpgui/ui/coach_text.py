"""The coach's findings in the window's language: the engine keeps each message's English
template and its parameters (``Finding.of``), so the window translates the template in
context "coach" and fills it; the command line prints the English ``message`` as it is."""
from __future__ import annotations

from bpgui.core.coach import Finding
from bpgui.core.coach.finding import number_text

from .i18n import translate

__all__ = ["finding_text", "suggestion_text", "evidence_text"]


def finding_text(finding: Finding) -> str:
    """What is wrong, translated (a finding made without a template: its message as it is)."""
    if not finding.template:
        return finding.message
    return translate("coach", finding.template).format(**finding.params)


def suggestion_text(finding: Finding) -> str:
    """What to try, translated (the suggestions have no parameters)."""
    return translate("coach", finding.suggestion)


def evidence_text(finding: Finding) -> str:
    """The evidence as one line, ``name value; name value``, names and words translated, numbers
    as the engine writes them (a dot for the decimal mark, in every language)."""
    parts = []
    for name, value in finding.evidence.items():
        template, params = finding.evidence_names.get(name, (name, {}))
        shown = translate("coach", value) if name in finding.evidence_words else number_text(value)
        parts.append(f"{translate('coach', template).format(**params)} {shown}")
    return translate("coach", "; ").join(parts)
