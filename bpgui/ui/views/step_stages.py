"""What the step-through shows at each stage of one training step: a title, the
formula with one neuron's numbers plugged in, a table and the values to write
on the network drawing.  Plain data from a ``StepTrace``, no widgets.

The stages go forward layer by layer, back from the output layer, then update
layer by layer.  Tables have a column per neuron shown (every neuron of a
layer up to ``WIDE`` units, else the chosen one) and a row per quantity; the
Update table is the chosen neuron's: a row per parameter (its bias, then the
weights into it), a column per quantity (before, gradient, the optimizer's
state, step, after).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from bpgui.core.activations import ACTIVATIONS
from bpgui.core.step_trace import LayerTrace, StepTrace

from ..i18n import QT_TRANSLATE_NOOP, translate, translated

__all__ = ["Stage", "StageTable", "WIDE", "stages", "stage_title", "stage_table", "stage_formula",
           "neuron_values", "shown_neurons", "fmt"]

WIDE = 8             # layers wider than this show the chosen neuron's numbers only
MAX_TERMS = 6        # terms of a sum written out in a formula before "+ …"
KINDS = ("forward", "backward", "update")
KIND_TITLES = {"forward": QT_TRANSLATE_NOOP("step_stages", "Forward"),
               "backward": QT_TRANSLATE_NOOP("step_stages", "Backward"),
               "update": QT_TRANSLATE_NOOP("step_stages", "Update")}


@dataclass(frozen=True)
class Stage:
    kind: str        # "forward", "backward" or "update"
    layer: int       # index into trace.layers


@dataclass(frozen=True)
class StageTable:
    rows: list[str]
    columns: list[str]
    values: np.ndarray   # len(rows) x len(columns)


def fmt(v: float) -> str:
    """A number as the step-through writes it: 6 significant digits, a real minus sign."""
    return f"{float(v):.6g}".replace("-", "−")


def stages(n_layers: int) -> list[Stage]:
    return ([Stage("forward", l) for l in range(n_layers)] + [Stage("backward", l) for l in reversed(range(n_layers))]
            + [Stage("update", l) for l in range(n_layers)])


def stage_title(trace: StepTrace, stage: Stage) -> str:
    layer, count = trace.layers[stage.layer], len(trace.layers)
    role = (translate("step_stages", "output layer") if stage.layer == count - 1
            else translate("step_stages", "hidden layer {n}").format(n=stage.layer + 1))
    return translate("step_stages", "{kind} · layer {n} of {count} ({role}, {units} {activation})").format(
        kind=translate("step_stages", KIND_TITLES[stage.kind]), n=stage.layer + 1, count=count, role=role,
        units=layer.units, activation=layer.activation)


def shown_neurons(layer: LayerTrace, neuron: int) -> list[int]:
    return list(range(layer.units)) if layer.units <= WIDE else [neuron]


def input_names(trace: StepTrace, layer: int, feature_names: Sequence[str] | None) -> list[str]:
    """Names of the layer's inputs: the features for the first layer, else the units below."""
    n = trace.layers[layer].a_prev.shape[1]
    if layer == 0 and feature_names is not None and len(feature_names) == n:
        return list(feature_names)
    return [f"x{i + 1}" for i in range(n)] if layer == 0 else [_unit(i) for i in range(n)]


def _unit(j: int) -> str:
    """The name of unit ``j`` (0-based) of a layer."""
    return translate("step_stages", "unit {n}").format(n=j + 1)


def _from(name: str, gradient: bool = False) -> str:
    """A table row of the weights (or their gradients) from input ``name``."""
    if gradient:
        return translate("step_stages", "dW from {name}").format(name=name)
    return translate("step_stages", "W from {name}").format(name=name)


def _first_row(j: int) -> str:
    return translate("step_stages", "unit {n}, first row:").format(n=j + 1)


