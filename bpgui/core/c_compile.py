"""Compile a C export's ``check.c`` with the machine's C compiler and run it: the C self-check."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile

from .export_reference import check_failed
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["c_compiler", "compile_and_check", "C_FLAGS"]

C_FLAGS = ["-std=c99", "-O2", "-Wall", "-Wextra", "-pedantic"]
_COMPILERS = ("cc", "gcc", "clang")


def c_compiler() -> str | None:
    """The first C compiler on PATH (``$CC`` first), or None."""
    for name in (os.environ.get("CC"), *_COMPILERS):
        found = shutil.which(name) if name else None
        if found:
            return found
    return None


def compile_and_check(directory: str | os.PathLike, timeout: float = 120.0) -> tuple[bool | None, str]:
    """(passed, one line): compile ``check.c`` with the other .c files of ``directory`` and run it.
    ``passed`` is None when no compiler was found (nothing was proved either way)."""
    directory = os.fspath(directory)
    cc = c_compiler()
    if cc is None:
        return None, Text("c_compile", QT_TRANSLATE_NOOP("c_compile", "not compiled: no C compiler found (install cc, gcc or clang)"))
    sources = sorted(glob.glob(os.path.join(directory, "*.c")))
    with tempfile.TemporaryDirectory(prefix="bpgui-c-") as build:
        program = os.path.join(build, "check")
        done = subprocess.run([cc, *C_FLAGS, "-o", program, *sources, "-lm"], capture_output=True,
                              text=True, timeout=timeout)
        if done.returncode != 0:
            first = next((line for line in done.stderr.splitlines() if "error" in line),
                         done.stderr.strip().splitlines()[0] if done.stderr.strip() else "no message")
            return False, check_failed(Text("c_compile", QT_TRANSLATE_NOOP("c_compile", "{compiler} could not compile it: {error}"),
                                            compiler=os.path.basename(cc), error=first))
        ran = subprocess.run([program], capture_output=True, text=True, timeout=timeout)
    line = ran.stdout.strip().splitlines()[-1] if ran.stdout.strip() else f"check.c gave no output (exit {ran.returncode})"
    return ran.returncode == 0, line
