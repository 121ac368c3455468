"""The window's process asks NumPy's OpenBLAS for one thread (blas_threads.py)."""
from __future__ import annotations

import ctypes

import numpy as np
import pytest

from bpgui.ui import blas_threads


def _openblas() -> bool:
    config = np.show_config(mode="dicts")
    return "openblas" in str(config.get("Build Dependencies", {}).get("blas", {}).get("name", "")).lower()


@pytest.mark.skipif(not _openblas(), reason="NumPy is not built with OpenBLAS")
def test_one_thread_after_the_call(monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    lib = ctypes.CDLL(blas_threads._openblas_paths()[0])
    setter = next(getattr(lib, n) for n in blas_threads._SETTERS if hasattr(lib, n))
    getter = next(getattr(lib, n) for n in ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_",
                                             "openblas_get_num_threads") if hasattr(lib, n))
    setter(ctypes.c_int(2))   # as NumPy starts on two cores (whatever an earlier test set)
    assert getter() == 2
    assert blas_threads.use_one_blas_thread()
    assert getter() == 1


def test_a_users_choice_is_left_alone(monkeypatch):
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    assert not blas_threads.use_one_blas_thread()
