"""CSV import: turn a delimited text file into a `Dataset`.

Two readers share one set of rules:

* a fast path for the common big case -- every column numeric, no quotes --
  hands the bytes to NumPy's C parser (`np.loadtxt`), in two processes for a
  big file (see "the numeric fast path" below);
* a precise path (the `csv` module, one row at a time) handles quoting and
  text columns, and is also what reports errors: whenever the fast path
  refuses a file, the precise path reads it again and names the first bad
  line and column.  The precise path is the definition of what is accepted.

Line numbers are those a text editor shows: the header is line 1, blank
lines count, and blank or whitespace-only lines are skipped as data.
"""
from __future__ import annotations

import csv
import io
import math
import mmap
import os
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from bpgui.core.data import DataError, Dataset

__all__ = ["load_csv", "DELIMITERS"]

DELIMITERS = (",", ";", "\t")
_SAMPLE_BYTES = 1 << 16  # enough to sniff delimiter and header
_SAMPLE_ROWS = 50
_BOM = b"\xef\xbb\xbf"


@dataclass
class _Layout:
    """What the first lines tell: delimiter, header and column names."""

    delimiter: str
    has_header: bool
    names: list[str]
    first_line: int  # 1-based line of the header, or of the first data row


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def _read_bytes(path: str, limit: int = -1) -> bytes:
    """The file's bytes (the first `limit` only, if given); DataError if unreadable."""
    if os.path.isdir(path):
        raise DataError("is a directory, not a CSV file", path=path)
    try:
        with open(path, "rb") as f:
            return f.read(limit)
    except FileNotFoundError:
        raise DataError("file not found", path=path) from None
    except PermissionError:
        raise DataError("permission denied: the file cannot be read", path=path) from None
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror or exc}", path=path) from None


