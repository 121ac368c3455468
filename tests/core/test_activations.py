import warnings

import numpy as np
import pytest

from bpgui.core.activations import ACTIVATIONS, get_activation

ELEMENTWISE = [name for name in ACTIVATIONS if name != "softmax"]

# Reference values at z = -2, -0.5, 0, 0.5, 2 from the textbook formulas
# (computed independently with math.* in the test, not with the engine).
Z = np.array([[-2.0, -0.5, 0.0, 0.5, 2.0]])


def reference(name, z):
    import math

    def gelu_tanh(x):
        return 0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))

    f = {
        "sigmoid": lambda x: 1 / (1 + math.exp(-x)),
        "tanh": math.tanh,
        "relu": lambda x: max(x, 0.0),
        "leaky_relu": lambda x: x if x > 0 else 0.01 * x,
        "elu": lambda x: x if x > 0 else math.exp(x) - 1,
        "softplus": lambda x: math.log1p(math.exp(x)),
        "linear": lambda x: x,
        "gelu": gelu_tanh,
        "swish": lambda x: x / (1 + math.exp(-x)),
    }[name]
    return np.array([[f(v) for v in z.ravel()]])


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_forward_matches_formula(name):
    np.testing.assert_allclose(ACTIVATIONS[name].forward(Z), reference(name, Z), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_central_difference(name):
    act = ACTIVATIONS[name]
    z = np.array([[-3.1, -1.2, -0.3, 0.4, 1.7, 2.9]])
    h = 1e-6
    numeric = (act.forward(z + h) - act.forward(z - h)) / (2 * h)
    np.testing.assert_allclose(act.derivative(z, act.forward(z)), numeric, rtol=1e-7, atol=1e-9)
    g = np.array([[0.3, -1.0, 2.0, 0.5, -0.7, 1.1]])
    np.testing.assert_allclose(act.backward(z, act.forward(z), g), g * numeric, rtol=1e-7, atol=1e-9)


def test_softmax_rows_sum_to_one_and_backward_is_jacobian_product():
    act = ACTIVATIONS["softmax"]
    z = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 5.0]])
    a = act.forward(z)
    np.testing.assert_allclose(a.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(a[0], np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum(), rtol=1e-14)
    g = np.array([[0.2, -0.4, 1.0], [1.0, 0.5, -2.0]])
    for row in range(2):
        s = a[row]
        jac = np.diag(s) - np.outer(s, s)
        np.testing.assert_allclose(act.backward(z, a, g)[row], g[row] @ jac, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_no_overflow_at_plus_minus_1000(name, dtype):
    act = ACTIVATIONS[name]
    z = np.array([[-1000.0, -100.0, 0.0, 100.0, 1000.0]], dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any RuntimeWarning (overflow, invalid) fails the test
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            a = act.forward(z)
            if name == "softmax":
                d = act.backward(z, a, np.ones_like(z))
            else:
                d = act.derivative(z, a)
    assert a.dtype == np.dtype(dtype)
    assert np.isfinite(a).all() and np.isfinite(d).all()


def test_saturated_values_are_exact():
    z = np.array([[-1000.0, 1000.0]])
    np.testing.assert_allclose(ACTIVATIONS["sigmoid"].forward(z), [[0.0, 1.0]], atol=1e-300)
    np.testing.assert_allclose(ACTIVATIONS["softplus"].forward(z), [[0.0, 1000.0]])
    np.testing.assert_allclose(ACTIVATIONS["softmax"].forward(np.array([[1000.0, 0.0]])), [[1.0, 0.0]])
    np.testing.assert_allclose(ACTIVATIONS["elu"].forward(z), [[-1.0, 1000.0]])


def test_unknown_activation_names_the_choices():
    with pytest.raises(ValueError, match="choose one of: sigmoid, tanh, relu"):
        get_activation("sigmod")
