"""The bridge: going on training in the exported PyTorch module gives bpgui's loss
curve and weights (float64: 1e-6 relative), for every optimizer and schedule,
with shuffled mini-batches, on a binary, a multi-class and a regression model."""
from __future__ import annotations

import numpy as np
import pytest
from torch_export_cases import KINDS, continue_in_bpgui, csv_of, load_module, trained_model

from bpgui.core.modelfile import load_model
from bpgui.core.optimizers import DEFAULT_LR, OPTIMIZERS
from bpgui.core.schedules import SCHEDULES
from bpgui.core.torch_export import export_torch

torch = pytest.importorskip("torch")

EPOCHS = 5
# Parameters that change the rate within 5 epochs (cosine passes T_max and holds).
SCHEDULE_PARAMS = {"constant": {}, "step": {"step_size": 2, "gamma": 0.5}, "exponential": {"gamma": 0.8},
                   "cosine": {"T_max": 3, "eta_min": 1e-4}}


def bridge(tmp_path, kind: str, rtol: float = 1e-6, **settings):
    """Train 2 epochs in bpgui, export, go on EPOCHS epochs both ways; compare both curves and weights."""
    model_path, ds = trained_model(kind, tmp_path, **settings)
    module = load_module(export_torch(load_model(model_path), tmp_path / "m.py")[0])
    net, torch_losses = module.train(str(csv_of(kind)), EPOCHS)
    bpgui_losses, continued = continue_in_bpgui(model_path, ds, EPOCHS)
    assert len(torch_losses) == EPOCHS and len(set(bpgui_losses)) > 1   # it trained, and the curve moves
    np.testing.assert_allclose(torch_losses, bpgui_losses, rtol=rtol)
    linears = [m for m in net if isinstance(m, torch.nn.Linear)]
    for layer, W, b in zip(linears, continued.network.weights, continued.network.biases):
        np.testing.assert_allclose(layer.weight.detach().numpy().T, W, rtol=rtol, atol=rtol * 1e-3)
        np.testing.assert_allclose(layer.bias.detach().numpy(), b, rtol=rtol, atol=rtol * 1e-3)


@pytest.mark.parametrize("schedule", sorted(SCHEDULES))
@pytest.mark.parametrize("optimizer", sorted(OPTIMIZERS))
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_optimizer_and_schedule_continue_alike(tmp_path, kind, optimizer, schedule):
    bridge(tmp_path, kind, optimizer=optimizer, lr=DEFAULT_LR[optimizer] * 3, schedule=schedule,
           schedule_params=SCHEDULE_PARAMS[schedule])


@pytest.mark.parametrize("optimizer, hyperparameters", [
    ("sgd", {"momentum": 0.8, "dampening": 0.3}),
    ("nesterov", {"momentum": 0.5}),
    ("adagrad", {"lr_decay": 0.1, "initial_accumulator_value": 0.2, "eps": 1e-6}),
    ("adadelta", {"rho": 0.8}),
    ("rmsprop", {"momentum": 0.5, "centered": True, "alpha": 0.9}),
    ("adam", {"amsgrad": True, "betas": (0.8, 0.9)}),
])
def test_hyperparameters_carry_over(tmp_path, optimizer, hyperparameters):
    bridge(tmp_path, "multiclass", optimizer=optimizer, lr=DEFAULT_LR[optimizer] * 3, hyperparameters=hyperparameters)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_l1_and_l2_penalties_act_on_weights_as_in_bpgui(tmp_path, kind):
    bridge(tmp_path, kind, optimizer="momentum", lr=0.05, l1=0.01, l2=0.05)


@pytest.mark.parametrize("batch_size", [None, 1, 7])
def test_full_batches_and_single_samples(tmp_path, batch_size):
    bridge(tmp_path, "regression", optimizer="adam", lr=0.01, batch_size=batch_size)


def test_mse_on_a_sigmoid_output(tmp_path):
    """Not a canonical pair: the loss goes through the output activation."""
    bridge(tmp_path, "binary", optimizer="sgd", lr=0.5, output_activation="sigmoid", loss="mse")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_float32_networks_follow_within_single_precision(tmp_path, kind):
    bridge(tmp_path, kind, rtol=1e-4, dtype="float32", optimizer="adam", lr=0.01)
