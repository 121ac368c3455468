"""A ``StepTrace`` as plain text: per stage and layer the formula, then its numbers.

For handouts and scripts (``bpgui step``): the same numbers the window's
step-through shows, eight significant digits, rows are the batch's samples.
"""
from __future__ import annotations

import numpy as np

from bpgui.core.step_trace import LayerTrace, StepTrace

__all__ = ["format_trace"]

# Arrays larger than this are summarised by NumPy ("..."), so a 784-input layer stays readable.
_MAX_SHOWN = 2000


def _numbers(name: str, values: np.ndarray, indent: str = "    ") -> list[str]:
    """``name`` and its array, each row of a matrix on a line of its own."""
    text = np.array2string(np.asarray(values, dtype=np.float64), precision=8, separator="  ",
                           threshold=_MAX_SHOWN, max_line_width=110, floatmode="maxprec", suppress_small=False)
    lines = text.splitlines()
    label = f"{indent}{name}  [{' x '.join(map(str, np.shape(values)))}]:"
    return [label] + [f"{indent}  {line}" for line in lines]


def _layer_title(layer: LayerTrace, count: int) -> str:
    role = "output layer" if layer.index == count - 1 else f"hidden layer {layer.index + 1}"
    units = f"{layer.units} {layer.activation} unit{'s' if layer.units != 1 else ''}"
    return f"  layer {layer.index + 1} of {count} ({role}, {units})"


def _forward(trace: StepTrace) -> list[str]:
    lines = ["FORWARD  z = a_prev . W + b,  a = f(z)"]
    count = len(trace.layers)
    for layer in trace.layers:
        lines.append(_layer_title(layer, count))
        lines += _numbers("a_prev" if layer.index else "a_prev = x", layer.a_prev)
        lines += _numbers("W", layer.W_before) + _numbers("b", layer.b_before)
        lines += _numbers("z = a_prev . W + b", layer.z)
        lines += _numbers(f"a = {layer.activation}(z)", layer.a)
    lines += _numbers("y (target)", trace.Y, "  ")
    lines.append(f"  loss ({trace.loss_name}, mean over the batch): {trace.loss:.10g}")
    return lines


def _backward(trace: StepTrace) -> list[str]:
    n = trace.batch_size
    lines = ["BACKWARD  (deltas per sample; gradients averaged over the batch of "
             f"{n} row{'s' if n != 1 else ''})"]
    count = len(trace.layers)
    for layer in reversed(trace.layers):
        lines.append(_layer_title(layer, count))
        if layer.index == count - 1:
            lines += _numbers(f"delta = {trace.output_rule}", layer.delta)
        else:
            lines += _numbers(f"delta = (delta_next . W_next^T) * {layer.activation}'(z)", layer.delta)
        lines += _numbers("dW = a_prev^T . delta / n" + _penalty(trace), layer.dW)
        lines += _numbers("db = sum_rows(delta) / n", layer.db)
    return lines


def _penalty(trace: StepTrace) -> str:
    parts = [f"{trace.l2:g} * W" if trace.l2 else "", f"{trace.l1:g} * sign(W)" if trace.l1 else ""]
    parts = [p for p in parts if p]
    return "" if not parts else " + " + " + ".join(parts)


def _update(trace: StepTrace) -> list[str]:
    opt = trace.optimizer
    hp = ", ".join(f"{k}={v}" for k, v in opt.hyperparameters.items())
    lines = [f"UPDATE  {opt.name} ({hp}), lr {opt.lr:g}, optimizer step t = {opt.t}", f"  rule: {opt.rule}"]
    lines += [f"  {name} = {value:.10g}" for name, value in opt.scalars.items()]
    count = len(trace.layers)
    for layer in trace.layers:
        lines.append(_layer_title(layer, count))
        for name, (w_part, b_part) in layer.state.items():
            lines += _numbers(f"{name} (weights)", w_part) + _numbers(f"{name} (biases)", b_part)
        lines += _numbers("step on W = W_new - W", layer.dW_update)
        lines += _numbers("step on b = b_new - b", layer.db_update)
        lines += _numbers("W_new", layer.W_after) + _numbers("b_new", layer.b_after)
    return lines


def format_trace(trace: StepTrace, heading: list[str] | None = None) -> str:
    """The whole step as text: ``heading`` lines, then Forward, Backward and Update."""
    lines = list(heading or [])
    for stage in (_forward, _backward, _update):
        lines += ["", *stage(trace)]
    return "\n".join(lines) + "\n"