def stage_table(trace: StepTrace, stage: Stage, neuron: int, row_numbers: Sequence[int],
                feature_names: Sequence[str] | None = None) -> StageTable:
    """The stage's numbers.  ``row_numbers`` name the batch's rows (as the data counts them)."""
    layer = trace.layers[stage.layer]
    names = input_names(trace, stage.layer, feature_names)
    if stage.kind == "update":
        return _update_table(trace, layer, neuron, names)
    cols = shown_neurons(layer, neuron)
    rows: list[str] = []
    values: list[np.ndarray] = []
    if stage.kind == "forward":
        for r, n in enumerate(row_numbers):
            rows += [translate("step_stages", "z (row {n})").format(n=n), translate("step_stages", "a (row {n})").format(n=n)]
            values += [layer.z[r, cols], layer.a[r, cols]]
        rows.append("b")
        values.append(layer.b_before[cols])
        rows += [_from(name) for name in names]
        values += [layer.W_before[i, cols] for i in range(len(names))]
    else:
        for r, n in enumerate(row_numbers):
            rows.append(translate("step_stages", "δ (row {n})").format(n=n))
            values.append(layer.delta[r, cols])
        rows.append(translate("step_stages", "db (mean δ)"))
        values.append(layer.db[cols])
        rows += [_from(name, gradient=True) for name in names]
        values += [layer.dW[i, cols] for i in range(len(names))]
    return StageTable(rows, [_unit(j) for j in cols], np.array(values, dtype=np.float64))


def _update_table(trace: StepTrace, layer: LayerTrace, j: int, names: list[str]) -> StageTable:
    def column(w_part: np.ndarray, b_part: np.ndarray) -> np.ndarray:
        return np.concatenate([[b_part[j]], w_part[:, j]])

    columns = [translate("step_stages", "before"), translate("step_stages", "gradient")]
    values = [column(layer.W_before, layer.b_before), column(layer.dW, layer.db)]
    for name, (w_part, b_part) in layer.state.items():
        columns.append(name)
        values.append(column(w_part, b_part))
    columns += [translate("step_stages", "step"), translate("step_stages", "after")]
    values += [column(layer.dW_update, layer.db_update), column(layer.W_after, layer.b_after)]
    rows = [_bias_of(j)] + [_from(name) for name in names]
    return StageTable(rows, columns, np.array(values, dtype=np.float64).T)


def _bias_of(j: int) -> str:
    return translate("step_stages", "bias of unit {n}").format(n=j + 1)


def _factor(v: float) -> str:
    """A number in a product: negative ones in brackets."""
    return f"({fmt(v)})" if v < 0 else fmt(v)


def _sum_terms(a: np.ndarray, w: np.ndarray) -> str:
    terms = [f"{_factor(x)}×{_factor(y)}" for x, y in zip(a[:MAX_TERMS], w[:MAX_TERMS])]
    more = len(a) - MAX_TERMS
    return " + ".join(terms) + (" + " + translate("step_stages", "… ({n} more)").format(n=more) if more > 0 else "")


def stage_formula(trace: StepTrace, stage: Stage, neuron: int) -> str:
    """The rule of the stage, and the chosen neuron's numbers plugged in (first row of the batch), as HTML."""
    layer, j = trace.layers[stage.layer], neuron
    if stage.kind == "forward":
        lines = _forward_formula(layer, j)
    elif stage.kind == "backward":
        lines = _backward_formula(trace, stage.layer, j)
    else:
        lines = _update_formula(trace, layer, j)
    return "<br>".join(lines)


def _forward_formula(layer: LayerTrace, j: int) -> list[str]:
    z, a, f = layer.z[0, j], layer.a[0, j], layer.activation
    return ["<b>z = a · W + b</b>, &nbsp; <b>a = f(z)</b>",
            f"{_first_row(j)} z = {_sum_terms(layer.a_prev[0], layer.W_before[:, j])} + {_factor(layer.b_before[j])}",
            f"&nbsp; = {fmt(z)}",
            f"a = {f}({fmt(z)}) = {fmt(a)}"]


def _derivative(layer: LayerTrace) -> np.ndarray | None:
    """f'(z) of the layer's first row, by the engine's activation (None for softmax: not element-wise)."""
    if layer.activation == "softmax":
        return None
    return ACTIVATIONS[layer.activation].derivative(layer.z[:1], layer.a[:1])[0]


