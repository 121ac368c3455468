"""The two-process numeric path: this process parses the head of a big file,
a child process the tail, each with `np.loadtxt` on a file of its own.

The file is cut after a "\\n" (which ends a line in every newline convention)
and each part is copied to its own file in RAM (/dev/shm where there is
room), so a part parses exactly as it would inside the whole; only the head
holds the header and the BOM.  Why this shape, and the measurements behind
the constants: docs/benchmarks.md, "CSV import against pandas".

Any failure of the machinery returns `UNAVAILABLE` (the caller parses in one
process); a part that loadtxt refuses returns None (a bad file: the precise
reader then names the line and column).
"""
from __future__ import annotations

import mmap
import os
import subprocess
import sys
import tempfile
import time
from typing import Callable

import numpy as np

__all__ = ["MIN_BYTES", "HEAD_SHARE", "CHILD_GRACE", "UNAVAILABLE", "TAIL_PARSER",
           "cpu_count", "parse_in_two"]

# Below this, starting a process costs more than it saves (docs/benchmarks.md).
MIN_BYTES = 64 << 20
# The child's start (~0.2 s) is not spent parsing, so the head gets a bit more than half.
HEAD_SHARE = 0.55
CHILD_GRACE = 30.0  # seconds a child may take beyond 4x the head's parse
UNAVAILABLE = object()  # "the parallel path cannot be used": parse in one process

# The child: copy bytes [split, end) of `path` to `tail`, parse it, write
# (rows, columns) as two int64 then the float64 rows into `out`.  Exit 3:
# loadtxt refused the tail (a bad file); anything else: a broken machinery.
# A plain `python -c` child imports only NumPy and can be killed at once.
TAIL_PARSER = r"""
import sys, warnings
sys.path.insert(0, sys.argv[1])  # the parent's NumPy
import numpy as np
path, split, delimiter, encoding, tail, out = sys.argv[2], int(sys.argv[3]), *sys.argv[4:8]
with open(path, "rb") as src, open(tail, "r+b") as dst:
    src.seek(split)
    while chunk := src.read(1 << 24):
        dst.write(chunk)
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        A = np.loadtxt(tail, delimiter=None if delimiter == " " else delimiter, comments=None, quotechar=None,
                       ndmin=2, dtype=np.float64, encoding=encoding)
except ValueError:
    sys.exit(3)
with open(out, "r+b") as f:
    f.write(np.array(A.shape, dtype=np.int64).tobytes())
    f.write(memoryview(np.ascontiguousarray(A)).cast("B"))
"""

# The child does no linear algebra: one BLAS thread, or OpenBLAS starts one
# per core that spins for a while and takes CPU from the parent.
_CHILD_BLAS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _read_rows(path: str) -> np.ndarray | None:
    """The child's rows from its output file: (rows, columns) as two int64,
    then the float64 rows.  On POSIX they are mapped, not copied (the mapping
    outlives the file's name, which is removed at once)."""
    with open(path, "rb") as f:
        head = f.read(16)
        if len(head) != 16:
            return None
        n, m = (int(v) for v in np.frombuffer(head, dtype=np.int64))
        if n < 0 or m < 0 or os.fstat(f.fileno()).st_size != 16 + 8 * n * m:
            return None
        if os.name == "posix" and n * m:
            buf = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            return np.frombuffer(buf, dtype=np.float64, offset=16).reshape(n, m)
        A = np.empty((n, m))
        return A if f.readinto(memoryview(A).cast("B")) == A.nbytes else None


def _room_in(folder: str, nbytes: int) -> bool:
    """Whether `folder` exists, is writable and has `nbytes` free (a container's
    /dev/shm is often only 64 MB)."""
    try:
        st = os.statvfs(folder)
    except (AttributeError, OSError):
        return False
    return os.access(folder, os.W_OK) and st.f_bavail * st.f_frsize > nbytes


