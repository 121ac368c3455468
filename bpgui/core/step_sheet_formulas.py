"""The engine's activations and losses spelled as spreadsheet formulas.

Each spelling takes cell references (``"C7"``) and returns formula text
without the leading ``=``, using only functions that Excel, LibreOffice and
the `formulas` evaluator of the tests all know (EXP, LN, TANH, MAX, IF,
SQRT, SUMPRODUCT).  They compute what `activations.py` and `losses.py`
compute; the step-sheet tests check that to 1e-9.
"""
from __future__ import annotations

import math

from .activations import ACTIVATIONS

__all__ = ["SheetActivation", "SHEET_ACTIVATIONS", "sheet_activation", "LOSS_TERMS", "LOSS_GRADIENTS"]

# Literal numbers are written with repr: the shortest text that reads back as the same double.
_GELU_K = repr(math.sqrt(2.0 / math.pi))
_GELU_C = "0.044715"
_SLOPE = repr(ACTIVATIONS["leaky_relu"].slope)


class SheetActivation:
    """f(z) from a z cell, and delta = dL/da * f'(z) from the cells of one unit.

    ``forward`` and ``derivative`` are templates over ``{z}`` (the unit's
    pre-activation cell) and ``{a}`` (its activation cell).
    """

    def __init__(self, name: str, forward: str, derivative: str, formula: str) -> None:
        self.name, self._forward, self._derivative = name, forward, derivative
        self.formula = formula   # how the sheet's labels write a = f(z)

    # How the labels write the delta of layer {l} from dL/da.
    delta_text = "dL/da{l} * f'(z{l})"

    def forward(self, z: str, z_row: str) -> str:
        return self._forward.format(z=z)

    def delta(self, z: str, a: str, g: str, g_row: str, a_row: str) -> str:
        """dL/dz of one unit, given the cell ``g`` holding dL/da."""
        return f"{g}*({self._derivative.format(z=z, a=a)})"


class _SheetSoftmax(SheetActivation):
    """Softmax mixes a row's units: a_j = e^z_j / sum_k e^z_k, and its backward pass
    is the Jacobian-vector product a_j * (g_j - sum_k g_k a_k)."""

    delta_text = "a{l} * (dL/da{l} - sum over units of dL/da{l} a{l})"

    def forward(self, z: str, z_row: str) -> str:
        return f"EXP({z})/SUMPRODUCT(EXP({z_row}))"

    def delta(self, z: str, a: str, g: str, g_row: str, a_row: str) -> str:
        return f"{a}*({g}-SUMPRODUCT({g_row},{a_row}))"


_SIGMOID = "1/(1+EXP(-{z}))"
_GELU_T = f"TANH({_GELU_K}*({{z}}+{_GELU_C}*{{z}}^3))"

SHEET_ACTIVATIONS: dict[str, SheetActivation] = {act.name: act for act in (
    SheetActivation("sigmoid", _SIGMOID, "{a}*(1-{a})", "1 / (1 + e^-z)"),
    SheetActivation("tanh", "TANH({z})", "1-{a}^2", "tanh(z)"),
    SheetActivation("relu", "MAX(0,{z})", "IF({z}>0,1,0)", "max(0, z)"),
    SheetActivation("leaky_relu", f"IF({{z}}>0,{{z}},{_SLOPE}*{{z}})", f"IF({{z}}>0,1,{_SLOPE})",
                    f"z if z > 0, else {_SLOPE} z"),
    SheetActivation("elu", "IF({z}>0,{z},EXP({z})-1)", "IF({z}>0,1,{a}+1)", "z if z > 0, else e^z - 1"),
    SheetActivation("softplus", "LN(1+EXP({z}))", _SIGMOID, "ln(1 + e^z)"),
    SheetActivation("linear", "{z}", "1", "z"),
    _SheetSoftmax("softmax", "", "", "e^z_j / sum_k e^z_k"),
    SheetActivation("gelu", f"0.5*{{z}}*(1+{_GELU_T})",
                    f"0.5*(1+{_GELU_T})+0.5*{{z}}*(1-{_GELU_T}^2)*{_GELU_K}*(1+3*{_GELU_C}*{{z}}^2)",
                    "z/2 (1 + tanh(k (z + 0.044715 z^3)))"),
    SheetActivation("swish", "{z}/(1+EXP(-{z}))", f"{_SIGMOID}+{{a}}*(1-{_SIGMOID})", "z / (1 + e^-z)"),
)}


def sheet_activation(name: str) -> SheetActivation:
    try:
        return SHEET_ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"a step sheet has no spreadsheet formula for activation {name!r}; "
                         f"it writes {', '.join(SHEET_ACTIVATIONS)}") from None


# Per output unit and sample, over the cells {a} (y_hat) and {y}: the loss is their
# sum over the outputs, averaged over the samples (the convention of losses.py).
LOSS_TERMS: dict[str, tuple[str, str]] = {
    "mse": ("0.5*({a}-{y})^2", "1/2 (y_hat - y)^2"),
    "bce": ("-({y}*LN({a})+(1-{y})*LN(1-{a}))", "-(y ln y_hat + (1 - y) ln(1 - y_hat))"),
    "ce": ("-{y}*LN({a})", "-y ln y_hat"),
}

# dLoss_sample/dy_hat, for output layers whose activation is not the loss's canonical one.
LOSS_GRADIENTS: dict[str, tuple[str, str]] = {
    "mse": ("{a}-{y}", "y_hat - y"),
    "bce": ("({a}-{y})/({a}*(1-{a}))", "(y_hat - y) / (y_hat (1 - y_hat))"),
    "ce": ("-{y}/{a}", "-y / y_hat"),
}
