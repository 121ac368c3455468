"""Shared-memory slots through which progress weights go from the child to the window.

Two copies of a network's flat parameter vector live in one shared-memory
block; the figures behind this choice are in docs/benchmarks.md ("Weights
through shared memory").
"""
from __future__ import annotations

import os
import secrets
from multiprocessing.shared_memory import SharedMemory
from typing import Any

import numpy as np

from ..core.network import Network, parameter_views

__all__ = ["SharedSlots", "SHM_DIR"]

SHM_DIR = "/dev/shm"   # where Linux keeps shared memory (SharedSlots checks its room)
NAME_PREFIX = "bpgui-slots-"   # then the creating process id


class SharedSlots:
    """Two copies of a network's flat parameter vector in shared memory, through
    which progress snapshots' weights reach the window.

    Pickled into the pipe, a wide network's weights cost both processes a
    large share of their time.  Instead the child copies the parameters into a
    free slot and sends the slot's number (``Progress.slot``); the window
    copies the slot out and sends ``SlotCopied(k)``, which frees it.  While
    both slots are the window's, the child makes no progress snapshot; final
    messages carry their arrays in the pipe.

    The window creates the slots for a job (``create``) and unlinks them when
    the job has ended (``close``); the child ``attach``es by name.
    """

    N_SLOTS = 2

    def __init__(self, shm: SharedMemory, sizes: list[int], dtype: np.dtype | str, owner: bool) -> None:
        self._shm: SharedMemory | None = shm
        self.sizes = [int(n) for n in sizes]
        self.dtype = np.dtype(dtype)
        self.n_params = sum((a + 1) * b for a, b in zip(self.sizes[:-1], self.sizes[1:]))
        self._owner = owner
        self._slots = np.ndarray((self.N_SLOTS, self.n_params), dtype=self.dtype, buffer=shm.buf)

    @classmethod
    def create(cls, network: Network) -> "SharedSlots":
        """Slots for ``network``'s parameters.  Raises OSError when the shared-memory
        file system has too little room (the caller then uses the pipe)."""
        size = max(1, cls.N_SLOTS * network.n_params * network.dtype.itemsize)
        # On Linux the slots are a tmpfs file created sparse: a write past the
        # room there (a container's /dev/shm is often 64 MB) would kill the child
        # with SIGBUS.  So ask for at most half of what is free.
        if os.path.isdir(SHM_DIR):
            st = os.statvfs(SHM_DIR)
            free = st.f_bavail * st.f_frsize
            if size > free // 2:
                raise OSError(f"{size:,} bytes of shared memory wanted, {free:,} free in {SHM_DIR}")
        # Named by the creating process, so each process can tell its own slots apart.
        shm = SharedMemory(create=True, size=size, name=f"{NAME_PREFIX}{os.getpid()}-{secrets.token_hex(6)}")
        return cls(shm, network.sizes, network.dtype, owner=True)

    @classmethod
    def attach(cls, spec: dict[str, Any]) -> "SharedSlots":
        """The slots ``spec`` names, as created by another process."""
        return cls(SharedMemory(name=spec["name"]), spec["sizes"], spec["dtype"], owner=False)

    @property
    def spec(self) -> dict[str, Any]:
        """What ``attach`` needs (plain data, for the job)."""
        return {"name": self._shm.name, "sizes": list(self.sizes), "dtype": self.dtype.name}

    def write(self, k: int, flat: np.ndarray) -> None:
        """Copy a flat parameter vector into slot ``k``."""
        np.copyto(self._slots[k], flat)

    def read(self, k: int) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
        """A copy of slot ``k`` as per-layer weights and biases."""
        _, weights, biases = parameter_views(self._slots[k].copy(), self.sizes)
        return tuple(weights), tuple(biases)

    def close(self) -> None:
        """Unmap (and, in the process that created them, remove) the slots."""
        if self._shm is None:
            return
        self._slots = None          # the view must go before the mapping
        shm, self._shm = self._shm, None
        shm.close()
        if self._owner:
            try:
                shm.unlink()
            except FileNotFoundError:
                pass