def _copy_bytes(src, dst, start: int, stop: int) -> None:
    """Copy bytes [start, stop) of open file `src` to the start of `dst`, in
    the kernel where it can (os.copy_file_range: Linux)."""
    done = 0
    try:
        while start + done < stop:
            n = os.copy_file_range(src.fileno(), dst.fileno(), stop - start - done,
                                   start + done, done)
            if not n:
                break
            done += n
    except (AttributeError, OSError):
        pass  # not here, or not between these file systems: copy the rest by hand
    src.seek(start + done)
    dst.seek(done)
    while start + done < stop:
        chunk = src.read(min(stop - start - done, 1 << 24))
        if not chunk:
            raise OSError("the file got shorter while being read")
        dst.write(chunk)
        done += len(chunk)


def _temp_files(ram: str | None, names: list[str]) -> None:
    """Make the three files, naming each in `names` at once, so that a failure
    half-way still leaves every made file for the caller to remove."""
    for part in ("head.csv", "tail.csv", "tail.f8"):
        fd, name = tempfile.mkstemp(prefix=f"bpgui-csv-{os.getpid()}-", suffix="-" + part, dir=ram)
        os.close(fd)
        names.append(name)


def _remove(names: list[str]) -> None:
    for name in names:
        try:
            os.unlink(name)
        except OSError:
            pass


def _start_child(path: str, split: int, delimiter: str, bom: bool, tail: str, out: str) -> subprocess.Popen:
    # The tail has no BOM: "utf-8" there, not "utf-8-sig", so that it is
    # decoded exactly as inside the whole file.
    return subprocess.Popen(
        [sys.executable, "-c", TAIL_PARSER, os.path.dirname(os.path.dirname(np.__file__)),
         path, str(split), delimiter, "utf-8" if bom else "ascii", tail, out],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, **_CHILD_BLAS})


def _tail_rows(child: subprocess.Popen, out: str, head_seconds: float):
    # The tail takes about as long as the head; a child that takes far
    # longer is stuck (or starved): parse here instead.
    try:
        status = child.wait(timeout=CHILD_GRACE + 4 * head_seconds)
    except subprocess.TimeoutExpired:
        return UNAVAILABLE
    if status != 0:
        return None if status == 3 else UNAVAILABLE
    rows = _read_rows(out)
    return UNAVAILABLE if rows is None else rows


def parse_in_two(path: str, delimiter: str, bom: bool, size: int,
                 parse_head: Callable[[str], np.ndarray]):
    """[head rows, tail rows] parsed by `parse_head` here and by a child
    process; None when loadtxt refuses either part; `UNAVAILABLE` when this
    path cannot be used (the caller then parses the whole file here)."""
    if getattr(sys, "frozen", False) or not sys.executable:
        return UNAVAILABLE  # a frozen app's executable is not a Python interpreter
    with open(path, "rb") as src:
        src.seek(int(size * HEAD_SHARE))
        src.readline()
        split = src.tell()
        if split >= size:
            return UNAVAILABLE
        # both parts, and the tail's rows (8 bytes for at least 2 characters)
        ram = "/dev/shm" if _room_in("/dev/shm", size + 4 * (size - split)) else None
        names: list[str] = []
        child = None
        try:
            _temp_files(ram, names)
            head, tail, out = names
            child = _start_child(path, split, delimiter, bom, tail, out)
            with open(head, "r+b") as dst:
                _copy_bytes(src, dst, 0, split)
            started = time.perf_counter()
            try:
                A1 = parse_head(head)
            except ValueError:
                return None
            A2 = _tail_rows(child, out, time.perf_counter() - started)
            if A2 is None or A2 is UNAVAILABLE:
                return A2
            # (a part of only blank lines gives no rows, and maybe one column)
            return [A for A in (A1, A2) if A.shape[0]] or None
        except (OSError, ValueError):  # e.g. no interpreter to start, a full disk
            return UNAVAILABLE
        finally:
            if child is not None:
                if child.poll() is None:
                    child.kill()
                child.wait()
            _remove(names)
