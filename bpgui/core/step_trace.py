"""One training step with every number it computed: the step-through's record.

``Trainer.trace_step(X, Y)`` takes one step exactly as ``Trainer.epoch`` does
on that batch (full batch: the same forward pass, the network's backward
pass, the schedule's learning rate, the optimizer's update, the counters
advanced) and returns a ``StepTrace``: per layer the input ``a_prev``, ``z``,
``a``, the per-sample ``delta``, the gradients ``dW``/``db`` (the batch mean,
what the optimizer was given), the parameters before and after and their
change ``dW_update``/``db_update`` (new minus old), and the optimizer's state.

Deltas are per sample, as in ``core.network``: ``delta_L`` is y_hat - y for
the canonical pairs, ``delta_l = (delta_{l+1} @ W_{l+1}.T) * f'(z_l)`` below,
and ``dW = a_prev.T @ delta / n``, ``db = sum_rows(delta) / n``.  With l1/l2
the weight gradient also holds the penalty's ``l2*W + l1*sign(W)``
(``dW_penalty``), as in training.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .losses import CANONICAL_PAIRS
from .network import parameter_views
from .optimizer_step_state import OptimizerTrace, optimizer_trace
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["StepTrace", "LayerTrace", "OptimizerTrace", "output_delta_rule", "trace_step"]

# Plain names of the losses, for the output-delta rule shown to a learner.
LOSS_WORDS = {"bce": QT_TRANSLATE_NOOP("step_trace", "binary cross-entropy"),
              "ce": QT_TRANSLATE_NOOP("step_trace", "cross-entropy"),
              "mse": QT_TRANSLATE_NOOP("step_trace", "squared error")}


@dataclass(frozen=True)
class LayerTrace:
    """One layer's numbers in one step.  Rows are the batch's samples."""

    index: int                  # 0 = first hidden layer (or the output layer of a one-layer net)
    activation: str
    a_prev: np.ndarray          # (n, fan_in): the layer's input (X for the first layer)
    z: np.ndarray               # (n, fan_out): a_prev @ W + b
    a: np.ndarray               # (n, fan_out): f(z)
    delta: np.ndarray           # (n, fan_out): dLoss_sample/dz, per sample
    dW: np.ndarray              # (fan_in, fan_out): gradient given to the optimizer
    db: np.ndarray              # (fan_out,)
    dW_penalty: np.ndarray      # the l1/l2 part of dW (zeros without regularisation)
    W_before: np.ndarray
    b_before: np.ndarray
    W_after: np.ndarray
    b_after: np.ndarray
    # The optimizer's state after the step, split like the parameters:
    # name -> (weights part, biases part); see OptimizerTrace.state_names.
    state: dict[str, tuple[np.ndarray, np.ndarray]]

    @property
    def dW_update(self) -> np.ndarray:
        """New minus old weights: the step the optimizer took, per weight."""
        return self.W_after - self.W_before

    @property
    def db_update(self) -> np.ndarray:
        return self.b_after - self.b_before

    @property
    def units(self) -> int:
        return self.z.shape[1]


@dataclass(frozen=True)
class StepTrace:
    """Everything one training step computed (copies; the network moves on)."""

    X: np.ndarray               # the batch's inputs as the network saw them
    Y: np.ndarray               # its targets
    y_hat: np.ndarray           # outputs before the update
    loss: float                 # mean data loss before the update (no penalty)
    loss_name: str
    output_rule: str            # how the output delta was found, in words
    lr: float                   # the learning rate of this step (after the schedule)
    l1: float
    l2: float
    layers: tuple[LayerTrace, ...]
    optimizer: OptimizerTrace
    epoch: int                  # epochs done after the step (trace_step counts as one)
    steps: int                  # optimizer steps done after the step

    @property
    def batch_size(self) -> int:
        return len(self.X)


def output_delta_rule(output_activation: str, loss: str) -> str:
    """The rule that gives the output delta, as a short line for a learner."""
    if (output_activation, loss) in CANONICAL_PAIRS:
        return Text("step_trace", QT_TRANSLATE_NOOP("step_trace", "y_hat - y ({activation} + {loss})"),
                    activation=output_activation, loss=Text("step_trace", LOSS_WORDS[loss]))
    return Text("step_trace", QT_TRANSLATE_NOOP("step_trace", "chain rule: dL/dy_hat * f'(z)"))


def trace_step(trainer, X, Y) -> StepTrace:   # trainer: a training.Trainer (which calls this)
    """Take one training step of ``trainer`` on the batch (X, Y) and record it.

    The step is the trainer's own (``Trainer._step``): a DivergenceError is
    raised as in ``epoch``.  Use a copy of the trainer to look without training.
    """
    net = trainer.net
    xb, yb = net.prepare(X, Y)
    if len(xb) == 0:
        raise ValueError("no training samples")
    lr = trainer.current_lr
    W_before = [W.copy() for W in net.weights]
    b_before = [b.copy() for b in net.biases]
    penalties = [_penalty_gradient(W, trainer.l1, trainer.l2) for W in W_before]
    loss, y_hat = trainer._step(xb, yb, lr, 0)
    _, zs, outs = net._cache  # the forward pass of this step, before the update
    deltas = _deltas(net, yb, zs, outs, W_before)
    _, gW, gb = parameter_views(net.gradient_vector.copy(), net.sizes)
    opt = optimizer_trace(trainer.optimizer, lr, net.sizes)
    trainer._check_finite(0)
    trainer.epochs_done += 1
    trainer.course = object()   # one step counted as an epoch: not an epoch like the last
    inputs = [xb] + list(outs[:-1])
    layers = tuple(
        LayerTrace(
            index=l, activation=net.activation_names[l], a_prev=inputs[l].copy(), z=zs[l].copy(),
            a=outs[l].copy(), delta=deltas[l], dW=gW[l], db=gb[l], dW_penalty=penalties[l],
            W_before=W_before[l], b_before=b_before[l], W_after=net.weights[l].copy(),
            b_after=net.biases[l].copy(), state=opt.layer_state(l),
        )
        for l in range(net.n_layers)
    )
    return StepTrace(
        X=xb.copy(), Y=yb.copy(), y_hat=np.array(y_hat), loss=float(loss), loss_name=net.loss_name,
        output_rule=output_delta_rule(net.output_activation, net.loss_name), lr=float(lr),
        l1=trainer.l1, l2=trainer.l2, layers=layers, optimizer=opt,
        epoch=trainer.epochs_done, steps=trainer.steps_done,
    )


def _deltas(net, yb: np.ndarray, zs: list, outs: list, weights: list[np.ndarray]) -> list[np.ndarray]:
    """Per-sample deltas of every layer, by the network's own output delta and
    activation derivatives (backward keeps only the gradients)."""
    delta = net._output_delta(yb)
    deltas = [delta]
    for l in range(net.n_layers - 1, 0, -1):
        delta = net._acts[l - 1].backward(zs[l - 1], outs[l - 1], np.dot(delta, weights[l].T))
        deltas.append(delta)
    return [np.array(d) for d in reversed(deltas)]


def _penalty_gradient(W: np.ndarray, l1: float, l2: float) -> np.ndarray:
    """The regularisation's share of the weight gradient (training adds it the same way)."""
    g = np.zeros_like(W)
    if l2:
        g += l2 * W
    if l1:
        g += l1 * np.sign(W)
    return g