def _backward_formula(trace: StepTrace, l: int, j: int) -> list[str]:
    layer = trace.layers[l]
    d = layer.delta[0, j]
    fprime = _derivative(layer)
    if l == len(trace.layers) - 1:
        y_hat, y = trace.y_hat[0, j], trace.Y[0, j]
        title = translate("step_stages", "output δ")
        lines = [f"<b>{title}</b>: {translated(trace.output_rule)}"]
        if trace.output_rule.startswith("y_hat - y"):
            lines.append(f"{_first_row(j)} δ = {fmt(y_hat)} − {_factor(y)} = {fmt(d)}")
        elif fprime is not None:
            lines.append(f"{_first_row(j)} δ = ({fmt(y_hat)} − {_factor(y)}) × {_factor(fprime[j])} = {fmt(d)}")
        else:
            lines.append(f"{_first_row(j)} δ = {fmt(d)}")
    else:
        upper = trace.layers[l + 1]
        back = _sum_terms(upper.delta[0], upper.W_before[j])
        lines = ["<b>δ = (δ_next · W_next<sup>T</sup>) ⊙ f′(z)</b>",
                 f"{_first_row(j)} δ = ({back}) × {_factor(fprime[j])} = {fmt(d)}"]
    n = trace.batch_size
    mean = translate("step_stages", "(n = {n}: the batch mean)").format(n=n)
    dw_1 = translate("step_stages", "dW from input 1")
    lines += [f"<b>dW = a<sup>T</sup> · δ / n</b>, &nbsp; <b>db = Σ δ / n</b> &nbsp; {mean}",
              f"db = {fmt(layer.db[j])}; {dw_1} = {fmt(layer.dW[0, j])}"]
    return lines


def _update_formula(trace: StepTrace, layer: LayerTrace, j: int) -> list[str]:
    opt = trace.optimizer
    t = translate("step_stages", "optimizer step t = {t}").format(t=opt.t)
    lines = [f"<b>{opt.name}</b>, lr = {fmt(opt.lr)}, {t}", *translated(opt.rule).split("; ")]
    lines += [f"{name} = {fmt(value)}" for name, value in opt.scalars.items()]
    if trace.l1 or trace.l2:
        lines.append(translate("step_stages", "the weights' gradient includes the penalty l2·W + l1·sign(W) "
                                              "(l2 = {l2}, l1 = {l1})").format(l2=fmt(trace.l2), l1=fmt(trace.l1)))
    b0, step, b1 = layer.b_before[j], layer.db_update[j], layer.b_after[j]
    lines.append(f"{_bias_of(j)}: {fmt(b0)} + {_factor(step)} = {fmt(b1)}")
    lines += _bias_step(trace, layer, j)
    return lines


def _bias_step(trace: StepTrace, layer: LayerTrace, j: int) -> list[str]:
    """The bias's step with its numbers, for the update rules short enough to write out."""
    opt = trace.optimizer
    lr, g = fmt(opt.lr), _factor(layer.db[j])
    if not opt.state and opt.name in ("sgd", "momentum", "nesterov"):
        return [f"&nbsp; step = −lr × g = −{lr} × {g}"]
    if opt.name in ("sgd", "momentum") and "momentum_buffer" in opt.state and not opt.hyperparameters["nesterov"]:
        return [f"&nbsp; step = −lr × buf = −{lr} × {_factor(layer.state['momentum_buffer'][1][j])}"]
    if opt.name == "adam":
        m_hat, v_hat = layer.state["m_hat"][1][j], layer.state["v_hat"][1][j]
        return [f"&nbsp; step = −lr × m_hat / (√v_hat + eps) = −{lr} × {_factor(m_hat)} / (√{fmt(v_hat)} + "
                f"{fmt(opt.hyperparameters['eps'])})"]
    return []


def neuron_values(trace: StepTrace, stage: Stage) -> dict[int, np.ndarray]:
    """Numbers for the network drawing, by column (0 = inputs): the stage's layer's values
    of the first row (forward: a, and x on the first layer; backward: δ; update: the bias steps)."""
    layer = trace.layers[stage.layer]
    column = stage.layer + 1
    if stage.kind == "forward":
        out = {column: layer.a[0]}
        if stage.layer == 0:
            out[0] = layer.a_prev[0]
        return out
    if stage.kind == "backward":
        return {column: layer.delta[0]}
    return {column: layer.db_update}