def _rows(text: str, delimiter: str):
    """Yield (line_number, fields) for each non-blank record of `text`."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    prev = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. an unterminated quote
            raise DataError(f"malformed CSV: {exc}", line=prev + 1) from None
        start, prev = prev + 1, reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        yield start, row


def _sniff(sample: str, delimiter: str | None) -> _Layout:
    """Choose the delimiter and decide whether the first row is a header."""
    if delimiter is not None:
        if len(delimiter) != 1 or delimiter in "\"\r\n":
            raise DataError(f"delimiter must be one character other than a quote or newline, got {delimiter!r}")
        candidates = [delimiter]
    else:
        candidates = list(DELIMITERS)
    best = None
    for cand in candidates:
        rows = []
        try:
            for line, row in _rows(sample, cand):
                rows.append((line, row))
                if len(rows) >= _SAMPLE_ROWS:
                    break
        except DataError:
            pass  # judge on the rows before it; the full read reports the error
        if not rows:
            continue
        # The sample may end inside a record; judge on all but its last row.
        judged = rows[:-1] if len(rows) > 2 else rows
        widths = {len(r) for _, r in judged}
        consistent = len(widths) == 1
        cells = [c for _, r in judged[1:] for c in r]
        numeric = sum(_is_number(c) for c in cells) / len(cells) if cells else 0.0
        score = (consistent and len(rows[0][1]) > 1, numeric, len(rows[0][1]))
        if best is None or score > best[0]:
            best = (score, cand, rows)
    if best is None:
        raise DataError("cannot read the first rows as CSV (check the quotes)", line=1)
    _, delim, rows = best
    first_line, header = rows[0]
    header = [h.strip() for h in header]
    # A header is a first row with no number in it, or with a non-blank text
    # cell above a column whose next rows are numbers.
    below = [r for _, r in rows[1:]]
    has_header = not any(_is_number(h) for h in header)
    if not has_header and below:
        for j, h in enumerate(header):
            col = [r[j] for r in below if j < len(r) and r[j].strip()]
            if h and not _is_number(h) and col and all(_is_number(c) for c in col):
                has_header = True
                break
    if has_header:
        names = [h if h else f"col{j + 1}" for j, h in enumerate(header)]
        seen: dict[str, int] = {}
        for name in names:
            if name in seen:
                raise DataError(f"the header names column {name!r} twice", line=first_line, column=name)
            seen[name] = 1
    else:
        names = [f"col{j + 1}" for j in range(len(header))]
    return _Layout(delim, has_header, names, first_line)


def _resolve(spec: str | int, names: list[str], what: str, layout: _Layout) -> int:
    line = layout.first_line if layout.has_header else None
    available = ", ".join(repr(n) for n in names)
    if isinstance(spec, (int, np.integer)) and not isinstance(spec, bool):
        if -len(names) <= spec < len(names):
            return int(spec) % len(names)
        raise DataError(f"{what} column index {spec} is out of range; the file has "
                        f"{len(names)} columns: {available}", line=line)
    if isinstance(spec, str) and spec.strip() in names:
        return names.index(spec.strip())
    raise DataError(f"no {what} column named {spec!r}; available columns: {available}",
                    line=line, column=str(spec))


def _as_list(spec, names: list[str]) -> list:
    if isinstance(spec, str):
        # A name that exists wins over splitting it at commas.
        return [spec] if spec.strip() in names else [s for s in spec.split(",") if s.strip()]
    if isinstance(spec, (int, np.integer)):
        return [spec]
    return list(spec)


# ---- the numeric fast path -------------------------------------------------
#
# np.loadtxt is a C parser but holds the GIL, so threads cannot share its work;
# on a big file (1,000,000 x 21 numbers, 200 MB) it takes ~2.5-4.5x as long as
# pandas.  Above _PARALLEL_MIN_BYTES the file is cut at a line end and each
# part is copied (a kernel copy, ~2-4 GB/s) to a file of its own in RAM
# (/dev/shm where there is room): this process parses the head, a child
# process the tail, each with np.loadtxt on a file *name* -- the only input it
# reads in big chunks (an iterator of lines is ~1.6x slower).  Copying was
# measured cheaper than what it replaces (counting the head's lines for
# max_rows/skiprows, checking it has no blank line, skipping half the file in
# the child: ~0.5 s of CPU against ~0.1 s), and a part of a file parses exactly
# as it would inside the whole: the cut is after a "\n", which ends a line in
# every newline convention, and only the head holds the header and the BOM.
# The price is RAM: the two parts and the tail's rows sit in /dev/shm (about
# 1.4x the file's size for %.6f numbers) until the parse ends.
#
# Why a plain `python -c` child and not multiprocessing: it imports only NumPy
# (~0.2 s to start, against ~0.3 s for a "spawn" child that imports bpgui and
# re-runs the __main__ module; "fork" is unsafe once Qt has threads, and
# "forkserver" leaves a server process behind), and it can be killed at once
# if the head turns out bad.  This process names every file the child writes
# and removes them all in `finally` after the child has ended, so nothing is
# left behind (multiprocessing.shared_memory would also start a resource
# tracker process on Python < 3.13).
#
# Any failure of the machinery falls back to parsing in one process; a bad
# cell makes the fast path refuse the file exactly as before (None: the
# precise path then names the line and column).

# Below this, starting a process costs more than it saves: on 2 cores (best
# of 5, s) 32 MB took 0.48 in two processes against 0.33 in one, 64 MB 0.68
# against 0.80, 96 MB 0.97 against 1.15, 200 MB 1.74 against 2.83.
_PARALLEL_MIN_BYTES = 64 << 20
# The child's start (~0.2 s) is not spent parsing, so the head gets a bit more
# than half (measured on 2 cores).
_HEAD_SHARE = 0.55
_CHILD_GRACE = 30.0  # seconds a child may take beyond 4x the head's parse
_UNAVAILABLE = object()  # "the parallel path cannot be used": parse in one process

# The child: copy bytes [split, end) of `path` to `tail`, parse it, write
# (rows, columns) as two int64 then the float64 rows into `out`.  Exit 3:
# loadtxt refused the tail (a bad file); anything else: a broken machinery.
_TAIL_PARSER = r"""
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
        A = np.loadtxt(tail, delimiter=delimiter, comments=None, quotechar=None,
                       ndmin=2, dtype=np.float64, encoding=encoding)
except ValueError:
    sys.exit(3)
with open(out, "r+b") as f:
    f.write(np.array(A.shape, dtype=np.int64).tobytes())
    f.write(memoryview(np.ascontiguousarray(A)).cast("B"))
