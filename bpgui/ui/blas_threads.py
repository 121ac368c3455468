"""One BLAS thread in the window's process.

The training child runs on one BLAS thread (runner/parent.py) and leaves the
other core to the window.  With OpenBLAS's default of a thread per core, the
window's small products (the views, a past epoch's gradients) waited for a
second thread that had no core to run on: on a loaded 2-core box a 2,500 x 128
by 128 x 64 product took 17-25 ms instead of 1 ms (docs/benchmarks.md,
"Scrubbing the timeline").  A user's OPENBLAS_NUM_THREADS is left as it is.
"""
from __future__ import annotations

import ctypes
import glob
import os

import numpy as np

__all__ = ["use_one_blas_thread"]

_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
            "openblas_set_num_threads64_", "openblas_set_num_threads")


def use_one_blas_thread() -> bool:
    """Ask NumPy's OpenBLAS for one thread; False when it is not found (another BLAS)
    or the user chose a number of threads."""
    if "OPENBLAS_NUM_THREADS" in os.environ:
        return False
    for path in _openblas_paths():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _SETTERS:
            setter = getattr(lib, name, None)
            if setter is not None:
                setter(ctypes.c_int(1))
                return True
    return False


def _openblas_paths() -> list[str]:
    """The OpenBLAS libraries loaded in this process (Linux), else those NumPy ships."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            loaded = {line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line}
        if loaded:
            return sorted(loaded)
    except OSError:
        pass
    libs = os.path.join(os.path.dirname(os.path.dirname(np.__file__)), "numpy.libs")
    return sorted(glob.glob(os.path.join(libs, "*openblas*")))
