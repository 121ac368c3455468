"""What the command line takes as a number, a fraction, a count or a batch size: each
converter raises argparse's error, so a wrong value is a usage error (exit status 2)."""
from __future__ import annotations

import argparse
import math

from bpgui.core.activations import ACTIVATIONS
from bpgui.core.builtin_data import MAX_TOY_SAMPLES
from bpgui.core.csv.layout import check_encoding
from bpgui.core.dataset import DataError
from bpgui.core.image_shape import parse_image_shape
from bpgui.core.timeline import MAX_BUDGET_MB
from bpgui.core.training_settings import parse_layers


def number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None


def fraction(text: str) -> float:
    value = number(text)
    if not 0.0 <= value < 1.0:
        raise argparse.ArgumentTypeError(f"expected a fraction in [0, 1), got {text}")
    return value


def nonneg(text: str) -> float:
    value = number(text)
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text}")
    return value


def megabytes(text: str) -> float:
    value = number(text)
    if not 0 <= value <= MAX_BUDGET_MB:
        raise argparse.ArgumentTypeError(f"expected megabytes from 0 (none) to {MAX_BUDGET_MB}, got {text}")
    return value


def positive(text: str) -> float:
    value = number(text)
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"expected a number > 0, got {text}")
    return value


def _whole_at_least(text: str, least: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= {least}, got {text!r}") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"expected a whole number >= {least}, got {text}")
    return value


def count(text: str) -> int:
    return _whole_at_least(text, 1)


def samples(text: str) -> int:
    value = count(text)
    if value > MAX_TOY_SAMPLES:
        raise argparse.ArgumentTypeError(f"expected at most {MAX_TOY_SAMPLES:,} samples, got {text}")
    return value


def batch(text: str) -> int | None:
    if text.lower() == "full":
        return None
    try:
        return count(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1 or 'full', got {text!r}") from None


def whole(text: str) -> int:
    return _whole_at_least(text, 0)


def layers(text: str) -> list[tuple[int, str]]:
    """``8:tanh,4:relu``: hidden layers whose activations exist."""
    try:
        out = parse_layers(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    for units, activation in out:
        if activation not in ACTIVATIONS:
            raise argparse.ArgumentTypeError(f"unknown activation {activation!r} in {units}:{activation}; "
                                             f"choose one of {', '.join(ACTIVATIONS)}")
    return out


def image(text: str) -> tuple[int, int]:
    """WIDTHxHEIGHT, e.g. 8x8."""
    try:
        return parse_image_shape(text)
    except DataError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


def encoding(text: str) -> str:
    """A text encoding Python knows (utf-8, cp1252, latin-1, utf-16...)."""
    try:
        check_encoding(text)
    except DataError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None
    return text
