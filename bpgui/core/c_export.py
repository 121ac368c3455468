"""Export a trained `Model` as C99 source for microcontrollers: ``DIR/<name>.h``, ``DIR/<name>.c``
and ``DIR/check.c``.

``<name>_predict(const float *in, float *out)`` computes what ``Model.predict``
does, in single precision: missing inputs (NaN) take the training means (when
the model keeps them), ``(in - shift) / scale``, the layers (weights as
``static const float`` arrays, so they stay in flash), then ``* scale + shift``
back to the targets' units.  No malloc: two stack buffers as wide as the widest
layer.  The header also defines ``predict(in, out)``, the short name, unless
``BPNET_NO_SHORT_NAME`` is defined (two networks in one program).

``check.c`` holds the reference inputs and bpgui's outputs for them as
constants and compares, allowing 1e-5 relative (single precision).
"""
from __future__ import annotations

import os
import re

import numpy as np

from .. import __version__
from .export_reference import RTOL_FLOAT32, read_reference, reference_inputs, write_reference
from .model import Model
from .modelfile import atomic_write

__all__ = ["export_c", "c_name", "C_ACTIVATIONS"]

# Each activation as a loop over the n values of z, in place; bpgui.core.activations in float.
_EACH = "    int i;\n    for (i = 0; i < n; ++i) {{\n        {body}\n    }}\n"
_SIGMOID = "float e = -z[i];\n        if (e > 80.0f) e = 80.0f;   /* exp stays finite, as in bpgui */\n" \
           "        z[i] = 1.0f / (1.0f + expf(e));"
C_ACTIVATIONS = {
    "sigmoid": _EACH.format(body=_SIGMOID),
    "tanh": _EACH.format(body="z[i] = tanhf(z[i]);"),
    "relu": _EACH.format(body="if (z[i] < 0.0f) z[i] = 0.0f;"),
    "leaky_relu": _EACH.format(body="if (z[i] < 0.0f) z[i] *= 0.01f;"),
    "elu": _EACH.format(body="if (z[i] <= 0.0f) z[i] = expm1f(z[i]);"),
    "softplus": _EACH.format(body="/* log(1 + e^z) without exp of a large number */\n"
                                  "        z[i] = (z[i] > 0.0f ? z[i] : 0.0f) + log1pf(expf(-fabsf(z[i])));"),
    "linear": None,
    "softmax": ("    int i;\n    float top = z[0], sum = 0.0f;\n"
                "    for (i = 1; i < n; ++i) if (z[i] > top) top = z[i];   /* stable: exp of z - max */\n"
                "    for (i = 0; i < n; ++i) { z[i] = expf(z[i] - top); sum += z[i]; }\n"
                "    for (i = 0; i < n; ++i) z[i] /= sum;\n"),
    "gelu": _EACH.format(body="/* tanh approximation, as bpgui */\n        float v = z[i];\n"
                              "        z[i] = 0.5f * v * (1.0f + tanhf(0.7978845608028654f * "
                              "(v + 0.044715f * v * v * v)));"),
    "swish": _EACH.format(body="float e = -z[i];\n        if (e > 80.0f) e = 80.0f;\n"
                               "        z[i] = z[i] / (1.0f + expf(e));"),
}


def c_name(source: str | os.PathLike | None) -> str:
    """A C identifier from a model file's name: ``my-net.bpnet`` -> ``my_net``; ``bpnet`` if none."""
    stem = os.path.splitext(os.path.basename(os.fspath(source)))[0] if source else ""
    name = re.sub(r"[^A-Za-z0-9_]", "_", stem).strip("_")
    if not name:
        return "bpnet"
    return f"net_{name}" if name[0].isdigit() else name


def _float(v: float) -> str:
    """A float literal that reads back as the same single-precision value."""
    text = np.format_float_scientific(np.float32(v), unique=True, trim="0")
    return text + "f"


def _floats(values, per_line: int = 6, indent: str = "    ") -> str:
    items = [_float(v) for v in np.ravel(values)]
    lines = [", ".join(items[k:k + per_line]) for k in range(0, len(items), per_line)]
    return "{\n" + ",\n".join(indent + line for line in lines) + "\n}"


def _comment(text: str) -> str:
    return text.replace("*/", "* /")


