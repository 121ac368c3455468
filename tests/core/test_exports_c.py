"""The C export: C99 that compiles without warnings, predicts what bpgui predicts, and checks itself."""
from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from bpgui.core.c_compile import C_FLAGS, c_compiler, compile_and_check
from bpgui.core.c_export import c_name, export_c
from bpgui.core.export_reference import read_reference
from bpgui.core.exports import export

from export_models import DTYPES, KINDS, data_of, make_model

needs_cc = pytest.mark.skipif(c_compiler() is None, reason="no C compiler on this machine (CI installs gcc)")

# A program using the short name predict(in, out): one row of inputs per line in, outputs out.
_CALLER = """#include <math.h>
#include <stdio.h>
#include "{name}.h"
int main(void)
{{
    float in[{upper}_N_INPUTS], out[{upper}_N_OUTPUTS];
    int i;
    for (;;) {{
        for (i = 0; i < {upper}_N_INPUTS; ++i) {{
            char word[64];
            if (scanf("%63s", word) != 1) return 0;
            in[i] = (word[0] == 'n') ? NAN : (float)atof(word);
        }}
        predict(in, out);
        for (i = 0; i < {upper}_N_OUTPUTS; ++i) printf("%.9g ", (double)out[i]);
        printf("\\n");
    }}
}}
"""


def _run_caller(directory, name: str, X: np.ndarray) -> np.ndarray:
    (directory / "caller.c").write_text("#include <stdlib.h>\n" + _CALLER.format(name=name, upper=name.upper()))
    program = directory / "caller"
    built = subprocess.run([c_compiler(), *C_FLAGS, "-Werror", "-o", str(program), str(directory / "caller.c"),
                            str(directory / f"{name}.c"), "-lm"], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    rows = "\n".join(" ".join("nan" if np.isnan(v) else repr(float(v)) for v in row) for row in X)
    done = subprocess.run([str(program)], input=rows, capture_output=True, text=True)
    return np.array([[float(v) for v in line.split()] for line in done.stdout.splitlines()])


@needs_cc
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("kind", KINDS)
def test_the_c_code_predicts_what_bpgui_predicts(tmp_path, kind, dtype):
    model = make_model(kind, dtype)
    out = tmp_path / "firmware"
    files = export_c(model, out, source=f"/models/{kind}-net.bpnet")
    name = f"{kind}_net"
    assert files == [str(out / f"{name}.h"), str(out / f"{name}.c"), str(out / "check.c"),
                     str(tmp_path / "firmware.reference.json")]
    source = (out / f"{name}.c").read_text()
    assert "malloc(" not in source and "stdlib" not in source and "static const float W0[" in source
    assert f"cc -std=c99 -O2 check.c {name}.c -lm" in source          # how to compile, at the top
    built = subprocess.run([c_compiler(), *C_FLAGS, "-Werror", "-fsyntax-only", str(out / f"{name}.c"),
                            str(out / "check.c")], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr                         # C99, no warnings
    assert compile_and_check(out) == (True, "check passed: 16 rows agree within 1e-05")
    X = data_of(kind)
    np.testing.assert_allclose(_run_caller(out, name, X), model.predict(X), rtol=1e-5, atol=1e-6)


@needs_cc
@pytest.mark.skipif(shutil.which("nm") is None, reason="no nm to list the object's symbols")
def test_the_object_calls_nothing_but_math_functions(tmp_path):
    """No malloc, no stdio: what a microcontroller's libm gives is enough."""
    export_c(make_model("regression", "float32", fill=True), tmp_path, source="all.bpnet")
    export_c(make_model("multiclass", "float32"), tmp_path, source="more.bpnet")
    for name in ("all", "more"):
        obj = tmp_path / f"{name}.o"
        subprocess.run([c_compiler(), *C_FLAGS, "-c", "-o", str(obj), str(tmp_path / f"{name}.c")], check=True)
        listed = subprocess.run(["nm", "-u", str(obj)], capture_output=True, text=True, check=True).stdout
        called = {line.split()[-1] for line in listed.splitlines() if line.strip()}
        assert called <= {"expf", "tanhf", "expm1f", "log1pf", "fabsf"}, called


@needs_cc
def test_missing_inputs_take_the_training_means(tmp_path):
    model = make_model("regression", "float64", fill=True)
    export_c(model, tmp_path / "c", source="gaps.bpnet")
    X = data_of("regression")[:4].copy()
    X[0, 1] = X[2, 2] = np.nan
    np.testing.assert_allclose(_run_caller(tmp_path / "c", "gaps", X), model.predict(X), rtol=1e-5)


@needs_cc
def test_the_check_fails_when_a_weight_or_an_output_is_altered(tmp_path):
    out = tmp_path / "c"
    export_c(make_model("multiclass", "float32"), out, source="m.bpnet")
    source = (out / "m.c").read_text()
    first = source.split("static const float W0[")[1].split("{\n    ")[1].split(",")[0]
    (out / "m.c").write_text(source.replace(first, f"({first} + 0.01f)", 1))
    passed, line = compile_and_check(out)
    assert passed is False and line.startswith("check failed: ") and "outputs differ" in line
    export_c(make_model("multiclass", "float32"), out, source="m.bpnet")
    check = (out / "check.c").read_text()
    value = repr(float(read_reference(str(out) + ".reference.json")["outputs"][5, 2]))
    (out / "check.c").write_text(check.replace(value, repr(float(value) * (1 + 1e-4)), 1))
    assert compile_and_check(out)[1].startswith("check failed: 1 of 48 outputs differ; the first at row 6, output 3")


def test_without_a_compiler_the_check_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CC", raising=False)
    export_c(make_model("binary"), tmp_path / "c")
    assert compile_and_check(tmp_path / "c") == (None, "not compiled: no C compiler found (install cc, gcc or clang)")


@pytest.mark.parametrize("source,name", [("/a/my-net.bpnet", "my_net"), ("2x.bpnet", "net_2x"), (None, "bpnet"),
                                         ("---.bpnet", "bpnet"), ("Iris data.bpnet", "Iris_data")])
def test_the_c_names_come_from_the_model_file(source, name):
    assert c_name(source) == name


def test_the_check_allows_what_the_reference_allows_for_an_output_near_zero(tmp_path):
    """A float32 regression on a scale of 100 with one output at about 0: single precision misses
    it by ~1e-4, within the reference's tolerance (rtol at the outputs' scale), so the check passes."""
    model = make_model("regression", "float32")
    X = np.random.default_rng(1).normal(size=(16, model.network.n_inputs))
    out = model.network.predict(model.encode_inputs(X)).astype(np.float64)
    y = model.y_normalizer
    y.scale = y.scale * 100
    y.shift = -y.scale * out[0]            # row 1's output is 0 (up to rounding), the others about 100
    result = export("c", model, tmp_path / "c", X)
    assert result.passed is True, result.check
