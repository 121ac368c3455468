"""A model file's ``.npy`` members, read with every check before the data.

The header is checked against the shape and dtype that model.json implies
before anything is allocated; members declaring more bytes than their shape
needs (zip bombs), object arrays (pickles), truncated or trailing data are
refused with `Invalid` naming the field.  Any kind of number is read (the
timeline's counts are integers, its moment flags booleans), in either byte
order.
"""
from __future__ import annotations

import math
import zipfile
import zlib
from typing import BinaryIO

import numpy as np

from .modelfile_schema import Invalid

__all__ = ["check_values", "read_npy"]

_MAX_NPY_HEADER = 10_000               # numpy's own default limit
_READ_CHUNK = 16 * 2**20
_CORRUPT = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError)


def check_values(arr: np.ndarray, field: str, positive: bool = False) -> None:
    finite = np.isfinite(arr)
    if not finite.all():
        where = tuple(int(i) for i in np.argwhere(~finite)[0])
        raise Invalid(f"holds NaN or infinite values (first at index {where})", field)
    if positive and not (arr > 0).all():
        where = tuple(int(i) for i in np.argwhere(~(arr > 0))[0])
        raise Invalid(f"must be > 0 (a scale), got {float(arr[where])!r} at index {where}", field)


def _read_exact(fp: BinaryIO, view: memoryview) -> int:
    got = 0
    while got < len(view):
        n = fp.readinto(view[got:got + _READ_CHUNK])
        if not n:
            break
        got += n
    return got


def _header(fp: BinaryIO, name: str, want: np.dtype, shape: tuple[int, ...], field: str) -> tuple[bool, np.dtype]:
    """Check the member's header; its (fortran_order, dtype as stored)."""
    try:
        version = np.lib.format.read_magic(fp)
        if version == (1, 0):
            got_shape, fortran, got_dtype = np.lib.format.read_array_header_1_0(fp)
        elif version == (2, 0):
            got_shape, fortran, got_dtype = np.lib.format.read_array_header_2_0(fp)
        else:
            raise Invalid(f"member {name!r}: .npy format version {version} is not supported "
                          "(1.0 and 2.0 are)", field)
    except ValueError as exc:
        raise Invalid(f"member {name!r} is not a valid .npy array ({exc})", field) from None
    if got_dtype.hasobject:
        raise Invalid(f"member {name!r} holds Python objects; model files hold numbers "
                      "only (pickled data is never loaded)", field)
    # The same kind and size, any byte order (converted on reading).
    if (got_dtype.kind != want.kind or got_dtype.itemsize != want.itemsize
            or got_dtype.fields is not None or got_dtype.subdtype is not None):
        raise Invalid(f"member {name!r}: expected {want.name} values, got {got_dtype.str!r}", field)
    if tuple(got_shape) != tuple(shape):
        raise Invalid(f"member {name!r}: expected shape {tuple(shape)}, got {tuple(got_shape)}", field)
    return fortran, got_dtype


def read_npy(zf: zipfile.ZipFile, info: zipfile.ZipInfo, shape: tuple[int, ...], dtype: str,
             field: str) -> np.ndarray:
    """Read one .npy member, checking its header against (shape, dtype) before the data."""
    name = info.filename
    want = np.dtype(dtype)
    nbytes = math.prod(shape) * want.itemsize
    if info.file_size > nbytes + _MAX_NPY_HEADER + 16:
        raise Invalid(f"member {name!r} declares {info.file_size:,} bytes; an array of shape "
                      f"{shape} needs {nbytes:,}", field)
    try:
        with zf.open(info) as fp:
            fortran, got_dtype = _header(fp, name, want, shape, field)
            flat = np.empty(math.prod(shape), dtype=got_dtype)
            got = _read_exact(fp, memoryview(flat).cast("B"))
            if got != nbytes:
                raise Invalid(f"member {name!r} is truncated: {got:,} of {nbytes:,} data bytes", field)
            if fp.read(1):
                raise Invalid(f"member {name!r} has bytes after the array data", field)
    except _CORRUPT as exc:
        raise Invalid(f"member {name!r} is corrupt ({exc})", field) from None
    arr = flat.reshape(shape, order="F" if fortran else "C")
    return np.ascontiguousarray(arr, dtype=want)
