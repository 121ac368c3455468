"""Export a trained `Model` to ONNX, computing exactly what ``model.predict`` does.

The graph takes the *raw* features (input ``features``, shape [N, n_features]),
applies the stored input normalisation, runs the layers, and undoes the
target normalisation, so output ``outputs`` ([N, n_outputs]) is on the raw
target scale.  float32 networks give a float32 graph, float64 networks a
double graph (every op used below runs in double in onnxruntime's CPU
provider; ``Elu``, ``Softplus`` and a double ``LeakyRelu`` do not, or not
exactly, so those activations are written with primitive ops).

``onnx`` is an optional extra (``pip install 'bpgui[onnx]'``) and is imported
only when `export_onnx` runs.
"""
from __future__ import annotations

import json
import math
import os
from typing import Any, Callable

import numpy as np

from .. import __version__
from .model import Model
from .modelfile import atomic_write

__all__ = ["export_onnx", "DEFAULT_OPSET", "MIN_OPSET", "ONNX_ACTIVATIONS"]

DEFAULT_OPSET = 17   # supported by every onnxruntime since 1.13
MIN_OPSET = 13       # Softmax over one axis (earlier opsets flatten the trailing axes)
_MAX_PROTO_BYTES = 2**31 - 1  # protobuf's limit for one message
_MISSING_ONNX = "ONNX export needs the onnx package: pip install 'bpgui[onnx]'"


class _Graph:
    """Collects nodes and initializers; every tensor gets a fresh name."""

    def __init__(self, helper, numpy_helper, dtype: np.dtype) -> None:
        self.helper = helper
        self.numpy_helper = numpy_helper
        self.dtype = dtype
        self.nodes: list = []
        self.initializers: list = []
        self._count = 0

    def _name(self, stem: str) -> str:
        self._count += 1
        return f"{stem}_{self._count}"

    def tensor(self, stem: str, value) -> str:
        name = self._name(stem)
        arr = np.ascontiguousarray(np.asarray(value, dtype=self.dtype))
        self.initializers.append(self.numpy_helper.from_array(arr, name))
        return name

    def const(self, value: float) -> str:
        return self.tensor("c", value)

    def op(self, op_type: str, *inputs: str, **attrs: Any) -> str:
        out = self._name(op_type.lower())
        self.nodes.append(self.helper.make_node(op_type, list(inputs), [out], name=out, **attrs))
        return out


# Each activation in the tanh/sigmoid vocabulary ONNX runtimes share; the
# comments give the NumPy formula in bpgui.core.activations it mirrors.
def _leaky_relu(g: _Graph, x: str) -> str:
    # where(z > 0, z, 0.01 z) == max(z, 0.01 z)
    return g.op("Max", x, g.op("Mul", x, g.const(0.01)))


def _elu(g: _Graph, x: str) -> str:
    # where(z > 0, z, expm1(min(z, 0))) == relu(z) + (exp(min(z, 0)) - 1)
    neg = g.op("Sub", g.op("Exp", g.op("Min", x, g.const(0.0))), g.const(1.0))
    return g.op("Add", g.op("Relu", x), neg)


def _softplus(g: _Graph, x: str) -> str:
    # logaddexp(0, z) == max(z, 0) + log(1 + exp(-|z|)): never exp of a large number
    tail = g.op("Log", g.op("Add", g.const(1.0), g.op("Exp", g.op("Neg", g.op("Abs", x)))))
    return g.op("Add", g.op("Relu", x), tail)


def _gelu(g: _Graph, x: str) -> str:
    # 0.5 z (1 + tanh(k (z + c z^3))), operations in the NumPy order
    cube = g.op("Mul", g.op("Mul", g.op("Mul", g.const(0.044715), x), x), x)
    t = g.op("Tanh", g.op("Mul", g.const(math.sqrt(2.0 / math.pi)), g.op("Add", x, cube)))
    return g.op("Mul", g.op("Mul", g.const(0.5), x), g.op("Add", g.const(1.0), t))


ONNX_ACTIVATIONS: dict[str, Callable[[_Graph, str], str]] = {
    "sigmoid": lambda g, x: g.op("Sigmoid", x),
    "tanh": lambda g, x: g.op("Tanh", x),
    "relu": lambda g, x: g.op("Relu", x),
    "leaky_relu": _leaky_relu,
    "elu": _elu,
    "softplus": _softplus,
    "linear": lambda g, x: x,
    "softmax": lambda g, x: g.op("Softmax", x, axis=-1),
    "gelu": _gelu,
    "swish": lambda g, x: g.op("Mul", x, g.op("Sigmoid", x)),
}


def _is_identity(norm) -> bool:
    return not np.any(norm.shift) and bool(np.all(norm.scale == 1.0))


