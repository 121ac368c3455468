"""Every export format in one table, used by ``bpgui export`` and the window's File > Export.

An entry says what the format writes (a file or a directory), its usual
extension, how to write it (``write(model, out, data, source)``: the files
written, the reference among them) and how to run its self-check
(``check(out)``: passed (None when it could not run) and one line).  `export`
checks the destination first, so bad input is one line naming the path.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .c_compile import compile_and_check
from .c_export import export_c
from .export_reference import (RTOL_FLOAT32, RTOL_FLOAT64, check_failed, check_passed,
                               mismatch, read_reference, reference_inputs, reference_path, write_reference)
from .json_export import check_json, export_json
from .model import Model
from .numpy_export import export_numpy
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["EXPORTS", "ExportFormat", "ExportResult", "ExportError", "export", "check_destination"]

Check = tuple[bool | None, str]


class ExportError(ValueError):
    """A destination the export cannot write (one line naming the path)."""


@dataclass(frozen=True)
class ExportFormat:
    key: str            # the command line's --KEY
    label: str          # the menu entry
    kind: str           # "file" or "dir"
    suffix: str         # the usual extension of a file ('' for a directory)
    description: str
    write: Callable[[Model, str, "np.ndarray | None", "str | None"], list[str]]
    check: Callable[[str], Check]


@dataclass(frozen=True)
class ExportResult:
    files: list[str]
    passed: bool | None   # None: the self-check could not run (no compiler, no runtime)
    check: str            # its one line


def _rtol(model: Model) -> float:
    return RTOL_FLOAT64 if model.network.dtype == np.float64 else RTOL_FLOAT32


def _write_onnx(model: Model, out: str, data, source) -> list[str]:
    from .onnx_export import export_onnx   # imports onnx only when asked
    export_onnx(model, out)
    return [out, write_reference(out, model, reference_inputs(model, data), _rtol(model))]


def _check_onnx(out: str) -> Check:
    try:
        import onnxruntime as ort
    except ImportError:
        return None, _not_installed("onnxruntime")
    ref = read_reference(reference_path(out))
    session = ort.InferenceSession(out, providers=["CPUExecutionProvider"])
    inp = session.get_inputs()[0]
    dtype = np.float64 if inp.type == "tensor(double)" else np.float32
    got = session.run(None, {inp.name: ref["inputs"].astype(dtype)})[0]
    return _verdict(ref, got)


def _verdict(ref: dict, got: np.ndarray) -> Check:
    problem = mismatch(ref["outputs"], got, ref["rtol"], ref["atol"])
    if problem:
        return False, check_failed(problem)
    return True, check_passed(len(ref['outputs']), ref['rtol'])


def _write_torch(model: Model, out: str, data, source) -> list[str]:
    from .torch_export import export_torch   # the module's text: loaded when first asked for
    return export_torch(model, out, data)


def _not_installed(package: str) -> str:
    return Text("exports", QT_TRANSLATE_NOOP("exports", "not checked: {package} is not installed"), package=package)


def _run_module_check(out: str, needs: str | None = None) -> Check:
    """Run ``python OUT --check`` as a user would, in a fresh interpreter."""
    if needs and importlib.util.find_spec(needs) is None:
        return None, _not_installed(needs)
    try:
        done = subprocess.run([sys.executable, out, "--check"], capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return False, check_failed(Text("exports", QT_TRANSLATE_NOOP("exports", "python {file} --check took over 5 minutes"),
                                        file=os.path.basename(out)))
    said, complaint = done.stdout.strip().splitlines(), done.stderr.strip().splitlines()
    if done.returncode == 0 and said:
        return True, said[-1]
    if said and said[-1].startswith("check failed"):
        return False, said[-1]
    return False, f"check failed: {(complaint or said or ['no output'])[-1]}"


EXPORTS: dict[str, ExportFormat] = {f.key: f for f in (
    ExportFormat("onnx", "ONNX", "file", ".onnx", "ONNX graph for onnxruntime and other runtimes",
                 _write_onnx, _check_onnx),
    ExportFormat("torch", "PyTorch module", "file", ".py",
                 "a PyTorch module with the weights beside it, ready to go on training", _write_torch,
                 lambda out: _run_module_check(out, needs="torch")),
    ExportFormat("numpy", "NumPy module", "file", ".py", "a standalone Python module needing only NumPy",
                 lambda model, out, data, source: export_numpy(model, out, data), _run_module_check),
    ExportFormat("c", "C source", "dir", "", "C99 header and source for microcontrollers, and check.c",
                 lambda model, out, data, source: export_c(model, out, data, source), compile_and_check),
    ExportFormat("json", "JSON", "file", ".json", "architecture, normalisation and weights as JSON",
                 lambda model, out, data, source: export_json(model, out, data), check_json),
)}


def _folder_problem(folder: str) -> str | None:
    if not os.path.exists(folder):
        return Text("exports", QT_TRANSLATE_NOOP("exports", "the folder {folder} does not exist"), folder=folder)
    if not os.path.isdir(folder):
        return Text("exports", QT_TRANSLATE_NOOP("exports", "{folder} is a file, not a folder"), folder=folder)
    if not os.access(folder, os.W_OK):
        return Text("exports", QT_TRANSLATE_NOOP("exports", "permission denied: cannot write in {folder}"),
                    folder=folder)
    return None


def check_destination(fmt: ExportFormat, out: str) -> None:
    """Raise `ExportError` when ``out`` cannot take ``fmt``'s export."""
    out = os.fspath(out)
    if fmt.kind == "file" and os.path.isdir(out):
        raise ExportError(Text("exports", QT_TRANSLATE_NOOP(
            "exports", "{out} is a directory; the {format} export writes a file (e.g. net{suffix})"),
            out=out, format=fmt.label, suffix=fmt.suffix))
    if fmt.kind == "dir" and os.path.exists(out) and not os.path.isdir(out):
        raise ExportError(Text("exports", QT_TRANSLATE_NOOP("exports", "{out} is a file; the {format} export writes a directory"),
                               out=out, format=fmt.label))
    folder = os.path.dirname(os.path.abspath(out.rstrip("/\\") or out))
    problem = _folder_problem(folder)
    if problem:
        raise ExportError(Text("exports", QT_TRANSLATE_NOOP("exports", "{out}: {problem}"), out=out, problem=problem))


def export(key: str, model: Model, out: str | os.PathLike, data: np.ndarray | None = None,
           source: str | os.PathLike | None = None) -> ExportResult:
    """Write ``model`` in format ``key`` at ``out`` (``source``: the model file, naming C code),
    then run the export's self-check."""
    fmt = EXPORTS[key]
    out = os.fspath(out)
    check_destination(fmt, out)
    try:
        files = fmt.write(model, out, data, None if source is None else os.fspath(source))
    except OSError as exc:   # permission, a full disk...: name the file the user asked for
        raise ExportError(f"{exc.filename or out}: {exc.strerror or exc}") from None
    passed, line = fmt.check(out)
    return ExportResult(files, passed, line)