"""


# The child does no linear algebra: one BLAS thread, or OpenBLAS starts one per
# core that spins for a while (~0.1 s of CPU taken from the parent here).
_CHILD_BLAS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _loadtxt(path: str, layout: _Layout, bom: bool, skiprows: int) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "input contained no data" etc.
        return np.loadtxt(path, delimiter=layout.delimiter, comments=None, quotechar=None,
                          skiprows=skiprows, ndmin=2, dtype=np.float64,
                          encoding="utf-8-sig" if bom else "ascii")


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


def _parse_in_two(path: str, layout: _Layout, bom: bool, skip: int, size: int):
    """[head rows, tail rows] parsed by this process and a child process; None
    when loadtxt refuses either part; _UNAVAILABLE when this path cannot be
    used (the caller then parses the whole file here)."""
    if getattr(sys, "frozen", False) or not sys.executable:
        return _UNAVAILABLE  # a frozen app's executable is not a Python interpreter
    with open(path, "rb") as src:
        src.seek(int(size * _HEAD_SHARE))
        src.readline()
        split = src.tell()
        if split >= size:
            return _UNAVAILABLE
        # both parts, and the tail's rows (8 bytes for at least 2 characters)
        ram = "/dev/shm" if _room_in("/dev/shm", size + 4 * (size - split)) else None
        names: list[str] = []
        child = None
        try:
            for part in ("head.csv", "tail.csv", "tail.f8"):
                fd, name = tempfile.mkstemp(prefix="bpgui-csv-", suffix="-" + part, dir=ram)
                os.close(fd)
                names.append(name)
            head, tail, out = names
            # The tail has no BOM: "utf-8" there, not "utf-8-sig", so that it is
            # decoded exactly as inside the whole file.
            child = subprocess.Popen(
                [sys.executable, "-c", _TAIL_PARSER, os.path.dirname(os.path.dirname(np.__file__)),
                 path, str(split), layout.delimiter, "utf-8" if bom else "ascii", tail, out],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                env={**os.environ, **_CHILD_BLAS})
            with open(head, "r+b") as dst:
                _copy_bytes(src, dst, 0, split)
            started = time.perf_counter()
            try:
                A1 = _loadtxt(head, layout, bom, skip)
            except ValueError:
                return None
            # The tail takes about as long as the head; a child that takes far
            # longer is stuck (or starved): parse here instead.
            try:
                status = child.wait(timeout=_CHILD_GRACE + 4 * (time.perf_counter() - started))
            except subprocess.TimeoutExpired:
                return _UNAVAILABLE
            if status != 0:
                return None if status == 3 else _UNAVAILABLE
            A2 = _read_rows(out)
            if A2 is None:
                return _UNAVAILABLE
            # (a part of only blank lines gives no rows, and maybe one column)
            return [A for A in (A1, A2) if A.shape[0]] or None
        except (OSError, ValueError):  # e.g. no interpreter to start, a full disk
            return _UNAVAILABLE
        finally:
            if child is not None:
                if child.poll() is None:
                    child.kill()
                child.wait()
            for name in names:
                try:
                    os.unlink(name)
                except OSError:
                    pass


def _copy_bytes(src, dst, start: int, stop: int) -> None:
    """Copy bytes [start, stop) of open file `src` to the start of `dst`, in
    the kernel where it can (os.copy_file_range: Linux, Python >= 3.8)."""
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


def _fast_numeric(path: str, layout: _Layout, bom: bool) -> list[np.ndarray] | None:
    """All columns via NumPy's C parser, as blocks of consecutive rows (two
    for a big file parsed in two processes), or None when it refuses the file
    (the precise path then finds out why).  NumPy reads the file (or its
    parts) itself, so the text is never held as Python objects; "ascii" makes
    any non-ASCII byte a refusal, which the precise path then checks as UTF-8."""
    skip = layout.first_line if layout.has_header else layout.first_line - 1
    blocks = _UNAVAILABLE
    try:
        size = os.path.getsize(path)
        if size >= _PARALLEL_MIN_BYTES and _cpu_count() >= 2:
            blocks = _parse_in_two(path, layout, bom, skip, size)
        if blocks is _UNAVAILABLE:
            blocks = [_loadtxt(path, layout, bom, skip)]
    except (ValueError, OSError):
        return None
    if blocks is None or sum(A.shape[0] for A in blocks) == 0:
        return None
    if any(A.shape[1] != len(layout.names) or not np.isfinite(A).all() for A in blocks):
        return None
    return blocks


def _columns_of(blocks: list[np.ndarray], idx: list[int]) -> np.ndarray:
    """A C-contiguous array of columns `idx` of the row blocks stacked: one
    copy; a slice when the columns are a run (much faster than a gather, which
    matters at a million rows)."""
    run = idx == list(range(idx[0], idx[0] + len(idx)))
    parts = [A[:, idx[0]:idx[0] + len(idx)] if run else np.take(A, idx, axis=1) for A in blocks]
    if len(parts) > 1:
        return np.concatenate(parts)
    return parts[0].copy() if run else parts[0]


def _numeric_column(cells: Sequence[str], lines: list[int], name: str, path: str,
                    text_hint: bool) -> np.ndarray:
    """Parse one column of cells, naming the first bad cell precisely."""
    try:
        values = np.array(cells, dtype=np.float64)
    except ValueError:
        values = None
    if values is not None and np.isfinite(values).all():
        return values
    for i, cell in enumerate(cells):
        s = cell.strip()
        if not s:
            raise DataError("blank cell (every cell needs a value)", path, lines[i], name)
        try:
            v = float(s)
        except ValueError:
            hint = ("; if the column holds categories, one-hot encode it "
                    "(bpgui train --one-hot; one_hot_features=True in Python)") if text_hint else ""
            raise DataError(f"{cell!r} is not a number{hint}", path, lines[i], name) from None
        if not math.isfinite(v):
            raise DataError(f"{cell!r} is not a finite number (NaN and Inf are not allowed)",
                            path, lines[i], name)
    raise AssertionError("unreachable: a bad cell was expected")  # pragma: no cover


def _text_column(cells: Sequence[str], lines: list[int], name: str, path: str) -> list[str]:
    out = [c.strip() for c in cells]
    for i, c in enumerate(out):
        if not c:
            raise DataError("blank cell (every cell needs a value)", path, lines[i], name)
    return out


def _looks_numeric(cells: Sequence[str]) -> bool:
    """A column is numeric when most of its non-blank cells are numbers, so one
    typo in a numeric column is reported as a typo, not as a class label."""
    probe = [c for c in cells[:2000] if c.strip()]
    return bool(probe) and sum(_is_number(c) for c in probe) * 2 >= len(probe)



def _decode(path: str, layout: _Layout) -> str:
    """The whole file as text; a byte that is not UTF-8 is reported by line
    and column."""
    data = _read_bytes(path)
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        prefix = data[start:exc.start].decode("utf-8", errors="replace")
        col_i = prefix.count(layout.delimiter)
        column = layout.names[col_i] if col_i < len(layout.names) else None
        raise DataError(f"byte 0x{data[exc.start]:02x} is not valid UTF-8 text "
                        "(save the file as UTF-8)", path, line, column) from None


def _line_of_row(path: str, layout: _Layout, row: int) -> int | None:
    """The line (1-based, as an editor counts) of data row ``row``; for error messages only."""
    seen = 0
    for line, _ in _rows(_decode(path, layout), layout.delimiter):
        if layout.has_header and line <= layout.first_line:
            continue
        if seen == row:
            return line
        seen += 1
    return None


def _precise_columns(text: str, layout: _Layout, path: str, t_idx: list[int], f_idx: list[int],
                     one_hot_named: list[str], one_hot_all: bool) -> dict[int, np.ndarray | list[str]]:
    """Read every row with the csv module; return the used columns, numeric
    ones as float arrays and class/one-hot ones as lists of stripped text."""
    names = layout.names
    width = len(names)
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        for line, row in _rows(text, layout.delimiter):
            if layout.has_header and line <= layout.first_line:
                continue
            if len(row) != width:
                # name the first missing column, or none for extra fields
                missing = names[len(row)] if len(row) < width else None
                raise DataError(f"expected {width} fields, got {len(row)}", path, line, missing)
            rows.append(row)
            lines.append(line)
    except DataError as exc:
        raise DataError(exc.reason, path, exc.line, exc.column) from None
    if not rows:
        raise DataError("the file has a header but no data rows", path,
                        layout.first_line if layout.has_header else None)
    raw = list(zip(*rows))
    del rows
    columns: dict[int, np.ndarray | list[str]] = {}
    for j in sorted(set(t_idx) | set(f_idx)):
        cells, name = raw[j], names[j]
        categorical = (name in one_hot_named
                       or (j in f_idx and one_hot_all and not _looks_numeric(cells))
                       or (j in t_idx and not _looks_numeric(cells)))
        if categorical:
            columns[j] = _text_column(cells, lines, name, path)
        else:
            # Suggest one-hot only for a column of text, not for a typo in a column of numbers.
            columns[j] = _numeric_column(cells, lines, name, path,
                                         text_hint=j in f_idx and not _looks_numeric(cells))
    return columns


# More distinct text values than this in one column is an identifier, not a
# category: one-hot encoding it would make a matrix of rows x values.
MAX_CATEGORIES = 1000


def _check_category_count(count: int, column: str, path: str, line: int | None, role: str) -> None:
    if count > MAX_CATEGORIES:
        raise DataError(f"{count:,} distinct values: too many for a class {role} column "
                        f"(at most {MAX_CATEGORIES:,}); is it an identifier? leave it out", path, line, column)


def _one_hot(labels: list[str], classes: list[str]) -> np.ndarray:
    """Rows of 0/1 with a 1 in the column of each label's class (classes in the given order)."""
    index = {c: k for k, c in enumerate(classes)}
    codes = np.fromiter((index[v] for v in labels), dtype=np.intp, count=len(labels))
    out = np.zeros((len(labels), len(classes)))
    out[np.arange(len(labels)), codes] = 1.0
    return out


