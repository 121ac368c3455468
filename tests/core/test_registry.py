"""One look-up for every registry: the same message for an unknown name everywhere."""
from __future__ import annotations

import pytest

from bpgui.core.activations import ACTIVATIONS, get_activation
from bpgui.core.builtin_data import BUILTIN_DATASETS, GATES, TOY_SETS, builtin_dataset, gate_dataset, toy_dataset
from bpgui.core.dataset import DataError
from bpgui.core.initializers import INITIALIZERS, get_initializer
from bpgui.core.losses import LOSSES, get_loss
from bpgui.core.optimizers import OPTIMIZERS, make_optimizer
from bpgui.core.preprocessing import NORMALIZATIONS, Normalizer
from bpgui.core.registry import lookup
from bpgui.core.schedules import SCHEDULES, make_schedule
from bpgui.core.training_settings import TrainingSettings


def test_lookup_returns_the_entry_and_names_every_choice_otherwise():
    reg = {"a": 1, "b": 2}
    assert lookup(reg, "b", "letter") == 2
    with pytest.raises(ValueError, match=r"^unknown letter 'c'; choose one of: a, b$"):
        lookup(reg, "c", "letter")
    with pytest.raises(ValueError, match=r"unknown letter \['a'\]"):  # unhashable: the same error
        lookup(reg, ["a"], "letter")
    with pytest.raises(DataError, match="unknown letter 'c'"):
        lookup(reg, "c", "letter", DataError)


@pytest.mark.parametrize("call,registry,what,error", [
    (get_activation, ACTIVATIONS, "activation", ValueError),
    (get_loss, LOSSES, "loss", ValueError),
    (get_initializer, INITIALIZERS, "initializer", ValueError),
    (make_optimizer, OPTIMIZERS, "optimizer", ValueError),
    (make_schedule, SCHEDULES, "schedule", ValueError),
    (gate_dataset, GATES, "gate", DataError),
    (toy_dataset, TOY_SETS, "toy set", DataError),
    (builtin_dataset, BUILTIN_DATASETS, "built-in data set", DataError),
    (Normalizer, NORMALIZATIONS, "normalization", DataError),
])
def test_every_registry_reports_an_unknown_name_alike(call, registry, what, error):
    with pytest.raises(error) as info:
        call("nope")
    assert str(info.value) == f"unknown {what} 'nope'; choose one of: {', '.join(registry)}"


def test_settings_refuse_an_index_into_a_tuple_of_names():
    """dtype and normalize are tuples of names: 0 must not pass as DTYPES[0]."""
    for field in ("dtype", "normalize"):
        with pytest.raises(ValueError, match=f"training setting '{field}': unknown name 0"):
            TrainingSettings.from_dict({field: 0})
