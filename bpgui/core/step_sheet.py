"""One training step as a spreadsheet whose cells are live formulas.

``write_step_sheet(net, X, Y, "step.xlsx", optimizer="sgd", lr=0.5)`` writes
an .xlsx with the inputs, targets, weights and settings as value cells and
everything computed from them as formulas: z = a . W + b and a = f(z) per
layer, the loss, the output delta, every layer's delta, dW and db averaged
over the batch, and the optimizer's update (its state before and after
included) with the new weights.  Changing a weight in Excel or LibreOffice
recomputes the whole pass.  Each formula also stores the engine's value, so
viewers that do not recalculate show numbers.  docs/step-sheet.md shows the
layout.  XlsxWriter (a dependency) writes the file.
"""
from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np

from .translatable import QT_TRANSLATE_NOOP, Text
from .losses import CANONICAL_PAIRS
from .network import Network
from .optimizers import DEFAULT_LR, Optimizer, make_optimizer
from .step_sheet_formulas import LOSS_GRADIENTS, LOSS_TERMS, sheet_activation
from .step_sheet_grid import Block, BlockWriter, cell_ref
from .step_sheet_updates import UpdateRule, update_rule
from .step_sheet_values import Penalties, StepValues, float64_copy, step_values

__all__ = ["write_step_sheet", "MAX_SHEET_UNITS", "MAX_SHEET_ROWS", "SHEET_NAME"]

# A layer's units are a sheet's columns and a batch's samples its rows:
# past these a step no longer reads as a table.
MAX_SHEET_UNITS = 32
MAX_SHEET_ROWS = 8
SHEET_NAME = "Step"


def write_step_sheet(network: Network, X, Y, path, optimizer: str | Optimizer = "sgd", lr: float | None = None,
                     l1: float = 0.0, l2: float = 0.0, **hyperparameters) -> Path:
    """Write one training step of ``network`` on the rows (X, Y) to the .xlsx file ``path``.

    X, Y: one sample or up to 8 rows, already normalised as the network sees
    them.  ``optimizer``: a name with its ``hyperparameters``, named as in
    `Trainer` (the sheet shows a fresh optimizer's first step), or an
    `Optimizer` such as ``trainer.optimizer`` (its next step, from its step
    count and moments; it is not changed).  ``lr`` defaults to the
    optimizer's default rate; ``l1`` and ``l2`` are the trainer's penalties
    on the weights.  The network is not changed.  Returns the path written.
    Bad arguments: ValueError; a path that cannot be written: OSError.
    """
    try:
        import xlsxwriter
        import xlsxwriter.exceptions
    except ImportError:
        raise ImportError('writing a step sheet needs XlsxWriter: pip install XlsxWriter') from None
    opt = _optimizer(optimizer, hyperparameters, network)
    lr = _setting("learning rate", DEFAULT_LR[opt.name] if lr is None else lr, zero_allowed=False)
    penalties = Penalties(_setting("l1", l1, zero_allowed=True), _setting("l2", l2, zero_allowed=True))
    _check_layers(network)
    net = float64_copy(network)
    X, Y = _batch(net, X, Y)
    rule = update_rule(opt)
    values = step_values(net, X, Y, opt, lr, penalties, rule)
    path = Path(path)
    if path.is_dir():   # before anything is written: a '.part' beside a folder would be left behind
        raise OSError(Text("step_sheet", QT_TRANSLATE_NOOP(
            "step_sheet", "cannot write {path}: it is a folder; give a file name such as {example}"),
            path=str(path), example=str(path / "step.xlsx")))
    part = path.with_name(path.name + ".part")
    workbook = xlsxwriter.Workbook(str(part))
    try:
        _StepSheet(workbook, net, values, opt, lr, penalties, rule).write()
        workbook.close()
        os.replace(part, path)
    except (OSError, xlsxwriter.exceptions.FileCreateError) as e:   # the latter wraps an OSError
        part.unlink(missing_ok=True)
        reason = e.args[0] if e.args else e
        raise OSError(Text("step_sheet", QT_TRANSLATE_NOOP("step_sheet", "cannot write {path}: {reason}"),
                           path=str(path), reason=str(getattr(reason, "strerror", None) or reason))) from e
    return path