def _header(model: Model, name: str) -> str:
    net, guard = model.network, name.upper()
    classes = f"\n * Classes: {', '.join(model.class_names)}." if model.class_names else ""
    return f"""/* {name}.h: a bpgui network {'-'.join(map(str, net.sizes))} ({', '.join(net.activation_names)}).
 * Inputs (raw): {_comment(', '.join(model.feature_names))}.
 * Outputs (raw target units): {_comment(', '.join(model.target_names))}.{_comment(classes)}
 * See {name}.c for how to compile and check it. */
#ifndef {guard}_H
#define {guard}_H

#define {guard}_N_INPUTS {net.n_inputs}
#define {guard}_N_OUTPUTS {net.n_outputs}

#ifdef __cplusplus
extern "C" {{
#endif

/* out[{guard}_N_OUTPUTS] = the network's outputs for in[{guard}_N_INPUTS]; no allocation. */
void {name}_predict(const float *in, float *out);

#ifdef __cplusplus
}}
#endif

/* The short name, predict(in, out); define BPNET_NO_SHORT_NAME when two networks share a program. */
#ifndef BPNET_NO_SHORT_NAME
#define predict(in, out) {name}_predict((in), (out))
#endif

#endif
"""


def _layer_calls(model: Model) -> list[str]:
    """The body of predict: each layer reads one buffer and writes the other."""
    net = model.network
    lines, src, dst = [], "a", "z"
    for l, (fan_in, fan_out) in enumerate(zip(net.sizes[:-1], net.sizes[1:])):
        lines.append(f"    dense({src}, {fan_in}, W{l}, b{l}, {fan_out}, {dst});")
        act = net.activation_names[l]
        if C_ACTIVATIONS[act] is not None:
            lines.append(f"    act_{act}({dst}, {fan_out});")
        src, dst = dst, src
    return lines + [f"    for (i = 0; i < {net.n_outputs}; ++i) out[i] = {src}[i] * y_scale[i] + y_shift[i];"]


def _inputs(model: Model) -> list[str]:
    xn, n = model.x_normalizer, model.network.n_inputs
    if xn.fill is None:
        return [f"    for (i = 0; i < {n}; ++i) a[i] = (in[i] - x_shift[i]) / x_scale[i];"]
    return [f"    for (i = 0; i < {n}; ++i) {{",
            "        float v = isnan(in[i]) ? x_fill[i] : in[i];   /* a missing input: the training mean */",
            "        a[i] = (v - x_shift[i]) / x_scale[i];", "    }"]


def _source(model: Model, name: str) -> str:
    net = model.network
    consts = [f"static const float x_shift[{net.n_inputs}] = {_floats(model.x_normalizer.shift)};",
              f"static const float x_scale[{net.n_inputs}] = {_floats(model.x_normalizer.scale)};",
              f"static const float y_shift[{net.n_outputs}] = {_floats(model.y_normalizer.shift)};",
              f"static const float y_scale[{net.n_outputs}] = {_floats(model.y_normalizer.scale)};"]
    if model.x_normalizer.fill is not None:
        consts.append(f"static const float x_fill[{net.n_inputs}] = {_floats(model.x_normalizer.fill)};")
    for l, (W, b) in enumerate(zip(net.weights, net.biases)):
        consts.append(f"/* layer {l + 1}: W{l}[i * {W.shape[1]} + j] joins input i to unit j */")
        consts.append(f"static const float W{l}[{W.size}] = {_floats(W)};")
        consts.append(f"static const float b{l}[{b.size}] = {_floats(b)};")
    acts = [f"static void act_{a}(float *z, int n)\n{{\n{C_ACTIVATIONS[a]}}}"
            for a in C_ACTIVATIONS if a in net.activation_names and C_ACTIVATIONS[a] is not None]
    return "\n".join([
        f"/* {name}.c: a bpgui network {'-'.join(map(str, net.sizes))}, exported by bpgui {__version__}.",
        " *",
        f" * {name}_predict(in, out) computes what bpgui's Model.predict does, in single precision:",
        " * input normalisation, the layers, and the outputs back in the targets' units.",
        " * C99, no malloc, no globals that change; weights are static const (flash on a microcontroller).",
        " *",
        f" * Compile and check:  cc -std=c99 -O2 check.c {name}.c -lm && ./a.out",
        f" * Use:  #include \"{name}.h\"   float out[{name.upper()}_N_OUTPUTS];  {name}_predict(in, out);",
        " */",
        "#include <math.h>", "", f'#include "{name}.h"', "",
        f"#define MAX_WIDTH {max(net.sizes)}   /* the widest layer: the size of the two stack buffers */", "",
        *consts, "",
        "/* z[j] = sum_i x[i] W[i][j] + b[j], as bpgui: a @ W + b */",
        "static void dense(const float *x, int n_in, const float *W, const float *b, int n_out, float *z)",
        "{", "    int i, j;", "    for (j = 0; j < n_out; ++j) z[j] = 0.0f;",
        "    for (i = 0; i < n_in; ++i)", "        for (j = 0; j < n_out; ++j) z[j] += x[i] * W[i * n_out + j];",
        "    for (j = 0; j < n_out; ++j) z[j] += b[j];", "}", "",
        *[f + "\n" for f in acts],
        f"void {name}_predict(const float *in, float *out)", "{",
        "    float a[MAX_WIDTH], z[MAX_WIDTH];", "    int i;",
        *_inputs(model), *_layer_calls(model), "}", ""])


