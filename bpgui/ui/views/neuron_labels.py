"""What the network drawing writes beside its input and output neurons, and what their hover says.

Plain text, no painting: the canvas passes ``fits(text)`` for the room it has
(in pixels), tests pass ``fits_chars(n)``.  A name too long for its room is
shortened so that it still tells its neuron from the other drawn neurons:
"favourite_colour = red" becomes "fav… = red" or "red", never "favourite_c…"
four times; "sepal_length" and "sepal_width" keep the part that differs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from bpgui.ui.i18n import translate

ELLIPSIS = "…"
WORD_BREAKS = "_-. =/:(,"     # a tail that starts after one of these is a whole word
MIN_COLUMN_HEAD = 3           # "fav… = red": fewer letters of the column say nothing; show "red"

Fits = Callable[[str], bool]


@dataclass(frozen=True)
class NeuronName:
    """One input or output neuron's names, from the longest to the shortest."""

    full: str            # beside the neuron when it fits: "favourite_colour = red", "diagnosis = malignant"
    short: str           # what tells it from its neighbours: "red", "malignant" (``full`` if nothing shorter)
    title: str           # the hover's first line: "favourite_colour = red", "setosa"
    meaning: str = ""    # the hover's second line, if any: "class setosa of the target species"
    column: str = ""     # the column of a "column = value" name ("favourite_colour")


def fits_chars(n: int) -> Fits:
    """A room of n characters (the tests' stand-in for pixels)."""
    return lambda text: len(text) <= n


def one_hot_parts(name: str) -> tuple[str, str] | None:
    """("colour", "red") for a one-hot input's name "colour=red" (the CSV reader's ``column=value``)."""
    column, sep, value = name.partition("=")
    return (column, value) if sep and column.strip() and value else None


def input_names(feature_names: Sequence[str]) -> list[NeuronName]:
    out = []
    for name in feature_names:
        parts = one_hot_parts(name)
        if parts is None:
            out.append(NeuronName(name, name, name))
        else:
            column, value = parts
            full = f"{column} = {value}"
            meaning = translate("neuron_labels", "1 for rows whose {column} is {value}, else 0").format(
                column=column, value=value)
            out.append(NeuronName(full, value, full, meaning, column))
    return out


def output_names(target_names: Sequence[str], class_names: Sequence[str] | None) -> list[NeuronName]:
    """Multiclass outputs by their class ("setosa"); one binary output like a one-hot input,
    by its column and the class it stands for ("diagnosis = malignant", short "malignant")."""
    targets = list(target_names)
    classes = list(class_names) if class_names else []
    if len(classes) == len(targets) > 1:
        meaning = translate("neuron_labels", "class {name} of the target {target}")
        return [NeuronName(c, c, c, meaning.format(name=c, target=_column_of(t, c))) for t, c in zip(targets, classes)]
    if len(targets) == 1 and len(classes) == 2:
        column, (negative, positive) = targets[0], classes
        meaning = translate("neuron_labels", "near 1 for {positive}, near 0 for {negative}").format(
            positive=positive, negative=negative)
        if (negative, positive) == ("0", "1"):     # classes coded 0/1 already: "xor = 1" says no more than "xor"
            return [NeuronName(column, column, column, meaning)]
        full = f"{column} = {positive}"
        return [NeuronName(full, positive, full, meaning, column)]
    return [NeuronName(t, t, t) for t in targets]


def _column_of(target_name: str, class_name: str) -> str:
    """"species" from the multiclass target "species=setosa" of the class "setosa"."""
    suffix = f"={class_name}"
    return target_name[:-len(suffix)] if target_name.endswith(suffix) and len(target_name) > len(suffix) \
        else target_name


def neuron_labels(feature_names: Sequence[str], target_names: Sequence[str], class_names: Sequence[str] | None,
                  fits_inputs: Fits, fits_outputs: Fits | None = None) -> tuple[list[str], list[str]]:
    """The texts beside the input and the output neurons."""
    return (labels(input_names(feature_names), fits_inputs),
            labels(output_names(target_names, class_names), fits_outputs or fits_inputs))


