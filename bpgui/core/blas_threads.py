"""The GUI process's BLAS kept to one thread while the training child runs.

On two cores the child keeps one busy.  OpenBLAS splitting the window's matrix
products over both then waits for the half that shares the child's core: the
PCA of the hidden-space view (an eigh of 128 x 128) took 2 ms on one thread and
450 ms on two beside a training child under load (docs/benchmarks.md).  The
count is set through OpenBLAS's own call, as threadpoolctl does, and only while
training runs; without OpenBLAS (MKL, Accelerate) nothing changes.
"""
from __future__ import annotations

import ctypes
import functools
import re

__all__ = ["blas_threads", "hold_one_thread", "release_one_thread"]

_NAMES = [(f"{prefix}_set_num_threads{suffix}", f"{prefix}_get_num_threads{suffix}")
          for prefix in ("openblas", "scipy_openblas") for suffix in ("", "64_", "_64_")]
_held = {"count": 0, "before": None}


@functools.cache
def _openblas():
    """(set, get) of the OpenBLAS this process has loaded (NumPy's), or None."""
    import numpy  # noqa: F401  (loads its BLAS)

    try:
        with open("/proc/self/maps") as fh:
            paths = sorted(set(re.findall(r"(/\S*openblas\S*\.(?:so|dylib|dll)\S*)", fh.read())))
    except OSError:   # not Linux: the threads stay as they are
        return None
    for path in paths:
        try:
            lib = ctypes.CDLL(path)   # already loaded: the same library, not a second copy
        except OSError:
            continue
        for set_name, get_name in _NAMES:
            setter, getter = getattr(lib, set_name, None), getattr(lib, get_name, None)
            if setter is not None and getter is not None:
                setter.argtypes, setter.restype, getter.restype = [ctypes.c_int], None, ctypes.c_int
                return setter, getter
    return None


def blas_threads() -> int | None:
    """The threads OpenBLAS now uses (None: no OpenBLAS found)."""
    api = _openblas()
    return None if api is None else int(api[1]())


def hold_one_thread() -> None:
    """One BLAS thread from now until every holder has released it."""
    api = _openblas()
    if api is None:
        return
    if _held["count"] == 0:
        _held["before"] = int(api[1]())
        api[0](1)
    _held["count"] += 1


def release_one_thread() -> None:
    """The BLAS threads as they were, once the last holder has released them."""
    api = _openblas()
    if api is None or _held["count"] == 0:
        return
    _held["count"] -= 1
    if _held["count"] == 0:
        api[0](_held["before"])