def _metadata(model: Model) -> dict[str, str]:
    net = model.network
    return {
        "bpgui_version": __version__,
        "task": model.task,
        "feature_names": json.dumps(list(model.feature_names), ensure_ascii=False),
        "target_names": json.dumps(list(model.target_names), ensure_ascii=False),
        "class_names": json.dumps(model.class_names, ensure_ascii=False),
        "architecture": "-".join(map(str, net.sizes)),
        "activations": ",".join(net.activation_names),
        "loss": net.loss_name,
        "dtype": net.dtype.name,
        "x_normalization": model.x_normalizer.method,
        "y_normalization": model.y_normalizer.method,
    }


def _doc_string(model: Model) -> str:
    net = model.network
    lines = [
        f"bpgui network {'-'.join(map(str, net.sizes))} ({', '.join(net.activation_names)}), "
        f"loss {net.loss_name}, {net.dtype.name}, task {model.task}.",
        f"Input 'features' [N, {net.n_inputs}]: raw (unnormalised) columns "
        f"{', '.join(model.feature_names)}.",
        f"Output 'outputs' [N, {net.n_outputs}] on the raw target scale: "
        f"{', '.join(model.target_names)}.",
    ]
    if model.class_names:
        meaning = (f"probability of class {model.class_names[1]!r}" if net.n_outputs == 1
                   else "one probability per class")
        lines.append(f"Classes: {', '.join(model.class_names)} ({meaning}).")
    return "\n".join(lines)


def _build(model: Model, opset: int, onnx) -> Any:
    helper, numpy_helper, TensorProto = onnx.helper, onnx.numpy_helper, onnx.TensorProto
    net = model.network
    dtype = np.dtype(net.dtype)
    elem = TensorProto.DOUBLE if dtype == np.float64 else TensorProto.FLOAT
    g = _Graph(helper, numpy_helper, dtype)
    for act in net.activation_names:
        if act not in ONNX_ACTIVATIONS:
            raise ValueError(f"activation {act!r} has no ONNX form yet")

    x = "features"
    xn = model.x_normalizer
    if xn.fill is not None:   # missing inputs (NaN) take the training means, as Normalizer.transform
        x = g.op("Where", g.op("IsNaN", x), g.tensor("x_fill", xn.fill), x)
    if not _is_identity(xn):  # (X - shift) / scale, as Normalizer.transform
        x = g.op("Div", g.op("Sub", x, g.tensor("x_shift", xn.shift)), g.tensor("x_scale", xn.scale))
    for l, (W, b, act) in enumerate(zip(net.weights, net.biases, net.activation_names)):
        z = g.op("Add", g.op("MatMul", x, g.tensor(f"W{l}", W)), g.tensor(f"b{l}", b))
        x = ONNX_ACTIVATIONS[act](g, z)
    yn = model.y_normalizer
    if not _is_identity(yn):  # Y * scale + shift, as Normalizer.inverse_transform
        x = g.op("Add", g.op("Mul", x, g.tensor("y_scale", yn.scale)), g.tensor("y_shift", yn.shift))
    # Every step above ends with the node that makes the current tensor: rename its output.
    assert g.nodes[-1].output[0] == x
    g.nodes[-1].output[0] = "outputs"

    graph = helper.make_graph(
        g.nodes, "bpgui_network",
        inputs=[helper.make_tensor_value_info("features", elem, ["N", net.n_inputs])],
        outputs=[helper.make_tensor_value_info("outputs", elem, ["N", net.n_outputs])],
        initializer=g.initializers,
        doc_string=_doc_string(model),
    )
    opsets = [helper.make_opsetid("", opset)]
    proto = helper.make_model(graph, opset_imports=opsets, producer_name="bpgui",
                              producer_version=__version__, doc_string=_doc_string(model))
    # The oldest IR version that carries this opset: readable by older runtimes.
    proto.ir_version = helper.find_min_ir_version_for(opsets)
    helper.set_model_props(proto, _metadata(model))
    return proto


def export_onnx(model: Model, path: str | os.PathLike, opset: int | None = None) -> None:
    """Write ``model`` as an ONNX file at ``path`` (atomically).

    The graph maps raw features to raw-scale outputs like ``model.predict``;
    its float type is the network's dtype.  ``opset`` defaults to
    `DEFAULT_OPSET` and must lie between `MIN_OPSET` and what the installed
    ``onnx`` knows.
    """
    try:
        import onnx
        import onnx.checker
        import onnx.helper
        import onnx.numpy_helper
    except ImportError as exc:
        raise ImportError(_MISSING_ONNX) from exc

    if opset is None:
        opset = DEFAULT_OPSET
    newest = onnx.defs.onnx_opset_version()
    if isinstance(opset, bool) or not isinstance(opset, int) or not MIN_OPSET <= opset <= newest:
        raise ValueError(f"opset must be an integer from {MIN_OPSET} to {newest}, got {opset!r}")
    proto = _build(model, opset, onnx)
    if proto.ByteSize() > _MAX_PROTO_BYTES:
        raise ValueError(f"the network is too large for one ONNX file ({proto.ByteSize():,} bytes; "
                         f"the limit is 2 GiB)")
    onnx.checker.check_model(proto, full_check=True)
    data = proto.SerializeToString()
    atomic_write(path, lambda fh: fh.write(data))