def labels(names: Sequence[NeuronName], fits: Fits) -> list[str]:
    """One text a neuron, each fitting its room where it can, no two alike for different names."""
    heads = _column_heads(names, fits)
    out = [_label(k, names, heads.get(n.column, ""), fits) for k, n in enumerate(names)]
    seen: dict[str, int] = {}
    for k, text in enumerate(out):   # only names holding "…" themselves could get here: show them whole
        seen[text] = seen.get(text, 0) + 1
    return [names[k].full if seen[text] > 1 else text for k, text in enumerate(out)]


def _column_heads(names: Sequence[NeuronName], fits: Fits) -> dict[str, str]:
    """Per one-hot column, the most of its name that fits before every one of its "… = value":
    the same for the whole column, so that its neurons read alike."""
    heads: dict[str, str] = {}
    for column in {n.column for n in names if n.column}:
        values = [n.short for n in names if n.column == column]
        k = len(column) - 1
        while k >= MIN_COLUMN_HEAD and not all(fits(f"{column[:k]}{ELLIPSIS} = {v}") for v in values):
            k -= 1
        if k >= MIN_COLUMN_HEAD:
            heads[column] = column[:k]
    return heads


def _label(k: int, names: Sequence[NeuronName], column_head: str, fits: Fits) -> str:
    """The first of the neuron's texts, from the longest, that fits and that no other neuron could have."""
    name = names[k]
    if fits(name.full):
        return name.full          # names differ, so whole names do too
    others = [s for j, n in enumerate(names) if j != k for s in (n.full, n.short)]
    if column_head and _unique(column_head, f" = {name.short}", others):
        return f"{column_head}{ELLIPSIS} = {name.short}"
    if name.short != name.full and fits(name.short) and name.short not in others:
        return name.short
    texts = [name.short] if name.short == name.full else [name.short, name.full]   # "red", then "shirt…red"
    for extra in range(len(name.full)):    # when no cut both fits and tells it apart: the least overflow that does
        label = _cut_label(texts, others, lambda text, extra=extra: fits(text[extra:]))
        if label is not None:
            return label
    return name.full


def _cut_label(texts: Sequence[str], others: Sequence[str], fits: Fits) -> str | None:
    for text in texts:
        for head, tail in _cuts(text, fits):
            if _unique(head, tail, others):
                return f"{head}{ELLIPSIS}{tail}"
    return None


def _unique(head: str, tail: str, others: Sequence[str]) -> bool:
    """No other neuron's name could be cut to head + "…" + tail."""
    return not any(len(s) > len(head) + len(tail) and s.startswith(head) and s.endswith(tail) for s in others)


def _cuts(text: str, fits: Fits) -> Iterator[tuple[str, str]]:
    """(head, tail) of text with its middle cut out, most readable first: the end cut off; then
    whole last words kept ("conc…mean"), the shortest first; then any tail, the shortest first.
    Each with the longest head that fits beside its tail."""
    n = len(text)
    words = [b for b in range(n - 1, 0, -1) if text[b - 1] in WORD_BREAKS and text[b] not in WORD_BREAKS]
    others = [b for b in range(n - 1, 0, -1) if b not in words]
    for b in [n] + words + others:
        tail = text[b:]
        a = _longest_head(text, b, tail, fits)
        if a is not None:
            yield text[:a], tail


def _longest_head(text: str, b: int, tail: str, fits: Fits) -> int | None:
    """The most characters of text's start that fit before "…" + tail, cutting at least one (bisection)."""
    if not fits(f"{ELLIPSIS}{tail}"):
        return None
    lo, hi = 0, b - 1          # fits with lo; the most the cut allows is b - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(f"{text[:mid]}{ELLIPSIS}{tail}"):
            lo = mid
        else:
            hi = mid - 1
    return lo
