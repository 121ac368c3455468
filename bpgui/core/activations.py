"""Activation functions: forward value and backward pass, side by side.

Each activation maps a pre-activation ``z`` to ``a = f(z)`` and, given the
gradient of the loss with respect to ``a``, returns the gradient with respect
to ``z``.  Element-wise activations do that with ``f'(z)``; softmax mixes the
units of a row and uses its Jacobian-vector product instead.

Every formula is written to stay finite for |z| up to 1e3 and beyond: no
``exp`` of a large positive number is ever taken.
"""
from __future__ import annotations

import math

import numpy as np

from .registry import lookup

__all__ = ["Activation", "ACTIVATIONS", "get_activation", "sigmoid", "log_softmax"]


# Largest x whose exp(x) is finite, per dtype, with a margin.
_EXP_CAP = {np.dtype(np.float32): 80.0, np.dtype(np.float64): 700.0}


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function 1 / (1 + e^-z) without overflow.

    e^-z is capped below the dtype's overflow point; past the cap the true
    value (< 1e-34 in float32, < 1e-304 in float64) is below anything the
    network can resolve, so the result is unchanged in practice and no
    warning is raised.
    """
    e = np.minimum(-z, _EXP_CAP.get(z.dtype, 700.0))
    np.exp(e, out=e)
    e += 1.0
    return np.reciprocal(e, out=e)


def log_softmax(z: np.ndarray) -> np.ndarray:
    """log(softmax(z)) per row, by max-subtraction."""
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


class Activation:
    """Base class.  ``backward(z, a, grad_a)`` returns dL/dz."""

    name: str = ""

    def forward(self, z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def forward_into(self, z: np.ndarray, out: np.ndarray) -> np.ndarray:
        """f(z) written into ``out`` (a view into the next layer's input buffer); returns ``out``."""
        out[...] = self.forward(z)
        return out

    def derivative(self, z: np.ndarray, a: np.ndarray) -> np.ndarray:
        """da/dz element-wise (both z and the cached a are given: use the cheaper one)."""
        raise NotImplementedError

    def backward(self, z: np.ndarray, a: np.ndarray, grad_a: np.ndarray) -> np.ndarray:
        return grad_a * self.derivative(z, a)

    def __repr__(self) -> str:
        return f"<activation {self.name}>"


class Sigmoid(Activation):
    name = "sigmoid"

    def forward(self, z):
        return sigmoid(z)

    def derivative(self, z, a):
        return a * (1.0 - a)


class Tanh(Activation):
    name = "tanh"

    def forward(self, z):
        return np.tanh(z)

    def forward_into(self, z, out):
        return np.tanh(z, out=out)

    def derivative(self, z, a):
        return 1.0 - a * a


class ReLU(Activation):
    name = "relu"

    def forward(self, z):
        return np.maximum(z, 0.0)

    def forward_into(self, z, out):
        return np.maximum(z, 0.0, out=out)

    def derivative(self, z, a):
        return (a > 0).astype(z.dtype)

    def backward(self, z, a, grad_a):
        # Multiplying by the boolean mask is several times faster than np.where.
        return grad_a * (a > 0)


class LeakyReLU(Activation):
    """max(z, slope*z) with torch's default slope 0.01."""

    name = "leaky_relu"
    slope = 0.01

    def forward(self, z):
        return np.where(z > 0, z, self.slope * z)

    def derivative(self, z, a):
        return np.where(z > 0, 1.0, self.slope).astype(z.dtype, copy=False)


class ELU(Activation):
    """z for z > 0, exp(z) - 1 otherwise (alpha = 1, as torch's default)."""

    name = "elu"

    def forward(self, z):
        return np.where(z > 0, z, np.expm1(np.minimum(z, 0.0)))

    def derivative(self, z, a):
        # For z <= 0, d/dz (e^z - 1) = e^z = a + 1.
        return np.where(z > 0, 1.0, a + 1.0).astype(z.dtype, copy=False)


class Softplus(Activation):
    """ln(1 + e^z), computed as logaddexp(0, z)."""

    name = "softplus"

    def forward(self, z):
        return np.logaddexp(0.0, z).astype(z.dtype, copy=False)

    def derivative(self, z, a):
        return sigmoid(z)


class Linear(Activation):
    name = "linear"

    def forward(self, z):
        return z

    def derivative(self, z, a):
        return np.ones_like(z)

    def backward(self, z, a, grad_a):
        return grad_a


class Softmax(Activation):
    """Row-wise softmax.  Backward is the Jacobian-vector product a * (g - <g, a>)."""

    name = "softmax"

    def forward(self, z):
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def derivative(self, z, a):
        raise TypeError("softmax is not element-wise; use backward()")

    def backward(self, z, a, grad_a):
        return a * (grad_a - (grad_a * a).sum(axis=1, keepdims=True))


_GELU_K = math.sqrt(2.0 / math.pi)
_GELU_C = 0.044715


class GELU(Activation):
    """GELU, tanh approximation (torch.nn.GELU(approximate='tanh')).

    NumPy has no erf; the tanh form is within 1e-3 of the exact one and is
    what ONNX's Gelu(approximate='tanh') computes, so export stays exact.
    """

    name = "gelu"

    def forward(self, z):
        t = np.tanh(_GELU_K * (z + _GELU_C * z * z * z))
        return 0.5 * z * (1.0 + t)

    def derivative(self, z, a):
        z2 = z * z
        t = np.tanh(_GELU_K * (z + _GELU_C * z2 * z))
        return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * _GELU_K * (1.0 + 3.0 * _GELU_C * z2)


class Swish(Activation):
    """z * sigmoid(z) (also called SiLU)."""

    name = "swish"

    def forward(self, z):
        return z * sigmoid(z)

    def derivative(self, z, a):
        s = sigmoid(z)
        return s + a * (1.0 - s)


ACTIVATIONS: dict[str, Activation] = {
    act.name: act
    for act in (Sigmoid(), Tanh(), ReLU(), LeakyReLU(), ELU(), Softplus(), Linear(),
                Softmax(), GELU(), Swish())
}


def get_activation(name: str) -> Activation:
    return lookup(ACTIVATIONS, name, "activation")
