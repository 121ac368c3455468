"""A weight's name for a legend: "layer 1: petal_width → 3", "layer 2: 3 → setosa".

Inputs and outputs are named as the network drawing names them beside their
neurons (neuron_labels.py); hidden neurons, which the drawing does not name,
by their number in their layer, counted from 1 as its hover counts them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..i18n import translate
from .neuron_labels import input_names, output_names


@dataclass(frozen=True)
class WeightNames:
    """The names of one network's neurons: ``name(layer, i, j)`` names a weight."""

    sizes: tuple[int, ...]
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]

    @classmethod
    def of(cls, sizes: Sequence[int], feature_names: Sequence[str], target_names: Sequence[str],
           class_names: Sequence[str] | None = None) -> "WeightNames":
        return cls(tuple(int(s) for s in sizes), tuple(n.full for n in input_names(feature_names)),
                   tuple(n.full for n in output_names(target_names, class_names)))

    def neuron(self, column: int, k: int) -> str:
        """Neuron ``k`` of column ``column`` (0: the inputs, the last: the outputs)."""
        names = self.inputs if column == 0 else self.outputs if column == len(self.sizes) - 1 else ()
        return names[k] if k < len(names) else str(k + 1)

    def name(self, layer: int, i: int, j: int) -> str:
        return translate("weight_names", "layer {n}: {source} → {target}").format(
            n=layer + 1, source=self.neuron(layer, i), target=self.neuron(layer + 1, j))

    def holds(self, layer: int, i: int, j: int) -> bool:
        """Whether the network has this weight."""
        return 0 <= layer < len(self.sizes) - 1 and 0 <= i < self.sizes[layer] and 0 <= j < self.sizes[layer + 1]
