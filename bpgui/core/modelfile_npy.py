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
from .translatable import QT_TRANSLATE_NOOP, Text

__all__ = ["check_values", "read_npy"]

_MAX_NPY_HEADER = 10_000               # numpy's own default limit
_READ_CHUNK = 16 * 2**20
_CORRUPT = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError)


def check_values(arr: np.ndarray, field: str, positive: bool = False) -> None:
    finite = np.isfinite(arr)
    if not finite.all():
        where = tuple(int(i) for i in np.argwhere(~finite)[0])
        raise Invalid(Text("modelfile_npy", QT_TRANSLATE_NOOP("modelfile_npy", "holds NaN or infinite values (first at index {index})"),
                           index=str(where)), field)
    if positive and not (arr > 0).all():
        where = tuple(int(i) for i in np.argwhere(~(arr > 0))[0])
        raise Invalid(Text("modelfile_npy", QT_TRANSLATE_NOOP("modelfile_npy", "must be > 0 (a scale), got {value} at index {index}"),
                           value=repr(float(arr[where])), index=str(where)), field)


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
            raise Invalid(Text("modelfile_npy", QT_TRANSLATE_NOOP("modelfile_npy", "member {member}: .npy format version {version} is not supported (1.0 and 2.0 are)"),
                               member=repr(name), version=str(version)), field)
    except ValueError as exc:
        raise Invalid(Text("modelfile_npy", QT_TRANSLATE_NOOP("modelfile_npy", "member {member} is not a valid .npy array ({detail})"),
                           member=repr(name), detail=str(exc)), field) from None
    if got_dtype.hasobject:
        raise Invalid(Text("modelfile_npy", QT_TRANSLATE_NOOP("modelfile_npy", "member {member} holds Python objects; model files hold numbers only (pickled data is never loaded)"),
                           member=repr(name)), field)
    # The same kind and size, any byte order (converted on reading).
    if (got_dtype.kind != want.kind or got_dtype.itemsize != want.itemsize
            or got_dtype.fields is not None or got_dtype.subdtype is not None):
        raise Invalid(Text("modelfile_npy", QT_TRANSLATE_NOOP("modelfile_npy", "member {member}: expected {dtype} values, got {got}"),
                           member=repr(name), dtype=want.name, got=repr(got_dtype.str)), field)
    if tuple(got_shape) != tuple(shape):
        raise Invalid(Text("modelfile_npy", QT_TRANSLATE_NOOP("modelfile_npy", "member {member}: expected shape {shape}, got {got}"),
                           member=repr(name), shape=str(tuple(shape)), got=str(tuple(got_shape))), field)
    return fortran, got_dtype


def read_npy(zf: zipfile.ZipFile, info: zipfile.ZipInfo, shape: tuple[int, ...], dtype: str,
             field: str) -> np.ndarray:
    """Read one .npy member, checking its header against (shape, dtype) before the data."""
    name = info.filename
    want = np.dtype(dtype)
    nbytes = math.prod(shape) * want.itemsize
    if info.file_size > nbytes + _MAX_NPY_HEADER + 16:
        raise Invalid(Text("modelfile_npy", QT_TRANSLATE_NOOP("modelfile_npy", "member {member} declares {size} bytes; an array of shape {shape} needs {need}"),
                           member=repr(name), size=f"{info.file_size:,}", shape=str(shape), need=f"{nbytes:,}"), field)
    try:
        with zf.open(info) as fp:
            fortran, got_dtype = _header(fp, name, want, shape, field)
            flat = np.empty(math.prod(shape), dtype=got_dtype)
            got = _read_exact(fp, memoryview(flat).cast("B"))
            if got != nbytes:
                raise Invalid(Text("modelfile_npy", QT_TRANSLATE_NOOP("modelfile_npy", "member {member} is truncated: {got} of {need} data bytes"),
                                   member=repr(name), got=f"{got:,}", need=f"{nbytes:,}"), field)
            if fp.read(1):
                raise Invalid(Text("modelfile_npy", QT_TRANSLATE_NOOP("modelfile_npy", "member {member} has bytes after the array data"),
                                   member=repr(name)), field)
    except _CORRUPT as exc:
        raise Invalid(Text("modelfile_npy", QT_TRANSLATE_NOOP("modelfile_npy", "member {member} is corrupt ({detail})"),
                           member=repr(name), detail=str(exc)), field) from None
    arr = flat.reshape(shape, order="F" if fortran else "C")
    return np.ascontiguousarray(arr, dtype=want)
