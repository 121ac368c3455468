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
    ``evidence`` (the numbers behind it, by name) and ``suggestion`` (what to try)."""

    code: str
    message: str
    suggestion: str
    evidence: dict = field(default_factory=dict)

    def evidence_text(self) -> str:
        """The evidence as one line: ``name value; name value``."""
        return "; ".join(f"{name} {_number(value)}" for name, value in self.evidence.items())

    def to_dict(self) -> dict:
        """Plain data, for JSON."""
        return {"code": self.code, "message": self.message, "suggestion": self.suggestion,
                "evidence": dict(self.evidence)}


def _number(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
