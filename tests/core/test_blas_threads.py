"""The GUI process keeps its BLAS to one thread while a holder needs it, then gets its threads back."""
from __future__ import annotations

import pytest

from bpgui.core import blas_threads as bt


@pytest.fixture
def openblas():
    if bt._openblas() is None:
        pytest.skip("no OpenBLAS loaded: nothing to set")
    before = bt.blas_threads()
    bt._openblas()[0](2)     # two threads to start from, whatever this machine has
    yield
    bt._openblas()[0](before)


def test_one_thread_while_held_and_the_threads_back_after_the_last_release(openblas):
    bt.hold_one_thread()
    bt.hold_one_thread()                  # two holders (two windows training)
    assert bt.blas_threads() == 1
    bt.release_one_thread()
    assert bt.blas_threads() == 1         # one still trains
    bt.release_one_thread()
    assert bt.blas_threads() == 2
    bt.release_one_thread()               # one release too many changes nothing
    assert bt.blas_threads() == 2
