"""`Finding`: one thing the coach noticed, in plain words, with its numbers and a suggestion."""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Finding", "CODES"]

# Every code the coach can give, in the order findings are listed; documented in docs/coach.md.
# Stable: scripts and tests match on them, so a code is never renamed.
CODES = ("target_range", "unscaled_inputs", "class_imbalance", "lr_too_high", "exploding_gradients",
         "vanishing_gradients", "dead_units", "saturated_units", "overfitting", "underfitting")


@dataclass(frozen=True)
class Finding:
    """``code`` (one of ``CODES``), ``message`` (what is wrong, one or two sentences),
    ``evidence`` (the numbers behind it, by name) and ``suggestion`` (what to try).

    The window shows them translated, so a finding also keeps what its English was made
    from: ``template`` (marked ``QT_TRANSLATE_NOOP("coach", ...)``) and ``params``, with
    ``message == template.format(**params)``; ``evidence_names`` the same for evidence
    names built from a template; ``evidence_words`` the evidence names whose values are
    words (not numbers or data names).  Build one with ``Finding.of``."""

    code: str
    message: str
    suggestion: str
    evidence: dict = field(default_factory=dict)
    template: str = ""
    params: dict = field(default_factory=dict)
    evidence_names: dict = field(default_factory=dict)   # name -> (template, params)
    evidence_words: tuple = ()

    @classmethod
    def of(cls, code: str, template: str, params: dict, suggestion: str, evidence: dict, *,
           evidence_names: dict | None = None, evidence_words: tuple = ()) -> Finding:
        """The finding whose message is ``template`` filled with ``params`` (strings, as shown)."""
        return cls(code, template.format(**params), suggestion, evidence, template, dict(params),
                   dict(evidence_names or {}), tuple(evidence_words))

    def evidence_text(self) -> str:
        """The evidence as one line: ``name value; name value``."""
        return "; ".join(f"{name} {number_text(value)}" for name, value in self.evidence.items())

    def to_dict(self) -> dict:
        """Plain data, for JSON."""
        return {"code": self.code, "message": self.message, "suggestion": self.suggestion,
                "evidence": dict(self.evidence)}


def number_text(value) -> str:
    """An evidence value as the coach writes it (4 significant figures for a float)."""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