def _optimizer(optimizer: str | Optimizer, hyperparameters: dict, net: Network) -> Optimizer:
    if not isinstance(optimizer, Optimizer):
        return make_optimizer(optimizer, **hyperparameters)
    if hyperparameters:
        raise ValueError("give hyperparameters with an optimizer's name; an Optimizer has its own")
    for name, buffer in optimizer.state.items():
        if np.size(buffer) != net.n_params:
            raise ValueError(f"the optimizer's {name!r} holds {np.size(buffer):,} values; "
                             f"the network has {net.n_params:,} parameters")
        if not np.isfinite(buffer).all():
            raise ValueError(f"the optimizer's {name!r} must be finite numbers for a step sheet")
    return optimizer


def _setting(name: str, value, zero_allowed: bool) -> float:
    """A finite number > 0 (>= 0 where ``zero_allowed``), or a ValueError naming the setting."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(value) or value < 0 or (value == 0 and not zero_allowed):
        raise ValueError(f"{name} must be a finite number {'>=' if zero_allowed else '>'} 0, got {value!r}")
    return value


def _check_layers(net: Network) -> None:
    for l, units in enumerate(net.sizes):
        if units > MAX_SHEET_UNITS:
            which = (Text("step_sheet", QT_TRANSLATE_NOOP("step_sheet", "the input layer")) if l == 0 else
                     Text("step_sheet", QT_TRANSLATE_NOOP("step_sheet", "the output layer")) if l == net.n_layers
                     else Text("step_sheet", QT_TRANSLATE_NOOP("step_sheet", "hidden layer {l}"), l=l))
            raise ValueError(Text("step_sheet", QT_TRANSLATE_NOOP(
                "step_sheet", "{which} has {units} units; a step sheet lays out layers of at most {most} units"),
                which=which, units=units, most=MAX_SHEET_UNITS))
    for name in net.activation_names:
        sheet_activation(name)


def _batch(net: Network, X, Y) -> tuple[np.ndarray, np.ndarray]:
    X, Y = net.prepare(X, Y)
    if not 1 <= len(X) <= MAX_SHEET_ROWS:
        raise ValueError(f"a step sheet takes 1 to {MAX_SHEET_ROWS} rows (one sample or a small batch); "
                         f"got {len(X)}")
    for what, array in (("X", X), ("Y", Y), ("the weights", net.parameters)):
        if not np.isfinite(array).all():
            raise ValueError(f"{what} must be finite numbers for a step sheet")
    return X, Y


class _StepSheet:
    """The sheet's sections in the order a step computes them."""

    def __init__(self, workbook, net: Network, values: StepValues, optimizer: Optimizer, lr: float,
                 penalties: Penalties, rule: UpdateRule) -> None:
        self.workbook, self.net, self.v = workbook, net, values
        self.optimizer, self.lr, self.penalties, self.rule = optimizer, lr, penalties, rule
        worksheet = workbook.add_worksheet(SHEET_NAME)
        worksheet.freeze_panes(0, 1)
        self.out = BlockWriter(workbook, worksheet)
        self.n = len(values.inputs[0])
        self.samples = [f"sample {i + 1}" for i in range(self.n)]
        self.acts = [sheet_activation(name) for name in net.activation_names]
        self.G: list[Block | None] = [None] * net.n_layers

    def write(self) -> None:
        self._header()
        self._settings()
        self._forward()
        self._loss()
        self._backward()
        self._update()

    # ------------------------------------------------------------ labels
    def _units(self, l: int) -> list[str]:
        """Column labels of layer l's units (l = 0: the inputs)."""
        return [f"x{j + 1}" if l == 0 else f"unit {j + 1}" for j in range(self.net.sizes[l])]

    def _param_rows(self, l: int) -> list[str]:
        source = "x" if l == 1 else "unit "
        return [f"from {source}{i + 1}" for i in range(self.net.sizes[l - 1])] + ["bias"]

    # ------------------------------------------------------------ sections
    def _header(self) -> None:
        net, out = self.net, self.out
        arch = "-".join(map(str, net.sizes))
        # Short lines: a printed handout is one page wide (see BlockWriter).
        out.line(f"One training step of a {arch} network ({', '.join(net.activation_names)})", "title")
        out.line(f"loss {net.loss_name}, optimizer {self.optimizer.name}, {self.n} sample{'s' * (self.n > 1)}",
                 "title")
        out.line("Yellow cells are values you may edit: settings, inputs, targets, weights.")
        out.line("Every other cell is a formula: an edit recomputes the whole step.")
        out.line("Rows are samples. W has one row per input and one column per unit,")
        out.line("and the bias b as its last row. Deltas are per sample; dW and db")
        out.line("are their mean over the batch.")
        out.skip()

    def _settings(self) -> None:
        out = self.out
        out.line("Settings", "section")
        rows = [("lr", "learning rate", self.lr)]
        rows += [(name, torch_name, value) for name, (torch_name, value) in self.rule.settings.items()]
        if self.penalties.l1:
            rows.append(("l1_penalty", "l1: adds l1 sign(W) to dW", self.penalties.l1))
        if self.penalties.l2:
            rows.append(("l2_penalty", "l2: adds l2 W to dW, as torch's weight_decay", self.penalties.l2))
        for name, torch_name, value in rows:
            out.ws.write_string(out.row, 0, f"{name}  ({torch_name})" if name != torch_name else name)
            out.ws.write_number(out.row, 1, value, out.fmt["setting"])
            self.workbook.define_name(name, f"={SHEET_NAME}!{cell_ref(out.row, 1, absolute=True)}")
            out.row += 1
        out.line(f"The optimizer's step number {self.optimizer.t + 1}"
                 + (": a fresh optimizer, moments and buffers zero." if self.optimizer.t == 0 else
                    f", after {self.optimizer.t} taken: its state is under Update."))
        out.skip()

    def _forward(self) -> None:
        net, v, out = self.net, self.v, self.out
        out.line("Forward pass", "section")
        self.x = out.values("Inputs a0 = x", self.samples, self._units(0), v.inputs[0])
        self.y = out.values("Targets y", self.samples, [f"y{j + 1}" for j in range(net.n_outputs)], v.targets)
        self.P: list[Block] = []
        self.z: list[Block] = []
        self.a: list[Block] = []
        for l in range(1, net.n_layers + 1):
            a_in = self.x if l == 1 else self.a[-1]
            fan_in = net.sizes[l - 1]
            P = out.values(f"Layer {l}: weights W{l} and bias b{l} (last row)", self._param_rows(l),
                           self._units(l), v.params[l - 1])
            z = out.formulas(f"Layer {l}: z{l} = a{l - 1} . W{l} + b{l}", self.samples, self._units(l),
                             lambda i, j: f"MMULT({a_in.row_range(i)},{P.col_range(j, fan_in)})+{P.cell(fan_in, j)}",
                             v.z[l - 1])
            act = self.acts[l - 1]
            a = out.formulas(f"Layer {l}: a{l} = {act.name}(z{l}) = {act.formula}", self.samples, self._units(l),
                             lambda i, j: act.forward(z.cell(i, j), z.row_range(i)), v.a[l - 1])
            self.P.append(P)
            self.z.append(z)
            self.a.append(a)
        out.skip()

    def _loss(self) -> None:
        out, a, y = self.out, self.a[-1], self.y
        term, text = LOSS_TERMS[self.net.loss_name]
        out.line("Loss", "section")
        self.terms = out.formulas(f"Loss terms {text}, per sample and output", self.samples,
                                  [f"y{j + 1}" for j in range(a.cols)],
                                  lambda i, j: term.format(a=a.cell(i, j), y=y.cell(i, j)), self.v.loss_terms)
        out.formula_line("loss = sum of the terms / n", f"SUM({self.terms.range()})/{self.n}", self.v.loss,
                         f"{self.net.loss_name}: the mean over the samples")
        out.skip()

    def _backward(self) -> None:
        self.out.line("Backward pass", "section")
        self.d: list[Block | None] = [None] * self.net.n_layers
        for l in range(self.net.n_layers, 0, -1):
            self._delta(l)
            self._gradients(l)
        self.out.skip()

    def _grad_a(self, l: int) -> Block:
        """dL/da of layer l: the loss's gradient at the output, the next layer's delta through W^T below it."""
        net, v, out, a = self.net, self.v, self.out, self.a[l - 1]
        if l == net.n_layers:
            grad, text = LOSS_GRADIENTS[net.loss_name]
            return out.formulas(f"Layer {l}: dL/da{l} = {text}  (the loss's gradient, per sample)", self.samples,
                                self._units(l), lambda i, j: grad.format(a=a.cell(i, j), y=self.y.cell(i, j)),
                                v.grad_a[l - 1])
        d_next, P_next = self.d[l], self.P[l]
        return out.formulas(f"Layer {l}: dL/da{l} = d{l + 1} . W{l + 1}^T", self.samples, self._units(l),
                            lambda i, j: f"SUMPRODUCT({d_next.row_range(i)},{P_next.row_range(j)})",
                            v.grad_a[l - 1])

    def _delta(self, l: int) -> None:
        net, v, out = self.net, self.v, self.out
        z, a, act = self.z[l - 1], self.a[l - 1], self.acts[l - 1]
        if l == net.n_layers and (act.name, net.loss_name) in CANONICAL_PAIRS:
            self.d[l - 1] = out.formulas(
                f"Layer {l}: output delta d{l} = y_hat - y  ({act.name} + {net.loss_name}: a canonical pair)",
                self.samples, self._units(l),
                lambda i, j: f"{a.cell(i, j)}-{self.y.cell(i, j)}", v.delta[l - 1])
            return
        g = self._grad_a(l)
        self.d[l - 1] = out.formulas(
            f"Layer {l}: delta d{l} = {act.delta_text.format(l=l)}", self.samples, self._units(l),
            lambda i, j: act.delta(z.cell(i, j), a.cell(i, j), g.cell(i, j), g.row_range(i), a.row_range(i)),
            v.delta[l - 1])

    def _gradients(self, l: int) -> None:
        a_in = self.x if l == 1 else self.a[l - 2]
        d, fan_in, n = self.d[l - 1], self.net.sizes[l - 1], self.n

        P, l1, l2 = self.P[l - 1], self.penalties.l1, self.penalties.l2
        penalty_text = (" + l1 sign(W)" if l1 else "") + (f" + l2 W{l}" if l2 else "")

        def gradient(i: int, j: int) -> str:
            if i == fan_in:
                return f"AVERAGE({d.col_range(j)})"
            w = P.cell(i, j)
            return (f"SUMPRODUCT({a_in.col_range(i)},{d.col_range(j)})/{n}"
                    + (f"+l1_penalty*SIGN({w})" if l1 else "") + (f"+l2_penalty*{w}" if l2 else ""))

        self.G[l - 1] = self.out.formulas(
            f"Layer {l}: gradients dW{l} = a{l - 1}^T . d{l} / n{penalty_text} and db{l} = mean of d{l} (last row)",
            self._param_rows(l), self._units(l), gradient, self.v.grads[l - 1])

    def _update(self) -> None:
        self.out.line(f"Update: optimizer {self.optimizer.name}", "section")
        for l in range(1, self.net.n_layers + 1):
            P, G = self.P[l - 1], self.G[l - 1]
            blocks: dict[str, Block] = {}
            for state in self.rule.state:
                blocks[state.key] = self.out.values(f"Layer {l}: {state.label} ({state.name})", self._param_rows(l),
                                                    self._units(l), self.v.old_state[l - 1][state.key], "setting")
            for stage in self.rule.stages:
                new = stage.key == "new"
                title = f"Layer {l}: new W{l} and b{l}: {stage.label}" if new else f"Layer {l}: {stage.label}"
                values = self.v.new_params[l - 1] if new else self.v.stages[l - 1][stage.key]
                blocks[stage.key] = self.out.formulas(
                    title, self._param_rows(l), self._units(l),
                    lambda i, j: stage.formula.format(p=P.cell(i, j), g=G.cell(i, j),
                                                      **{k: b.cell(i, j) for k, b in blocks.items()}),
                    values, "result" if new else "general")
            new = blocks["new"]
            self.out.formulas(f"Layer {l}: change of W{l} and b{l} = new - old", self._param_rows(l), self._units(l),
                              lambda i, j: f"{new.cell(i, j)}-{P.cell(i, j)}",
                              self.v.new_params[l - 1] - self.v.params[l - 1], "general")