def _encode_features(columns: dict[int, np.ndarray | list[str]], f_idx: list[int],
                     names: list[str], path: str, header_line: int | None) -> tuple[np.ndarray, list[str]]:
    """Numeric columns as they are; text columns one-hot as ``name=value``
    (values in sorted order), in file column order."""
    blocks: list[np.ndarray] = []
    feature_names: list[str] = []
    for j in f_idx:
        col = columns[j]
        if isinstance(col, list):
            values = sorted(set(col))
            _check_category_count(len(values), names[j], path, header_line, "feature")
            blocks.append(_one_hot(col, values))
            feature_names += [f"{names[j]}={v}" for v in values]
        else:
            blocks.append(col[:, None])
            feature_names.append(names[j])
    return np.concatenate(blocks, axis=1), feature_names


def load_csv(path: str | os.PathLike, target: str | int | Sequence[str | int] | None = None,
             features: Sequence[str | int] | str | None = None,
             one_hot_features: bool | Sequence[str] = False,
             delimiter: str | None = None, classes: Sequence[str] | None = None) -> Dataset:
    """Load a delimited text file as a Dataset.

    target: column name(s), ``"a,b"``, or 0-based index; default the last
    column.  features: names or indices; default every other column.
    one_hot_features: True (every text feature column), or a list of column
    names to encode as ``name=value`` 0/1 columns.  delimiter: one of
    ``, ; \\t`` is detected when None.

    A text target becomes classes in sorted order: two classes give one 0/1
    column (1 = ``class_names[1]``, task "binary"), more give one-hot columns
    ("multiclass").  Numeric targets give "regression", except that targets
    holding only 0 and 1 are "binary".  Raises DataError naming file, line
    and column for every problem found.

    classes: the class names a model was trained with; a text target is then
    encoded in that order (a file may hold only some of them, even one), and
    a label outside them is an error.  ``target=[]`` reads features only
    (Y has no columns), for prediction.
    """
    path = os.path.abspath(os.fspath(path))
    head = _read_bytes(path, _SAMPLE_BYTES)
    bom = head.startswith(_BOM)
    if bom:
        head = head[len(_BOM):]
    if (not head or head.isspace()) and os.path.getsize(path) <= _SAMPLE_BYTES:
        raise DataError("the file is empty", path=path)

    head = head.decode("utf-8", errors="replace")
    try:
        layout = _sniff(head, delimiter)
    except DataError as exc:
        raise DataError(exc.reason, path, exc.line, exc.column) from None
    names = layout.names

    try:
        # Column choice first: errors here need no more than the header.
        features_only = target is not None and not isinstance(target, (str, int, np.integer)) \
            and len(list(target)) == 0
        if target is None:
            t_idx = [len(names) - 1]
        else:
            t_idx = [_resolve(t, names, "target", layout) for t in _as_list(target, names)]
        if not t_idx and not features_only:
            raise DataError("no target column given", line=None)
        if features is None:
            f_idx = [j for j in range(len(names)) if j not in t_idx]
        else:
            f_idx = [_resolve(f, names, "feature", layout) for f in _as_list(features, names)]
        both = [names[j] for j in f_idx if j in t_idx]
        if both:
            raise DataError(f"column(s) {', '.join(map(repr, both))} cannot be both feature and target",
                            line=layout.first_line if layout.has_header else None, column=both[0])
        if not f_idx:
            raise DataError(f"no feature columns left; columns: {', '.join(map(repr, names))}")
        if len(set(t_idx)) != len(t_idx) or len(set(f_idx)) != len(f_idx):
            raise DataError("a column is listed twice")
        if one_hot_features is True or one_hot_features is False:
            one_hot_named: list[str] = []
        else:
            one_hot_named = [names[_resolve(c, names, "one-hot", layout)]
                             for c in _as_list(one_hot_features, names)]
            stray = [c for c in one_hot_named if names.index(c) not in f_idx]
            if stray:
                raise DataError(f"one-hot column {stray[0]!r} is not a feature column",
                                column=stray[0])
    except DataError as exc:
        raise DataError(exc.reason, path, exc.line, exc.column) from None

    header_line = layout.first_line if layout.has_header else None
    blocks = None if one_hot_named else _fast_numeric(path, layout, bom)
    if blocks is not None:
        X = _columns_of(blocks, f_idx)
        feature_names = [names[j] for j in f_idx]
        columns: dict[int, np.ndarray | list[str]] = {j: _columns_of(blocks, [j])[:, 0] for j in t_idx}
        del blocks
    else:
        columns = _precise_columns(_decode(path, layout), layout, path, t_idx, f_idx,
                                   one_hot_named, one_hot_features is True)
        X, feature_names = _encode_features(columns, f_idx, names, path,
                                            layout.first_line if layout.has_header else None)

    # ---- targets
    t_names = [names[j] for j in t_idx]
    text_targets = [names[j] for j in t_idx if isinstance(columns[j], list)]
    class_names: list[str] | None = None
    if text_targets:
        if len(t_idx) > 1:
            raise DataError(f"only one target column may hold class labels; "
                            f"got {', '.join(map(repr, t_names))} (class columns: "
                            f"{', '.join(map(repr, text_targets))})",
                            path, header_line, text_targets[0])
        labels = columns[t_idx[0]]
        if classes is not None:
            class_names = [str(c) for c in classes]
            unknown = sorted(set(labels) - set(class_names))
            if unknown:
                row = labels.index(unknown[0])
                raise DataError(f"class {unknown[0]!r} is not one of the model's classes "
                                f"({', '.join(map(repr, class_names))})", path,
                                _line_of_row(path, layout, row), t_names[0])
        else:
            class_names = sorted(set(labels))
        if len(class_names) < 2:
            raise DataError(f"every row has the class {class_names[0]!r}; a class target "
                            "needs at least two classes", path, header_line, t_names[0])
        _check_category_count(len(class_names), t_names[0], path, header_line, "target")
        one_hot = _one_hot(labels, class_names)   # in class_names' order, sorted or not
        if len(class_names) == 2:
            Y = one_hot[:, 1:]
            task, target_names = "binary", t_names
        else:
            Y = one_hot
            task, target_names = "multiclass", [f"{t_names[0]}={c}" for c in class_names]
    elif not t_idx:
        Y = np.empty((X.shape[0], 0))
        target_names, task = [], "regression"
    else:
        Y = np.column_stack([columns[j] for j in t_idx])
        target_names = t_names
        zero_one = np.isin(Y, (0.0, 1.0)).all()
        if zero_one and all(len(np.unique(Y[:, k])) == 2 for k in range(Y.shape[1])):
            # 0/1 columns are class indicators (gates, labels already coded)
            task = "binary"
            class_names = ["0", "1"] if Y.shape[1] == 1 else None
        else:
            task = "regression"

    return Dataset(X=X, Y=Y, feature_names=feature_names, target_names=target_names,
                   class_names=class_names, task=task,
                   source={"kind": "csv", "path": path, "target": t_names,
                           "features": [names[j] for j in f_idx],
                           "one_hot_features": (True if one_hot_features is True else one_hot_named),
                           "delimiter": layout.delimiter, "header": layout.has_header},
                   name=os.path.basename(path))