def _check_source(name: str, X: np.ndarray, Y: np.ndarray, rtol: float, atol: float) -> str:
    rows, n, m = X.shape[0], X.shape[1], Y.shape[1]
    inputs = ",\n".join("    " + _floats(row, per_line=len(row), indent="").replace("\n", "") for row in X)
    expected = ",\n".join("    {" + ", ".join(repr(float(v)) for v in row) + "}" for row in Y)
    return f"""/* check.c: {name}_predict on the reference inputs bpgui wrote, compared with bpgui's
 * outputs for them (numpy.isclose's rule: |got - expected| <= atol + rtol |expected|).
 *
 *   cc -std=c99 -O2 check.c {name}.c -lm && ./a.out      prints one line; exit status 0 when they agree
 */
#include <math.h>
#include <stdio.h>

#include "{name}.h"

#define ROWS {rows}

static const float inputs[ROWS][{n}] = {{
{inputs}
}};
static const double expected[ROWS][{m}] = {{
{expected}
}};
static const double rtol = {rtol!r}, atol = {atol!r};

int main(void)
{{
    int r, j, bad = 0, first_r = 0, first_j = 0;
    float out[{m}], first_got = 0.0f;
    for (r = 0; r < ROWS; ++r) {{
        {name}_predict(inputs[r], out);
        for (j = 0; j < {m}; ++j) {{
            if (!(fabs((double)out[j] - expected[r][j]) <= atol + rtol * fabs(expected[r][j]))) {{
                if (bad++ == 0) {{ first_r = r; first_j = j; first_got = out[j]; }}
            }}
        }}
    }}
    if (bad) {{
        printf("check failed: %d of %d outputs differ; the first at row %d, output %d: %.9g, expected %.17g "
               "(allowed %g)\\n", bad, ROWS * {m}, first_r + 1, first_j + 1, (double)first_got,
               expected[first_r][first_j], rtol);
        return 1;
    }}
    printf("check passed: %d rows agree within %g\\n", ROWS, rtol);
    return 0;
}}
"""


def export_c(model: Model, directory: str | os.PathLike, data: np.ndarray | None = None,
             source: str | os.PathLike | None = None) -> list[str]:
    """Write ``model`` as C99 into ``directory`` (made if missing), named after the model
    file ``source`` (`c_name`), and its reference as ``<directory>.reference.json``; the files written."""
    directory = os.fspath(directory)
    net, name = model.network, c_name(source)
    for act in net.activation_names:
        if act not in C_ACTIVATIONS:
            raise ValueError(f"activation {act!r} has no C export yet")
    arrays = [*net.weights, *net.biases, model.x_normalizer.shift, model.x_normalizer.scale,
              model.y_normalizer.shift, model.y_normalizer.scale]
    if not all(np.isfinite(np.asarray(a, dtype=np.float32)).all() for a in arrays):
        raise ValueError("the network has weights (or a normalisation) too large for C's float")
    os.makedirs(directory, exist_ok=True)
    X = reference_inputs(model, data)
    reference = write_reference(directory, model, X, RTOL_FLOAT32)
    ref = read_reference(reference)   # check.c holds the reference's outputs and tolerances, as written
    texts = {f"{name}.h": _header(model, name), f"{name}.c": _source(model, name),
             "check.c": _check_source(name, X, ref["outputs"], ref["rtol"], ref["atol"])}
    written = []
    for file, text in texts.items():
        path = os.path.join(directory, file)
        atomic_write(path, lambda fh, text=text: fh.write(text.encode("utf-8")))
        written.append(path)
    return [*written, reference]
